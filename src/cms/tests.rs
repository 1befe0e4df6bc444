//! The configuration must say what the model says: every key of every front matter
//! struct is a field of its collection and no field is anything else; every choice
//! of a select is a value the model reads; every award is offered.

use std::collections::BTreeSet;
use std::path::Path;

use serde_aux::serde_introspection::serde_introspect;
use yaml_serde::Value;

use super::*;
use crate::content::front::{
    Area, ArticleFront, AttachmentFront, CampaignFront, Consent, ConsentBy, ConsentScope,
    DecisionFront, GalleryFront, GrantFront, ProfileFront, RecipientFront, Subject, UnitFront,
    UnitLevel, VideoFront,
};
use crate::content::hints;
use crate::domain::Level;

const SITE: &str = r#"
title = "Điển hình tiên tiến"
base_url = "https://example.edu.vn/dien-hinh"

[awards.giay-khen-hieu-truong]
name = "Giấy khen của Hiệu trưởng"
kind = "form"
subject = "both"
level = "co-so"

[cms]
repo = "so-gddt/dien-hinh"
auth_url = "https://oauth.example.edu.vn"
"#;

fn section(dir: &str, kind: SectionKind) -> Section {
    Section {
        dir: dir.into(),
        title: format!("Mục {dir}"),
        description: String::new(),
        kind,
        order: kind_order(kind),
    }
}

fn model() -> Model {
    let config = Config::parse(Path::new("site.toml"), SITE).unwrap();
    Model::new(
        &config,
        vec![
            section("don-vi", SectionKind::Units),
            section("guong-dien-hinh", SectionKind::Profiles),
            section("mo-hinh-hay", SectionKind::Models),
            section("phong-trao", SectionKind::Campaigns),
            section("khen-thuong", SectionKind::Decisions),
            section("tin-tuc", SectionKind::News),
        ],
    )
}

