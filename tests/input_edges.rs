//! Issue 13's input edges: each case once went silently wrong, panicked or
//! took time out of proportion to its input. One test per class.

mod common;

use common::{check, errors, output, run, run_inputs};
use gd::Status;

#[test]
fn a_typographic_minus_in_an_exponent_is_the_exponent_sign() {
    check("1e−3", "0.001\n");
    check("5e−1", "0.5\n");
    check("1E−3", "0.001\n");
    check("2.5e+2", "250\n");
    check("2×10⁻³", "0.002\n");
    check("x = 1e−3\nx*1000", "1\n");
    // Outside a number, `−` is still subtraction.
    check("e−3", &output("e-3"));
}

#[test]
fn every_line_end_ends_a_line_and_a_byte_order_mark_is_skipped() {
    check("x = 1\ry = 2\rx + y", "3\n");
    check("x = 1\r\ny = 2 # two\r\nx + y\r\n", "3\n");
    check("x = 1 # a comment ends at a lone CR\rx + 1", "2\n");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("bom.gd");
    std::fs::write(&path, b"\xef\xbb\xbfx = 1\r\nx + 1\r\n").unwrap_or_else(|e| panic!("{e}"));
    let input = gd::Input::from_file(&path).unwrap_or_else(|e| panic!("{e:?}"));
    let mut session = gd::Session::new(gd::Settings::default());
    let mut captured = gd::Captured::default();
    assert_eq!(session.run(vec![input], &mut captured), Status::Ok, "{}", captured.err);
    assert_eq!(captured.out, "2\n");
}

#[test]
fn labels_in_other_sources_and_after_multibyte_text_render() {
    let (out, err, status) = run_inputs(&["f(x) = log(x)", "∂f/∂x; f(-1)"]);
    assert_eq!(out, "∂f/∂x = 1/x\n");
    assert_eq!(status, Status::Failed);
    assert!(err.contains("-e#1:1:8"), "{err}");
    assert!(err.contains("-e#2:1:8"), "the call is at character 8 of the second input: {err}");
    let (_, err, _) = run_inputs(&["θ = 1 # θθθθ\nf(x) = log(x) # ∂∂∂", "α = 2; f(-α)"]);
    assert!(err.contains("-e#1:2:8") && err.contains("-e#2:1:8"), "{err}");
}

#[test]
fn a_function_defined_as_a_derivative_takes_its_arguments() {
    check("f(x) = x^3\ng(x) = diff(f(x), x)\ng(2)\ng", "12\ng(x) = 3*x^2\n");
    check("f(x, y) = x^3*y\ng(x, y) = diff(f(x, y), x)\ng(2, 3)", "36\n");
    check("h(x) = diff(x^2, x, x) + diff(x^3, x)\nh(2)", "14\n");
    // The differentiated parameter is not confused with an argument of the same name.
    check("q(x, y) = diff(x*y, x)\np(x) = q(2, x)\np(5)\np", "5\np(x) = x\n");
    check("k(t) = diff(diff(t^4, t), t)\nk(1)", "12\n");
}

#[test]
fn a_difference_that_simplifies_to_a_nonzero_constant_is_false() {
    let (out, _, status) = run("check diff(x^2, x) = 2*x + 1e-12");
    assert!(out.starts_with("✗ diff(x^2, x) ≠ 2*x + 1e-12 — the sides differ by a constant"), "{out}");
    assert!(out.contains("-1e-12"), "{out}");
    assert_eq!(status, Status::Failed);
    let (out, _, _) = run("f(x) = x^2\ncheck f' = 2*x + 1/3");
    assert!(out.contains("left − right = -0.333"), "{out}");
    let (out, _, _) = run("check diff(x^2, x) = 2*x + 1e-12 within 1e-9");
    assert!(out.starts_with('✓'), "a stated tolerance allows it: {out}");
}

#[test]
fn a_function_of_no_parameters_has_no_derivatives() {
    for asked in ["J'", "∇J", "diff(J, x)", "grad(J)", "∂J/∂x"] {
        let err = errors(&format!("J() = 1\n{asked}"));
        assert!(err.contains("has no parameters"), "{asked}: {err}");
    }
}

#[test]
fn a_function_that_calls_itself_says_so() {
    let err = errors("f(x) = f(x) + 1");
    assert!(err.contains("`f` would call itself"), "{err}");
    let err = errors("f(x) = x\ng(x) = f(x)\nf(x) = g(x)");
    assert!(err.contains("f → g → f"), "{err}");
}

