//! The template shapes of a page's gallery and videos (docs/themes.md): each gallery
//! photo as a responsive image with its caption, each video as what its
//! click-to-play placeholder needs. The player's address is only written into a
//! `data-` attribute: the page itself never loads anything from another site.

use serde::Serialize;

use super::context::{ImageCtx, Shapes};
use crate::model::{Page, VideoSource};

/// One photo of `page.gallery`.
#[derive(Debug, Clone, Serialize)]
pub struct GalleryPhoto<'a> {
    pub image: ImageCtx<'a>,
    pub caption: &'a str,
}

/// One video of `page.video`.
#[derive(Debug, Clone, Serialize)]
pub struct VideoCtx<'a> {
    /// `youtube`, `vimeo` or `file`.
    pub kind: &'static str,
    pub title: &'a str,
    /// The player, inserted on play: the embed address of YouTube (privacy-enhanced
    /// domain) or Vimeo (do not track), or the file's URL for a `<video>`.
    pub player: String,
    /// Where a reader without script watches it: the video's page, or the file.
    pub link: String,
    /// `video/mp4` or `video/webm` for a file, else "".
    pub mime: &'static str,
    /// The poster from the bundle, or null (the theme draws a box).
    pub poster: Option<ImageCtx<'a>>,
}

impl<'a> Shapes<'a> {
    /// The processed photos of a page's gallery.
    pub fn gallery(&self, page: &'a Page) -> Vec<GalleryPhoto<'a>> {
        page.gallery
            .iter()
            .filter_map(|item| {
                Some(GalleryPhoto {
                    image: self.image(&item.file, &item.alt, false)?,
                    caption: &item.caption,
                })
            })
            .collect()
    }

    /// The videos of a page.
    pub fn videos(&self, page: &'a Page) -> Vec<VideoCtx<'a>> {
        page.video
            .iter()
            .map(|v| {
                let poster = v
                    .poster
                    .as_ref()
                    .and_then(|p| self.image(&p.file, &p.alt, false));
                let (kind, player, link, mime) = match &v.source {
                    VideoSource::YouTube(_) | VideoSource::Vimeo(_) => (
                        if matches!(v.source, VideoSource::YouTube(_)) {
                            "youtube"
                        } else {
                            "vimeo"
                        },
                        v.source.player_url().unwrap_or_default(),
                        v.source.watch_url().unwrap_or_default(),
                        "",
                    ),
                    VideoSource::File { name, kind, .. } => {
                        let url = format!("{}{}", self.url(&page.path), encode_path(name));
                        ("file", url.clone(), url, kind.mime())
                    }
                };
                VideoCtx {
                    kind,
                    title: &v.title,
                    player,
                    link,
                    mime,
                    poster,
                }
            })
            .collect()
    }
}

/// Percent-encodes each segment of a bundle path for a URL (`Phóng sự.mp4`).
fn encode_path(name: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    name.split('/')
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundle_paths_are_encoded_segment_by_segment() {
        assert_eq!(
            super::encode_path("video/Phóng sự 1.mp4"),
            "video/Ph%C3%B3ng%20s%E1%BB%B1%201.mp4"
        );
        assert_eq!(super::encode_path("clip.webm"), "clip.webm");
    }
}
