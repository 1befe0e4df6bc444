//! `site.toml`: the site's settings, read strictly (an unknown key is an error).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::content::frontmatter;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::domain::AwardSpec;
use crate::vietnamese::Lang;

/// The parsed `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub language: Lang,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Newest entries per Atom feed.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    #[serde(default)]
    pub images: ImagesConfig,
    #[serde(default)]
    pub video: VideoConfig,
    #[serde(default)]
    pub attachments: AttachmentsConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub awards: BTreeMap<String, AwardSpec>,
    /// Overrides of the theme's UI strings.
    #[serde(default)]
    pub strings: BTreeMap<String, String>,
    #[serde(default)]
    pub privacy: PrivacyConfig,
    /// `[cms]`: the form editor at `/admin/` (docs/cms.md).
    pub cms: Option<CmsConfig>,
}

/// `[cms]`: the form editor (Decap CMS) that `serve` offers at `/admin/` for local
/// editing and that the build publishes when `repo` is set.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CmsConfig {
    /// The GitHub repository (`owner/name`) the editor commits to; with it, `build`
    /// publishes `/admin/`.
    pub repo: String,
    /// The branch that pull requests go to.
    pub branch: String,
    /// The OAuth proxy that logs editors in to GitHub (Decap's `base_url`).
    pub auth_url: String,
    /// Its path, when not `auth` (Decap's `auth_endpoint`).
    pub auth_endpoint: String,
    /// Drafts become pull requests, reviewed before they are published.
    pub editorial_workflow: bool,
    /// People without write access (schools) submit through a fork.
    pub open_authoring: bool,
    /// The CMS's script; nothing of it is compiled into tonvinh.
    pub script: String,
    /// Subresource integrity of `script` (`sha384-…`); by default the pinned
    /// release's for the default script, none for another.
    pub integrity: Option<String>,
    /// The editor's language (`vi`, `en`); default: the site's `language`.
    pub locale: String,
}

/// The pinned Decap CMS release on a public CDN, and its integrity hash (the
/// `dist/decap-cms.js` of the npm package).
pub const CMS_SCRIPT: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
pub const CMS_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

impl CmsConfig {
    /// The integrity hash to check the script against, if any.
    pub fn script_integrity(&self) -> Option<&str> {
        match &self.integrity {
            Some(hash) if hash.trim().is_empty() => None,
            Some(hash) => Some(hash.trim()),
            None if self.script == CMS_SCRIPT => Some(CMS_INTEGRITY),
            None => None,
        }
    }
}

impl Default for CmsConfig {
    fn default() -> Self {
        CmsConfig {
            repo: String::new(),
            branch: "main".into(),
            auth_url: String::new(),
            auth_endpoint: String::new(),
            editorial_workflow: true,
            open_authoring: true,
            script: CMS_SCRIPT.into(),
            integrity: None,
            locale: String::new(),
        }
    }
}

/// `[images]`: responsive image settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    pub widths: Vec<u32>,
    pub quality: u8,
    pub max_pixels: u64,
    /// The formats every width is published in, best first: `"avif"`, `"webp"`,
    /// `"jpeg"`. JPEG is always made (the fallback, and Open Graph's format).
    pub formats: Vec<String>,
}

/// The formats `[images] formats` accepts.
pub const IMAGE_FORMATS: &[&str] = &["avif", "webp", "jpeg"];

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: vec![480, 960, 1600],
            quality: 82,
            max_pixels: 40_000_000,
            formats: vec!["webp".into(), "jpeg".into()],
        }
    }
}

/// `[video]`: video files published from page bundles.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VideoConfig {
    /// The largest video file a page bundle may publish, in megabytes (10^6 bytes).
    pub max_mb: u64,
}

impl Default for VideoConfig {
    fn default() -> Self {
        VideoConfig { max_mb: 100 }
    }
}

/// `[attachments]`: documents published beside pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AttachmentsConfig {
    /// The largest document a page bundle may publish, in mebibytes (as Windows
    /// Explorer counts them).
    pub max_mb: u64,
}

impl Default for AttachmentsConfig {
    fn default() -> Self {
        AttachmentsConfig { max_mb: 20 }
    }
}

