//! Every image the site names: the `photo` of each page, its `gallery` and video
//! posters (already checked by the model) and the images of Markdown bodies, whose paths are checked here: relative to
//! the page's folder, never leaving it, and present.

use std::path::{Component, Path, PathBuf};

use super::Request;
use crate::content::Source;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::markdown::{Bodies, Rendered, is_local};
use crate::model::{PageRef, Site};
use crate::vietnamese::Lang;

/// The image requests of the site, one per file, in a stable order (the pages'), and
/// the problems with Markdown image paths.
pub fn collect(root: &Path, site: &Site, bodies: &Bodies) -> (Vec<Request>, Vec<Diagnostic>) {
    let lang = site.config.language;
    let mut requests: Vec<Request> = Vec::new();
    // Hashed, not ordered: comparing paths parses their components.
    let mut index: hashbrown::HashMap<PathBuf, usize> = hashbrown::HashMap::new();
    let mut add = |file: PathBuf, og: bool, place: Diagnostic| {
        let i = *index.entry_ref(file.as_path()).or_insert_with(|| {
            requests.push(Request {
                file: file.clone(),
                og: false,
                places: Vec::new(),
            });
            requests.len() - 1
        });
        let r = &mut requests[i];
        r.og |= og;
        r.places.push(place);
    };
    let mut problems = Vec::new();
    for r in site.all_pages() {
        let page = site.page(r);
        if let Some(photo) = &page.photo {
            // The pages whose photo is their face on social networks get the crop.
            let og = matches!(
                r,
                PageRef::Profile(_) | PageRef::Unit(_) | PageRef::Campaign(_)
            );
            add(photo.file.clone(), og, photo.place.clone());
        }
        for item in &page.gallery {
            add(item.file.clone(), false, item.place.clone());
        }
        for poster in page.video.iter().filter_map(|v| v.poster.as_ref()) {
            add(poster.file.clone(), false, poster.place.clone());
        }
        body_images(
            root,
            &page.source,
            bodies.get(r),
            lang,
            &mut add,
            &mut problems,
        );
    }
    for (section, body) in site.sections.iter().zip(&bodies.sections) {
        body_images(root, &section.source, body, lang, &mut add, &mut problems);
    }
    if let Some(source) = &site.home.source {
        body_images(root, source, &bodies.home, lang, &mut add, &mut problems);
    }
    for (source, body) in site.detached.iter().zip(&bodies.detached) {
        body_images(root, source, body, lang, &mut add, &mut problems);
    }
    (requests, problems)
}

/// The folder a Markdown file's images are relative to: a page bundle's, a
/// section's or the home page's (`index.md`, `_index.md`). A plain page has none.
fn folder(rel: &Path) -> Option<&Path> {
    let name = rel.file_name()?.to_str()?;
    matches!(name, "index.md" | "_index.md").then(|| rel.parent())?
}

fn body_images(
    root: &Path,
    source: &Source,
    rendered: &Rendered,
    lang: Lang,
    add: &mut impl FnMut(PathBuf, bool, Diagnostic),
    problems: &mut Vec<Diagnostic>,
) {
    let local: Vec<_> = rendered
        .images
        .iter()
        .filter(|i| is_local(&i.src))
        .collect();
    if local.is_empty() {
        return;
    }
    let text = SourceText::new(&source.text);
    for image in local {
        let span = image.span.start + source.body.start..image.span.end + source.body.start;
        let at = |code, message: String, help: &str| {
            Diagnostic::error(code, &source.rel, message)
                .with_help(help)
                .at(&text, span.clone())
        };
        let src = image.src.as_str();
        let Some(folder) = folder(&source.rel) else {
            problems.push(at(
                "image-needs-bundle",
                format!(
                    "{} `{src}`",
                    lang.pick(
                        "ảnh trong bài chỉ dùng được trong thư mục bài viết:",
                        "images in a body need a page bundle (folder):"
                    )
                ),
                lang.pick(
                    "chuyển tệp thành thư mục: ten-trang/index.md và đặt ảnh cạnh nó",
                    "turn the file into a folder: name/index.md with the image beside it",
                ),
            ));
            continue;
        };
        let escapes = Path::new(src)
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        if escapes {
            problems.push(at(
                "image-path",
                format!(
                    "{} `{src}`",
                    lang.pick(
                        "đường dẫn ảnh ra ngoài thư mục bài viết:",
                        "the image path leaves the page's folder:"
                    )
                ),
                lang.pick(
                    "đặt ảnh trong thư mục bài viết và ghi đường dẫn từ đó, ví dụ ![Lớp học](lop-hoc.jpg)",
                    "put the image in the page's folder and write its path from there, e.g. ![Class](class.jpg)",
                ),
            ));
            continue;
        }
        let file = folder.join(src);
        if !root.join(&file).is_file() {
            problems.push(at(
                "image-missing",
                format!(
                    "{} `{}`",
                    lang.pick("không tìm thấy ảnh", "image not found:"),
                    file.to_string_lossy().replace('\\', "/")
                ),
                lang.pick(
                    "đặt tệp ảnh vào thư mục bài viết hoặc sửa tên tệp (phân biệt chữ hoa, chữ thường)",
                    "put the image in the page's folder or fix its name (case matters)",
                ),
            ));
            continue;
        }
        add(file, false, at("image", String::new(), ""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_are_files_of_the_site() {
        for src in ["anh.jpg", "anh/lop-hoc.JPG", "./a.png", "../x.jpg"] {
            assert!(is_local(src), "{src}");
        }
        for src in [
            "",
            "/static/a.jpg",
            "https://x.vn/a.jpg",
            "//cdn/a.jpg",
            "data:image/png;base64,AA",
            "#x",
        ] {
            assert!(!is_local(src), "{src}");
        }
    }

    #[test]
    fn only_bundles_sections_and_home_have_an_image_folder() {
        let f = |p: &str| folder(Path::new(p)).map(|f| f.to_string_lossy().into_owned());
        assert_eq!(
            f("content/guong-dien-hinh/hoa/index.md").as_deref(),
            Some("content/guong-dien-hinh/hoa")
        );
        assert_eq!(
            f("content/tin-tuc/_index.md").as_deref(),
            Some("content/tin-tuc")
        );
        assert_eq!(f("content/_index.md").as_deref(), Some("content"));
        assert_eq!(f("content/guong-dien-hinh/hoa.md"), None);
    }
}
