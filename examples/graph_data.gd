# Graphs over data: nodes hold one value per row.
# Run it with:  cargo run --release -- examples/graph_data.gd

x = [1, 2, 3, 4, 5]
y = [3, 5, 7, 10, 11]

# A number (the mean over the rows): each row's node has an adjoint per row,
# and a parameter, the same in every row, collects their sum.
J(m, b) = mean((m*x + b - y)^2)
graph J at m=1, b=2

# A vector (one squared error per row): each row is its own function, so
# every adjoint is per row, and so is the gradient (∂R/∂m)(1, 2).
R(m, b) = (m*x + b - y)^2
graph R at m=1, b=2
(∂R/∂m)(1, 2)
