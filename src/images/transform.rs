//! From decoded pixels to the published files of one image: which sizes to make (a
//! pure plan), one resize of the whole image to the largest size any output needs,
//! orientation and colours fixed on that smaller copy, then every width and the Open
//! Graph crop made from it with a SIMD resizer and encoded, in every format, without
//! any metadata.

use std::borrow::Cow;

use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::U8x3;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, RgbImage};

use super::decode::{Decoded, MAX_SIDE};
use super::encode::{self, OutFormat};
use super::error::ImageError;

/// The Open Graph image: what a link shared on social networks shows.
pub const OG_SIZE: (u32, u32) = (1200, 630);

/// Where on a tall image the Open Graph band is centred, from the top: faces in
/// portraits sit above the middle.
const OG_FOCUS: f64 = 0.4;

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The Open Graph crop: a part of the base copy, scaled to `size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OgPlan {
    pub crop: Rect,
    pub size: (u32, u32),
}

/// What to make of one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The working copy, upright: the largest size any output needs.
    pub base: (u32, u32),
    /// The responsive sizes, narrowest first.
    pub widths: Vec<(u32, u32)>,
    pub og: Option<OgPlan>,
}

/// The height that keeps the aspect ratio at `width` (at least 1).
fn height_at(size: (u32, u32), width: u32) -> u32 {
    let (w, h) = (u64::from(size.0), u64::from(size.1));
    ((h * u64::from(width) + w / 2) / w).max(1) as u32
}

/// The widths to make of an image `width` pixels wide: every configured width below
/// it, and its own width when a configured one is as large or larger (never upscaled).
pub fn widths_for(width: u32, configured: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = configured.iter().copied().filter(|w| *w < width).collect();
    if configured.iter().any(|w| *w >= width) {
        out.push(width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The widest 1200×630-shaped band of a `size` image: centred across, and at
/// [`OG_FOCUS`] down a tall image.
fn og_crop(size: (u32, u32)) -> Rect {
    let (w, h) = size;
    let (ow, oh) = (u64::from(OG_SIZE.0), u64::from(OG_SIZE.1));
    if u64::from(w) * oh > u64::from(h) * ow {
        let width = ((u64::from(h) * ow + oh / 2) / oh).max(1) as u32;
        Rect {
            x: (w - width) / 2,
            y: 0,
            width,
            height: h,
        }
    } else {
        let height = ((u64::from(w) * oh + ow / 2) / ow).clamp(1, u64::from(h)) as u32;
        let centre = (f64::from(h) * OG_FOCUS).round() as u32;
        let y = centre.saturating_sub(height / 2).min(h - height);
        Rect {
            x: 0,
            y,
            width: w,
            height,
        }
    }
}

/// Plans the outputs of an upright image of `size` (pure).
pub fn plan(size: (u32, u32), configured: &[u32], og: bool) -> Plan {
    let widths = widths_for(size.0, configured);
    let mut base_width = widths.last().copied().unwrap_or(size.0);
    if og {
        // The base must hold the crop at its output size.
        let crop = og_crop(size);
        let out = crop.width.min(OG_SIZE.0);
        let needed = (u64::from(out) * u64::from(size.0)).div_ceil(u64::from(crop.width)) as u32;
        base_width = base_width.max(needed).min(size.0);
    }
    let base = (base_width, height_at(size, base_width));
    let og = og.then(|| {
        let crop = og_crop(base);
        let width = crop.width.min(OG_SIZE.0);
        OgPlan {
            crop,
            size: (width, height_at((crop.width, crop.height), width)),
        }
    });
    Plan {
        base,
        widths: widths
            .into_iter()
            .map(|w| (w, height_at(size, w)))
            .collect(),
        og,
    }
}

/// True when the orientation turns the image a quarter: width and height swap.
pub fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Makes every planned output of a decoded image: each width in each of `formats`,
/// then the Open Graph crop (JPEG), in the order of the cache's file names.
pub fn render(
    decoded: Decoded,
    plan: &Plan,
    quality: u8,
    formats: &[OutFormat],
) -> Result<Vec<Vec<u8>>, ImageError> {
    let Decoded {
        rgb,
        width,
        height,
        orientation,
        icc,
    } = decoded;
    let mut resizer = Resizer::new();
    // The base copy is made in the file's own orientation, then turned upright: turning
    // the smaller copy is cheaper than turning the original.
    let (bw, bh) = plan.base;
    let stored = if swaps_sides(orientation) {
        (bh, bw)
    } else {
        (bw, bh)
    };
    let base = if stored == (width, height) {
        rgb
    } else {
        let resized = resize(&mut resizer, &rgb, (width, height), stored, None)?;
        drop(rgb);
        resized
    };
    let mut base = upright(base, stored, orientation);
    if let Some(icc) = icc {
        to_srgb(&mut base, &icc);
    }
    let mut files = Vec::with_capacity(plan.widths.len() * formats.len() + 1);
    for &size in &plan.widths {
        let pixels = if size == plan.base {
            Cow::Borrowed(&base)
        } else {
            Cow::Owned(resize(&mut resizer, &base, plan.base, size, None)?)
        };
        for format in formats {
            files.push(match format {
                OutFormat::Jpeg => encode(&pixels, size, quality)?,
                OutFormat::WebP => encode::webp(&pixels, size, quality)?,
            });
        }
    }
    if let Some(og) = &plan.og {
        let pixels = resize(&mut resizer, &base, plan.base, og.size, Some(og.crop))?;
        files.push(encode(&pixels, og.size, quality)?);
    }
    Ok(files)
}

/// Resizes 8-bit RGB pixels (Lanczos3), optionally from a crop of the source.
fn resize(
    resizer: &mut Resizer,
    pixels: &[u8],
    from: (u32, u32),
    to: (u32, u32),
    crop: Option<Rect>,
) -> Result<Vec<u8>, ImageError> {
    let failed = |e: &dyn std::fmt::Display| ImageError::Corrupt(format!("resize: {e}"));
    // Typed views: `resize_typed` compiles the RGB8 path only, where `resize` would
    // instantiate all 13 pixel types in this crate (a third of its compile time).
    let src = TypedImageRef::<U8x3>::from_buffer(from.0, from.1, pixels).map_err(|e| failed(&e))?;
    let mut out = vec![0; to.0 as usize * to.1 as usize * 3];
    let mut dst = TypedImage::<U8x3>::from_buffer(to.0, to.1, &mut out).map_err(|e| failed(&e))?;
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some(c) = crop {
        options = options.crop(
            f64::from(c.x),
            f64::from(c.y),
            f64::from(c.width),
            f64::from(c.height),
        );
    }
    resizer
        .resize_typed(&src, &mut dst, &options)
        .map_err(|e| failed(&e))?;
    Ok(out)
}

/// Applies the EXIF orientation, so the pixels stand as the camera saw them.
fn upright(pixels: Vec<u8>, size: (u32, u32), orientation: Orientation) -> Vec<u8> {
    if orientation == Orientation::NoTransforms {
        return pixels;
    }
    let Some(buffer) = RgbImage::from_raw(size.0, size.1, pixels) else {
        unreachable!("the buffer was made for this size")
    };
    let mut image = DynamicImage::ImageRgb8(buffer);
    image.apply_orientation(orientation);
    image.into_rgb8().into_raw()
}

/// Converts pixels described by an RGB ICC profile (Display P3, Adobe RGB…) to sRGB,
/// so that the profile can be dropped. Unusable profiles are ignored (taken as sRGB).
fn to_srgb(pixels: &mut Vec<u8>, icc: &[u8]) {
    use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
    let Ok(profile) = ColorProfile::new_from_slice(icc) else {
        return;
    };
    let srgb = ColorProfile::new_srgb();
    let near = |a: moxcms::Xyzd, b: moxcms::Xyzd| {
        (a.x - b.x).abs() < 2e-3 && (a.y - b.y).abs() < 2e-3 && (a.z - b.z).abs() < 2e-3
    };
    let is_srgb = near(profile.red_colorant, srgb.red_colorant)
        && near(profile.green_colorant, srgb.green_colorant)
        && near(profile.blue_colorant, srgb.blue_colorant);
    if profile.color_space != DataColorSpace::Rgb || is_srgb {
        return;
    }
    let Ok(transform) =
        profile.create_transform_8bit(Layout::Rgb, &srgb, Layout::Rgb, TransformOptions::default())
    else {
        return;
    };
    let mut out = vec![0; pixels.len()];
    if transform.transform(pixels, &mut out).is_ok() {
        *pixels = out;
    }
}

/// Encodes baseline JPEG with averaged 4:2:0 chroma and the standard Huffman tables.
/// The file holds a JFIF header and the pixels: no EXIF, GPS, XMP, ICC or comment.
///
/// Optimised Huffman tables would save about 14 %, but zune-jpeg 0.5 (the `image`
/// crate's decoder) misreads jpeg-encoder 0.7's optimised baseline files, which
/// libjpeg-turbo reads fine: our own outputs must stay readable by every decoder.
pub fn encode(pixels: &[u8], size: (u32, u32), quality: u8) -> Result<Vec<u8>, ImageError> {
    let bad = ImageError::BadSize {
        width: size.0,
        height: size.1,
    };
    if size.0 > MAX_SIDE || size.1 > MAX_SIDE {
        return Err(bad);
    }
    let mut out = Vec::with_capacity(pixels.len() / 10);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
    encoder
        .encode(
            pixels,
            size.0 as u16,
            size.1 as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| ImageError::Corrupt(format!("encode: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_upscaled() {
        let w = [480, 960, 1600];
        assert_eq!(widths_for(2400, &w), [480, 960, 1600]);
        assert_eq!(widths_for(1600, &w), [480, 960, 1600]);
        assert_eq!(widths_for(1000, &w), [480, 960, 1000]);
        assert_eq!(widths_for(300, &w), [300]);
        assert_eq!(widths_for(480, &w), [480]);
    }

    #[test]
    fn a_portrait_plan_keeps_its_shape_and_gets_an_upper_band() {
        let p = plan((2400, 3000), &[480, 960, 1600], true);
        assert_eq!(p.widths, [(480, 600), (960, 1200), (1600, 2000)]);
        assert_eq!(p.base, (1600, 2000));
        let og = p.og.unwrap();
        assert_eq!(og.size, OG_SIZE);
        assert_eq!((og.crop.x, og.crop.width, og.crop.height), (0, 1600, 840));
        // Centred at 40 % of 2000 px = 800: the band runs from 380 to 1220.
        assert_eq!(og.crop.y, 380);
    }

    #[test]
    fn a_wide_image_gets_a_centred_og_crop_and_a_base_large_enough_for_it() {
        // A panorama: the 1200 px wide crop needs a base wider than 1600.
        let p = plan((6000, 1000), &[480, 960, 1600], true);
        let og = p.og.unwrap();
        assert_eq!(og.size, OG_SIZE);
        assert!(og.crop.width >= 1200, "{og:?}");
        assert_eq!(og.crop.x, (p.base.0 - og.crop.width) / 2);
        assert_eq!(p.widths.last(), Some(&(1600, 267)));
    }

    #[test]
    fn a_small_image_makes_a_small_og_image_rather_than_upscale() {
        let p = plan((800, 600), &[480, 960, 1600], true);
        assert_eq!(p.widths, [(480, 360), (800, 600)]);
        assert_eq!(p.base, (800, 600));
        let og = p.og.unwrap();
        assert_eq!(og.size, (800, 420));
        assert_eq!(
            og.crop,
            Rect {
                x: 0,
                y: 30,
                width: 800,
                height: 420
            }
        );
    }

    #[test]
    fn without_og_the_base_is_the_largest_width() {
        let p = plan((4000, 3000), &[480, 960], false);
        assert_eq!(p.base, (960, 720));
        assert!(p.og.is_none());
    }

    #[test]
    fn encoded_files_decode_to_the_same_picture() {
        // Flat areas: the case zune-jpeg misread with optimised Huffman tables.
        let (w, h) = (200u32, 400u32);
        let pixels: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                if i < w * h / 2 {
                    [220, 40, 30]
                } else {
                    [30, 40, 220]
                }
            })
            .collect();
        let bytes = encode(&pixels, (w, h), 82).unwrap();
        let back = super::super::decode::decode(&bytes, super::super::error::Format::Jpeg, 1 << 20)
            .unwrap();
        let diff: u64 = back
            .rgb
            .iter()
            .zip(&pixels)
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        assert!(diff / (pixels.len() as u64) < 4, "mean difference {diff}");
    }

    #[test]
    fn colours_of_a_wide_gamut_profile_are_converted_to_srgb() {
        let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
        let srgb = moxcms::ColorProfile::new_srgb().encode().unwrap();
        let teal = vec![40u8, 160, 150, 128, 128, 128];
        let mut converted = teal.clone();
        to_srgb(&mut converted, &p3);
        // P3 teal is more saturated than the same numbers in sRGB: red falls, green
        // rises; grey stays grey.
        assert!(converted[0] < 40 && converted[1] > 160, "{converted:?}");
        assert!(
            converted[3..].iter().all(|c| c.abs_diff(128) <= 1),
            "{converted:?}"
        );
        let mut same = teal.clone();
        to_srgb(&mut same, &srgb);
        assert_eq!(same, teal, "sRGB is left alone");
        to_srgb(&mut same, b"not a profile");
        assert_eq!(same, teal, "an unreadable profile is ignored");
    }

    #[test]
    fn orientation_turns_the_base_copy() {
        // 2×1 stored, orientation 6 (rotate 90° clockwise): 1×2 upright.
        let decoded = Decoded {
            rgb: vec![255, 0, 0, 0, 0, 255],
            width: 2,
            height: 1,
            orientation: Orientation::Rotate90,
            icc: None,
        };
        let p = plan((1, 2), &[480], false);
        assert_eq!(p.widths, [(1, 2)]);
        let out = render(decoded, &p, 90, &[OutFormat::WebP, OutFormat::Jpeg]).unwrap();
        assert_eq!(out.len(), 2, "one width, two formats");
        for file in &out {
            let img = image::load_from_memory(file).unwrap();
            assert_eq!((img.width(), img.height()), (1, 2));
        }
    }
}
