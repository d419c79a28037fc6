# exit: 1
# gd functions cannot call themselves, directly or through others.
f(x) = x + 1
g(x) = 2*f(x)
f(x) = g(x) - 1