/// The generated YAML, read back.
fn parsed(backend: &Backend) -> Value {
    let yaml = config_yaml(&model(), backend);
    yaml_serde::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_sequence()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn names(fields: &Value) -> BTreeSet<String> {
    fields
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .filter(|n| n != "body")
        .collect()
}

fn keys(of: &[&str]) -> BTreeSet<String> {
    of.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_key_of_every_type_is_a_field_and_nothing_else() {
    let config = parsed(&Backend::GitHub);
    let cases: [(&str, &[&str]); 6] = [
        ("guong-dien-hinh", serde_introspect::<ProfileFront>()),
        ("don-vi", serde_introspect::<UnitFront>()),
        ("phong-trao", serde_introspect::<CampaignFront>()),
        ("khen-thuong", serde_introspect::<DecisionFront>()),
        ("mo-hinh-hay", serde_introspect::<ArticleFront>()),
        ("tin-tuc", serde_introspect::<ArticleFront>()),
    ];
    for (name, struct_keys) in cases {
        let fields = &collection(&config, name)["fields"];
        assert_eq!(names(fields), keys(struct_keys), "collection {name}");
        assert_eq!(field(fields, "body")["widget"], "markdown");
    }
    let profile = &collection(&config, "guong-dien-hinh")["fields"];
    let nested = [
        (field(profile, "awards"), serde_introspect::<GrantFront>()),
        (field(profile, "consent"), serde_introspect::<Consent>()),
        (
            field(&collection(&config, "khen-thuong")["fields"], "recipients"),
            serde_introspect::<RecipientFront>(),
        ),
        (
            field(profile, "gallery"),
            serde_introspect::<GalleryFront>(),
        ),
        (field(profile, "video"), serde_introspect::<VideoFront>()),
        (
            field(profile, "attachments"),
            serde_introspect::<AttachmentFront>(),
        ),
    ];
    for (list, struct_keys) in nested {
        assert_eq!(
            names(&list["fields"]),
            keys(struct_keys),
            "{:?}",
            list["name"]
        );
    }
}

/// Reads a select's values into the type the model reads them into.
fn values(select: &Value) -> Vec<String> {
    select["options"]
        .as_sequence()
        .unwrap_or_else(|| panic!("not a select: {select:?}"))
        .iter()
        .map(|o| o["value"].as_str().unwrap().to_string())
        .collect()
}

fn all_read_as<T: for<'de> serde::Deserialize<'de>>(select: &Value) -> usize {
    let values = values(select);
    for v in &values {
        assert!(
            serde_json::from_value::<T>(serde_json::Value::String(v.clone())).is_ok(),
            "{v} is not a value of {:?}",
            select["name"]
        );
    }
    values.len()
}

#[test]
fn every_choice_is_a_value_the_model_reads_and_none_is_missing() {
    let config = parsed(&Backend::GitHub);
    let profile = &collection(&config, "guong-dien-hinh")["fields"];
    let unit = &collection(&config, "don-vi")["fields"];
    let campaign = &collection(&config, "phong-trao")["fields"];
    let consent = &field(profile, "consent")["fields"];
    let variants = |v: &[&str]| v.len();
    assert_eq!(
        all_read_as::<Subject>(field(profile, "subject")),
        variants(serde_introspect::<Subject>())
    );
    assert_eq!(
        all_read_as::<UnitLevel>(field(unit, "level")),
        variants(serde_introspect::<UnitLevel>())
    );
    assert_eq!(
        all_read_as::<Area>(field(unit, "areas")),
        variants(serde_introspect::<Area>())
    );
    assert_eq!(field(unit, "areas")["multiple"], true);
    assert_eq!(
        all_read_as::<Level>(field(campaign, "level")),
        variants(serde_introspect::<Level>())
    );
    assert_eq!(
        all_read_as::<ConsentBy>(field(consent, "by")),
        variants(serde_introspect::<ConsentBy>())
    );
    assert_eq!(
        all_read_as::<ConsentScope>(field(consent, "scope")),
        variants(serde_introspect::<ConsentScope>())
    );
}

#[test]
fn every_award_of_the_catalogue_and_of_site_toml_is_offered() {
    let config = parsed(&Backend::GitHub);
    let awards = &field(&collection(&config, "guong-dien-hinh")["fields"], "awards")["fields"];
    let offered = values(field(awards, "award"));
    let expected: Vec<String> =
        award::catalogue(&Config::parse(Path::new("s"), SITE).unwrap().awards)
            .into_iter()
            .map(|a| a.id)
            .collect();
    assert_eq!(offered, expected);
    assert!(offered.contains(&"giay-khen-hieu-truong".to_string()));
    let recipients = &field(&collection(&config, "khen-thuong")["fields"], "recipients")["fields"];
    assert_eq!(values(field(recipients, "award")), expected);
}

#[test]
fn references_are_relations_to_bundle_collections() {
    let config = parsed(&Backend::GitHub);
    let profile = &collection(&config, "guong-dien-hinh")["fields"];
    let awards = &field(profile, "awards")["fields"];
    for (relation, target) in [
        (field(profile, "unit"), "don-vi"),
        (field(profile, "campaigns"), "phong-trao"),
        (field(awards, "decision"), "khen-thuong"),
    ] {
        assert_eq!(relation["widget"], "relation");
        assert_eq!(relation["collection"], target);
        assert_eq!(relation["value_field"], "{{slug}}");
        // Every page is a bundle: the slug is `<id>/index`, which tonvinh reads as the
        // id (and serve's local API writes as the id).
        assert_eq!(
            collection(&config, target)["path"],
            "{{slug}}/index",
            "{target}"
        );
    }
    assert_eq!(field(profile, "unit")["search_fields"][0], "name");
    assert_eq!(field(profile, "campaigns")["multiple"], true);
    assert_eq!(
        field(profile, "unit").get("required"),
        None,
        "unit is required"
    );
    assert_eq!(field(awards, "decision")["required"], false);
}

#[test]
fn profiles_are_page_bundles_named_by_the_folded_name() {
    let config = parsed(&Backend::GitHub);
    let profiles = collection(&config, "guong-dien-hinh");
    assert_eq!(profiles["folder"], "content/guong-dien-hinh");
    assert_eq!(profiles["format"], "toml-frontmatter");
    assert_eq!(profiles["path"], "{{slug}}/index");
    assert_eq!(profiles["media_folder"], "");
    assert_eq!(profiles["public_folder"], "");
    assert_eq!(profiles["slug"], "{{fields.name}}");
    assert_eq!(config["slug"]["encoding"], "ascii");
    assert_eq!(config["slug"]["clean_accents"], true);
    assert_eq!(config["locale"], "vi");
    let date = field(&profiles["fields"], "date");
    assert_eq!(date["widget"], "datetime");
    assert_eq!(date["format"], "YYYY-MM-DD");
    assert_eq!(date["time_format"], false);
}

#[test]
fn hints_are_the_diagnostics_own_words() {
    let config = parsed(&Backend::GitHub);
    let profile = &collection(&config, "guong-dien-hinh")["fields"];
    assert_eq!(field(profile, "name")["hint"], hints::NAME_ONLY.vi);
    assert_eq!(field(profile, "photo_alt")["hint"], hints::PHOTO_ALT.vi);
    assert_eq!(field(profile, "minor")["hint"], hints::MINOR_CONSENT.vi);
    let number = field(&collection(&config, "khen-thuong")["fields"], "number");
    assert_eq!(number["pattern"][1], hints::DECISION_NUMBER.vi);
    let pattern = regex::Regex::new(number["pattern"][0].as_str().unwrap()).unwrap();
    assert!(pattern.is_match("1234/QĐ-SGDĐT"));
    assert!(!pattern.is_match("1234/QÐ-SGDĐT"), "Eth is not Đ");
    assert!(!pattern.is_match("1234"));
}

#[test]
fn the_backend_is_github_published_and_serve_s_api_locally() {
    let github = parsed(&Backend::GitHub);
    assert_eq!(github["backend"]["name"], "github");
    assert_eq!(github["backend"]["repo"], "so-gddt/dien-hinh");
    assert_eq!(
        github["backend"]["base_url"],
        "https://oauth.example.edu.vn"
    );
    assert_eq!(github["backend"]["open_authoring"], true);
    assert_eq!(github["backend"]["auth_scope"], "public_repo");
    assert_eq!(github["publish_mode"], "editorial_workflow");
    let api = "/dien-hinh/__tonvinh/cms/api/v1".to_string();
    let local = parsed(&Backend::Local { api: api.clone() });
    assert_eq!(local["backend"]["name"], "proxy");
    assert_eq!(local["backend"]["proxy_url"], api.as_str());
    assert!(local.get("publish_mode").is_none());
}

#[test]
fn the_page_loads_the_pinned_script_with_its_hash_and_only_serve_s_has_a_token() {
    let mut model = model();
    let page = admin_page(&model, None);
    assert!(page.contains(&format!(
        "src=\"{}\" integrity=\"{}\"",
        crate::config::CMS_SCRIPT,
        crate::config::CMS_INTEGRITY
    )));
    assert!(!page.contains("x-tonvinh-token"));
    let local = admin_page(
        &model,
        Some(page::Local {
            api: "/__tonvinh/cms/api/v1",
            token: "abc</script>",
        }),
    );
    assert!(local.contains("\"abc\\u003c/script>\""), "{local}");
    // Another script has no hash unless one is given.
    model.settings.script = "/vendor/decap-cms.js".into();
    assert!(!admin_page(&model, None).contains("integrity"));
}

#[test]
fn the_demo_site_s_configuration_is_generated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = load(root).unwrap();
    let yaml = config_yaml(&model, &Backend::GitHub);
    let config: Value = yaml_serde::from_str(&yaml).unwrap();
    let dirs: Vec<&str> = config["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        dirs,
        [
            "guong-dien-hinh",
            "mo-hinh-hay",
            "phong-trao",
            "khen-thuong",
            "tin-tuc",
            "don-vi"
        ]
    );
}

/// Decap's slugs for Vietnamese names, recorded from its own steps and packages
/// (`diacritics`, `sanitize-filename`; docs/cms.md), and one from the browser test:
/// `slugify` folds NFC text the same way; where they part is documented.
#[test]
fn decap_folds_vietnamese_like_slugify() {
    let recorded = [
        ("Đặng Thị Ánh", "dang-thi-anh"),
        ("Trường THCS Bạch Long Vĩ", "truong-thcs-bach-long-vi"),
        ("Nguyễn Thị Hoà", "nguyen-thi-hoa"),
        (
            "Phong trào “Dạy tốt – học tốt” năm học 2025–2026",
            "phong-trao-day-tot-hoc-tot-nam-hoc-2025-2026",
        ),
        ("Đỗ Thị Thu Hằng", "do-thi-thu-hang"),
        ("Vũ Hồng Ân", "vu-hong-an"),
        ("Lý Văn Ưng", "ly-van-ung"),
        ("Trương Văn Dương", "truong-van-duong"),
        ("Tôn Nữ Thị Ơn", "ton-nu-thi-on"),
        ("1234/QĐ-SGDĐT", "1234-qd-sgddt"),
        ("ĐĂNG", "dang"),
        ("Nguyễn Văn A.", "nguyen-van-a"),
        ("Quốc Việt Ỷ Ỹ Ỵ Ẩ Ặ Ờ Ợ Ừ Ự", "quoc-viet-y-y-y-a-a-o-o-u-u"),
    ];
    for (name, decap) in recorded {
        assert_eq!(crate::vietnamese::slugify(name), decap, "{name}");
    }
    // Where they differ: Decap keeps `_` and `~`.
    assert_eq!(crate::vietnamese::slugify("Tổ Toán_Tin"), "to-toan-tin");
}

#[test]
fn bundle_slugs_in_references_become_plain_ids() {
    let raw = "+++\nunit = \"thcs-bach-long-vi/index\"\ncampaigns = [\"day-tot-hoc-tot/index\"]\n+++\nXem trang /index\" trong bài.\n";
    assert_eq!(
        super::plain_references(raw),
        "+++\nunit = \"thcs-bach-long-vi\"\ncampaigns = [\"day-tot-hoc-tot\"]\n+++\nXem trang /index\" trong bài.\n"
    );
}
