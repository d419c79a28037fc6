//! `minimize` / `maximize` through the real binary: every setting and every
//! method, each way a run can end, and the result record.

mod common;

/// Runs `gd -e LINE …`: what it printed and its exit code.
fn gd(code: &[&str]) -> (String, String, i32) {
    let ran = common::gd_e(code);
    (ran.stdout, ran.stderr, ran.code.unwrap_or(-1))
}

/// Runs `gd SCRIPT`.
fn gd_script(script: &std::path::Path) -> common::Ran {
    common::finish(common::gd_command().arg(script))
}

fn ok(code: &[&str]) -> String {
    let (stdout, stderr, status) = gd(code);
    assert_eq!(status, 0, "{stdout}{stderr}");
    stdout
}

/// The table rows (lines that start with an iteration number).
fn rows(output: &str) -> Vec<usize> {
    output.lines().filter_map(|l| l.split_whitespace().next()?.parse().ok()).collect()
}

const BOWL: &str = "J(θ1, θ2) = θ1^2 + θ2^2";

#[test]
fn the_seed_prints_its_published_result() {
    let out = ok(&[BOWL, "minimize J from θ1 = 0.75, θ2 = 0.75 with α = 0.2, tol = 1e-3"]);
    assert_eq!(rows(&out), (1..=8).collect::<Vec<_>>());
    assert!(out.contains("J = 1.125"), "{out}");
    assert!(out.contains("-0.000564"), "{out}");
    assert!(out.contains("converged after 8 iterations: θ1 = 0.0126, θ2 = 0.0126, J = 0.000317"), "{out}");
}

#[test]
fn learning_rate_spellings_mean_the_same() {
    let runs: Vec<String> = ["α", "alpha", "η", "lr"]
        .iter()
        .map(|name| ok(&[BOWL, &format!("minimize J from θ1 = 1, θ2 = 2 with {name} = 0.3")]))
        .collect();
    assert!(runs.windows(2).all(|w| w[0] == w[1]));
    let beta: Vec<String> = ["β", "beta", "momentum"]
        .iter()
        .map(|name| ok(&[BOWL, &format!("minimize J from θ1 = 1, θ2 = 2 with {name} = 0.5")]))
        .collect();
    assert!(beta.windows(2).all(|w| w[0] == w[1]));
    assert!(beta[0].starts_with("momentum descent"), "β alone means momentum: {}", beta[0]);
}

#[test]
fn every_method_reaches_the_bottom_of_a_bowl() {
    for method in ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] {
        let out = ok(&[
            BOWL,
            &format!(
                "r = minimize J from θ1 = 1, θ2 = -1 with method = {method}, α = 0.05, tol = 1e-10, steps = 20000"
            ),
            "r.J",
        ]);
        let last = out.lines().rfind(|l| l.contains("θ1 =")).unwrap_or_default();
        assert!(last.contains("converged") || last.contains("step limit"), "{method}: {out}");
        let j: f64 = out.lines().last().unwrap_or("nan").parse().unwrap_or(f64::NAN);
        assert!(j < 1e-3, "{method} ended at J = {j}\n{out}");
    }
}

#[test]
fn tolerance_and_step_limit() {
    let tight = ok(&[BOWL, "minimize J from θ1 = 1, θ2 = 1 with α = 0.1, tol = 1e-12"]);
    let loose = ok(&[BOWL, "minimize J from θ1 = 1, θ2 = 1 with α = 0.1, tol = 1e-2"]);
    let count = |out: &str| rows(out).last().copied().unwrap_or(0);
    assert!(count(&tight) > count(&loose));
    let limited = ok(&[BOWL, "minimize J from θ1 = 1, θ2 = 1 with α = 0.001, steps = 30"]);
    assert!(limited.contains("stopped at the step limit after 30 iterations"), "{limited}");
}

#[test]
fn divergence_names_the_learning_rate() {
    let out = ok(&[BOWL, "minimize J from θ1 = 0.75, θ2 = 0.75 with α = 1.1"]);
    assert!(out.contains("diverged") && out.contains("α = 1.1 is too large; try α = 0.55"), "{out}");
    let overflow = ok(&[BOWL, "minimize J from θ1 = 0.75, θ2 = 0.75 with α = 1e10"]);
    assert!(overflow.contains("grew beyond any finite number — α = 1e+10 is too large"), "{overflow}");
    let unbounded = ok(&["E(w) = exp(w)", "maximize E from w = 0 with α = 10"]);
    assert!(unbounded.contains("unbounded above"), "{unbounded}");
}

