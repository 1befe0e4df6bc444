//! Video files of page bundles (`video = [{ file = "…" }]`), published beside their
//! page without the metadata a phone or an editor writes into them: the boxes and
//! elements that hold place (GPS), dates, titles, tags, device and software names
//! are overwritten with padding of the same size, so every offset in the file stays
//! right and the video plays as before. Size and type were checked by the model.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::{Site, VideoFile, VideoSource};
use crate::output::Sink;
use crate::vietnamese::Lang;

/// Publishes every video file the site's pages name; returns how many, and the
/// problems (a file that cannot be read, or whose structure is damaged).
pub fn publish(root: &Path, site: &Site, out: &dyn Sink, lang: Lang) -> (usize, Vec<Diagnostic>) {
    let mut count = 0;
    let mut problems = Vec::new();
    for r in site.all_pages() {
        let page = site.page(r);
        for video in &page.video {
            let VideoSource::File { file, name, kind } = &video.source else {
                continue;
            };
            let shown = file.to_string_lossy().replace('\\', "/");
            let result = std::fs::read(root.join(file))
                .map_err(|e| e.to_string())
                .and_then(|mut bytes| {
                    strip(&mut bytes, *kind)?;
                    Ok(bytes)
                });
            match result {
                Ok(bytes) => match out.write(&format!("{}{name}", page.path), &bytes) {
                    Ok(()) => count += 1,
                    Err(e) => problems.push(crate::output::write_problem(
                        out.location(&format!("{}{name}", page.path)),
                        &e,
                    )),
                },
                Err(detail) => problems.push(
                    Diagnostic::error(
                        "video-damaged",
                        &page.source.rel,
                        format!(
                            "{} `{shown}` {} ({detail})",
                            lang.pick("tệp video", "the video file"),
                            lang.pick(
                                "không đọc được hoặc bị hỏng",
                                "cannot be read or is damaged"
                            ),
                        ),
                    )
                    .with_help(lang.pick(
                        "mở video bằng phần mềm dựng phim và xuất lại dưới dạng MP4",
                        "open the video in a video editor and export it again as MP4",
                    )),
                ),
            }
        }
    }
    (count, problems)
}

/// Overwrites the metadata of a video file in place.
pub fn strip(bytes: &mut [u8], kind: VideoFile) -> Result<(), String> {
    match kind {
        VideoFile::Mp4 => mp4::strip(bytes, 0, bytes.len(), 0),
        VideoFile::WebM => webm::strip(bytes),
    }
}

/// ISO base media (MP4, M4V): boxes of `size, type, payload`.
mod mp4 {
    /// Boxes whose children are boxes, down to the ones that hold metadata.
    const CONTAINERS: &[&[u8; 4]] = &[b"moov", b"trak", b"mdia", b"minf", b"edts"];
    /// Boxes of metadata only: user data (GPS `©xyz`, device, title), iTunes-style
    /// `meta`, and `uuid` boxes (XMP and makers' own) outside movie fragments.
    const METADATA: &[&[u8; 4]] = &[b"udta", b"meta", b"uuid"];
    /// Boxes with a creation and a modification time after version and flags.
    const DATED: &[&[u8; 4]] = &[b"mvhd", b"tkhd", b"mdhd"];

    pub fn strip(bytes: &mut [u8], start: usize, end: usize, depth: u32) -> Result<(), String> {
        if depth > 8 {
            return Err("boxes nested too deep".into());
        }
        let mut at = start;
        while at + 8 <= end {
            let size32 = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
            let kind: [u8; 4] = bytes[at + 4..at + 8].try_into().unwrap_or_default();
            let (header, size) = match size32 {
                0 => (8, end - at),
                1 if at + 16 <= end => {
                    let large =
                        u64::from_be_bytes(bytes[at + 8..at + 16].try_into().unwrap_or_default());
                    (16, usize::try_from(large).map_err(|_| "box too large")?)
                }
                1 => return Err("truncated box header".into()),
                n => (8, n as usize),
            };
            if size < header || at + size > end {
                return Err(format!(
                    "box `{}` runs past its parent",
                    String::from_utf8_lossy(&kind)
                ));
            }
            let payload = at + header..at + size;
            if METADATA.contains(&&kind) {
                bytes[at + 4..at + 8].copy_from_slice(b"free");
                bytes[payload].fill(0);
            } else if DATED.contains(&&kind) && payload.len() >= 12 {
                let p = payload.start;
                let times = if bytes[p] == 1 { 16 } else { 8 };
                if payload.len() >= 4 + times {
                    bytes[p + 4..p + 4 + times].fill(0);
                }
            } else if CONTAINERS.contains(&&kind) {
                strip(bytes, payload.start, payload.end, depth + 1)?;
            }
            at += size;
        }
        Ok(())
    }
}

