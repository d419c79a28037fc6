//! The text of `:help` and its topics. Every topic ends with a runnable
//! example: lines after `gd> ` are typed, the lines below them are what gd
//! prints (a test runs each topic's examples and compares, so they stay true;
//! `…` stands for lines left out). [`about`] answers a notebook's question
//! about one word from the same texts.

use super::{hint, unicode};
use crate::builtins::{self, Builtin};
use crate::names::{METHODS, SETTINGS, SettingName};
use crate::session::inventory::Vocabulary;

/// The topics of `:help TOPIC`, with a one-line summary each.
pub const TOPICS: &[(&str, &str)] = &[
    ("derivatives", "∂J/∂b, ∇J, f', diff, simplify, as latex"),
    ("check", "verify a derivative or a value you worked out by hand"),
    ("graph", "the computation graph, forward values and backward adjoints"),
    ("minimize", "gradient descent: learning rate, methods, tables, plots"),
    ("data", "vectors, CSV files, sums and means, fitting a model"),
    ("unicode", "typing α, θ₁, ∂, ∇ with \\alpha<Tab>, \\theta\\_1<Tab>"),
];

/// `:help` with no topic: what gd is, the commands and the topics.
pub fn overview() -> String {
    let mut text = String::from(
        "gd differentiates functions written as on paper, exactly. Each line below\n\
         can be typed or pasted as it is (`#` starts a comment):\n\n\
         \x20 J(a, b, c) = 3*(a + b*c)          # define a function (`x = 2` binds a value)\n\
         \x20 J(5, 3, 2)                        # call it\n\
         \x20 ∂J/∂b                             # a partial derivative (∇J: all of them)\n\
         \x20 check ∂J/∂b = 3*c                 # check one you worked out by hand\n\
         \x20 graph J at a=5, b=3, c=2          # the computation graph and the chain rule\n\
         \x20 Q(w) = (w - 3)^2\n\
         \x20 minimize Q from w=0 with α=0.1    # gradient descent\n\n\
         Commands:\n\
         \x20 :help [topic]   this text, or one topic\n\
         \x20 :list           what is defined: functions, values, data\n\
         \x20 :clear          forget everything defined\n\
         \x20 :load FILE      run a .gd script into this session\n\
         \x20 :save FILE      write this session as a .gd script\n\
         \x20 :quit           leave (or Ctrl-D)\n\n\
         Topics (:help TOPIC):\n",
    );
    for (topic, summary) in TOPICS {
        text.push_str(&format!("  {topic:<12} {summary}\n"));
    }
    text.push_str("\nTab completes names, settings, commands and file names in strings, and turns \\alpha into α.\n");
    text.push_str("A topic's examples can be pasted whole: gd drops the `gd> ` prompts and skips the output.\n");
    text.push_str("Ctrl-C cancels a line or stops a long minimize.\n");
    text
}

/// The text of one topic, or `None` if there is no such topic.
pub fn topic(name: &str) -> Option<String> {
    let text = match name {
        "derivatives" => DERIVATIVES.to_string(),
        "check" => CHECK.to_string(),
        "graph" => GRAPH.to_string(),
        "minimize" => minimize_topic(),
        "data" => DATA.to_string(),
        "unicode" => format!("{UNICODE}{}{UNICODE_EXAMPLE}", unicode::table()),
        _ => return None,
    };
    Some(text)
}

/// Help on one word, for a notebook's inspector (Shift-Tab in Jupyter): a
/// name the session defines (its entry in `listing`, the `:list` text), a
/// builtin (how it is called, and the topic that tells more), or a keyword
/// or topic name (the topic). `None` for a word gd does not know.
pub fn about(word: &str, vocabulary: &Vocabulary, listing: &str) -> Option<String> {
    if let Some(entry) = listed(word, listing) {
        return Some(format!("{entry}\n\n(defined in this session; `:list` shows everything defined)\n"));
    }
    if let Some(builtin) = builtins::lookup(word) {
        let call = match hint::params_of(word, vocabulary) {
            Some(params) => format!("{word}({}): a builtin function", params.join(", ")),
            None => format!("{word}: a builtin constant"),
        };
        let more = builtin_topic(builtin).and_then(topic).map(|text| format!("\n\n{text}")).unwrap_or_default();
        return Some(format!("{call}{more}\n"));
    }
    topic(keyword_topic(word).unwrap_or(word))
}

