//! Mutation of the example scripts: takes examples/*.gd (and the error
//! examples) and a stream of seeded choices, hands on a damaged copy — lines
//! dropped, duplicated or swapped, tokens deleted, repeated, swapped or
//! replaced by edge tokens, single bytes flipped, inserted or cut.

use std::path::Path;

use super::rng::Rng;

/// Tokens worth dropping into a program: edges of numbers, pasted maths,
/// keywords, brackets, line ends and encodings.
const EDGE_TOKENS: &[&str] = &[
    "1e308",
    "1e-320",
    "-0",
    "0^0",
    "x^1e10",
    "2^127",
    "(-2)^-127",
    "170141183460469231731687303715884105727",
    "1e−3",
    "1E−3",
    "5e−1",
    "×10⁻³",
    "·",
    "²",
    "⁻¹",
    "−",
    "∂",
    "∇",
    "'",
    "′",
    "(",
    ")",
    "[",
    "]",
    ",",
    "=",
    ";",
    "\n",
    "\r",
    "\r\n",
    "\u{FEFF}",
    "#",
    "\"",
    "check",
    "graph",
    "minimize",
    "maximize",
    "at",
    "as",
    "over",
    "from",
    "with",
    "within",
    "diff",
    "grad",
    "simplify",
    "load",
    "sum",
    "mean",
    "len",
    "dot",
    "restarts = 1e9",
    "steps = 1e9",
    "batch = 1e9",
    "trace = 1e9",
    "plot",
    "as latex",
    "\\frac{1}{2}",
    "gd> ",
    "**",
    "==",
    "é",
    "θ₁",
];

/// The example scripts, read once: the corpus that mutation starts from.
pub fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths = Vec::new();
    for folder in [root.clone(), root.join("errors")] {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        paths.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "gd")));
    }
    paths.sort();
    // The error examples read `../data/`; in the case's folder that is `data/`.
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).map(|t| t.replace("\"../data/", "\"data/")).collect()
}

/// A mutated copy of one script of `corpus`, with 1 to 4 mutations.
pub fn mutant(corpus: &[String], rng: &mut Rng) -> String {
    let mut text = rng.pick(corpus).clone();
    for _ in 0..rng.range(1, 4) {
        text = match rng.below(3) {
            0 => mutate_lines(&text, rng),
            1 => mutate_tokens(&text, rng),
            _ => mutate_bytes(&text, rng),
        };
    }
    text
}

fn mutate_lines(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
    match rng.below(3) {
        0 => {
            lines.remove(i);
        }
        1 => lines.insert(i, lines[j]),
        _ => lines.swap(i, j),
    }
    lines.join("\n")
}

/// Splits text into names and numbers (letters, digits, `_`, `.`), runs of spaces, and single other characters.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let class = |c: char| {
            if c.is_alphanumeric() || c == '_' || c == '.' {
                1
            } else if c == ' ' {
                2
            } else {
                0
            }
        };
        let next_class = chars.peek().map(|&(_, n)| class(n));
        if class(c) == 0 || next_class != Some(class(c)) {
            let end = i + c.len_utf8();
            tokens.push(&text[start..end]);
            start = end;
        }
    }
    tokens
}

fn mutate_tokens(text: &str, rng: &mut Rng) -> String {
    let mut tokens = tokens(text);
    if tokens.is_empty() {
        return rng.pick(EDGE_TOKENS).to_string();
    }
    let (i, j) = (rng.below(tokens.len()), rng.below(tokens.len()));
    match rng.below(5) {
        0 => {
            tokens.remove(i);
        }
        1 => tokens.insert(i, tokens[j]),
        2 => tokens.swap(i, j),
        3 => tokens[i] = *rng.pick(EDGE_TOKENS),
        _ => tokens.insert(i, *rng.pick(EDGE_TOKENS)),
    }
    tokens.concat()
}

fn mutate_bytes(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let i = rng.below(bytes.len() + 1);
    match rng.below(4) {
        0 if i < bytes.len() => bytes[i] ^= 1 << rng.below(8),
        1 => bytes.insert(i, rng.below(256) as u8),
        2 if i < bytes.len() => {
            bytes.remove(i);
        }
        _ => bytes.truncate(i),
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{Rng, corpus, mutant, tokens};

    #[test]
    fn tokens_cover_the_text_and_mutants_differ() {
        let text = "J(a, b) = 3*(a + b·c)  # ∂J/∂b\n";
        assert_eq!(tokens(text).concat(), text);
        assert!(tokens(text).contains(&"J") && tokens(text).contains(&"·") && tokens(text).contains(&"  "));
        let corpus = corpus();
        assert!(corpus.len() > 20, "examples found: {}", corpus.len());
        let mut rng = Rng::new(3);
        let changed = (0..100).filter(|_| !corpus.contains(&mutant(&corpus, &mut rng))).count();
        assert!(changed > 80, "only {changed} of 100 mutants differ from every example");
    }
}
