# exit: 1
J(w) = w^2
minimize J from v = 1
