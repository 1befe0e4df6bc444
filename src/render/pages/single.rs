//! The context of a single content page: a profile, unit, campaign, decision, model
//! or news item, with the fields every page has (`CommonPage`) and those of its kind.

use serde::Serialize;

use super::{Job, PageContext};
use crate::domain::labels::{kind_label, level_label};
use crate::domain::{Subject, UnitLevel};
use crate::markdown::Heading;
use crate::model::PageRef;
use crate::render::RollColumns;
use crate::render::context::{AreaLink, Card, DecisionLink, ImageCtx, Link, Shapes};

/// `page`: the common fields, and those of the page's kind beside them.
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
    photo: Option<ImageCtx<'a>>,
    gallery: Vec<crate::render::media::GalleryPhoto<'a>>,
    video: Vec<crate::render::media::VideoCtx<'a>>,
    attachments: Vec<AttachmentCtx<'a>>,
}

/// One document of the "Tệp đính kèm" block.
#[derive(Serialize)]
struct AttachmentCtx<'a> {
    url: String,
    name: &'a str,
    title: &'a str,
    /// "PDF", "Word", …
    kind: &'static str,
    /// "1,2 MB".
    size: String,
    mime: &'static str,
}

#[derive(Serialize)]
struct SectionLink<'a> {
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct GrantCtx<'a> {
    award: GrantAward<'a>,
    year: i32,
    year_url: String,
    decision: Option<DecisionLink<'a>>,
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
    subject: Subject,
    position: &'a str,
    frontline: bool,
    unit: Card<'a>,
    commune: Link<'a>,
    areas: Vec<AreaLink>,
    campaigns: Vec<Card<'a>>,
    awards: Vec<GrantCtx<'a>>,
}

#[derive(Serialize)]
struct UnitExtra<'a> {
    name: &'a str,
    level: UnitLevel,
    level_label: &'static str,
    commune: Link<'a>,
    areas: Vec<AreaLink>,
    address: &'a str,
    website: &'a str,
}

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

#[derive(Serialize)]
struct DecisionExtra<'a> {
    number: &'a str,
    issuer: &'a str,
    signer: &'a str,
}

#[derive(Serialize)]
struct ArticleExtra<'a> {
    unit: Option<Link<'a>>,
    campaigns: Vec<Card<'a>>,
}

impl<'a> Shapes<'a> {
    /// The context of a single content page.
    pub(super) fn single(&self, r: PageRef, home: (String, String)) -> PageContext {
        let site = self.site;
        let page = site.page(r);
        let section = page.section.get();
        let mut pc = PageContext::new(page.title.clone());
        pc.section = Some(section);
        pc.description = self.summary(r).to_string();
        pc.structured = Some(self.structured_page(r));
        pc.og_type = "article";
        pc.noindex = page.noindex;
        let section_url = self.job_url(Job::SectionList(section, 1));
        pc.breadcrumbs = vec![home, (site.sections[section].title.clone(), section_url)];
        if let Some((image, alt)) = self.share_image(page) {
            pc.image = image;
            pc.image_alt = alt.to_string();
        }
        let common = self.common_page(r);
        match r {
            PageRef::Profile(i) => {
                pc.og_type = "profile";
                self.profile_page(&mut pc, &common, i);
            }
            PageRef::Unit(i) => self.unit_page(&mut pc, &common, i),
            PageRef::Campaign(i) => self.campaign_page(&mut pc, &common, i),
            PageRef::Decision(i) => self.decision_page(&mut pc, &common, i),
            PageRef::Model(i) | PageRef::News(i) => self.article_page(&mut pc, &common, r, i),
        }
        pc
    }

