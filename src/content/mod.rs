//! Stage 1: find the content files and parse each into typed front matter and a
//! Markdown body. Pure parsing lives in `frontmatter` and `front`; this module does
//! the file system walk and reads files in parallel.

#[cfg(test)]
mod cms_output_tests;
pub mod front;
mod front_messages;
pub mod frontmatter;
mod read;
mod walk;
pub mod hints;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, SourceText, relative};
use crate::vietnamese::{Lang, slugify};
use front::{
    ARTICLE_EXAMPLES, ArticleFront, CAMPAIGN_EXAMPLES, CampaignFront, DECISION_EXAMPLES,
    DecisionFront, HomeFront, PROFILE_EXAMPLES, ProfileFront, SectionFront, SectionKind,
    UNIT_EXAMPLES, UnitFront,
};
pub use read::read_text;
use read::{read_and_split, read_each, split_source};
use walk::walk;

/// A file's text (NFC) and where its body starts.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// Path relative to the site root, for messages.
    pub rel: PathBuf,
    pub text: String,
    /// Where the front matter's TOML starts (spans in front matter are relative to it).
    pub front_start: usize,
    pub body: Range<usize>,
}

impl Source {
    /// The Markdown body ("" once the text is forgotten).
    pub fn body(&self) -> &str {
        self.text.get(self.body.clone()).unwrap_or_default()
    }

    /// Frees the text, keeping the path for messages.
    pub fn forget_text(&mut self) {
        self.text = String::new();
    }
}

/// The typed front matter of a page.
#[derive(Debug, Clone)]
pub enum Front {
    Profile(Box<ProfileFront>),
    Unit(Box<UnitFront>),
    Campaign(Box<CampaignFront>),
    Decision(Box<DecisionFront>),
    Model(Box<ArticleFront>),
    News(Box<ArticleFront>),
}

/// A parsed page file.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    /// Index into [`Content::sections`].
    pub section: usize,
    /// The page's id: its file or bundle name, folded to a slug.
    pub id: String,
    /// The bundle folder (relative to the site root) when the page is `<id>/index.md`.
    pub bundle: Option<PathBuf>,
    pub front: Front,
}

/// A parsed section `_index.md`.
#[derive(Debug, Clone)]
pub struct SectionDoc {
    pub source: Source,
    /// The folder name, which is the section's URL segment.
    pub dir: String,
    pub front: SectionFront,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    pub home: Option<(Source, HomeFront)>,
    pub sections: Vec<SectionDoc>,
    pub documents: Vec<Document>,
    /// Page files that exist but could not be read or parsed (their errors are
    /// reported): paths below content/, so that links to them are not reported again.
    pub unreadable: Vec<String>,
    /// Page files read but whose front matter could not be parsed: their bodies are
    /// still checked, and references to their ids are not reported again.
    pub unparsed: Vec<Unparsed>,
}

/// A page whose front matter failed: its text, its section's type and its id.
#[derive(Debug, Clone)]
pub struct Unparsed {
    pub source: Source,
    pub kind: SectionKind,
    pub id: String,
}

/// What reading one page file gave.
struct Loaded {
    document: Option<Document>,
    unparsed: Option<Unparsed>,
    problems: Vec<Diagnostic>,
}

/// Reads and parses every content file under `root/content`.
pub fn load(root: &Path, lang: Lang) -> (Content, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let found = walk(root, lang, &mut problems);
    let mut content = Content::default();

    if let Some(path) = &found.home {
        match read_and_split(root, path, lang) {
            Ok((source, front)) => {
                let src = SourceText::new(&source.text);
                match frontmatter::parse_typed::<HomeFront>(&src, front, &source.rel, lang, &[]) {
                    Ok(home) => content.home = Some((source, home)),
                    Err(d) => problems.extend(d),
                }
            }
            Err(d) => problems.push(d),
        }
    }
    for path in &found.sections {
        let dir = path
            .parent()
            .and_then(Path::file_name)
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_and_split(root, path, lang) {
            Ok((source, front)) => {
                let src = SourceText::new(&source.text);
                match frontmatter::parse_typed::<SectionFront>(
                    &src,
                    front,
                    &source.rel,
                    lang,
                    &[
                        ("type", "type = \"profiles\""),
                        ("title", "title = \"Gương điển hình\""),
                    ],
                ) {
                    Ok(front) => content.sections.push(SectionDoc { source, dir, front }),
                    Err(d) => problems.extend(d),
                }
            }
            Err(d) => problems.push(d),
        }
    }

    let paths: Vec<&Path> = found
        .pages
        .iter()
        .map(|(_, path, _)| path.as_path())
        .collect();
    let results: Vec<Loaded> = read_each(&paths, |i, read| {
        let (dir, path, bundle) = &found.pages[i];
        // A page of a section whose _index.md failed is skipped: its error is reported.
        let Some(section) = content.sections.iter().position(|s| s.dir == *dir) else {
            return Loaded {
                document: None,
                unparsed: None,
                problems: Vec::new(),
            };
        };
        load_page(
            root,
            path,
            read,
            bundle.as_deref(),
            section,
            content.sections[section].front.kind,
            lang,
        )
    });
    for (loaded, (_, path, _)) in results.into_iter().zip(&found.pages) {
        if loaded.document.is_none() {
            let rel = relative(&root.join("content"), path)
                .to_string_lossy()
                .replace('\\', "/");
            content.unreadable.push(rel);
        }
        content.documents.extend(loaded.document);
        content.unparsed.extend(loaded.unparsed);
        problems.extend(loaded.problems);
    }
    (content, problems)
}