/// The `:list` entry that defines `name`: its line, with the lines of a
/// definition written over several, which `:list` indents under it.
fn listed(name: &str, listing: &str) -> Option<String> {
    let defines = |line: &str| {
        let entry = line.strip_prefix("  ").filter(|entry| !entry.starts_with(' '));
        entry.and_then(|entry| entry.strip_prefix(name)).is_some_and(|rest| rest.starts_with(['(', ' ', ':', '=']))
    };
    let mut lines = listing.lines().skip_while(|line| !defines(line));
    let first = lines.next()?.trim_start();
    let rest = lines.take_while(|line| line.starts_with("    ")).map(|line| &line[2..]);
    Some(std::iter::once(first).chain(rest).collect::<Vec<_>>().join("\n"))
}

/// The topic that tells more about a builtin, if one does.
fn builtin_topic(builtin: Builtin) -> Option<&'static str> {
    match builtin {
        Builtin::Diff | Builtin::Grad | Builtin::Simplify => Some("derivatives"),
        Builtin::Load | Builtin::Sum | Builtin::Mean | Builtin::Len | Builtin::Dot | Builtin::Var | Builtin::Std => {
            Some("data")
        }
        Builtin::Math(_) | Builtin::Sqrt | Builtin::Constant(_) | Builtin::Max | Builtin::Min => None,
    }
}

/// The topic about a keyword.
fn keyword_topic(word: &str) -> Option<&'static str> {
    match word {
        "check" | "within" => Some("check"),
        "graph" | "at" => Some("graph"),
        "minimize" | "maximize" | "over" | "from" | "with" => Some("minimize"),
        "as" => Some("derivatives"),
        _ => None,
    }
}

const DERIVATIVES: &str = "\
Derivatives are exact and simplified, and are functions themselves: print,
call, bind or check them.

  ∂J/∂b, diff(J, b)          partial derivative of J with respect to b
  ∂²J/∂b∂c, diff(J, c, b)    higher order; ∂²J/∂b² is diff(J, b, b)
  ∇J, grad(J)                the gradient, one line per parameter
  f'                         derivative of a function of one parameter
  diff(expr, x)              derivative of an expression in free symbols
  simplify(expr)             the simplest form gd finds
  (∂J/∂b)(1, 2, 3)           a derivative at a point, in J's parameter order
  dJ = ∂J/∂b                 bind it to a name
  diff(f', x)                a derivative of a derivative
  2*∂J/∂a + ∂J/∂b            sums and multiples of them
  ∂J/∂b as latex             print as LaTeX

Try:
  gd> J(a, b, c) = 3*(a + b*c)
  gd> ∂J/∂b
  ∂J/∂b = 3*c
  gd> (∂J/∂b)(1, 2, 3)
  9
  gd> s(z) = σ(z)
  gd> s'
  s'(z) = σ(z)*(1 - σ(z))
  gd> diff(x^2*sin(x), x)
  2*x*sin(x) + x^2*cos(x)
";

const CHECK: &str = "\
`check` says whether a claim holds: proved symbolically (or case by case
for relu, abs, step), or tested at breakpoints and 30 random points, or
refuted with a counterexample and the correct answer. `~` marks a claim true
only where both sides are defined, or except at a kink (docs/check.md). A
script ends with a count of its checks, and exits with status 1 if any failed.

  check ∂J/∂b = 3*c           a derivative you worked out
  check ∇J = (3, 3*c, 3*b)    the whole gradient
  check J(1, 2, 3) = 21       a value
  check ∇J(1, 2, 3) = (3, 9, 6)   the gradient at a point
  check r.m = 2 within 0.01   a value, to a tolerance
  check sin(2*x) = 2*sin(x)*cos(x)   an identity, for all x

Try:
  gd> J(a, b, c) = 3*(a + b*c)
  gd> check ∂J/∂b = 3*c
  ✓ ∂J/∂b = 3*c (proved)
  gd> check ∂J/∂b = 3*a
  ✗ ∂J/∂b ≠ 3*a — at a=2, b=1, c=1: ∂J/∂b = 3, 3*a = 6
    correct: ∂J/∂b = 3*c
";

