# exit: 1
d = load("data/empty.csv")
