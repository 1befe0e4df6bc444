//! schema.org structured data (JSON-LD) for search engines and link previews:
//! WebSite for the home page, Person or Organization for profiles,
//! EducationalOrganization for units, NewsArticle and Article for the rest.

use serde_json::{Value, json};

use super::context::Shapes;
use crate::content::front::{Subject, UnitLevel};
use crate::model::{PageRef, Site};

/// The JSON-LD of the home page.
pub fn website(site: &Site) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.config.title,
        "description": site.config.description,
        "url": site.permalink(""),
        "inLanguage": site.config.language,
    })
}

impl Shapes<'_> {
    /// The JSON-LD of a content page.
    pub fn structured_page(&self, r: PageRef) -> Value {
        page(self, r)
    }
}

/// The JSON-LD of a content page; what it shows of other pages is read through
/// `shapes`.
fn page(shapes: &Shapes, r: PageRef) -> Value {
    let site = shapes.site;
    let page = site.page(r);
    let url = site.permalink(&page.path);
    let unit_org = |u: crate::model::Idx<crate::model::Unit>| {
        shapes.read_page(PageRef::Unit(u.get()));
        let unit = &site.units[u];
        json!({ "@type": "EducationalOrganization", "name": unit.name, "url": site.permalink(&unit.page.path) })
    };
    let publisher =
        json!({ "@type": "Organization", "name": site.config.title, "url": site.permalink("") });
    let mut value = match r {
        PageRef::Profile(i) => {
            let p = &site.profiles[i];
            let awards: Vec<String> = p
                .grants
                .iter()
                .map(|g| format!("{} ({})", site.awards[g.award].name, g.year))
                .collect();
            match p.subject {
                Subject::Person => json!({
                    "@type": "Person",
                    "name": p.name,
                    "jobTitle": p.position,
                    "worksFor": unit_org(p.unit),
                    "award": awards,
                }),
                Subject::Collective => json!({
                    "@type": "Organization",
                    "name": p.name,
                    "parentOrganization": unit_org(p.unit),
                    "award": awards,
                }),
            }
        }
        PageRef::Unit(i) => {
            let u = &site.units[i];
            let kind = if matches!(u.level, UnitLevel::CoQuan) {
                "GovernmentOffice"
            } else {
                "EducationalOrganization"
            };
            let mut v = json!({
                "@type": kind,
                "name": u.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": u.address,
                    "addressLocality": shapes.commune_link(u.commune.get()).name,
                    "addressCountry": "VN",
                },
            });
            if !u.website.is_empty() {
                v["sameAs"] = json!(u.website);
            }
            v
        }
        PageRef::News(_) => {
            json!({ "@type": "NewsArticle", "headline": page.title, "publisher": publisher })
        }
        _ => json!({ "@type": "Article", "headline": page.title, "publisher": publisher }),
    };
    value["@context"] = json!("https://schema.org");
    value["url"] = json!(url);
    if let Some(date) = page.date
        && matches!(
            r,
            PageRef::News(_) | PageRef::Model(_) | PageRef::Decision(_) | PageRef::Campaign(_)
        )
    {
        value["datePublished"] = json!(date.iso());
    }
    if !page.summary.is_empty() {
        value["description"] = json!(page.summary);
    }
    value
}

/// JSON for a `<script>` element: `<` escaped so no `</script>` can end it early.
pub fn to_script(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_text_cannot_close_the_element() {
        let v = serde_json::json!({ "name": "</script><script>alert(1)</script>" });
        let s = super::to_script(&v);
        assert!(!s.contains("</script>"));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }
}
