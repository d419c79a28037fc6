//! The shell snippets of README.md and docs/*.md are tested like the
//! examples: every ```text (or sh, console, shell) block is read; each
//! `$ gd …` command in it (continued over lines with `\`, quoted as a shell
//! would, from a script file or with `echo … |` input) runs with the built
//! binary from the repository root, with `NO_COLOR=1` and standard input not
//! a terminal, and what it prints must be the lines under it in the block.
//!
//! The blocks show what a terminal shows: errors (standard error) between
//! results (standard output), in the order gd wrote them. So both streams go
//! into one pipe and are compared together. Lines are compared without
//! trailing spaces, which Markdown does not keep reliably (editors strip
//! them) and a reader cannot see; gd's diagnostics end some lines with them.
//! A line that is only `…` in a block stands for any number of lines, and
//! a command commented `# (output shortened)` may print more after the last
//! line shown. gd must end with one of its exit statuses (0, 1 or 2), never
//! a crash.
//!
//! Blocks that show no runnable `$ gd` command — REPL sessions, `cargo`
//! commands, pipes into other programs, commands that write files — are
//! skipped and counted; the test fails if it ran fewer commands than today's
//! count, so a parser that lost snippets cannot pass silently.

mod common;

use std::path::Path;

/// Commands run today (README.md: 10 in 9 blocks). Fewer means snippets were lost.
const FLOOR: usize = 10;

/// The info strings of fenced blocks that hold shell transcripts.
const SHELL_BLOCKS: [&str; 5] = ["text", "sh", "shell", "console", "bash"];

/// A fenced block of a Markdown file: where it starts, its info string and its lines.
struct Block {
    place: String,
    info: String,
    lines: Vec<String>,
}

/// One `$ gd …` command of a block and the output the block shows under it.
#[derive(Debug, PartialEq)]
struct Snippet {
    place: String,
    command: String,
    args: Vec<String>,
    stdin: Option<String>,
    expected: Vec<String>,
    /// The command says `# (output shortened)`: the output may go on after the last line shown.
    open_end: bool,
}

/// What a block, or one command of it, is.
#[derive(Debug, PartialEq)]
enum Reading {
    Run(Vec<Snippet>),
    Skip(&'static str),
    Broken(String),
}

/// The fenced blocks of `text`, a Markdown file called `name`.
fn fenced_blocks(name: &str, text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let trimmed = line.trim_start();
        let fence_length = trimmed.len() - trimmed.trim_start_matches('`').len();
        if fence_length < 3 {
            continue;
        }
        let closes = |l: &str| {
            let l = l.trim();
            l.len() >= fence_length && l.chars().all(|c| c == '`')
        };
        let body = lines.by_ref().map(|(_, l)| l).take_while(|l| !closes(l)).map(str::to_string).collect();
        let info = trimmed[fence_length..].trim().to_string();
        blocks.push(Block { place: format!("{name}:{}", number + 1), info, lines: body });
    }
    blocks
}

/// Reads a shell block: its `$` commands, each with the lines under it.
fn read_block(block: &Block) -> Reading {
    match block.lines.first() {
        Some(line) if line.starts_with("$ ") => {}
        Some(line) if line.starts_with("cargo ") => return Reading::Skip("cargo commands"),
        _ => return Reading::Skip("no `$` command"),
    }
    let mut snippets = Vec::new();
    let mut index = 0;
    // Each command's output runs to the next command, so every loop starts at a `$` line.
    while let Some(first) = block.lines.get(index).and_then(|line| line.strip_prefix("$ ")) {
        let place = format!("{} (line {})", block.place, index + 2);
        let mut command = first.to_string();
        index += 1;
        while command.ends_with('\\') && index < block.lines.len() {
            command.push('\n');
            command.push_str(&block.lines[index]);
            index += 1;
        }
        let output_end =
            block.lines[index..].iter().position(|l| l.starts_with("$ ")).map_or(block.lines.len(), |n| index + n);
        let expected = block.lines[index..output_end].to_vec();
        index = output_end;
        match read_command(&command, &expected) {
            Reading::Run(mut one) => {
                for snippet in &mut one {
                    snippet.place = place.clone();
                }
                snippets.append(&mut one);
            }
            other => return other,
        }
    }
    Reading::Run(snippets)
}

