//! The form widgets of Decap CMS (https://decapcms.org/docs/widgets/) as plain data:
//! one [`Field`] per front matter key, with the options each widget takes.

use serde::Serialize;
use yaml_serde::{Mapping, Value};

use crate::vietnamese::Lang;

/// One field of a collection's form.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    pub name: &'static str,
    pub widget: &'static str,
    /// Decap requires every field unless told otherwise.
    #[serde(skip_serializing_if = "is_true")]
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// `[regular expression, message]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<[String; 2]>,
    /// The widget's own options.
    #[serde(flatten)]
    pub options: Mapping,
}

fn is_true(b: &bool) -> bool {
    *b
}

/// Labels and hints come in both languages; the site's picks one.
pub type Words = (&'static str, &'static str);

impl Field {
    fn new(name: &'static str, label: Words, widget: &'static str, lang: Lang) -> Field {
        Field {
            label: lang.pick(label.0, label.1).to_string(),
            name,
            widget,
            required: true,
            hint: None,
            pattern: None,
            options: Mapping::new(),
        }
    }

    /// Not required: left blank, the key takes its default.
    pub fn optional(mut self) -> Field {
        self.required = false;
        self
    }

    /// Required (a widget optional by default, such as an image, that must be given).
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Field {
        let hint = hint.into();
        if !hint.is_empty() {
            self.hint = Some(hint);
        }
        self
    }

    pub fn pattern(mut self, regex: &str, message: &str) -> Field {
        self.pattern = Some([regex.to_string(), message.to_string()]);
        self
    }

    /// Sets a widget option.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Field {
        self.options.insert(key.into(), value.into());
        self
    }
}

/// A one-line text.
pub fn string(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "string", lang)
}

/// A paragraph.
pub fn text(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "text", lang)
}

/// The Markdown body.
pub fn markdown(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "markdown", lang)
}

/// A yes/no switch, `false` unless turned on.
pub fn boolean(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "boolean", lang)
        .optional()
        .with("default", false)
}

/// A whole number.
pub fn integer(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "number", lang).with("value_type", "int")
}

/// A calendar date, stored as `YYYY-MM-DD` and shown as `dd/mm/yyyy`. UTC, so that
/// the date picked is the date written whatever the computer's time zone.
pub fn date(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "datetime", lang)
        .with("format", "YYYY-MM-DD")
        .with("date_format", "DD/MM/YYYY")
        .with("time_format", false)
        .with("picker_utc", true)
}

/// A date that may stay empty (a new entry's date field is otherwise today).
pub fn optional_date(name: &'static str, label: Words, lang: Lang) -> Field {
    date(name, label, lang).optional().with("default", "")
}

/// A choice among fixed values, each with its label.
pub fn select(name: &'static str, label: Words, choices: &[(String, String)], lang: Lang) -> Field {
    let options: Vec<Value> = choices
        .iter()
        .map(|(value, label)| {
            let mut m = Mapping::new();
            m.insert("label".into(), label.as_str().into());
            m.insert("value".into(), value.as_str().into());
            Value::Mapping(m)
        })
        .collect();
    Field::new(name, label, "select", lang).with("options", Value::Sequence(options))
}

/// A photo uploaded beside the page (the collection's media folder).
pub fn image(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "image", lang)
        .optional()
        .with("choose_url", false)
}

/// A file uploaded beside the page (a video, a decision's annex).
pub fn file(name: &'static str, label: Words, lang: Lang) -> Field {
    Field::new(name, label, "file", lang)
        .optional()
        .with("choose_url", false)
}

/// A list of one-line texts, one input each (commas inside a text stay in it).
pub fn string_list(name: &'static str, label: Words, item: Words, lang: Lang) -> Field {
    let item = string("item", item, lang);
    Field::new(name, label, "list", lang)
        .optional()
        .with("field", to_value(&item))
}

/// A list of objects (arrays of tables in TOML).
pub fn object_list(name: &'static str, label: Words, fields: Vec<Field>, lang: Lang) -> Field {
    Field::new(name, label, "list", lang)
        .optional()
        .with("fields", to_value(&fields))
}

/// An object (an inline table in TOML).
pub fn object(name: &'static str, label: Words, fields: Vec<Field>, lang: Lang) -> Field {
    Field::new(name, label, "object", lang).with("fields", to_value(&fields))
}

/// The id of a page of another collection, chosen by searching `search` (its file
/// or bundle name, which is the page's id).
pub fn relation(
    name: &'static str,
    label: Words,
    collection: &str,
    search: &[&str],
    lang: Lang,
) -> Field {
    let names = |list: &[&str]| Value::Sequence(list.iter().map(|s| (*s).into()).collect());
    Field::new(name, label, "relation", lang)
        .with("collection", collection)
        .with("search_fields", names(search))
        .with("display_fields", names(search))
        .with("value_field", "{{slug}}")
        .with("options_length", 50)
}

fn to_value<T: Serialize>(value: &T) -> Value {
    // Plain data of strings, numbers and maps always serialises.
    yaml_serde::to_value(value).unwrap_or(Value::Null)
}
