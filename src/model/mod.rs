//! Stage 2: the resolved site. Plain owned data: every reference is an index into
//! one of the `Site`'s vectors, checked once by `resolve`. After that the `Site` is
//! immutable and shared by reference with every renderer (it is `Sync`).

mod checks;
mod index;
pub mod media;
mod resolve;

use std::marker::PhantomData;
use std::path::PathBuf;

pub use crate::domain::{Award, AwardKind, AwardSubject, Level};
pub use index::{Honoree, Indexes, RollItem};
pub use media::{GalleryItem, Video, VideoFile, VideoSource};
pub use resolve::{Options, resolve};

use crate::config::{BaseUrl, Config};
use crate::content::Source;
use crate::content::front::{Area, Consent, SectionKind, Subject, UnitLevel};
use crate::vietnamese::{Date, NameParts};

/// A typed index into one of the site's vectors: `Idx<Unit>` cannot be used where an
/// `Idx<Campaign>` is expected.
pub struct Idx<T>(u32, PhantomData<fn() -> T>);

impl<T> Idx<T> {
    pub fn new(i: usize) -> Self {
        Idx(i as u32, PhantomData)
    }
    pub fn get(self) -> usize {
        self.0 as usize
    }
}
impl<T> Clone for Idx<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Idx<T> {}
impl<T> PartialEq for Idx<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<T> Eq for Idx<T> {}
impl<T> std::hash::Hash for Idx<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}
impl<T> std::fmt::Debug for Idx<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}
impl<T> std::ops::Index<Idx<T>> for Vec<T> {
    type Output = T;
    fn index(&self, i: Idx<T>) -> &T {
        &self[i.get()]
    }
}

/// What every content page has.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file or bundle name: the page's id in references and its URL segment.
    pub id: String,
    pub section: Idx<Section>,
    /// `guong-dien-hinh/nguyen-thi-hoa/`: the path below the base URL.
    pub path: String,
    pub source: Source,
    /// The bundle folder, relative to the site root.
    pub bundle: Option<PathBuf>,
    pub title: String,
    pub date: Option<Date>,
    pub summary: String,
    pub tags: Vec<Idx<Tag>>,
    pub photo: Option<Photo>,
    /// Photos shown as a grid under the body (model/media.rs).
    pub gallery: Vec<GalleryItem>,
    /// Videos shown as click-to-play placeholders.
    pub video: Vec<Video>,
    /// Documents listed in `attachments`, published beside the page.
    pub attachments: Vec<Attachment>,
    pub noindex: bool,
    pub draft: bool,
}

/// A photo in a page bundle.
#[derive(Debug, Clone)]
pub struct Photo {
    /// The file, relative to the site root.
    pub file: PathBuf,
    pub alt: String,
    /// An empty problem placed at `photo = …` in the page's source (line, column and
    /// code frame), for problems with the file found once the text is gone.
    pub place: crate::diagnostics::Diagnostic,
}

/// A document of a page bundle listed in `attachments = [...]`.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Its name in the bundle, and so in the output folder beside the page.
    pub name: String,
    /// What readers see in the list ("Quyết định (bản có chữ ký)"); its name when empty.
    pub title: String,
    /// An empty problem at `file = …`, to place problems found with the file later.
    pub place: crate::diagnostics::Diagnostic,
}

/// A section: a folder of content with one `type`.
#[derive(Debug, Clone)]
pub struct Section {
    pub dir: String,
    pub kind: SectionKind,
    pub title: String,
    pub description: String,
    pub weight: i64,
    pub paginate: usize,
    pub source: Source,
}

/// A person or a collective honoured on the site (gương điển hình).
#[derive(Debug, Clone)]
pub struct Profile {
    pub page: Page,
    pub name: String,
    pub name_parts: NameParts,
    pub subject: Subject,
    pub position: String,
    pub unit: Idx<Unit>,
    pub campaigns: Vec<Idx<Campaign>>,
    /// Newest first.
    pub grants: Vec<Grant>,
    pub frontline: bool,
    pub consent: Option<Consent>,
    pub minor: bool,
}

/// One award given to a profile.
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    pub award: Idx<Award>,
    pub year: i32,
    pub decision: Option<Idx<Decision>>,
}

/// A school, centre or office.
#[derive(Debug, Clone)]
pub struct Unit {
    pub page: Page,
    pub name: String,
    pub level: UnitLevel,
    pub commune: Idx<Commune>,
    pub areas: Vec<Area>,
    pub address: String,
    pub website: String,
}

/// A commune, ward or special zone (xã, phường, đặc khu) named by units.
#[derive(Debug, Clone)]
pub struct Commune {
    pub name: String,
    pub slug: String,
}

/// A free tag.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub slug: String,
}

/// An emulation campaign (phong trào thi đua).
#[derive(Debug, Clone)]
pub struct Campaign {
    pub page: Page,
    pub slogan: String,
    pub launched_by: String,
    pub level: Level,
    pub start: Date,
    pub end: Option<Date>,
    pub objectives: Vec<String>,
    pub criteria: Vec<String>,
    pub participants: String,
}

impl Campaign {
    /// Running on `today`: started, and not ended before it.
    pub fn is_active(&self, today: Date) -> bool {
        self.start <= today && self.end.is_none_or(|end| end >= today)
    }
}

/// A commendation decision (quyết định khen thưởng).
#[derive(Debug, Clone)]
pub struct Decision {
    pub page: Page,
    pub number: String,
    pub issuer: String,
    pub signer: String,
    pub recipients: Vec<Recipient>,
}

