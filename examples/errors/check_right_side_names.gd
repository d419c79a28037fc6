# exit: 1
# The right side of a derivative check is written in the function's parameters.
J(a, b, c) = 3*(a + b*c)
check ∂J/∂b = 3*z
