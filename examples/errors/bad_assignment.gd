# exit: 2
# A hand derivative written as an assignment: gd points to `check`.
J(a, b, c) = 3*(a + b*c)
∂J/∂b = 3*c
