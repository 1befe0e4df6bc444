//! The context of a single content page: a profile, unit, campaign, decision, model
//! or news item, with the fields every page has and those of its kind.

use serde::Serialize;

use super::PageContext;
use crate::markdown::Heading;
use crate::model::PageRef;
use crate::render::RollColumns;
use crate::render::context::{AreaLink, Card, Link, Shapes};
use crate::render::labels::{kind_label, level_label};

#[derive(Serialize)]
struct WithExtra<'c, 'a, T: Serialize> {
    #[serde(flatten)]
    common: &'c CommonPage<'a>,
    #[serde(flatten)]
    extra: T,
}

#[derive(Serialize)]
struct CommonPage<'a> {
    kind: &'static str,
    kind_label: &'static str,
    id: &'a str,
    title: &'a str,
    url: String,
    permalink: String,
    date: String,
    summary: &'a str,
    content: &'a str,
    toc: &'a [Heading],
    tags: Vec<Link<'a>>,
    section: SectionLink<'a>,
    draft: bool,
    photo: Option<crate::render::context::ImageCtx<'a>>,
    gallery: Vec<crate::render::media::GalleryPhoto<'a>>,
    video: Vec<crate::render::media::VideoCtx<'a>>,
}

#[derive(Serialize)]
struct SectionLink<'a> {
    title: &'a str,
    url: String,
}

