# Backpropagation through one logistic-regression example (Andrew Ng's notes):
#   z = w1*x1 + w2*x2 + b,  a = σ(z),  L = -(y*log(a) + (1 - y)*log(1 - a))
# The backward pass shows the textbook results: the adjoint of z is a - y,
# and the gradient is (x1*(a - y), x2*(a - y), a - y).

x1 = 2
x2 = -1
y = 1
L(w1, w2, b) = -(y*log(σ(w1*x1 + w2*x2 + b)) + (1 - y)*log(1 - σ(w1*x1 + w2*x2 + b)))

graph L at w1=0.5, w2=-0.25, b=0.1

# The same numbers from the symbolic gradient:
∇L
∇L(0.5, -0.25, 0.1)
σ(0.5*x1 - 0.25*x2 + 0.1) - y