#[test]
fn long_chains_of_definitions_are_checked_in_linear_work() {
    let mut code = String::from("f0(x) = x + 1\n");
    for i in 1..3000 {
        code.push_str(&format!("f{i}(x) = f{}(x) + 1\n", i - 1));
    }
    code.push_str("f2999(1)");
    check(&code, "3001\n");
}

#[test]
fn nested_diff_and_simplify_are_checked_once_per_level() {
    let mut diffs = "x^2".to_string();
    let mut simplifies = "x^2".to_string();
    for _ in 0..60 {
        diffs = format!("diff({diffs}, x)");
        simplifies = format!("simplify({simplifies})");
    }
    check(&format!("{diffs}\n{simplifies}"), "0\nx^2\n");
}

#[test]
fn long_names_get_short_messages() {
    let name = "ab".repeat(50_000);
    let err = errors(&format!("a = 1\nb = 2\n{name}"));
    assert!(err.contains("(100000 characters)"), "{}", &err[..err.len().min(400)]);
    let first_line = err.lines().next().unwrap_or("");
    assert!(first_line.chars().count() < 200, "{first_line}");
    let err = errors(&"z".repeat(1_000_000));
    assert!(err.contains("(1000000 characters)"));
}

#[test]
fn errors_quote_long_expressions_by_head_and_tail() {
    let body = (0..200).fold("x".to_string(), |inner, _| format!("sin({inner})"));
    let err = errors(&format!("f(x) = {body}\nd = diff(f(x), x)"));
    let first_line = err.lines().next().unwrap_or("");
    assert!(first_line.contains(" … ") && first_line.contains("characters)"), "{first_line}");
    assert!(first_line.chars().count() < 200, "{first_line}");
}

#[test]
fn the_builtins_students_need_have_values_and_derivatives() {
    check("log10(1000)\nlog2(8)\nsinh(0)\ncosh(0)\natan(0)\nasin(1)*2 - acos(-1)", "3\n3\n0\n1\n0\n0\n");
    let (out, _, status) = run("f(x) = log10(x) + log2(x) + asin(x) + atan(x) + sinh(x) + cosh(x)\n\
         check f' = 1/(x*log(10)) + 1/(x*log(2)) + 1/sqrt(1 - x^2) + 1/(1 + x^2) + cosh(x) + sinh(x)\n\
         g(x) = acos(x)\ncheck g' = -1/sqrt(1 - x^2)");
    assert_eq!(status, Status::Ok, "{out}");
    assert!(errors("asin(2)").contains("asin is defined only for -1 ≤ x ≤ 1"));
    assert!(errors("log10(0)").contains("log10 is defined only for x > 0"));
    assert!(output("f(x) = asin(x)\nf' as latex").contains("\\frac{1}{\\sqrt{1 - x^{2}}}"));
}

#[test]
fn min_max_var_and_std() {
    check("max(3, 5)\nmin(3, 5)\nmax([1, 4], 2)", "5\n3\n[2, 4]\n");
    check("xs = [1, 2, 3, 4]\nvar(xs)\nstd(xs)^2", "1.25\n1.25\n");
    // Derivatives follow relu's convention: at a tie the gradient goes to the second argument.
    check("g(a, b) = max(a, b)\n(∂g/∂a)(1, 1)\n(∂g/∂b)(1, 1)\n(∂g/∂a)(2, 1)", "0\n1\n1\n");
    check("f(x) = max(x, 0)\nf", "f(x) = relu(x)\n");
    let (out, _, status) = run("xs = [1, 2, 3]\nh(m) = var(m*xs)\ncheck h' = 2*m*var(xs)");
    assert_eq!(status, Status::Ok, "{out}");
}

#[test]
fn unknown_names_never_suggest_a_different_function() {
    for (typed, not) in
        [("log10x", "`log`"), ("cos2", "`cosh`"), ("sine", "`sinh`"), ("atan2", "`tan`"), ("log3", "`log2`")]
    {
        let err = errors(&format!("{typed}(1)"));
        assert!(!err.contains(&format!("did you mean {not}")), "{typed}: {err}");
    }
    for (typed, hint) in [
        ("arctan", "`atan`"),
        ("sigmiod", "`sigmoid`"),
        ("sinn", "`sin`"),
        ("log3", "log(x)/log(3)"),
        ("sec", "1/cos(x)"),
        ("sine", "`sin`"),
        ("SQRT", "`sqrt`"),
    ] {
        let err = errors(&format!("{typed}(1)"));
        assert!(err.contains(hint), "{typed}: {err}");
    }
}

