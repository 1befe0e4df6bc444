//! An annex file's bytes as plain grids of cell values, whatever the format: XLSX,
//! XLS and ODS through calamine, CSV through the csv crate. Text is NFC, trimmed,
//! with inner whitespace collapsed; whole numbers are integers ("1", not "1.0").

use std::io::Cursor;

use calamine::{Data, Reader, SheetType, SheetVisible, Sheets};

/// A cell's value, as the annex reader needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Int(i64),
    Number(f64),
    /// A date or time cell: only its presence matters (a date of birth is refused).
    Date,
}

impl Value {
    /// The value as text, as a spreadsheet program shows it; `None` when empty.
    pub fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Value::Empty => None,
            Value::Text(s) => Some(s.as_str().into()),
            Value::Int(i) => Some(i.to_string().into()),
            Value::Number(n) => Some(n.to_string().into()),
            Value::Date => Some("".into()),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }
}

/// One sheet: its name and its cells, row by row. `origin` is the 0-based row and
/// column of `rows[0][0]` (a sheet's used range need not start at A1).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// `None` for a CSV file, which has no sheets.
    pub sheet: Option<String>,
    pub origin: (u32, u32),
    pub rows: Vec<Vec<Value>>,
}

impl Grid {
    /// The value at a 0-based row and column of the sheet.
    pub fn get(&self, row: u32, col: u32) -> &Value {
        let (r, c) = (
            row.wrapping_sub(self.origin.0),
            col.wrapping_sub(self.origin.1),
        );
        self.rows
            .get(r as usize)
            .and_then(|cells| cells.get(c as usize))
            .unwrap_or(&Value::Empty)
    }
}

/// The formats an annex may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl Format {
    /// The format named by a file's extension (`phu-luc.xlsx`), in any case.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "csv" => Format::Csv,
            _ => return None,
        })
    }
}

/// A workbook opened from bytes, whose sheets are read one at a time.
pub struct Workbook<'a> {
    book: Sheets<Cursor<&'a [u8]>>,
}

impl<'a> Workbook<'a> {
    /// Opens XLSX, XLS or ODS bytes; `format` is tried first, then the others (a
    /// file saved as XLS but named `.xlsx` still opens). The error is calamine's.
    pub fn open(bytes: &'a [u8], format: Format) -> Result<Self, String> {
        let cursor = Cursor::new(bytes);
        let first = match format {
            Format::Xlsx => calamine::open_workbook_from_rs(cursor.clone())
                .map(Sheets::Xlsx)
                .map_err(|e: calamine::XlsxError| e.to_string()),
            Format::Xls => calamine::open_workbook_from_rs(cursor.clone())
                .map(Sheets::Xls)
                .map_err(|e: calamine::XlsError| e.to_string()),
            Format::Ods => calamine::open_workbook_from_rs(cursor.clone())
                .map(Sheets::Ods)
                .map_err(|e: calamine::OdsError| e.to_string()),
            Format::Csv => return Err("CSV is not a workbook".into()),
        };
        match first {
            Ok(book) => Ok(Workbook { book }),
            Err(e) => calamine::open_workbook_auto_from_rs(cursor)
                .map(|book| Workbook { book })
                .map_err(|_| e),
        }
    }

    /// The names of the visible worksheets, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.book
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .collect()
    }

    /// Every sheet name, hidden ones included, to say which exist.
    pub fn all_sheet_names(&self) -> Vec<String> {
        self.book.sheet_names()
    }

    /// The cells of one sheet.
    pub fn grid(&mut self, name: &str) -> Result<Grid, String> {
        let range = self.book.worksheet_range(name).map_err(|e| e.to_string())?;
        let origin = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|row| row.iter().map(value).collect())
            .collect();
        Ok(Grid {
            sheet: Some(name.to_string()),
            origin,
            rows,
        })
    }
}

/// A calamine cell as a [`Value`].
fn value(data: &Data) -> Value {
    match data {
        Data::Empty | Data::Error(_) => Value::Empty,
        Data::String(s) | Data::DurationIso(s) => text_value(s),
        Data::Int(i) => Value::Int(*i),
        Data::Float(f) => number(*f),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(d) if d.is_duration() => number(d.as_f64()),
        Data::DateTime(_) | Data::DateTimeIso(_) => Value::Date,
    }
}

/// A number, as an integer when it is a whole one.
fn number(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Value::Int(f as i64)
    } else {
        Value::Number(f)
    }
}

/// A text cell, cleaned; empty when it is only spaces.
pub fn text_value(raw: &str) -> Value {
    let text = clean(raw);
    if text.is_empty() {
        Value::Empty
    } else {
        Value::Text(text)
    }
}