#[test]
fn trace_shows_every_nth_row() {
    let every = ok(&[BOWL, "minimize J from θ1 = 1, θ2 = 1 with α = 0.1, tol = 1e-6, trace"]);
    let all = rows(&every);
    assert_eq!(all, (1..=*all.last().unwrap_or(&0)).collect::<Vec<_>>());
    let third = ok(&[BOWL, "minimize J from θ1 = 1, θ2 = 1 with α = 0.1, tol = 1e-6, trace = 3"]);
    let shown = rows(&third);
    assert!(shown[..shown.len() - 1].iter().all(|k| k % 3 == 0), "{third}");
}

#[test]
fn over_moves_only_the_named_parameters_and_missing_starts_are_zero() {
    let out = ok(&[BOWL, "r = minimize J over θ1 from θ1 = 2, θ2 = 5 with tol = 1e-9", "r.θ2"]);
    assert_eq!(out.lines().last(), Some("5"));
    let zero = ok(&["K(a, b) = (a - 1)^2 + (b - 2)^2", "r = minimize K from a = 0.5 with tol = 1e-12", "r.b"]);
    let b: f64 = zero.lines().last().unwrap_or("nan").parse().unwrap_or(f64::NAN);
    assert!((b - 2.0).abs() < 1e-4, "b started at 0 and went to 2: {zero}");
    assert!(zero.contains("start: a = 0.5, b = 0"), "{zero}");
}

#[test]
fn maximize_climbs() {
    let out = ok(&["P(x) = 4 - (x - 1)^2", "r = maximize P from x = 5 with tol = 1e-12", "r.x", "r.P"]);
    assert!(out.starts_with("gradient ascent on P"), "{out}");
    let values: Vec<f64> = out.lines().rev().take(2).map(|l| l.parse().unwrap_or(f64::NAN)).collect();
    assert!((values[0] - 4.0).abs() < 1e-6 && (values[1] - 1.0).abs() < 1e-3, "{out}");
}

#[test]
fn the_result_record_has_every_field() {
    let out = ok(&[
        BOWL,
        "r = minimize J from θ1 = 0.75, θ2 = 0.75 with α = 0.2, tol = 1e-3",
        "r.iterations",
        "r.converged",
        "r.θ1 + r.θ2",
    ]);
    let last: Vec<&str> = out.lines().rev().take(3).collect();
    assert_eq!(last[2], "8");
    assert_eq!(last[1], "1");
    assert!(last[0].starts_with("0.0251"), "{out}");
    let (_, stderr, status) = gd(&[BOWL, "r = minimize J from θ1 = 1, θ2 = 1", "r.w"]);
    assert_eq!(status, 1);
    assert!(stderr.contains("its fields are θ1, θ2, J, iterations, converged"), "{stderr}");
}

#[test]
fn restarts_report_every_run_and_keep_the_best() {
    let out = ok(&[
        "f(x) = x^4 - 3*x^2 + x",
        "r = minimize f from x = 2 with α = 0.01, tol = 1e-12, restarts = 5, seed = 7",
        "r.x",
    ]);
    assert!(out.contains("6 runs"), "{out}");
    let x: f64 = out.lines().last().unwrap_or("nan").parse().unwrap_or(f64::NAN);
    assert!((x + 1.30084).abs() < 1e-3, "the deeper valley is near -1.30: {out}");
    let again = ok(&[
        "f(x) = x^4 - 3*x^2 + x",
        "r = minimize f from x = 2 with α = 0.01, tol = 1e-12, restarts = 5, seed = 7",
        "r.x",
    ]);
    assert_eq!(out, again, "the same seed gives the same runs");
}

#[test]
fn plots_are_written_as_svg() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let script = dir.path().join("descent.gd");
    std::fs::write(
        &script,
        format!("{BOWL}\nminimize J from θ1 = 1, θ2 = -1 with α = 0.1, plot = \"out/descent.svg\"\n"),
    )
    .expect("written");
    std::fs::create_dir(dir.path().join("out")).expect("folder");
    let ran = gd_script(&script);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let svg = std::fs::read_to_string(dir.path().join("out/descent.svg")).expect("the plot is next to the script");
    assert!(svg.contains("<svg") && svg.contains("contours of J"), "a two-parameter plot has the contours");
    let piped = ok(&[BOWL, "minimize J from θ1 = 1, θ2 = -1 with plot"]);
    assert!(piped.contains("plot: not drawn, as the output is not a terminal"), "{piped}");
}

