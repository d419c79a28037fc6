//! A notebook cell as gd reads it. Takes the cell's text (and a cursor,
//! which Jupyter counts in Unicode characters) and hands on: its pieces to
//! run in order ([`pieces`]: runs of gd code, and `:command` lines as the
//! REPL takes them), whether it is ready to run ([`readiness`]), and the
//! completions at the cursor ([`completions`]), from the REPL's completer
//! given the statement the cursor is in.

use crate::repl::complete::{self, Completion};
use crate::repl::{self, Readiness};
use crate::session::inventory::Vocabulary;

/// One piece of a cell to run.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'c> {
    /// Lines of gd code, run together as one REPL input, and how many
    /// lines of the cell come before them (so that a diagnostic's line
    /// number is the cell's).
    Code { code: &'c str, line: usize },
    /// A line starting with `:` (`:help minimize`, `:list`).
    Command(&'c str),
}

/// The cell cut into pieces, in order: each line whose first non-blank
/// character is `:` is a command (gd's syntax has no `:`), and the lines
/// between them are code. Blank code is left out.
pub fn pieces(cell: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let (mut code_start, mut code_line) = (0, 0);
    let mut offset = 0;
    for (index, line) in cell.split_inclusive('\n').enumerate() {
        if is_command(line) {
            push_code(&mut pieces, &cell[code_start..offset], code_line);
            pieces.push(Piece::Command(line.trim()));
            (code_start, code_line) = (offset + line.len(), index + 1);
        }
        offset += line.len();
    }
    push_code(&mut pieces, &cell[code_start..], code_line);
    pieces
}

fn push_code<'c>(pieces: &mut Vec<Piece<'c>>, code: &'c str, line: usize) {
    if !code.trim().is_empty() {
        pieces.push(Piece::Code { code, line });
    }
}

fn is_command(line: &str) -> bool {
    line.trim_start().starts_with(':')
}

/// Whether the cell can run: complete when every code piece is, unfinished
/// when the last piece stops mid-statement (more lines could finish it),
/// and invalid when a piece holds a mistake.
pub fn readiness(cell: &str) -> Readiness {
    let pieces = pieces(cell);
    let mut verdict = Readiness::Complete;
    for (index, piece) in pieces.iter().enumerate() {
        let Piece::Code { code, .. } = piece else { continue };
        match repl::readiness(code) {
            Readiness::Complete => {}
            Readiness::Unfinished if index + 1 == pieces.len() => verdict = Readiness::Unfinished,
            Readiness::Unfinished | Readiness::Invalid => return Readiness::Invalid,
        }
    }
    verdict
}

/// What to complete at a cursor: the replacements, and the characters of
/// the cell they replace (from `start` to the cursor).
#[derive(Debug, PartialEq, Eq)]
pub struct CellCompletions {
    pub start: usize,
    pub matches: Vec<String>,
}

/// The completions at character `cursor` of the cell: the REPL's, for the
/// cursor's line as a continuation of the statement it belongs to. A file
/// name after `:load` or `:save` is not completed here.
pub fn completions(cell: &str, cursor: usize, vocabulary: &Vocabulary) -> CellCompletions {
    let at = byte_offset(cell, cursor);
    let line_start = cell[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let line_end = cell[at..].find('\n').map_or(cell.len(), |newline| at + newline);
    let earlier = statement_before(&cell[..line_start]);
    let Completion { start, candidates } =
        complete::complete(earlier, &cell[line_start..line_end], at - line_start, vocabulary);
    CellCompletions {
        start: char_offset(cell, line_start + start),
        matches: candidates.into_iter().map(|candidate| candidate.replacement).collect(),
    }
}

/// The lines at the end of `before` (whole lines, each ending in a line
/// break) that begin the statement the next line continues; empty when the
/// next line starts a statement of its own.
fn statement_before(before: &str) -> &str {
    let mut line_starts = (0..=before.len()).rev().filter(|&at| at == 0 || before.as_bytes()[at - 1] == b'\n');
    let start = line_starts.find(|&at| readiness(&before[..at]) != Readiness::Unfinished).unwrap_or(0);
    before[start..].trim_end_matches('\n')
}

/// The byte offset of character `chars` of `text` (its end if it has fewer).
pub fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(byte, _)| byte)
}

/// The number of characters before byte `byte` of `text`.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |head| head.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_code_and_command_lines_in_order() {
        assert_eq!(pieces("x = 1\ny = 2\n"), [Piece::Code { code: "x = 1\ny = 2\n", line: 0 }]);
        assert_eq!(
            pieces("x = 1\n  :help graph\n\n:list\ny = 2"),
            [
                Piece::Code { code: "x = 1\n", line: 0 },
                Piece::Command(":help graph"),
                Piece::Command(":list"),
                Piece::Code { code: "y = 2", line: 4 }
            ]
        );
        assert_eq!(pieces("\n  \n"), []);
    }

    #[test]
    fn readiness_of_a_cell() {
        assert_eq!(readiness("J(a) = a^2\nJ(3)"), Readiness::Complete);
        assert_eq!(readiness(":help\nx = 1"), Readiness::Complete);
        assert_eq!(readiness("J(1,"), Readiness::Unfinished);
        assert_eq!(readiness("x = 2 +"), Readiness::Unfinished);
        assert_eq!(readiness("x = (1 +\n:list"), Readiness::Invalid, "a command cannot continue a statement");
        assert_eq!(readiness("x = 1)"), Readiness::Invalid);
        assert_eq!(readiness(""), Readiness::Complete);
    }

    fn vocabulary() -> Vocabulary {
        Vocabulary { functions: vec![("J".into(), vec!["θ1".into(), "θ2".into()])], ..Vocabulary::default() }
    }

    #[test]
    fn completion_counts_characters_and_reads_the_statement_so_far() {
        let cell = "θ1 = 2\nminimize J with α = 0.1,\n  st";
        let found = completions(cell, cell.chars().count(), &vocabulary());
        assert_eq!(found.matches, ["steps"]);
        assert_eq!(found.start, cell.chars().count() - 2);
        let cell = "minimize J with α = 0.1\nf(x) = x + si";
        let found = completions(cell, cell.chars().count(), &vocabulary());
        assert!(found.matches.contains(&"sin".to_string()) && !found.matches.contains(&"steps".to_string()));
        let found = completions("x = \\alpha + 1", 10, &vocabulary());
        assert_eq!((found.start, found.matches), (4, vec!["α".to_string()]));
        assert_eq!(completions(":he", 3, &vocabulary()).matches, [":help"]);
        assert_eq!(completions("x = 1\n:he", 9, &vocabulary()).matches, [":help"]);
        let found = completions(":load examples/tou", 18, &vocabulary());
        assert_eq!(
            (found.start, found.matches),
            (6, vec!["examples/tour.gd".into(), "examples/tour.out".into()]),
            "files after :load"
        );
    }

    #[test]
    fn offsets_in_characters_and_bytes() {
        assert_eq!(byte_offset("θ1 = 2", 1), 2);
        assert_eq!(byte_offset("θ1", 9), 3);
        assert_eq!(char_offset("θ1 = 2", 2), 1);
        assert_eq!(char_offset("θ1", 1), 0, "not a character boundary");
    }
}
