# exit: 1
# A gradient check lists one expression per parameter.
J(a, b, c) = 3*(a + b*c)
check ∇J = (3, 3*c)
