//! `--timings`: how long each stage took, in wall time, CPU time of every thread and
//! memory.

use std::time::Instant;

/// Prints the time since the last mark, when timings are on: wall time, the CPU
/// time of every thread (twice the wall time when two cores are kept busy) and memory.
pub struct Timer {
    on: bool,
    last: Instant,
    last_cpu: f64,
}

impl Timer {
    pub fn new(on: bool) -> Timer {
        Timer {
            on,
            last: Instant::now(),
            last_cpu: cpu_seconds(),
        }
    }

    pub fn mark(&mut self, stage: &str) {
        if self.on {
            let cpu = cpu_seconds();
            eprintln!(
                "  {stage:<12} {:>8.1} ms {:>8.1} ms CPU  {}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                (cpu - self.last_cpu) * 1000.0,
                memory()
            );
            self.last_cpu = cpu;
        }
        self.last = Instant::now();
    }

    /// Prints a line of its own (a stage that ran beside the others).
    pub fn note(&self, line: impl FnOnce() -> String) {
        if self.on {
            eprintln!("{}", line());
        }
    }
}

/// User and system time of the whole process so far, where the system tells.
fn cpu_seconds() -> f64 {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return secs(usage.ru_utime) + secs(usage.ru_stime);
        }
    }
    0.0
}

/// Resident memory now and at its peak, where the system tells (Linux).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map(|kb| kb / 1024)
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!("{now} MiB (peak {peak} MiB)"),
        _ => String::new(),
    }
}