/// Reads one command line (continuations included) shown with `expected`
/// under it: a runnable gd snippet, a reason to skip it, or broken quoting.
fn read_command(command: &str, expected: &[String]) -> Reading {
    if expected.iter().any(|line| line.starts_with("gd> ")) {
        return Reading::Skip("a REPL session");
    }
    // A backslash before a line break joins the lines, as the shell does.
    let Some(words) = shlex::split(&command.replace("\\\n", "")) else {
        return Reading::Broken(format!("the quotes of `{command}` do not close"));
    };
    if let Some(reason) = shell_syntax(&words) {
        return Reading::Skip(reason);
    }
    let stages: Vec<&[String]> = words.split(|w| w == "|").collect();
    let (stdin, gd) = match stages.as_slice() {
        [gd] => (None, *gd),
        [echo, gd] if echo.first().is_some_and(|w| w == "echo") => (Some(format!("{}\n", echo[1..].join(" "))), *gd),
        [first, ..] if first.first().is_some_and(|w| w == "gd") => {
            return Reading::Skip("gd's output piped into another program");
        }
        _ => return Reading::Skip("a pipeline not into gd"),
    };
    match gd.split_first() {
        Some((program, _)) if program != "gd" => Reading::Skip("not a gd command"),
        Some((_, [])) if stdin.is_none() => Reading::Skip("a REPL session"),
        Some((_, args)) if args.iter().any(|a| writes_a_plot(a)) => Reading::Skip("writes files"),
        Some((_, args)) => Reading::Run(vec![Snippet {
            place: String::new(),
            command: command.to_string(),
            args: args.to_vec(),
            stdin,
            expected: expected.iter().map(|line| line.trim_end().to_string()).collect(),
            open_end: shortened(command),
        }]),
        None => Reading::Skip("not a gd command"),
    }
}

/// Whether a command's comment says its output is shown shortened.
fn shortened(command: &str) -> bool {
    command.split(" #").skip(1).any(|comment| comment.contains("(output shortened)"))
}

/// Shell syntax this test does not run: redirections (which write or read
/// files) and lists of commands.
fn shell_syntax(words: &[String]) -> Option<&'static str> {
    let redirection = |w: &str| {
        let w = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '&');
        w.starts_with('>') || w.starts_with('<')
    };
    if words.iter().any(|w| redirection(w)) {
        return Some("writes files (a redirection)");
    }
    if words.iter().any(|w| [";", "&&", "||", "&"].contains(&w.as_str())) {
        return Some("several shell commands");
    }
    None
}

/// Whether gd code asks for a plot file (`plot = "…"`), which would be
/// written into the repository.
fn writes_a_plot(code: &str) -> bool {
    code.split("plot")
        .skip(1)
        .any(|rest| rest.trim_start().strip_prefix('=').is_some_and(|v| v.trim_start().starts_with('"')))
}

/// Whether `actual` is what `expected` shows, where a line `…` in
/// `expected` stands for any number of lines, and so does the end of an
/// `open_end` output.
fn shows(expected: &[String], actual: &[&str], open_end: bool) -> bool {
    let elision = ["…".to_string()];
    let expected = if open_end { [expected, &elision].concat() } else { expected.to_vec() };
    let mut parts = expected.split(|line| line == "…");
    let first = parts.next().unwrap_or_default();
    let Some(rest) = actual.strip_prefix_lines(first) else {
        return false;
    };
    let middle: Vec<&[String]> = parts.collect();
    let Some((last, between)) = middle.split_last() else {
        return rest.is_empty();
    };
    let Some(mut rest) = rest.strip_suffix_lines(last) else {
        return false;
    };
    for part in between {
        let Some(start) = (0..=rest.len().saturating_sub(part.len())).find(|&at| rest[at..].starts_with_lines(part))
        else {
            return false;
        };
        rest = &rest[start + part.len()..];
    }
    true
}

