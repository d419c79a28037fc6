# exit: 1
slope(x1, y1, x2, y2) = (y2 - y1)/(x2 - x1)
slope(1, 2, 3, 4)
slope(1, 2, 1, 5)
