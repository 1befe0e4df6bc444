//! `tonvinh new KIND "Name or title"`: write a new content file with the right front
//! matter, its slug folded from the Vietnamese name. Never overwrites.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::content::{self, Front, front::SectionKind};
use crate::diagnostics::did_you_mean;
use crate::pipeline::{BuildOptions, load_config};
use crate::vietnamese::{Date, Lang, slugify};

/// What to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A person (a page bundle folder, ready for a portrait).
    Profile,
    /// A collective: a team, a school, a department.
    Collective,
    /// A good model or creative approach.
    Model,
    /// An emulation campaign.
    Campaign,
    /// A commendation decision (needs --number).
    Decision,
    /// A news item.
    News,
    /// A school or unit (needs --level and --commune).
    Unit,
}

/// Create a page with its front matter filled in.
///
/// The file name is the Vietnamese name folded to ASCII ("Đặng Thị Ánh" becomes
/// dang-thi-anh); a name already taken gets the unit id added. Existing files are
/// never overwritten.
///
/// Examples:
///   tonvinh new profile "Nguyễn Thị Hoa" --unit thcs-bach-long-vi --campaign day-tot-hoc-tot
///   tonvinh new collective "Tổ Toán – Tin" --unit thpt-chuyen-tran-phu
///   tonvinh new decision "Về việc tặng danh hiệu Lao động tiên tiến" --number "1234/QĐ-SGDĐT"
///   tonvinh new decision "Về việc tặng danh hiệu Lao động tiên tiến" --number "1235/QĐ-SGDĐT" --annex phu-luc.xlsx
///   tonvinh new unit "Trường THCS Bạch Long Vĩ" --level thcs --commune "đặc khu Bạch Long Vĩ"
///   tonvinh new news "Sơ kết phong trào học kỳ I" --campaign day-tot-hoc-tot
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(value_enum)]
    pub kind: Kind,
    /// The person's or collective's name, or the page's title.
    pub title: String,
    /// The site's folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The unit (school) id: a file name in the units section, without .md.
    #[arg(long)]
    pub unit: Option<String>,
    /// A campaign id (repeat for several).
    #[arg(long = "campaign")]
    pub campaigns: Vec<String>,
    /// The decision's number, e.g. "1234/QĐ-SGDĐT".
    #[arg(long)]
    pub number: Option<String>,
    /// A unit's level: mam-non, tieu-hoc, thcs, thpt, lien-cap, gdtx, truc-thuoc, co-quan.
    #[arg(long)]
    pub level: Option<String>,
    /// A unit's commune, ward or special zone, e.g. "phường Lê Chân".
    #[arg(long)]
    pub commune: Option<String>,
    /// The page's date (YYYY-MM-DD); default: today.
    #[arg(long)]
    pub date: Option<String>,
    /// A decision's annex (.xlsx, .xls, .ods, .csv): copied into the decision's
    /// folder as its recipients_file, read, and what it gave printed.
    #[arg(long)]
    pub annex: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    match create(&args) {
        Ok(path) => {
            println!("{}", path.display());
            let annex = args.annex.as_ref().zip(path.parent());
            if let Some((annex, folder)) = annex
                && let Ok(name) = super::new_annex::file_name(annex, Lang::Vi)
                && super::new_annex::report(&args.root, &path, &folder.join(name))
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

/// Ids of the site's units and campaigns and the folder of each section type.
struct SiteIds {
    lang: Lang,
    sections: Vec<(SectionKind, String)>,
    units: Vec<String>,
    campaigns: Vec<String>,
}

fn site_ids(root: &Path) -> Result<SiteIds, String> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let config = load_config(&options).map_err(|d| {
        d.iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let lang = config.language;
    let (content, _) = content::load(root, lang);
    let ids = |pick: fn(&Front) -> bool| {
        content
            .documents
            .iter()
            .filter(|d| pick(&d.front))
            .map(|d| d.id.clone())
            .collect()
    };
    Ok(SiteIds {
        lang,
        sections: content
            .sections
            .iter()
            .map(|s| (s.front.kind, s.dir.clone()))
            .collect(),
        units: ids(|f| matches!(f, Front::Unit(_))),
        campaigns: ids(|f| matches!(f, Front::Campaign(_))),
    })
}

/// What every kind of page is made from, checked against the site.
struct Input {
    lang: Lang,
    /// The folder of the section the page goes into.
    section: String,
    title: String,
    unit: Option<String>,
    campaigns: Vec<String>,
    date: Date,
}

/// A new page: the name its slug is folded from, its front matter and body.
struct NewPage {
    slug_base: String,
    front: String,
    body: &'static str,
    /// A folder with `index.md` (ready for photos), not a single file.
    bundle: bool,
}

/// Writes the new file and returns its path.
pub fn create(args: &Args) -> Result<PathBuf, String> {
    let site = site_ids(&args.root)?;
    let input = Input::check(args, &site)?;
    let page = match args.kind {
        Kind::Profile => profile(&input, false),
        Kind::Collective => profile(&input, true),
        Kind::Model | Kind::News => article(&input),
        Kind::Campaign => campaign(&input, args.level.as_deref()),
        Kind::Decision => {
            let annex = match &args.annex {
                Some(a) => Some(super::new_annex::file_name(a, input.lang)?),
                None => None,
            };
            decision(&input, args.number.as_deref(), annex.as_deref())?
        }
        Kind::Unit => unit(&input, args.level.as_deref(), args.commune.as_deref())?,
    };
    if args.annex.is_some() && args.kind != Kind::Decision {
        return Err(input
            .lang
            .pick(
                "--annex chỉ dùng với new decision",
                "--annex is for new decision only",
            )
            .to_string());
    }
    let path = write_page(&args.root, &input, page)?;
    if let Some(annex) = &args.annex {
        let name = super::new_annex::file_name(annex, input.lang)?;
        super::new_annex::copy(annex, &path, &name)?;
    }
    Ok(path)
}

impl Input {
    fn check(args: &Args, site: &SiteIds) -> Result<Input, String> {
        let lang = site.lang;
        let kind = match args.kind {
            Kind::Profile | Kind::Collective => SectionKind::Profiles,
            Kind::Model => SectionKind::Models,
            Kind::Campaign => SectionKind::Campaigns,
            Kind::Decision => SectionKind::Decisions,
            Kind::News => SectionKind::News,
            Kind::Unit => SectionKind::Units,
        };
        let section = site
            .sections
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, d)| d.clone())
            .ok_or_else(|| {
                format!(
                    "{} type = \"{}\" / no section with that type in content/",
                    lang.pick("không có chuyên mục nào", "no section has"),
                    format!("{kind:?}").to_lowercase()
                )
            })?;
        let title = crate::vietnamese::nfc(args.title.trim()).into_owned();
        if title.is_empty() {
            return Err(lang
                .pick(
                    "tên hoặc tiêu đề không được để trống",
                    "the name or title cannot be empty",
                )
                .into());
        }
        let unit = check_id(
            args.unit.as_deref(),
            &site.units,
            lang.pick("đơn vị", "unit"),
            lang,
        )?;
        let campaigns = args
            .campaigns
            .iter()
            .map(|c| {
                let what = lang.pick("phong trào", "campaign");
                check_id(Some(c), &site.campaigns, what, lang).map(Option::unwrap_or_default)
            })
            .collect::<Result<Vec<String>, String>>()?;
        let date = match &args.date {
            Some(d) => Date::parse(d).ok_or_else(|| {
                format!(
                    "--date {d}: {}",
                    lang.pick("cần dạng 2025-11-20", "expected 2025-11-20")
                )
            })?,
            None => Date::today(),
        };
        let needs_unit = matches!(args.kind, Kind::Profile | Kind::Collective);
        if needs_unit && unit.is_none() {
            let list = site.units.join(", ");
            return Err(format!(
                "{}: {list}",
                lang.pick(
                    "cần --unit MÃ_ĐƠN_VỊ; các đơn vị",
                    "--unit ID is required; the units are"
                )
            ));
        }
        Ok(Input {
            lang,
            section,
            title,
            unit,
            campaigns,
            date,
        })
    }
}

/// A TOML string.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML list of strings.
fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| toml_str(i)).collect();
    format!("[{}]", items.join(", "))
}

