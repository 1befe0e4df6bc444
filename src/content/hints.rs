//! Texts shared by the diagnostics and the form editor (`src/cms/`): what a key
//! means and what it needs, said once, so that a hint under a form field and the
//! message `check` prints for the same key never drift apart.

use crate::vietnamese::Lang;

/// A text in Vietnamese and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub vi: &'static str,
    pub en: &'static str,
}

impl Text {
    /// The text in the site's language.
    pub fn pick(self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

const fn text(vi: &'static str, en: &'static str) -> Text {
    Text { vi, en }
}

/// `name` holds the name only (the `honorific` warning's help).
pub const NAME_ONLY: Text = text(
    "chỉ ghi họ và tên, không kèm danh xưng (Cô, Thầy, NGƯT…): danh xưng để ở tiêu đề; ví dụ Trần Văn An",
    "the name only, without honorifics (Ms, Mr, …): keep those in the title; e.g. Trần Văn An",
);

/// `photo_alt` is required with a photo (the `photo-alt` error).
pub const PHOTO_ALT: Text = text(
    "thiếu photo_alt: mô tả ảnh cho người không nhìn thấy ảnh",
    "photo_alt is missing: describe the photo for people who cannot see it",
);

/// Where a photo must be (the `photo-missing` error's help).
pub const PHOTO_PLACE: Text = text(
    "đặt tệp ảnh vào thư mục bài viết, cạnh index.md, hoặc sửa tên tệp",
    "put the photo in the page's folder, next to index.md, or fix the file name",
);

/// What `year` of an award is (the `award-year` warning's help).
pub const AWARD_YEAR: Text = text(
    "year là năm ban hành quyết định",
    "year is the year the decision was issued",
);

/// What a decision id is (the unknown decision's help).
pub const DECISION_ID: Text = text(
    "mã quyết định là tên tệp trong content/khen-thuong/",
    "a decision id is a file name in content/khen-thuong/",
);

/// The form of a decision's number (the `decision-number` warning).
pub const DECISION_NUMBER: Text = text(
    "số quyết định không có dạng số/QĐ-CƠQUAN",
    "the number is not in the form number/QĐ-ISSUER",
);

/// A minor needs a guardian's consent (the `minor-consent` error).
pub const MINOR_CONSENT: Text = text(
    "người chưa thành niên (minor = true) cần sự đồng ý của cha mẹ hoặc người giám hộ",
    "a minor (minor = true) needs the consent of a parent or guardian",
);

/// A photo needs consent to photos (the `photo-consent` error).
pub const PHOTO_CONSENT: Text = text(
    "trang có ảnh hoặc video nhưng sự đồng ý không bao gồm hình ảnh (scope thiếu \"photo\")",
    "the page has photos or videos but the consent does not cover images (scope lacks \"photo\")",
);

/// A person's page needs their consent (the `no-consent` problem).
pub const NO_CONSENT: Text = text(
    "chưa ghi nhận sự đồng ý của người được giới thiệu",
    "no consent of the person is recorded",
);

/// Longest summary that fits a card without being cut (`summary-long`).
pub const SUMMARY_MAX_CHARS: usize = 200;

/// The summary is for cards and search (the `no-summary` warning).
pub const NO_SUMMARY: Text = text(
    "chưa có tóm tắt (summary) cho thẻ và công cụ tìm kiếm",
    "no summary for cards and search",
);

/// Why a profile names awards or campaigns (the `no-award-or-campaign` warning's help).
pub const AWARDS_OR_CAMPAIGNS: Text = text(
    "thêm awards = [...] hoặc campaigns = [...] để trang xuất hiện trong bảng vàng và phong trào",
    "add awards = [...] or campaigns = [...] so the page shows on honour rolls and campaigns",
);
