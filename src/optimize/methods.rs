//! The update rules of gradient descent, as published, with their state.
//!
//! Every method minimizes; `maximize` hands them the negated function.
//! With g = ∇J(θ) at the current point and everything elementwise:
//!
//! - `gd`:       θ ← θ − α·g
//! - `momentum`: v ← β·v + g;  θ ← θ − α·v                       (β = 0.9 unless given)
//! - `nesterov`: v ← β·v + g;  θ ← θ − α·(g + β·v)               (Sutskever et al. 2013, as in PyTorch)
//! - `adagrad`:  G ← G + g²;   θ ← θ − α·g/(√G + ε)              (Duchi et al. 2011)
//! - `rmsprop`:  s ← ρ·s + (1 − ρ)·g²;  θ ← θ − α·g/(√s + ε)     (Hinton 2012; ρ = 0.9)
//! - `adam`:     m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;
//!               θ ← θ − α·m̂/(√v̂ + ε), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)   (Kingma & Ba 2015;
//!               β₁ = 0.9 unless β is given, β₂ = 0.999)
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

/// A method with its hyperparameters and its per-parameter state.
pub struct Stepper {
    method: Method,
    alpha: f64,
    beta: f64,
    first: Vec<f64>,
    second: Vec<f64>,
    step: i32,
}

impl Stepper {
    pub fn new(method: Method, alpha: f64, beta: f64, params: usize) -> Stepper {
        Stepper { method, alpha, beta, first: vec![0.0; params], second: vec![0.0; params], step: 0 }
    }

    /// Moves `theta` one step against `gradient` (only where `free`).
    #[inline]
    pub fn step(&mut self, theta: &mut [f64], gradient: &[f64], free: &[bool]) {
        self.step = self.step.saturating_add(1);
        let (alpha, beta) = (self.alpha, self.beta);
        let corrections = match self.method {
            Method::Adam => (1.0 - beta.powi(self.step), 1.0 - ADAM_BETA2.powi(self.step)),
            _ => (1.0, 1.0),
        };
        for i in 0..theta.len() {
            if !free[i] {
                continue;
            }
            let g = gradient[i];
            let (m, s) = (&mut self.first[i], &mut self.second[i]);
            theta[i] -= match self.method {
                Method::Gd => alpha * g,
                Method::Momentum => {
                    *m = beta * *m + g;
                    alpha * *m
                }
                Method::Nesterov => {
                    *m = beta * *m + g;
                    alpha * (g + beta * *m)
                }
                Method::Adagrad => {
                    *s += g * g;
                    alpha * g / (s.sqrt() + EPSILON)
                }
                Method::Rmsprop => {
                    *s = beta * *s + (1.0 - beta) * g * g;
                    alpha * g / (s.sqrt() + EPSILON)
                }
                Method::Adam => {
                    *m = beta * *m + (1.0 - beta) * g;
                    *s = ADAM_BETA2 * *s + (1.0 - ADAM_BETA2) * g * g;
                    alpha * (*m / corrections.0) / ((*s / corrections.1).sqrt() + EPSILON)
                }
            };
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
