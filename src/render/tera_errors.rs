//! Tera's errors as diagnostics. Tera 2 knows the template, line and column of a
//! syntax or rendering error: the diagnostic points at that template's file (the
//! site's theme or the default one) with the line shown, so a theme author finds it.

use tera::ErrorKind;

use super::theme::Theme;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::vietnamese::Lang;

/// A template that does not compile.
pub(super) fn syntax(theme: &Theme, theme_name: &str, e: &tera::Error, lang: Lang) -> Diagnostic {
    let what = lang.pick("mẫu giao diện sai cú pháp", "template syntax error");
    located(theme, theme_name, None, e, what).with_help(lang.pick(
        "sửa mẫu giao diện theo cú pháp Tera 2 (docs/themes.md)",
        "fix the template's Tera 2 syntax (docs/themes.md)",
    ))
}

/// A template that failed to render `/path` (or a fragment, when `path` is "").
pub(super) fn rendering(
    theme: &Theme,
    theme_name: &str,
    template: &str,
    path: &str,
    e: &tera::Error,
    lang: Lang,
) -> Diagnostic {
    let what = lang.pick("lỗi khi dựng trang", "error rendering");
    let what = if path.is_empty() {
        format!("{what} {template}")
    } else {
        format!("{what} /{path}")
    };
    located(theme, theme_name, Some(template), e, &what).with_help(lang.pick(
        "kiểm tra các biến mẫu dùng, theo docs/themes.md",
        "check the variables the template uses against docs/themes.md",
    ))
}

/// `what: message` at the place Tera names, else at `template` (or the theme).
fn located(
    theme: &Theme,
    theme_name: &str,
    template: Option<&str>,
    e: &tera::Error,
    what: &str,
) -> Diagnostic {
    let report = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let name = report
        .map(|r| r.filename())
        .filter(|n| !n.is_empty())
        .or(template);
    let file = name.and_then(|n| theme.files.get(&format!("templates/{n}")));
    let path = match (file, name) {
        (Some(file), _) => file.origin.clone(),
        (None, Some(name)) => format!("themes/{theme_name}/templates/{name}").into(),
        (None, None) => "themes".into(),
    };
    let message = match report {
        Some(r) => format!("{what}: {}", r.message()),
        None => format!("{what}: {}", error_chain(e)),
    };
    let diagnostic = Diagnostic::error("template", path, message);
    match (report, file) {
        (Some(r), Some(file)) => {
            let text = String::from_utf8_lossy(&file.bytes);
            diagnostic.at(&SourceText::new(&text), r.span().range.clone())
        }
        _ => diagnostic,
    }
}

/// A Tera error with its causes, on one line.
fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}