/// Matroska / WebM: EBML elements of `id, size, payload`.
mod webm {
    const SEGMENT: u32 = 0x1853_8067;
    const CLUSTER: u32 = 0x1F43_B675;
    const INFO: u32 = 0x1549_A966;
    /// Elements of metadata only, anywhere they are met: tags, attached files (cover
    /// pictures), the date, the title and the software of `Info`.
    const METADATA: &[u32] = &[0x1254_C367, 0x1941_A469, 0x4461, 0x7BA9, 0x4D80, 0x5741];
    const VOID: u8 = 0xEC;

    /// A variable-length integer: its length and value (marker kept for ids).
    fn vint(bytes: &[u8], at: usize, keep_marker: bool) -> Option<(usize, u64)> {
        let first = *bytes.get(at)?;
        let len = first.leading_zeros() as usize + 1;
        if len > 8 || at + len > bytes.len() {
            return None;
        }
        let mut value = if keep_marker {
            u64::from(first)
        } else {
            u64::from(first) & ((1u64 << (8 - len)) - 1)
        };
        for b in &bytes[at + 1..at + len] {
            value = (value << 8) | u64::from(*b);
        }
        Some((len, value))
    }

    /// Turns the element at `at` (header `head` bytes, payload `len`) into a Void
    /// element of the same total size.
    fn void(bytes: &mut [u8], at: usize, head: usize, len: usize) {
        let size_len = head - 1;
        bytes[at] = VOID;
        // The size, on `size_len` bytes (a longer form than needed is valid EBML).
        let mut size = len as u64;
        for i in (0..size_len).rev() {
            bytes[at + 1 + i] = size as u8;
            size >>= 8;
        }
        bytes[at + 1] |= 0x80 >> (size_len - 1);
        bytes[at + head..at + head + len].fill(0);
    }

    pub fn strip(bytes: &mut [u8]) -> Result<(), String> {
        walk(bytes, 0, bytes.len(), 0)
    }

    fn walk(bytes: &mut [u8], start: usize, end: usize, depth: u32) -> Result<(), String> {
        if depth > 4 {
            return Ok(());
        }
        let mut at = start;
        while at < end {
            let (id_len, id) = vint(bytes, at, true).ok_or("bad element id")?;
            let (size_len, size) = vint(bytes, at + id_len, false).ok_or("bad element size")?;
            let head = id_len + size_len;
            let unknown = size == (1u64 << (7 * size_len)) - 1;
            let id = id as u32;
            if unknown {
                // A live recording (a browser's MediaRecorder): the segment and its
                // clusters have no size. Their children are read in turn: a
                // cluster's end is where the next top-level element starts.
                if id == SEGMENT || id == CLUSTER {
                    at += head;
                    continue;
                }
                return Err("element of unknown size".into());
            }
            let size = usize::try_from(size).map_err(|_| "element too large")?;
            let next = at
                .checked_add(head + size)
                .filter(|n| *n <= end)
                .ok_or("element runs past the file")?;
            if METADATA.contains(&id) {
                void(bytes, at, head, size);
            } else if id == SEGMENT || id == INFO {
                walk(bytes, at + head, next, depth + 1)?;
            }
            at = next;
        }
        Ok(())
    }

