//! The rustyline helper: joins completion, hints and highlighting to the
//! editor, over a [`Vocabulary`] of the session that the REPL loop renews
//! after every line. Continuation lines are decided by the loop (see
//! `repl::read_statement`), because rustyline's validator cannot show a
//! continuation prompt.

use std::borrow::Cow;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use super::complete::{self, Completion};
use super::{highlight, hint};
use crate::session::inventory::Vocabulary;

/// What the editor asks of gd while a line is typed.
pub struct GdHelper {
    pub vocabulary: Vocabulary,
    /// The earlier lines of a statement being continued (empty on a new one).
    pub earlier: String,
    /// Colour the line, the prompt and hints (a terminal without `NO_COLOR`).
    pub colour: bool,
}

impl GdHelper {
    pub fn new(colour: bool) -> GdHelper {
        GdHelper { vocabulary: Vocabulary::default(), earlier: String::new(), colour }
    }
}

/// The parameters still to type, shown after the cursor; the right arrow
/// does not insert them (they are names, not text to type).
pub struct ParameterHint(String);

impl Hint for ParameterHint {
    fn display(&self) -> &str {
        &self.0
    }

    fn completion(&self) -> Option<&str> {
        None
    }
}

impl Completer for GdHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let Completion { start, candidates } = complete::complete(&self.earlier, line, pos, &self.vocabulary);
        Ok((start, candidates.into_iter().map(|c| Pair { display: c.display, replacement: c.replacement }).collect()))
    }
}

impl Hinter for GdHelper {
    type Hint = ParameterHint;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<ParameterHint> {
        if self.earlier.is_empty() {
            return hint::parameters(line, pos, &self.vocabulary).map(ParameterHint);
        }
        let text = format!("{}\n{line}", self.earlier);
        let at = self.earlier.len() + 1 + pos;
        hint::parameters(&text, at, &self.vocabulary).map(ParameterHint)
    }
}

impl Highlighter for GdHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        match (self.colour, self.earlier.is_empty()) {
            (false, _) => Cow::Borrowed(line),
            (true, true) => Cow::Owned(highlight::highlight(line, pos, &self.vocabulary)),
            (true, false) => Cow::Owned(highlight::highlight_continued(&self.earlier, line, pos, &self.vocabulary)),
        }
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        if self.colour { Cow::Owned(format!("\x1b[1;32m{prompt}\x1b[0m")) } else { Cow::Borrowed(prompt) }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour { Cow::Owned(format!("\x1b[2m{hint}\x1b[0m")) } else { Cow::Borrowed(hint) }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour
    }
}

impl Validator for GdHelper {}

impl Helper for GdHelper {}
