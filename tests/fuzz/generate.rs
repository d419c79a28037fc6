//! The grammar-aware generator: takes a stream of seeded choices and hands on
//! the text of a random gd program. Programs are mostly well formed (names
//! defined before use, calls with the right number of arguments) so that they
//! get past the checker and run, and they use every statement, operator,
//! builtin, derivative form and directive of docs/language.md, with the
//! extreme numbers of issue 13 mixed in.

use super::rng::Rng;

/// Numbers at the edges of f64 and of exact (i128) rationals, as gd reads them.
pub const EXTREMES: &[&str] = &[
    "1e308",
    "1e-320",
    "-0",
    "0",
    "1.797e308",
    "5e-324",
    "1e400",
    "2^127",
    "(-2)^-127",
    "(-2)^127",
    "1/(-2)^127",
    "170141183460469231731687303715884105727",
    "(-170141183460469231731687303715884105727 - 1)",
    "0^0",
    "2^1023",
    "2^-1074",
    "9007199254740993",
    "1e−3",
    "1E−3",
    "1.3e154",
    "1e16",
    "1e-4",
    "(1/3)",
    "0.1",
];

/// Numbers a student writes.
const PLAIN: &[&str] = &["1", "2", "3", "0.5", "10", ".5", "0.1", "2.5", "1e-3", "2.5E+4", "100", "0.75", "4", "7"];

const MATH: &[&str] = &[
    "exp", "log", "ln", "sqrt", "abs", "sin", "cos", "tan", "tanh", "sigmoid", "σ", "relu", "softplus", "step", "sign",
];

/// Parameter names (never bound, never functions).
const PARAMS: &[&str] = &["a", "b", "c", "x", "y", "w", "θ1", "θ₂", "z"];

const FUNCTIONS: &[&str] = &["J", "K", "f", "g", "h", "L", "F", "Q"];

const SCALARS: &[&str] = &["k", "λ", "m0", "s_1", "u9"];

const METHODS: &[&str] = &["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "sgd"];

/// The CSV files the runner writes into every case's folder, with their columns and rows.
pub const DATA_FILES: &[(&str, &str)] = &[
    ("d.csv", "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n5,9.9\n6,12\n"),
    ("edge.csv", "p,q\n1e308,-0\n1e-320,0\n-1e308,5e-324\n0,1\n"),
    ("one.csv", "x,y\n1,2\n"),
    ("quoted.csv", "\"sale price\",from\n1,2\n3,4\n5,7\n"),
];

/// Columns of the data files above: file, columns, quoted access needed.
const COLUMNS: &[(&str, &[&str])] = &[
    ("d.csv", &["x", "y"]),
    ("edge.csv", &["p", "q"]),
    ("one.csv", &["x", "y"]),
    ("quoted.csv", &["\"sale price\"", "\"from\""]),
];

#[derive(Clone)]
struct Function {
    name: String,
    params: Vec<String>,
}

/// What a program has defined so far: what later statements may use.
#[derive(Default)]
struct Scope {
    functions: Vec<Function>,
    scalars: Vec<String>,
    vectors: Vec<String>,
    results: Vec<(String, Function)>,
}

pub struct Generator<'r> {
    rng: &'r mut Rng,
    scope: Scope,
}

/// One random program of 1 to 9 statements.
pub fn program(rng: &mut Rng) -> String {
    let mut generator = Generator { rng, scope: Scope::default() };
    let count = generator.rng.range(1, 9);
    let mut lines = Vec::new();
    for _ in 0..count {
        lines.push(generator.statement());
    }
    generator.join(lines)
}