    #[cfg(test)]
    pub(super) fn read_vint(bytes: &[u8], at: usize) -> Option<(usize, u64)> {
        vint(bytes, at, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mp4_box(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend(kind);
        b.extend(payload);
        b
    }

    #[test]
    fn mp4_metadata_becomes_padding_and_the_layout_stays() {
        let gps = mp4_box(b"\xa9xyz", b"+20.0000+107.7167/");
        let udta = mp4_box(b"udta", &gps);
        let mut mvhd_payload = vec![0u8; 100];
        mvhd_payload[4..8].copy_from_slice(&0xdead_beefu32.to_be_bytes());
        let mvhd = mp4_box(b"mvhd", &mvhd_payload);
        let trak = mp4_box(b"trak", &mp4_box(b"meta", b"Pixel 9 Pro"));
        let moov = mp4_box(b"moov", &[mvhd, trak, udta].concat());
        let xmp = mp4_box(b"uuid", b"\xbe\x7a\xcf\xcb<x:xmpmeta>GPS</x:xmpmeta>");
        let mdat = mp4_box(b"mdat", b"frames");
        let mut file = [mp4_box(b"ftyp", b"isom\0\0\0\0"), moov, xmp, mdat].concat();
        let before = file.len();
        strip(&mut file, VideoFile::Mp4).unwrap();
        assert_eq!(file.len(), before);
        let text = String::from_utf8_lossy(&file);
        for gone in [
            "xyz", "+20.0000", "Pixel", "xmpmeta", "udta", "meta", "uuid",
        ] {
            assert!(!text.contains(gone), "{gone} left in {text:?}");
        }
        assert!(
            text.contains("ftypisom") && text.contains("mdatframes"),
            "{text:?}"
        );
        assert!(
            !file.windows(4).any(|w| w == 0xdead_beefu32.to_be_bytes()),
            "the date is zeroed"
        );
    }

    #[test]
    fn damaged_mp4_is_an_error_not_a_panic() {
        let mut bad = mp4_box(b"moov", &mp4_box(b"udta", b"x"));
        bad[3] = 200; // moov claims more than the file has
        assert!(strip(&mut bad, VideoFile::Mp4).is_err());
        for len in 0..20 {
            let mut cut = mp4_box(b"moov", &mp4_box(b"udta", b"abcdefgh"))[..len].to_vec();
            let _ = strip(&mut cut, VideoFile::Mp4);
        }
    }

    /// An EBML element with a one-byte size.
    fn el(id: &[u8], payload: &[u8]) -> Vec<u8> {
        let mut e = id.to_vec();
        e.push(0x80 | payload.len() as u8);
        e.extend(payload);
        e
    }

    #[test]
    fn webm_tags_title_and_date_become_void() {
        let info = el(
            &[0x15, 0x49, 0xA9, 0x66],
            &[
                el(&[0x7B, 0xA9], b"Hop mat 20-11"),
                el(&[0x44, 0x61], b"12345678"),
                el(&[0x2A, 0xD7, 0xB1], &[0x0F, 0x42, 0x40]),
            ]
            .concat(),
        );
        let tags = el(&[0x12, 0x54, 0xC3, 0x67], b"ENCODER Lavf GPS");
        let cluster = el(&[0x1F, 0x43, 0xB6, 0x75], b"frames");
        let mut segment = vec![
            0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        segment.extend([info, tags, cluster].concat());
        let mut file = [el(&[0x1A, 0x45, 0xDF, 0xA3], b"webm"), segment].concat();
        let before = file.len();
        strip(&mut file, VideoFile::WebM).unwrap();
        assert_eq!(file.len(), before);
        let text = String::from_utf8_lossy(&file);
        for gone in ["Hop mat", "12345678", "GPS", "Lavf"] {
            assert!(!text.contains(gone), "{gone} left");
        }
        assert!(text.contains("frames"));
        // The timecode scale (2AD7B1) is kept.
        assert!(file.windows(3).any(|w| w == [0x0F, 0x42, 0x40]));
        // A void element: id EC, then a size that reads back as its payload length.
        let at = file.iter().position(|b| *b == 0xEC).unwrap();
        assert_eq!(webm::read_vint(&file, at + 1), Some((2, 13)));
    }
}
