//! The form of each section type: one field per key of its front matter
//! (`content::front`), in the order docs/content.md lists them, then the body.
//! A test checks that the keys here and the structs' keys are the same.
//!
//! Longer than 500 lines on purpose: the forms of all section types side by side,
//! one builder call a field, read against docs/content.md's tables.

use super::widgets::{
    Field, boolean, date, file, image, integer, markdown, object, object_list, optional_date,
    relation, select, string, string_list, text,
};
use super::{Model, Targets};
use crate::content::front::{
    ARTICLE_EXAMPLES, CAMPAIGN_EXAMPLES, DECISION_EXAMPLES, PROFILE_EXAMPLES, SectionKind,
    UNIT_EXAMPLES, UnitLevel,
};
use crate::content::hints::{self, SUMMARY_MAX_CHARS, Text};
use crate::domain::labels::{AREAS, area_id, area_name, level_label};
use crate::domain::{AwardSubject, Level};
use crate::vietnamese::Lang;

/// The fields of a section's pages, body last.
pub fn fields(kind: SectionKind, model: &Model) -> Vec<Field> {
    let f = Form {
        lang: model.lang,
        targets: &model.targets,
        awards: &model.awards,
    };
    let mut fields = match kind {
        SectionKind::Profiles => f.profile(),
        SectionKind::Units => f.unit_page(),
        SectionKind::Campaigns => f.campaign(),
        SectionKind::Decisions => f.decision(),
        SectionKind::Models | SectionKind::News => f.article(),
    };
    fields.push(markdown("body", ("Nội dung", "Body"), f.lang).optional());
    fields
}

struct Form<'a> {
    lang: Lang,
    targets: &'a Targets,
    awards: &'a [(String, String)],
}

/// The value of a key in one of the `*_EXAMPLES` lines (`title = "…"` → `…`).
fn example(examples: &[(&str, &str)], key: &str) -> String {
    examples
        .iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, line)| line.split_once('='))
        .map(|(_, value)| value.trim().trim_matches('"').to_string())
        .unwrap_or_default()
}

