# Logistic regression on exam scores: two scores per student and whether they
# were admitted (examples/data/exams.csv, 200 students). The cost is the mean
# cross-entropy; its gradient is the textbook one, and Adam minimizes it.

data = load("data/exams.csv")
data
x1 = data.exam1/100
x2 = data.exam2/100
y = data.admitted

J(w1, w2, b) = mean(-(y*log(σ(w1*x1 + w2*x2 + b)) + (1 - y)*log(1 - σ(w1*x1 + w2*x2 + b))))
∇J
check ∂J/∂b = mean(σ(w1*x1 + w2*x2 + b) - y)
check ∂J/∂w1 = mean(x1*(σ(w1*x1 + w2*x2 + b) - y))

r = minimize J from w1 = 0, w2 = 0, b = 0 with method = adam, α = 0.05, tol = 1e-10, steps = 20000
r.w1
r.w2
r.b

# Training accuracy: the share of students whose prediction σ(z) > 1/2
# (that is, z > 0) matches the label.
mean(1 - abs(step(r.w1*x1 + r.w2*x2 + r.b) - y))
