# A small tanh network: one hidden unit h = tanh(w*x + b) feeds two outputs,
# o1 = v1*h and o2 = v2*h, with a squared error on each. The node for h is
# used by both outputs, so its adjoint is the sum of two contributions,
# shown term by term in the backward pass.

x = 0.5
y1 = 1
y2 = -1
N(w, b, v1, v2) = (v1*tanh(w*x + b) - y1)^2 + (v2*tanh(w*x + b) - y2)^2

graph N
graph N at w=0.8, b=0.1, v1=1.5, v2=-0.5

# The backward pass agrees with the symbolic gradient:
∇N(0.8, 0.1, 1.5, -0.5)
check ∂N/∂v1 = 2*tanh(w*x + b)*(v1*tanh(w*x + b) - y1)
