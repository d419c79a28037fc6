# exit: 1
# A partial derivative is taken with respect to one of the function's parameters.
J(a, b, c) = 3*(a + b*c)
∂J/∂d
