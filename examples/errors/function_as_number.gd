# exit: 1
J(a, b) = a*b
J + 1
