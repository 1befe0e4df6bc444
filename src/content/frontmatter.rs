//! Front matter: splitting a file into TOML and Markdown, and reading the TOML into
//! typed structs with every problem placed at its line and column.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, Deserializer};

use crate::diagnostics::{Diagnostic, SourceText, did_you_mean};
use crate::vietnamese::Lang;

/// Where the front matter and the body are in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub front: Range<usize>,
    pub body: Range<usize>,
}

/// Why a file's front matter could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `+++`.
    Missing,
    /// The file starts with `---` (YAML, which tonvinh does not read).
    Yaml,
    /// No closing `+++` line.
    Unclosed,
}

/// Splits `+++\n<toml>+++\n<body>`.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    if first != "+++" {
        return Err(if first == "---" {
            SplitError::Yaml
        } else {
            SplitError::Missing
        });
    }
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(Split {
                front: first_end..offset,
                body: offset + line.len()..text.len(),
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

/// The diagnostic for a file whose front matter cannot be split.
pub fn split_diagnostic(error: SplitError, path: &Path, lang: Lang) -> Diagnostic {
    let (message, help) = match error {
        SplitError::Missing => (
            lang.pick(
                "tệp không có phần khai báo (front matter) ở đầu",
                "the file has no front matter at the top",
            ),
            lang.pick(
                "bắt đầu tệp bằng một dòng +++, các khoá TOML (title = \"…\"), rồi một dòng +++ nữa",
                "start the file with a line +++, the TOML keys (title = \"…\"), then another +++ line",
            ),
        ),
        SplitError::Yaml => (
            lang.pick(
                "phần khai báo viết theo YAML (---), tonvinh đọc TOML giữa hai dòng +++",
                "the front matter is YAML (---); tonvinh reads TOML between +++ lines",
            ),
            lang.pick(
                "thay hai dòng --- bằng +++ và viết khoá = \"giá trị\"",
                "replace both --- lines with +++ and write key = \"value\"",
            ),
        ),
        SplitError::Unclosed => (
            lang.pick(
                "phần khai báo mở bằng +++ nhưng không có dòng +++ đóng lại",
                "the front matter opens with +++ but is never closed",
            ),
            lang.pick(
                "thêm một dòng chỉ có +++ sau khoá cuối cùng",
                "add a line containing only +++ after the last key",
            ),
        ),
    };
    Diagnostic::error("front-matter", path, message)
        .with_help(help)
        .at_line(1, 1)
}

/// Reads the TOML at `range` of `source` into `T`. Reports every syntax error, every
/// unknown key (with a suggestion) and every wrongly typed value, not just the first.
/// `examples` gives, per key, a line to show in the hint of a missing-key error.
pub fn parse_typed<T: DeserializeOwned>(
    source: &SourceText,
    range: Range<usize>,
    path: &Path,
    lang: Lang,
    examples: &[(&str, &str)],
) -> Result<T, Vec<Diagnostic>> {
    let text = &source.text[range.clone()];
    let at = |span: Range<usize>| span.start + range.start..span.end + range.start;
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                let d = Diagnostic::error("toml-syntax", path, syntax_message(e.message(), lang))
                    .with_help(lang.pick(
                        "mỗi dòng có dạng khoá = giá trị; chuỗi đặt trong ngoặc kép \"…\", danh sách trong [ … ]",
                        "each line is key = value; strings go in double quotes \"…\", lists in [ … ]",
                    ));
                match e.span() {
                    Some(span) => d.at(source, at(span)),
                    None => d.at_line(source.line_col(range.start).0, 1),
                }
            })
            .collect());
    }
    // The common case: the front matter is right, deserialise without a copy.
    let first = T::deserialize(Deserializer::from(table));
    let first_error = match first {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let (mut table, _) = DeTable::parse_recoverable(text);
    let _ = first_error;
    let mut problems = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    // Deserialise; on an error, report it, drop the offending top-level key and try
    // again, so that one run lists every bad key of the file.
    for _ in 0..64 {
        match T::deserialize(Deserializer::from(table.clone())) {
            Ok(value) if problems.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let key = table
                    .get_ref()
                    .iter()
                    .find(|(k, v)| k.span().contains(&span.start) || v.span().contains(&span.start))
                    .map(|(k, _)| k.get_ref().to_string());
                let message = error.message();
                if let Some(missing) = field_name(message, "missing field `") {
                    if !removed.iter().any(|r| r == missing) {
                        let example = examples
                            .iter()
                            .find(|(k, _)| *k == missing)
                            .map(|(_, e)| *e);
                        problems.push(missing_key(
                            source,
                            range.start,
                            path,
                            lang,
                            missing,
                            example,
                        ));
                    }
                    break;
                }
                problems
                    .push(value_problem(message, key.as_deref(), lang, path).at(source, at(span)));
                match key {
                    Some(k) if !removed.contains(&k) => {
                        let kept = std::mem::take(table.get_mut())
                            .into_iter()
                            .filter(|(name, _)| name.get_ref().as_ref() != k)
                            .collect();
                        *table.get_mut() = kept;
                        removed.push(k);
                    }
                    _ => break,
                }
            }
        }
    }
    problems.sort_by_key(|d| (d.line, d.column));
    Err(problems)
}

