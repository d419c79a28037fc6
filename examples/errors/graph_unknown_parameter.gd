# exit: 1
J(a, b, c) = 3*(a + b*c)
graph J at q=1