const GRAPH: &str = "\
`graph F` shows F as a computer computes it: one node per operation, as
written, in evaluation order (u, v, w, …), shared subexpressions once. With
`at`, the forward pass gives each node's value, and the backward pass each
node's adjoint ∂J/∂node by the chain rule, from the local derivatives
∂parent/∂node|local (the parent's own operation alone).

  graph J                         the nodes
  graph J at a=5, b=3, c=2        forward values, adjoints, the gradient
  graph J as mermaid              a Mermaid flowchart (mermaid.live)
  graph J at a=5, b=3, c=2 as dot
                                  Graphviz text, for `dot -Tsvg`

Try:
  gd> J(a, b, c) = 3*(a + b*c)
  gd> graph J
  J(a, b, c) = 3*(a + b*c)
    u = b*c
    v = a + u
    J = 3*v
  gd> graph J at a=5, b=3, c=2
  …
  gradient: ∂J/∂a = 3, ∂J/∂b = 6, ∂J/∂c = 9
";

/// The minimize topic, its learning rate's other spellings and its
/// methods read from `names` (the table the checker and the optimizer use).
fn minimize_topic() -> String {
    let aliases: Vec<&str> = SETTINGS
        .iter()
        .filter(|(spelling, setting)| *setting == SettingName::LearningRate && *spelling != "α")
        .map(|(spelling, _)| *spelling)
        .collect();
    let (default, others) = METHODS.split_first().unwrap_or((&"gd", &[]));
    MINIMIZE
        .replace("{ALIASES}", &either(&aliases))
        .replace("{DEFAULT_METHOD}", default)
        .replace("{OTHER_METHODS}", &others.join(", "))
}

/// `a, b or c`.
fn either(words: &[&str]) -> String {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => words.join(", "),
    }
}

/// The minimize topic, with the names in braces for [`minimize_topic`] to fill in.
const MINIMIZE: &str = "\
`minimize F` runs gradient descent, θ ← θ − α∇F(θ), all parameters at once,
and prints a table of the iterations and a verdict; `maximize` climbs.
Ctrl-C stops a long run.

  minimize J from θ1 = 0.75, θ2 = 0.75   start (others start at 0)
  minimize J over θ1 from …              move only θ1
  … with α = 0.2, tol = 1e-3, steps = 500
                       learning rate and stopping rules
                       (α is also written {ALIASES})
  … with method = adam
                       the update rule: {DEFAULT_METHOD} (the default), or one of
                       {OTHER_METHODS}
  … with β = 0.9       momentum
  … with trace = 10    every 10th iteration in the table
  … with plot = \"descent.svg\"
                       J against iteration, and the path over the contours
  … with restarts = 5  also start from 5 random points, keep the best
  … with batch = 16, seed = 1
                       mini-batches of data rows (see :help data)
  r = minimize …       keep the result: r.θ1, r.J, r.iterations, r.converged

Try:
  gd> J(θ1, θ2) = θ1^2 + θ2^2
  gd> minimize J from θ1 = 0.75, θ2 = 0.75 with α = 0.2, tol = 1e-3
  gradient descent on J: α = 0.2, tol = 0.001, steps = 10000
  …
  converged after 8 iterations: θ1 = 0.0126, θ2 = 0.0126, J = 0.000317
";

const DATA: &str = "\
Vectors are written [1, 2, 3]; arithmetic and builtins apply to each
element, and numbers stand for every element. A CSV file with a header row
loads as a table, `data = load(\"houses.csv\")`; then `data.price` is a
column (`data.\"sale price\"` when the name is not a plain name). A function
of numbers may use bound vectors: its derivatives are symbolic, and minimize
runs them as one compiled pass over the rows.

  sum(v), mean(v), len(v), dot(u, v)     reductions
  J(m, b) = mean((m*x + b - y)^2)        a cost over data rows
  minimize J with batch = 16, seed = 1   stochastic descent, 16 rows a step

Try:
  gd> x = [1, 2, 3, 4]
  gd> y = [3, 5, 7, 9]
  gd> 2*x + 1
  [3, 5, 7, 9]
  gd> J(m, b) = mean((m*x + b - y)^2)
  gd> ∂J/∂m
  ∂J/∂m = 2*mean(x*(b + m*x - y))
  gd> J(2, 1)
  0
";

const UNICODE: &str = "\
gd reads Greek letters, subscripts and mathematical signs as written. In
the REPL, type a LaTeX-style name and press Tab: \\alpha<Tab> gives α, and
\\theta\\_1<Tab> gives θ₁.

";

const UNICODE_EXAMPLE: &str = "
Pasted mathematics works too: · and × are *, − is -, x² is x^2; θ₁ and θ1
are different names.

