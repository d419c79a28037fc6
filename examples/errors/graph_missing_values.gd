# exit: 1
# A point gives every parameter a value.
J(a, b, c) = 3*(a + b*c)
graph J at a=1
