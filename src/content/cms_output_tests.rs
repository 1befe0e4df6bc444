//! What Decap and Sveltia CMS write is read: quoted dates, datetimes, blank
//! optional values, `[[awards]]` and `[consent]` tables, keys in any order.

use std::path::Path;

use super::front::*;
use super::frontmatter::{parse_typed, split};
use crate::diagnostics::{Diagnostic, SourceText};
use crate::vietnamese::{Date, Lang};

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Vec<Diagnostic>> {
    let source = SourceText::new(text);
    let s = split(text).unwrap();
    parse_typed(&source, s.front, Path::new("a.md"), Lang::Vi, &[])
}

#[test]
fn a_profile_as_decap_writes_it() {
    // As Decap CMS 3.16 wrote it in tests/e2e/cms.mjs, with blanks left in.
    let p: ProfileFront = parse(
        "+++\ntitle = \"Cô Đỗ Thị Thu Hằng\"\nname = \"Đỗ Thị Thu Hằng\"\nsubject = \"person\"\ngiven = \"\"\n\
         position = \"\"\nunit = \"thcs-bach-long-vi\"\ncampaigns = []\nfrontline = true\ndate = \"2025-11-20\"\n\
         photo = \"\"\nphoto_alt = \"\"\nsummary = \"\"\ntags = []\nminor = false\nnoindex = false\ndraft = false\n\n\
         [[awards]]\naward = \"chien-si-thi-dua-co-so\"\nyear = 2025\ndecision = \"\"\n\n\
         [consent]\nby = \"self\"\ndate = \"2025-10-02T00:00:00.000Z\"\nscope = [\"story\", \"photo\"]\n+++\nBài.\n",
    )
    .unwrap();
    assert_eq!(p.date, Date::new(2025, 11, 20).unwrap());
    assert!(p.photo.is_none() && p.photo_alt.is_none() && p.given.is_none());
    assert!(p.awards[0].decision.is_none());
    let consent = p.consent.unwrap();
    assert_eq!(consent.date, Date::new(2025, 10, 2).unwrap());
    assert_eq!(consent.scope, [ConsentScope::Story, ConsentScope::Photo]);
}

#[test]
fn blank_optional_values_of_every_type_are_absent() {
    let u: UnitFront = parse("+++\nname = \"Trường\"\nlevel = \"thcs\"\ncommune = \"xã Tiên Lãng\"\nareas = []\nphoto = \"\"\nphoto_alt = \"\"\n+++\n").unwrap();
    assert!(u.photo.is_none());
    let c: CampaignFront = parse("+++\ntitle = \"Phong trào\"\nlevel = \"so\"\nstart = \"2025-09-05\"\nend = \"\"\nobjectives = [\"Một, hai\"]\n+++\n").unwrap();
    assert_eq!(c.end, None);
    assert_eq!(c.objectives, ["Một, hai"]);
    let d: DecisionFront = parse(
        "+++\nnumber = \"1234/QĐ-SGDĐT\"\ntitle = \"Về việc\"\ndate = \"2025-08-15T08:00:00+07:00\"\nissuer = \"Sở\"\n\n\
         [[recipients]]\nname = \"Tổ Toán\"\nunit = \"\"\naward = \"lao-dong-tien-tien\"\nsubject = \"\"\nposition = \"\"\n+++\n",
    )
    .unwrap();
    assert_eq!(d.date, Date::new(2025, 8, 15).unwrap());
    assert!(d.recipients[0].unit.is_none() && d.recipients[0].subject.is_none());
    let a: ArticleFront = parse("+++\ntitle = \"Tin\"\ndate = \"2025-12-20\"\nunit = \"\"\nconsent = { by = \"\", date = \"\", scope = [] }\n+++\n").unwrap();
    // A consent left untouched (blank values) is no consent.
    assert!(a.consent.is_none());
    assert!(a.unit.is_none());
}

#[test]
fn a_required_key_left_blank_is_missing_and_a_bad_date_is_still_wrong() {
    let e = parse::<ArticleFront>("+++\ntitle = \"\"\ndate = \"2025-12-20\"\n+++\n").unwrap_err();
    assert_eq!(e[0].code, "missing-key");
    let e = parse::<ArticleFront>("+++\ntitle = \"T\"\ndate = \"20/12/2025\"\n+++\n").unwrap_err();
    assert_eq!((e[0].code, e[0].line), ("bad-value", 3));
    let e = parse::<ArticleFront>("+++\ntitle = \"T\"\ndate = \"2025-02-30\"\n+++\n").unwrap_err();
    assert!(e[0].message.contains("lịch"), "{:?}", e[0]);
    let e = parse::<ArticleFront>("+++\ntitle = \"T\"\ndate = 2025-12-20\nconsent = { by = \"self\", date = \"\", scope = [] }\n+++\n").unwrap_err();
    assert_eq!(e[0].code, "missing-key", "{e:?}");
}
