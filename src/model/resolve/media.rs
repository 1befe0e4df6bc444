//! Resolution of a page's `gallery` and `video`: each file inside the page's bundle
//! and present, gallery photos with alt text and of an image type, videos from a
//! known host or a bundle file of a known type within `[video] max_mb`. Every
//! problem is placed at its key.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use toml::Spanned;

use super::doc::DocContext;
use super::*;
use crate::content::front::{GalleryFront, VideoFront};
use crate::model::media::{VIDEO_URL_FORMS, parse_video_url};

/// The image types a gallery or a poster may name (the image stage reads them).
const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

impl DocContext<'_> {
    /// The photos of `gallery = [...]` that can be published.
    pub(super) fn gallery(&mut self, doc: &Document, items: &[GalleryFront]) -> Vec<GalleryItem> {
        let lang = self.lang();
        let mut out = Vec::new();
        for item in items {
            let Some(file) = self.bundle_image(doc, &item.file, "gallery") else {
                continue;
            };
            let place = self.place(&item.file);
            let alt = item.alt.as_deref().map(str::trim).unwrap_or_default();
            if alt.is_empty() {
                self.r.problems.push(
                    Diagnostic::error(
                        "gallery-alt",
                        self.rel,
                        lang.pick(
                            "ảnh trong gallery thiếu alt: mô tả ảnh cho người không nhìn thấy ảnh",
                            "a gallery photo has no alt: describe it for people who cannot see it",
                        ),
                    )
                    .with_help(lang.pick(
                        "ví dụ { file = \"khai-giang.jpg\", alt = \"Học sinh chào cờ trong lễ khai giảng\" }",
                        "e.g. { file = \"opening.jpg\", alt = \"Pupils saluting the flag at the opening ceremony\" }",
                    ))
                    .at(self.src, self.front(item.file.span())),
                );
            }
            out.push(GalleryItem {
                file,
                alt: nfc(alt).into_owned(),
                caption: nfc(item.caption.trim()).into_owned(),
                place,
            });
        }
        out
    }

    /// The videos of `video = [...]` that can be shown.
    pub(super) fn videos(&mut self, doc: &Document, items: &[VideoFront]) -> Vec<Video> {
        items.iter().filter_map(|v| self.video(doc, v)).collect()
    }

    fn video(&mut self, doc: &Document, v: &VideoFront) -> Option<Video> {
        let lang = self.lang();
        let (key, span) = match (&v.url, &v.file) {
            (Some(u), None) => ("url", u.span()),
            (None, Some(f)) => ("file", f.span()),
            (url, file) => {
                let span = url
                    .as_ref()
                    .or(file.as_ref())
                    .or(v.title.as_ref())
                    .map_or(0..0, |s| s.span());
                let d = Diagnostic::error(
                    "video-source",
                    self.rel,
                    lang.pick(
                        "mỗi video cần đúng một trong hai: url (YouTube, Vimeo) hoặc file (tệp trong thư mục bài viết)",
                        "each video needs exactly one of url (YouTube, Vimeo) or file (a file of the page's folder)",
                    ),
                )
                .with_help(lang.pick(
                    "ví dụ video = [{ url = \"https://www.youtube.com/watch?v=…\", title = \"Phóng sự về cô Hoa\" }]",
                    "e.g. video = [{ url = \"https://www.youtube.com/watch?v=…\", title = \"A report on Ms Hoa\" }]",
                ));
                let d = if span.is_empty() {
                    d.at_line(1, 1)
                } else {
                    d.at(self.src, self.front(span))
                };
                self.r.problems.push(d);
                return None;
            }
        };
        let title = v.title.as_ref().map_or("", |t| t.get_ref().trim());
        if title.is_empty() {
            self.r.problems.push(
                Diagnostic::error(
                    "video-title",
                    self.rel,
                    lang.pick(
                        "video thiếu title: tên video hiện trên nút phát",
                        "the video has no title: it is shown on the play button",
                    ),
                )
                .with_help(lang.pick(
                    "thêm title = \"Phóng sự: cô giáo trên đảo Bạch Long Vĩ\"",
                    "add title = \"Report: the teacher on Bạch Long Vĩ island\"",
                ))
                .at(self.src, self.front(span.clone())),
            );
        }
        let source = if key == "url" {
            let url = v.url.as_ref()?;
            match parse_video_url(url.get_ref()) {
                Some(s) => s,
                None => {
                    let forms = VIDEO_URL_FORMS.join(", ");
                    self.r.problems.push(
                        Diagnostic::error(
                            "video-url",
                            self.rel,
                            format!(
                                "{} `{}`",
                                lang.pick(
                                    "không nhận ra địa chỉ video:",
                                    "not a video address tonvinh knows:"
                                ),
                                url.get_ref().trim()
                            ),
                        )
                        .with_help(format!(
                            "{} {forms}; {}",
                            lang.pick("dùng một trong các dạng", "use one of the forms"),
                            lang.pick(
                                "hoặc đặt tệp .mp4/.webm vào thư mục bài viết và ghi file = \"…\"",
                                "or put an .mp4/.webm file in the page's folder and write file = \"…\"",
                            )
                        ))
                        .at(self.src, self.front(span)),
                    );
                    return None;
                }
            }
        } else {
            self.video_file(doc, v.file.as_ref()?)?
        };
        let poster = v.poster.as_ref().and_then(|p| {
            let file = self.bundle_image(doc, p, "poster")?;
            Some(Photo {
                file,
                alt: String::new(),
                place: self.place(p),
            })
        });
        Some(Video {
            source,
            title: nfc(title).into_owned(),
            poster,
        })
    }

    /// A video file of the bundle: an MP4 or WebM file within `[video] max_mb`.
    fn video_file(&mut self, doc: &Document, file: &Spanned<String>) -> Option<VideoSource> {
        let lang = self.lang();
        let span = self.front(file.span());
        let name = file.get_ref().trim();
        let Some(kind) = VideoFile::from_name(name) else {
            self.r.problems.push(
                Diagnostic::error(
                    "video-format",
                    self.rel,
                    format!(
                        "{} `{name}`",
                        lang.pick(
                            "tệp video phải là .mp4 hoặc .webm:",
                            "a video file must be .mp4 or .webm:"
                        )
                    ),
                )
                .with_help(lang.pick(
                    "xuất video dưới dạng MP4 (H.264), hoặc đăng lên YouTube và ghi url = \"…\"",
                    "export the video as MP4 (H.264), or put it on YouTube and write url = \"…\"",
                ))
                .at(self.src, span),
            );
            return None;
        };
        let rel_file = self.bundle_file(doc, file, "video")?;
        let path = self.r.root.join(&rel_file);
        let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut head = [0u8; 12];
        let read = std::fs::File::open(&path).and_then(|mut f| f.read(&mut head));
        let problem = if len > self.r.video_max_bytes {
            Some((
                "video-too-large",
                format!(
                    "{} `{name}` {} {:.1} MB, {} [video] max_mb = {}",
                    lang.pick("tệp video", "the video file"),
                    lang.pick("nặng", "is"),
                    len as f64 / 1e6,
                    lang.pick("vượt giới hạn", "above"),
                    self.r.video_max_bytes / 1_000_000
                ),
                lang.pick(
                    "nén video nhỏ lại (ví dụ 720p, H.264), hoặc đăng lên YouTube và ghi url = \"…\"; giới hạn ở [video] max_mb trong site.toml",
                    "compress the video (e.g. 720p, H.264), or put it on YouTube and write url = \"…\"; the limit is [video] max_mb in site.toml",
                ),
            ))
        } else if read.map_or(true, |n| !kind.matches(&head[..n])) {
            Some((
                "video-mismatch",
                format!(
                    "{} `{name}` {}",
                    lang.pick("tệp", "the file"),
                    lang.pick(
                        "không phải là video MP4 hoặc WebM như đuôi tệp ghi",
                        "is not the MP4 or WebM video its name says"
                    )
                ),
                lang.pick(
                    "mở video bằng phần mềm dựng phim và xuất lại dưới dạng MP4",
                    "open the video in a video editor and export it again as MP4",
                ),
            ))
        } else {
            None
        };
        if let Some((code, message, help)) = problem {
            self.r.problems.push(
                Diagnostic::error(code, self.rel, message)
                    .with_help(help)
                    .at(self.src, span),
            );
            return None;
        }
        Some(VideoSource::File {
            file: rel_file,
            name: name.replace('\\', "/"),
            kind,
        })
    }

    /// A photo of the bundle (a gallery photo, a poster): a file of an image type.
    fn bundle_image(
        &mut self,
        doc: &Document,
        file: &Spanned<String>,
        key: &str,
    ) -> Option<PathBuf> {
        let lang = self.lang();
        let name = file.get_ref().trim();
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        if !ext.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str())) {
            self.r.problems.push(
                Diagnostic::error(
                    "image-format",
                    self.rel,
                    format!(
                        "`{key}`: {} `{name}`",
                        lang.pick("không phải tệp ảnh", "not an image file")
                    ),
                )
                .with_help(lang.pick(
                    "dùng ảnh JPEG (.jpg), PNG (.png) hoặc WebP (.webp)",
                    "use a JPEG (.jpg), PNG (.png) or WebP (.webp) image",
                ))
                .at(self.src, self.front(file.span())),
            );
            return None;
        }
        self.bundle_file(doc, file, key)
    }

    /// A file named by `key = "…"`: a path inside the page's bundle, present.
    pub(super) fn bundle_file(
        &mut self,
        doc: &Document,
        file: &Spanned<String>,
        key: &str,
    ) -> Option<PathBuf> {
        let lang = self.lang();
        let name = file.get_ref().trim();
        let at = |d: Diagnostic| d.at(self.src, self.front(file.span()));
        let escapes = name.is_empty()
            || Path::new(name)
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        let problem = if escapes {
            Some(at(Diagnostic::error(
                "media-path",
                self.rel,
                format!(
                    "`{key}`: {} `{name}`",
                    lang.pick(
                        "đường dẫn ra ngoài thư mục bài viết:",
                        "the path leaves the page's folder:"
                    )
                ),
            ))
            .with_help(lang.pick(
                "đặt tệp cạnh index.md và chỉ ghi tên tệp, ví dụ file = \"khai-giang.jpg\"",
                "put the file next to index.md and give its name only, e.g. file = \"opening.jpg\"",
            )))
        } else if doc.bundle.is_none() {
            Some(
                at(Diagnostic::error(
                    "media-needs-bundle",
                    self.rel,
                    format!(
                        "`{key}`: {}",
                        lang.pick(
                            "trang có ảnh hoặc video phải là một thư mục bài viết",
                            "a page with photos or videos must be a page bundle (folder)"
                        )
                    ),
                ))
                .with_help(lang.pick(
                    "chuyển tệp thành thư mục: ten-trang/index.md và đặt tệp cạnh nó",
                    "turn the file into a folder: name/index.md with the files beside it",
                )),
            )
        } else {
            None
        };
        if let Some(p) = problem {
            self.r.problems.push(p);
            return None;
        }
        let rel_file = doc.bundle.as_ref()?.join(name);
        if !self.r.root.join(&rel_file).is_file() {
            self.r.problems.push(
                at(Diagnostic::error(
                    "media-missing",
                    self.rel,
                    format!(
                        "`{key}`: {} `{name}`",
                        lang.pick("không tìm thấy tệp", "file not found:")
                    ),
                ))
                .with_help(lang.pick(
                    "đặt tệp vào thư mục bài viết, cạnh index.md, hoặc sửa tên tệp (phân biệt chữ hoa, chữ thường)",
                    "put the file in the page's folder, next to index.md, or fix its name (case matters)",
                )),
            );
            return None;
        }
        Some(rel_file)
    }

    /// An empty problem at a value, to place later problems with its file.
    pub(super) fn place(&self, value: &Spanned<String>) -> Diagnostic {
        Diagnostic::error("image", self.rel, "").at(self.src, self.front(value.span()))
    }
}