/// A person or a collective, as a bundle ready for a portrait.
fn profile(input: &Input, collective: bool) -> NewPage {
    let (lang, date) = (input.lang, input.date);
    let mut f = format!(
        "title = {}\nname = {}\n",
        toml_str(&input.title),
        toml_str(&input.title)
    );
    if collective {
        f.push_str("subject = \"collective\"\n");
    }
    f.push_str(&format!(
        "position = \"\"\nunit = {}\ncampaigns = {}\n# awards = [{{ award = \"chien-si-thi-dua-co-so\", year = {}, decision = \"qd-…\" }}]\nawards = []\nfrontline = {}\ndate = {}\nsummary = \"\"\ntags = []\n",
        toml_str(input.unit.as_deref().unwrap_or_default()),
        toml_list(&input.campaigns),
        date.year,
        !collective,
        date.iso()
    ));
    if !collective {
        f.push_str(&format!(
            "# {}\nconsent = {{ by = \"self\", date = {}, scope = [\"story\", \"photo\"] }}\n",
            lang.pick("Chỉ giữ dòng này khi người được giới thiệu đã ký giấy đồng ý (giấy lưu tại đơn vị).", "Keep this line only once the person has signed the consent form (kept by the unit)."),
            date.iso()
        ));
    }
    NewPage {
        slug_base: input.title.clone(),
        front: f,
        body: lang.pick("Viết câu chuyện ở đây.\n", "Write the story here.\n"),
        bundle: true,
    }
}

