//! The form editor: a Decap CMS configuration (`admin/config.yml`) and page
//! (`admin/index.html`) generated from the content model, never written by hand.
//!
//! Pure: a [`Model`] (sections, awards, `[cms]` settings) in, YAML and HTML out.
//! `load` reads what it needs from a site folder; `publish` adds the two files to
//! a build when site.toml's `[cms]` names a repository. `serve` answers the CMS's
//! local API (`serve::cms_api`) and serves a page of its own (see [`Backend`]).

mod decap_toml;
mod fields;
mod page;
mod widgets;

use std::path::Path;

use serde::Serialize;
use yaml_serde::{Mapping, Value};

use crate::config::{CmsConfig, Config};
use crate::content::front::SectionFront;
use crate::content::frontmatter;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::domain::SectionKind;
use crate::domain::awards as award;
use crate::domain::labels::kind_label;
use crate::output::Sink;
use crate::vietnamese::Lang;

pub use decap_toml::quote_nested_dates;
pub use page::{Local, TOKEN_HEADER, admin_page};
pub use widgets::Field;

/// A section of `content/`, as the CMS shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The folder name below `content/`, also the collection's name.
    pub dir: String,
    pub title: String,
    pub description: String,
    pub kind: SectionKind,
    /// Menu order: `weight`, else the order of the types.
    pub order: i64,
}

/// The collections other pages refer to by id, when the site has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    pub units: Option<String>,
    pub campaigns: Option<String>,
    pub decisions: Option<String>,
}

/// Everything the configuration is made from.
#[derive(Debug, Clone)]
pub struct Model {
    pub lang: Lang,
    pub site_title: String,
    pub site_url: String,
    pub settings: CmsConfig,
    pub sections: Vec<Section>,
    /// The award catalogue with site.toml's entries: (id, name).
    pub awards: Vec<(String, String)>,
    pub targets: Targets,
}

/// Where the CMS reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// The GitHub repository of `[cms]`, as the published `/admin/` uses it.
    GitHub,
    /// `tonvinh serve`'s local API at this path (`/dien-hinh/__tonvinh/cms/api/v1`),
    /// which writes the site's files directly.
    Local { api: String },
}

impl Model {
    /// The model of a site from its settings and sections.
    pub fn new(config: &Config, mut sections: Vec<Section>) -> Model {
        sections.sort_by(|a, b| (a.order, &a.dir).cmp(&(b.order, &b.dir)));
        let first = |kind| {
            sections
                .iter()
                .find(|s| s.kind == kind)
                .map(|s| s.dir.clone())
        };
        let targets = Targets {
            units: first(SectionKind::Units),
            campaigns: first(SectionKind::Campaigns),
            decisions: first(SectionKind::Decisions),
        };
        Model {
            lang: config.language,
            site_title: config.title.clone(),
            site_url: config.base_url.trim_end_matches('/').to_string(),
            settings: config.cms.clone().unwrap_or_default(),
            awards: award::catalogue(&config.awards)
                .into_iter()
                .map(|a| (a.id, a.name))
                .collect(),
            sections,
            targets,
        }
    }

    /// The editor's language: `[cms] locale`, else the site's.
    pub fn locale(&self) -> &str {
        match self.settings.locale.trim() {
            "" => self.lang.pick("vi", "en"),
            locale => locale,
        }
    }
}

/// Reads site.toml and the sections' `_index.md` of the site at `root`.
pub fn load(root: &Path) -> Result<Model, Vec<Diagnostic>> {
    let path = root.join("site.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![Diagnostic::error(
            "io",
            "site.toml",
            format!("không đọc được site.toml / cannot read site.toml: {e}"),
        )]
    })?;
    let config = Config::parse(Path::new("site.toml"), &text)?;
    Ok(Model::new(&config, read_sections(root, config.language)?))
}

