//! Loading a CSV file (the csv crate) into a [`Table`]: a header row, then
//! rows of numbers. The whole file is checked before anything is kept, so a
//! bad file leaves nothing half-loaded. Problems come back as a
//! [`LoadError`] saying where in the file they are (line, column, and the
//! byte range of the cell, so the diagnostic can show the line itself).

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ndarray::Array1;

use super::table::Table;

/// What went wrong, and where in the file.
#[derive(Debug, PartialEq)]
pub struct LoadError {
    pub message: String,
    /// What to say under the place in the file.
    pub label: String,
    pub help: Option<String>,
    /// The byte range in the file, when the problem has a place there.
    pub place: Option<(usize, usize)>,
    /// The file's text, when the problem has a place in it.
    pub text: Option<String>,
}

impl LoadError {
    fn whole(message: impl Into<String>, help: Option<&str>) -> LoadError {
        LoadError {
            message: message.into(),
            label: String::new(),
            help: help.map(str::to_string),
            place: None,
            text: None,
        }
    }
}

/// The largest data file gd loads, in bytes.
const DATA_LIMIT: u64 = 2_000_000_000;

/// Reads `path` (shown to the user as `shown`). `interrupted` is polled
/// every 65,536 rows.
pub fn load(path: &Path, shown: &str, interrupted: &AtomicBool) -> Result<Table, LoadError> {
    let bytes = crate::files::read_bounded(path, DATA_LIMIT, false).map_err(|e| {
        let help = format!(
            "looked for {} (a relative path is read from the script's folder; in the REPL and -e, from the working directory)",
            path.display()
        );
        LoadError::whole(format!("cannot read `{shown}`: {e}"), Some(&help))
    })?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::whole(
            format!("`{shown}` is empty"),
            Some("a data file starts with a header row naming its columns"),
        ));
    }
    let fail = |message: String, label: String, help: Option<&str>, place: (usize, usize)| LoadError {
        message,
        label,
        help: help.map(str::to_string),
        place: Some(place),
        text: Some(String::from_utf8_lossy(&bytes).into_owned()),
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(&bytes[..]);
    let names = header(&mut reader, &bytes).map_err(|(message, label, place)| fail(message, label, None, place))?;
    let mut columns: Vec<Vec<f64>> = vec![Vec::with_capacity(bytes.len() / (8 * names.len()).max(1)); names.len()];
    let mut record = csv::ByteRecord::new();
    let mut rows = 0usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let byte = record_start(&bytes, error.position().map_or(0, |p| p.byte() as usize));
                return Err(fail(
                    format!("`{shown}` is not valid CSV: {error}"),
                    "here".to_string(),
                    None,
                    line_at(&bytes, byte),
                ));
            }
        }
        let start = record_start(&bytes, record.position().map_or(0, |p| p.byte() as usize));
        // Counted only when a problem is reported: counting per row would make loading quadratic.
        let line = || line_number(&bytes, start);
        if record.len() != names.len() {
            let cells = if record.len() == 1 { "1 cell".to_string() } else { format!("{} cells", record.len()) };
            let message = format!("line {} has {cells}, but the header names {} columns", line(), names.len());
            return Err(fail(
                message,
                "this row".to_string(),
                Some("every row needs one value per column"),
                line_at(&bytes, start),
            ));
        }
        for (index, cell) in record.iter().enumerate() {
            match parse(cell) {
                Some(value) => columns[index].push(value),
                None => {
                    let shown_cell = String::from_utf8_lossy(cell).trim().to_string();
                    let message = if shown_cell.is_empty() {
                        format!("an empty cell on line {}, column {} (`{}`)", line(), index + 1, names[index])
                    } else {
                        format!(
                            "`{shown_cell}` on line {}, column {} (`{}`) is not a number",
                            line(),
                            index + 1,
                            names[index]
                        )
                    };
                    return Err(fail(
                        message,
                        "not a number".to_string(),
                        Some("every cell after the header must be a finite number"),
                        cell_at(&bytes, start, index),
                    ));
                }
            }
        }
        rows += 1;
        if rows.is_multiple_of(65_536) && interrupted.load(Ordering::Relaxed) {
            return Err(LoadError::whole(format!("loading `{shown}` was interrupted"), None));
        }
    }
    if rows == 0 {
        return Err(LoadError::whole(format!("`{shown}` has a header but no rows of data"), None));
    }
    let columns = names.into_iter().zip(columns).map(|(name, values)| (name, Arc::new(Array1::from(values)))).collect();
    Ok(Table { source: shown.to_string(), columns, rows })
}

type CsvProblem = (String, String, (usize, usize));

/// The column names: trimmed, not empty, each once.
fn header(reader: &mut csv::Reader<&[u8]>, bytes: &[u8]) -> Result<Vec<String>, CsvProblem> {
    let record = reader
        .byte_headers()
        .map_err(|e| (format!("the header row is not valid CSV: {e}"), "here".to_string(), line_at(bytes, 0)))?;
    let mut names: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (index, cell) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(cell).trim().to_string();
        if name.is_empty() {
            return Err((
                format!("column {} of the header has no name", index + 1),
                "unnamed column".to_string(),
                cell_at(bytes, 0, index),
            ));
        }
        if !seen.insert(name.clone()) {
            return Err((
                format!("two columns are named `{name}`"),
                "named again here".to_string(),
                cell_at(bytes, 0, index),
            ));
        }
        names.push(name);
    }
    Ok(names)
}

