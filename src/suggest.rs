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
