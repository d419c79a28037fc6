# exit: 1
d = load("../data/linear.csv")
d.z
