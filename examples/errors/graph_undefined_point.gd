# exit: 1
# The forward pass needs a point where the function is defined.
f(x) = log(x)
graph f at x=-1
