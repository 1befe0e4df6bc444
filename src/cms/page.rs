//! `admin/index.html`: the page that loads the CMS's script (from the configured
//! URL, checked against its integrity hash) and its `config.yml`.

use super::Model;

/// What `serve` adds to its own admin page: the local API's path and the per-run
/// token that every call to it must carry (as the `X-Tonvinh-Token` header).
#[derive(Debug, Clone, Copy)]
pub struct Local<'a> {
    pub api: &'a str,
    pub token: &'a str,
}

/// The header that carries the token.
pub const TOKEN_HEADER: &str = "x-tonvinh-token";

/// The admin page; with `local`, the page of `serve`, which adds the token to the
/// CMS's requests to the local API.
pub fn admin_page(model: &Model, local: Option<Local>) -> String {
    let l = model.lang;
    let settings = &model.settings;
    let integrity = settings
        .script_integrity()
        .map(|hash| format!(" integrity=\"{}\" crossorigin=\"anonymous\"", escape(hash)))
        .unwrap_or_default();
    let token = local.map(token_script).unwrap_or_default();
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{editor} · {title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
{token}</head>
<body>
<noscript>{noscript}</noscript>
<script src="{script}"{integrity}></script>
</body>
</html>
"#,
        lang = model.locale(),
        editor = l.pick("Soạn bài", "Editor"),
        title = escape(&model.site_title),
        noscript = l.pick(
            "Trình soạn thảo cần JavaScript.",
            "The editor needs JavaScript."
        ),
        script = escape(&settings.script),
    )
}

/// Wraps `fetch` so that the CMS's calls to the local API carry the token. Only
/// this page has it: another site cannot read it (no CORS), nor a page on a name
/// that resolves here (the Host header is checked before the page is served).
fn token_script(local: Local) -> String {
    let json = |s: &str| {
        serde_json::to_string(s)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    };
    format!(
        r#"<script>
(function () {{
  var api = {api}, token = {token}, header = {header}, send = window.fetch.bind(window);
  window.fetch = function (input, init) {{
    var url = new URL(typeof input === "string" ? input : input.url, location.href);
    if (url.origin === location.origin && url.pathname === api) {{
      init = Object.assign({{}}, init);
      var headers = new Headers(init.headers || (typeof input === "string" ? undefined : input.headers));
      headers.set(header, token);
      init.headers = headers;
    }}
    return send(input, init);
  }};
}})();
</script>
"#,
        api = json(local.api),
        token = json(local.token),
        header = json(TOKEN_HEADER),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
