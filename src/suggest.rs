//! "Did you mean …?": the nearest known spelling to a mistyped name, and
//! the reading of an unknown name as a product of known ones (`bc` → `b*c`).

use std::collections::HashSet;

/// The candidate closest to `name` by edit distance, if it is close enough
/// to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    if length > 64 {
        return None; // no typo makes a name this long
    }
    let limit = match length {
        0..=1 => 0,
        2..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name || candidate.chars().count().abs_diff(length) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(name, candidate);
        let case_only = candidate.to_lowercase() == name.to_lowercase();
        let distance = if case_only { 0 } else { distance };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The builtin closest to `name` as a typo (`sigmiod`, `sinn`, `Sin`), but
/// never one that differs from it only at an end: families of builtins
/// differ there (`log10` is not `log`, `cosh` not `cos2`, `asin` not `sin`).
pub fn closest_builtin<'a>(name: &str, builtins: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let builtins: Vec<&str> = builtins.into_iter().collect();
    let mut undoubled: Vec<char> = name.chars().collect();
    undoubled.dedup();
    let undoubled: String = undoubled.into_iter().collect();
    if let Some(&same) = builtins.iter().find(|b| **b == undoubled) {
        return Some(same); // `sinn`, `expp`: a key pressed twice
    }
    let lower = name.to_lowercase();
    let at_an_end = |builtin: &&str| {
        let (a, b): (Vec<char>, Vec<char>) = (lower.chars().collect(), builtin.chars().collect());
        let common_head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let common_tail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
        a != b && (common_head >= a.len().min(b.len()) - 1 || common_tail >= a.len().min(b.len()) - 1)
    };
    let typos = builtins.into_iter().filter(|b| !at_an_end(b) && strsim::damerau_levenshtein(&lower, b) <= 1);
    if let Some(case_only) = typos.clone().find(|b| **b == lower) {
        return Some(case_only);
    }
    closest(name, typos)
}

/// Help for a mathematical function students know under another name, or
/// that gd writes another way: `arctan` is `atan`, `sec(x)` is `1/cos(x)`.
pub fn other_spelling(name: &str) -> Option<String> {
    let help = match name {
        "arcsin" | "arccos" | "arctan" => format!("gd writes it `{}`", name.replacen("arc", "a", 1)),
        "sgn" | "signum" => "gd writes it `sign`".to_string(),
        "sine" => "gd writes it `sin`".to_string(),
        "cosine" => "gd writes it `cos`".to_string(),
        "tangent" => "gd writes it `tan`".to_string(),
        "lg" => "write `log10(x)` for the common logarithm (`log` is the natural one)".to_string(),
        "sigm" | "logistic" | "expit" => "gd writes the logistic function `σ(x)` or `sigmoid(x)`".to_string(),
        "ReLU" | "Relu" => "gd writes it `relu`".to_string(),
        "sec" => "gd has no `sec`; write `1/cos(x)`".to_string(),
        "csc" | "cosec" => "gd has no `csc`; write `1/sin(x)`".to_string(),
        "cot" => "gd has no `cot`; write `1/tan(x)` or `cos(x)/sin(x)`".to_string(),
        "sech" => "gd has no `sech`; write `1/cosh(x)`".to_string(),
        "asinh" | "arsinh" | "arcsinh" => "gd has no `asinh`; write `log(x + sqrt(x^2 + 1))`".to_string(),
        "acosh" | "arcosh" | "arccosh" => "gd has no `acosh`; write `log(x + sqrt(x^2 - 1))`".to_string(),
        "atanh" | "artanh" | "arctanh" => "gd has no `atanh`; write `log((1 + x)/(1 - x))/2`".to_string(),
        "log1p" => "gd has no `log1p`; write `log(1 + x)`".to_string(),
        "expm1" => "gd has no `expm1`; write `exp(x) - 1`".to_string(),
        "exp2" => "gd has no `exp2`; write `2^x`".to_string(),
        "atan2" => "gd has no `atan2`; write `atan(y/x)` (for x > 0)".to_string(),
        _ if name.strip_prefix("log").is_some_and(|base| base.parse::<u32>().is_ok()) => {
            let base = &name[3..];
            format!("gd has `log10` and `log2`; for base {base} write `log(x)/log({base})`")
        }
        "pow" => "powers are written with `^`: `a^b`".to_string(),
        "cbrt" => "gd has no `cbrt`; write `x^(1/3)`".to_string(),
        "square" | "sqr" => "write `x^2` for the square, `sqrt(x)` for the square root".to_string(),
        "floor" | "ceil" | "round" | "trunc" | "erf" | "gamma" | "mod" => {
            format!("gd has no `{name}` (its builtins are listed in docs/language.md)")
        }
        _ => return None,
    };
    Some(help)
}

/// Reads `name` as known names written side by side (`bc` as `b*c`),
/// returning the product, or `None` when no such reading exists. Linear in
/// the name's length for a fixed set of known names.
pub fn split_product(name: &str, known: &[String]) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 2 {
        return None;
    }
    let known: HashSet<&str> = known.iter().map(String::as_str).collect();
    let longest = known.iter().map(|k| k.chars().count()).max().unwrap_or(0);
    // from[i]: where the last piece of a split of the first i characters starts.
    let mut from: Vec<Option<usize>> = vec![None; chars.len() + 1];
    let mut piece = String::new();
    for end in 1..=chars.len() {
        for start in end.saturating_sub(longest)..end {
            if start > 0 && from[start].is_none() {
                continue;
            }
            piece.clear();
            piece.extend(&chars[start..end]);
            if known.contains(piece.as_str()) {
                from[end] = Some(start);
                break;
            }
        }
    }
    let mut names = Vec::new();
    let mut end = chars.len();
    while end > 0 {
        let start = from[end]?;
        names.push(chars[start..end].iter().collect::<String>());
        end = start;
    }
    names.reverse();
    (names.len() > 1).then(|| names.join("*"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_name_within_typo_distance() {
        assert_eq!(closest("Jx", ["J", "K"]), Some("J"));
        assert_eq!(closest("sigmiod", ["sigmoid", "sin"]), Some("sigmoid"));
        assert_eq!(closest("alpah", ["alpha", "tol"]), Some("alpha"));
        assert_eq!(closest("zzz", ["J", "alpha"]), None);
        assert_eq!(closest("x", ["σ", "e"]), None, "one letter is never a typo of another");
        assert_eq!(closest("j", ["J"]), Some("J"));
    }

    #[test]
    fn products_written_without_a_star() {
        let known: Vec<String> = ["a", "b", "c", "θ1"].iter().map(|s| s.to_string()).collect();
        assert_eq!(split_product("bc", &known), Some("b*c".to_string()));
        assert_eq!(split_product("aθ1", &known), Some("a*θ1".to_string()));
        assert_eq!(split_product("bd", &known), None);
        assert_eq!(split_product("a", &known), None);
    }
}
