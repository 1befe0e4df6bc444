//! The award catalogue (danh hiệu thi đua and hình thức khen thưởng, DOMAIN.md §2):
//! built in, and extended or renamed by `[awards.ID]` in site.toml.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::vietnamese::Lang;

/// A title (danh hiệu thi đua) or a form of commendation (hình thức khen thưởng).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AwardKind {
    Title,
    Form,
}

/// Who can receive an award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AwardSubject {
    Person,
    Collective,
    Both,
}

/// The tier of an award (also used for campaigns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    ToanQuoc,
    Bo,
    ThanhPho,
    So,
    CoSo,
}

impl Level {
    /// The level's name for readers.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Level::ToanQuoc => lang.pick("Toàn quốc", "National"),
            Level::Bo => lang.pick("Cấp Bộ", "Ministry"),
            Level::ThanhPho => lang.pick("Cấp thành phố", "City"),
            Level::So => lang.pick("Cấp Sở", "Department"),
            Level::CoSo => lang.pick("Cấp cơ sở", "Grassroots"),
        }
    }
}

impl AwardKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AwardKind::Title => lang.pick("Danh hiệu thi đua", "Emulation titles"),
            AwardKind::Form => lang.pick("Hình thức khen thưởng", "Forms of commendation"),
        }
    }
}

impl AwardSubject {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AwardSubject::Person => lang.pick("Cá nhân", "Individuals"),
            AwardSubject::Collective => lang.pick("Tập thể", "Collectives"),
            AwardSubject::Both => lang.pick("Cá nhân và tập thể", "Individuals and collectives"),
        }
    }

    /// Whether a person (`collective == false`) or a collective may receive it.
    pub fn admits(self, collective: bool) -> bool {
        match self {
            AwardSubject::Both => true,
            AwardSubject::Person => !collective,
            AwardSubject::Collective => collective,
        }
    }
}

/// One catalogue entry as site.toml writes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardSpec {
    pub name: String,
    pub kind: AwardKind,
    pub subject: AwardSubject,
    pub level: Level,
}

/// One award of the resolved catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Award {
    pub id: String,
    pub name: String,
    pub kind: AwardKind,
    pub subject: AwardSubject,
    pub level: Level,
}

const P: AwardSubject = AwardSubject::Person;
const C: AwardSubject = AwardSubject::Collective;
const B: AwardSubject = AwardSubject::Both;
const T: AwardKind = AwardKind::Title;
const F: AwardKind = AwardKind::Form;

/// The built-in catalogue, in the order honour rolls list it (DOMAIN.md §2).
const BUILT_IN: &[(&str, &str, AwardKind, AwardSubject, Level)] = &[
    (
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        T,
        P,
        Level::ToanQuoc,
    ),
    (
        "chien-si-thi-dua-cap-bo",
        "Chiến sĩ thi đua cấp Bộ",
        T,
        P,
        Level::Bo,
    ),
    (
        "chien-si-thi-dua-thanh-pho",
        "Chiến sĩ thi đua thành phố",
        T,
        P,
        Level::ThanhPho,
    ),
    (
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        T,
        P,
        Level::CoSo,
    ),
    (
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        T,
        P,
        Level::CoSo,
    ),
    (
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        T,
        C,
        Level::ToanQuoc,
    ),
    (
        "co-thi-dua-bo-gddt",
        "Cờ thi đua của Bộ Giáo dục và Đào tạo",
        T,
        C,
        Level::Bo,
    ),
    (
        "co-thi-dua-thanh-pho",
        "Cờ thi đua của Ủy ban nhân dân thành phố",
        T,
        C,
        Level::ThanhPho,
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        T,
        C,
        Level::ThanhPho,
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        T,
        C,
        Level::CoSo,
    ),
    (
        "huan-chuong-lao-dong-hang-nhat",
        "Huân chương Lao động hạng Nhất",
        F,
        B,
        Level::ToanQuoc,
    ),
    (
        "huan-chuong-lao-dong-hang-nhi",
        "Huân chương Lao động hạng Nhì",
        F,
        B,
        Level::ToanQuoc,
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "Huân chương Lao động hạng Ba",
        F,
        B,
        Level::ToanQuoc,
    ),
    (
        "anh-hung-lao-dong",
        "Anh hùng Lao động",
        F,
        B,
        Level::ToanQuoc,
    ),
    (
        "nha-giao-nhan-dan",
        "Nhà giáo Nhân dân",
        F,
        P,
        Level::ToanQuoc,
    ),
    ("nha-giao-uu-tu", "Nhà giáo Ưu tú", F, P, Level::ToanQuoc),
    (
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        F,
        B,
        Level::ToanQuoc,
    ),
    (
        "bang-khen-bo-truong-bgddt",
        "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
        F,
        B,
        Level::Bo,
    ),
    (
        "bang-khen-chu-tich-ubnd-thanh-pho",
        "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố",
        F,
        B,
        Level::ThanhPho,
    ),
    (
        "ky-niem-chuong-vi-su-nghiep-giao-duc",
        "Kỷ niệm chương “Vì sự nghiệp giáo dục”",
        F,
        P,
        Level::Bo,
    ),
    (
        "giay-khen-giam-doc-so",
        "Giấy khen của Giám đốc Sở Giáo dục và Đào tạo",
        F,
        B,
        Level::So,
    ),
    (
        "giay-khen-chu-tich-ubnd-xa",
        "Giấy khen của Chủ tịch Ủy ban nhân dân xã/phường/đặc khu",
        F,
        B,
        Level::CoSo,
    ),
    (
        "giay-khen-chu-tich-ubnd-huyen",
        "Giấy khen của Chủ tịch Ủy ban nhân dân quận/huyện",
        F,
        B,
        Level::CoSo,
    ),
];

/// The built-in catalogue with site.toml's entries applied: an entry with a built-in
/// id replaces it in place, a new id is added after the built-in ones.
pub fn catalogue(site: &BTreeMap<String, AwardSpec>) -> Vec<Award> {
    let mut awards: Vec<Award> = BUILT_IN
        .iter()
        .map(|&(id, name, kind, subject, level)| Award {
            id: id.into(),
            name: name.into(),
            kind,
            subject,
            level,
        })
        .collect();
    for (id, spec) in site {
        let award = Award {
            id: id.clone(),
            name: crate::vietnamese::nfc(&spec.name).into_owned(),
            kind: spec.kind,
            subject: spec.subject,
            level: spec.level,
        };
        match awards.iter_mut().find(|a| a.id == *id) {
            Some(existing) => *existing = award,
            None => awards.push(award),
        }
    }
    awards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_entries_rename_and_extend_the_catalogue() {
        let built_in = catalogue(&BTreeMap::new());
        assert_eq!(built_in.len(), 23);
        assert!(
            built_in
                .iter()
                .all(|a| a.id == crate::vietnamese::slugify(&a.id))
        );
        let mut site = BTreeMap::new();
        let spec = |name: &str| AwardSpec {
            name: name.into(),
            kind: AwardKind::Form,
            subject: AwardSubject::Both,
            level: Level::CoSo,
        };
        site.insert(
            "giay-khen-hieu-truong".to_string(),
            spec("Giấy khen của Hiệu trưởng"),
        );
        site.insert("lao-dong-tien-tien".to_string(), spec("LĐTT"));
        let all = catalogue(&site);
        assert_eq!(all.len(), 24);
        assert_eq!(all[4].name, "LĐTT");
        assert_eq!(all[23].id, "giay-khen-hieu-truong");
    }
}
