//! The update rules of gradient descent, as published, with their state.
//!
//! Every method minimizes; `maximize` hands them the negated function.
//! With g = ∇J(θ) at the current point and everything elementwise:
//!
//! ```text
//! gd        θ ← θ − α·g
//! momentum  v ← β·v + g;  θ ← θ − α·v                          β = 0.9 unless given
//! nesterov  v ← β·v + g;  θ ← θ − α·(g + β·v)                  Sutskever et al. 2013, as in PyTorch
//! adagrad   G ← G + g²;   θ ← θ − α·g/(√G + ε)                 Duchi et al. 2011
//! rmsprop   s ← ρ·s + (1 − ρ)·g²;  θ ← θ − α·g/(√s + ε)        Hinton 2012; ρ = β = 0.9 unless given
//! adam      m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;    Kingma & Ba 2015;
//!           θ ← θ − α·m̂/(√v̂ + ε), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)   β₁ = β = 0.9 unless given, β₂ = 0.999
//! ```
//!
//! with ε = 1e-8. The state is allocated once; a step allocates nothing.

/// An optimization method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Gd,
    Momentum,
    Nesterov,
    Adagrad,
    Rmsprop,
    Adam,
}

impl Method {
    pub fn parse(name: &str) -> Option<Method> {
        Some(match name {
            "gd" => Method::Gd,
            "momentum" => Method::Momentum,
            "nesterov" => Method::Nesterov,
            "adagrad" => Method::Adagrad,
            "rmsprop" => Method::Rmsprop,
            "adam" => Method::Adam,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Method::Gd => "gd",
            Method::Momentum => "momentum",
            Method::Nesterov => "nesterov",
            Method::Adagrad => "adagrad",
            Method::Rmsprop => "rmsprop",
            Method::Adam => "adam",
        }
    }

    /// The β a method uses when none is given.
    pub fn default_beta(self) -> f64 {
        match self {
            Method::Momentum | Method::Nesterov | Method::Adam | Method::Rmsprop => 0.9,
            Method::Gd | Method::Adagrad => 0.0,
        }
    }
}

pub const EPSILON: f64 = 1e-8;
pub const ADAM_BETA2: f64 = 0.999;

/// One update rule: each step, `begin` is called once, then `delta` for
/// each moving parameter i with its gradient component g; θᵢ −= delta.
pub trait Rule {
    #[inline]
    fn begin(&mut self) {}
    fn delta(&mut self, i: usize, g: f64) -> f64;
}

pub struct Gd {
    pub alpha: f64,
}

impl Rule for Gd {
    #[inline]
    fn delta(&mut self, _: usize, g: f64) -> f64 {
        self.alpha * g
    }
}

pub struct Momentum {
    alpha: f64,
    beta: f64,
    velocity: Vec<f64>,
    nesterov: bool,
}

impl Rule for Momentum {
    #[inline]
    fn delta(&mut self, i: usize, g: f64) -> f64 {
        let v = &mut self.velocity[i];
        *v = self.beta * *v + g;
        if self.nesterov { self.alpha * (g + self.beta * *v) } else { self.alpha * *v }
    }
}

pub struct Adagrad {
    alpha: f64,
    squares: Vec<f64>,
}

impl Rule for Adagrad {
    #[inline]
    fn delta(&mut self, i: usize, g: f64) -> f64 {
        let s = &mut self.squares[i];
        *s += g * g;
        self.alpha * g / (s.sqrt() + EPSILON)
    }
}

pub struct Rmsprop {
    alpha: f64,
    rho: f64,
    squares: Vec<f64>,
}

impl Rule for Rmsprop {
    #[inline]
    fn delta(&mut self, i: usize, g: f64) -> f64 {
        let s = &mut self.squares[i];
        *s = self.rho * *s + (1.0 - self.rho) * g * g;
        self.alpha * g / (s.sqrt() + EPSILON)
    }
}

pub struct Adam {
    alpha: f64,
    beta: f64,
    first: Vec<f64>,
    second: Vec<f64>,
    /// β₁ᵗ and β₂ᵗ for the bias corrections, kept as running products.
    powers: (f64, f64),
}

impl Rule for Adam {
    #[inline]
    fn begin(&mut self) {
        self.powers = (self.powers.0 * self.beta, self.powers.1 * ADAM_BETA2);
    }

