# exit: 1
# The start must be a point where the function has a value.
J(w) = log(w)
minimize J from w = -1
