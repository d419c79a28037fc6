# Graphs whose output is an input, or a constant, and graphs of derivatives.
# Run it with:  cargo run --release -- examples/graph_corners.gd

# The output node is the parameter itself: F = x, so ∂F/∂x = 1 and ∂F/∂y = 0.
F(x, y) = x
graph F at x=2, y=3
graph F as mermaid

# A constant: F = 3 whatever x is, so every partial derivative is 0.
C(x) = 3
graph C at x=2 as dot

# A derivative is a function too; its name is bracketed in the notation.
J(a, b, c) = 3*(a + b*c)
graph ∂J/∂c at a=1, b=2, c=3

# As written: x*x is one node reading x twice, so x's adjoint has two terms.
S(x) = x*x + x
graph S at x=3
