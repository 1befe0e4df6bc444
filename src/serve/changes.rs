//! serve: what differs between two versions of the site, by identity (page paths,
//! commune and tag slugs), so that a page showing something that changed is found
//! whatever the positions of things in the two versions.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::deps::Dep;
use crate::model::{PageRef, Site};
use crate::render::Job;

/// Changes that every page shows (the menu, breadcrumbs): sections or the home title.
pub fn layout_changed(old: &Site, new: &Site) -> bool {
    let key = |s: &crate::model::Section| {
        (
            s.dir.clone(),
            s.kind,
            s.title.clone(),
            s.description.clone(),
            s.weight,
            s.paginate,
        )
    };
    old.home.title != new.home.title
        || old.home.description != new.home.description
        || old.sections.len() != new.sections.len()
        || old
            .sections
            .iter()
            .zip(&new.sections)
            .any(|(a, b)| key(a) != key(b))
}

/// What differs between two versions of the site, by identity.
pub struct Changed {
    /// Paths of pages added, removed or whose file changed.
    pages: HashSet<String>,
    /// Slugs of communes and tags whose name changed, or that came or went.
    communes: HashSet<String>,
    tags: HashSet<String>,
    /// The first list page of sections whose text (not front matter) changed.
    pub section_bodies: Vec<Job>,
}

impl Changed {
    /// What differs from `old` to `new`; `saved` are the files saved in between, so
    /// that a page whose bundle holds one (a photo) counts as changed too.
    pub fn between(old: &Site, new: &Site, saved: &[&Path]) -> Changed {
        let texts = |site: &Site| -> HashMap<String, usize> {
            site.all_pages()
                .enumerate()
                .map(|(i, r)| (site.page(r).path.clone(), i))
                .collect()
        };
        let old_refs: Vec<PageRef> = old.all_pages().collect();
        let old_index = texts(old);
        let mut pages = HashSet::new();
        for r in new.all_pages() {
            let page = new.page(r);
            let same = old_index
                .get(&page.path)
                .is_some_and(|i| old.page(old_refs[*i]).source.text == page.source.text);
            if !same {
                pages.insert(page.path.clone());
            }
        }
        let new_index = texts(new);
        pages.extend(old_index.into_keys().filter(|p| !new_index.contains_key(p)));
        for r in new.all_pages() {
            let page = new.page(r);
            if let Some(bundle) = &page.bundle
                && saved.iter().any(|s| s.starts_with(bundle))
            {
                pages.insert(page.path.clone());
            }
        }
        let names = |old: Vec<(&String, &String)>, new: Vec<(&String, &String)>| {
            let old: HashMap<&String, &String> = old.into_iter().collect();
            let new: HashMap<&String, &String> = new.into_iter().collect();
            let mut changed: HashSet<String> = new
                .iter()
                .filter(|(slug, name)| old.get(*slug) != Some(*name))
                .map(|(slug, _)| (*slug).clone())
                .collect();
            changed.extend(
                old.keys()
                    .filter(|s| !new.contains_key(*s))
                    .map(|s| (*s).clone()),
            );
            changed
        };
        let communes = names(
            old.communes.iter().map(|c| (&c.slug, &c.name)).collect(),
            new.communes.iter().map(|c| (&c.slug, &c.name)).collect(),
        );
        let tags = names(
            old.tags.iter().map(|t| (&t.slug, &t.name)).collect(),
            new.tags.iter().map(|t| (&t.slug, &t.name)).collect(),
        );
        let section_bodies = (0..new.sections.len().min(old.sections.len()))
            .filter(|s| old.sections[*s].source.text != new.sections[*s].source.text)
            .map(|s| Job::SectionList(s, 1))
            .collect();
        Changed {
            pages,
            communes,
            tags,
            section_bodies,
        }
    }

    pub fn contains(&self, site: &Site, dep: Dep) -> bool {
        match dep {
            Dep::Page(r) => self.pages.contains(&site.page(r).path),
            Dep::Commune(c) => self.communes.contains(&site.communes[c].slug),
            Dep::Tag(t) => self.tags.contains(&site.tags[t].slug),
            Dep::Value(_) => false,
        }
    }
}
