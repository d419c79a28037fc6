//! The architecture's invariants (ARCHITECTURE.md), enforced: data flows one
//! way, so some `crate::` edges between top-level modules must never appear.
//! Reads every file under src/, finds which top-level modules its non-test
//! code names (`use crate::x…` and `crate::x::…` paths), and fails on each
//! forbidden edge, naming the file and line. Also: `impl Session` only in
//! src/session/. A self-test feeds the checker a file with a forbidden edge
//! to show it can fail.

use std::path::{Path, PathBuf};

/// Engines take lowered expressions and return reports: they never reach
/// back into the language, the session, the render stage or a frontend.
const ENGINES: &[&str] = &["expr", "eval", "check", "graph", "optimize", "data", "builtins", "math", "random"];

/// The stages of the pipeline and the frontends: everything but the leaves.
const STAGES: &[&str] = &[
    "syntax",
    "diagnostics",
    "resolve",
    "lower",
    "expr",
    "eval",
    "check",
    "graph",
    "optimize",
    "data",
    "render",
    "session",
    "repl",
    "kernel",
    "env",
    "builtins",
    "math",
    "catalogue",
];

/// The stages, but for `allowed`.
fn stages_but(allowed: &[&str]) -> Vec<&'static str> {
    STAGES.iter().copied().filter(|stage| !allowed.contains(stage)).collect()
}

/// For each module (or group), the modules its non-test code must not name.
fn forbidden(module: &str) -> Vec<&'static str> {
    match module {
        // Engines take lowered expressions and hand back reports; they never word them.
        m if ENGINES.contains(&m) => vec![
            "session",
            "render",
            "repl",
            "kernel",
            "resolve",
            "lower",
            "syntax",
            "diagnostics",
            "journal",
            "env",
            "catalogue",
        ],
        // The leaves every stage may use, and the catalogue, which words messages: they know no stage.
        "source" | "names" | "message" | "catalogue" => stages_but(&[]),
        // Syntax knows nothing of meaning or evaluation; it reports diagnostics.
        "syntax" => stages_but(&["diagnostics"]),
        "diagnostics" => vec!["syntax", "resolve", "lower", "render", "session", "repl", "kernel"],
        // The resolver and the lowerer hand on; they never render or run.
        "resolve" | "lower" => vec!["render", "session", "repl", "kernel", "catalogue"],
        // Renderers word reports; they never run statements or read input.
        "render" => vec!["session", "repl", "kernel", "resolve", "lower"],
        // Only frontends use frontends.
        "session" | "env" | "journal" | "files" | "suggest" => vec!["repl", "kernel"],
        _ => Vec::new(),
    }
}

/// A forbidden edge: where, and which modules.
#[derive(Debug, PartialEq)]
struct Violation {
    file: PathBuf,
    line: usize,
    from: String,
    to: String,
}

/// The top-level module a file under src/ belongs to (`src/eval/tape.rs` → `eval`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

/// The file's lines before its test module (`#[cfg(test)]`), numbered from 1.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).take_while(|(_, l)| l.trim() != "#[cfg(test)]")
}

/// Top-level modules named by `crate::` paths in one line (including
/// `use crate::{a, b::c}` groups).
fn named_modules(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            names.extend(inner.split(',').map(|item| head_name(item.trim())));
        } else {
            names.push(head_name(rest));
        }
    }
    names.retain(|name| !name.is_empty());
    names
}

fn head_name(path: &str) -> String {
    path.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The forbidden edges and misplaced `impl Session` blocks in one file.
fn violations(relative: &Path, text: &str) -> Vec<Violation> {
    let from = module_of(relative);
    let mut found = Vec::new();
    for (line, code) in code_lines(text) {
        for to in named_modules(code) {
            if to != from && forbidden(&from).contains(&to.as_str()) {
                found.push(Violation { file: relative.to_path_buf(), line, from: from.clone(), to });
            }
        }
        if code.starts_with("impl Session") && from != "session" {
            found.push(Violation { file: relative.to_path_buf(), line, from: from.clone(), to: "impl Session".into() });
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_forbidden_edge_between_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "src/ has its files");
    let mut all = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap_or(&file);
        // A file of unit tests is test code throughout.
        if relative.to_string_lossy().ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        all.extend(violations(relative, &text));
    }
    let listed: Vec<String> =
        all.iter().map(|v| format!("{}:{}: {} → {}", v.file.display(), v.line, v.from, v.to)).collect();
    assert!(all.is_empty(), "forbidden edges (see ARCHITECTURE.md):\n{}", listed.join("\n"));
}

#[test]
fn the_checker_finds_a_forbidden_edge() {
    let engine = "use crate::eval::direct;\nuse crate::{expr::arena::Id, session::Session};\n\
                  fn f() { crate::render::text::text(); }\n#[cfg(test)]\nmod tests { use crate::session::Captured; }\n";
    let found = violations(Path::new("check/decide.rs"), engine);
    let edges: Vec<(usize, &str)> = found.iter().map(|v| (v.line, v.to.as_str())).collect();
    assert_eq!(edges, [(2, "session"), (3, "render")]);
    let glue = "impl Session {\n}\n";
    assert_eq!(violations(Path::new("check/mod.rs"), glue).len(), 1);
    assert!(violations(Path::new("session/run/check.rs"), glue).is_empty());
}
