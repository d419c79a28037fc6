//! A simple delta reducer: takes a program that shows a finding and hands on
//! a smaller program that shows a finding with the same key — whole lines
//! removed in halves, quarters, … down to single lines, then single tokens
//! within lines, then whole lines again — within a budget of runs (a small one for time-outs, whose
//! runs are slow and may cost a worker).

use super::detect::examine;
use super::mutate::tokens;
use super::runner::Runner;

/// Runs allowed for reducing one finding.
const BUDGET: usize = 300;
const TIME_OUT_BUDGET: usize = 4;

pub fn reduce(program: &str, key: &str, runner: &mut Runner) -> String {
    let mut budget = if key == "time-out" { TIME_OUT_BUDGET } else { BUDGET };
    let mut still = |candidate: &str| {
        if budget == 0 || runner.exhausted() {
            return false;
        }
        budget -= 1;
        examine(candidate, runner).is_some_and(|f| f.key == key)
    };
    let lines: Vec<String> = program.lines().map(str::to_string).collect();
    let mut reduced = remove_chunks(lines, "\n", &mut still);
    for i in 0..reduced.len() {
        let parts = words(&reduced[i]);
        let mut with_line = |line: &str| {
            let mut candidate = reduced.clone();
            candidate[i] = line.to_string();
            still(&candidate.join("\n"))
        };
        let kept = remove_chunks(parts, "", &mut with_line);
        reduced[i] = kept.concat();
    }
    remove_chunks(reduced, "\n", &mut still).join("\n")
}

/// The tokens of a line, each with the spaces after it (so removing one keeps the rest readable).
fn words(line: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for token in tokens(line) {
        match words.last_mut() {
            Some(last) if token.trim().is_empty() => last.push_str(token),
            _ => words.push(token.to_string()),
        }
    }
    words
}

/// Removes chunks of `items` (halves first, then smaller) while `still` holds for what is left.
fn remove_chunks(mut items: Vec<String>, separator: &str, still: &mut dyn FnMut(&str) -> bool) -> Vec<String> {
    let mut size = items.len().div_ceil(2).max(1);
    loop {
        let mut start = 0;
        while start < items.len() {
            let end = (start + size).min(items.len());
            let mut candidate = items.clone();
            candidate.drain(start..end);
            if !candidate.is_empty() && still(&candidate.join(separator)) {
                items = candidate;
            } else {
                start = end;
            }
        }
        if size == 1 {
            return items;
        }
        size = size.div_ceil(2);
    }
}

#[cfg(test)]
mod tests {
    use super::{remove_chunks, words};

    #[test]
    fn words_keep_their_spaces() {
        assert_eq!(words("  a = 1 +  b"), vec!["  ", "a ", "= ", "1 ", "+  ", "b"]);
    }

    #[test]
    fn chunks_are_removed_down_to_what_the_predicate_needs() {
        let items: Vec<String> = (0..20).map(|i| format!("s{i}")).collect();
        let mut runs = 0;
        let mut needs = |text: &str| {
            runs += 1;
            text.contains("s3") && text.contains("s17")
        };
        let kept = remove_chunks(items, " ", &mut needs);
        assert_eq!(kept, vec!["s3".to_string(), "s17".to_string()]);
        assert!(runs < 60, "{runs} runs");
    }
}