impl ImagesConfig {
    /// Values that cannot make images: no width, a width of 0 or above JPEG's limit,
    /// a quality outside 1–100, no pixel allowed.
    fn check(&self, source: &SourceText, path: &Path, lang: Lang) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut bad = |message: &str, help: &str| {
            problems.push(Diagnostic::error("bad-value", path, message).with_help(help));
        };
        if self.widths.is_empty() || self.widths.iter().any(|w| !(1..=16_384).contains(w)) {
            bad(
                lang.pick(
                    "`[images] widths` phải có ít nhất một chiều rộng từ 1 đến 16384",
                    "`[images] widths` needs at least one width from 1 to 16384",
                ),
                "widths = [480, 960, 1600]",
            );
        }
        if !(1..=100).contains(&self.quality) {
            bad(
                lang.pick(
                    "`[images] quality` phải từ 1 đến 100",
                    "`[images] quality` must be from 1 to 100",
                ),
                "quality = 82",
            );
        }
        if self.max_pixels == 0 {
            bad(
                lang.pick(
                    "`[images] max_pixels` phải lớn hơn 0",
                    "`[images] max_pixels` must be greater than 0",
                ),
                "max_pixels = 40_000_000",
            );
        }
        problems.extend(self.check_formats(source, path, lang));
        problems
    }

    /// Formats other than avif, webp and jpeg, and a list without jpeg (the
    /// fallback every browser reads), placed at the `formats` line.
    fn check_formats(&self, source: &SourceText, path: &Path, lang: Lang) -> Vec<Diagnostic> {
        let place = |d: Diagnostic| match table_value_span(source, "images", "formats") {
            Some(span) => d.at(source, span),
            None => d,
        };
        let mut problems = Vec::new();
        for f in &self.formats {
            if !IMAGE_FORMATS.contains(&f.as_str()) {
                problems.push(place(
                    Diagnostic::error(
                        "bad-value",
                        path,
                        format!(
                            "{} `{f}`",
                            lang.pick(
                                "`[images] formats` có định dạng không hỗ trợ:",
                                "`[images] formats` names an unsupported format:"
                            )
                        ),
                    )
                    .with_help(format!(
                        "{} formats = [\"webp\", \"jpeg\"]",
                        lang.pick(
                            "các định dạng dùng được: \"avif\", \"webp\", \"jpeg\"; ví dụ",
                            "the formats are \"avif\", \"webp\" and \"jpeg\"; e.g.",
                        )
                    )),
                ));
            }
        }
        if !self.formats.iter().any(|f| f == "jpeg") {
            problems.push(place(
                Diagnostic::error(
                    "bad-value",
                    path,
                    lang.pick(
                        "`[images] formats` phải có \"jpeg\": ảnh JPEG là bản dự phòng cho mọi trình duyệt và cho ảnh chia sẻ lên mạng xã hội",
                        "`[images] formats` must include \"jpeg\": JPEG is the fallback every browser reads, and the image social networks show",
                    ),
                )
                .with_help("formats = [\"webp\", \"jpeg\"]"),
            ));
        }
        problems
    }
}

/// `[markdown]`: how bodies are rendered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Lets raw HTML through unsanitised. Only for sites whose every author is trusted.
    pub trusted_html: bool,
}

/// `[privacy]`: consent rules and public contact details that may be published.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    pub require_consent: bool,
    /// Public numbers and addresses (a school's switchboard) that look personal but are not.
    pub allow: Vec<String>,
}

fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn default_feed_limit() -> usize {
    20
}

/// The base URL split into what links need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.edu.vn/dien-hinh`, no trailing slash.
    pub absolute: String,
    /// `/dien-hinh`, or empty at the root of the host.
    pub path: String,
}

impl BaseUrl {
    /// Parses an absolute http(s) URL.
    pub fn parse(url: &str) -> Option<BaseUrl> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let host_end = rest.find('/').unwrap_or(rest.len());
        let host = &rest[..host_end];
        if host.is_empty() || host.contains(['?', '#', ' ', '@']) || url.contains(['?', '#']) {
            return None;
        }
        let path = rest[host_end..].trim_end_matches('/').to_string();
        let absolute = format!("{}{}", &url[..url.len() - rest.len() + host_end], path);
        Some(BaseUrl { absolute, path })
    }
}

