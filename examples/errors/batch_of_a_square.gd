# exit: 1
# Mini-batches estimate each mean over the rows; a function that squares a
# mean would be estimated with a bias, so stochastic descent refuses it.
d = load("../data/linear.csv")
x = d.x
y = d.y
J(m) = mean(m*x - y)^2
minimize J from m = 0 with batch = 16
