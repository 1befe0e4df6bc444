//! The messages of front matter problems: TOML's and serde's errors (missing,
//! unknown or mistyped keys, syntax) said in the editor's words, with a fix.

use std::path::Path;

use crate::diagnostics::{Diagnostic, SourceText, did_you_mean};
use crate::vietnamese::Lang;

pub(super) fn missing_key(
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
pub(super) fn field_name<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    rest.split('`').next()
}

/// Turns a serde error into a message an editor understands, in the site's language.
pub(super) fn value_problem(
    message: &str,
    key: Option<&str>,
    lang: Lang,
    path: &Path,
) -> Diagnostic {
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
pub(super) fn expected_text(expected: &str, lang: Lang) -> (String, String) {
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

pub(super) fn translate_custom(message: &str, lang: Lang) -> String {
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

pub(super) fn syntax_message(message: &str, lang: Lang) -> String {
    let m = message.trim_end_matches('\n');
    match lang {
        Lang::Vi => format!("lỗi cú pháp TOML: {m}"),
        Lang::En => format!("TOML syntax error: {m}"),
    }
}
