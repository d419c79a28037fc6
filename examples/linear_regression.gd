# Linear regression on a CSV file: fit y = m·x + b by gradient descent on the
# mean squared error, then compare with the closed-form least-squares answer.
# The data (examples/data/linear.csv) are 300 points around y = 2.5x + 4.

data = load("data/linear.csv")
data
x = data.x
y = data.y

# The cost, one line over all the rows, and its exact gradient.
J(m, b) = mean((m*x + b - y)^2)
∇J
check ∂J/∂m = mean(2*x*(m*x + b - y))
check ∂J/∂b = mean(2*(m*x + b - y))

r = minimize J from m = 0, b = 0 with α = 0.02, tol = 1e-30, steps = 100000

# The closed form, from sums.
n = len(x)
m = (n*sum(x*y) - sum(x)*sum(y))/(n*sum(x^2) - sum(x)^2)
b = (sum(y) - m*sum(x))/n
m
b
check r.m = m within 1e-6
check r.b = b within 1e-6
