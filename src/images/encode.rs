//! The published formats of a processed image and their encoders. JPEG (in
//! `transform`) is always made: every browser reads it, and Open Graph shows it.
//! WebP is made beside it for the browsers that read it (all current ones), through
//! libwebp. Each encoder is given bare pixels, so no file carries metadata.

use super::decode::MAX_SIDE;
use super::error::ImageError;

/// A format a width is published in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum OutFormat {
    WebP,
    Jpeg,
}

impl OutFormat {
    /// From a name of `[images] formats` (checked by the configuration).
    pub fn from_name(name: &str) -> Option<OutFormat> {
        match name {
            "webp" => Some(OutFormat::WebP),
            "jpeg" => Some(OutFormat::Jpeg),
            _ => None,
        }
    }

    /// The file extension of outputs.
    pub fn extension(self) -> &'static str {
        match self {
            OutFormat::WebP => "webp",
            OutFormat::Jpeg => "jpg",
        }
    }

    /// The media type of a `<source type=…>`.
    pub fn mime(self) -> &'static str {
        match self {
            OutFormat::WebP => "image/webp",
            OutFormat::Jpeg => "image/jpeg",
        }
    }

    /// A byte for cache keys.
    pub fn tag(self) -> u8 {
        match self {
            OutFormat::WebP => b'w',
            OutFormat::Jpeg => b'j',
        }
    }
}

/// libwebp's effort (0 fastest … 6 smallest). At 2 the files are within about 1 %
/// of effort 4 (cwebp's and libvips' default) for a third of the time: on a
/// 2400×3000 portrait's three widths, 478 ms and 66,874 bytes against 1,360 ms and
/// 66,172 bytes (bench/avif, bench/README.md).
const WEBP_METHOD: i32 = 2;

/// Encodes lossy WebP at `quality` (1–100, the scale cwebp and libvips use). The file
/// is a bare `RIFF/WEBP/VP8 ` stream: no EXIF, XMP or ICC chunk.
pub fn webp(pixels: &[u8], size: (u32, u32), quality: u8) -> Result<Vec<u8>, ImageError> {
    // WebP's own limit is 16383 pixels a side.
    const WEBP_MAX: u32 = 16_383;
    let (w, h) = size;
    if w == 0 || h == 0 || w > WEBP_MAX.min(MAX_SIDE) || h > WEBP_MAX {
        return Err(ImageError::BadSize {
            width: w,
            height: h,
        });
    }
    if pixels.len() != w as usize * h as usize * 3 {
        return Err(ImageError::Corrupt("encode: wrong buffer size".into()));
    }
    let mut config = webp::WebPConfig::new()
        .map_err(|()| ImageError::Corrupt("encode: libwebp version mismatch".into()))?;
    config.quality = f32::from(quality);
    config.method = WEBP_METHOD;
    let encoder = webp::Encoder::from_rgb(pixels, w, h);
    let memory = encoder
        .encode_advanced(&config)
        .map_err(|e| ImageError::Corrupt(format!("encode: {e:?}")))?;
    Ok(memory.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The RIFF chunks of a WebP file, by four-character code.
    fn chunks(file: &[u8]) -> Vec<[u8; 4]> {
        assert_eq!(&file[..4], b"RIFF");
        assert_eq!(&file[8..12], b"WEBP");
        let mut at = 12;
        let mut out = Vec::new();
        while at + 8 <= file.len() {
            out.push(file[at..at + 4].try_into().unwrap());
            let len = u32::from_le_bytes(file[at + 4..at + 8].try_into().unwrap()) as usize;
            at += 8 + len + (len & 1);
        }
        out
    }

    #[test]
    fn webp_is_lossy_bare_and_decodes_to_the_same_picture() {
        let (w, h) = (64u32, 48u32);
        let pixels: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                if i % w < w / 2 {
                    [200, 60, 40]
                } else {
                    [40, 90, 200]
                }
            })
            .collect();
        let file = webp(&pixels, (w, h), 82).unwrap();
        assert_eq!(
            chunks(&file),
            [*b"VP8 "],
            "one lossy bitstream, nothing else"
        );
        let back = image::load_from_memory_with_format(&file, image::ImageFormat::WebP)
            .unwrap()
            .into_rgb8();
        assert_eq!(back.dimensions(), (w, h));
        let diff: u64 = back
            .as_raw()
            .iter()
            .zip(&pixels)
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        assert!(diff / (pixels.len() as u64) < 6, "mean difference {diff}");
    }

    #[test]
    fn impossible_sizes_are_errors_not_panics() {
        assert!(webp(&[], (0, 0), 80).is_err());
        assert!(webp(&[0; 3], (2, 1), 80).is_err());
        assert!(webp(&[0; 3], (20_000, 1), 80).is_err());
    }
}