/// NFC, trimmed, inner whitespace (line breaks in a cell, non-breaking spaces)
/// collapsed to one space, zero-width spaces dropped.
pub fn clean(raw: &str) -> String {
    let nfc = crate::vietnamese::nfc(raw);
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split(|c: char| c.is_whitespace()) {
        let word = word.trim_matches(['\u{200b}', '\u{feff}']);
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}')),
        );
    }
    out
}

/// Why CSV bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// Not UTF-8: 1-based line and byte column of the first bad byte, and the text
    /// of that line as Windows-1258, the Vietnamese Windows code page.
    NotUtf8 {
        line: usize,
        column: usize,
        as_1258: String,
    },
    /// The csv crate's own error (an unterminated quote, say).
    Malformed(String),
}

/// CSV bytes as a grid: UTF-8 with or without a BOM (UTF-16 with a BOM, as Excel's
/// "Unicode Text" writes, too), separated by commas, semicolons (Excel with
/// Vietnamese regional settings) or tabs, whichever the first lines use most.
pub fn csv(bytes: &[u8]) -> Result<Grid, CsvError> {
    let text = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CsvError::Malformed(e.to_string()))?;
        rows.push(record.iter().map(text_value).collect());
    }
    Ok(Grid {
        sheet: None,
        origin: (0, 0),
        rows,
    })
}

/// The text of CSV bytes, or where they stop being UTF-8.
fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, CsvError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.into()),
        Err(e) => {
            let at = e.valid_up_to();
            let start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| at + i);
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let (as_1258, _) =
                encoding_rs::WINDOWS_1258.decode_without_bom_handling(&bytes[start..end]);
            Err(CsvError::NotUtf8 {
                line,
                column: at - start + 1,
                as_1258: clean(&as_1258),
            })
        }
    }
}

/// The separator the first lines of `text` use most, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars().take(4096) {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The letters of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn text_is_nfc_trimmed_and_collapsed() {
        // "Nguyễn" decomposed, a line break and non-breaking spaces inside the cell.
        let raw = "  Nguye\u{302}\u{303}n\u{a0}\u{a0}Thị\nHoa\u{200b} ";
        assert_eq!(clean(raw), "Nguyễn Thị Hoa");
        assert_eq!(text_value(" \u{a0} "), Value::Empty);
        // The soft hyphen is TCVN3's "ư": it is kept for the encoding check.
        assert_eq!(clean("Tr\u{ad}êng"), "Tr\u{ad}êng");
    }

    #[test]
    fn whole_numbers_are_integers() {
        assert_eq!(number(1.0), Value::Int(1));
        assert_eq!(number(912345678.0), Value::Int(912345678));
        assert_eq!(number(4.5), Value::Number(4.5));
        assert_eq!(Value::Int(1).text().as_deref(), Some("1"));
    }

    #[test]
    fn csv_with_bom_semicolons_and_quotes() {
        let bytes = "\u{feff}STT;Họ và tên;Đơn vị\n1;\"Lê Văn Sáu; tổ trưởng\";THCS Tiên Lãng\n";
        let grid = csv(bytes.as_bytes()).unwrap();
        assert_eq!(grid.rows.len(), 2);
        assert_eq!(grid.rows[0][0], Value::Text("STT".into()));
        assert_eq!(grid.rows[1][1], Value::Text("Lê Văn Sáu; tổ trưởng".into()));
        assert_eq!(grid.get(1, 2), &Value::Text("THCS Tiên Lãng".into()));
        assert_eq!(grid.get(9, 9), &Value::Empty);
    }

    #[test]
    fn utf16_csv_with_a_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "STT\tHọ và tên\n1\tAn\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let grid = csv(&bytes).unwrap();
        assert_eq!(grid.rows[0][1], Value::Text("Họ và tên".into()));
        assert_eq!(grid.rows[1][1], Value::Text("An".into()));
    }

    #[test]
    fn windows_1258_csv_is_refused_where_it_goes_wrong() {
        // As Windows writes Windows-1258: "ọ" is "o" and a combining dot (0xF2).
        let bytes = b"STT,Ho\xF2 v\xE0 t\xEAn\n1,L\xEA V\xE3n S\xE1u\n";
        let Err(CsvError::NotUtf8 {
            line,
            column,
            as_1258,
        }) = csv(bytes)
        else {
            panic!("Windows-1258 bytes were read as UTF-8");
        };
        assert_eq!((line, column), (1, 7));
        assert_eq!(as_1258, "STT,Họ và tên");
    }
}
