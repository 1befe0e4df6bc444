//! What can be wrong with an attachment, in words an office editor can act on: a
//! stable code, a message and one sentence of help, in both languages.

use std::path::Path;

use super::{Kind, Leftover, human_size};
use crate::diagnostics::Diagnostic;
use crate::vietnamese::Lang;

/// A problem with one attachment file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("`.{}` is not a type of attachment tonvinh publishes", extension.as_deref().unwrap_or(""))]
    Unsupported { extension: Option<String> },
    #[error("{size} bytes is more than the limit of {max}")]
    TooLarge { size: u64, max: u64 },
    #[error("named as {expected:?} but holds {}", actual.unwrap_or("something else"))]
    Mismatch {
        expected: Kind,
        /// What the bytes are, if anything known.
        actual: Option<&'static str>,
    },
    #[error("the {kind:?} file is protected by a password")]
    Encrypted { kind: Kind },
    #[error("the {kind:?} file is damaged: {detail}")]
    Damaged { kind: Kind, detail: String },
}

impl Problem {
    /// The diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unsupported { .. } => "attachment-type",
            Problem::TooLarge { .. } => "attachment-too-large",
            Problem::Mismatch { .. } => "attachment-mismatch",
            Problem::Encrypted { .. } => "attachment-encrypted",
            Problem::Damaged { .. } => "attachment-damaged",
        }
    }

    /// What is wrong, naming the file (`file` is relative to the site root).
    pub fn message(&self, file: &str, lang: Lang) -> String {
        let what = match self {
            Problem::Unsupported { extension } => format!(
                "{} `.{}`",
                lang.pick(
                    "có kiểu tệp không được đăng làm tệp đính kèm:",
                    "has a type that is not published as an attachment:"
                ),
                extension.as_deref().unwrap_or("")
            ),
            Problem::TooLarge { size, max } => format!(
                "{} {}, {} {}",
                lang.pick("quá lớn:", "is too large:"),
                human_size(*size, lang),
                lang.pick("vượt giới hạn", "above the limit of"),
                human_size(*max, lang),
            ),
            Problem::Mismatch { expected, actual } => match actual {
                Some(actual) => format!(
                    "{} {}, {} {actual}",
                    lang.pick("mang đuôi tệp", "is named as"),
                    expected.label(lang),
                    lang.pick("nhưng nội dung là tệp", "but holds a file of type"),
                ),
                None => format!(
                    "{} {}",
                    lang.pick("không phải là tệp", "is not a file of type"),
                    expected.label(lang)
                ),
            },
            Problem::Encrypted { kind } => format!(
                "({}) {}",
                kind.label(lang),
                lang.pick("được đặt mật khẩu", "is protected by a password")
            ),
            Problem::Damaged { kind, detail } => format!(
                "({}) {} ({detail})",
                kind.label(lang),
                lang.pick("bị hỏng, không đọc được", "is damaged and cannot be read")
            ),
        };
        format!(
            "{} `{file}` {what}",
            lang.pick("tệp đính kèm", "the attachment")
        )
    }

    /// One sentence on how to fix it.
    pub fn help(&self, lang: Lang) -> &'static str {
        match self {
            Problem::Unsupported { .. } => lang.pick(
                "đính kèm tệp PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), .odt hoặc .ods; tốt nhất là PDF",
                "attach a PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), .odt or .ods file; PDF is best",
            ),
            Problem::TooLarge { .. } => lang.pick(
                "giảm dung lượng tệp (ví dụ quét văn bản ở 150 dpi, đen trắng, rồi lưu PDF) hoặc tăng [attachments] max_mb trong site.toml",
                "make the file smaller (e.g. scan at 150 dpi in black and white, then save as PDF) or raise [attachments] max_mb in site.toml",
            ),
            Problem::Mismatch {
                actual: Some(a), ..
            } if a.starts_with("Office 97") => lang.pick(
                "tệp dạng cũ bị đổi đuôi: mở tệp và chọn Lưu thành (Save As) dạng mới (.docx, .xlsx, .pptx) hoặc PDF",
                "an old-format file with a new extension: open it and Save As the current format (.docx, .xlsx, .pptx) or PDF",
            ),
            Problem::Mismatch { actual: Some(_), .. } => lang.pick(
                "đổi đuôi tệp cho đúng loại tệp, hoặc mở tệp và lưu lại đúng dạng",
                "give the file the extension of its real type, or open it and save it in the right format",
            ),
            Problem::Mismatch { actual: None, .. } | Problem::Damaged { .. } => lang.pick(
                "tệp có thể đã hỏng khi tải lên: chép lại tệp gốc, hoặc mở tệp và lưu lại",
                "the file may have been damaged on upload: copy the original again, or open it and save it again",
            ),
            Problem::Encrypted { kind: Kind::Pdf } => lang.pick(
                "tệp công khai không cần mật khẩu: mở tệp, bỏ mật khẩu và quyền hạn chế (hoặc In ra PDF: Microsoft Print to PDF) rồi đính kèm tệp mới",
                "a public file needs no password: open it, remove the password and restrictions (or print it to PDF: Microsoft Print to PDF) and attach the new file",
            ),
            Problem::Encrypted { .. } => lang.pick(
                "tệp công khai không cần mật khẩu: mở tệp, vào Tệp > Thông tin > Bảo vệ tài liệu, xoá mật khẩu, lưu lại; hoặc lưu thành PDF",
                "a public file needs no password: open it, go to File > Info > Protect Document, clear the password and save; or save it as PDF",
            ),
        }
    }

    /// The problem as a diagnostic about the file `path` (relative to the site root).
    pub fn diagnostic(&self, path: &Path, lang: Lang) -> Diagnostic {
        let file = path.to_string_lossy().replace('\\', "/");
        Diagnostic::error(self.code(), path, self.message(&file, lang)).with_help(self.help(lang))
    }
}

impl Leftover {
    /// A warning about the published file `path`: comments and tracked changes are
    /// part of the document, so they stay, but the editor should know.
    pub fn diagnostic(self, path: &Path, lang: Lang) -> Diagnostic {
        let file = path.to_string_lossy().replace('\\', "/");
        let (code, what, help) = match self {
            Leftover::Comments => (
                "attachment-comments",
                lang.pick("còn các nhận xét (comment)", "still holds comments"),
                lang.pick(
                    "tên người nhận xét đã được xoá, nhưng nội dung nhận xét vẫn được đăng: xoá các nhận xét (Xem lại > Xoá > Xoá tất cả nhận xét) rồi lưu lại",
                    "their authors' names were removed, but the comments are published: delete them (Review > Delete > Delete All Comments) and save",
                ),
            ),
            Leftover::TrackedChanges => (
                "attachment-tracked-changes",
                lang.pick("còn các thay đổi được theo dõi (track changes)", "still holds tracked changes"),
                lang.pick(
                    "tên người sửa đã được xoá, nhưng bản cũ vẫn đọc được: chấp nhận mọi thay đổi (Xem lại > Chấp nhận tất cả) rồi lưu lại",
                    "the editors' names were removed, but the old text can still be read: accept all changes (Review > Accept All) and save",
                ),
            ),
        };
        Diagnostic::warning(
            code,
            path,
            format!(
                "{} `{file}` {what}",
                lang.pick("tệp đính kèm", "the attachment")
            ),
        )
        .with_help(help)
    }
}
