# exit: 2
x = 3 $ 4
