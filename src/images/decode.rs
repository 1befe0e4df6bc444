//! Reading an image file: what its bytes really are, its size from the header alone
//! (so an image over `max_pixels`, a decompression bomb, is refused before a pixel is
//! allocated), then its pixels as 8-bit RGB with its EXIF orientation and ICC profile.
//! Nothing else of the file's metadata is kept.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;

use super::error::{Format, ImageError};

/// JPEG's own limit; we hold outputs to it too.
pub const MAX_SIDE: u32 = 65_535;

/// Decoded pixels, as stored in the file (orientation not yet applied).
pub struct Decoded {
    /// 8-bit RGB, row by row; alpha already flattened on white.
    pub rgb: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
    pub icc: Option<Vec<u8>>,
}

/// What a file's first bytes say it is.
fn sniff(bytes: &[u8]) -> Result<Format, Option<&'static str>> {
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Err(Some(match &bytes[8..12] {
            b"avif" | b"avis" => "AVIF",
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => "HEIC",
            _ => return Err(None),
        }));
    }
    use image::ImageFormat as F;
    match image::guess_format(bytes) {
        Ok(F::Jpeg) => Ok(Format::Jpeg),
        Ok(F::Png) => Ok(Format::Png),
        Ok(F::WebP) => Ok(Format::WebP),
        Ok(F::Gif) => Err(Some("GIF")),
        Ok(F::Tiff) => Err(Some("TIFF")),
        Ok(F::Bmp) => Err(Some("BMP")),
        Ok(F::Ico) => Err(Some("ICO")),
        Ok(F::Avif) => Err(Some("AVIF")),
        Ok(F::Qoi) => Err(Some("QOI")),
        Ok(F::OpenExr) => Err(Some("OpenEXR")),
        _ => Err(None),
    }
}

fn corrupt(e: impl std::fmt::Display) -> ImageError {
    ImageError::Corrupt(e.to_string())
}

/// Checks that the bytes are the image the extension promises and that its size,
/// read from the header only, is publishable and within `max_pixels`.
pub fn probe(bytes: &[u8], expected: Format, max_pixels: u64) -> Result<(u32, u32), ImageError> {
    match sniff(bytes) {
        Ok(actual) if actual == expected => {}
        Ok(actual) => {
            return Err(ImageError::Mismatch {
                expected,
                actual: Some(actual.name()),
            });
        }
        Err(actual) => return Err(ImageError::Mismatch { expected, actual }),
    }
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), expected.image_format())
        .into_dimensions()
        .map_err(corrupt)?;
    check_size(width, height, max_pixels)?;
    Ok((width, height))
}

/// Refuses an empty, an over-long or a too large image.
pub fn check_size(width: u32, height: u32, max_pixels: u64) -> Result<(), ImageError> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(ImageError::BadSize { width, height });
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(ImageError::TooLarge {
            width,
            height,
            max: max_pixels,
        });
    }
    Ok(())
}

/// Probes, then decodes the whole image.
pub fn decode(bytes: &[u8], format: Format, max_pixels: u64) -> Result<Decoded, ImageError> {
    probe(bytes, format, max_pixels)?;
    match format {
        Format::Jpeg => decode_jpeg(bytes),
        Format::Png | Format::WebP => decode_other(bytes, format, max_pixels),
    }
}

/// JPEG through zune-jpeg directly: one header parse, strict (a truncated file is an
/// error, not a grey band), any colour model (grey, YCbCr, CMYK, YCCK) out as RGB.
fn decode_jpeg(bytes: &[u8]) -> Result<Decoded, ImageError> {
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(corrupt)?;
    let info = decoder.info().ok_or_else(|| corrupt("no image header"))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let orientation = decoder
        .exif()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile();
    let size = width as usize * height as usize * 3;
    if decoder.output_buffer_size() != Some(size) {
        return Err(corrupt("unexpected colour model"));
    }
    let mut rgb = vec![0; size];
    decoder.decode_into(&mut rgb).map_err(corrupt)?;
    Ok(Decoded {
        rgb,
        width,
        height,
        orientation,
        icc,
    })
}

