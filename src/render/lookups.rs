//! The only way page contexts reach the site's indexes: each list they look up is
//! recorded as read ([`super::reads`]), so that the page is rendered again when the
//! list changes (a page added to a unit, a name that sorts elsewhere).

use super::context::Shapes;
use super::reads::{Key, List};
use crate::domain::Area;
use crate::model::{PageRef, RollItem};

impl<'a> Shapes<'a> {
    fn look_up(&self, list: List) {
        self.reads.add(Key::list(self.site, list));
    }

    /// Every page but units, newest first.
    pub fn newest(&self) -> &'a [PageRef] {
        self.look_up(List::Newest);
        &self.site.index.newest
    }

    /// Section `s`'s pages, in list order.
    pub fn section_pages(&self, s: usize) -> &'a [PageRef] {
        self.look_up(List::SectionPages(s));
        &self.site.index.section_pages[s]
    }

    /// Unit `u`'s profiles, by name.
    pub fn unit_profiles(&self, u: usize) -> &'a [usize] {
        self.look_up(List::UnitProfiles(u));
        &self.site.index.unit_profiles[u]
    }

    pub fn unit_models(&self, u: usize) -> &'a [usize] {
        self.look_up(List::UnitModels(u));
        &self.site.index.unit_models[u]
    }

    pub fn unit_news(&self, u: usize) -> &'a [usize] {
        self.look_up(List::UnitNews(u));
        &self.site.index.unit_news[u]
    }

    /// Campaign `c`'s profiles, by name.
    pub fn campaign_profiles(&self, c: usize) -> &'a [usize] {
        self.look_up(List::CampaignProfiles(c));
        &self.site.index.campaign_profiles[c]
    }

    pub fn campaign_models(&self, c: usize) -> &'a [usize] {
        self.look_up(List::CampaignModels(c));
        &self.site.index.campaign_models[c]
    }

    pub fn campaign_news(&self, c: usize) -> &'a [usize] {
        self.look_up(List::CampaignNews(c));
        &self.site.index.campaign_news[c]
    }

    /// Unit `u`'s recipients of decisions without a profile grant for the same
    /// commendation, by name.
    pub fn unit_recipients(&self, u: usize) -> &'a [RollItem] {
        self.look_up(List::UnitRecipients(u));
        &self.site.index.unit_recipients[u]
    }

    /// Decision `d`'s recipients in its order, then the profiles citing it.
    pub fn decision_roll(&self, d: usize) -> &'a [RollItem] {
        self.look_up(List::DecisionRoll(d));
        &self.site.index.decision_roll[d]
    }

    /// Award `a`'s honour roll.
    pub fn award_roll(&self, a: usize) -> &'a [RollItem] {
        self.look_up(List::AwardRoll(a));
        &self.site.index.award_roll[a]
    }

    /// Year `y`'s honour roll.
    pub fn year_roll(&self, y: i32) -> &'a [RollItem] {
        self.look_up(List::YearRoll(y));
        self.site.index.year_roll.get(&y).map_or(&[], Vec::as_slice)
    }

    /// The years with an honour roll, oldest first.
    pub fn years(&self) -> Vec<i32> {
        self.look_up(List::Years);
        self.site.index.year_roll.keys().copied().collect()
    }

    /// How many communes the units name (each is read with [`Shapes::commune_link`]).
    pub fn commune_count(&self) -> usize {
        self.look_up(List::Communes);
        self.site.communes.len()
    }

    /// How many tags the pages use (each is read with [`Shapes::tag_link`]).
    pub fn tag_count(&self) -> usize {
        self.look_up(List::Tags);
        self.site.tags.len()
    }

    /// Commune `c`'s units, by name.
    pub fn commune_units(&self, c: usize) -> &'a [usize] {
        self.look_up(List::CommuneUnits(c));
        &self.site.index.commune_units[c]
    }

    /// Area `a`'s units, by name.
    pub fn area_units(&self, a: Area) -> &'a [usize] {
        self.look_up(List::AreaUnits(a));
        self.site
            .index
            .area_units
            .get(&a)
            .map_or(&[], Vec::as_slice)
    }

    /// Area `a`'s profiles (by their unit's areas), by name.
    pub fn area_profiles(&self, a: Area) -> &'a [usize] {
        self.look_up(List::AreaProfiles(a));
        self.site
            .index
            .area_profiles
            .get(&a)
            .map_or(&[], Vec::as_slice)
    }

    /// Tag `t`'s pages, newest first.
    pub fn tag_pages(&self, t: usize) -> &'a [PageRef] {
        self.look_up(List::TagPages(t));
        &self.site.index.tag_pages[t]
    }
}
