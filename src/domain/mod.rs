//! The domain's fixed vocabulary and rules (DOMAIN.md): page and section kinds,
//! unit levels and areas, consent, the award catalogue, the names readers see for
//! each, and the privacy rules. Plain data with no stage of its own: every stage may
//! use it.

pub mod awards;
pub mod labels;
pub mod privacy;

use serde::Deserialize;

pub use awards::{Award, AwardKind, AwardSpec, AwardSubject, Level};

use crate::vietnamese::{Date, Lang};

/// The `type` of a section, named in its `_index.md`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Profiles,
    Units,
    Campaigns,
    Decisions,
    Models,
    News,
}

/// A person or a collective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    #[default]
    Person,
    Collective,
}

/// Who gave consent to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum ConsentBy {
    #[serde(rename = "self")]
    Myself,
    #[serde(rename = "guardian")]
    Guardian,
    #[serde(rename = "self+guardian")]
    SelfAndGuardian,
}

/// What the consent covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConsentScope {
    Story,
    Photo,
}

/// `consent = { by = "self", date = 2025-10-02, scope = ["story", "photo"] }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub by: ConsentBy,
    pub date: Date,
    pub scope: Vec<ConsentScope>,
}

/// The level of a unit (cấp học or kind of office).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum UnitLevel {
    MamNon,
    TieuHoc,
    Thcs,
    Thpt,
    LienCap,
    Gdtx,
    TrucThuoc,
    CoQuan,
}

/// Remote, border, island, ethnic-minority and mountain areas.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    VungSau,
    VungXa,
    BienGioi,
    HaiDao,
    DanTocThieuSo,
    MienNui,
}

/// The document types tonvinh publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DocumentKind {
    Pdf,
    /// Word (`.docx`).
    Docx,
    /// Excel (`.xlsx`).
    Xlsx,
    /// PowerPoint (`.pptx`).
    Pptx,
    /// OpenDocument text (`.odt`, LibreOffice Writer).
    Odt,
    /// OpenDocument spreadsheet (`.ods`, LibreOffice Calc).
    Ods,
}

impl DocumentKind {
    /// The type a file name promises, from its extension (any case).
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => DocumentKind::Pdf,
            "docx" => DocumentKind::Docx,
            "xlsx" => DocumentKind::Xlsx,
            "pptx" => DocumentKind::Pptx,
            "odt" => DocumentKind::Odt,
            "ods" => DocumentKind::Ods,
            _ => return None,
        })
    }

    /// The extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "pdf",
            DocumentKind::Docx => "docx",
            DocumentKind::Xlsx => "xlsx",
            DocumentKind::Pptx => "pptx",
            DocumentKind::Odt => "odt",
            DocumentKind::Ods => "ods",
        }
    }

    /// The name readers know the type by, for the "Tệp đính kèm" block.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DocumentKind::Pdf => "PDF",
            DocumentKind::Docx => "Word",
            DocumentKind::Xlsx => "Excel",
            DocumentKind::Pptx => "PowerPoint",
            DocumentKind::Odt => lang.pick("Văn bản OpenDocument", "OpenDocument text"),
            DocumentKind::Ods => lang.pick("Bảng tính OpenDocument", "OpenDocument spreadsheet"),
        }
    }

    /// The media type, for a link's `type` attribute.
    pub fn mime(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "application/pdf",
            DocumentKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocumentKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            DocumentKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            DocumentKind::Odt => "application/vnd.oasis.opendocument.text",
            DocumentKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }
}
