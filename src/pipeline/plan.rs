//! Which files a rebuild renders: those that are new, and those one of whose reads
//! (in the last build's [`Records`]) changed value. The others are kept as the last
//! build wrote them.

use std::collections::BTreeSet;

use crate::model::Site;
use crate::render::Job;
use crate::render::reads::{Key, Record, Records, Values};

/// What a build does with each of the site's jobs.
#[derive(Debug, Default)]
pub struct Plan {
    /// Rendered now.
    pub render: Vec<Job>,
    /// Kept from the last build: the job, its file and what it read then.
    pub keep: Vec<(Job, String, Record)>,
    /// Out of date but kept for now, to be rendered later (`serve`'s search index).
    pub later: Vec<(Job, String, Record)>,
}

impl Plan {
    /// Everything rendered: a first build.
    pub fn everything(jobs: &[Job]) -> Plan {
        Plan {
            render: jobs.to_vec(),
            ..Plan::default()
        }
    }

    /// The plan of a rebuild of `site`, whose keys are worth `values`, after the
    /// build that recorded `previous`. `defer` names the jobs that may wait.
    pub fn after(
        site: &Site,
        jobs: &[Job],
        values: &Values,
        previous: &Records,
        defer: impl Fn(Job) -> bool,
    ) -> Plan {
        let changed: BTreeSet<Key> = previous.values.changed(values);
        let mut plan = Plan::default();
        for job in jobs {
            let file = Job::file(&job.path(site));
            let record = previous.files.get(&file);
            // A page that was hidden by a static file of the same path has no
            // output of its own to keep.
            let shadowed = previous.statics.contains(&file);
            match record {
                Some(record) if !shadowed => {
                    let stale = record.reads.iter().any(|k| changed.contains(k));
                    let entry = (*job, file, record.clone());
                    if !stale {
                        plan.keep.push(entry);
                    } else if defer(*job) {
                        plan.later.push(entry);
                    } else {
                        plan.render.push(*job);
                    }
                }
                _ => plan.render.push(*job),
            }
        }
        plan
    }
}
