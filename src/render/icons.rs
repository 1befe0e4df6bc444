//! The theme's icons: the template function `icon()` and the sprite it points to.

use tera::{Kwargs, State, TeraResult, Value};

use super::escape_html;
use super::theme::Theme;

/// The theme's line icons (`icons/<name>.svg`, the inside of a 24×24 `<svg>`), as the
/// template function `icon(name="award", size=22)`: decorative, hidden from screen
/// readers. Each call writes a short `<use>` of the sprite `icons.svg`, written once
/// per site, so a page carries a reference instead of the drawing.
pub(super) struct Icons {
    names: std::collections::BTreeSet<String>,
    sprite_url: String,
}

/// The sprite of the theme's icons: one `<symbol id="<name>">` per icon.
pub const ICON_SPRITE: &str = "icons.svg";

impl Icons {
    pub(super) fn from_theme(theme: &Theme, base_path: &str) -> Icons {
        Icons {
            names: icon_files(theme)
                .map(|(name, _)| name.to_string())
                .collect(),
            sprite_url: format!("{base_path}/{ICON_SPRITE}"),
        }
    }
}

/// The icons of a theme: (name, the inside of the 24×24 `<svg>`).
fn icon_files(theme: &Theme) -> impl Iterator<Item = (&str, String)> {
    theme.under("icons").filter_map(|(name, file)| {
        let name = name.strip_suffix(".svg")?;
        Some((
            name,
            String::from_utf8_lossy(&file.bytes).trim().to_string(),
        ))
    })
}

/// The sprite file: every icon as a symbol drawn in the line style of the theme.
pub(super) fn icon_sprite(theme: &Theme) -> String {
    let mut sprite = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\">\n");
    for (name, paths) in icon_files(theme) {
        sprite.push_str(&format!(
            "<symbol id=\"{}\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{paths}</symbol>\n",
            escape_html(name)
        ));
    }
    sprite.push_str("</svg>\n");
    sprite
}

impl tera::Function<TeraResult<Value>> for Icons {
    fn call(&self, args: Kwargs, _: &State) -> TeraResult<Value> {
        let asked = args.get::<&str>("name")?.unwrap_or("profile");
        let name = if self.names.contains(asked) {
            asked
        } else {
            "profile"
        };
        let name = escape_html(name);
        let size = args.get::<u64>("size")?.unwrap_or(24);
        Ok(Value::safe_string(&format!(
            "<svg class=\"icon icon--{name}\" width=\"{size}\" height=\"{size}\" aria-hidden=\"true\" focusable=\"false\"><use href=\"{}#{name}\"/></svg>",
            self.sprite_url,
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}
