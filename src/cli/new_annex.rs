//! `tonvinh new decision … --annex phu-luc.xlsx`: the annex copied into the new
//! decision's folder, then read as a build reads it, and what was read printed
//! (sheet, columns, rows, units matched, awards, every problem) so that the editor
//! sees it before a build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::annex::{self, Format, ReadOptions};
use crate::diagnostics::{Diagnostic, format_human, has_errors};
use crate::pipeline::{BuildOptions, load_config};
use crate::vietnamese::{Lang, slugify};

/// The annex's file name in the bundle: folded like a slug, its extension kept
/// ("Phụ lục QĐ 1234.xlsx" → `phu-luc-qd-1234.xlsx`). An error when the file is not
/// a spreadsheet tonvinh reads.
pub fn file_name(annex: &Path, lang: Lang) -> Result<String, String> {
    if Format::from_path(annex).is_none() {
        return Err(format!(
            "--annex {}: {}",
            annex.display(),
            lang.pick(
                "cần tệp .xlsx, .xls, .ods hoặc .csv",
                "an .xlsx, .xls, .ods or .csv file is needed"
            )
        ));
    }
    if !annex.is_file() {
        return Err(format!(
            "--annex {}: {}",
            annex.display(),
            lang.pick("không tìm thấy tệp", "file not found")
        ));
    }
    let stem = annex
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let ext = annex
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = match slugify(&stem) {
        s if s.is_empty() => "phu-luc".to_string(),
        s => s,
    };
    Ok(format!("{stem}.{ext}"))
}

/// Copies the annex beside the new decision's `index.md`, never over a file.
pub fn copy(annex: &Path, index: &Path, name: &str) -> Result<PathBuf, String> {
    let target = index.with_file_name(name);
    let mut from = std::fs::File::open(annex).map_err(|e| format!("{}: {e}", annex.display()))?;
    let mut to = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| format!("{}: {e}", target.display()))?;
    std::io::copy(&mut from, &mut to).map_err(|e| format!("{}: {e}", target.display()))?;
    Ok(target)
}

/// Reads the site with the new decision and prints what its annex gave. Returns
/// whether the annex has errors.
pub fn report(root: &Path, index: &Path, annex_file: &Path) -> bool {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let Ok(config) = load_config(&options) else {
        return false;
    };
    let lang = config.language;
    let rel = |p: &Path| crate::diagnostics::relative(root, p);
    let (index_rel, annex_rel) = (rel(index), rel(annex_file));
    let read = annex::from_file(
        root,
        &annex_rel,
        &ReadOptions {
            sheet: None,
            lang,
            allow: &config.privacy.allow,
        },
    );
    let (content, _) = crate::content::load(root, lang);
    let (site, problems) = crate::model::resolve(root, config, content, Default::default());
    let mut mine: Vec<Diagnostic> = problems
        .into_iter()
        .filter(|d| d.path == index_rel || d.path == annex_rel)
        .collect();
    crate::diagnostics::sort(&mut mine);
    let decision = site
        .decisions
        .iter()
        .find(|d| d.page.source.rel == index_rel);
    let mut out = String::new();
    if let Some(a) = &read.annex {
        let columns: Vec<&str> = a.header.columns.iter().map(|c| c.title.as_str()).collect();
        let sheet = a
            .sheet
            .as_deref()
            .map(|s| format!(" «{s}»"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}{sheet}, {} {}: {}\n",
            lang.pick("Đã đọc trang tính", "Read sheet"),
            lang.pick("tiêu đề ở dòng", "header on row"),
            a.header.row + 1,
            columns.join(" · ")
        ));
    }
    if let Some(d) = decision {
        let rows = read.annex.as_ref().map_or(0, |a| a.rows.len());
        let matched = d.recipients.iter().filter(|r| r.unit.is_some()).count();
        let units: std::collections::BTreeSet<usize> = d
            .recipients
            .iter()
            .filter_map(|r| r.unit.map(|u| u.get()))
            .collect();
        out.push_str(&format!(
            "{rows} {}; {} {}, {matched} {} ({} {})\n",
            lang.pick("dòng", "rows"),
            d.recipients.len(),
            lang.pick("người, tập thể có danh hiệu", "recipients with an award"),
            lang.pick("khớp với đơn vị", "matched to a unit"),
            units.len(),
            lang.pick("đơn vị", "units"),
        ));
        let mut awards: BTreeMap<usize, usize> = BTreeMap::new();
        for r in &d.recipients {
            *awards.entry(r.award.get()).or_default() += 1;
        }
        for (award, count) in awards {
            out.push_str(&format!("  {}: {count}\n", site.awards[award].name));
        }
    }
    let errors = has_errors(&mine);
    let (e, w) = (
        mine.iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .count(),
        mine.iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Warning)
            .count(),
    );
    out.push_str(&format!(
        "{e} {}, {w} {}\n",
        lang.pick("lỗi", "errors"),
        lang.pick("cảnh báo", "warnings")
    ));
    if !mine.is_empty() {
        out.push('\n');
        out.push_str(&format_human(&mine, lang));
        out.push_str(lang.pick(
            "Sửa tệp phụ lục trong thư mục của quyết định rồi chạy tonvinh check.\n",
            "Correct the annex in the decision's folder, then run tonvinh check.\n",
        ));
    }
    print!("{out}");
    errors
}
