# Gradient descent on J(θ1, θ2) = θ1² + θ2², as in the notes: start at
# θ1 = θ2 = 0.75, learning rate α = 0.2, update both parameters at once,
# stop when J decreases by less than 1e-3. Run it with:
#   cargo run --release -- examples/gradient_descent.gd

J(θ1, θ2) = θ1^2 + θ2^2
minimize J from θ1 = 0.75, θ2 = 0.75 with α = 0.2, tol = 1e-3

# Too large a learning rate overshoots: each step lands further away.
minimize J from θ1 = 0.75, θ2 = 0.75 with α = 1.1, tol = 1e-3

# Too small a learning rate crawls: 50 steps are not enough.
minimize J from θ1 = 0.75, θ2 = 0.75 with α = 0.01, tol = 1e-3, steps = 50

# Keep the result, and read its fields.
r = minimize J from θ1 = 0.75, θ2 = 0.75 with α = 0.2, tol = 1e-3
r.θ1
r.J
r.iterations
r.converged

# Only θ1 moves; θ2 stays where it starts. Every 5th row is shown.
minimize J over θ1 from θ1 = 3, θ2 = 1 with α = 0.1, tol = 1e-9, trace = 5

# Gradient ascent climbs a concave function to its top, at (1, -2).
P(x, y) = 3 - (x - 1)^2 - (y + 2)^2
maximize P from x = 0, y = 0 with α = 0.1, tol = 1e-12

# The picture: J against iteration, and the path over the contours of J.
minimize J from θ1 = 0.75, θ2 = -0.5 with α = 0.1, tol = 1e-6, plot = "plots/gradient_descent.svg"
