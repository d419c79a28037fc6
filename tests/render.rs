//! The Mermaid and Graphviz outputs of `graph … as mermaid|dot` must render:
//! every graph in the examples is drawn in both formats, and the Graphviz
//! text is run through `dot -Tsvg`, the Mermaid text through mermaid's own
//! parser (tests/mermaid/check.mjs, installed by `.ci/run` into
//! target/mermaid-check). When a renderer is missing the test says so and
//! skips it, unless GD_REQUIRE_RENDERERS is set (CI sets it), when a missing
//! renderer is a failure.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::root;

/// The `graph` statements of the examples, with the definitions before them.
fn graph_programs() -> Vec<(String, String)> {
    let mut programs = Vec::new();
    for name in ["computation_graph", "backprop_logistic", "tanh_network", "graph_corners", "graph_data"] {
        let text = std::fs::read_to_string(root().join(format!("examples/{name}.gd"))).expect("example exists");
        let mut prefix = String::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("graph ") {
                let target = rest.split(" as ").next().unwrap_or(rest);
                programs.push((format!("{name}: {line}"), format!("{prefix}\ngraph {target}")));
            } else if !line.starts_with("check") {
                prefix.push_str(line);
                prefix.push('\n');
            }
        }
    }
    assert!(programs.len() >= 4, "the examples hold graphs");
    programs
}

/// The drawing `gd -e 'PROGRAM as FORMAT'` prints, from its first line on.
fn drawing(program: &str, format: &str) -> String {
    let ran = common::gd_e(&[&format!("{program} as {format}")]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    ran.stdout
        .lines()
        .skip_while(|l| !l.starts_with(if format == "dot" { "digraph" } else { "graph LR" }))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `command` with `input` on stdin; `None` when it cannot be started.
fn run(command: &mut Command, input: &str) -> Option<(bool, String)> {
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().ok()?;
    child.stdin.take()?.write_all(input.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    Some((output.status.success(), text))
}

fn missing(renderer: &str) {
    assert!(std::env::var_os("GD_REQUIRE_RENDERERS").is_none(), "{renderer} is required but missing");
    eprintln!("SKIPPED: {renderer} is not installed; run .ci/run to install it");
}

#[test]
fn graphviz_renders_every_example_graph() {
    if run(Command::new("dot").arg("-V"), "").is_none() {
        return missing("graphviz (dot)");
    }
    for (label, program) in graph_programs() {
        let text = drawing(&program, "dot");
        let (ok, message) = run(Command::new("dot").arg("-Tsvg"), &text).expect("dot runs");
        assert!(ok, "{label}: dot rejected\n{text}\n{message}");
        assert!(message.contains("<svg"), "{label}: no SVG came out");
    }
}

#[test]
fn mermaid_parses_every_example_graph() {
    let checker: &Path = &root().join("target/mermaid-check");
    if !checker.join("node_modules/mermaid").exists() {
        return missing("the mermaid parser (target/mermaid-check)");
    }
    for (label, program) in graph_programs() {
        let text = drawing(&program, "mermaid");
        let mut node = Command::new("node");
        node.arg(checker.join("check.mjs")).current_dir(checker);
        let (ok, message) = run(&mut node, &text).expect("node runs");
        assert!(ok, "{label}: mermaid rejected\n{text}\n{message}");
    }
}

#[test]
fn a_broken_graph_is_rejected() {
    // The checks above can fail: a dangling edge is refused by both renderers.
    if run(Command::new("dot").arg("-V"), "").is_some() {
        let (ok, _) = run(Command::new("dot").arg("-Tsvg"), "digraph { a -> }").expect("dot runs");
        assert!(!ok);
    }
    let checker = root().join("target/mermaid-check");
    if checker.join("node_modules/mermaid").exists() {
        let mut node = Command::new("node");
        node.arg(checker.join("check.mjs")).current_dir(&checker);
        let (ok, _) = run(&mut node, "graph LR\n  a[ -->\n").expect("node runs");
        assert!(!ok);
    }
}