fn missing_key(
    source: &SourceText,
    front_start: usize,
    path: &Path,
    lang: Lang,
    key: &str,
    example: Option<&str>,
) -> Diagnostic {
    let (line, _) = source.line_col(front_start.saturating_sub(1));
    let help = match example {
        Some(e) => format!("{} {e}", lang.pick("thêm dòng", "add a line such as")),
        None => format!("{} {key} = …", lang.pick("thêm dòng", "add a line")),
    };
    Diagnostic::error(
        "missing-key",
        path,
        format!(
            "{} `{key}`",
            lang.pick("thiếu khoá bắt buộc", "missing required key")
        ),
    )
    .with_help(help)
    .at_line(line, 1)
}

/// The text between a prefix and the next backtick of a serde message.
fn field_name<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    rest.split('`').next()
}

/// Turns a serde error into a message an editor understands, in the site's language.
fn value_problem(message: &str, key: Option<&str>, lang: Lang, path: &Path) -> Diagnostic {
    if let Some(unknown) = field_name(message, "unknown field `") {
        if let Some((vi, en)) = crate::domain::privacy::personal_key(unknown) {
            return Diagnostic::error(
                "personal-data-key",
                path,
                format!(
                    "{} `{unknown}` {} {}",
                    lang.pick("khoá", "the key"),
                    lang.pick("chứa dữ liệu cá nhân không được công bố:", "holds personal data that must never be published:"),
                    lang.pick(vi, en)
                ),
            )
            .with_help(lang.pick(
                "xoá dòng này; hồ sơ cá nhân và giấy đồng ý lưu ở đơn vị, không đưa lên trang",
                "remove this line; personal records and signed forms stay with the unit, never on the site",
            ));
        }
        let expected: Vec<&str> = message
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let help = match did_you_mean(unknown, expected.iter().copied()) {
            Some(s) => format!("{} `{s}`?", lang.pick("có phải ý bạn là", "did you mean")),
            None if expected.is_empty() => lang.pick("xoá khoá này", "remove this key").to_string(),
            None => format!(
                "{}: {}",
                lang.pick("các khoá hợp lệ", "valid keys are"),
                expected.join(", ")
            ),
        };
        return Diagnostic::error(
            "unknown-key",
            path,
            format!(
                "{} `{unknown}`",
                lang.pick("khoá không hợp lệ", "unknown key")
            ),
        )
        .with_help(help);
    }
    if let Some(variant) = field_name(message, "unknown variant `") {
        let expected: Vec<&str> = message
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let mut help = format!(
            "{}: {}",
            lang.pick("dùng một trong các giá trị", "use one of"),
            expected
                .iter()
                .map(|e| format!("\"{e}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if let Some(s) = did_you_mean(variant, expected.iter().copied()) {
            help = format!(
                "{} \"{s}\"? ({help})",
                lang.pick("có phải ý bạn là", "did you mean")
            );
        }
        let key = key.map(|k| format!(" `{k}`")).unwrap_or_default();
        return Diagnostic::error(
            "bad-value",
            path,
            format!(
                "{}{key}: \"{variant}\"",
                lang.pick("giá trị không hợp lệ của", "invalid value for")
            ),
        )
        .with_help(help);
    }
    let key_text = key.map(|k| format!("`{k}`: ")).unwrap_or_default();
    if message.starts_with("invalid type") {
        let expected = message.rsplit_once("expected ").map_or("", |(_, e)| e);
        let (what, help) = expected_text(expected, lang);
        return Diagnostic::error(
            "wrong-type",
            path,
            format!(
                "{key_text}{} {what}",
                lang.pick("sai kiểu, cần", "wrong type, expected")
            ),
        )
        .with_help(help);
    }
    Diagnostic::error(
        "bad-value",
        path,
        format!("{key_text}{}", translate_custom(message, lang)),
    )
    .with_help(lang.pick(
        "sửa giá trị theo hướng dẫn trong docs/content.md",
        "fix the value as docs/content.md describes",
    ))
}

/// What a serde "expected …" means, and an example to write instead.
fn expected_text(expected: &str, lang: Lang) -> (String, String) {
    let (vi, en, example) = if expected.contains("date") || expected.contains("Datetime") {
        ("một ngày", "a date", "2025-11-20 (YYYY-MM-DD, no quotes)")
    } else if expected.contains("bool") {
        ("true hoặc false", "true or false", "true")
    } else if expected.contains("sequence") {
        ("một danh sách", "a list", "[\"a\", \"b\"]")
    } else if expected.contains("string") {
        (
            "một chuỗi trong ngoặc kép",
            "a string in double quotes",
            "\"…\"",
        )
    } else if expected.contains("i32")
        || expected.contains("i64")
        || expected.contains("u") && expected.len() <= 5
    {
        ("một số nguyên", "a whole number", "2025")
    } else if expected.contains("struct") || expected.contains("map") {
        ("một bảng { … }", "a table { … }", "{ key = \"value\" }")
    } else {
        (expected, expected, "")
    };
    let what = lang.pick(vi, en).to_string();
    let example = example.replace(
        "(YYYY-MM-DD, no quotes)",
        lang.pick(
            "(năm-tháng-ngày, không có ngoặc kép)",
            "(YYYY-MM-DD, no quotes)",
        ),
    );
    let help = if example.is_empty() {
        lang.pick("sửa kiểu của giá trị", "fix the value's type")
            .to_string()
    } else {
        format!("{} {example}", lang.pick("ví dụ:", "for example:"))
    };
    (what, help)
}

fn translate_custom(message: &str, lang: Lang) -> String {
    match (lang, message) {
        (Lang::Vi, m) if m.contains("expected a date") => {
            "cần một ngày dạng năm-tháng-ngày, ví dụ 2025-11-20".to_string()
        }
        (Lang::Vi, m) if m.contains("not a valid calendar date") => {
            "ngày không có thật trên lịch".to_string()
        }
        (_, m) => m.trim_end_matches('\n').to_string(),
    }
}

fn syntax_message(message: &str, lang: Lang) -> String {
    let m = message.trim_end_matches('\n');
    match lang {
        Lang::Vi => format!("lỗi cú pháp TOML: {m}"),
        Lang::En => format!("TOML syntax error: {m}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.front.clone()], "title = \"A\"\n");
        assert_eq!(&text[s.body.clone()], "Body\n");
        let crlf = "+++\r\ntitle = \"A\"\r\n+++\r\nBody";
        let s = split(crlf).unwrap();
        assert_eq!(&crlf[s.body], "Body");
        assert_eq!(split("+++\n+++\n").unwrap().front, 4..4);
    }

    #[test]
    fn split_errors_say_what_is_missing() {
        assert_eq!(split("title = 1\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: a\n---\n"), Err(SplitError::Yaml));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::Unclosed));
        assert_eq!(split(""), Err(SplitError::Missing));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        unit: String,
        #[serde(default)]
        frontline: bool,
    }

    fn parse(text: &str) -> Result<Front, Vec<Diagnostic>> {
        let source = SourceText::new(text);
        let s = split(text).unwrap();
        parse_typed(
            &source,
            s.front,
            Path::new("a.md"),
            Lang::En,
            &[("unit", "unit = \"x\"")],
        )
    }

    #[test]
    fn every_bad_key_of_a_file_is_reported() {
        let errs = parse(
            "+++\ntitle = \"A\"\nunti = \"x\"\nunit = \"u\"\nfrontline = \"yes\"\ncolor = 1\n+++\n",
        )
        .unwrap_err();
        let summary: Vec<_> = errs.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            summary,
            [
                ("unknown-key", 3, 1),
                ("wrong-type", 5, 13),
                ("unknown-key", 6, 1)
            ]
        );
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `unit`?"));
        assert!(
            errs[1].message.contains("true or false"),
            "{}",
            errs[1].message
        );
    }

    #[test]
    fn missing_key_points_at_the_front_matter() {
        let errs = parse("+++\ntitle = \"A\"\n+++\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, "missing-key");
        assert_eq!(errs[0].line, 1);
        assert_eq!(
            errs[0].help.as_deref(),
            Some("add a line such as unit = \"x\"")
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errs = parse("+++\ntitle = \"A\nunit = \"u\"\n+++\n").unwrap_err();
        assert!(!errs.is_empty());
        assert_eq!(errs[0].code, "toml-syntax");
        assert_eq!(errs[0].line, 2);
    }
}