/// The sections of `root/content`, from their `_index.md`.
fn read_sections(root: &Path, lang: Lang) -> Result<Vec<Section>, Vec<Diagnostic>> {
    let mut sections = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(root.join("content")) else {
        return Ok(sections);
    };
    for entry in entries.flatten() {
        let dir = entry.file_name().to_string_lossy().into_owned();
        let index = entry.path().join("_index.md");
        if crate::content::is_ignored(&dir) || !index.is_file() {
            continue;
        }
        let rel = Path::new("content").join(&dir).join("_index.md");
        let text = match crate::content::read_text(&index, &rel, lang) {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let split = match frontmatter::split(&text) {
            Ok(split) => split,
            Err(e) => {
                problems.push(frontmatter::split_diagnostic(e, &rel, lang));
                continue;
            }
        };
        let source = SourceText::new(&text);
        match frontmatter::parse_typed::<SectionFront>(&source, split.front, &rel, lang, &[]) {
            Ok(front) => sections.push(Section {
                order: front.weight.unwrap_or(kind_order(front.kind)),
                dir,
                title: front.title,
                description: front.description,
                kind: front.kind,
            }),
            Err(d) => problems.extend(d),
        }
    }
    if problems.is_empty() {
        Ok(sections)
    } else {
        Err(problems)
    }
}

/// The default menu order of the types (docs/content.md).
fn kind_order(kind: SectionKind) -> i64 {
    match kind {
        SectionKind::Profiles => 1,
        SectionKind::Models => 2,
        SectionKind::Campaigns => 3,
        SectionKind::Decisions => 4,
        SectionKind::News => 5,
        SectionKind::Units => 6,
    }
}

/// `config.yml`, the CMS's whole configuration.
pub fn config_yaml(model: &Model, backend: &Backend) -> String {
    let l = model.lang;
    let mut out = Mapping::new();
    out.insert("backend".into(), backend_settings(model, backend));
    if model.settings.editorial_workflow && *backend == Backend::GitHub {
        out.insert("publish_mode".into(), "editorial_workflow".into());
    }
    out.insert("locale".into(), model.locale().into());
    out.insert("site_url".into(), model.site_url.as_str().into());
    out.insert("display_url".into(), model.site_url.as_str().into());
    // The home page's images sit in content/; each collection has its own below.
    out.insert("media_folder".into(), "content".into());
    out.insert("public_folder".into(), "".into());
    out.insert("slug".into(), to_value(&SlugSettings::default()));
    let collections: Vec<Value> = model
        .sections
        .iter()
        .map(|s| to_value(&collection(model, s)))
        .collect();
    out.insert("collections".into(), Value::Sequence(collections));
    let yaml = yaml_serde::to_string(&out).unwrap_or_default();
    format!(
        "# {}\n{yaml}",
        l.pick(
            "Tạo tự động bởi tonvinh từ site.toml và content/*/_index.md; đừng sửa tay (docs/cms.md).",
            "Generated by tonvinh from site.toml and content/*/_index.md; do not edit (docs/cms.md).",
        )
    )
}

fn backend_settings(model: &Model, backend: &Backend) -> Value {
    let s = &model.settings;
    let mut b = Mapping::new();
    match backend {
        Backend::Local { api } => {
            b.insert("name".into(), "proxy".into());
            b.insert("proxy_url".into(), api.as_str().into());
            b.insert("branch".into(), s.branch.as_str().into());
        }
        Backend::GitHub => {
            b.insert("name".into(), "github".into());
            b.insert("repo".into(), s.repo.as_str().into());
            b.insert("branch".into(), s.branch.as_str().into());
            if !s.auth_url.is_empty() {
                b.insert("base_url".into(), s.auth_url.as_str().into());
            }
            if !s.auth_endpoint.is_empty() {
                b.insert("auth_endpoint".into(), s.auth_endpoint.as_str().into());
            }
            if s.open_authoring && s.editorial_workflow {
                b.insert("open_authoring".into(), true.into());
                // Forks need a public repository; ask contributors for no more.
                b.insert("auth_scope".into(), "public_repo".into());
            }
            b.insert("commit_messages".into(), commit_messages(model.lang));
        }
    }
    Value::Mapping(b)
}

/// Commit and pull request messages in the site's language.
fn commit_messages(lang: Lang) -> Value {
    let mut m = Mapping::new();
    for (key, vi, en) in [
        (
            "create",
            "Thêm {{collection}} “{{slug}}”",
            "Add {{collection}} “{{slug}}”",
        ),
        (
            "update",
            "Sửa {{collection}} “{{slug}}”",
            "Update {{collection}} “{{slug}}”",
        ),
        (
            "delete",
            "Xoá {{collection}} “{{slug}}”",
            "Delete {{collection}} “{{slug}}”",
        ),
        ("uploadMedia", "Tải lên “{{path}}”", "Upload “{{path}}”"),
        ("deleteMedia", "Xoá “{{path}}”", "Delete “{{path}}”"),
        (
            "openAuthoring",
            "{{message}} ({{author-login}})",
            "{{message}} ({{author-login}})",
        ),
    ] {
        m.insert(key.into(), lang.pick(vi, en).into());
    }
    Value::Mapping(m)
}

/// Slugs folded to ASCII like `vietnamese::slugify` (docs/cms.md says where they
/// differ).
#[derive(Serialize)]
struct SlugSettings {
    encoding: &'static str,
    clean_accents: bool,
    sanitize_replacement: &'static str,
}

impl Default for SlugSettings {
    fn default() -> Self {
        SlugSettings {
            encoding: "ascii",
            clean_accents: true,
            sanitize_replacement: "-",
        }
    }
}

/// One folder collection.
#[derive(Serialize)]
struct Collection {
    name: String,
    label: String,
    label_singular: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    description: String,
    folder: String,
    create: bool,
    format: &'static str,
    extension: &'static str,
    slug: &'static str,
    /// Page bundles (`<slug>/index.md` with their photos), for the types with photos
    /// that nothing refers to by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_folder: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_folder: Option<&'static str>,
    identifier_field: &'static str,
    summary: &'static str,
    sortable_fields: Vec<&'static str>,
    /// No preview pane: the site's templates are not in the CMS; `serve` previews.
    editor: Editor,
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct Editor {
    preview: bool,
}

fn collection(model: &Model, section: &Section) -> Collection {
    let l = model.lang;
    let kind = section.kind;
    // Every page is a bundle (`<slug>/index.md` beside its photos, attachments, an
    // annex): the form editor lists only those. A relation's value is then the
    // entry's slug with `/index` after it, which tonvinh reads as the id, and which
    // `serve`'s local API writes as the plain id ([`plain_references`]).
    let bundles = true;
    let (slug, identifier, summary, sortable) = match kind {
        SectionKind::Profiles => (
            "{{fields.name}}",
            "name",
            "{{name}} · {{title}}",
            vec!["date", "name", "title"],
        ),
        SectionKind::Units => (
            "{{fields.name}}",
            "name",
            "{{name}} · {{commune}}",
            vec!["name", "commune"],
        ),
        SectionKind::Decisions => (
            "{{fields.number}}-{{year}}",
            "number",
            "{{number}} · {{title}}",
            vec!["date", "number"],
        ),
        SectionKind::Campaigns => (
            "{{fields.title}}",
            "title",
            "{{title}}",
            vec!["start", "title"],
        ),
        SectionKind::Models | SectionKind::News => (
            "{{fields.title}}",
            "title",
            "{{title}}",
            vec!["date", "title"],
        ),
    };
    let singular = match kind {
        SectionKind::Profiles => kind_label("profile", l),
        SectionKind::Units => kind_label("unit", l),
        SectionKind::Campaigns => kind_label("campaign", l),
        SectionKind::Decisions => kind_label("decision", l),
        SectionKind::Models => kind_label("model", l),
        SectionKind::News => kind_label("news", l),
    };
    Collection {
        name: section.dir.clone(),
        label: section.title.clone(),
        label_singular: singular.to_string(),
        description: section.description.clone(),
        folder: format!("content/{}", section.dir),
        create: true,
        format: "toml-frontmatter",
        extension: "md",
        slug,
        path: bundles.then_some("{{slug}}/index"),
        media_folder: bundles.then_some(""),
        public_folder: bundles.then_some(""),
        identifier_field: identifier,
        summary,
        sortable_fields: sortable,
        editor: Editor { preview: false },
        fields: fields::fields(kind, model),
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    yaml_serde::to_value(value).unwrap_or(Value::Null)
}

/// The site's settings when `[cms]` names a repository (then the build publishes
/// the editor).
fn publishing(root: &Path) -> Option<Config> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    // The build reports site.toml's own errors.
    let config = Config::parse(Path::new("site.toml"), &text).ok()?;
    config
        .cms
        .as_ref()
        .is_some_and(|c| !c.repo.trim().is_empty())
        .then_some(config)
}

/// The files [`publish`] writes, below the output folder.
const PUBLISHED: [&str; 2] = ["admin/config.yml", "admin/index.html"];

/// A page's text with the references the form editor wrote as `"<id>/index"` (the
/// slug of a page bundle) written as the plain id `"<id>"`, in the front matter only.
pub fn plain_references(raw: &str) -> String {
    let front_end = raw
        .strip_prefix("+++")
        .and_then(|rest| rest.find("\n+++"))
        .map_or(0, |i| i + 3 + 4);
    let (front, body) = raw.split_at(front_end);
    let plain = front.replace("/index\"", "\"");
    plain + body
}

/// The paths [`publish`] writes for the site at `root` (for link checks).
pub fn published_paths(root: &Path) -> Vec<String> {
    match publishing(root) {
        Some(_) => PUBLISHED.iter().map(|p| p.to_string()).collect(),
        None => Vec::new(),
    }
}

/// With `[cms] repo` set, writes `admin/index.html` and `admin/config.yml` into a
/// build (called where the site's static files are copied, so that `build` and
/// `serve` publish the same). Returns the paths written.
pub fn publish(root: &Path, out: &dyn Sink, lang: Lang) -> Result<Vec<String>, Vec<Diagnostic>> {
    let Some(config) = publishing(root) else {
        return Ok(Vec::new());
    };
    let model = Model::new(&config, read_sections(root, lang)?);
    let texts = [
        config_yaml(&model, &Backend::GitHub),
        admin_page(&model, None),
    ];
    let mut problems = Vec::new();
    let mut written = Vec::new();
    for (rel, text) in PUBLISHED.iter().zip(&texts) {
        if root.join("static").join(rel).exists() {
            problems.push(
                Diagnostic::error(
                    "cms-static",
                    Path::new("static").join(rel),
                    lang.pick(
                        "tệp này trùng với tệp tonvinh tạo cho trình soạn thảo ([cms] trong site.toml)",
                        "this file clashes with the one tonvinh makes for the form editor ([cms] in site.toml)",
                    ),
                )
                .with_help(lang.pick(
                    "xoá tệp này: cấu hình trình soạn thảo được tạo tự động từ mô hình nội dung",
                    "delete this file: the editor's configuration is generated from the content model",
                )),
            );
            continue;
        }
        match out.write(rel, text.as_bytes()) {
            Ok(()) => written.push(rel.to_string()),
            Err(e) => problems.push(crate::output::write_problem(out.location(rel), &e)),
        }
    }
    if problems.is_empty() {
        Ok(written)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests;