/// Hidden files and editor leftovers that never belong to the site.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Parses one page file, as `read` from `path`, for its section's type.
fn load_page(
    root: &Path,
    path: &Path,
    read: std::io::Result<Vec<u8>>,
    bundle: Option<&Path>,
    section: usize,
    kind: SectionKind,
    lang: Lang,
) -> Loaded {
    let failed = |problems| Loaded {
        document: None,
        unparsed: None,
        problems,
    };
    let (source, front_range) = match split_source(root, path, read, lang) {
        Ok(split) => split,
        Err(d) => return failed(vec![d]),
    };
    let stem = match bundle {
        Some(dir) => dir.file_name(),
        None => path.file_stem(),
    }
    .map(|s| s.to_string_lossy().into_owned())
    .unwrap_or_default();
    let id = slugify(&stem);
    let mut problems = Vec::new();
    if id.is_empty() {
        return failed(vec![
            Diagnostic::error(
                "bad-file-name",
                &source.rel,
                lang.pick(
                    "tên tệp không tạo được địa chỉ trang",
                    "the file name gives no usable URL",
                ),
            )
            .with_help(lang.pick(
                "đặt tên tệp bằng chữ, ví dụ nguyen-thi-hoa.md",
                "name the file with letters, e.g. nguyen-thi-hoa.md",
            )),
        ]);
    }
    if id != stem {
        problems.push(
            Diagnostic::warning(
                "file-name",
                &source.rel,
                format!(
                    "{} `{id}`",
                    lang.pick(
                        "tên tệp có dấu hoặc ký tự đặc biệt; địa chỉ trang sẽ là",
                        "the file name is not a plain slug; the page's URL will use"
                    ),
                ),
            )
            .with_help(format!(
                "{} {id}",
                lang.pick("đổi tên tệp thành", "rename the file to")
            )),
        );
    }
    let src = SourceText::new(&source.text);
    let rel = source.rel.clone();
    let (front, front_problems) = parse_front(&src, front_range, &rel, kind, lang);
    problems.extend(front_problems);
    match front {
        Some(front) => Loaded {
            document: Some(Document {
                source,
                section,
                id,
                bundle: bundle.map(Path::to_path_buf),
                front,
            }),
            unparsed: None,
            problems,
        },
        None => Loaded {
            document: None,
            unparsed: Some(Unparsed { source, kind, id }),
            problems,
        },
    }
}

/// The front matter of a page of a section of type `kind`, as far as it can be
/// read, and its problems.
fn parse_front(
    src: &SourceText,
    range: Range<usize>,
    rel: &Path,
    kind: SectionKind,
    lang: Lang,
) -> (Option<Front>, Vec<Diagnostic>) {
    use frontmatter::parse_recovering as parse;
    fn boxed<T>(
        (value, problems): (Option<T>, Vec<Diagnostic>),
        make: fn(Box<T>) -> Front,
    ) -> (Option<Front>, Vec<Diagnostic>) {
        (value.map(|v| make(Box::new(v))), problems)
    }
    match kind {
        SectionKind::Profiles => boxed(
            parse(src, range, rel, lang, PROFILE_EXAMPLES),
            Front::Profile,
        ),
        SectionKind::Units => boxed(parse(src, range, rel, lang, UNIT_EXAMPLES), Front::Unit),
        SectionKind::Campaigns => boxed(
            parse(src, range, rel, lang, CAMPAIGN_EXAMPLES),
            Front::Campaign,
        ),
        SectionKind::Decisions => boxed(
            parse(src, range, rel, lang, DECISION_EXAMPLES),
            Front::Decision,
        ),
        SectionKind::Models => boxed(parse(src, range, rel, lang, ARTICLE_EXAMPLES), Front::Model),
        SectionKind::News => boxed(parse(src, range, rel, lang, ARTICLE_EXAMPLES), Front::News),
    }
}