/// A good model or a news item.
fn article(input: &Input) -> NewPage {
    let mut f = format!(
        "title = {}\ndate = {}\n",
        toml_str(&input.title),
        input.date.iso()
    );
    if let Some(u) = &input.unit {
        f.push_str(&format!("unit = {}\n", toml_str(u)));
    }
    f.push_str(&format!(
        "campaigns = {}\ntags = []\nsummary = \"\"\n",
        toml_list(&input.campaigns)
    ));
    NewPage {
        slug_base: input.title.clone(),
        front: f,
        body: input
            .lang
            .pick("Viết nội dung ở đây.\n", "Write the text here.\n"),
        bundle: false,
    }
}

fn campaign(input: &Input, level: Option<&str>) -> NewPage {
    let f = format!(
        "title = {}\nslogan = \"\"\nlaunched_by = \"\"\nlevel = \"{}\"\nstart = {}\nobjectives = []\ncriteria = []\nparticipants = \"\"\nsummary = \"\"\n",
        toml_str(&input.title),
        level.unwrap_or("so"),
        input.date.iso()
    );
    NewPage {
        slug_base: input.title.clone(),
        front: f,
        body: input.lang.pick(
            "Nội dung phát động phong trào.\n",
            "What the campaign is about.\n",
        ),
        bundle: false,
    }
}

/// A commendation decision: its id carries its number and year. With an annex, a
/// bundle whose recipients are the annex's rows.
fn decision(input: &Input, number: Option<&str>, annex: Option<&str>) -> Result<NewPage, String> {
    let lang = input.lang;
    let number = number
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            lang.pick(
                "cần --number \"1234/QĐ-SGDĐT\"",
                "--number \"1234/QĐ-SGDĐT\" is required",
            )
            .to_string()
        })?;
    let recipients = match annex {
        Some(file) => format!("recipients_file = {}", toml_str(file)),
        None => "recipients = []".to_string(),
    };
    let f = format!(
        "number = {}\ntitle = {}\ndate = {}\nissuer = \"Sở Giáo dục và Đào tạo\"\nsigner = \"\"\n{recipients}\nsummary = \"\"\n",
        toml_str(number),
        toml_str(&input.title),
        input.date.iso()
    );
    Ok(NewPage {
        slug_base: decision_slug_base(number, input.date.year),
        front: f,
        body: lang.pick(
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15.\n",
            "Pursuant to the Law on Emulation and Commendation.\n",
        ),
        bundle: annex.is_some(),
    })
}