impl Generator<'_> {
    fn join(&mut self, lines: Vec<String>) -> String {
        let mut text = String::new();
        for line in lines {
            text.push_str(&line);
            text.push_str(match self.rng.below(20) {
                0 => "; ",
                1 => "  # a comment\n",
                2 => "\r\n",
                _ => "\n",
            });
        }
        text
    }

    fn statement(&mut self) -> String {
        if self.scope.functions.is_empty() && self.rng.chance(70) {
            return self.define();
        }
        match self.rng.below(100) {
            0..=21 => self.define(),
            22..=27 => self.bind_scalar(),
            28..=35 => self.bind_vector(),
            36..=53 => self.show(),
            54..=65 => self.check(),
            66..=75 => self.graph(),
            76..=89 => self.optimize(),
            90..=94 => self.derivative_function(),
            _ => self.result_field(),
        }
    }

    // ---------------------------------------------------------------- statements

    /// `F(p, …) = body`, with 0 to 5 parameters (mostly 1 to 3).
    fn define(&mut self) -> String {
        let arity = match self.rng.below(20) {
            0 => 0,
            1 => 4,
            2 => 5,
            n => 1 + n % 3,
        };
        let mut params: Vec<String> = Vec::new();
        while params.len() < arity {
            let name = self.rng.pick(PARAMS).to_string();
            if !params.contains(&name) {
                params.push(name);
            }
        }
        let rows = !self.scope.vectors.is_empty() && self.rng.chance(40);
        let body = if rows { self.reduction(2, &params) } else { self.expr(3, &params) };
        let name = self.fresh_function_name();
        self.scope.functions.retain(|f| f.name != name);
        self.scope.functions.push(Function { name: name.clone(), params: params.clone() });
        format!("{name}({}) = {body}", params.join(", "))
    }

    fn fresh_function_name(&mut self) -> String {
        if self.rng.chance(5)
            && let Some(f) = self.any_function()
        {
            return f.name;
        }
        let name = self.rng.pick(FUNCTIONS).to_string();
        if self.scope.functions.iter().any(|f| f.name == name) && self.rng.chance(70) {
            return format!("{name}{}", self.rng.below(100));
        }
        name
    }

    fn bind_scalar(&mut self) -> String {
        let value = self.expr(2, &[]);
        let name = self.rng.pick(SCALARS).to_string();
        self.scope.scalars.push(name.clone());
        format!("{name} = {value}")
    }

    /// A vector literal, a loaded table and its columns.
    fn bind_vector(&mut self) -> String {
        let name = format!("v{}", self.scope.vectors.len());
        let value = if self.rng.chance(50) {
            self.vector_literal()
        } else {
            let (file, columns) = *self.rng.pick(COLUMNS);
            let table = format!("t{}", self.scope.vectors.len());
            let column = self.rng.pick(columns);
            let line = format!("{table} = load(\"{file}\"); {name} = {table}.{column}");
            self.scope.vectors.push(name);
            return line;
        };
        self.scope.vectors.push(name.clone());
        format!("{name} = {value}")
    }

    fn vector_literal(&mut self) -> String {
        let shortest = usize::from(!self.rng.chance(5));
        let length = self.rng.range(shortest, 6);
        let items: Vec<String> = (0..length).map(|_| self.number()).collect();
        format!("[{}]", items.join(", "))
    }

    /// An expression or a derivative form to print, sometimes `as latex`.
    fn show(&mut self) -> String {
        let shown = match self.rng.below(10) {
            0..=3 => self.expr(3, &[]),
            4..=7 => self.function_form(),
            8 => {
                let symbol = self.rng.pick(PARAMS).to_string();
                let body = self.expr(3, std::slice::from_ref(&symbol));
                format!("diff({body}, {symbol})")
            }
            _ => match self.any_function() {
                Some(f) => format!("{}({})", self.derivative_form(&f), self.arguments(f.params.len())),
                None => self.expr(2, &[]),
            },
        };
        match self.rng.below(10) {
            0 => format!("{shown} as latex"),
            1 => format!("{shown} as text"),
            _ => shown,
        }
    }

    fn check(&mut self) -> String {
        let within = if self.rng.chance(15) { format!(" within {}", self.number()) } else { String::new() };
        let Some(f) = self.any_function() else {
            let symbol = self.rng.pick(PARAMS).to_string();
            let body = self.expr(2, std::slice::from_ref(&symbol));
            let claim = self.expr(2, std::slice::from_ref(&symbol));
            return format!("check diff({body}, {symbol}) = {claim}{within}");
        };
        let claim = match self.rng.below(4) {
            0 => format!("{}({}) = {}", f.name, self.arguments(f.params.len()), self.expr(2, &[])),
            1 if !f.params.is_empty() => {
                let parts: Vec<String> = f.params.iter().map(|_| self.expr(2, &f.params)).collect();
                let right = if parts.len() == 1 { parts[0].clone() } else { format!("({})", parts.join(", ")) };
                format!("∇{} = {right}", f.name)
            }
            _ => format!("{} = {}", self.derivative_form(&f), self.expr(3, &f.params)),
        };
        format!("check {claim}{within}")
    }

    fn graph(&mut self) -> String {
        let Some(f) = self.any_function() else { return self.define() };
        let target = if self.rng.chance(25) { self.derivative_form(&f) } else { f.name.clone() };
        let at = if self.rng.chance(75) && !f.params.is_empty() {
            format!(" at {}", self.point(&f.params))
        } else {
            String::new()
        };
        let format = match self.rng.below(8) {
            0 => " as dot",
            1 => " as mermaid",
            2 => " as text",
            3 => " as latex",
            _ => "",
        };
        format!("graph {target}{at}{format}")
    }

    /// `[r =] minimize F [over …] [from …] [with …]`, sometimes followed by `r` and `r.field`.
    fn optimize(&mut self) -> String {
        let Some(f) = self.any_function() else { return self.define() };
        let goal = if self.rng.chance(20) { "maximize" } else { "minimize" };
        let mut line = format!("{goal} {}", f.name);
        if self.rng.chance(20) && f.params.len() > 1 {
            let count = self.rng.range(1, f.params.len());
            line.push_str(&format!(" over {}", f.params[..count].join(", ")));
        }
        if self.rng.chance(80) && !f.params.is_empty() {
            line.push_str(&format!(" from {}", self.point(&f.params)));
        }
        let settings = self.settings();
        if !settings.is_empty() {
            line.push_str(&format!(" with {}", settings.join(", ")));
        }
        if self.rng.chance(40) {
            let result = format!("r{}", self.scope.results.len());
            self.scope.results.push((result.clone(), f));
            line = format!("{result} = {line}");
            if self.rng.chance(50) {
                line.push_str(&format!("\n{result}"));
            }
        }
        line
    }

    /// `g(x) = diff(f(x), x)`, or `dJ = ∂J/∂b` and a call of it.
    fn derivative_function(&mut self) -> String {
        let Some(f) = self.any_function() else { return self.define() };
        if f.params.is_empty() || self.rng.chance(40) {
            let name = format!("d{}", self.scope.functions.len());
            let form = self.derivative_form(&f);
            let call = format!("{name}({})", self.arguments(f.params.len()));
            return format!("{name} = {form}\n{call}\n∇{name}");
        }
        let name = format!("g{}", self.scope.functions.len());
        let by = self.rng.pick(&f.params).clone();
        let body = format!("diff({}({}), {by})", f.name, f.params.join(", "));
        let body = if self.rng.chance(30) { format!("simplify({body})") } else { body };
        self.scope.functions.push(Function { name: name.clone(), params: f.params.clone() });
        format!("{name}({}) = {body}\n{name}({})\n{name}", f.params.join(", "), self.arguments(f.params.len()))
    }

    fn result_field(&mut self) -> String {
        let Some((result, f)) = self.scope.results.last().cloned() else { return self.show() };
        let field = match self.rng.below(5) {
            0 => "iterations".to_string(),
            1 => "converged".to_string(),
            2 => f.name.clone(),
            3 => "value".to_string(),
            _ => f.params.first().cloned().unwrap_or_else(|| "x".to_string()),
        };
        if self.rng.chance(30) {
            return format!("check {result}.{field} = {} within 1e-6", self.number());
        }
        format!("{result}.{field}")
    }

    // ---------------------------------------------------------------- pieces

    fn any_function(&mut self) -> Option<Function> {
        if self.scope.functions.is_empty() {
            return None;
        }
        let index = self.rng.below(self.scope.functions.len());
        Some(self.scope.functions[index].clone())
    }

    /// A function-valued form of an existing function: `∂J/∂b`, `∇J`, `f'`, `diff(J, b)`, …
    fn function_form(&mut self) -> String {
        match self.any_function() {
            Some(f) => {
                let form = self.derivative_form(&f);
                match self.rng.below(8) {
                    0 => format!("simplify({})", f.name),
                    1 => format!("grad({})", f.name),
                    2 => format!("∇{}", f.name),
                    3 => format!("2*({form}) - ({form})^2"),
                    4 => format!("{}({})", f.name, self.arguments(f.params.len())),
                    _ => form,
                }
            }
            None => self.expr(2, &[]),
        }
    }

    /// A derivative of `f` by one or two of its parameters (or by a wrong name, rarely).
    fn derivative_form(&mut self, f: &Function) -> String {
        let name = &f.name;
        let (p, q) = if f.params.is_empty() || self.rng.chance(3) {
            ("x".to_string(), "y".to_string())
        } else {
            (self.rng.pick(&f.params).clone(), self.rng.pick(&f.params).clone())
        };
        match self.rng.below(10) {
            0 | 1 => format!("∂{name}/∂{p}"),
            2 => format!("∂²{name}/∂{p}∂{q}"),
            3 => format!("∂²{name}/∂{p}²"),
            4 => format!("{name}'"),
            5 => format!("{name}''"),
            6 => format!("diff({name}, {p})"),
            7 => format!("diff({name}, {p}, {q})"),
            8 => format!("diff(∂{name}/∂{p}, {q})"),
            _ => format!("grad(∂{name}/∂{p})"),
        }
    }

    /// `n` arguments: numbers, mostly plain.
    fn arguments(&mut self, n: usize) -> String {
        let n = if self.rng.chance(3) { n + 1 } else { n };
        let items: Vec<String> = (0..n).map(|_| self.expr(1, &[])).collect();
        items.join(", ")
    }

    /// `a=1, b=2, …` for the parameters (one left out, rarely).
    fn point(&mut self, params: &[String]) -> String {
        let skip = if self.rng.chance(5) { self.rng.below(params.len()) } else { usize::MAX };
        let parts: Vec<String> = params
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, p)| {
                let value = self.number();
                let space = if self.rng.chance(50) { " " } else { "" };
                format!("{p}{space}={space}{value}")
            })
            .collect();
        parts.join(", ")
    }

    fn settings(&mut self) -> Vec<String> {
        let mut settings = Vec::new();
        if self.rng.chance(70) {
            settings.push(format!("steps = {}", self.work(&["1", "5", "50", "200", "2.5", "0", "-1"], "1e9")));
        }
        for _ in 0..self.rng.below(4) {
            let setting = match self.rng.below(11) {
                0 => format!(
                    "{} = {}",
                    self.rng.pick(&["α", "alpha", "η", "lr"]),
                    self.pick_value(&["0.1", "0.01", "1", "2", "0", "-1"])
                ),
                1 => format!("tol = {}", self.pick_value(&["1e-6", "1e-12", "0", "1e−3", "-1"])),
                2 => format!("method = {}", self.rng.pick(METHODS)),
                3 => format!(
                    "{} = {}",
                    self.rng.pick(&["β", "beta", "momentum"]),
                    self.pick_value(&["0.9", "0.5", "1", "0"])
                ),
                4 => format!("trace = {}", self.work(&["1", "2", "10", "0"], "1e9")),
                5 => "trace".to_string(),
                // Not 1e9: gd allocates for every restart before the first (550 MB per million).
                6 => format!("restarts = {}", self.work(&["1", "2", "3", "0", "25"], "1e5")),
                7 => format!("batch = {}", self.work(&["1", "2", "4", "100", "0"], "1e9")),
                8 => format!("seed = {}", self.rng.below(1000)),
                9 => self.plot(),
                _ => "plot".to_string(),
            };
            settings.push(setting);
        }
        settings
    }

    /// A count of work: small, or (rarely) absurd — absurd work must be refused or cut short.
    fn work(&mut self, small: &[&str], absurd: &str) -> String {
        if self.rng.chance(1) { absurd.to_string() } else { self.rng.pick(small).to_string() }
    }

    fn pick_value(&mut self, values: &[&str]) -> String {
        if self.rng.chance(5) { self.number() } else { self.rng.pick(values).to_string() }
    }

    fn plot(&mut self) -> String {
        let file = match self.rng.below(6) {
            0 => "plots/p.svg",
            1 => "missing/p.svg",
            2 => "p.png",
            _ => "p.svg",
        };
        format!("plot = \"{file}\"")
    }

    /// A number: mostly plain, sometimes one of the extremes.
    fn number(&mut self) -> String {
        match self.rng.below(100) {
            0..=11 => self.rng.pick(EXTREMES).to_string(),
            12..=19 => format!("-{}", self.rng.pick(PLAIN)),
            20..=59 => self.rng.pick(PLAIN).to_string(),
            _ => self.rng.below(10).to_string(),
        }
    }

    /// A scalar expression over `params` (and whatever is bound).
    fn expr(&mut self, depth: usize, params: &[String]) -> String {
        if depth == 0 || self.rng.chance(25) {
            return self.leaf(params);
        }
        let d = depth - 1;
        match self.rng.below(24) {
            0..=5 => {
                let (a, b) = (self.operand(d, params), self.operand(d, params));
                let op = self.rng.pick(&["+", "-", "*", "/", " + ", " - ", "·", "×", "⋅", " − ", "÷"]);
                format!("{a}{op}{b}")
            }
            6..=7 => {
                let base = self.wrapped(d, params);
                let exponent = match self.rng.below(6) {
                    0 => self.wrapped(d, params),
                    1 => "1e10".to_string(),
                    2 => "-1".to_string(),
                    3 => "0.5".to_string(),
                    _ => self.rng.below(4).to_string(),
                };
                format!("{base}^{exponent}")
            }
            8 => format!("{}{}", self.wrapped(d, params), self.rng.pick(&["²", "³", "⁻¹", "⁻²", "¹⁰"])),
            9 => format!("-{}", self.wrapped(d, params)),
            10..=13 => format!("{}({})", self.rng.pick(MATH), self.expr(d, params)),
            14 => match params.first() {
                Some(p) => format!("{}{p}", self.rng.range(2, 9)),
                None => format!("{}({})", self.rng.range(2, 9), self.expr(d, params)),
            },
            15..=17 => self.call(d, params),
            18 => self.derivative_call(d, params),
            19 => format!("simplify({})", self.expr(d, params)),
            20 if !params.is_empty() => {
                let by = self.rng.pick(params).clone();
                format!("diff({}, {by})", self.expr(d, params))
            }
            21 if !self.scope.vectors.is_empty() => self.reduction(d, params),
            _ => self.leaf(params),
        }
    }

    /// An operand of a binary operator: bracketed when compound, mostly.
    fn operand(&mut self, depth: usize, params: &[String]) -> String {
        if self.rng.chance(30) { self.expr(depth, params) } else { self.wrapped(depth, params) }
    }

    fn wrapped(&mut self, depth: usize, params: &[String]) -> String {
        let inner = self.expr(depth, params);
        if inner.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') { inner } else { format!("({inner})") }
    }

    fn call(&mut self, depth: usize, params: &[String]) -> String {
        let Some(f) = self.any_function() else { return self.leaf(params) };
        let n = if self.rng.chance(2) { f.params.len() + 1 } else { f.params.len() };
        let args: Vec<String> = (0..n).map(|_| self.expr(depth, params)).collect();
        format!("{}({})", f.name, args.join(", "))
    }

    /// `(∂F/∂p)(args)`, `f'(x)`: a derivative evaluated inside an expression.
    fn derivative_call(&mut self, depth: usize, params: &[String]) -> String {
        let Some(f) = self.any_function() else { return self.leaf(params) };
        let args: Vec<String> = f.params.iter().map(|_| self.expr(depth, params)).collect();
        let form = self.derivative_form(&f);
        format!("({form})({})", args.join(", "))
    }

    /// A number computed from the vectors: `sum`, `mean`, `len`, `dot`.
    fn reduction(&mut self, depth: usize, params: &[String]) -> String {
        let rows = self.row_expr(depth, params);
        match self.rng.below(6) {
            0 | 1 => format!("sum({rows})"),
            2 | 3 => format!("mean({rows})"),
            4 => format!("len({rows})"),
            _ => format!("dot({rows}, {})", self.row_expr(depth, params)),
        }
    }

    /// An expression over the rows of a vector, with scalars mixed in.
    fn row_expr(&mut self, depth: usize, params: &[String]) -> String {
        let vector = if self.rng.chance(15) {
            self.vector_literal()
        } else {
            let index = self.rng.below(self.scope.vectors.len());
            self.scope.vectors[index].clone()
        };
        match self.rng.below(4) {
            0 => vector,
            1 => format!("({} - {vector})^2", self.expr(depth, params)),
            2 => format!("{}({}*{vector})", self.rng.pick(MATH), self.wrapped(depth, params)),
            _ => format!("{vector}*{}", self.wrapped(depth, params)),
        }
    }

    fn leaf(&mut self, params: &[String]) -> String {
        match self.rng.below(12) {
            0..=4 if !params.is_empty() => self.rng.pick(params).clone(),
            5 if !self.scope.scalars.is_empty() => self.rng.pick(&self.scope.scalars).clone(),
            6 => self.rng.pick(&["pi", "π", "e"]).to_string(),
            7 if !self.scope.results.is_empty() => {
                let (result, f) = self.scope.results[self.rng.below(self.scope.results.len())].clone();
                match f.params.first() {
                    Some(p) if self.rng.chance(70) => format!("{result}.{p}"),
                    _ => format!("{result}.iterations"),
                }
            }
            _ => self.number(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Rng, program};

    #[test]
    fn programs_are_reproducible_and_use_every_directive() {
        let texts: Vec<String> = (0..400).map(|seed| program(&mut Rng::new(seed))).collect();
        let again: Vec<String> = (0..400).map(|seed| program(&mut Rng::new(seed))).collect();
        assert_eq!(texts, again);
        let all = texts.concat();
        for needle in
            ["check ", "graph ", "minimize ", "maximize ", "∂", "∇", "'", "diff(", "load(", "restarts", "1e308"]
        {
            assert!(all.contains(needle), "no program uses {needle}");
        }
    }
}
