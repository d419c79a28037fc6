# exit: 1
# The formats are text, mermaid and dot.
J(a, b, c) = 3*(a + b*c)
graph J as png
