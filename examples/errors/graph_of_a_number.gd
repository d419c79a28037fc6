# exit: 1
# `graph` draws a function, not a number.
graph 3
