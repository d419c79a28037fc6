//! The cells this kernel has run, for `history_request` (what `jupyter
//! console` recalls with the up arrow, and a notebook's history search).
//! Takes each counted cell with its number and the text of its result;
//! hands on the last n, a range of numbers, or those matching a glob
//! pattern. The kernel keeps its history in memory: it is session 1, and
//! there are no earlier sessions.

use jupyter_protocol::{HistoryEntry, HistoryReply, HistoryRequest};

/// The number of the one session this kernel remembers.
const SESSION: usize = 1;

/// One cell that ran.
struct Ran {
    number: usize,
    input: String,
    output: String,
}

/// The cells run so far, in order.
#[derive(Default)]
pub struct CellHistory {
    cells: Vec<Ran>,
}

impl CellHistory {
    /// Remembers the cell numbered `number`, with the text of its result.
    pub fn record(&mut self, number: usize, input: &str, output: &str) {
        self.cells.push(Ran { number, input: input.to_string(), output: output.to_string() });
    }

    /// The answer to a history request.
    pub fn reply(&self, request: &HistoryRequest) -> HistoryReply {
        let (found, output): (Vec<&Ran>, bool) = match request {
            HistoryRequest::Tail { n, output, .. } => (last(self.cells.iter().collect(), *n), *output),
            HistoryRequest::Range { session, start, stop, output, .. } => {
                (self.range(*session, *start, *stop), *output)
            }
            HistoryRequest::Search { pattern, unique, output, n, .. } => (self.search(pattern, *unique, *n), *output),
        };
        HistoryReply::new(found.into_iter().map(|ran| entry(ran, output)).collect())
    }

    /// Cells `start` up to (not including) `stop` of a session: 0 or 1 is
    /// this one (0 is "the current session"); any other has no cells here.
    fn range(&self, session: Option<i32>, start: i32, stop: i32) -> Vec<&Ran> {
        if !matches!(session, None | Some(0 | 1)) {
            return Vec::new();
        }
        let within = |number: usize| i64::from(start) <= number as i64 && (number as i64) < i64::from(stop);
        self.cells.iter().filter(|ran| within(ran.number)).collect()
    }

    /// The last `n` cells whose input matches `pattern`; with `unique`,
    /// each input once, at its latest run.
    fn search(&self, pattern: &str, unique: bool, n: i32) -> Vec<&Ran> {
        let pattern: Vec<char> = pattern.chars().collect();
        let mut found: Vec<&Ran> =
            self.cells.iter().filter(|ran| glob(&pattern, &ran.input.chars().collect::<Vec<_>>())).collect();
        if unique {
            let mut seen = std::collections::HashSet::new();
            found.reverse();
            found.retain(|ran| seen.insert(ran.input.as_str()));
            found.reverse();
        }
        last(found, n)
    }
}

/// The last `n` of `cells`; all of them when `n` is not positive.
fn last(cells: Vec<&Ran>, n: i32) -> Vec<&Ran> {
    let keep = usize::try_from(n).ok().filter(|&n| n > 0).unwrap_or(cells.len());
    let skip = cells.len().saturating_sub(keep);
    cells.into_iter().skip(skip).collect()
}

fn entry(ran: &Ran, output: bool) -> HistoryEntry {
    if output {
        HistoryEntry::InputOutput(SESSION, ran.number, (ran.input.clone(), ran.output.clone()))
    } else {
        HistoryEntry::Input(SESSION, ran.number, ran.input.clone())
    }
}

/// Whether `text` matches the glob `pattern` (`*` any run of characters,
/// `?` any one character), in time proportional to their lengths' product.
fn glob(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history() -> CellHistory {
        let mut history = CellHistory::default();
        for (number, input) in ["x = 1", "J(1, 2)", "x = 1", "J(3, 4)"].into_iter().enumerate() {
            history.record(number + 1, input, "out");
        }
        history
    }

    fn inputs(reply: HistoryReply) -> Vec<(usize, String)> {
        let pair = |entry: HistoryEntry| match entry {
            HistoryEntry::Input(_, number, input) => (number, input),
            HistoryEntry::InputOutput(_, number, (input, _)) => (number, input),
        };
        reply.history.into_iter().map(pair).collect()
    }

    #[test]
    fn tail_range_and_search() {
        let history = history();
        let tail = HistoryRequest::Tail { n: 2, output: false, raw: true };
        assert_eq!(inputs(history.reply(&tail)), [(3, "x = 1".into()), (4, "J(3, 4)".into())]);
        let range = HistoryRequest::Range { session: Some(1), start: 2, stop: 3, output: true, raw: true };
        assert_eq!(inputs(history.reply(&range)), [(2, "J(1, 2)".into())]);
        let other = HistoryRequest::Range { session: Some(-1), start: 0, stop: 9, output: false, raw: true };
        assert!(history.reply(&other).history.is_empty());
        let search = |pattern: &str, unique: bool, n: i32| {
            let request = HistoryRequest::Search { pattern: pattern.into(), unique, output: false, raw: true, n };
            inputs(history.reply(&request)).into_iter().map(|(number, _)| number).collect::<Vec<_>>()
        };
        assert_eq!(search("J(*", false, 0), [2, 4]);
        assert_eq!(search("x = ?", false, 0), [1, 3]);
        assert_eq!(search("x = ?", true, 0), [3]);
        assert_eq!(search("*", false, 3), [2, 3, 4]);
        assert_eq!(search("J", false, 0), Vec::<usize>::new());
    }

    #[test]
    fn glob_patterns() {
        let matches =
            |pattern: &str, text: &str| glob(&pattern.chars().collect::<Vec<_>>(), &text.chars().collect::<Vec<_>>());
        assert!(matches("*", ""));
        assert!(matches("a*b*c", "aXXbYYc"));
        assert!(matches("θ?", "θ1"));
        assert!(!matches("a*b", "aXXc"));
        assert!(!matches("ab", "abc"));
        assert!(matches(&"*a".repeat(50), &"a".repeat(200)), "many stars stay quick");
    }
}