impl Form<'_> {
    fn pick(&self, text: Text) -> String {
        text.pick(self.lang).to_string()
    }

    fn for_example(&self, examples: &[(&str, &str)], key: &str) -> String {
        format!(
            "{} {}",
            self.lang.pick("Ví dụ:", "For example:"),
            example(examples, key)
        )
    }

    fn profile(&self) -> Vec<Field> {
        let l = self.lang;
        let subjects = [AwardSubject::Person, AwardSubject::Collective]
            .map(|s| (subject_id(s).to_string(), s.label(l).to_string()));
        vec![
            string("title", ("Tiêu đề", "Headline"), l)
                .hint(self.for_example(PROFILE_EXAMPLES, "title")),
            string(
                "name",
                (
                    "Họ và tên, hoặc tên tập thể",
                    "Name of the person or collective",
                ),
                l,
            )
            .hint(self.pick(hints::NAME_ONLY)),
            select(
                "subject",
                ("Cá nhân hay tập thể", "Person or collective"),
                &subjects,
                l,
            )
            .optional()
            .with("default", "person"),
            string(
                "given",
                ("Tên (khi tên không ở cuối)", "Given name (when not last)"),
                l,
            )
            .optional()
            .hint(self.pick(NAME_ORDER)),
            string(
                "family",
                ("Họ (khi họ không ở đầu)", "Family name (when not first)"),
                l,
            )
            .optional()
            .hint(self.pick(NAME_ORDER)),
            string("position", ("Chức vụ", "Position"), l).optional(),
            self.unit(true),
            self.campaigns(),
            self.awards(),
            boolean(
                "frontline",
                ("Trực tiếp lao động, công tác", "Frontline"),
                l,
            )
            .hint(self.pick(FRONTLINE)),
            date("date", ("Ngày đăng", "Publication date"), l),
            image("photo", ("Ảnh chân dung", "Portrait"), l).hint(self.pick(hints::PHOTO_PLACE)),
            self.photo_alt(),
            self.gallery(),
            self.video(),
            self.attachments(),
            self.summary(),
            self.tags(),
            self.consent(),
            boolean("minor", ("Người chưa thành niên", "Minor"), l)
                .hint(self.pick(hints::MINOR_CONSENT)),
            self.noindex(),
            self.draft(),
        ]
    }

    fn unit_page(&self) -> Vec<Field> {
        let l = self.lang;
        let levels: Vec<(String, String)> = UNIT_LEVELS
            .iter()
            .map(|&level| (id(level), level_label(level, l).to_string()))
            .collect();
        let areas: Vec<(String, String)> = AREAS
            .iter()
            .map(|&a| (area_id(a).to_string(), area_name(a, l).to_string()))
            .collect();
        vec![
            string("name", ("Tên đơn vị", "Name"), l).hint(self.for_example(UNIT_EXAMPLES, "name")),
            select("level", ("Cấp học, loại đơn vị", "Level"), &levels, l),
            string(
                "commune",
                ("Xã, phường, đặc khu", "Commune, ward or special zone"),
                l,
            )
            .hint(self.for_example(UNIT_EXAMPLES, "commune")),
            select("areas", ("Khu vực", "Areas"), &areas, l)
                .optional()
                .with("multiple", true),
            string("address", ("Địa chỉ của trường", "The school's address"), l).optional(),
            string("website", ("Trang web", "Website"), l).optional(),
            self.summary(),
            image("photo", ("Ảnh", "Photo"), l).hint(self.pick(hints::PHOTO_PLACE)),
            self.photo_alt(),
            self.gallery(),
            self.video(),
            self.attachments(),
            self.draft(),
        ]
    }

    fn campaign(&self) -> Vec<Field> {
        let l = self.lang;
        vec![
            string("title", ("Tên phong trào", "Title"), l)
                .hint(self.for_example(CAMPAIGN_EXAMPLES, "title")),
            string("slogan", ("Khẩu hiệu", "Slogan"), l).optional(),
            string("launched_by", ("Người phát động", "Launched by"), l).optional(),
            select("level", ("Cấp phát động", "Level"), &self.levels(), l),
            date("start", ("Ngày phát động", "Start"), l),
            optional_date("end", ("Ngày kết thúc", "End"), l),
            string_list(
                "objectives",
                ("Mục tiêu", "Objectives"),
                ("Mục tiêu", "Objective"),
                l,
            ),
            string_list(
                "criteria",
                ("Tiêu chí thi đua", "Criteria"),
                ("Tiêu chí", "Criterion"),
                l,
            ),
            string("participants", ("Đối tượng tham gia", "Participants"), l).optional(),
            self.summary(),
            self.tags(),
            image("photo", ("Ảnh", "Photo"), l).hint(self.pick(hints::PHOTO_PLACE)),
            self.photo_alt(),
            self.gallery(),
            self.video(),
            self.attachments(),
            self.draft(),
        ]
    }

    fn decision(&self) -> Vec<Field> {
        let l = self.lang;
        let subjects = [AwardSubject::Person, AwardSubject::Collective]
            .map(|s| (subject_id(s).to_string(), s.label(l).to_string()));
        let recipient = vec![
            string("name", ("Họ và tên, hoặc tên tập thể", "Name"), l)
                .hint(self.pick(hints::NAME_ONLY)),
            self.unit(false),
            self.award_select(),
            select(
                "subject",
                ("Cá nhân hay tập thể", "Person or collective"),
                &subjects,
                l,
            )
            .optional(),
            string("position", ("Chức vụ", "Position"), l).optional(),
        ];
        vec![
            string("number", ("Số quyết định", "Number"), l)
                .hint(self.for_example(DECISION_EXAMPLES, "number"))
                .pattern(r"^[^/Ð]+/[^Ð]+$", hints::DECISION_NUMBER.pick(l)),
            string("title", ("Trích yếu", "Title"), l)
                .hint(self.for_example(DECISION_EXAMPLES, "title")),
            date("date", ("Ngày ban hành", "Date"), l),
            string("issuer", ("Cơ quan ban hành", "Issuer"), l)
                .hint(self.for_example(DECISION_EXAMPLES, "issuer")),
            string(
                "signer",
                ("Người ký (như in trên quyết định)", "Signer, as printed"),
                l,
            )
            .optional(),
            object_list(
                "recipients",
                (
                    "Người, tập thể được khen (không có trang riêng)",
                    "Recipients without a page of their own",
                ),
                recipient,
                l,
            )
            .with("summary", "{{fields.name}}"),
            file(
                "recipients_file",
                (
                    "Tệp phụ lục danh sách khen thưởng (.xlsx, .xls, .ods, .csv)",
                    "Annex listing the recipients (.xlsx, .xls, .ods, .csv)",
                ),
                l,
            ),
            string(
                "recipients_sheet",
                ("Trang tính của phụ lục", "Sheet of the annex"),
                l,
            )
            .optional(),
            self.award_select().optional(),
            self.summary(),
            self.tags(),
            self.gallery(),
            self.video(),
            self.attachments(),
            self.draft(),
        ]
    }

    fn article(&self) -> Vec<Field> {
        let l = self.lang;
        vec![
            string("title", ("Tiêu đề", "Title"), l)
                .hint(self.for_example(ARTICLE_EXAMPLES, "title")),
            date("date", ("Ngày đăng", "Publication date"), l),
            self.unit(false),
            self.campaigns(),
            self.tags(),
            self.summary(),
            image("photo", ("Ảnh", "Photo"), l).hint(self.pick(hints::PHOTO_PLACE)),
            self.photo_alt(),
            self.gallery(),
            self.video(),
            self.attachments(),
            self.consent(),
            boolean("minor", ("Có người chưa thành niên", "Shows a minor"), l)
                .hint(self.pick(hints::MINOR_CONSENT)),
            self.noindex(),
            self.draft(),
        ]
    }

    /// A unit chosen by searching the units by name (or its id typed in, when the
    /// site has no units section).
    fn unit(&self, required: bool) -> Field {
        let label = ("Đơn vị", "Unit");
        let field = match &self.targets.units {
            Some(units) => {
                relation("unit", label, units, &["name"], self.lang).hint(self.lang.pick(
                    "Gõ vài chữ của tên trường để tìm",
                    "Type part of the school's name",
                ))
            }
            None => string("unit", label, self.lang),
        };
        if required { field } else { field.optional() }
    }

    fn campaigns(&self) -> Field {
        let label = ("Phong trào thi đua", "Campaigns");
        match &self.targets.campaigns {
            Some(c) => relation("campaigns", label, c, &["title"], self.lang)
                .optional()
                .with("multiple", true),
            None => string_list(
                "campaigns",
                label,
                ("Mã phong trào", "Campaign id"),
                self.lang,
            ),
        }
    }

    fn award_select(&self) -> Field {
        select(
            "award",
            ("Danh hiệu, hình thức khen thưởng", "Award"),
            self.awards,
            self.lang,
        )
    }

    fn awards(&self) -> Field {
        let l = self.lang;
        let decision = match &self.targets.decisions {
            Some(d) => relation(
                "decision",
                ("Quyết định khen thưởng", "Decision"),
                d,
                &["number", "title"],
                l,
            ),
            None => string("decision", ("Mã quyết định", "Decision id"), l),
        }
        .optional()
        .hint(self.pick(hints::DECISION_ID));
        let fields = vec![
            self.award_select(),
            integer("year", ("Năm", "Year"), l)
                .with("min", 1945)
                .with("max", 2100)
                .hint(self.pick(hints::AWARD_YEAR)),
            decision,
        ];
        object_list("awards", ("Danh hiệu, khen thưởng", "Awards"), fields, l)
            .with("summary", "{{fields.award}} ({{fields.year}})")
            .hint(self.pick(hints::AWARDS_OR_CAMPAIGNS))
    }

    fn consent(&self) -> Field {
        let l = self.lang;
        let by = [
            ("self", ("Bản thân người được giới thiệu", "The person")),
            (
                "guardian",
                ("Cha mẹ hoặc người giám hộ", "A parent or guardian"),
            ),
            (
                "self+guardian",
                (
                    "Bản thân và cha mẹ hoặc người giám hộ",
                    "The person and a parent or guardian",
                ),
            ),
        ]
        .map(|(id, label)| (id.to_string(), l.pick(label.0, label.1).to_string()));
        let scope = [
            ("story", ("Câu chuyện", "The story")),
            ("photo", ("Ảnh", "Photos")),
        ]
        .map(|(id, label)| (id.to_string(), l.pick(label.0, label.1).to_string()));
        let fields = vec![
            select("by", ("Người đồng ý", "Given by"), &by, l),
            date("date", ("Ngày ký giấy đồng ý", "Date signed"), l),
            select("scope", ("Đồng ý cho đăng", "Covers"), &scope, l)
                .with("multiple", true)
                .hint(self.pick(hints::PHOTO_CONSENT)),
        ];
        object("consent", ("Sự đồng ý", "Consent"), fields, l)
            .optional()
            .hint(self.pick(CONSENT))
    }

    fn levels(&self) -> Vec<(String, String)> {
        LEVELS
            .iter()
            .map(|&level| (id(level), level.label(self.lang).to_string()))
            .collect()
    }

    /// Photos of the page bundle shown as a grid under the body.
    fn gallery(&self) -> Field {
        let l = self.lang;
        let fields = vec![
            image("file", ("Ảnh", "Photo"), l).required(),
            string("alt", ("Mô tả ảnh", "Photo description"), l),
            string("caption", ("Chú thích", "Caption"), l).optional(),
        ];
        object_list("gallery", ("Bộ ảnh", "Gallery"), fields, l)
            .optional()
            .with("summary", "{{fields.alt}}")
    }

    /// Videos: a YouTube or Vimeo address, or a file of the page bundle.
    fn video(&self) -> Field {
        let l = self.lang;
        let fields = vec![
            string(
                "url",
                ("Địa chỉ YouTube hoặc Vimeo", "YouTube or Vimeo address"),
                l,
            )
            .optional(),
            file("file", ("hoặc tệp MP4/WebM", "or an MP4/WebM file"), l),
            string("title", ("Tiêu đề video", "Video title"), l),
            image("poster", ("Ảnh bìa", "Poster"), l),
        ];
        object_list("video", ("Video", "Videos"), fields, l)
            .optional()
            .with("summary", "{{fields.title}}")
    }

    /// Documents of the page bundle listed under the page ("Tệp đính kèm").
    fn attachments(&self) -> Field {
        let l = self.lang;
        let fields = vec![
            file(
                "file",
                (
                    "Tệp (PDF, Word, Excel, PowerPoint, OpenDocument)",
                    "File (PDF, Word, Excel, PowerPoint, OpenDocument)",
                ),
                l,
            )
            .required(),
            string("title", ("Tên hiển thị", "Title shown"), l).optional(),
        ];
        object_list("attachments", ("Tệp đính kèm", "Attachments"), fields, l)
            .optional()
            .with("summary", "{{fields.title}}")
    }

    fn photo_alt(&self) -> Field {
        string("photo_alt", ("Mô tả ảnh", "Photo description"), self.lang)
            .optional()
            .hint(self.pick(hints::PHOTO_ALT))
    }

    fn summary(&self) -> Field {
        text("summary", ("Tóm tắt", "Summary"), self.lang)
            .optional()
            .hint(format!(
                "{} ({} {SUMMARY_MAX_CHARS} {})",
                self.pick(hints::NO_SUMMARY),
                self.lang.pick("tối đa", "at most"),
                self.lang.pick("ký tự", "characters"),
            ))
    }

    fn tags(&self) -> Field {
        string_list("tags", ("Chủ đề", "Tags"), ("Chủ đề", "Tag"), self.lang)
    }

    fn noindex(&self) -> Field {
        boolean(
            "noindex",
            (
                "Không hiện trên công cụ tìm kiếm",
                "Hide from search engines",
            ),
            self.lang,
        )
    }

    fn draft(&self) -> Field {
        boolean(
            "draft",
            ("Bản nháp (chưa đăng)", "Draft (not published)"),
            self.lang,
        )
    }
}

