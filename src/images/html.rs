//! URLs and HTML of a processed image: `src`, `srcset` per format, and the
//! `<picture>` that replaces a Markdown image in a body: a `<source>` for each format
//! better than JPEG (WebP), then the JPEG `<img>` every browser can show.

use serde::Serialize;

use super::{OutFormat, Processed};

/// `sizes` of an image in a body: the prose column (`.prose`, 44rem) or the screen.
pub const BODY_SIZES: &str = "(min-width: 46rem) 44rem, 100vw";

/// One `<source>` of a `<picture>`: every width in one format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceSet {
    /// `image/webp`.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// `/anh/<key>-480.webp 480w, …`.
    pub srcset: String,
}

/// The URLs and size of a processed image, ready for a `<picture>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsive {
    /// The middle width as JPEG: what a browser without `srcset` loads.
    pub src: String,
    /// Every width as JPEG: `/anh/<key>-480.jpg 480w, …`.
    pub srcset: String,
    /// The other formats, best first (`<source>`s before the `<img>`).
    pub sources: Vec<SourceSet>,
    /// The widest JPEG: what a link to the photo opens.
    pub largest: String,
    /// The size of `src`, for `width`/`height` (browsers reserve the space from them).
    pub width: u32,
    pub height: u32,
}

/// The URLs of `p` below `base_path` (`""` or `/dien-hinh`).
pub fn responsive(p: &Processed, base_path: &str) -> Responsive {
    let url = |w: u32, f: OutFormat| format!("{base_path}/{}", p.file_in(w, f));
    let srcset = |f: OutFormat| {
        p.widths
            .iter()
            .map(|(w, _)| format!("{} {w}w", url(*w, f)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (width, height) = p.middle();
    let widest = p.widths.last().map_or(width, |(w, _)| *w);
    Responsive {
        src: url(width, OutFormat::Jpeg),
        srcset: srcset(OutFormat::Jpeg),
        sources: p
            .formats
            .iter()
            .filter(|f| **f != OutFormat::Jpeg)
            .map(|f| SourceSet {
                mime: f.mime(),
                srcset: srcset(*f),
            })
            .collect(),
        largest: url(widest, OutFormat::Jpeg),
        width,
        height,
    }
}

/// The `<picture>` of a Markdown image: a `<source>` per better format, then the
/// JPEG `<img>`, lazy and decoded off the main thread.
pub fn img_tag(r: &Responsive, alt: &str, title: &str, sizes: &str) -> String {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    };
    let mut html = String::from("<picture>");
    for s in &r.sources {
        html.push_str(&format!(
            "<source type=\"{}\" srcset=\"{}\" sizes=\"{sizes}\">",
            s.mime,
            escape(&s.srcset)
        ));
    }
    html.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\"></picture>",
        escape(&r.src),
        escape(&r.srcset),
        r.width,
        r.height,
        escape(alt),
    ));
    html
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn processed() -> Processed {
        Processed {
            key: "0123456789abcdef".into(),
            widths: vec![(480, 600), (960, 1200), (1600, 2000)],
            og: Some((1200, 630)),
            formats: vec![OutFormat::WebP, OutFormat::Jpeg],
        }
    }

    #[test]
    fn srcset_lists_every_width_and_src_is_the_middle_one() {
        let r = responsive(&processed(), "/dien-hinh");
        assert_eq!(
            r.srcset,
            "/dien-hinh/anh/0123456789abcdef-480.jpg 480w, /dien-hinh/anh/0123456789abcdef-960.jpg 960w, /dien-hinh/anh/0123456789abcdef-1600.jpg 1600w"
        );
        assert_eq!(r.src, "/dien-hinh/anh/0123456789abcdef-960.jpg");
        assert_eq!(r.sources.len(), 1);
        assert_eq!(r.sources[0].mime, "image/webp");
        assert_eq!(
            r.sources[0].srcset,
            "/dien-hinh/anh/0123456789abcdef-480.webp 480w, /dien-hinh/anh/0123456789abcdef-960.webp 960w, /dien-hinh/anh/0123456789abcdef-1600.webp 1600w"
        );
        assert_eq!(r.largest, "/dien-hinh/anh/0123456789abcdef-1600.jpg");
        assert_eq!((r.width, r.height), (960, 1200));
        let mut small = processed();
        small.widths.truncate(1);
        assert_eq!(responsive(&small, "").src, "/anh/0123456789abcdef-480.jpg");
    }

    #[test]
    fn the_tag_is_lazy_and_escapes_its_text() {
        let r = responsive(&processed(), "");
        let tag = img_tag(&r, "Cô \"Hoa\" & lớp 5", "", BODY_SIZES);
        assert!(
            tag.contains("alt=\"Cô &quot;Hoa&quot; &amp; lớp 5\""),
            "{tag}"
        );
        assert!(tag.contains("loading=\"lazy\" decoding=\"async\""));
        assert!(tag.contains("width=\"960\" height=\"1200\""));
        assert!(!tag.contains("title="));
        assert!(
            tag.starts_with(
                "<picture><source type=\"image/webp\" srcset=\"/anh/0123456789abcdef-480.webp 480w,"
            ),
            "{tag}"
        );
        assert!(tag.ends_with("</picture>"), "{tag}");
        let mut jpeg_only = processed();
        jpeg_only.formats = vec![OutFormat::Jpeg];
        let tag = img_tag(&responsive(&jpeg_only, ""), "x", "", BODY_SIZES);
        assert!(!tag.contains("<source"), "{tag}");
    }
}