impl Shapes<'_> {
    /// The context of a single content page.
    pub(super) fn single(&self, r: PageRef, home: (String, String)) -> PageContext {
        let site = self.site;
        let ix = &site.index;
        let page = site.page(r);
        let section = &site.sections[page.section.get()];
        let body = self.bodies.get(r);
        let kind = self.kind(r);
        let mut pc = PageContext::new(page.title.clone());
        pc.section = Some(page.section.get());
        pc.description = self.summary(r).to_string();
        pc.structured = Some(crate::render::structured::page(site, r));
        pc.og_type = "article";
        pc.noindex = page.noindex;
        pc.breadcrumbs = vec![
            home,
            (
                section.title.clone(),
                self.url(&format!("{}/", section.dir)),
            ),
        ];
        let common_page = CommonPage {
            kind,
            kind_label: kind_label(kind, self.lang),
            id: &page.id,
            title: &page.title,
            url: self.url(&page.path),
            permalink: site.permalink(&page.path),
            date: page.date.map(|d| d.iso()).unwrap_or_default(),
            summary: self.summary(r),
            content: &body.html,
            toc: &body.toc,
            tags: page
                .tags
                .iter()
                .map(|t| {
                    let tag = &site.tags[t.get()];
                    Link {
                        name: &tag.name,
                        url: self.url(&format!("chu-de/{}/", tag.slug)),
                    }
                })
                .collect(),
            section: SectionLink {
                title: &section.title,
                url: self.url(&format!("{}/", section.dir)),
            },
            draft: page.draft,
            photo: self.photo(page),
            gallery: self.gallery(page),
            video: self.videos(page),
        };
        if let Some((image, alt)) = self.share_image(page) {
            pc.image = image;
            pc.image_alt = alt.to_string();
        }
        macro_rules! with_extra {
            ($extra:expr) => {
                WithExtra {
                    common: &common_page,
                    extra: $extra,
                }
            };
        }
        match r {
            PageRef::Profile(i) => {
                let p = &site.profiles[i];
                pc.og_type = "profile";
                let unit = &site.units[p.unit];
                let commune = &site.communes[unit.commune.get()];
                #[derive(Serialize)]
                struct GrantCtx<'a> {
                    award: GrantAward<'a>,
                    year: i32,
                    year_url: String,
                    decision: Option<crate::render::context::DecisionLink<'a>>,
                }
                #[derive(Serialize)]
                struct GrantAward<'a> {
                    id: &'a str,
                    name: &'a str,
                    url: String,
                    kind_label: &'static str,
                }
                #[derive(Serialize)]
                struct ProfileExtra<'a> {
                    name: &'a str,
                    initials: String,
                    subject: crate::content::front::Subject,
                    position: &'a str,
                    frontline: bool,
                    unit: Card<'a>,
                    commune: Link<'a>,
                    areas: Vec<AreaLink>,
                    campaigns: Vec<Card<'a>>,
                    awards: Vec<GrantCtx<'a>>,
                }
                let extra = ProfileExtra {
                    name: &p.name,
                    initials: crate::render::context::initials(p),
                    subject: p.subject,
                    position: &p.position,
                    frontline: p.frontline,
                    unit: self.card(PageRef::Unit(p.unit.get())),
                    commune: Link {
                        name: &commune.name,
                        url: self.url(&format!("xa-phuong/{}/", commune.slug)),
                    },
                    areas: unit.areas.iter().map(|a| self.area(*a)).collect(),
                    campaigns: self.cards(p.campaigns.iter().map(|c| PageRef::Campaign(c.get()))),
                    awards: p
                        .grants
                        .iter()
                        .map(|g| {
                            let a = &site.awards[g.award];
                            GrantCtx {
                                award: GrantAward {
                                    id: &a.id,
                                    name: &a.name,
                                    url: self.url(&format!("danh-hieu/{}/", a.id)),
                                    kind_label: a.kind.label(self.lang),
                                },
                                year: g.year,
                                year_url: self.url(&format!("nam/{}/", g.year)),
                                decision: g.decision.map(|d| self.decision_link(d)),
                            }
                        })
                        .collect(),
                };
                pc.insert("page", &with_extra!(extra));
                let related = self.card_list(
                    ix.unit_profiles[p.unit.get()]
                        .iter()
                        .filter(|o| **o != i)
                        .take(4)
                        .map(|o| PageRef::Profile(*o)),
                );
                pc.insert("related", &related);
            }
            PageRef::Unit(i) => {
                let u = &site.units[i];
                let commune = &site.communes[u.commune.get()];
                #[derive(Serialize)]
                struct UnitExtra<'a> {
                    name: &'a str,
                    level: crate::content::front::UnitLevel,
                    level_label: &'static str,
                    commune: Link<'a>,
                    areas: Vec<AreaLink>,
                    address: &'a str,
                    website: &'a str,
                }
                pc.insert(
                    "page",
                    &with_extra!(UnitExtra {
                        name: &u.name,
                        level: u.level,
                        level_label: level_label(u.level, self.lang),
                        commune: Link {
                            name: &commune.name,
                            url: self.url(&format!("xa-phuong/{}/", commune.slug))
                        },
                        areas: u.areas.iter().map(|a| self.area(*a)).collect(),
                        address: &u.address,
                        website: &u.website,
                    }),
                );
                pc.insert(
                    "people",
                    &self.person_rows(ix.unit_profiles[i].iter().copied(), false),
                );
                pc.insert(
                    "models",
                    &self.card_list(ix.unit_models[i].iter().map(|m| PageRef::Model(*m))),
                );
                pc.insert(
                    "news",
                    &self.card_list(ix.unit_news[i].iter().map(|n| PageRef::News(*n))),
                );
            }
            PageRef::Campaign(i) => {
                let c = &site.campaigns[i];
                #[derive(Serialize)]
                struct CampaignExtra<'a> {
                    slogan: &'a str,
                    launched_by: &'a str,
                    level_label: &'static str,
                    start: String,
                    end: String,
                    active: bool,
                    objectives: &'a [String],
                    criteria: &'a [String],
                    participants: &'a str,
                }
                pc.insert(
                    "page",
                    &with_extra!(CampaignExtra {
                        slogan: &c.slogan,
                        launched_by: &c.launched_by,
                        level_label: c.level.label(self.lang),
                        start: c.start.iso(),
                        end: c.end.map(|e| e.iso()).unwrap_or_default(),
                        active: c.is_active(site.today),
                        objectives: &c.objectives,
                        criteria: &c.criteria,
                        participants: &c.participants,
                    }),
                );
                self.insert_people(&mut pc, &ix.campaign_profiles[i]);
                pc.insert(
                    "models",
                    &self.card_list(ix.campaign_models[i].iter().map(|m| PageRef::Model(*m))),
                );
                pc.insert(
                    "news",
                    &self.card_list(ix.campaign_news[i].iter().map(|n| PageRef::News(*n))),
                );
            }
            PageRef::Decision(i) => {
                let d = &site.decisions[i];
                #[derive(Serialize)]
                struct DecisionExtra<'a> {
                    number: &'a str,
                    issuer: &'a str,
                    signer: &'a str,
                }
                pc.insert(
                    "page",
                    &with_extra!(DecisionExtra {
                        number: &d.number,
                        issuer: &d.issuer,
                        signer: &d.signer
                    }),
                );
                let columns = RollColumns::OfDecision;
                pc.insert("recipients", &self.roll_rows(&ix.decision_roll[i], columns));
                pc.insert("columns", &columns.value());
            }
            PageRef::Model(i) | PageRef::News(i) => {
                let a = if matches!(r, PageRef::Model(_)) {
                    &site.models[i]
                } else {
                    &site.news[i]
                };
                #[derive(Serialize)]
                struct ArticleExtra<'a> {
                    unit: Option<Link<'a>>,
                    campaigns: Vec<Card<'a>>,
                }
                pc.insert(
                    "page",
                    &with_extra!(ArticleExtra {
                        unit: a.unit.map(|u| self.unit_link(u)),
                        campaigns: self
                            .cards(a.campaigns.iter().map(|c| PageRef::Campaign(c.get()))),
                    }),
                );
            }
        }
        pc
    }
}