/// Comparing a list of printed lines with lines of a block.
trait Lines {
    fn starts_with_lines(&self, part: &[String]) -> bool;
    fn strip_prefix_lines(&self, part: &[String]) -> Option<&Self>;
    fn strip_suffix_lines(&self, part: &[String]) -> Option<&Self>;
}

impl Lines for [&str] {
    fn starts_with_lines(&self, part: &[String]) -> bool {
        self.len() >= part.len() && self.iter().zip(part).all(|(a, e)| a == e)
    }
    fn strip_prefix_lines(&self, part: &[String]) -> Option<&Self> {
        self.starts_with_lines(part).then(|| &self[part.len()..])
    }
    fn strip_suffix_lines(&self, part: &[String]) -> Option<&Self> {
        let start = self.len().checked_sub(part.len())?;
        self[start..].starts_with_lines(part).then(|| &self[..start])
    }
}

/// Runs a snippet as the block shows it; a description of the difference, if any.
fn run(snippet: &Snippet) -> Option<String> {
    let mut command = common::gd_command();
    command.args(&snippet.args);
    let (printed, code) = common::finish_interleaved(command, snippet.stdin.as_deref());
    let actual: Vec<&str> = printed.lines().map(str::trim_end).collect();
    let ended_well = matches!(code, Some(0..=2)) && (printed.is_empty() || printed.ends_with('\n'));
    if ended_well && shows(&snippet.expected, &actual, snippet.open_end) {
        return None;
    }
    let elided = if snippet.open_end || snippet.expected.iter().any(|l| l == "…") {
        " (… stands for any lines)"
    } else {
        ""
    };
    Some(format!(
        "{}: $ {}\nexited {code:?}; what it printed differs from the block{elided}:\n{}",
        snippet.place,
        snippet.command,
        common::diff(&text(&snippet.expected), &text(&actual))
    ))
}

/// Lines as one text, each ending in a line break.
fn text<S: AsRef<str>>(lines: &[S]) -> String {
    lines.iter().map(|line| format!("{}\n", line.as_ref())).collect()
}

/// The Markdown files whose snippets are tested: README.md and docs/*.md.
fn documents() -> Vec<(String, String)> {
    let root = common::root();
    let mut paths = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("a readable entry of docs/").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    paths.append(&mut docs);
    paths
        .iter()
        .map(|path| (relative(path), std::fs::read_to_string(path).expect("a readable Markdown file")))
        .collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(common::root()).unwrap_or(path).display().to_string()
}

#[test]
fn readme_and_docs_snippets_print_what_they_show() {
    let (mut ran, mut skipped, mut failures) = (0, Vec::new(), Vec::new());
    let mut blocks_run = 0;
    for (name, text) in documents() {
        for block in fenced_blocks(&name, &text).iter().filter(|b| SHELL_BLOCKS.contains(&b.info.as_str())) {
            match read_block(block) {
                Reading::Run(snippets) => {
                    blocks_run += 1;
                    ran += snippets.len();
                    failures.extend(snippets.iter().filter_map(run));
                }
                Reading::Skip(reason) => skipped.push(format!("{} ({reason})", block.place)),
                Reading::Broken(message) => failures.push(format!("{}: {message}", block.place)),
            }
        }
    }
    let counts =
        format!("ran {ran} commands in {blocks_run} blocks; skipped {} blocks: {}", skipped.len(), skipped.join(", "));
    println!("{counts}");
    assert!(failures.is_empty(), "{counts}\n\n{}", failures.join("\n\n"));
    assert!(ran >= FLOOR, "{counts}: fewer than the {FLOOR} commands run before; did the parser lose some?");
}

// The reading and matching above, on blocks made up for the purpose.

fn read(text: &str) -> Vec<Reading> {
    fenced_blocks("made-up.md", text).iter().map(read_block).collect()
}

