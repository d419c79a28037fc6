//! The names gd knows before anything is defined: functions, constants and
//! directive helpers, with their spellings and aliases (`ln` is `log`, `σ` is
//! `sigmoid`). The resolver, the lowering, the printer and the REPL's
//! completion all read this one table.

/// A mathematical function of one real argument, as stored in the arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Func {
    Exp,
    Log,
    Sin,
    Cos,
    Tan,
    Tanh,
    Sigmoid,
    Relu,
    Softplus,
    Abs,
    /// The derivative of `relu`: 1 for x > 0, else 0.
    Step,
    /// The derivative of `abs`: -1, 0 or 1.
    Sign,
    Log10,
    Log2,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    /// log(1 + x), accurate for small x. Internal: the accurate form of
    /// `log(1 + u)` (see `eval::stable`); no spelling reads as it.
    Log1p,
    /// exp(x) − 1, accurate for small x. Internal, for `exp(u) − 1`.
    Expm1,
    /// log(1 − exp(x)) for x < 0, accurate at both ends. Internal, for
    /// `log(1 − exp(u))`.
    Log1mexp,
}

impl Func {
    /// The name gd prints (and reads back).
    pub fn name(self) -> &'static str {
        match self {
            Func::Exp => "exp",
            Func::Log => "log",
            Func::Sin => "sin",
            Func::Cos => "cos",
            Func::Tan => "tan",
            Func::Tanh => "tanh",
            Func::Sigmoid => "σ",
            Func::Relu => "relu",
            Func::Softplus => "softplus",
            Func::Abs => "abs",
            Func::Step => "step",
            Func::Sign => "sign",
            Func::Log10 => "log10",
            Func::Log2 => "log2",
            Func::Asin => "asin",
            Func::Acos => "acos",
            Func::Atan => "atan",
            Func::Sinh => "sinh",
            Func::Cosh => "cosh",
            Func::Log1p => "log1p",
            Func::Expm1 => "expm1",
            Func::Log1mexp => "log1mexp",
        }
    }

    /// Evaluates in `f64`; may return a non-finite value for the caller to report.
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Func::Exp => x.exp(),
            Func::Log => x.ln(),
            Func::Sin => x.sin(),
            Func::Cos => x.cos(),
            Func::Tan => x.tan(),
            Func::Tanh => x.tanh(),
            Func::Sigmoid => sigmoid(x),
            Func::Relu => relu(x),
            Func::Softplus => softplus(x),
            Func::Abs => x.abs(),
            Func::Step => step(x),
            Func::Sign => sign(x),
            Func::Log10 => x.log10(),
            Func::Log2 => x.log2(),
            Func::Asin => x.asin(),
            Func::Acos => x.acos(),
            Func::Atan => x.atan(),
            Func::Sinh => x.sinh(),
            Func::Cosh => x.cosh(),
            Func::Log1p => x.ln_1p(),
            Func::Expm1 => x.exp_m1(),
            Func::Log1mexp => log1mexp(x),
        }
    }

    /// Where `func` has real values, when that is not everywhere: the
    /// condition in words, and whether `x` meets it.
    pub fn domain(self, x: f64) -> Option<(&'static str, bool)> {
        match self {
            Func::Log | Func::Log10 | Func::Log2 => Some(("x > 0", x > 0.0)),
            Func::Asin | Func::Acos => Some(("-1 ≤ x ≤ 1", (-1.0..=1.0).contains(&x))),
            Func::Log1p => Some(("x > -1", x > -1.0)),
            Func::Log1mexp => Some(("x < 0", x < 0.0)),
            _ => None,
        }
    }
}

/// relu(x) = max(x, 0); a value that is not a number stays one (`f64::max`
/// would turn NaN into 0 and hide an undefined point from the descent).
pub fn relu(x: f64) -> f64 {
    if x < 0.0 { 0.0 } else { x }
}

/// step(x) = 1 for x > 0, else 0; NaN stays NaN.
pub fn step(x: f64) -> f64 {
    if x.is_nan() { x } else { f64::from(u8::from(x > 0.0)) }
}

/// sign(x) = −1, 0 or 1 (`f64::signum` gives ±1 at ±0); NaN stays NaN.
pub fn sign(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x.signum() }
}

/// σ(x) = 1/(1 + e^−x), computed without overflow for large |x|.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// softplus(x) = log(1 + e^x), computed without overflow for large x.
pub fn softplus(x: f64) -> f64 {
    if x > 30.0 { x + (-x).exp().ln_1p() } else { x.exp().ln_1p() }
}

/// log(1 − e^x) for x < 0: through expm1 near 0, through log1p further out
/// (Mächler, "Accurately computing log(1 − exp(−|a|))", 2012).
pub fn log1mexp(x: f64) -> f64 {
    if x > -std::f64::consts::LN_2 { (-x.exp_m1()).ln() } else { (-x.exp()).ln_1p() }
}

/// A reduction of a vector to a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reduction {
    Sum,
    Mean,
    /// The largest row. Internal: the shift of a log-sum-exp over rows
    /// (see `eval::stable`); no spelling reads as it.
    Max,
    /// log Σ exp(xᵢ − max x), between 0 and log n: the log-sum-exp of the
    /// rows shifted so that the largest is 0, accurate when one row
    /// dominates. Internal, with `Max`: log Σ exp(xᵢ) is their sum.
    LogSumExpShifted,
}