#[test]
fn notations_from_elsewhere_get_the_gd_spelling() {
    for (code, hint) in [
        ("J(a, b) = a*b\ngrad J", "`grad(J)` or `∇J`"),
        ("x = 2\nx**2", "powers are written with `^`"),
        ("x = 2\nx == 2", "check LEFT = RIGHT"),
        ("J(a, b) = a*b\nminimize J(a, b)", "minimize J from a = …, b = …"),
        ("J = 3*(a + b*c)", "`J(a, b, c) = …`"),
        ("J(a) = a^2\nJ'(a)", "to see the function write `J'`"),
        ("J(a) = a^2\nminimize J from a = 1 with α = a plot", "settings are separated by commas"),
        ("J(a) = a^2\nminimize J from a = 1 with α = 0.2 plot", "put a `,`"),
        ("J(θ1, θ2) = θ1*θ2\nminimize J from θ1 = 1, θ3 = 2", "did you mean `θ2`?"),
        ("J(x) = \\frac{1}{2}x^2", "gd does not read LaTeX"),
        ("x = 2\n2 x", "a number and what follows it are apart"),
    ] {
        let err = errors(code);
        assert!(err.contains(hint), "{code:?}: {err}");
    }
    assert_eq!(errors("J(x) = \\frac{1}{2}x^2").matches("Error").count(), 1, "one error for a LaTeX line");
}

#[test]
fn settings_in_either_order_and_with_their_long_names() {
    let with_first = output("J(a) = a^2\nr = minimize J with learning_rate = 0.2, tolerance = 1e-3 from a = 1\nr.a");
    let from_first = output("J(a) = a^2\nr = minimize J from a = 1 with α = 0.2, tol = 1e-3\nr.a");
    assert_eq!(with_first, from_first);
}

#[test]
fn a_product_after_a_division_is_read_whole_and_warned_about() {
    let (out, err, status) = run("J(x) = 1/2x^2\nJ(2)");
    assert_eq!((out.as_str(), status), ("0.125\n", Status::Ok));
    assert!(err.starts_with("Warning: `1/2x^2` divides by the whole product"), "{err}");
    assert!(err.contains("`(1/2)*x^2`"), "{err}");
    assert_eq!(run("J(x) = (1/2)*x^2\nJ(2)").1, "", "no warning when written out");
}

#[test]
fn an_error_on_a_continued_line_labels_the_operator_above() {
    let err = errors("x = 1 +\n)");
    assert!(err.contains("the line above ends with `+`"), "{err}");
}

#[test]
fn latex_lines_after_multibyte_text_are_found_by_character() {
    // Found by the fuzzer: an error span inside `∂` on a line with a LaTeX command.
    let err = errors("f(x) = x^2\n∂f/∂x \\cdot (");
    assert!(err.contains("gd does not read LaTeX"), "{err}");
}

#[test]
fn a_claim_reads_the_same_however_its_operators_are_typed() {
    // Found by the fuzzer: pasted `·` and `−` changed the verdict's wording and its random points.
    let ascii = run("f(x, y) = x*y\ncheck ∂f/∂x = y*1 + 1\ncheck f(1, 2) = 1e-3");
    let pasted = run("f(x, y) = x·y\ncheck ∂f/∂x = y·1 + 1\ncheck f(1, 2) = 1e−3");
    assert_eq!(ascii.0.replace("1e-3", "1e−3").replace("y*1", "y·1").replace("x*y", "x·y"), pasted.0);
}

#[test]
fn a_power_of_e_after_a_number_is_warned_about() {
    let (out, err, status) = run("1e⁻³");
    assert_eq!((out.as_str(), status), ("0.049787068367863944\n", Status::Ok));
    assert!(err.contains("not a power of ten") && err.contains("`1e-3`"), "{err}");
    assert_eq!(run("1e-3").1, "");
}

