//! The domain's fixed vocabulary and rules (DOMAIN.md): page and section kinds,
//! unit levels and areas, consent, the award catalogue, the names readers see for
//! each, and the privacy rules. Plain data with no stage of its own: every stage may
//! use it.

pub mod awards;
pub mod labels;
pub mod privacy;

use serde::Deserialize;

pub use awards::{Award, AwardKind, AwardSpec, AwardSubject, Level};

use crate::vietnamese::Date;

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
