# exit: 1
d = load("data/no_such_file.csv")
