# A function with two valleys: f(x) = x⁴ − 3x² + x has a shallow minimum near
# x = 1.13 and a deeper one near x = −1.30. Descent from x = 2 finds the
# shallow one; starting again from random points around the start finds both,
# and gd keeps the best.

f(x) = x^4 - 3*x^2 + x
minimize f from x = 2 with α = 0.01, tol = 1e-12
best = minimize f from x = 2 with α = 0.01, tol = 1e-12, restarts = 5, seed = 7
best.x
best.f
