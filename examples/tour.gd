# A tour of gd's core language. Run it with:
#   cargo run --release -- examples/tour.gd
# Every line that is an expression prints its value.

# Define a function as you would on paper, then call it.
J(a, b, c) = 3*(a + b*c)
J(5, 3, 2)

# Functions call functions. The computation graph of J, written out:
u(b, c) = b*c
v(a, b, c) = a + u(b, c)
K(a, b, c) = 3*v(a, b, c)
K(5, 3, 2)

# Numbers are exact where they can be: no 0.30000000000000004 here.
0.1 + 0.2
0.1*30
1/3
2^-10

# `^` is right-associative and binds tighter than unary minus.
-2^2
2^3^2

# Greek letters, subscripts, and maths pasted from a page all work.
θ₁ = 2
θ₁² + 2·3 − 1
α = 0.5
(1 − α)×θ₁

# A number written before a name or a bracket multiplies it.
2π
3(1 + α)

# The builtins of machine learning.
σ(0)
sigmoid(2)
log(e^3)
exp(1)
sqrt(2)
relu(-3)
softplus(0)
tanh(0.5)
abs(-2.5)

# Very large and very small numbers print in scientific notation.
1e-7
6.02e23