#[test]
fn devices_pipes_and_folders_are_not_read() {
    let err = errors("d = load(\"/dev/zero\")");
    assert!(err.contains("it is a device, not a file"), "{err}");
    let err = errors("d = load(\"/tmp\")");
    assert!(err.contains("it is a folder, not a file"), "{err}");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let err = errors(&format!("d = load(\"{}\")", fifo.display()));
    assert!(err.contains("named pipe"), "a pipe nobody writes to is refused, not waited on: {err}");
    let script = gd::Input::from_file(std::path::Path::new("/dev/zero"));
    assert!(script.is_err(), "a script is never read from a device");
}

#[test]
fn a_number_times_a_power_of_e_written_plainly_is_not_warned_about() {
    assert_eq!(run("f(x) = 2e^(2x)\n2e²").1, "");
}

#[test]
fn division_by_a_literal_zero_is_refused_where_it_is_written() {
    let err = errors("Q(t, x) = 1e9 - t/0");
    assert!(err.contains("division by zero") && err.contains("undefined whatever the values"), "{err}");
    assert!(errors("1/0.0").contains("division by zero"));
    check("Q(t) = t/(t - 0)\nQ(2)", "1\n");
}

/// Whatever the checker accepts as a value, execution carries out: a table or
/// a result bound to a second name is the same table or result, and `load`
/// on its own shows the table it reads.
#[test]
fn tables_and_results_bind_to_new_names_and_load_shows_its_table() {
    let load = "d = load(\"examples/data/linear.csv\")";
    check(&format!("{load}\nt = d\nmean(t.x) - mean(d.x)"), "0\n");
    assert_eq!(output("load(\"examples/data/linear.csv\")"), output(&format!("{load}\nd")));
    let minimize = "J(a) = (a - 2)^2\nr = minimize J from a = 0 with α = 0.5\n";
    let shown = output(&format!("{minimize}r"));
    let copied = output(&format!("{minimize}s = r\ns.a"));
    assert!(shown.contains("r.a = 2\n"), "{shown}");
    assert!(copied.ends_with("\n2\n"), "{copied}");
}

/// An expression with free symbols is lowered once, with its bound numbers
/// put in afterwards; an error in what they make still points where it was written.
#[test]
fn an_error_after_bound_numbers_are_put_in_points_at_its_operation() {
    let err = errors("a = -1\ndiff(sqrt(a)*x, x)");
    assert!(err.contains("[ -e:2:6 ]") && err.contains("sqrt(-1) is not a real number"), "{err}");
    let err = errors("a = 0\ny = diff(log(a)*x + 3*x, x)");
    assert!(err.contains("[ -e:2:10 ]"), "{err}");
}

/// A combination of derivatives is named as written, with brackets where
/// precedence needs them and nowhere else.
#[test]
fn combinations_of_derivatives_are_bracketed_by_precedence() {
    let code =
        "J(a, b) = a^2*b\nf(t) = t^3\nx = 2\n-f'\n-(2*f')\n(∂J/∂b)^2\n∂J/∂a/x\nx/f'\n1 - (f' - f'')\n-(f' + f'')";
    check(
        code,
        "-f' = -3*t^2\n-2*f' = -6*t^2\n(∂J/∂b)^2 = a^4\n(∂J/∂a)/x = 2*a*b/x\nx/f' = x/(3*t^2)\n\
         1 - (f' - f'') = 1 + 6*t - 3*t^2\n-(f' + f'') = -6*t - 3*t^2\n",
    );
}

/// What is not a function is named as what it is: a symbolic expression is
/// not "a number".
#[test]
fn a_symbolic_expression_where_a_function_is_needed_is_named_so() {
    for code in ["graph diff(y^2, y)", "minimize diff(y^2, y)"] {
        let err = errors(code);
        assert!(err.contains("this is an expression in y"), "{code}: {err}");
    }
}

/// A graph of a long-named combination still fits an 80-column terminal.
#[test]
fn the_graph_of_a_combination_fits_the_terminal() {
    let shown = output("J(a, b) = a^2*b\ngraph ∂J/∂a + ∂J/∂b at a = 1, b = 1");
    assert!(shown.lines().all(|line| line.chars().count() <= 80), "{shown}");
}

/// A binding or definition refused by the checker is still known to the
/// statements after it, so that one mistake is reported once.
#[test]
fn a_refused_binding_or_definition_is_reported_once() {
    for code in ["J(a, b) = a*b\ng = ∇J(1, 2)\ng", "J(a, b) = a*b\nK(a, b) = ∂J/∂a\nK(1, 2)"] {
        let err = errors(code);
        assert_eq!(err.matches("Error:").count(), 1, "{code}: {err}");
    }
}