impl Reduction {
    pub fn name(self) -> &'static str {
        match self {
            Reduction::Sum => "sum",
            Reduction::Mean => "mean",
            Reduction::Max => "max",
            Reduction::LogSumExpShifted => "logsumexp_shifted",
        }
    }

    /// How much each row moves a reduction that is linear in its rows: 1 for
    /// a sum, 1/n for a mean of n rows; `None` for the internal ones, which
    /// are not linear (no factor comes out of them, no sum splits).
    pub fn row_weight(self, rows: usize) -> Option<f64> {
        match self {
            Reduction::Sum => Some(1.0),
            Reduction::Mean => Some(1.0 / rows.max(1) as f64),
            Reduction::Max | Reduction::LogSumExpShifted => None,
        }
    }

    /// Whether the reduction is a sum or a mean (see [`Reduction::row_weight`]).
    pub fn is_linear(self) -> bool {
        self.row_weight(1).is_some()
    }
}

/// A named constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Constant {
    Pi,
    E,
}

impl Constant {
    pub fn name(self) -> &'static str {
        match self {
            Constant::Pi => "π",
            Constant::E => "e",
        }
    }

    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }
}

/// What a builtin name means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Math(Func),
    /// `sqrt(x)`, stored as `x^(1/2)`.
    Sqrt,
    Constant(Constant),
    /// `diff(J, b)`, `diff(expr, x)`, `diff(J, b, c)`
    Diff,
    /// `grad(J)`
    Grad,
    /// `simplify(expr)`
    Simplify,
    /// `load("file.csv")`
    Load,
    Sum,
    Mean,
    Len,
    Dot,
    /// `max(a, b)`, written `b + relu(a − b)`: derivatives follow relu's convention.
    Max,
    /// `min(a, b)`, written `a − relu(a − b)`.
    Min,
    /// `var(v)`: the population variance, `mean((v − mean(v))^2)`.
    Var,
    /// `std(v)`: `sqrt(var(v))`.
    Std,
}

/// Every builtin spelling with its meaning, aliases included.
pub const BUILTINS: &[(&str, Builtin)] = &[
    ("exp", Builtin::Math(Func::Exp)),
    ("log", Builtin::Math(Func::Log)),
    ("ln", Builtin::Math(Func::Log)),
    ("sqrt", Builtin::Sqrt),
    ("abs", Builtin::Math(Func::Abs)),
    ("sin", Builtin::Math(Func::Sin)),
    ("cos", Builtin::Math(Func::Cos)),
    ("tan", Builtin::Math(Func::Tan)),
    ("tanh", Builtin::Math(Func::Tanh)),
    ("sinh", Builtin::Math(Func::Sinh)),
    ("cosh", Builtin::Math(Func::Cosh)),
    ("asin", Builtin::Math(Func::Asin)),
    ("acos", Builtin::Math(Func::Acos)),
    ("atan", Builtin::Math(Func::Atan)),
    ("log10", Builtin::Math(Func::Log10)),
    ("log2", Builtin::Math(Func::Log2)),
    ("sigmoid", Builtin::Math(Func::Sigmoid)),
    ("σ", Builtin::Math(Func::Sigmoid)),
    ("relu", Builtin::Math(Func::Relu)),
    ("softplus", Builtin::Math(Func::Softplus)),
    ("step", Builtin::Math(Func::Step)),
    ("sign", Builtin::Math(Func::Sign)),
    ("pi", Builtin::Constant(Constant::Pi)),
    ("π", Builtin::Constant(Constant::Pi)),
    ("e", Builtin::Constant(Constant::E)),
    ("diff", Builtin::Diff),
    ("grad", Builtin::Grad),
    ("simplify", Builtin::Simplify),
    ("load", Builtin::Load),
    ("sum", Builtin::Sum),
    ("mean", Builtin::Mean),
    ("len", Builtin::Len),
    ("dot", Builtin::Dot),
    ("max", Builtin::Max),
    ("min", Builtin::Min),
    ("var", Builtin::Var),
    ("std", Builtin::Std),
];

pub fn lookup(name: &str) -> Option<Builtin> {
    BUILTINS.iter().find(|(spelling, _)| *spelling == name).map(|(_, builtin)| *builtin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_mean_the_same() {
        assert_eq!(lookup("ln"), lookup("log"));
        assert_eq!(lookup("σ"), lookup("sigmoid"));
        assert_eq!(lookup("π"), lookup("pi"));
        assert_eq!(lookup("J"), None);
    }

    #[test]
    fn printed_names_read_back() {
        for func in [
            Func::Exp,
            Func::Log,
            Func::Sigmoid,
            Func::Step,
            Func::Sign,
            Func::Softplus,
            Func::Log10,
            Func::Log2,
            Func::Asin,
            Func::Acos,
            Func::Atan,
            Func::Sinh,
            Func::Cosh,
        ] {
            assert_eq!(lookup(func.name()), Some(Builtin::Math(func)));
        }
    }

    #[test]
    fn stable_sigmoid_and_softplus() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(-800.0) >= 0.0 && sigmoid(800.0) == 1.0);
        assert!((softplus(1000.0) - 1000.0).abs() < 1e-9);
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn log1mexp_is_accurate_at_both_ends() {
        // log(1 − e^−1e-20) = log(1e-20) and log(1 − e^−40) = −e^−40, to the last digit.
        assert_eq!(log1mexp(-1e-20), (1e-20f64).ln());
        assert_eq!(log1mexp(-40.0), -(-40f64).exp());
        assert!((log1mexp(-1.0) - (1.0 - (-1f64).exp()).ln()).abs() < 1e-15);
    }
}
