//! Input pasted with gd's own prompts, as `:help` and the docs show it:
//! `gd> J(1, 2, 3)` runs as `J(1, 2, 3)`, and `..> ` is dropped from a
//! continuation line (as IPython strips `>>> `). Takes the text the editor
//! read (a line, or a block pasted at once) and hands on the text to run,
//! with the number of lines left out as output.
//!
//! A prompt counts at the start of a line, after any indentation, followed
//! by a space or the end of the line. When a block begins with a prompt, it
//! is a transcript: its lines without a prompt are what gd printed, and are
//! left out. A block that does not begin with one is kept whole. For the
//! highlighter, [`mask_prompts`] blanks the prompts out of a line as typed.

/// The prompts gd prints: a new statement, and a continued one.
const PROMPTS: [&str; 2] = ["gd>", "..>"];

/// What to run of a pasted text.
#[derive(Debug, PartialEq)]
pub struct Pasted {
    pub text: String,
    /// Lines without a prompt in a transcript, left out as output.
    pub output_lines: usize,
}

/// `text` without the prompts pasted in it.
pub fn strip_prompts(text: &str) -> Pasted {
    let transcript = text.lines().find(|line| !line.trim().is_empty()).is_some_and(|line| after_prompt(line).is_some());
    let mut kept: Vec<&str> = Vec::new();
    let mut output_lines = 0;
    for line in text.split('\n') {
        match after_prompt(line) {
            Some(rest) => kept.push(rest),
            None if transcript && !line.trim().is_empty() => output_lines += 1,
            None => kept.push(line),
        }
    }
    Pasted { text: kept.join("\n"), output_lines }
}

/// `text` with each line's prompt (and its indentation) turned into as many
/// spaces, so that it lexes as what will run, at the same byte offsets.
pub fn mask_prompts(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match prompt_end(line) {
            Some(end) => " ".repeat(end) + &line[end..],
            None => line.to_string(),
        })
        .collect();
    lines.join("\n")
}

/// The line after its prompt, if it starts with one.
fn after_prompt(line: &str) -> Option<&str> {
    prompt_end(line).map(|end| &line[end..])
}

/// Where the text after a line's prompt starts (past the indentation, the
/// prompt and one space), if the line starts with a prompt.
fn prompt_end(line: &str) -> Option<usize> {
    let indented = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - indented.len();
    PROMPTS.iter().find_map(|prompt| {
        let rest = indented.strip_prefix(prompt)?;
        let space = match rest.chars().next() {
            None => 0,
            Some(' ') => 1,
            Some(_) => return None,
        };
        Some(indent + prompt.len() + space)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(text: &str) -> (String, usize) {
        let pasted = strip_prompts(text);
        (pasted.text, pasted.output_lines)
    }

    #[test]
    fn one_line_with_a_prompt() {
        assert_eq!(stripped("gd> J(1, 2, 3)"), ("J(1, 2, 3)".into(), 0));
        assert_eq!(stripped("  gd> ∂J/∂b"), ("∂J/∂b".into(), 0), "indented, as :help shows it");
        assert_eq!(stripped("..> 2, 3)"), ("2, 3)".into(), 0));
        assert_eq!(stripped("gd> :list"), (":list".into(), 0));
        assert_eq!(stripped("gd>"), (String::new(), 0));
        assert_eq!(stripped("gd>  x = 1"), (" x = 1".into(), 0), "one space goes with the prompt");
    }

    #[test]
    fn lines_without_a_prompt_are_kept_as_typed() {
        assert_eq!(stripped("J(1, 2, 3)"), ("J(1, 2, 3)".into(), 0));
        assert_eq!(stripped("gd>x"), ("gd>x".into(), 0), "not a prompt without its space");
        assert_eq!(stripped("gdx> 1"), ("gdx> 1".into(), 0));
        assert_eq!(stripped("x = 1\ngd> y = 2"), ("x = 1\ny = 2".into(), 0), "a block not begun by a prompt");
    }

    #[test]
    fn masking_keeps_every_offset() {
        assert_eq!(mask_prompts("  gd> J(1,\n..> 2)\ngd>x"), "      J(1,\n    2)\ngd>x");
        assert_eq!(mask_prompts("gd>"), "   ");
    }

    #[test]
    fn a_pasted_transcript_runs_its_input_and_leaves_out_its_output() {
        let help = "  gd> J(a, b, c) = 3*(a + b*c)\n  gd> ∂J/∂b\n  ∂J/∂b = 3*c\n  gd> J(1,\n  ..> 2, 3)\n  21\n";
        assert_eq!(stripped(help), ("J(a, b, c) = 3*(a + b*c)\n∂J/∂b\nJ(1,\n2, 3)\n".into(), 2));
        assert_eq!(stripped("\ngd> x = 1\n\n"), ("\nx = 1\n\n".into(), 0));
    }
}