/// In LaTeX, a combination names `f'` as `f'`, without the empty brackets
/// of a function head.
#[test]
fn a_combination_in_latex_names_a_prime_without_brackets() {
    check("f(t) = t^3\n-(f' + f'') as latex", "-\\left(f' + f''\\right) = -6 t - 3 t^{2}\n");
}

#[test]
fn a_derivative_bound_to_a_name_is_shown_by_that_name_once_its_function_is_redefined() {
    check(
        "J(a) = a^2\nh = ∂J/∂a\nk = 2*∂J/∂a\nh\nJ(a) = a^3\nh\nk\n∂J/∂a\nh(2)\n",
        "∂J/∂a = 2*a\nh(a) = 2*a\nk(a) = 4*a\n∂J/∂a = 3*a^2\n4\n",
    );
    // Through a function that calls J; a bound value stays symbolic in a snapshot, so rebinding it changes no label.
    check(
        "J(a) = a^2\nα = 1\nK(a) = J(a) + α*a\nh = ∂K/∂a\nα = 3\nh\nJ(a) = a^3\nh\n∂K/∂a\n",
        "∂K/∂a = 2*a + α\nh(a) = 2*a + α\n∂K/∂a = 3*a^2 + α\n",
    );
}

#[test]
fn a_refused_binding_is_known_as_what_it_was_given_to_later_statements() {
    let err = errors("s = \"hi\"\ns + 1\n");
    assert!(err.contains("cannot bind a string") && err.contains("this is a string"), "{err}");
    assert!(!err.contains("not defined"), "{err}");
}

#[test]
fn a_minimize_result_as_latex_is_latex_throughout() {
    let out = output("J(w) = (w - 1)^2\nr = minimize J from w=0 with α=0.1\nr as latex\n");
    assert!(out.contains("r.\\mathrm{iterations} = "), "{out}");
    assert!(!out.contains("\nr.iterations = "), "{out}");
}

#[test]
fn a_gradient_bound_to_a_name_is_shown_by_that_name_once_its_function_is_redefined() {
    check(
        "J(a, b) = a*b\ng = ∇J\ng\nJ(a, b) = a + b\ng\ng(1, 2)\n∇J\n",
        "∂J/∂a = b\n∂J/∂b = a\ng(a, b) = (b, a)\n(2, 1)\n∂J/∂a = 1\n∂J/∂b = 1\n",
    );
}

#[test]
fn messages_choose_singular_or_plural_by_their_counts() {
    let err = errors("J(a) = a\nJ(1, 2)\n");
    assert!(err.contains("J has parameter a\n") || err.contains("J has parameter a "), "{err}");
    let err = errors("J(a) = a^2\ncheck ∇J(1) = (2, 1)\n");
    assert!(err.contains("the left side has 1 value, but 2 are given"), "{err}");
    let err = errors("xs = [1]\nxs + [1, 2]\n");
    assert!(err.contains("1 value\n") || err.contains("1 value "), "{err}");
}

#[test]
fn a_parser_label_names_what_could_close_the_bracket_that_is_open() {
    let err = errors("J(a) = a\nJ(1 2)\n");
    assert!(err.contains("expected an operator, `)` or `,`"), "{err}");
}

#[test]
fn a_logarithm_to_another_base_is_suggested_only_for_a_base_of_two_or_more() {
    assert!(errors("log3(2)").contains("for base 3 write `log(x)/log(3)`"));
    for name in ["log1", "log0", "log01"] {
        let err = errors(&format!("{name}(2)"));
        assert!(!err.contains("for base"), "{err}");
    }
}

#[test]
fn one_mistake_in_a_derivative_or_a_definition_head_gets_one_true_message() {
    // A refused power is not also compared with the stated order.
    let err = errors("J(a) = a\n∂²¹J/∂a²¹\n");
    assert_eq!(err.matches("Error").count(), 1, "{err}");
    // `check` is suggested only for a head of values.
    assert!(!errors("f(x + 1) = x").contains("check"));
    assert!(errors("f(1, 2) = 3").contains("check f(1, 2) = 3"));
    // The help names the setting as it was written.
    let err = errors("J(w) = w^2\nminimize J from w=1 with method=gd, momentum=0.5\n");
    assert!(err.contains("leave `momentum` out"), "{err}");
}
