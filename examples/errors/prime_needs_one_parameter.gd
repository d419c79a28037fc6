# exit: 1
# `'` is for functions of one parameter; J has three.
J(a, b, c) = 3*(a + b*c)
J'
