//! libFuzzer target for the parser: takes any bytes that are UTF-8, hands them
//! to the lexer and grammar, and renders every syntax error as gd would show
//! it (ariadne labels included). Run: `cargo +nightly fuzz run parse`.
#![no_main]

use gd::diagnostics::{Sources, render};
use gd::syntax::parser::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut sources = Sources::default();
    let source = sources.add("fuzz.gd", text);
    if let Err(errors) = parse(text, source) {
        for error in &errors {
            render(error, &sources, false);
        }
    }
});
