# exit: 1
# A misspelt setting gets a suggestion.
J(w) = w^2
minimize J from w = 1 with alpah = 0.1
