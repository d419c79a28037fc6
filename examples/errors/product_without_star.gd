# exit: 1
# `bc` is one name; a product needs `*`.
J(a, b, c) = 3*(a + bc)