/// A cell as a finite number: spaces around it are allowed.
fn parse(cell: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(cell).ok()?.trim();
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Where a record really starts: the csv crate places it at the line break
/// (or blank lines) before it.
fn record_start(bytes: &[u8], position: usize) -> usize {
    let position = position.min(bytes.len());
    bytes[position..].iter().position(|&b| b != b'\n' && b != b'\r').map_or(bytes.len(), |i| position + i)
}

/// The line number of byte `at`, counting `\n`, `\r\n` and a lone `\r` as line breaks.
fn line_number(bytes: &[u8], at: usize) -> u64 {
    let before = &bytes[..at.min(bytes.len())];
    let breaks =
        before.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')));
    breaks.count() as u64 + 1
}

/// The byte range of the line starting at `start`.
fn line_at(bytes: &[u8], start: usize) -> (usize, usize) {
    let start = start.min(bytes.len());
    let end = bytes[start..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |i| start + i);
    (start, end.max(start))
}

/// The byte range of cell `index` of the line starting at `start` (quotes
/// are stepped over, not interpreted: this only places a label).
fn cell_at(bytes: &[u8], start: usize, index: usize) -> (usize, usize) {
    let (line_start, line_end) = line_at(bytes, start);
    let mut cell_start = line_start;
    let mut quoted = false;
    let mut cell = 0;
    for (at, &byte) in bytes.iter().enumerate().take(line_end).skip(line_start) {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if cell == index {
                    return (cell_start, at);
                }
                cell += 1;
                cell_start = at + 1;
            }
            _ => {}
        }
    }
    (cell_start, line_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Table, LoadError> {
        let dir = tempfile::tempdir().map_err(|e| LoadError::whole(e.to_string(), None))?;
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).map_err(|e| LoadError::whole(e.to_string(), None))?;
        load(&path, "t.csv", &AtomicBool::new(false))
    }

    fn problem(text: &str) -> LoadError {
        match load_text(text) {
            Ok(_) => panic!("{text:?} loaded"),
            Err(error) => error,
        }
    }

    #[test]
    fn loads_numeric_columns() {
        let table = load_text("x, y\n1, 2\n3.5, -4e-1\n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(table.rows, 2);
        assert_eq!(table.column("y").map(|c| c.to_vec()), Some(vec![2.0, -0.4]));
    }

    #[test]
    fn a_bad_cell_is_placed_exactly() {
        let error = problem("x,y\n1,2\n3,abc\n");
        assert_eq!(error.message, "`abc` on line 3, column 2 (`y`) is not a number");
        assert_eq!(error.place, Some((10, 13)));
    }

    #[test]
    fn every_kind_of_bad_file() {
        assert!(problem("x,y\n1,2,3\n").message.contains("line 2 has 3 cells, but the header names 2 columns"));
        assert!(problem("").message.contains("is empty"));
        assert!(problem("x,y\n").message.contains("no rows of data"));
        assert!(problem("x,x\n1,2\n").message.contains("two columns are named `x`"));
        assert!(problem("x,y\n1,\n").message.contains("an empty cell on line 2, column 2"));
        assert!(problem("x\ninf\n").message.contains("is not a number"));
        assert!(problem("x,y\n1\n").message.contains("line 2 has 1 cell,"));
    }

    #[test]
    fn windows_line_breaks_and_blank_lines_do_not_move_the_place() {
        let error = problem("x,y\r\nab,2\r\n3,4\r\n");
        assert_eq!(error.message, "`ab` on line 2, column 1 (`x`) is not a number");
        assert_eq!(error.place, Some((5, 7)));
        let error = problem("x,y\n\n\n1,2\n\nzz,3\n");
        assert_eq!(error.message, "`zz` on line 6, column 1 (`x`) is not a number");
        assert_eq!(error.place, Some((11, 13)));
        let error = problem("x,y\r1,2\r3,4,5\r");
        assert!(error.message.starts_with("line 3 has 3 cells"), "{}", error.message);
        assert_eq!(error.place, Some((8, 13)));
        let error = problem("x,y\r\n1,2\r\n\r\n3\r\n");
        assert!(error.message.starts_with("line 4 has 1 cell,"), "{}", error.message);
    }

    #[test]
    fn a_wide_file_loads_and_a_late_duplicate_name_is_found() {
        let names: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        let values: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
        let text = format!("{}\n{}\n", names.join(","), values.join(","));
        let table = load_text(&text).unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!((table.columns.len(), table.rows), (100_000, 1));
        assert_eq!(table.column("c99999").map(|c| c.to_vec()), Some(vec![99_999.0]));
        let twice = format!("{},c5\n{},1\n", names.join(","), values.join(","));
        assert!(problem(&twice).message.contains("two columns are named `c5`"));
    }
}