impl Config {
    /// Parses `site.toml` text; `path` is used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let source = SourceText::new(text);
        let lang = peek_language(text);
        let config: Config = frontmatter::parse_typed(&source, 0..text.len(), path, lang, &[])?;
        let mut problems = Vec::new();
        if BaseUrl::parse(&config.base_url).is_none() {
            problems.push(
                value_error(&source, path, "base_url")
                    .unwrap_or_else(|| Diagnostic::error("bad-base-url", path, ""))
                    .with_help(lang.pick(
                        "viết địa chỉ đầy đủ, ví dụ base_url = \"https://example.edu.vn/dien-hinh\"",
                        "write the full address, e.g. base_url = \"https://example.edu.vn/dien-hinh\"",
                    )),
            );
            let last = problems.len() - 1;
            problems[last].message = lang
                .pick(
                    "`base_url` phải là địa chỉ http:// hoặc https:// đầy đủ",
                    "`base_url` must be a full http:// or https:// address",
                )
                .into();
        }
        if config.paginate == 0 {
            problems.push(
                Diagnostic::error(
                    "bad-value",
                    path,
                    lang.pick(
                        "`paginate` phải lớn hơn 0",
                        "`paginate` must be greater than 0",
                    ),
                )
                .with_help(lang.pick("ví dụ paginate = 20", "e.g. paginate = 20")),
            );
        }
        problems.extend(config.images.check(&source, path, lang));
        if config.video.max_mb == 0 {
            problems.push(
                Diagnostic::error(
                    "bad-value",
                    path,
                    lang.pick(
                        "`[video] max_mb` phải lớn hơn 0",
                        "`[video] max_mb` must be greater than 0",
                    ),
                )
                .with_help("max_mb = 100"),
            );
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The base URL, parsed (validated by [`Config::parse`]).
    pub fn base(&self) -> BaseUrl {
        BaseUrl::parse(&self.base_url).unwrap_or(BaseUrl {
            absolute: String::new(),
            path: String::new(),
        })
    }
}

/// Finds `key = …` at the top of the file, to place a problem on its line.
fn value_error(source: &SourceText, path: &Path, key: &str) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let start = offset + (line.len() - trimmed.len());
            let end = offset + line.trim_end().len();
            return Some(Diagnostic::error("bad-value", path, "").at(source, start..end));
        }
        offset += line.len();
    }
    None
}

/// The span of `key = …` in the `[table]` of a TOML file, to place a problem there.
fn table_value_span(source: &SourceText, table: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let header = format!("[{table}]");
    let mut offset = 0;
    let mut inside = false;
    for line in source.text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            inside = trimmed == header;
        } else if inside
            && let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let start = offset + (line.len() - line.trim_start().len());
            return Some(start..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}

/// The `language` of a site.toml, read before the file is parsed so that its own
/// errors come in the right language.
fn peek_language(text: &str) -> Lang {
    let english = text.lines().any(|l| {
        let l = l.replace(' ', "");
        l == "language=\"en\"" || l == "language='en'"
    });
    if english { Lang::En } else { Lang::Vi }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_path_prefix() {
        let b = BaseUrl::parse("https://example.edu.vn/dien-hinh/").unwrap();
        assert_eq!(b.absolute, "https://example.edu.vn/dien-hinh");
        assert_eq!(b.path, "/dien-hinh");
        let b = BaseUrl::parse("http://127.0.0.1:1111").unwrap();
        assert_eq!(
            (b.absolute.as_str(), b.path.as_str()),
            ("http://127.0.0.1:1111", "")
        );
        assert!(BaseUrl::parse("example.edu.vn").is_none());
        assert!(BaseUrl::parse("https:///x").is_none());
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse(
            Path::new("site.toml"),
            "title = \"T\"\nbase_url = \"https://x.vn\"\n",
        )
        .unwrap();
        assert_eq!(c.paginate, 20);
        assert_eq!(c.images.widths, [480, 960, 1600]);
        assert_eq!(c.language, Lang::Vi);
        assert!(!c.markdown.trusted_html);
    }

    #[test]
    fn image_settings_that_cannot_work_are_refused() {
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"T\"\nbase_url = \"https://x.vn\"\n[images]\nwidths = []\nquality = 0\n",
        )
        .unwrap_err();
        let messages: Vec<&str> = err.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("widths") && messages[1].contains("quality"));
    }

    #[test]
    fn image_formats_default_to_webp_and_jpeg_and_jpeg_cannot_be_left_out() {
        let ok = |extra: &str| {
            Config::parse(
                Path::new("site.toml"),
                &format!("title = \"T\"\nbase_url = \"https://x.vn\"\n{extra}"),
            )
        };
        assert_eq!(ok("").unwrap().images.formats, ["webp", "jpeg"]);
        assert_eq!(ok("").unwrap().video.max_mb, 100);
        let err = ok("[images]\nquality = 80\nformats = [\"webp\", \"png\"]\n").unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(err[0].message.contains("`png`"), "{:?}", err[0]);
        assert_eq!((err[0].line, err[0].column), (5, 1));
        assert!(err[0].help.as_deref().unwrap().contains("avif"));
        assert!(err[1].message.contains("\"jpeg\""), "{:?}", err[1]);
        let err = ok("[video]\nmax_mb = 0\n").unwrap_err();
        assert!(err[0].message.contains("max_mb"), "{err:?}");
    }

    #[test]
    fn unknown_key_is_an_error_with_a_suggestion() {
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"T\"\nbase_url = \"https://x.vn\"\npaginte = 10\n",
        )
        .unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!((err[0].line, err[0].column), (3, 1));
        assert!(
            err[0].help.as_deref().unwrap().contains("paginate"),
            "{:?}",
            err[0]
        );
    }
}
