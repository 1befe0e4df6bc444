//! Stage 1, reading: files read as UTF-8 NFC text (several at once), and their front
//! matter split off.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use super::{Source, frontmatter};
use crate::diagnostics::{Diagnostic, SourceText, relative};
use crate::vietnamese::{Lang, nfc};

/// Reads each file of `paths` and hands it to `parse` with its position; the results
/// in the order of `paths`. Runs on threads of their own, more than a laptop has
/// cores, each reading a file and parsing it before it takes the next:
/// - on the first build after a restart the files are not in memory and each read
///   waits on the disk; eight waits at once take little longer than one (1,000
///   profiles, page cache dropped: 92–142 ms with two threads, 53–58 ms with eight);
/// - with the files in memory, reading and parsing keep every core busy from the
///   first file to the last, where parsing after all the reads left cores idle
///   (1,000 profiles, eight builds of each in turn: the stage's median 25.8 →
///   22.8 ms).
///
/// `RAYON_NUM_THREADS`, when set, decides their number as it does the other threads'.
pub(super) fn read_each<R: Send>(
    paths: &[&Path],
    parse: impl Fn(usize, std::io::Result<Vec<u8>>) -> R + Sync,
) -> Vec<R> {
    const READERS: usize = 8;
    const FILES_PER_READER: usize = 32;
    let threads = match std::env::var_os("RAYON_NUM_THREADS") {
        Some(_) => rayon::current_num_threads(),
        None => READERS,
    }
    .min(paths.len().div_ceil(FILES_PER_READER))
    .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<Option<R>> = paths.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = paths.get(i) else {
                            return mine;
                        };
                        mine.push((i, parse(i, read_bytes(path))));
                    }
                })
            })
            .collect();
        for worker in workers {
            // A thread that panicked leaves its files to be parsed below.
            for (i, result) in worker.join().unwrap_or_default() {
                done[i] = Some(result);
            }
        }
    });
    done.into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| parse(i, Err(std::io::Error::other("not read")))))
        .collect()
}

/// Reads a file as UTF-8 NFC text and splits off its front matter.
pub(super) fn read_and_split(
    root: &Path,
    path: &Path,
    lang: Lang,
) -> Result<(Source, Range<usize>), Diagnostic> {
    split_source(root, path, read_bytes(path), lang)
}

/// The file at `path`, as `read` from it, as UTF-8 NFC text with its front matter
/// split off.
pub(super) fn split_source(
    root: &Path,
    path: &Path,
    read: std::io::Result<Vec<u8>>,
    lang: Lang,
) -> Result<(Source, Range<usize>), Diagnostic> {
    let rel = relative(root, path);
    let text = decode_text(read, &rel, lang)?;
    match frontmatter::split(&text) {
        Ok(split) => Ok((
            Source {
                rel,
                text,
                front_start: split.front.start,
                body: split.body,
            },
            split.front,
        )),
        Err(e) => Err(frontmatter::split_diagnostic(e, &rel, lang)),
    }
}

/// Reads a text file: UTF-8 (an error names the first bad byte's line and column),
/// byte order mark dropped, normalised to NFC.
pub fn read_text(path: &Path, rel: &Path, lang: Lang) -> Result<String, Diagnostic> {
    decode_text(read_bytes(path), rel, lang)
}

/// The bytes of the file at `path`.
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    // Read into room for a typical page rather than ask the file's size first (one
    // system call less per file than `std::fs::read`), then give the rest back.
    let mut bytes = Vec::with_capacity(16 * 1024);
    std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))?;
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// The text of a file (at `rel`) from the bytes `read` from it: see [`read_text`].
fn decode_text(
    read: std::io::Result<Vec<u8>>,
    rel: &Path,
    lang: Lang,
) -> Result<String, Diagnostic> {
    let bytes = read.map_err(|e| {
        Diagnostic::error(
            "io",
            rel,
            format!(
                "{}: {e}",
                lang.pick("không đọc được tệp", "cannot read the file")
            ),
        )
    })?;
    // SIMD validation (several times faster than the standard library's on Vietnamese
    // text); the standard library's only to place an error.
    let valid = simdutf8::basic::from_utf8(&bytes).is_ok();
    let text = match if valid {
        // SAFETY: simdutf8 has just validated these very bytes as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    } {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let (line, column) = SourceText::new(&good).line_col(good.len());
            return Err(Diagnostic::error(
                "not-utf8",
                rel,
                lang.pick(
                    "tệp không phải văn bản UTF-8 (có thể lưu bằng bảng mã TCVN3 hoặc Windows-1258)",
                    "the file is not UTF-8 text (perhaps saved as TCVN3 or Windows-1258)",
                ),
            )
            .with_help(lang.pick(
                "mở tệp trong trình soạn thảo và lưu lại với bảng mã UTF-8 (Unicode)",
                "open the file in an editor and save it again as UTF-8 (Unicode)",
            ))
            .at_line(line, column));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(match nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(t) => t,
    })
}
