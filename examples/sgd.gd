# Stochastic gradient descent: the linear regression of linear_regression.gd,
# but each step uses 16 random rows instead of all 300. The table is noisier
# (each J is measured on one batch); the batches are the same on every run
# for a given seed.

data = load("data/linear.csv")
x = data.x
y = data.y
J(m, b) = mean((m*x + b - y)^2)

minimize J from m = 0, b = 0 with α = 0.01, batch = 16, seed = 1, steps = 2000

# Full-batch descent for comparison: smooth, and close to the same answer.
minimize J from m = 0, b = 0 with α = 0.01, steps = 2000
