# exit: 1
# Row-by-row arithmetic needs vectors of the same length.
u = [1, 2, 3]
v = [1, 2]
u*v