fn unit(input: &Input, level: Option<&str>, commune: Option<&str>) -> Result<NewPage, String> {
    let lang = input.lang;
    let level = level.ok_or_else(|| lang.pick("cần --level (mam-non, tieu-hoc, thcs, thpt, lien-cap, gdtx, truc-thuoc, co-quan)", "--level is required (mam-non, tieu-hoc, thcs, thpt, lien-cap, gdtx, truc-thuoc, co-quan)").to_string())?;
    let commune = commune.ok_or_else(|| {
        lang.pick(
            "cần --commune \"phường …\"",
            "--commune \"phường …\" is required",
        )
        .to_string()
    })?;
    let f = format!(
        "name = {}\nlevel = {}\ncommune = {}\nareas = []\naddress = \"\"\nsummary = \"\"\n",
        toml_str(&input.title),
        toml_str(level),
        toml_str(commune)
    );
    Ok(NewPage {
        slug_base: input.title.clone(),
        front: f,
        body: lang.pick("Đôi nét về đơn vị.\n", "About the unit.\n"),
        bundle: false,
    })
}

/// Writes `page` under its folded slug (with the unit id added when the slug is
/// taken), never over an existing file; returns its path.
fn write_page(root: &Path, input: &Input, page: NewPage) -> Result<PathBuf, String> {
    let (lang, section) = (input.lang, &input.section);
    let slug = slugify(&page.slug_base);
    let dir = root.join("content").join(section);
    let taken = |slug: &str| dir.join(format!("{slug}.md")).exists() || dir.join(slug).exists();
    let slug = if !taken(&slug) {
        slug
    } else {
        match &input.unit {
            Some(u) if !taken(&format!("{slug}-{u}")) => format!("{slug}-{u}"),
            _ => {
                return Err(format!(
                    "{} content/{section}/{slug} {}",
                    lang.pick("đã có", "there already is"),
                    lang.pick(
                        "— không ghi đè; đặt tên khác",
                        "— not overwriting; choose another name"
                    )
                ));
            }
        }
    };
    let path = if page.bundle {
        dir.join(&slug).join("index.md")
    } else {
        dir.join(format!("{slug}.md"))
    };
    std::fs::create_dir_all(path.parent().unwrap_or(&dir)).map_err(|e| e.to_string())?;
    let text = format!("+++\n{}+++\n{}", page.front, page.body);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Checks an id against the site's ids, suggesting the closest ones.
fn check_id(
    id: Option<&str>,
    known: &[String],
    what: &str,
    lang: Lang,
) -> Result<Option<String>, String> {
    let Some(id) = id else { return Ok(None) };
    if known.iter().any(|k| k == id) {
        return Ok(Some(id.to_string()));
    }
    let mut closest: Vec<&String> = known.iter().collect();
    closest.sort_by(|a, b| strsim::jaro_winkler(id, b).total_cmp(&strsim::jaro_winkler(id, a)));
    let suggestions = closest
        .iter()
        .take(3)
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let best = did_you_mean(id, known.iter().map(String::as_str));
    Err(format!(
        "{what} `{id}` {}{}; {}: {suggestions}",
        lang.pick("không tồn tại", "does not exist"),
        best.map(|b| format!(" ({} `{b}`?)", lang.pick("có phải", "did you mean")))
            .unwrap_or_default(),
        lang.pick("gần nhất", "closest")
    ))
}

/// "1234/QĐ-SGDĐT" in 2025 → "qd 1234 SGDĐT 2025", which folds to the id
/// `qd-1234-sgddt-2025` (numbers restart each year, so the id carries the year).
fn decision_slug_base(number: &str, year: i32) -> String {
    let (num, rest) = number.split_once('/').unwrap_or((number, ""));
    let issuer = rest.split_once('-').map_or(rest, |(_, issuer)| issuer);
    format!("qd {num} {issuer} {year}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn decision_ids_carry_number_issuer_and_year() {
        let id = |n, y| crate::vietnamese::slugify(&super::decision_slug_base(n, y));
        assert_eq!(id("1234/QĐ-SGDĐT", 2025), "qd-1234-sgddt-2025");
        assert_eq!(id("56/QĐ-UBND", 2024), "qd-56-ubnd-2024");
    }
}
