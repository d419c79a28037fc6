# exit: 1
# sqrt(0) is 0, but sqrt has no derivative there: the backward pass fails.
F(x) = sqrt(x)
graph F at x=0