    #[inline]
    fn delta(&mut self, i: usize, g: f64) -> f64 {
        let (m, v) = (&mut self.first[i], &mut self.second[i]);
        *m = self.beta * *m + (1.0 - self.beta) * g;
        *v = ADAM_BETA2 * *v + (1.0 - ADAM_BETA2) * g * g;
        let m_hat = *m / (1.0 - self.powers.0);
        let v_hat = *v / (1.0 - self.powers.1);
        self.alpha * m_hat / (v_hat.sqrt() + EPSILON)
    }
}

/// A method ready to step, with fresh state for `params` parameters.
pub enum Stepper {
    Gd(Gd),
    Momentum(Momentum),
    Adagrad(Adagrad),
    Rmsprop(Rmsprop),
    Adam(Adam),
}

impl Stepper {
    pub fn new(method: Method, alpha: f64, beta: f64, params: usize) -> Stepper {
        let zeros = || vec![0.0; params];
        match method {
            Method::Gd => Stepper::Gd(Gd { alpha }),
            Method::Momentum | Method::Nesterov => {
                Stepper::Momentum(Momentum { alpha, beta, velocity: zeros(), nesterov: method == Method::Nesterov })
            }
            Method::Adagrad => Stepper::Adagrad(Adagrad { alpha, squares: zeros() }),
            Method::Rmsprop => Stepper::Rmsprop(Rmsprop { alpha, rho: beta, squares: zeros() }),
            Method::Adam => Stepper::Adam(Adam { alpha, beta, first: zeros(), second: zeros(), powers: (1.0, 1.0) }),
        }
    }

    /// Moves `theta` one step against `gradient` (only where `free`).
    pub fn step(&mut self, theta: &mut [f64], gradient: &[f64], free: &[bool]) {
        fn apply(rule: &mut impl Rule, theta: &mut [f64], gradient: &[f64], free: &[bool]) {
            rule.begin();
            for i in 0..theta.len() {
                if free[i] {
                    theta[i] -= rule.delta(i, gradient[i]);
                }
            }
        }
        match self {
            Stepper::Gd(rule) => apply(rule, theta, gradient, free),
            Stepper::Momentum(rule) => apply(rule, theta, gradient, free),
            Stepper::Adagrad(rule) => apply(rule, theta, gradient, free),
            Stepper::Rmsprop(rule) => apply(rule, theta, gradient, free),
            Stepper::Adam(rule) => apply(rule, theta, gradient, free),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minimizes x² from 1 with each method; all must get close to 0.
    #[test]
    fn every_method_descends_a_bowl() {
        for method in [Method::Gd, Method::Momentum, Method::Nesterov, Method::Adagrad, Method::Rmsprop, Method::Adam] {
            let mut stepper = Stepper::new(method, 0.05, method.default_beta(), 1);
            let mut theta = [1.0];
            for _ in 0..2000 {
                let gradient = [2.0 * theta[0]];
                stepper.step(&mut theta, &gradient, &[true]);
            }
            // The adaptive methods take steps of about α even near the bottom.
            assert!(theta[0].abs() < 0.03, "{}: ended at {}", method.name(), theta[0]);
        }
    }

    #[test]
    fn the_first_steps_follow_the_published_rules() {
        let mut gd = Stepper::new(Method::Gd, 0.2, 0.0, 1);
        let mut theta = [0.75];
        gd.step(&mut theta, &[1.5], &[true]);
        assert_eq!(theta[0], 0.75 - 0.2 * 1.5);
        let mut momentum = Stepper::new(Method::Momentum, 0.1, 0.5, 1);
        let mut theta = [0.0];
        momentum.step(&mut theta, &[1.0], &[true]);
        momentum.step(&mut theta, &[1.0], &[true]);
        assert!((theta[0] - -(0.1 * 1.0 + 0.1 * 1.5)).abs() < 1e-15);
        let mut adam = Stepper::new(Method::Adam, 0.1, 0.9, 1);
        let mut theta = [0.0];
        adam.step(&mut theta, &[3.0], &[true]);
        assert!((theta[0] + 0.1).abs() < 1e-6, "Adam's first step is about α: {}", theta[0]);
    }

    #[test]
    fn fixed_parameters_do_not_move() {
        let mut gd = Stepper::new(Method::Gd, 0.1, 0.0, 2);
        let mut theta = [1.0, 1.0];
        gd.step(&mut theta, &[1.0, 1.0], &[true, false]);
        assert_eq!(theta, [0.9, 1.0]);
    }
}
