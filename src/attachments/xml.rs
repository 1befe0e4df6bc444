//! Removes metadata from the XML parts of Office and OpenDocument files, event by
//! event with quick-xml: what is not touched is written back as it was read.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// What to remove from one XML part. Names are local names (without the namespace
/// prefix, which producers may choose).
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// An element whose children are all dropped but those named.
    pub keep_children: Option<(&'static str, &'static [&'static str])>,
    /// Elements dropped wherever they are, with their content.
    pub drop: &'static [&'static str],
    /// Elements whose text is emptied (the element stays: the schema may need it).
    pub blank_text: &'static [&'static str],
    /// Attributes emptied: (element name or "*", attribute names).
    pub blank_attributes: &'static [(&'static str, &'static [&'static str])],
}

impl Policy {
    fn drops(&self, parent: Option<&str>, name: &str) -> bool {
        let filtered = matches!(self.keep_children, Some((p, keep)) if Some(p) == parent && !keep.contains(&name));
        filtered || self.drop.contains(&name)
    }

    fn blanks_attribute(&self, element: &str, attribute: &str) -> bool {
        self.blank_attributes
            .iter()
            .any(|(e, attrs)| (*e == "*" || *e == element) && attrs.contains(&attribute))
    }
}

/// The part with `policy` applied, or `None` when nothing had to change.
pub fn scrub(xml: &str, policy: &Policy) -> Result<Option<String>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    let mut changed = false;
    // Local names of the open elements.
    let mut open: Vec<String> = Vec::new();
    // While dropping an element: the depth it was opened at.
    let mut dropping: Option<usize> = None;
    // While emptying an element's text: its depth.
    let mut blanking: Option<usize> = None;
    loop {
        let event = reader.read_event()?;
        if let Some(depth) = dropping {
            match event {
                Event::Start(e) => open.push(local(&e)),
                Event::End(_) => {
                    open.pop();
                    if open.len() == depth {
                        dropping = None;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if policy.drops(open.last().map(String::as_str), &name) {
                    changed = true;
                    dropping = Some(open.len());
                    open.push(name);
                    continue;
                }
                let e = blank_attributes(e, &name, policy, &mut changed);
                writer.write_event(Event::Start(e)).map_err(io)?;
                if policy.blank_text.contains(&name.as_str()) {
                    blanking = Some(open.len() + 1);
                }
                open.push(name);
            }
            Event::Empty(e) => {
                let name = local(&e);
                if policy.drops(open.last().map(String::as_str), &name) {
                    changed = true;
                    continue;
                }
                let e = blank_attributes(e, &name, policy, &mut changed);
                writer.write_event(Event::Empty(e)).map_err(io)?;
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if blanking.is_some() => {
                changed = true;
            }
            Event::End(e) => {
                if blanking == Some(open.len()) {
                    blanking = None;
                }
                open.pop();
                writer.write_event(Event::End(e)).map_err(io)?;
            }
            Event::Eof => break,
            other => writer.write_event(other).map_err(io)?,
        }
    }
    if !changed {
        return Ok(None);
    }
    let bytes = writer.into_inner();
    // The writer only writes what it read (valid UTF-8) and ASCII of its own.
    Ok(Some(String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")))
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn io(e: std::io::Error) -> quick_xml::Error {
    quick_xml::Error::Io(e.into())
}

/// The tag with the attributes the policy names emptied.
fn blank_attributes<'a>(
    e: BytesStart<'a>,
    element: &str,
    policy: &Policy,
    changed: &mut bool,
) -> BytesStart<'a> {
    let attributes: Vec<Attribute> = e.attributes().with_checks(false).flatten().collect();
    let to_blank = |a: &Attribute| {
        !a.value.is_empty() && policy.blanks_attribute(element, a.key.local_name().as_ref())
    };
    if !attributes.iter().any(to_blank) {
        return e;
    }
    *changed = true;
    let mut new = BytesStart::new(e.name().as_ref().to_string());
    for a in &attributes {
        let value = if to_blank(a) {
            String::new()
        } else {
            // A value quoted with ' may hold a " of its own.
            a.value.replace('"', "&quot;")
        };
        new.push_attribute(Attribute {
            key: a.key,
            value: value.into(),
        });
    }
    new.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORE: Policy = Policy {
        keep_children: Some(("coreProperties", &["title", "language"])),
        drop: &[],
        blank_text: &[],
        blank_attributes: &[],
    };

    #[test]
    fn only_the_kept_children_stay() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title>Kế hoạch &amp; lịch</dc:title><dc:creator>Nguyễn Thị Hoa</dc:creator><cp:lastModifiedBy>hoa.nt</cp:lastModifiedBy><cp:keywords><x>k</x></cp:keywords><dc:language>vi-VN</dc:language><cp:revision/></cp:coreProperties>"#;
        let out = scrub(xml, &CORE).unwrap().unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title>Kế hoạch &amp; lịch</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>"#
        );
    }

    #[test]
    fn an_untouched_part_is_not_rewritten() {
        let xml = r#"<cp:coreProperties xmlns:cp="c"><dc:title>T</dc:title></cp:coreProperties>"#;
        assert_eq!(scrub(xml, &CORE).unwrap(), None);
    }

    #[test]
    fn attributes_and_text_are_emptied_and_the_rest_kept() {
        let policy = Policy {
            blank_text: &["author"],
            blank_attributes: &[("*", &["author", "initials"])],
            ..Policy::default()
        };
        let xml = r#"<w:comments xmlns:w="w"><w:comment w:id="0" w:author="Trần Văn An" w:date="2025-01-01T00:00:00Z" w:initials="TVA" title='say "hi"'><w:p>Nội dung</w:p></w:comment><w:ins w:author="An"/><authors><author>Lê &amp; Hoa</author></authors></w:comments>"#;
        let out = scrub(xml, &policy).unwrap().unwrap();
        assert_eq!(
            out,
            r#"<w:comments xmlns:w="w"><w:comment w:id="0" w:author="" w:date="2025-01-01T00:00:00Z" w:initials="" title="say &quot;hi&quot;"><w:p>Nội dung</w:p></w:comment><w:ins w:author=""/><authors><author></author></authors></w:comments>"#
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(scrub("<a><b></a>", &CORE).is_err());
    }
}
