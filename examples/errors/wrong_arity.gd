# exit: 1
# Too few arguments: gd lists the parameters.
J(a, b, c) = 3*(a + b*c)
J(1, 2)