#[test]
fn leaving_the_domain_says_where_and_why_and_prints_no_nan() {
    let out = ok(&["F(x) = log(x)", "minimize F from x = 1"]);
    assert!(out.contains("left the domain of F (log of a negative number)"), "{out}");
    assert!(out.contains("last point: x = 0.315"), "{out}");
    assert!(!out.contains("nan") && !out.contains("inf"), "{out}");
}

#[test]
fn an_infinite_gradient_stops_the_run_where_it_is() {
    let out = ok(&["F(x) = sqrt(x)", "minimize F from x = 0"]);
    assert!(out.contains("the gradient of F is not a finite number at x = 0"), "{out}");
    assert!(!out.contains("nan") && !out.contains("inf"), "{out}");
}

#[test]
fn an_unbounded_function_is_called_unbounded_not_a_bad_alpha() {
    let out = ok(&["F(x) = x^2", "maximize F from x = 1 with α = 0.5"]);
    assert!(out.contains("unbounded above and has no maximum"), "{out}");
    let out = ok(&["F(x, y) = x^2 - y^2", "minimize F from x = 1, y = 1"]);
    assert!(out.contains("unbounded below and has no minimum"), "{out}");
    assert!(!out.contains("too large"), "{out}");
}

#[test]
fn jumping_across_the_valley_is_not_convergence() {
    let out = ok(&["F(x) = x^2", "minimize F from x = 1 with α = 1, steps = 100"]);
    assert!(!out.contains("converged after"), "{out}");
    assert!(out.contains("jump back and forth across a valley — α = 1 is too large; try α = 0.5"), "{out}");
}

#[test]
fn restarts_that_all_fail_have_no_best() {
    let out = ok(&["J(a, b) = (a - 1)^2 + log(b)", "minimize J from a = 0, b = 1 with restarts = 3"]);
    assert!(out.contains("no run converged or reached the step limit"), "{out}");
    assert!(!out.lines().any(|line| line.trim_start().starts_with('*')), "no run is marked best: {out}");
}

#[test]
fn rows_read_by_two_passes_over_the_data_are_computed_in_each() {
    // The second pass reads a*v again, after mean(a*v): it used to read the parameter a instead.
    let out =
        ok(&["v = [1, 2, 3]", "J(a) = mean((a*v - mean(a*v))^2)", "minimize J from a = 1 with α = 0.1, steps = 1"]);
    assert!(out.contains("start: a = 1, J = 0.666667"), "{out}");
    assert!(out.contains("1  0.866667  0.500741"), "{out}");
}

/// The log-likelihood of a softmax over the 200 rows of a column, with the
/// logits w*x reaching 2000 at the start: every step computes the
/// log-sum-exp and its softmax-weighted gradient without overflow.
const SOFTMAX_OVER_ROWS: [&str; 2] = [
    "d = load(\"examples/data/exams.csv\"); x = d.exam1; y = d.admitted",
    "J(w) = -mean(y*(w*x - log(sum(exp(w*x)))))",
];

/// (exam1, admitted) from examples/data/exams.csv.
fn exams() -> Vec<(f64, f64)> {
    let text = std::fs::read_to_string("examples/data/exams.csv").expect("the example data is there");
    let cell = |line: &str, index: usize| line.split(',').nth(index).and_then(|c| c.parse().ok()).unwrap_or(f64::NAN);
    text.lines().skip(1).map(|line| (cell(line, 0), cell(line, 2))).collect()
}

#[test]
fn a_log_likelihood_with_large_logits_over_data_converges() {
    let mut code = SOFTMAX_OVER_ROWS.to_vec();
    code.extend(["r = minimize J from w = 20 with α = 0.01, tol = 1e-12", "r.w"]);
    let out = ok(&code);
    assert!(out.contains("start: w = 20, J = 187.27"), "{out}");
    assert!(out.contains("converged after"), "{out}");
    let w: f64 = out.lines().last().and_then(|l| l.parse().ok()).unwrap_or(f64::NAN);
    // At the minimum the softmax-weighted mean of x is the mean of x over the admitted rows.
    let rows = exams();
    let top = rows.iter().map(|&(x, _)| w * x).fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = rows.iter().map(|&(x, _)| (w * x - top).exp()).collect();
    let weighted = rows.iter().zip(&weights).map(|(&(x, _), p)| x * p).sum::<f64>() / weights.iter().sum::<f64>();
    let admitted = rows.iter().map(|&(x, y)| x * y).sum::<f64>() / rows.iter().map(|&(_, y)| y).sum::<f64>();
    assert!((weighted - admitted).abs() < 1e-3, "w = {w}: {weighted} ≠ {admitted}");
    let mut batches = SOFTMAX_OVER_ROWS.to_vec();
    batches.extend(["r = minimize J from w = 20 with α = 0.01, batch = 50, steps = 2000", "r.J"]);
    let out = ok(&batches);
    let j: f64 = out.lines().last().and_then(|l| l.parse().ok()).unwrap_or(f64::NAN);
    assert!((2.19..2.3).contains(&j), "near the minimum, J = 2.1945: {out}");
}

