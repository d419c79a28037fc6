# exit: 1
# Momentum needs 0 ≤ β < 1.
J(w) = w^2
minimize J from w = 1 with method = momentum, β = 1
