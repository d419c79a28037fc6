# exit: 1
# A typo in a function's name: gd suggests the nearest defined name.
J(a, b, c) = 3*(a + b*c)
Jx(1, 2, 3)
