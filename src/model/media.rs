//! The media of a page beside its photo: a `gallery` of bundle photos and `video`s
//! (YouTube, Vimeo, or a file of the bundle). Plain data, checked by
//! `resolve/media.rs`; the URL forms of the video hosts are read here (pure).

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;

/// One photo of a gallery.
#[derive(Debug, Clone)]
pub struct GalleryItem {
    /// The file, relative to the site root.
    pub file: PathBuf,
    pub alt: String,
    pub caption: String,
    /// An empty problem placed at `file = …`, for problems found by the image stage.
    pub place: Diagnostic,
}

/// Where a video plays from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoSource {
    /// A YouTube video id (11 characters).
    YouTube(String),
    /// A Vimeo video number.
    Vimeo(String),
    /// A file of the bundle, published beside the page.
    File {
        /// Relative to the site root.
        file: PathBuf,
        /// Its name in the bundle (`video/phong-su.mp4`): its path below the page.
        name: String,
        kind: VideoFile,
    },
}

/// The video file types a bundle may publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoFile {
    Mp4,
    WebM,
}

impl VideoFile {
    /// From a file name's extension (any case).
    pub fn from_name(name: &str) -> Option<VideoFile> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "mp4" | "m4v" => Some(VideoFile::Mp4),
            "webm" => Some(VideoFile::WebM),
            _ => None,
        }
    }

    /// Whether the file's first bytes are of this type (an MP4 `ftyp` box, the
    /// EBML magic of WebM).
    pub fn matches(self, head: &[u8]) -> bool {
        match self {
            VideoFile::Mp4 => head.len() >= 8 && &head[4..8] == b"ftyp",
            VideoFile::WebM => head.starts_with(&[0x1a, 0x45, 0xdf, 0xa3]),
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            VideoFile::Mp4 => "video/mp4",
            VideoFile::WebM => "video/webm",
        }
    }
}

/// A video of a page.
#[derive(Debug, Clone)]
pub struct Video {
    pub source: VideoSource,
    pub title: String,
    /// A still of the bundle shown before play, processed as a photo.
    pub poster: Option<super::Photo>,
}

/// The forms of video URL tonvinh reads, for the hint of an unknown one.
pub const VIDEO_URL_FORMS: &[&str] = &[
    "https://www.youtube.com/watch?v=MÃ",
    "https://youtu.be/MÃ",
    "https://www.youtube.com/shorts/MÃ",
    "https://www.youtube.com/embed/MÃ",
    "https://vimeo.com/SỐ",
];

/// The video a URL names, from the forms of [`VIDEO_URL_FORMS`] (http or https, with
/// or without `www.` or `m.`, extra parameters ignored). `None` for anything else.
pub fn parse_video_url(url: &str) -> Option<VideoSource> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let rest = rest.split('#').next().unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(&host);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match (host, segments.as_slice()) {
        ("youtube.com" | "youtube-nocookie.com", ["watch"]) => query
            .split('&')
            .find_map(|kv| kv.strip_prefix("v="))
            .and_then(youtube_id),
        ("youtube.com" | "youtube-nocookie.com", ["shorts" | "embed" | "live", id]) => {
            youtube_id(id)
        }
        ("youtu.be", [id]) => youtube_id(id),
        ("vimeo.com", [id]) | ("player.vimeo.com", ["video", id]) => {
            let digits = !id.is_empty() && id.len() <= 12 && id.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| VideoSource::Vimeo((*id).to_string()))
        }
        _ => None,
    }
}

/// A YouTube id: 11 characters of `A-Z a-z 0-9 - _`.
fn youtube_id(id: &str) -> Option<VideoSource> {
    let ok = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| VideoSource::YouTube(id.to_string()))
}

impl VideoSource {
    /// The player, loaded only when the reader presses play: YouTube's
    /// privacy-enhanced domain, Vimeo with "do not track"; a file's own path.
    pub fn player_url(&self) -> Option<String> {
        match self {
            VideoSource::YouTube(id) => Some(format!(
                "https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0"
            )),
            VideoSource::Vimeo(id) => Some(format!(
                "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"
            )),
            VideoSource::File { .. } => None,
        }
    }

    /// Where the video can be watched without script (a plain link).
    pub fn watch_url(&self) -> Option<String> {
        match self {
            VideoSource::YouTube(id) => Some(format!("https://www.youtube.com/watch?v={id}")),
            VideoSource::Vimeo(id) => Some(format!("https://vimeo.com/{id}")),
            VideoSource::File { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yt(id: &str) -> Option<VideoSource> {
        Some(VideoSource::YouTube(id.into()))
    }

    #[test]
    fn every_youtube_form_gives_the_id() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
            "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            " https://WWW.YouTube.com/watch?v=dQw4w9WgXcQ#x ",
        ] {
            assert_eq!(parse_video_url(url), yt("dQw4w9WgXcQ"), "{url}");
        }
    }

    #[test]
    fn vimeo_numbers_and_everything_else() {
        assert_eq!(
            parse_video_url("https://vimeo.com/76979871"),
            Some(VideoSource::Vimeo("76979871".into()))
        );
        assert_eq!(
            parse_video_url("https://player.vimeo.com/video/76979871?h=x"),
            Some(VideoSource::Vimeo("76979871".into()))
        );
        for bad in [
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch?v=dQw4w9WgXc<",
            "https://www.youtube.com/channel/UCabc",
            "https://vimeo.com/channels/staffpicks",
            "https://www.facebook.com/watch/?v=123",
            "https://evil.example/youtu.be/dQw4w9WgXcQ",
            "javascript:alert(1)",
            "youtube.com/watch?v=dQw4w9WgXcQ",
        ] {
            assert_eq!(parse_video_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn players_are_the_private_ones() {
        let y = yt("dQw4w9WgXcQ").unwrap();
        assert!(
            y.player_url()
                .unwrap()
                .starts_with("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?")
        );
        let v = VideoSource::Vimeo("1".into());
        assert!(v.player_url().unwrap().contains("dnt=1"));
    }

    #[test]
    fn file_types_by_name_and_content() {
        assert_eq!(VideoFile::from_name("Phong Su.MP4"), Some(VideoFile::Mp4));
        assert_eq!(VideoFile::from_name("a.webm"), Some(VideoFile::WebM));
        assert_eq!(VideoFile::from_name("a.mov"), None);
        assert!(VideoFile::Mp4.matches(b"\0\0\0\x20ftypisom"));
        assert!(!VideoFile::Mp4.matches(b"\x1a\x45\xdf\xa3"));
        assert!(VideoFile::WebM.matches(b"\x1a\x45\xdf\xa3\x9f"));
    }
}
