//! No input makes gd panic: random token soup and random text, run through
//! a session in-process, always end in a result or a diagnostic.

mod common;

use std::path::Path;

use gd::{Captured, Status};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "J",
    "K",
    "a",
    "b",
    "x",
    "θ₁",
    "α",
    "(",
    ")",
    "[",
    "]",
    ",",
    "=",
    ".",
    ";",
    "\n",
    "0",
    "1",
    "2.5",
    "1e308",
    "-",
    "+",
    "*",
    "/",
    "^",
    "²",
    "⁻¹",
    "'",
    "∂",
    "∇",
    "log",
    "sqrt",
    "σ",
    "exp",
    "pi",
    "e",
    "diff",
    "load",
    "check",
    "graph",
    "minimize",
    "maximize",
    "at",
    "as",
    "over",
    "from",
    "with",
    "latex",
    "\"f.csv\"",
    "#",
    "J(a, b) = a*b\n",
    "x = 3\n",
    "K(x) = J(x, x)\n",
];

fn run(text: &str) -> (Status, Captured) {
    common::run_script(text, Path::new("."), 0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..40)) {
        let (status, out) = run(&tokens.join(" "));
        prop_assert!(status == Status::Ok || !out.err.is_empty(), "a failure must say why");
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,80}") {
        let (status, out) = run(&text);
        prop_assert!(status == Status::Ok || !out.err.is_empty(), "a failure must say why");
    }
}
