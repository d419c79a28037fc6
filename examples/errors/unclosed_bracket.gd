# exit: 2
J(a, b, c) = 3*(a + b*c
J(1, 2, 3)
