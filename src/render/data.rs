//! Jobs that write data rather than HTML: the search index and the report's CSV and
//! JSON files. Each is built from the immutable site, like every page.

use rayon::prelude::*;

use super::context::Shapes;
use super::pages::Job;
use super::reads::Key;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::report;

/// The files of a data job, `(path below the base URL, bytes)`; `None` for a page.
pub fn files(job: Job, shapes: &Shapes) -> Option<Vec<(String, Vec<u8>)>> {
    let site = shapes.site;
    let lang = site.config.language;
    if matches!(
        job,
        Job::SearchIndex | Job::ReportCsv(_) | Job::ReportJson(_)
    ) {
        shapes.read_site();
    }
    match job {
        Job::SearchIndex => {
            shapes.reads.add(Key::BODIES);
            let bodies = shapes.bodies;
            let summary = |r| super::context::summary_of(site, bodies, r);
            Some(crate::search::build(
                site,
                bodies,
                &summary,
                shapes.word_cache,
            ))
        }
        Job::ReportCsv(year) => {
            let figures = shapes.reports.get(year);
            Some(vec![(job.path(site), report::csv(&figures, site, lang))])
        }
        Job::ReportJson(year) => {
            let figures = shapes.reports.get(year);
            Some(vec![(job.path(site), report::json(&figures))])
        }
        _ => None,
    }
}

/// Writes the files, in parallel; the first failure, if any.
pub fn write(files: Vec<(String, Vec<u8>)>, out: &dyn Sink) -> Option<Diagnostic> {
    files.into_par_iter().find_map_first(|(rel, bytes)| {
        out.write(&rel, &bytes)
            .err()
            .map(|e| crate::output::write_problem(out.location(&rel), &e))
    })
}
