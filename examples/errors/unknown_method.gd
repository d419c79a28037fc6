# exit: 1
J(w) = w^2
minimize J from w = 1 with method = adamw
