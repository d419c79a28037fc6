# exit: 1
# Each row of T depends on every row through the mean: no adjoint per row.
x = [1, 2, 3]
T(m) = x*mean(m*x)
graph T at m=1
