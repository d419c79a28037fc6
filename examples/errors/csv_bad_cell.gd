# exit: 1
# A cell that is not a number is shown in the file, with the line that loaded it.
houses = load("data/bad_cell.csv")