#[test]
fn a_batch_larger_than_the_data_uses_all_of_it_and_says_so() {
    let out = ok(&[
        "d = load(\"examples/data/linear.csv\"); x = d.x; y = d.y",
        "J(m, b) = mean((m*x + b - y)^2) + 0.1*m^2",
        "minimize J with batch = 1000, steps = 3",
    ]);
    assert!(out.starts_with("note: batch = 1000 is more than the 300 rows; every step uses all of them"), "{out}");
    assert!(out.contains("batches of 300 rows"), "{out}");
}

#[test]
fn settings_that_would_do_nothing_or_go_wrong_are_refused() {
    for (code, message) in [
        ("minimize J over θ1, θ1", "`θ1` is listed twice after `over`"),
        ("minimize J with method = gd, β = 0.5", "`β` has no effect with method = gd"),
        ("minimize J with method = \"adam\"", "write the method without quotes"),
        ("minimize J with plot = \"descent.png\"", "plots are SVG files"),
        ("minimize J with steps = 1e16", "`steps` must be a whole number from 1 to 10^15"),
    ] {
        let (_, stderr, status) = gd(&[BOWL, code]);
        assert_eq!(status, 1, "{code}");
        assert!(stderr.contains(message), "{code}: {stderr}");
    }
    let (_, stderr, _) = gd(&["F() = 3", "minimize F"]);
    assert!(stderr.contains("this function has no parameters to move"), "{stderr}");
}

const TWO_LENGTHS: &str = "S(m) = mean([1, 2, 3]*m) + mean([1, 2]*m^2)";

#[test]
fn reductions_over_vectors_of_different_lengths_each_run_over_their_own_rows() {
    // S = 2m + 1.5m², lowest at m = -2/3.
    let out = ok(&[TWO_LENGTHS, "r = minimize S from m = 0 with tol = 1e-12", "r.m"]);
    let m: f64 = out.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(f64::NAN);
    assert!((m + 2.0 / 3.0).abs() < 1e-5, "{out}");
    for method in ["adam", "nesterov"] {
        ok(&[TWO_LENGTHS, &format!("minimize S from m = 0 with method = {method}, restarts = 2")]);
    }
    let data = [
        "A = [1, 2, 3]",
        "B = [4, 5]",
        "L(w) = mean((w*A - 1)^2) + sum((w*B - 2)^2)",
        "minimize L from w = 0 with α = 0.01",
        "graph L at w = 1",
        "check ∂L/∂w = diff(L(w), w)",
    ];
    assert!(ok(&data).contains("converged"));
}

#[test]
fn batches_over_vectors_of_different_lengths_are_refused_naming_both() {
    for setting in ["batch = 2", "method = sgd"] {
        let (out, err, status) = gd(&[TWO_LENGTHS, &format!("minimize S from m = 0 with {setting}")]);
        assert_eq!(status, 1, "{out}{err}");
        assert!(err.contains("mini-batches need data of one length; S reads vectors of 2 and 3 rows"), "{err}");
        assert!(!out.contains("NaN") && !out.contains("nan"), "{out}");
    }
}

#[test]
fn runs_undefined_at_their_start_say_so_and_no_table_prints_inf_or_nan() {
    let out = ok(&["f(x) = log(x)", "minimize f from x = 0.5 with restarts = 4, seed = 3"]);
    assert!(out.contains("undefined at start"), "{out}");
    let table: Vec<&str> = out.lines().filter(|l| l.trim_start().starts_with(char::is_numeric)).collect();
    assert!(table.len() >= 5, "{out}");
    for line in table {
        assert!(!line.contains("nan") && !line.contains("inf"), "{line}");
    }
    let huge = ok(&["g(x) = x", "r = minimize g from x = 1.797e308 with steps = 1", "r", "r.x"]);
    assert!(!huge.contains("inf"), "{huge}");
    assert!(huge.contains("x = 1.8e+308"), "{huge}");
}

#[test]
fn the_divergence_verdict_keeps_alpha_as_given_and_the_digits_of_the_growth() {
    let out = ok(&["f(x) = x^2", "minimize f from x = 0.3 with α = 1.0000001"]);
    assert!(out.contains("gradient descent on f: α = 1.0000001,"), "{out}");
    assert!(
        out.contains("from 0.09 to 0.090002 at iteration 50 — α = 1.0000001 is too large; try α = 0.50000005"),
        "{out}"
    );
}

