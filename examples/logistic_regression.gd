# exit: 1
# Logistic regression, one training example (Andrew Ng's notes):
#   z = w1*x1 + w2*x2 + b,  a = σ(z),  L = -(y*log(a) + (1 - y)*log(1 - a))
# This script ends with one failed check on purpose (a common mistake),
# so it exits with status 1.

# The loss as a function of z: its derivative is the textbook a - y.
L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z)))
∂L/∂z
check ∂L/∂z = σ(z) - y

# The sigmoid's derivative, σ' = σ(1 - σ).
s(z) = σ(z)
s'
check s' = s(z)*(1 - s(z))
check s' = σ(z)*(1 + σ(z))

# One example with features x1, x2 and label y, as a function of the weights.
x1 = 1.5
x2 = -0.5
y = 1
Loss(w1, w2, b) = L(w1*x1 + w2*x2 + b, y)
∇Loss
check ∂Loss/∂w1 = x1*(σ(w1*x1 + w2*x2 + b) - y)
check ∂Loss/∂w2 = x2*(σ(w1*x1 + w2*x2 + b) - y)
check ∂Loss/∂b = σ(w1*x1 + w2*x2 + b) - y

# The gradient at a point: what one step of gradient descent uses.
∇Loss(0.1, 0.2, 0)
Loss(0.1, 0.2, 0)