/// PNG and WebP through the `image` crate, with allocation limits.
fn decode_other(bytes: &[u8], format: Format, max_pixels: u64) -> Result<Decoded, ImageError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // 16-bit RGBA is 8 bytes a pixel; leave room for the decoder's own buffers.
    limits.max_alloc = Some(max_pixels.saturating_mul(8).saturating_add(64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    let (width, height) = (image.width(), image.height());
    Ok(Decoded {
        rgb: flatten(image),
        width,
        height,
        orientation,
        icc,
    })
}

/// Any colour type to 8-bit RGB: 16-bit is rounded down to 8, grey is spread to RGB,
/// and transparency is flattened on white (the output is JPEG).
pub fn flatten(image: DynamicImage) -> Vec<u8> {
    if !image.color().has_alpha() {
        return image.into_rgb8().into_raw();
    }
    let rgba = image.into_rgba8();
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.as_raw().chunks_exact(4) {
        let a = u32::from(px[3]);
        for c in &px[..3] {
            let v = (u32::from(*c) * a + 255 * (255 - a) + 127) / 255;
            rgb.push(v as u8);
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Luma, LumaA, Rgb, Rgba};

    fn png(image: DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn content_must_match_the_extension() {
        let bytes = png(DynamicImage::new_rgb8(4, 4));
        assert!(probe(&bytes, Format::Png, 100).is_ok());
        let err = probe(&bytes, Format::Jpeg, 100).unwrap_err();
        assert!(
            matches!(
                err,
                ImageError::Mismatch {
                    actual: Some("PNG"),
                    ..
                }
            ),
            "{err:?}"
        );
        let err = probe(b"<html>not an image</html>", Format::Jpeg, 100).unwrap_err();
        assert!(matches!(err, ImageError::Mismatch { actual: None, .. }));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert!(matches!(
            probe(heic, Format::Jpeg, 100).unwrap_err(),
            ImageError::Mismatch {
                actual: Some("HEIC"),
                ..
            }
        ));
    }

    #[test]
    fn size_is_checked_from_the_header() {
        let bytes = png(DynamicImage::new_rgb8(20, 10));
        assert_eq!(probe(&bytes, Format::Png, 200).unwrap(), (20, 10));
        assert!(matches!(
            probe(&bytes, Format::Png, 199).unwrap_err(),
            ImageError::TooLarge {
                width: 20,
                height: 10,
                max: 199
            }
        ));
    }

    #[test]
    fn every_colour_type_becomes_rgb8() {
        let grey = DynamicImage::ImageLuma8(ImageBuffer::from_pixel(2, 1, Luma([100u8])));
        assert_eq!(flatten(grey), [100; 6]);
        let deep =
            DynamicImage::ImageRgb16(ImageBuffer::from_pixel(1, 1, Rgb([65535u16, 0, 32896])));
        assert_eq!(flatten(deep), [255, 0, 128]);
        let clear = DynamicImage::ImageRgba8(ImageBuffer::from_pixel(1, 1, Rgba([0u8, 0, 0, 0])));
        assert_eq!(flatten(clear), [255, 255, 255], "transparent is white");
        let half = DynamicImage::ImageLumaA8(ImageBuffer::from_pixel(1, 1, LumaA([0u8, 128])));
        assert_eq!(flatten(half), [127, 127, 127]);
    }

    #[test]
    fn damaged_files_are_errors_never_panics() {
        let img = DynamicImage::ImageRgba8(ImageBuffer::from_fn(24, 16, |x, y| {
            Rgba([(x * 10) as u8, (y * 15) as u8, 90, 200])
        }));
        let mut jpeg = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img.to_rgb8())
            .write_to(&mut jpeg, image::ImageFormat::Jpeg)
            .unwrap();
        let mut webp = Cursor::new(Vec::new());
        img.write_to(&mut webp, image::ImageFormat::WebP).unwrap();
        let files = [
            (Format::Jpeg, jpeg.into_inner()),
            (Format::Png, png(img)),
            (Format::WebP, webp.into_inner()),
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for (format, good) in &files {
            assert!(decode(good, *format, 1 << 20).is_ok(), "{format:?}");
            // Every truncation, then bytes flipped here and there.
            for len in 0..good.len() {
                let _ = decode(&good[..len], *format, 1 << 20);
            }
            for _ in 0..300 {
                let mut bad = good.clone();
                for _ in 0..3 {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let at = (seed % bad.len() as u64) as usize;
                    bad[at] ^= (seed >> 32) as u8 | 1;
                }
                let _ = decode(&bad, *format, 1 << 20);
            }
            let cut = &good[..good.len() * 2 / 3];
            assert!(
                decode(cut, *format, 1 << 20).is_err(),
                "{format:?}: a truncated file must not decode"
            );
        }
    }

    #[test]
    fn png_decodes_with_its_size() {
        let d = decode(&png(DynamicImage::new_rgba16(3, 2)), Format::Png, 100).unwrap();
        assert_eq!((d.width, d.height, d.rgb.len()), (3, 2, 18));
    }
}