#[test]
fn a_record_prints_its_fields_as_each_field_prints_alone() {
    let out = ok(&[BOWL, "r = minimize J from θ1 = 0.75, θ2 = 0.75 with α = 0.2, tol = 1e-3", "r", "r.θ1", "r.J"]);
    let field = |name: &str| {
        out.lines().find_map(|l| l.strip_prefix(&format!("r.{name} = "))).map(str::to_string).unwrap_or_default()
    };
    let lines: Vec<&str> = out.lines().collect();
    let alone = &lines[lines.len() - 2..];
    assert_eq!(alone, [field("θ1").as_str(), field("J").as_str()], "{out}");
    assert_eq!(field("θ1"), "0.012597119999999995", "{out}");
}

#[test]
fn absurd_work_is_refused_with_its_bound_whatever_the_combination() {
    for (code, message) in [
        ("minimize J with restarts = 1e9", "`restarts` must be a whole number from 0 to 10000"),
        ("minimize J with steps = 1e15", "`steps` can be at most 40000000"),
        (
            "minimize J with restarts = 10000, steps = 1e6",
            "10001 runs of 1000000 steps; with these settings `steps` can be at most 3999",
        ),
        ("minimize J with trace = 1e16", "`trace` must be a whole number from 1 to 10^15"),
        ("minimize J with batch = 1e16", "`batch` must be a whole number from 1 to 10^15"),
    ] {
        let (_, stderr, status) = gd(&[BOWL, code]);
        assert_eq!(status, 1, "{code}");
        assert!(stderr.contains(message), "{code}: {stderr}");
    }
    let data = ["xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]", "L(w) = mean((w*xs - 1)^2)"];
    let (_, stderr, _) = gd(&[data[0], data[1], "minimize L with steps = 1e9, restarts = 3"]);
    assert!(
        stderr.contains("4 runs of 1000000000 steps over 16 rows; with these settings `steps` can be at most 4098360"),
        "{stderr}"
    );
    let (_, stderr, _) = gd(&[data[0], data[1], "minimize L with steps = 3e8, batch = 4"]);
    assert!(
        stderr.contains("300000000 steps in batches of 4 rows; with these settings `steps` can be at most 4566210"),
        "{stderr}"
    );
}

#[test]
fn the_work_bound_counts_what_a_step_computes_not_only_its_rows() {
    let terms: Vec<String> = (1..=400).map(|k| format!("sin({k}*x)")).collect();
    let long = format!("J(x) = {}", terms.join(" + "));
    let (_, stderr, status) = gd(&[&long, "minimize J from x = 1 with steps = 1000000"]);
    assert_eq!(status, 1, "{stderr}");
    let most = |stderr: &str| -> usize {
        let tail = stderr.split("can be at most ").nth(1).unwrap_or_default();
        tail.split(|c: char| !c.is_ascii_digit()).next().unwrap_or_default().parse().unwrap_or(0)
    };
    let (_, short, _) = gd(&["J(x) = sin(x)", "minimize J from x = 1 with steps = 1e12"]);
    assert!(most(&stderr) > 0 && most(&stderr) * 100 < most(&short), "{stderr}\n{short}");
}

/// Runs `code` as a script in a temporary folder (plots are written there).
fn in_folder(code: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let script = dir.path().join("run.gd");
    std::fs::write(&script, code).expect("written");
    let ran = gd_script(&script);
    assert_eq!(ran.code, Some(0), "{}{}", ran.stdout, ran.stderr);
    (dir, ran.stdout)
}

#[test]
fn plots_of_huge_values_are_drawn_within_finite_ranges() {
    for code in [
        "J(x) = x^2\nminimize J from x = 1.3e154 with plot = \"p.svg\"\n",
        "J(a, b) = a^2 + 1e-300*b^2\nminimize J from a = 1e150, b = 1e300 with plot = \"p.svg\", steps = 5\n",
        "J(a, b) = a^2 + b^2\nminimize J from a = 1.3e154, b = 1 with plot = \"p.svg\", α = 0.9\n",
        "J(a) = 5\nminimize J from a = 1e200 with plot = \"p.svg\", steps = 5\n",
    ] {
        let (dir, out) = in_folder(code);
        assert!(out.contains("plot: p.svg"), "{out}");
        let svg = std::fs::read_to_string(dir.path().join("p.svg")).expect("the plot is written");
        assert!(svg.contains("</svg>") && !svg.contains("inf") && !svg.contains("NaN"), "{code}");
    }
}
