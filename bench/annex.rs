//! The annex benchmark's timing program (run by bench/annex.sh): reads an annex and
//! matches its units against a units list, many times, and prints the time per read.
//!
//!     annex_bench ANNEX.xlsx UNITS.tsv [RUNS]
//!
//! UNITS.tsv has one `id<TAB>name` a line.

use std::path::Path;
use std::time::{Duration, Instant};

use tonvinh::annex::{self, MatchOptions, ReadOptions, UnitMatcher};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, annex_path, units_path, rest @ ..] = args.as_slice() else {
        eprintln!("usage: annex_bench ANNEX UNITS.tsv [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(50);
    let bytes = std::fs::read(annex_path).expect("the annex file");
    let units_text = std::fs::read_to_string(units_path).expect("the units file");
    let units: Vec<(&str, &str)> = units_text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let path = Path::new(annex_path);

    let mut read_times = Vec::new();
    let mut index_times = Vec::new();
    let mut match_times = Vec::new();
    let mut rows = 0;
    let mut matched = 0;
    let mut problems = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let read = annex::read(path, &bytes, &ReadOptions::default());
        let t1 = Instant::now();
        let matcher = UnitMatcher::new(units.iter().copied());
        let t2 = Instant::now();
        let annex = read.annex.expect("the benchmark annex reads");
        let (found, match_problems) =
            annex::match_units(path, &annex, &matcher, &MatchOptions::default());
        let t3 = Instant::now();
        read_times.push(t1 - t0);
        index_times.push(t2 - t1);
        match_times.push(t3 - t2);
        rows = annex.rows.len();
        matched = found.iter().filter(|m| m.unit.is_some()).count();
        problems = read.problems.len() + match_problems.len();
    }
    let total: Vec<Duration> = (0..runs)
        .map(|i| read_times[i] + index_times[i] + match_times[i])
        .collect();
    println!(
        "{rows} rows, {} units, {matched} rows matched, {problems} problems, {runs} runs",
        units.len()
    );
    for (label, times) in [
        ("read (calamine + header + rows + checks)", read_times),
        ("index the units", index_times),
        ("match the rows' units", match_times),
        ("total per annex", total),
    ] {
        println!("{label:>42}: {}", summary(times));
    }
}

/// "median 12.3 ms (min 11.9, max 14.0)".
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.2} ms (min {:.2}, max {:.2})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    )
}