/// Hints of fields that no diagnostic speaks of.
const NAME_ORDER: Text = Text {
    vi: "chỉ điền khi tên không theo thứ tự họ – đệm – tên, ví dụ họ kép Tôn Nữ",
    en: "only when the name is not family – middle – given, e.g. the family name Tôn Nữ",
};
const FRONTLINE: Text = Text {
    vi: "trực tiếp giảng dạy, phục vụ, không giữ chức vụ quản lý",
    en: "teaches or serves directly, holds no management post",
};
const CONSENT: Text = Text {
    vi: "ghi lại việc người được giới thiệu đã ký giấy đồng ý; giấy ký lưu tại đơn vị, không tải lên đây",
    en: "records that the person signed the consent form; the form stays with the unit, never uploaded here",
};

fn subject_id(subject: AwardSubject) -> &'static str {
    match subject {
        AwardSubject::Collective => "collective",
        _ => "person",
    }
}

/// The value front matter writes for a variant (its serde name).
fn id<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Every level of campaigns and awards, every level of units (a test checks that
/// none is missing).
pub(super) const LEVELS: [Level; 5] = [
    Level::ToanQuoc,
    Level::Bo,
    Level::ThanhPho,
    Level::So,
    Level::CoSo,
];
pub(super) const UNIT_LEVELS: [UnitLevel; 8] = [
    UnitLevel::MamNon,
    UnitLevel::TieuHoc,
    UnitLevel::Thcs,
    UnitLevel::Thpt,
    UnitLevel::LienCap,
    UnitLevel::Gdtx,
    UnitLevel::TrucThuoc,
    UnitLevel::CoQuan,
];
