//! The front matter of each section type, as editors write it. Strict: an unknown
//! key is an error. References are kept with their source spans so that a dangling
//! one is reported on its own line.

use serde::Deserialize;
use toml::Spanned;

pub use crate::domain::{
    Area, Consent, ConsentBy, ConsentScope, Level, SectionKind, Subject, UnitLevel,
};
use crate::vietnamese::Date;

/// `_index.md` of a section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    #[serde(rename = "type")]
    pub kind: SectionKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub weight: Option<i64>,
    pub paginate: Option<usize>,
}

/// `content/_index.md`, the home page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeFront {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// `awards = [{ award = "…", year = 2025, decision = "…" }]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantFront {
    pub award: Spanned<String>,
    pub year: Spanned<i64>,
    pub decision: Option<Spanned<String>>,
}

/// `gallery = [{ file = "le-khai-giang.jpg", alt = "…", caption = "…" }]`: photos
/// of the page bundle, shown as a grid under the body (model/media.rs checks them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GalleryFront {
    pub file: Spanned<String>,
    pub alt: Option<String>,
    #[serde(default)]
    pub caption: String,
}

/// `video = [{ url = "https://www.youtube.com/watch?v=…", title = "…" }]`, or
/// `{ file = "phong-su.mp4", title = "…", poster = "anh-bia.jpg" }` for a file of the
/// page bundle. Shown as a click-to-play placeholder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VideoFront {
    pub url: Option<Spanned<String>>,
    pub file: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub poster: Option<Spanned<String>>,
}

/// `attachments = [{ file = "quyet-dinh.pdf", title = "Quyết định (bản có chữ ký)" }]`:
/// documents of the page bundle (PDF, Word, Excel, PowerPoint, OpenDocument),
/// published beside the page without the metadata that names people, and listed
/// under it as "Tệp đính kèm".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentFront {
    pub file: Spanned<String>,
    #[serde(default)]
    pub title: String,
}

/// A profile (gương điển hình): a person or a collective.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFront {
    pub title: String,
    pub name: String,
    #[serde(default)]
    pub subject: Subject,
    pub given: Option<String>,
    pub family: Option<String>,
    #[serde(default)]
    pub position: String,
    pub unit: Spanned<String>,
    #[serde(default)]
    pub campaigns: Vec<Spanned<String>>,
    #[serde(default)]
    pub awards: Vec<GrantFront>,
    #[serde(default)]
    pub frontline: bool,
    pub date: Date,
    pub photo: Option<Spanned<String>>,
    pub photo_alt: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub consent: Option<Consent>,
    #[serde(default)]
    pub minor: bool,
    #[serde(default)]
    pub noindex: bool,
    #[serde(default)]
    pub gallery: Vec<GalleryFront>,
    #[serde(default)]
    pub video: Vec<VideoFront>,
    #[serde(default)]
    pub attachments: Vec<AttachmentFront>,
    #[serde(default)]
    pub draft: bool,
}

/// Lines shown in the hint when a required key is missing.
pub const PROFILE_EXAMPLES: &[(&str, &str)] = &[
    (
        "title",
        "title = \"Cô Nguyễn Thị Hoa: hai mươi năm bám đảo\"",
    ),
    ("name", "name = \"Nguyễn Thị Hoa\""),
    ("unit", "unit = \"thcs-bach-long-vi\""),
    ("date", "date = 2025-11-20"),
];

/// A unit: a school, a centre or an office of the department.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFront {
    pub name: String,
    pub level: UnitLevel,
    pub commune: Spanned<String>,
    #[serde(default)]
    pub areas: Vec<Area>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub summary: String,
    pub photo: Option<Spanned<String>>,
    pub photo_alt: Option<String>,
    #[serde(default)]
    pub gallery: Vec<GalleryFront>,
    #[serde(default)]
    pub video: Vec<VideoFront>,
    #[serde(default)]
    pub attachments: Vec<AttachmentFront>,
    #[serde(default)]
    pub draft: bool,
}

pub const UNIT_EXAMPLES: &[(&str, &str)] = &[
    ("name", "name = \"Trường THCS Bạch Long Vĩ\""),
    ("level", "level = \"thcs\""),
    ("commune", "commune = \"đặc khu Bạch Long Vĩ\""),
];

/// An emulation campaign (phong trào thi đua).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignFront {
    pub title: String,
    #[serde(default)]
    pub slogan: String,
    #[serde(default)]
    pub launched_by: String,
    pub level: Level,
    pub start: Date,
    pub end: Option<Date>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub participants: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub photo: Option<Spanned<String>>,
    pub photo_alt: Option<String>,
    #[serde(default)]
    pub gallery: Vec<GalleryFront>,
    #[serde(default)]
    pub video: Vec<VideoFront>,
    #[serde(default)]
    pub attachments: Vec<AttachmentFront>,
    #[serde(default)]
    pub draft: bool,
}

pub const CAMPAIGN_EXAMPLES: &[(&str, &str)] = &[
    ("title", "title = \"Phong trào “Dạy tốt – học tốt”\""),
    ("level", "level = \"so\""),
    ("start", "start = 2025-09-05"),
];

/// A person or collective named in a decision without a profile of their own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientFront {
    pub name: String,
    pub unit: Option<Spanned<String>>,
    pub award: Spanned<String>,
    /// When absent, taken from the award: a collective title means a collective.
    pub subject: Option<Subject>,
    #[serde(default)]
    pub position: String,
}

/// A commendation decision (quyết định khen thưởng).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionFront {
    pub number: Spanned<String>,
    pub title: String,
    pub date: Date,
    pub issuer: String,
    #[serde(default)]
    pub signer: String,
    #[serde(default)]
    pub recipients: Vec<RecipientFront>,
    /// The annex beside `index.md` (`phu-luc.xlsx`, `.xls`, `.ods`, `.csv`): one
    /// recipient a row, after those of `recipients`.
    pub recipients_file: Option<Spanned<String>>,
    /// The sheet of `recipients_file` to read; else the first with a header row.
    pub recipients_sheet: Option<Spanned<String>>,
    /// The award of the annex's rows that name none: an id or a name.
    pub award: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub gallery: Vec<GalleryFront>,
    #[serde(default)]
    pub video: Vec<VideoFront>,
    #[serde(default)]
    pub attachments: Vec<AttachmentFront>,
    #[serde(default)]
    pub draft: bool,
}

pub const DECISION_EXAMPLES: &[(&str, &str)] = &[
    ("number", "number = \"1234/QĐ-SGDĐT\""),
    (
        "title",
        "title = \"Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở\"",
    ),
    ("date", "date = 2025-08-15"),
    ("issuer", "issuer = \"Sở Giáo dục và Đào tạo Hải Phòng\""),
];

/// A good model (mô hình hay) or a news item: the same fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFront {
    pub title: String,
    pub date: Date,
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    pub campaigns: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub summary: String,
    pub photo: Option<Spanned<String>>,
    pub photo_alt: Option<String>,
    pub consent: Option<Consent>,
    #[serde(default)]
    pub minor: bool,
    #[serde(default)]
    pub noindex: bool,
    #[serde(default)]
    pub gallery: Vec<GalleryFront>,
    #[serde(default)]
    pub video: Vec<VideoFront>,
    #[serde(default)]
    pub attachments: Vec<AttachmentFront>,
    #[serde(default)]
    pub draft: bool,
}

pub const ARTICLE_EXAMPLES: &[(&str, &str)] = &[
    ("title", "title = \"Sơ kết phong trào thi đua học kỳ I\""),
    ("date", "date = 2025-12-20"),
];
