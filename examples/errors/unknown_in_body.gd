# exit: 1
# A name that is neither a parameter nor defined.
J(w, b) = (w*x + b - y)^2