/// Someone named in a decision (its `recipients`, then the rows of its annex).
#[derive(Debug, Clone)]
pub struct Recipient {
    pub name: String,
    pub name_parts: NameParts,
    pub subject: Subject,
    pub position: String,
    pub unit: Option<Idx<Unit>>,
    pub award: Idx<Award>,
    /// The profile of the same person or collective (name, subject and unit), if
    /// the site has one: the commendation is counted once.
    pub profile: Option<Idx<Profile>>,
}

/// A good model (mô hình hay) or a news item.
#[derive(Debug, Clone)]
pub struct Article {
    pub page: Page,
    pub unit: Option<Idx<Unit>>,
    pub campaigns: Vec<Idx<Campaign>>,
    pub consent: Option<Consent>,
    pub minor: bool,
}

/// The home page's own text.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub title: String,
    pub description: String,
    pub source: Option<Source>,
}

/// The whole resolved site.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub base: BaseUrl,
    /// The date "today" is taken to be (active campaigns).
    pub today: Date,
    pub home: Home,
    pub sections: Vec<Section>,
    pub awards: Vec<Award>,
    pub profiles: Vec<Profile>,
    pub units: Vec<Unit>,
    pub campaigns: Vec<Campaign>,
    pub decisions: Vec<Decision>,
    pub models: Vec<Article>,
    pub news: Vec<Article>,
    pub communes: Vec<Commune>,
    pub tags: Vec<Tag>,
    pub index: Indexes,
    /// Pages left out of the site because of errors (a front matter that could not
    /// be read, a unit that does not exist): their texts, whose bodies are still
    /// checked so that one run reports every problem. A site with any is never
    /// written.
    pub detached: Vec<Source>,
}

/// Which kind of page, for links between pages and for cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageRef {
    Profile(usize),
    Unit(usize),
    Campaign(usize),
    Decision(usize),
    Model(usize),
    News(usize),
}

impl Site {
    /// The common fields of any page.
    pub fn page(&self, r: PageRef) -> &Page {
        match r {
            PageRef::Profile(i) => &self.profiles[i].page,
            PageRef::Unit(i) => &self.units[i].page,
            PageRef::Campaign(i) => &self.campaigns[i].page,
            PageRef::Decision(i) => &self.decisions[i].page,
            PageRef::Model(i) => &self.models[i].page,
            PageRef::News(i) => &self.news[i].page,
        }
    }

    pub fn page_mut(&mut self, r: PageRef) -> &mut Page {
        match r {
            PageRef::Profile(i) => &mut self.profiles[i].page,
            PageRef::Unit(i) => &mut self.units[i].page,
            PageRef::Campaign(i) => &mut self.campaigns[i].page,
            PageRef::Decision(i) => &mut self.decisions[i].page,
            PageRef::Model(i) => &mut self.models[i].page,
            PageRef::News(i) => &mut self.news[i].page,
        }
    }

    /// Every page of the site, in a stable order.
    pub fn all_pages(&self) -> impl Iterator<Item = PageRef> + '_ {
        (0..self.profiles.len())
            .map(PageRef::Profile)
            .chain((0..self.units.len()).map(PageRef::Unit))
            .chain((0..self.campaigns.len()).map(PageRef::Campaign))
            .chain((0..self.decisions.len()).map(PageRef::Decision))
            .chain((0..self.models.len()).map(PageRef::Model))
            .chain((0..self.news.len()).map(PageRef::News))
    }

    /// Frees the source texts once bodies are rendered and checked: rendering needs
    /// only their paths (the texts are a fifth of a large build's memory).
    pub fn forget_source_texts(&mut self) {
        let pages = self.profiles.iter_mut().map(|p| &mut p.page);
        let pages = pages
            .chain(self.units.iter_mut().map(|u| &mut u.page))
            .chain(self.campaigns.iter_mut().map(|c| &mut c.page))
            .chain(self.decisions.iter_mut().map(|d| &mut d.page))
            .chain(self.models.iter_mut().map(|m| &mut m.page))
            .chain(self.news.iter_mut().map(|n| &mut n.page));
        for page in pages {
            page.source.forget_text();
        }
        for section in &mut self.sections {
            section.source.forget_text();
        }
        if let Some(source) = &mut self.home.source {
            source.forget_text();
        }
    }

    /// The number of pages of every kind.
    pub fn page_count(&self) -> usize {
        self.profiles.len()
            + self.units.len()
            + self.campaigns.len()
            + self.decisions.len()
            + self.models.len()
            + self.news.len()
    }

    /// The position of a page in [`Site::all_pages`]: a dense index for tables
    /// keyed by page.
    pub fn page_number(&self, r: PageRef) -> usize {
        let units = self.profiles.len();
        let campaigns = units + self.units.len();
        let decisions = campaigns + self.campaigns.len();
        let models = decisions + self.decisions.len();
        let news = models + self.models.len();
        match r {
            PageRef::Profile(i) => i,
            PageRef::Unit(i) => units + i,
            PageRef::Campaign(i) => campaigns + i,
            PageRef::Decision(i) => decisions + i,
            PageRef::Model(i) => models + i,
            PageRef::News(i) => news + i,
        }
    }

    /// A root-relative URL with the base path: `/dien-hinh/guong-dien-hinh/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base.path, path)
    }

    /// An absolute URL: `https://…/guong-dien-hinh/x/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}/{}", self.base.absolute, path)
    }
}
