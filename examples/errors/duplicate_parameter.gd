# exit: 1
L(w, b, w) = w*b