Try:
  gd> θ₁ = 2
  gd> θ₁² + 2·3 − 1
  9
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Captured, Session, Settings};

    /// The `gd> ` lines of a topic's example, each with the lines shown below it.
    fn examples(text: &str) -> Vec<(String, Vec<String>)> {
        let mut examples: Vec<(String, Vec<String>)> = Vec::new();
        let Some((_, tried)) = text.split_once("Try:\n") else { return examples };
        for line in tried.lines() {
            if let Some(input) = line.strip_prefix("  gd> ") {
                examples.push((input.to_string(), Vec::new()));
            } else if let Some((_, shown)) = examples.last_mut() {
                shown.push(line.strip_prefix("  ").unwrap_or(line).to_string());
            }
        }
        examples
    }

    /// True when `printed` matches `shown`, where a `…` line stands for any lines.
    fn matches(printed: &[&str], shown: &[String]) -> bool {
        match shown.split_first() {
            None => printed.is_empty(),
            Some((first, rest)) if first == "…" => (0..=printed.len()).any(|skip| matches(&printed[skip..], rest)),
            Some((first, rest)) => printed.first() == Some(&first.as_str()) && matches(&printed[1..], rest),
        }
    }

    #[test]
    fn every_topic_has_an_example_that_prints_what_it_shows() {
        for (name, _) in TOPICS {
            let text = topic(name).unwrap_or_default();
            let examples = examples(&text);
            assert!(!examples.is_empty(), "`:help {name}` has no example");
            let mut session = Session::new(Settings { seed: 2026, ..Settings::default() });
            for (input, shown) in examples {
                let mut out = Captured::default();
                session.run_line(&input, &mut out);
                assert!(out.err.is_empty(), ":help {name}: `{input}` fails: {}", out.err);
                let printed: Vec<&str> = out.out.lines().collect();
                assert!(matches(&printed, &shown), ":help {name}: `{input}` printed\n{}\nnot\n{shown:?}", out.out);
            }
        }
    }

    #[test]
    fn every_example_line_of_the_overview_runs_as_pasted() {
        let overview = overview();
        let (examples, _) = overview.split_once("Commands:").unwrap_or_default();
        let lines: Vec<&str> = examples.lines().filter(|line| line.starts_with("  ")).collect();
        assert!(lines.len() >= 7, "{lines:?}");
        let mut session = Session::new(Settings::default());
        for line in lines {
            let mut out = Captured::default();
            session.run_line(line, &mut out);
            assert!(out.err.is_empty(), "`{line}` fails: {}", out.err);
        }
    }

    #[test]
    fn a_topic_pasted_whole_runs_its_example() {
        let text = topic("derivatives").unwrap_or_default();
        let (_, tried) = text.split_once("Try:\n").unwrap_or_default();
        let pasted = super::super::paste::strip_prompts(tried);
        let mut session = Session::new(Settings::default());
        let mut out = Captured::default();
        session.run_line(&pasted.text, &mut out);
        assert_eq!(out.err, "");
        assert!(out.out.contains("s'(z) = σ(z)*(1 - σ(z))"), "{}", out.out);
    }

    #[test]
    fn about_a_defined_name_a_builtin_a_keyword_and_an_unknown_word() {
        let mut session = Session::new(Settings::default());
        let mut out = Captured::default();
        session.run_line("J(a, b,\n  c) = 3*(a + b*c)\nJx = 2\ndata = [1, 2]", &mut out);
        assert_eq!(out.err, "");
        let (vocabulary, listing) = (session.vocabulary(), session.listing());
        let about = |word: &str| about(word, &vocabulary, &listing).unwrap_or_default();
        assert!(about("J").starts_with("J(a, b,\n  c) = 3*(a + b*c)\n\n(defined"), "{}", about("J"));
        assert!(about("Jx").starts_with("Jx = 2\n"), "{}", about("Jx"));
        assert!(about("data").starts_with("data = [1, 2]\n"), "{}", about("data"));
        assert_eq!(about("sin"), "sin(x): a builtin function\n");
        assert!(
            about("diff").starts_with("diff(F, x): a builtin function\n\nDerivatives are exact"),
            "{}",
            about("diff")
        );
        assert_eq!(about("pi"), "pi: a builtin constant\n");
        assert_eq!(about("minimize"), topic("minimize").unwrap_or_default());
        assert_eq!(about("unicode"), topic("unicode").unwrap_or_default());
        assert!(about("nosuch").is_empty());
    }

    #[test]
    fn the_overview_names_every_topic_and_unknown_topics_are_none() {
        let overview = overview();
        assert!(TOPICS.iter().all(|(name, _)| overview.contains(name)));
        assert!(topic("nonsense").is_none());
    }

    #[test]
    fn the_minimize_topic_names_every_method_and_spelling_of_the_learning_rate() {
        let text = topic("minimize").unwrap_or_default();
        assert!(!text.contains('{'), "a name left unfilled: {text}");
        assert!(METHODS.iter().all(|method| text.contains(method)), "{text}");
        assert!(text.contains("(α is also written alpha, η, lr or learning_rate)"), "{text}");
        for line in TOPICS
            .iter()
            .filter_map(|(name, _)| topic(name))
            .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
        {
            assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= 80, "wider than a terminal: {line}");
        }
    }
}
