//! Names of the domain's fixed vocabulary for readers, in the site's language.

use super::{Area, UnitLevel};
use crate::vietnamese::Lang;

/// All areas, in display order.
pub const AREAS: [Area; 6] = [
    Area::HaiDao,
    Area::BienGioi,
    Area::MienNui,
    Area::DanTocThieuSo,
    Area::VungSau,
    Area::VungXa,
];

/// The URL segment of an area (`hai-dao`).
pub fn area_id(area: Area) -> &'static str {
    match area {
        Area::VungSau => "vung-sau",
        Area::VungXa => "vung-xa",
        Area::BienGioi => "bien-gioi",
        Area::HaiDao => "hai-dao",
        Area::DanTocThieuSo => "dan-toc-thieu-so",
        Area::MienNui => "mien-nui",
    }
}

pub fn area_name(area: Area, lang: Lang) -> &'static str {
    match area {
        Area::VungSau => lang.pick("Vùng sâu", "Deep rural areas"),
        Area::VungXa => lang.pick("Vùng xa", "Remote areas"),
        Area::BienGioi => lang.pick("Biên giới", "Border areas"),
        Area::HaiDao => lang.pick("Hải đảo", "Islands"),
        Area::DanTocThieuSo => lang.pick("Vùng đồng bào dân tộc thiểu số", "Ethnic-minority areas"),
        Area::MienNui => lang.pick("Miền núi", "Mountain areas"),
    }
}

pub fn area_description(area: Area, lang: Lang) -> &'static str {
    match area {
        Area::VungSau => lang.pick(
            "Những thầy cô, tập thể bền bỉ gieo chữ ở các xã vùng sâu của thành phố.",
            "Teachers and collectives who keep schools going in the city's deep rural communes.",
        ),
        Area::VungXa => lang.pick(
            "Những người gắn bó với trường lớp ở nơi xa trung tâm, xa gia đình.",
            "People who stay with schools far from the centre and from their families.",
        ),
        Area::BienGioi => lang.pick(
            "Những người giữ trường, giữ lớp nơi biên cương của Tổ quốc.",
            "People who keep schools running at the country's borders.",
        ),
        Area::HaiDao => lang.pick(
            "Những thầy cô bám đảo, đưa con chữ ra với đặc khu Bạch Long Vĩ và Cát Hải.",
            "Teachers who stay on the islands, bringing schooling to Bạch Long Vĩ and Cát Hải.",
        ),
        Area::DanTocThieuSo => lang.pick(
            "Những tấm gương ở vùng có đồng bào dân tộc thiểu số sinh sống.",
            "Exemplars from areas where ethnic-minority communities live.",
        ),
        Area::MienNui => lang.pick(
            "Những tấm gương ở các xã, phường miền núi của thành phố.",
            "Exemplars from the city's mountain communes and wards.",
        ),
    }
}

pub fn level_label(level: UnitLevel, lang: Lang) -> &'static str {
    match level {
        UnitLevel::MamNon => lang.pick("Mầm non", "Preschool"),
        UnitLevel::TieuHoc => lang.pick("Tiểu học", "Primary school"),
        UnitLevel::Thcs => lang.pick("Trung học cơ sở", "Lower secondary school"),
        UnitLevel::Thpt => lang.pick("Trung học phổ thông", "Upper secondary school"),
        UnitLevel::LienCap => lang.pick("Trường liên cấp", "Multi-level school"),
        UnitLevel::Gdtx => lang.pick(
            "Giáo dục nghề nghiệp – thường xuyên",
            "Vocational and continuing education",
        ),
        UnitLevel::TrucThuoc => lang.pick("Đơn vị trực thuộc Sở", "Unit under the department"),
        UnitLevel::CoQuan => lang.pick("Cơ quan Sở", "Department office"),
    }
}

/// The kind of a page, as `kind` in cards, and its label.
pub fn kind_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "profile" => lang.pick("Gương điển hình", "Exemplar"),
        "collective" => lang.pick("Tập thể điển hình", "Exemplary collective"),
        "unit" => lang.pick("Đơn vị", "Unit"),
        "campaign" => lang.pick("Phong trào thi đua", "Emulation campaign"),
        "decision" => lang.pick("Quyết định khen thưởng", "Commendation decision"),
        "model" => lang.pick("Mô hình hay", "Good model"),
        _ => lang.pick("Tin tức", "News"),
    }
}
