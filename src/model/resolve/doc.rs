//! Resolution of one document: its references looked up by id, its photo checked,
//! the fields every page has; the page of each kind is made in `kinds`. Every
//! problem is placed at its line.

use std::ops::Range;
use std::path::{Component, Path};

use toml::Spanned;

use super::*;
use crate::content::front::{AttachmentFront, GalleryFront, VideoFront};
use crate::content::hints;

/// The fields every page has, as its front matter gives them.
pub(super) struct PageFields<'f> {
    pub(super) title: &'f str,
    pub(super) date: Option<Date>,
    pub(super) summary: &'f str,
    pub(super) tags: &'f [String],
    pub(super) photo: Option<(&'f Spanned<String>, Option<&'f String>)>,
    /// `gallery` and `video`.
    pub(super) media: (&'f [GalleryFront], &'f [VideoFront]),
    pub(super) attachments: &'f [AttachmentFront],
    pub(super) noindex: bool,
    pub(super) draft: bool,
}

/// Resolution of one document.
pub(super) struct DocContext<'a> {
    pub(super) r: &'a mut Resolver,
    pub(super) maps: &'a Maps,
    pub(super) src: &'a SourceText<'a>,
    pub(super) rel: &'a Path,
    pub(super) front_start: usize,
    pub(super) sections: &'a [Section],
    pub(super) awards: &'a [Award],
}

