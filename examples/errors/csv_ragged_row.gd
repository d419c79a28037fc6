# exit: 1
d = load("data/ragged.csv")
