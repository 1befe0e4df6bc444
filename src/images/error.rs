//! What can be wrong with an image file, in words an office editor can act on: each
//! variant has a stable code, a message and one sentence of help, in both languages.

use crate::vietnamese::Lang;

/// The image formats tonvinh reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    /// The format a file name promises, from its extension (any case).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::WebP),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::WebP => "WebP",
        }
    }

    pub fn image_format(self) -> image::ImageFormat {
        match self {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
            Format::WebP => image::ImageFormat::WebP,
        }
    }
}

/// A problem with one image file.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),
    #[error("the file is a link that leads outside the site")]
    Outside,
    #[error("`.{0}` is not an image type tonvinh publishes")]
    Unsupported(String),
    #[error("the file is named as {expected:?} but holds {}", actual.unwrap_or("no known image"))]
    Mismatch {
        expected: Format,
        /// What the bytes are ("PNG", "HEIC"), if anything known.
        actual: Option<&'static str>,
    },
    #[error("{width}×{height} pixels is more than max_pixels = {max}")]
    TooLarge { width: u32, height: u32, max: u64 },
    #[error("{width}×{height} pixels cannot be published")]
    BadSize { width: u32, height: u32 },
    #[error("the image is truncated or corrupt: {0}")]
    Corrupt(String),
    #[error("cannot write the processed image: {0}")]
    Write(std::io::Error),
}

impl ImageError {
    /// The diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            ImageError::Read(_) => "image-read",
            ImageError::Outside => "image-outside",
            ImageError::Unsupported(_) => "image-format",
            ImageError::Mismatch { .. } => "image-mismatch",
            ImageError::TooLarge { .. } => "image-too-large",
            ImageError::BadSize { .. } => "image-size",
            ImageError::Corrupt(_) => "image-corrupt",
            ImageError::Write(e) => crate::output::write_code(e),
        }
    }

    /// What is wrong, naming the file (`file` is relative to the site root).
    pub fn message(&self, file: &str, lang: Lang) -> String {
        let what = match self {
            ImageError::Read(e) => {
                format!("{}: {e}", lang.pick("không đọc được", "cannot be read"))
            }
            ImageError::Outside => lang
                .pick(
                    "là liên kết tượng trưng trỏ ra ngoài trang",
                    "is a symbolic link that leads outside the site",
                )
                .into(),
            ImageError::Unsupported(ext) => format!(
                "{} `.{ext}`",
                lang.pick(
                    "có kiểu tệp không được hỗ trợ:",
                    "has an unsupported file type:"
                )
            ),
            ImageError::Mismatch { expected, actual } => match actual {
                Some(actual) => format!(
                    "{} {}, {} {actual}",
                    lang.pick("mang đuôi tệp của ảnh", "is named as a"),
                    expected.name(),
                    lang.pick("nhưng nội dung là", "image but holds"),
                ),
                None => format!(
                    "{} {}",
                    lang.pick(
                        "không phải là ảnh: nội dung không phải",
                        "is not an image: its content is not"
                    ),
                    expected.name()
                ),
            },
            ImageError::TooLarge { width, height, max } => format!(
                "{} {width}×{height} = {} {}, {} max_pixels = {max}",
                lang.pick("quá lớn:", "is too large:"),
                u64::from(*width) * u64::from(*height),
                lang.pick("điểm ảnh", "pixels"),
                lang.pick("vượt giới hạn", "above"),
            ),
            ImageError::BadSize { width, height } => format!(
                "{} {width}×{height}",
                lang.pick(
                    "có kích thước không dùng được:",
                    "has a size that cannot be published:"
                )
            ),
            ImageError::Corrupt(detail) => format!(
                "{} ({detail})",
                lang.pick("bị cắt cụt hoặc bị hỏng", "is truncated or corrupt")
            ),
            ImageError::Write(e) => format!(
                "{}: {e}",
                lang.pick(
                    "không ghi được ảnh đã xử lý",
                    "cannot write the processed image"
                )
            ),
        };
        format!("{} `{file}` {what}", lang.pick("ảnh", "the image"))
    }

    /// One sentence on how to fix it.
    pub fn help(&self, lang: Lang) -> &'static str {
        match self {
            ImageError::Read(_) | ImageError::Write(_) => lang.pick(
                "kiểm tra quyền đọc/ghi tệp và dung lượng đĩa",
                "check the file permissions and the free disk space",
            ),
            ImageError::Outside => lang.pick(
                "chép chính tệp ảnh vào thư mục bài viết thay cho liên kết",
                "copy the image itself into the page's folder instead of a link",
            ),
            ImageError::Unsupported(_) => lang.pick(
                "lưu ảnh dưới dạng JPEG (.jpg), PNG (.png) hoặc WebP (.webp)",
                "save the image as JPEG (.jpg), PNG (.png) or WebP (.webp)",
            ),
            ImageError::Mismatch {
                actual: Some("HEIC" | "AVIF"),
                ..
            } => lang.pick(
                "ảnh HEIC từ điện thoại: xuất lại thành JPEG (trên iPhone: Cài đặt > Camera > Định dạng > Tương thích nhất)",
                "a phone's HEIC photo: export it as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible)",
            ),
            ImageError::Mismatch { actual: Some(_), .. } => lang.pick(
                "đổi đuôi tệp cho đúng loại ảnh, hoặc mở ảnh và lưu lại dưới dạng JPEG",
                "give the file the extension of its real type, or open it and save it as JPEG",
            ),
            ImageError::Mismatch { actual: None, .. } => lang.pick(
                "tệp có thể đã hỏng khi tải lên: chép lại ảnh gốc",
                "the file may have been damaged on upload: copy the original photo again",
            ),
            ImageError::TooLarge { .. } => lang.pick(
                "thu nhỏ ảnh (ví dụ còn 3000 điểm ảnh chiều rộng) hoặc tăng [images] max_pixels trong site.toml",
                "scale the image down (e.g. to 3000 pixels wide) or raise [images] max_pixels in site.toml",
            ),
            ImageError::BadSize { .. } => lang.pick(
                "cắt ảnh về tỉ lệ thông thường, mỗi chiều không quá 65.535 điểm ảnh",
                "crop the image to a usual shape, at most 65,535 pixels each way",
            ),
            ImageError::Corrupt(_) => lang.pick(
                "tệp có thể chưa tải lên xong: chép lại ảnh gốc, hoặc mở và lưu lại ảnh",
                "the file may be an unfinished upload: copy the original photo again, or open and re-save it",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ImageError;
    use crate::output::DISK_FULL;
    use std::io::{Error, ErrorKind};

    /// A processed image that cannot be written on a full disk is reported with the
    /// pages' files, once for the whole build.
    #[test]
    fn a_full_disk_is_the_code_of_an_image_write_too() {
        let full = ImageError::Write(Error::from(ErrorKind::QuotaExceeded));
        assert_eq!(full.code(), DISK_FULL);
        let other = ImageError::Write(Error::from(ErrorKind::PermissionDenied));
        assert_eq!(other.code(), "io");
    }
}
