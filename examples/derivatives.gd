# Derivatives in gd: exact, simplified, and functions in their own right.
# Run it with:  cargo run --release -- examples/derivatives.gd

# The computation-graph example from Andrew Ng's notes.
J(a, b, c) = 3*(a + b*c)
∂J/∂a
∂J/∂b
∂J/∂c

# The gradient, one line per parameter; `diff` and `grad` are the ASCII forms.
∇J
diff(J, b)
grad(J)

# Higher derivatives.
∂²J/∂b∂c
∂²J/∂b²
diff(J, c, b)

# A derivative is a function with J's parameters: call it, or bind it.
(∂J/∂b)(1, 2, 3)
∇J(5, 3, 2)
dJ = ∂J/∂b
dJ(1, 2, 3)

# Check the derivatives you worked out by hand.
check ∂J/∂b = 3*c
check ∇J = (3, 3*c, 3*b)
check J(1, 2, 3) = 21

# Functions of one variable, and f'.
f(x) = x^2*sin(x)
f'
f''
g(x) = x/(1 + x^2)
g'
h(t) = exp(-t^2/2)
h'

# Expressions in free symbols, as in a fresh session.
diff(x^2*sin(x), x)
diff(log(1 + exp(u)), u)
simplify((x + 1)^2 - x^2)

# Bound constants stay by name in derivatives, and are used in values.
α = 0.5
E(w) = α*w^2
E'
E'(3)

# LaTeX, to paste into notes.
∂J/∂b as latex
g' as latex
