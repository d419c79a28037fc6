# Six optimizers on Rosenbrock's banana valley, from the classic start
# (-1.2, 1). The minimum is at (1, 1), at the end of a long curved valley
# where plain gradient descent is slow. Each run says where it stopped.

R(x, y) = (1 - x)^2 + 100*(y - x^2)^2

minimize R from x = -1.2, y = 1 with α = 0.001, tol = 1e-14, steps = 100000
minimize R from x = -1.2, y = 1 with method = momentum, α = 0.0005, β = 0.9, tol = 1e-14, steps = 100000
minimize R from x = -1.2, y = 1 with method = nesterov, α = 0.0005, β = 0.9, tol = 1e-14, steps = 100000
minimize R from x = -1.2, y = 1 with method = adam, α = 0.01, tol = 1e-14, steps = 100000, plot = "plots/rosenbrock_adam.svg"
minimize R from x = -1.2, y = 1 with method = adagrad, α = 0.5, tol = 1e-14, steps = 100000

# RMSprop's steps stay about α long, so near the bottom it hovers
# instead of settling; it stops at the step limit and says so.
minimize R from x = -1.2, y = 1 with method = rmsprop, α = 0.001, tol = 1e-14, steps = 20000
