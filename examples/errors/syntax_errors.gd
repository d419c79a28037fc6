# exit: 2
# Two syntax errors: both are reported, and nothing runs (not even line 4).
x = 2
x
y = (x + 1))
z = 3 4
