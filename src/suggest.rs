//! "Did you mean …?": the nearest known spelling to a mistyped name, and
//! the reading of an unknown name as a product of known ones (`bc` → `b*c`).

use crate::message::Message;
use crate::msg;
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
pub fn other_spelling(name: &str) -> Option<Message> {
    let help = match name {
        "arcsin" | "arccos" | "arctan" => msg!("spelling.writes-it", name = name.replacen("arc", "a", 1)),
        "sgn" | "signum" => msg!("spelling.writes-it", name = "sign"),
        "sine" => msg!("spelling.writes-it", name = "sin"),
        "cosine" => msg!("spelling.writes-it", name = "cos"),
        "tangent" => msg!("spelling.writes-it", name = "tan"),
        "lg" => msg!("spelling.lg"),
        "sigm" | "logistic" | "expit" => msg!("spelling.logistic"),
        "ReLU" | "Relu" => msg!("spelling.writes-it", name = "relu"),
        "sec" => msg!("spelling.has-no", name = "sec", instead = "1/cos(x)"),
        "csc" | "cosec" => msg!("spelling.has-no", name = "csc", instead = "1/sin(x)"),
        "cot" => msg!("spelling.cot"),
        "sech" => msg!("spelling.has-no", name = "sech", instead = "1/cosh(x)"),
        "asinh" | "arsinh" | "arcsinh" => msg!("spelling.has-no", name = "asinh", instead = "log(x + sqrt(x^2 + 1))"),
        "acosh" | "arcosh" | "arccosh" => msg!("spelling.has-no", name = "acosh", instead = "log(x + sqrt(x^2 - 1))"),
        "atanh" | "artanh" | "arctanh" => msg!("spelling.has-no", name = "atanh", instead = "log((1 + x)/(1 - x))/2"),
        "log1p" => msg!("spelling.has-no", name = "log1p", instead = "log(1 + x)"),
        "expm1" => msg!("spelling.has-no", name = "expm1", instead = "exp(x) - 1"),
        "exp2" => msg!("spelling.has-no", name = "exp2", instead = "2^x"),
        "atan2" => msg!("spelling.atan2"),
        // `log3`, `log16`: a base of 2 or more, written without a leading 0.
        _ if name
            .strip_prefix("log")
            .is_some_and(|base| !base.starts_with('0') && base.parse::<u32>().is_ok_and(|b| b >= 2)) =>
        {
            let base = &name[3..];
            msg!("spelling.log-base", base = base)
        }
        "pow" => msg!("spelling.pow"),
        "cbrt" => msg!("spelling.has-no", name = "cbrt", instead = "x^(1/3)"),
        "square" | "sqr" => msg!("spelling.square"),
        "floor" | "ceil" | "round" | "trunc" | "erf" | "gamma" | "mod" => {
            msg!("spelling.missing", name = name)
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
