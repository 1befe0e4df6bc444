//! Where a link written in a body points: a path of the site (below the base URL)
//! and a fragment, an external address, or nothing to check. Pure.

use std::collections::HashMap;
use std::path::Path;

use percent_encoding::percent_decode_str;

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A path of the site below the base URL (`guong-dien-hinh/x/`, `tin-tuc/y/a.pdf`,
    /// `""` for the home page), and the fragment after `#`, if any.
    Site {
        path: String,
        fragment: Option<String>,
    },
    /// An address on another site (`https://…`, `//…`), or an e-mail or phone link:
    /// checked for form.
    External(String),
    /// Nothing to check: a dangerous scheme (the Markdown stage reports it), a link
    /// that climbs above the site's root.
    Skip,
}

/// Where `dest`, written in the body of the page at `page_path` (below the base
/// URL, `tin-tuc/x/`), points. `@/` links are looked up in `source_paths`.
pub fn resolve(dest: &str, page_path: &str, source_paths: &HashMap<String, String>) -> Target {
    let dest = dest.trim();
    if dest.is_empty() {
        return Target::Skip;
    }
    if super::external::is_external(dest) {
        return Target::External(dest.to_string());
    }
    if let Some((scheme, _)) = dest.split_once(':')
        && !scheme.contains(['/', '?', '#'])
    {
        return Target::Skip;
    }
    let (rest, fragment) = match dest.split_once('#') {
        Some((r, f)) => (r, Some(decode(f))),
        None => (dest, None),
    };
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    if let Some(file) = rest.strip_prefix("@/") {
        return match source_paths.get(file) {
            Some(path) => Target::Site {
                path: path.clone(),
                fragment,
            },
            None => Target::Site {
                path: format!("@/{file}"),
                fragment,
            },
        };
    }
    let path = if rest.is_empty() {
        Some(page_path.to_string())
    } else if let Some(root) = rest.strip_prefix('/') {
        normalise("", &decode(root))
    } else {
        normalise(folder_of(page_path), &decode(rest))
    };
    match path {
        Some(path) => Target::Site { path, fragment },
        None => Target::Skip,
    }
}

/// The folder of a URL path: `tin-tuc/x/` for the page `tin-tuc/x/`, `bao-cao/2025/`
/// for `bao-cao/2025/bao-cao-2025.csv`.
fn folder_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    }
}

/// `base` joined with `rel`, `.` and `..` resolved; `None` above the root.
fn normalise(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = rel.ends_with('/')
        || rel.ends_with("/.")
        || rel.ends_with("/..")
        || rel == "."
        || rel == "..";
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The URL path a page file would have (`content/tin-tuc/x.md` and
/// `content/tin-tuc/x/index.md` → `tin-tuc/x/`), for the pages left out of the site.
pub fn url_path_of(rel: &Path) -> String {
    let rel = rel.strip_prefix("content").unwrap_or(rel);
    let text = rel.to_string_lossy().replace('\\', "/");
    let text = text
        .strip_suffix("/index.md")
        .or_else(|| text.strip_suffix(".md"))
        .unwrap_or(&text);
    let mut parts: Vec<String> = text.split('/').map(crate::vietnamese::slugify).collect();
    parts.retain(|p| !p.is_empty());
    format!("{}/", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str, fragment: Option<&str>) -> Target {
        Target::Site {
            path: path.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn links_resolve_against_the_page() {
        let mut paths = HashMap::new();
        paths.insert("don-vi/a.md".to_string(), "don-vi/a/".to_string());
        let r = |d| resolve(d, "tin-tuc/x/", &paths);
        assert_eq!(r("khong-co.pdf"), site("tin-tuc/x/khong-co.pdf", None));
        assert_eq!(r("./anh/a.pdf"), site("tin-tuc/x/anh/a.pdf", None));
        assert_eq!(r("../khong/"), site("tin-tuc/khong/", None));
        assert_eq!(r("../../"), site("", None));
        assert_eq!(r("../../../etc/passwd"), Target::Skip);
        assert_eq!(r("/khong-co-trang/"), site("khong-co-trang/", None));
        assert_eq!(r("/t%E1%BB%87p.pdf"), site("tệp.pdf", None));
        assert_eq!(r("#muc-1"), site("tin-tuc/x/", Some("muc-1")));
        assert_eq!(r("/don-vi/?q=1#a"), site("don-vi/", Some("a")));
        assert_eq!(
            r("@/don-vi/a.md#lich-su"),
            site("don-vi/a/", Some("lich-su"))
        );
        assert_eq!(
            r("https://moet.gov.vn/"),
            Target::External("https://moet.gov.vn/".into())
        );
        assert_eq!(
            r("//moet.gov.vn/"),
            Target::External("//moet.gov.vn/".into())
        );
        assert_eq!(r("mailto:a@b.vn"), Target::External("mailto:a@b.vn".into()));
        assert_eq!(r("javascript:alert(1)"), Target::Skip);
    }

    #[test]
    fn pages_left_out_get_the_path_they_would_have() {
        assert_eq!(url_path_of(Path::new("content/tin-tuc/x.md")), "tin-tuc/x/");
        assert_eq!(
            url_path_of(Path::new("content/tin-tuc/Bài y/index.md")),
            "tin-tuc/bai-y/"
        );
    }
}