    /// The fields every page has: its data and its body.
    fn common_page(&self, r: PageRef) -> CommonPage<'a> {
        let site = self.site;
        let page = site.page(r);
        let section = page.section.get();
        self.read_page(r);
        self.read_body(r);
        let body = self.bodies.get(r);
        let kind = self.kind(r);
        CommonPage {
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
            tags: page.tags.iter().map(|t| self.tag_link(t.get())).collect(),
            section: SectionLink {
                title: &site.sections[section].title,
                url: self.job_url(Job::SectionList(section, 1)),
            },
            draft: page.draft,
            photo: self.photo(page),
            gallery: self.gallery(page),
            video: self.videos(page),
            attachments: self
                .attachments
                .of(r)
                .iter()
                .map(|a| AttachmentCtx {
                    url: self.url(&a.path),
                    name: &a.name,
                    title: &a.title,
                    kind: a.kind.label(self.lang),
                    size: crate::attachments::human_size(a.size, self.lang),
                    mime: a.kind.mime(),
                })
                .collect(),
        }
    }

    fn profile_page(&self, pc: &mut PageContext, common: &CommonPage<'a>, i: usize) {
        let site = self.site;
        let p = &site.profiles[i];
        let unit = &site.units[p.unit];
        let extra = ProfileExtra {
            name: &p.name,
            initials: crate::render::context::initials(p),
            subject: p.subject,
            position: &p.position,
            frontline: p.frontline,
            unit: self.card(PageRef::Unit(p.unit.get())),
            commune: self.commune_link(unit.commune.get()),
            areas: unit.areas.iter().map(|a| self.area(*a)).collect(),
            campaigns: self.cards(p.campaigns.iter().map(|c| PageRef::Campaign(c.get()))),
            awards: p.grants.iter().map(|g| self.grant(g)).collect(),
        };
        pc.insert("page", &WithExtra { common, extra });
        let colleagues = self.unit_profiles(p.unit.get());
        let related = self.card_list(
            colleagues
                .iter()
                .filter(|o| **o != i)
                .take(4)
                .map(|o| PageRef::Profile(*o)),
        );
        pc.insert("related", &related);
    }

    /// One award of a profile, with its year and decision.
    fn grant(&self, g: &crate::model::Grant) -> GrantCtx<'a> {
        let a = &self.site.awards[g.award];
        GrantCtx {
            award: GrantAward {
                id: &a.id,
                name: &a.name,
                url: self.job_url(Job::Award(g.award.get())),
                kind_label: a.kind.label(self.lang),
            },
            year: g.year,
            year_url: self.job_url(Job::Year(g.year)),
            decision: g.decision.map(|d| self.decision_link(d)),
        }
    }

    fn unit_page(&self, pc: &mut PageContext, common: &CommonPage<'a>, i: usize) {
        let u = &self.site.units[i];
        let extra = UnitExtra {
            name: &u.name,
            level: u.level,
            level_label: level_label(u.level, self.lang),
            commune: self.commune_link(u.commune.get()),
            areas: u.areas.iter().map(|a| self.area(*a)).collect(),
            address: &u.address,
            website: &u.website,
        };
        pc.insert("page", &WithExtra { common, extra });
        let people = self.person_rows(self.unit_profiles(i).iter().copied(), false);
        pc.insert("people", &people);
        let models = self.card_list(self.unit_models(i).iter().map(|m| PageRef::Model(*m)));
        pc.insert("models", &models);
        let news = self.card_list(self.unit_news(i).iter().map(|n| PageRef::News(*n)));
        pc.insert("news", &news);
        let columns = RollColumns::OfUnit;
        let recipients = self.roll_rows(self.unit_recipients(i), columns);
        pc.insert("recipients", &recipients);
        pc.insert("recipient_columns", &columns.value());
    }

    fn campaign_page(&self, pc: &mut PageContext, common: &CommonPage<'a>, i: usize) {
        let c = &self.site.campaigns[i];
        let extra = CampaignExtra {
            slogan: &c.slogan,
            launched_by: &c.launched_by,
            level_label: c.level.label(self.lang),
            start: c.start.iso(),
            end: c.end.map(|e| e.iso()).unwrap_or_default(),
            active: c.is_active(self.site.today),
            objectives: &c.objectives,
            criteria: &c.criteria,
            participants: &c.participants,
        };
        pc.insert("page", &WithExtra { common, extra });
        self.insert_people(pc, self.campaign_profiles(i));
        let models = self.card_list(self.campaign_models(i).iter().map(|m| PageRef::Model(*m)));
        pc.insert("models", &models);
        let news = self.card_list(self.campaign_news(i).iter().map(|n| PageRef::News(*n)));
        pc.insert("news", &news);
    }

    fn decision_page(&self, pc: &mut PageContext, common: &CommonPage<'a>, i: usize) {
        let d = &self.site.decisions[i];
        let extra = DecisionExtra {
            number: &d.number,
            issuer: &d.issuer,
            signer: &d.signer,
        };
        pc.insert("page", &WithExtra { common, extra });
        let columns = RollColumns::OfDecision;
        pc.insert(
            "recipients",
            &self.roll_rows(self.decision_roll(i), columns),
        );
        pc.insert("columns", &columns.value());
    }

    /// A good model or a news item.
    fn article_page(&self, pc: &mut PageContext, common: &CommonPage<'a>, r: PageRef, i: usize) {
        let a = match r {
            PageRef::Model(_) => &self.site.models[i],
            _ => &self.site.news[i],
        };
        let extra = ArticleExtra {
            unit: a.unit.map(|u| self.unit_link(u)),
            campaigns: self.cards(a.campaigns.iter().map(|c| PageRef::Campaign(c.get()))),
        };
        pc.insert("page", &WithExtra { common, extra });
    }
}
