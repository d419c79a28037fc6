# exit: 1
# minimize needs one number, not one value per row.
d = load("../data/linear.csv")
x = d.x
y = d.y
R(m, b) = (m*x + b - y)^2
minimize R from m = 0, b = 0
