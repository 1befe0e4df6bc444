//! What editors name rather than create as pages: the sections (a folder and its
//! `_index.md`), communes and tags, each given its id (the folded name) here.

use super::*;

impl Resolver {
    pub(super) fn sections(&mut self, config: &Config, content: &Content) -> Vec<Section> {
        let lang = self.lang;
        let mut sections: Vec<Section> = Vec::new();
        for doc in &content.sections {
            if RESERVED.contains(&doc.dir.as_str()) || slugify(&doc.dir) != doc.dir {
                self.problems.push(
                    Diagnostic::error(
                        "bad-section-name",
                        &doc.source.rel,
                        format!(
                            "{} `{}`",
                            lang.pick(
                                "tên thư mục chuyên mục không dùng được:",
                                "the section folder name cannot be used:"
                            ),
                            doc.dir
                        ),
                    )
                    .with_help(format!(
                        "{} {}",
                        lang.pick(
                            "dùng chữ thường không dấu và dấu gạch ngang, khác với",
                            "use lower-case ASCII letters and dashes, other than"
                        ),
                        RESERVED.join(", ")
                    )),
                );
            }
            let f = &doc.front;
            sections.push(Section {
                dir: doc.dir.clone(),
                kind: f.kind,
                title: f.title.clone(),
                description: f.description.clone(),
                weight: f.weight.unwrap_or(f.kind as i64 * 10),
                paginate: f.paginate.filter(|&n| n > 0).unwrap_or(config.paginate),
                source: doc.source.clone(),
            });
        }
        sections
    }

    pub(super) fn commune(
        &mut self,
        name: &str,
        src: &SourceText,
        span: Range<usize>,
        rel: &Path,
    ) -> Idx<Commune> {
        let lang = self.lang;
        let name = name.trim();
        let slug = slugify(name);
        let lower = name.to_lowercase();
        if ["quận ", "huyện ", "thị trấn "]
            .iter()
            .any(|w| lower.starts_with(w))
        {
            self.problems.push(
                Diagnostic::warning(
                    "old-commune",
                    rel,
                    lang.pick(
                        "từ 1/7/2025 không còn cấp quận, huyện, thị trấn",
                        "districts and towns (quận, huyện, thị trấn) no longer exist since 1 July 2025",
                    ),
                )
                .with_help(lang.pick("ghi tên xã, phường hoặc đặc khu mới, ví dụ \"phường Lê Chân\"", "write the new commune, ward or special zone, e.g. \"phường Lê Chân\""))
                .at(src, span.clone()),
            );
        } else if !["xã ", "phường ", "đặc khu "]
            .iter()
            .any(|w| lower.starts_with(w))
        {
            self.problems.push(
                Diagnostic::warning(
                    "commune-type",
                    rel,
                    lang.pick(
                        "tên xã/phường nên bắt đầu bằng \"xã\", \"phường\" hoặc \"đặc khu\"",
                        "a commune name should start with \"xã\", \"phường\" or \"đặc khu\"",
                    ),
                )
                .with_help(lang.pick(
                    "ví dụ \"đặc khu Bạch Long Vĩ\"",
                    "e.g. \"đặc khu Bạch Long Vĩ\"",
                ))
                .at(src, span.clone()),
            );
        }
        if let Some(&i) = self.commune_ids.get(&slug) {
            if self.communes[i].name != name {
                self.problems.push(
                    Diagnostic::warning(
                        "commune-spelling",
                        rel,
                        format!(
                            "{} \"{}\"",
                            lang.pick(
                                "tên xã/phường được viết khác ở đơn vị khác:",
                                "this commune is spelled differently elsewhere:"
                            ),
                            self.communes[i].name
                        ),
                    )
                    .with_help(lang.pick("thống nhất một cách viết", "use one spelling everywhere"))
                    .at(src, span),
                );
            }
            return Idx::new(i);
        }
        self.communes.push(Commune {
            name: name.to_string(),
            slug: slug.clone(),
        });
        self.commune_ids.insert(slug, self.communes.len() - 1);
        Idx::new(self.communes.len() - 1)
    }

    pub(super) fn tags(&mut self, tags: &[String]) -> Vec<Idx<Tag>> {
        let mut out: Vec<Idx<Tag>> = Vec::new();
        for name in tags {
            let name = name.trim();
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let i = *self.tag_ids.entry(slug.clone()).or_insert_with(|| {
                self.tags.push(Tag {
                    name: name.to_string(),
                    slug,
                });
                self.tags.len() - 1
            });
            if !out.contains(&Idx::new(i)) {
                out.push(Idx::new(i));
            }
        }
        out
    }
}
