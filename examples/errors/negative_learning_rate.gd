# exit: 1
# The learning rate must be positive.
J(w) = w^2
minimize J from w = 1 with α = -0.1
