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
use crate::message::Message;
use crate::msg;

/// What went wrong, and where in the file.
#[derive(Debug, PartialEq)]
pub struct LoadError {
    pub message: Message,
    /// What to say under the place in the file.
    pub label: Message,
    pub help: Option<Message>,
    /// The byte range in the file, when the problem has a place there.
    pub place: Option<(usize, usize)>,
    /// The file's text, when the problem has a place in it.
    pub text: Option<String>,
}

impl LoadError {
    fn whole(message: Message, help: Option<Message>) -> Box<LoadError> {
        Box::new(LoadError { message, label: msg!("here"), help, place: None, text: None })
    }
}

/// The largest data file gd loads, in bytes.
const DATA_LIMIT: u64 = 2_000_000_000;

/// Reads `path` (shown to the user as `shown`). `interrupted` is polled
/// every 65,536 rows.
pub fn load(path: &Path, shown: &str, interrupted: &AtomicBool) -> Result<Table, Box<LoadError>> {
    let bytes = crate::files::read_bounded(path, DATA_LIMIT, false).map_err(|e| {
        let help = msg!("data-file.looked-for", path = path.display().to_string());
        LoadError::whole(msg!("data-file.unreadable", file = shown, reason = e.message()), Some(help))
    })?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::whole(msg!("data-file.empty", file = shown), Some(msg!("data-file.needs-header"))));
    }
    let fail = |message: Message, label: Message, help: Option<Message>, place: (usize, usize)| {
        Box::new(LoadError {
            message,
            label,
            help,
            place: Some(place),
            text: Some(String::from_utf8_lossy(&bytes).into_owned()),
        })
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
                    msg!("data-file.not-csv", file = shown, error = error.to_string()),
                    msg!("here"),
                    None,
                    line_at(&bytes, byte),
                ));
            }
        }
        let start = record_start(&bytes, record.position().map_or(0, |p| p.byte() as usize));
        // Counted only when a problem is reported: counting per row would make loading quadratic.
        let line = || line_number(&bytes, start);
        if record.len() != names.len() {
            let message = msg!("data-file.row-length", line = line(), cells = record.len(), columns = names.len());
            return Err(fail(
                message,
                msg!("data-file.this-row"),
                Some(msg!("data-file.one-per-column")),
                line_at(&bytes, start),
            ));
        }
        for (index, cell) in record.iter().enumerate() {
            match parse(cell) {
                Some(value) => columns[index].push(value),
                None => {
                    let shown_cell = String::from_utf8_lossy(cell).trim().to_string();
                    let message = if shown_cell.is_empty() {
                        msg!("data-file.empty-cell", line = line(), column = index + 1, name = names[index])
                    } else {
                        let (line, column) = (line(), index + 1);
                        msg!(
                            "data-file.not-a-number",
                            cell = shown_cell,
                            line = line,
                            column = column,
                            name = names[index]
                        )
                    };
                    return Err(fail(
                        message,
                        msg!("data-file.not-a-number-label"),
                        Some(msg!("data-file.finite")),
                        cell_at(&bytes, start, index),
                    ));
                }
            }
        }
        rows += 1;
        if rows.is_multiple_of(65_536) && interrupted.load(Ordering::Relaxed) {
            return Err(LoadError::whole(msg!("data-file.interrupted", file = shown), None));
        }
    }
    if rows == 0 {
        return Err(LoadError::whole(msg!("data-file.no-rows", file = shown), None));
    }
    let columns = names.into_iter().zip(columns).map(|(name, values)| (name, Arc::new(Array1::from(values)))).collect();
    Ok(Table { source: shown.to_string(), columns, rows })
}

type CsvProblem = (Message, Message, (usize, usize));

/// The column names: trimmed, not empty, each once.
fn header(reader: &mut csv::Reader<&[u8]>, bytes: &[u8]) -> Result<Vec<String>, CsvProblem> {
    let record = reader
        .byte_headers()
        .map_err(|e| (msg!("data-file.header-not-csv", error = e.to_string()), msg!("here"), line_at(bytes, 0)))?;
    let mut names: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (index, cell) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(cell).trim().to_string();
        if name.is_empty() {
            return Err((
                msg!("data-file.unnamed", column = index + 1),
                msg!("data-file.unnamed-label"),
                cell_at(bytes, 0, index),
            ));
        }
        if !seen.insert(name.clone()) {
            return Err((
                msg!("data-file.named-twice", name = name),
                msg!("data-file.named-twice-label"),
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
fn line_number(bytes: &[u8], at: usize) -> usize {
    let before = &bytes[..at.min(bytes.len())];
    let breaks =
        before.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')));
    breaks.count() + 1
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

    impl LoadError {
        fn words(&self) -> String {
            crate::catalogue::word(&self.message)
        }
    }

    fn load_text(text: &str) -> Result<Table, Box<LoadError>> {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).expect("written");
        load(&path, "t.csv", &AtomicBool::new(false))
    }

    fn problem(text: &str) -> Box<LoadError> {
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
        assert_eq!(error.words(), "`abc` on line 3, column 2 (`y`) is not a number");
        assert_eq!(error.place, Some((10, 13)));
    }

    #[test]
    fn every_kind_of_bad_file() {
        assert!(problem("x,y\n1,2,3\n").words().contains("line 2 has 3 cells, but the header names 2 columns"));
        assert!(problem("").words().contains("is empty"));
        assert!(problem("x,y\n").words().contains("no rows of data"));
        assert!(problem("x,x\n1,2\n").words().contains("two columns are named `x`"));
        assert!(problem("x,y\n1,\n").words().contains("an empty cell on line 2, column 2"));
        assert!(problem("x\ninf\n").words().contains("is not a number"));
        assert!(problem("x,y\n1\n").words().contains("line 2 has 1 cell,"));
    }

    #[test]
    fn windows_line_breaks_and_blank_lines_do_not_move_the_place() {
        let error = problem("x,y\r\nab,2\r\n3,4\r\n");
        assert_eq!(error.words(), "`ab` on line 2, column 1 (`x`) is not a number");
        assert_eq!(error.place, Some((5, 7)));
        let error = problem("x,y\n\n\n1,2\n\nzz,3\n");
        assert_eq!(error.words(), "`zz` on line 6, column 1 (`x`) is not a number");
        assert_eq!(error.place, Some((11, 13)));
        let error = problem("x,y\r1,2\r3,4,5\r");
        assert!(error.words().starts_with("line 3 has 3 cells"), "{}", error.words());
        assert_eq!(error.place, Some((8, 13)));
        let error = problem("x,y\r\n1,2\r\n\r\n3\r\n");
        assert!(error.words().starts_with("line 4 has 1 cell,"), "{}", error.words());
    }

    #[test]
    fn a_wide_file_loads_and_a_late_duplicate_name_is_found() {
        let names: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        let values: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
        let text = format!("{}\n{}\n", names.join(","), values.join(","));
        let table = load_text(&text).unwrap_or_else(|e| panic!("{}", e.words()));
        assert_eq!((table.columns.len(), table.rows), (100_000, 1));
        assert_eq!(table.column("c99999").map(|c| c.to_vec()), Some(vec![99_999.0]));
        let twice = format!("{},c5\n{},1\n", names.join(","), values.join(","));
        assert!(problem(&twice).words().contains("two columns are named `c5`"));
    }
}
