# exit: 1
# Labels land under the right characters on lines with Greek letters.
θ₁ = 0.5
α = 0.1
θ₁ − α·log(θ₁ − 1)
