# exit: 1
# A domain error inside a function is shown where it happens and where it was called.
L(a, y) = -(y*log(a) + (1 - y)*log(1 - a))
L(0.5, 1)
L(1.5, 1)
