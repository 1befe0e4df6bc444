//! `tonvinh init DIR`: a new site that builds and checks clean at once, with the
//! GitHub workflow that checks its pull requests and publishes it.

use std::path::PathBuf;
use std::process::ExitCode;

/// The skeleton site: (path, text), from src/cli/skeleton/.
const SKELETON: &[(&str, &str)] = &[
    (
        "content/_index.md",
        include_str!("skeleton/content/_index.md"),
    ),
    (
        "content/don-vi/_index.md",
        include_str!("skeleton/content/don-vi/_index.md"),
    ),
    (
        "content/don-vi/thcs-mau.md",
        include_str!("skeleton/content/don-vi/thcs-mau.md"),
    ),
    (
        "content/guong-dien-hinh/_index.md",
        include_str!("skeleton/content/guong-dien-hinh/_index.md"),
    ),
    (
        "content/guong-dien-hinh/nguyen-van-mau.md",
        include_str!("skeleton/content/guong-dien-hinh/nguyen-van-mau.md"),
    ),
    (
        "content/khen-thuong/_index.md",
        include_str!("skeleton/content/khen-thuong/_index.md"),
    ),
    (
        "content/khen-thuong/qd-1-sgddt-2025.md",
        include_str!("skeleton/content/khen-thuong/qd-1-sgddt-2025.md"),
    ),
    (
        "content/mo-hinh-hay/_index.md",
        include_str!("skeleton/content/mo-hinh-hay/_index.md"),
    ),
    (
        "content/mo-hinh-hay/thu-vien-xanh.md",
        include_str!("skeleton/content/mo-hinh-hay/thu-vien-xanh.md"),
    ),
    (
        "content/phong-trao/_index.md",
        include_str!("skeleton/content/phong-trao/_index.md"),
    ),
    (
        "content/phong-trao/day-tot-hoc-tot.md",
        include_str!("skeleton/content/phong-trao/day-tot-hoc-tot.md"),
    ),
    (
        "content/tin-tuc/_index.md",
        include_str!("skeleton/content/tin-tuc/_index.md"),
    ),
    (
        "content/tin-tuc/phat-dong-phong-trao.md",
        include_str!("skeleton/content/tin-tuc/phat-dong-phong-trao.md"),
    ),
    ("site.toml", include_str!("skeleton/site.toml")),
    (".gitignore", include_str!("skeleton/.gitignore")),
];

/// Where the site's workflow goes, and its text with `__ACTION__` for the setup
/// action (see [`workflow`]).
const WORKFLOW: (&str, &str) = (
    ".github/workflows/site.yml",
    include_str!("skeleton/.github/workflows/site.yml"),
);

/// The site's workflow, using the setup action of the release that made it
/// (`sgddt-haiphong/tonvinh@v0.1.0`): its checks then match the tonvinh the editors
/// run. The repository is the one Cargo.toml names, the only place that says it.
pub fn workflow() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let name = repository
        .strip_prefix("https://github.com/")
        .unwrap_or(repository);
    let action = format!("{name}@v{}", env!("CARGO_PKG_VERSION"));
    WORKFLOW.1.replace("__ACTION__", &action)
}

/// Create a new site: site.toml and one example of each content type.
///
/// The site uses the theme built into tonvinh, so it builds at once. Its
/// .github/workflows/site.yml checks every pull request on GitHub with the released
/// tonvinh and publishes the site on GitHub Pages when main changes.
///
/// Examples:
///   tonvinh init truong-thcs-bach-long-vi
///   cd truong-thcs-bach-long-vi && tonvinh build
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    match init(&args.dir) {
        Ok(()) => {
            println!(
                "Đã tạo trang mới trong {0}. Tiếp theo: cd {0} && tonvinh build\nCreated a new site in {0}. Next: cd {0} && tonvinh build",
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("lỗi/error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Writes the skeleton into `dir`, refusing a folder that has files.
pub fn init(dir: &std::path::Path) -> Result<(), String> {
    if dir
        .read_dir()
        .is_ok_and(|mut entries| entries.next().is_some())
    {
        return Err(format!(
            "thư mục {0} đã có tệp; chọn một thư mục mới / the folder {0} is not empty; choose a new one",
            dir.display()
        ));
    }
    for (path, text) in SKELETON {
        write(dir, path, text)?;
    }
    write(dir, WORKFLOW.0, &workflow())
}

/// Writes one file of the new site, with its folders.
fn write(dir: &std::path::Path, path: &str, text: &str) -> Result<(), String> {
    let target = dir.join(path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))
}
