# exit: 1
d = load("data/duplicate.csv")
