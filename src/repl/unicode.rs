//! LaTeX-style names for the symbols gd reads: `\alpha` → α, `\partial` → ∂,
//! `\_1` → ₁, `\^2` → ². The REPL completes them on Tab; `:help unicode`
//! prints this table.

/// Every `\name` with the symbol it stands for.
pub const NAMES: &[(&str, &str)] = &[
    ("\\alpha", "α"),
    ("\\beta", "β"),
    ("\\gamma", "γ"),
    ("\\delta", "δ"),
    ("\\epsilon", "ε"),
    ("\\zeta", "ζ"),
    ("\\eta", "η"),
    ("\\theta", "θ"),
    ("\\iota", "ι"),
    ("\\kappa", "κ"),
    ("\\lambda", "λ"),
    ("\\mu", "μ"),
    ("\\nu", "ν"),
    ("\\xi", "ξ"),
    ("\\pi", "π"),
    ("\\rho", "ρ"),
    ("\\sigma", "σ"),
    ("\\tau", "τ"),
    ("\\upsilon", "υ"),
    ("\\phi", "φ"),
    ("\\chi", "χ"),
    ("\\psi", "ψ"),
    ("\\omega", "ω"),
    ("\\Gamma", "Γ"),
    ("\\Delta", "Δ"),
    ("\\Theta", "Θ"),
    ("\\Lambda", "Λ"),
    ("\\Xi", "Ξ"),
    ("\\Pi", "Π"),
    ("\\Sigma", "Σ"),
    ("\\Phi", "Φ"),
    ("\\Psi", "Ψ"),
    ("\\Omega", "Ω"),
    ("\\partial", "∂"),
    ("\\nabla", "∇"),
    ("\\cdot", "·"),
    ("\\times", "×"),
    ("\\prime", "′"),
    ("\\_0", "₀"),
    ("\\_1", "₁"),
    ("\\_2", "₂"),
    ("\\_3", "₃"),
    ("\\_4", "₄"),
    ("\\_5", "₅"),
    ("\\_6", "₆"),
    ("\\_7", "₇"),
    ("\\_8", "₈"),
    ("\\_9", "₉"),
    ("\\^0", "⁰"),
    ("\\^1", "¹"),
    ("\\^2", "²"),
    ("\\^3", "³"),
    ("\\^4", "⁴"),
    ("\\^5", "⁵"),
    ("\\^6", "⁶"),
    ("\\^7", "⁷"),
    ("\\^8", "⁸"),
    ("\\^9", "⁹"),
    ("\\^-", "⁻"),
];

/// The `\names` that begin with `prefix` (itself starting with `\`).
pub fn starting_with(prefix: &str) -> impl Iterator<Item = &'static (&'static str, &'static str)> + '_ {
    NAMES.iter().filter(move |(name, _)| name.starts_with(prefix))
}

/// The `:help unicode` table, five names to a line (within 80 columns).
pub fn table() -> String {
    let cells: Vec<String> = NAMES.iter().map(|(name, symbol)| format!("{name:<9} {symbol}")).collect();
    let mut out = String::new();
    for row in cells.chunks(5) {
        out.push_str("  ");
        out.push_str(row.join("   ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lexer::Token;
    use logos::Logos;

    #[test]
    fn every_symbol_is_something_gd_reads() {
        for (name, symbol) in NAMES {
            let text = format!("x{symbol}");
            let read = Token::lexer(&text).all(|token| token.is_ok());
            assert!(read || *symbol == "⁻", "{name} → {symbol} does not lex");
        }
    }

    #[test]
    fn names_are_unique_and_prefixes_find_them() {
        let mut names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMES.len());
        let found: Vec<&str> = starting_with("\\th").map(|(_, s)| *s).collect();
        assert_eq!(found, ["θ"]);
        assert_eq!(starting_with("\\_").count(), 10);
    }
}
