//! serve: which jobs read a key, found without looking at every job. A body edit
//! changes a key or two; scanning the records of all 14,000 files of a
//! 10,000-profile site to find their readers took most of a save's rebuild.

use std::collections::HashMap;

use crate::pipeline::Built;
use crate::render::Job;
use crate::render::reads::{Key, Record};

/// Key → the jobs (by index in [`Built::jobs`]) whose last rendering read it.
/// A key a job no longer reads may stay listed: that job then renders once more
/// than needed, never less.
pub(super) struct Readers {
    by_key: HashMap<Key, Vec<u32>>,
    /// Job → its index, to record a job rendered again.
    index: HashMap<Job, u32>,
}

impl Readers {
    /// The index of a build's records.
    pub(super) fn new(built: &Built) -> Readers {
        let mut readers = Readers {
            by_key: HashMap::new(),
            index: HashMap::with_capacity(built.jobs.len()),
        };
        for (i, job) in built.jobs.iter().enumerate() {
            let i = i as u32;
            readers.index.insert(*job, i);
            let file = Job::file(&job.path(&built.site));
            if let Some(record) = built.records.files.get(&file) {
                for key in &record.reads {
                    readers.by_key.entry(*key).or_default().push(i);
                }
            }
        }
        for jobs in readers.by_key.values_mut() {
            jobs.dedup();
        }
        readers
    }

    /// The jobs that read one of `keys`, in the order of [`Built::jobs`].
    pub(super) fn of(&self, keys: &[Key]) -> Vec<u32> {
        let mut jobs: Vec<u32> = keys
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        jobs.sort_unstable();
        jobs.dedup();
        jobs
    }

    /// Notes what `job` read when it rendered again.
    pub(super) fn rendered(&mut self, job: Job, record: &Record) {
        let Some(&i) = self.index.get(&job) else {
            return;
        };
        for key in &record.reads {
            let jobs = self.by_key.entry(*key).or_default();
            if let Err(at) = jobs.binary_search(&i) {
                jobs.insert(at, i);
            }
        }
    }
}