impl DocContext<'_> {
    pub(super) fn lang(&self) -> Lang {
        self.r.lang
    }

    /// A span of the front matter as a span of the whole file.
    pub(super) fn front(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front_start..span.end + self.front_start
    }

    /// Looks up a reference; reports a dangling one at its span with a suggestion.
    /// A page whose own front matter failed is not reported again where it is
    /// named: its error is the cause.
    pub(super) fn reference(
        &mut self,
        known: &Known,
        value: &Spanned<String>,
        what: (&str, &str),
        hint: (&str, &str),
    ) -> Option<usize> {
        let id = value.get_ref().trim();
        // The form editor names a page bundle by its slug, `<id>/index`.
        let id = id.strip_suffix("/index").unwrap_or(id);
        if let Some(&i) = known.ids.get(id) {
            return Some(i);
        }
        if known.broken.contains(id) {
            return None;
        }
        let map = &known.ids;
        let lang = self.lang();
        let suggestion = did_you_mean(id, map.keys().map(String::as_str));
        let help = match suggestion {
            Some(s) => format!("{} `{s}`?", lang.pick("có phải ý bạn là", "did you mean")),
            None => lang.pick(hint.0, hint.1).to_string(),
        };
        let d = Diagnostic::error(
            "unknown-reference",
            self.rel,
            format!(
                "{} `{id}` {}",
                lang.pick(what.0, what.1),
                lang.pick("không tồn tại", "does not exist")
            ),
        )
        .with_help(help)
        .at(self.src, self.front(value.span()));
        self.r.problems.push(d);
        None
    }

    pub(super) fn unit_ref(&mut self, value: &Spanned<String>) -> Option<Idx<Unit>> {
        let map = &self.maps.units;
        self.reference(
            map,
            value,
            ("đơn vị", "unit"),
            (
                "mã đơn vị là tên tệp trong content/don-vi/, không có .md",
                "a unit id is a file name in content/don-vi/, without .md",
            ),
        )
        .map(Idx::new)
    }

    pub(super) fn campaign_refs(&mut self, values: &[Spanned<String>]) -> Vec<Idx<Campaign>> {
        let map = &self.maps.campaigns;
        let mut out = Vec::new();
        for v in values {
            if let Some(i) = self.reference(
                map,
                v,
                ("phong trào", "campaign"),
                (
                    "mã phong trào là tên tệp trong content/phong-trao/",
                    "a campaign id is a file name in content/phong-trao/",
                ),
            ) && !out.contains(&Idx::new(i))
            {
                out.push(Idx::new(i));
            }
        }
        out
    }

    pub(super) fn award_ref(
        &mut self,
        value: &Spanned<String>,
        collective: bool,
    ) -> Option<Idx<Award>> {
        let map = &self.maps.awards;
        let i = self.reference(
            map,
            value,
            ("danh hiệu/hình thức khen thưởng", "award"),
            (
                "xem danh mục trong DOMAIN.md hoặc thêm [awards.MÃ] vào site.toml",
                "see the catalogue, or add [awards.ID] to site.toml",
            ),
        )?;
        let award = &self.awards[i];
        if !award.subject.admits(collective) {
            let lang = self.lang();
            let who = award.subject.label(lang).to_lowercase();
            self.r.problems.push(
                Diagnostic::error(
                    "award-subject",
                    self.rel,
                    format!(
                        "{} “{}” {} {who}",
                        lang.pick("danh hiệu", "the award"),
                        award.name,
                        lang.pick("chỉ dành cho", "is only for")
                    ),
                )
                .with_help(lang.pick(
                    "kiểm tra subject của trang hoặc chọn danh hiệu phù hợp",
                    "check the page's subject, or choose a fitting award",
                ))
                .at(self.src, self.front(value.span())),
            );
        }
        Some(Idx::new(i))
    }

    /// The common page fields.
    pub(super) fn page(&mut self, doc: &Document, f: PageFields) -> Page {
        let PageFields {
            title,
            date,
            summary,
            tags,
            photo,
            media,
            attachments,
            noindex,
            draft,
        } = f;
        let section = &self.sections[doc.section];
        let photo = photo.and_then(|(file, alt)| self.photo(doc, file, alt));
        let gallery = self.gallery(doc, media.0);
        let video = self.videos(doc, media.1);
        let attachments = self.attachments(doc, attachments);
        Page {
            id: doc.id.clone(),
            section: Idx::new(doc.section),
            path: format!("{}/{}/", section.dir, doc.id),
            source: Source::default(),
            bundle: doc.bundle.clone(),
            title: nfc(title.trim()).into_owned(),
            date,
            summary: summary.trim().to_string(),
            tags: self.r.tags(tags),
            photo,
            gallery,
            video,
            attachments,
            noindex,
            draft,
        }
    }

    /// Checks a photo path: inside the page's bundle, present, with alt text.
    pub(super) fn photo(
        &mut self,
        doc: &Document,
        file: &Spanned<String>,
        alt: Option<&String>,
    ) -> Option<Photo> {
        let lang = self.lang();
        let name = file.get_ref().trim();
        let span = self.front(file.span());
        let at = |d: Diagnostic| d.at(self.src, span.clone());
        let escapes = Path::new(name)
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        let problem = if escapes || name.is_empty() {
            Some(at(Diagnostic::error("photo-path", self.rel, format!("{} `{name}`", lang.pick("đường dẫn ảnh ra ngoài thư mục bài viết:", "the photo path leaves the page's folder:"))))
                .with_help(lang.pick("đặt ảnh cạnh index.md và chỉ ghi tên tệp, ví dụ photo = \"chan-dung.jpg\"", "put the photo next to index.md and give its file name only, e.g. photo = \"chan-dung.jpg\"")))
        } else if doc.bundle.is_none() {
            Some(
                at(Diagnostic::error(
                    "photo-needs-bundle",
                    self.rel,
                    lang.pick(
                        "trang có ảnh phải là một thư mục bài viết",
                        "a page with a photo must be a page bundle (folder)",
                    ),
                ))
                .with_help(lang.pick(
                    "chuyển tệp thành thư mục: ten-trang/index.md và đặt ảnh cạnh nó",
                    "turn the file into a folder: name/index.md with the photo beside it",
                )),
            )
        } else {
            None
        };
        if let Some(p) = problem {
            self.r.problems.push(p);
            return None;
        }
        let bundle = doc.bundle.as_ref()?;
        let rel_file = bundle.join(name);
        if !self.r.root.join(&rel_file).is_file() {
            self.r.problems.push(
                at(Diagnostic::error(
                    "photo-missing",
                    self.rel,
                    format!(
                        "{} `{name}`",
                        lang.pick("không tìm thấy ảnh", "photo not found:")
                    ),
                ))
                .with_help(hints::PHOTO_PLACE.pick(lang)),
            );
            return None;
        }
        if alt.is_none_or(|a| a.trim().is_empty()) {
            self.r.problems.push(
                at(Diagnostic::error(
                    "photo-alt",
                    self.rel,
                    hints::PHOTO_ALT.pick(lang),
                ))
                .with_help(lang.pick(
                    "thêm dòng photo_alt = \"Cô Hoa đang giảng bài\"",
                    "add a line photo_alt = \"Ms Hoa teaching\"",
                )),
            );
        }
        Some(Photo {
            file: rel_file,
            alt: alt.cloned().unwrap_or_default(),
            place: at(Diagnostic::error("image", self.rel, "")),
        })
    }

    pub(super) fn warn_honorific(&mut self, name: &str) {
        const HONORIFICS: &[&str] = &[
            "Cô ",
            "Thầy ",
            "Ông ",
            "Bà ",
            "Em ",
            "Đồng chí ",
            "đồng chí ",
            "NGƯT",
            "NGND",
            "TS.",
            "ThS.",
            "PGS.",
        ];
        if let Some(h) = HONORIFICS.iter().find(|h| name.starts_with(*h)) {
            let lang = self.lang();
            let span = self.find_value_span("name").unwrap_or(0..0);
            self.r.problems.push(
                Diagnostic::warning(
                    "honorific",
                    self.rel,
                    format!(
                        "{} “{}”",
                        lang.pick("tên có kèm danh xưng", "the name includes an honorific"),
                        h.trim()
                    ),
                )
                .with_help(hints::NAME_ONLY.pick(lang))
                .at(self.src, span),
            );
        }
    }

    /// The span of `key = …` in the front matter, for problems about a plain value.
    pub(super) fn find_value_span(&self, key: &str) -> Option<Range<usize>> {
        let mut offset = 0;
        for line in self.src.text.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                return Some(offset..offset + line.trim_end().len());
            }
            offset += line.len();
        }
        None
    }
}