/// The snippets of a made-up text of one runnable block.
fn runnable(text: &str) -> Vec<Snippet> {
    match read(text).pop() {
        Some(Reading::Run(snippets)) => snippets,
        other => panic!("the block is runnable: {other:?}"),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn continued_lines_quotes_and_comments_are_read_as_a_shell_would() {
    let text =
        "```text\n$ gd -e 'g(x) = x^2' \\\n     -e \"g'\"   # a comment\ng'(x) = 2*x\n$ echo 'sqrt(4)' | gd\n2\n```\n";
    let snippets = runnable(text);
    assert_eq!(snippets.len(), 2);
    assert_eq!(snippets[0].args, strings(&["-e", "g(x) = x^2", "-e", "g'"]));
    assert_eq!(snippets[0].expected, strings(&["g'(x) = 2*x"]));
    assert_eq!(snippets[0].place, "made-up.md:1 (line 2)");
    assert_eq!((snippets[1].args.len(), snippets[1].stdin.as_deref()), (0, Some("sqrt(4)\n")));
    assert!(!snippets[0].open_end);
    let shortened = runnable("```text\n$ gd examples/tour.gd   # (output shortened)\nfirst line   \n…\n```\n");
    assert_eq!(shortened[0].args, strings(&["examples/tour.gd"]));
    assert_eq!(shortened[0].expected, strings(&["first line", "…"]), "trailing spaces are not compared");
    assert!(shortened[0].open_end);
}

#[test]
fn blocks_that_are_not_runnable_gd_commands_are_skipped_with_a_reason() {
    let cases = [
        ("```text\n$ gd\ngd> 1 + 1\n2\n```\n", Reading::Skip("a REPL session")),
        ("```sh\ncargo test\n```\n", Reading::Skip("cargo commands")),
        ("```text\ngd        θ ← θ − α·g\n```\n", Reading::Skip("no `$` command")),
        ("```text\n$ cargo run\n```\n", Reading::Skip("not a gd command")),
        (
            "```text\n$ gd -e 'graph J as dot' | dot -Tsvg\n```\n",
            Reading::Skip("gd's output piped into another program"),
        ),
        ("```text\n$ gd -e '1' > out.txt\n```\n", Reading::Skip("writes files (a redirection)")),
        ("```text\n$ gd -e 'minimize J with plot = \"a.svg\"'\n```\n", Reading::Skip("writes files")),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), [expected], "{text}");
    }
    assert!(matches!(read("```text\n$ gd -e 'open\n```\n").as_slice(), [Reading::Broken(_)]));
}

#[test]
fn an_elision_stands_for_any_lines_and_nothing_else_does() {
    let expected = strings(&["a", "…", "c", "…", "e"]);
    assert!(shows(&expected, &["a", "c", "e"], false));
    assert!(shows(&expected, &["a", "b", "c", "d", "d", "e"], false));
    assert!(!shows(&expected, &["a", "b", "e"], false), "c must appear");
    assert!(!shows(&expected, &["a", "c", "e", "f"], false), "e must be last");
    assert!(shows(&expected, &["a", "c", "e", "f"], true), "unless the output is shortened");
    assert!(!shows(&expected, &["x", "a", "c", "e"], true), "which still starts where shown");
    assert!(!shows(&strings(&["a"]), &["a", "b"], false), "no elision, no extra lines");
    assert!(shows(&strings(&["…"]), &[], false));
}

#[test]
fn a_snippet_that_shows_the_wrong_output_fails() {
    let text = "```text\n$ gd -e '1 + 1' -e 'log(-1)'\n3\n```\n";
    let snippets = runnable(text);
    let failure = run(&snippets[0]).expect("2 is not 3");
    assert!(
        failure.contains("- 3") && failure.contains("+ 2") && failure.contains("+ Error: log of a negative"),
        "{failure}"
    );
    let right = "```text\n$ gd -e '1 + 1' -e 'log(-1)'\n2\nError: log of a negative number\n…\n```\n";
    let snippets = runnable(right);
    assert_eq!(run(&snippets[0]), None, "standard error follows standard output as written");
}
