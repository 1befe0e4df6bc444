//! Pictures inside documents: a scanned decision's pages in a PDF, photos pasted into
//! a Word file. A phone's photo carries EXIF (GPS position, date, camera, owner),
//! XMP, IPTC and comments; they are removed, as for the site's photos, without
//! decoding the pixels (nothing is re-encoded, nothing looks different).
//!
//! Kept: JFIF and Adobe segments and the ICC profile (colours), and for a photo
//! that viewers turn upright (Word and LibreOffice read EXIF orientation) a minimal
//! EXIF of its own holding the orientation only. Other pictures a phone stores after
//! the main one (MPF previews, each with its EXIF) are dropped with it.

use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use img_parts::{Bytes, ImageEXIF};

/// The picture without its metadata, or `None` when it is not a JPEG or PNG that
/// img-parts reads, or has nothing to remove. `keep_orientation` is for documents
/// whose viewers apply EXIF orientation (Office, OpenDocument); a PDF places its
/// images with its own matrix.
pub fn strip(bytes: &[u8], keep_orientation: bool) -> Option<Vec<u8>> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(bytes, keep_orientation)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(bytes)
    } else {
        None
    }
}

fn strip_jpeg(bytes: &[u8], keep_orientation: bool) -> Option<Vec<u8>> {
    let mut jpeg = Jpeg::from_bytes(Bytes::copy_from_slice(bytes)).ok()?;
    let orientation = jpeg
        .exif()
        .and_then(|exif| image::metadata::Orientation::from_exif_chunk(&exif))
        .map_or(1, image::metadata::Orientation::to_exif);
    jpeg.segments_mut()
        .retain(|s| keeps(s.marker(), s.contents()));
    if keep_orientation && orientation != 1 {
        jpeg.set_exif(Some(Bytes::from(orientation_only(orientation))));
    }
    let out = jpeg.encoder().bytes().to_vec();
    (out != bytes).then_some(out)
}

/// Whether a JPEG segment stays: everything that decodes the picture, JFIF (APP0),
/// an ICC profile (APP2 "ICC_PROFILE") and Adobe's colour transform (APP14).
fn keeps(marker: u8, contents: &[u8]) -> bool {
    match marker {
        markers::APP0 | markers::APP14 => true,
        markers::APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        markers::COM => false,
        m if (markers::APP1..=markers::APP15).contains(&m) => false,
        _ => true,
    }
}

/// A big-endian TIFF header and one IFD with one entry: Orientation (0x0112), SHORT.
fn orientation_only(orientation: u8) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff
}

/// PNG text chunks (where programs write Author, Software, Comment), EXIF and the
/// time of the last change.
fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut png = Png::from_bytes(Bytes::copy_from_slice(bytes)).ok()?;
    let before = png.chunks().len();
    png.chunks_mut()
        .retain(|c| !matches!(&c.kind(), b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME"));
    (png.chunks().len() != before).then(|| png.encoder().bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&(contents.len() as u16 + 2).to_be_bytes());
        s.extend_from_slice(contents);
        s
    }

    /// A JPEG written by the image crate, with segments a phone adds.
    fn phone_photo(exif: &[u8]) -> Vec<u8> {
        let mut plain = Vec::new();
        let pixels = image::RgbImage::from_pixel(16, 8, image::Rgb([200, 30, 30]));
        pixels
            .write_to(
                &mut std::io::Cursor::new(&mut plain),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        let mut exif_segment = b"Exif\0\0".to_vec();
        exif_segment.extend_from_slice(exif);
        let mut photo = plain[..2].to_vec();
        photo.extend(segment(markers::APP1, &exif_segment));
        photo.extend(segment(
            markers::APP1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Tr\xe1\xba\xa7n</x:xmpmeta>",
        ));
        photo.extend(segment(markers::APP13, b"Photoshop 3.0\0IPTC"));
        photo.extend(segment(markers::COM, b"chup tai nha co Hoa"));
        photo.extend(segment(markers::APP2, b"ICC_PROFILE\0\x01\x01icc"));
        photo.extend_from_slice(&plain[2..]);
        photo
    }

    #[test]
    fn a_phone_photo_keeps_its_pixels_colours_and_orientation_only() {
        // EXIF: orientation 6 (turn right) and an Artist, little-endian.
        let exif = b"II*\0\x08\0\0\0\x02\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\x3b\x01\x02\0\x04\0\0\0Hoa\0\0\0\0\0";
        let photo = phone_photo(exif);
        let clean = strip(&photo, true).unwrap();
        for gone in [&b"Hoa"[..], b"xmpmeta", b"Photoshop", b"chup tai"] {
            assert!(
                memchr::memmem::find(&clean, gone).is_none(),
                "{}",
                String::from_utf8_lossy(gone)
            );
        }
        assert!(
            memchr::memmem::find(&clean, b"ICC_PROFILE").is_some(),
            "colours kept"
        );
        let decoded = image::load_from_memory(&clean).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (16, 8));
        let jpeg = Jpeg::from_bytes(Bytes::from(clean.clone())).unwrap();
        let exif = jpeg.exif().unwrap();
        assert_eq!(
            image::metadata::Orientation::from_exif_chunk(&exif),
            Some(image::metadata::Orientation::Rotate90)
        );
        // In a PDF the orientation goes too.
        let bare = strip(&photo, false).unwrap();
        assert!(
            Jpeg::from_bytes(Bytes::from(bare))
                .unwrap()
                .exif()
                .is_none()
        );
        // Nothing left to remove.
        assert_eq!(strip(&clean, true), None);
    }

    #[test]
    fn png_text_chunks_go() {
        let mut plain = Vec::new();
        image::RgbImage::from_pixel(4, 4, image::Rgb([1, 2, 3]))
            .write_to(
                &mut std::io::Cursor::new(&mut plain),
                image::ImageFormat::Png,
            )
            .unwrap();
        let mut png = Png::from_bytes(Bytes::from(plain)).unwrap();
        let text =
            img_parts::png::PngChunk::new(*b"tEXt", Bytes::from_static(b"Author\0Le Thi Mai"));
        png.chunks_mut().insert(1, text);
        let with_text = png.encoder().bytes().to_vec();
        let clean = strip(&with_text, true).unwrap();
        assert!(memchr::memmem::find(&clean, b"Le Thi Mai").is_none());
        assert_eq!(image::load_from_memory(&clean).unwrap().width(), 4);
        assert_eq!(strip(b"GIF89a", true), None);
    }
}
