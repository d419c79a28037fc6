# Hand derivations as students write them: true ones that must pass (✓) and typical mistakes
# that must fail (✗). One check per line with its definitions before it; each line stands alone.
# tests/corpus.rs runs every line in a fresh session and compares the verdict with the comment.
# --- seed examples ---
J(a, b, c) = 3*(a + b*c); check ∂J/∂a = 3  # expect ✓
J(a, b, c) = 3*(a + b*c); check ∂J/∂b = 3*c  # expect ✓
J(a, b, c) = 3*(a + b*c); check ∂J/∂c = 3*b  # expect ✓
J(a, b, c) = 3*(a + b*c); check ∂J/∂b = 3*a  # expect ✗
J(a, b, c) = 3*(a + b*c); check ∂J/∂a = 1  # expect ✗
J(a, b, c) = 3*(a + b*c); check ∂J/∂b = c  # expect ✗
J(a, b, c) = 3*(a + b*c); check ∇J = (3, 3*c, 3*b)  # expect ✓
J(a, b, c) = 3*(a + b*c); check ∇J = (3, 3*b, 3*c)  # expect ✗
J(a, b, c) = 3*(a + b*c); check J(1, 2, 3) = 21  # expect ✓
J(a, b, c) = 3*(a + b*c); check J(1, 2, 3) = 20  # expect ✗
J(a, b, c) = 3*(a + b*c); check (∂J/∂b)(1, 2, 3) = 9  # expect ✓
J(a, b, c) = 3*(a + b*c); check ∂²J/∂b∂c = 3  # expect ✓
J(a, b, c) = 3*(a + b*c); check ∂²J/∂b² = 0  # expect ✓
J(a, b, c) = 3*(a + b*c); check diff(J, b) = 3*c  # expect ✓
J(a, b, c) = 3*(a + b*c); check diff(J, b, c) = 0  # expect ✗
# --- power rule ---
f(x) = x^2; check f' = 2*x  # expect ✓
f(x) = x^2; check f' = x + x  # expect ✓
f(x) = x^2; check f' = x  # expect ✗
f(x) = x^2; check f' = 2*x^2  # expect ✗
f(x) = x^3; check f' = 3*x^2  # expect ✓
f(x) = x^3; check f' = 3*x^3  # expect ✗
f(x) = x^3; check f' = 2*x^2  # expect ✗
f(x) = x^3; check f' = x^2 + x^2 + x^2  # expect ✓
f(x) = x^5 - 4*x^2 + 7; check f' = 5*x^4 - 8*x  # expect ✓
f(x) = x^5 - 4*x^2 + 7; check f' = 5*x^4 - 8*x + 7  # expect ✗
f(x) = 1/x; check f' = -1/x^2  # expect ✓
f(x) = 1/x; check f' = 1/x^2  # expect ✗
f(x) = 1/x; check f' = -x^-2  # expect ✓
f(x) = 1/x; check f' = -1/x  # expect ✗
f(x) = x^-3; check f' = -3*x^-4  # expect ✓
f(x) = x^-3; check f' = -3*x^-2  # expect ✗
f(x) = x^(1/3); check f' = (1/3)*x^(-2/3)  # expect ✓
f(x) = x^(1/3); check f' = x^(-2/3)/3  # expect ✓
f(x) = x^(1/3); check f' = (1/3)*x^(2/3)  # expect ✗
f(x) = 7; check f' = 0  # expect ✓
f(x) = 7*x; check f' = 7  # expect ✓
f(x) = 7*x; check f' = 7*x  # expect ✗
# --- sqrt ---
f(x) = sqrt(x); check f' = 1/(2*sqrt(x))  # expect ✓
f(x) = sqrt(x); check f' = 0.5*x^(-0.5)  # expect ✓
f(x) = sqrt(x); check f' = 1/2*x^(-1/2)  # expect ✓
f(x) = sqrt(x); check f' = sqrt(x)/(2*x)  # expect ✓
f(x) = sqrt(x); check f' = 1/(2*x)  # expect ✗
f(x) = sqrt(x); check f' = 2*sqrt(x)  # expect ✗
f(x) = sqrt(x); check f' = 1/sqrt(x)  # expect ✗
f(x) = sqrt(1 + x^2); check f' = x/sqrt(1 + x^2)  # expect ✓
f(x) = sqrt(1 + x^2); check f' = 1/(2*sqrt(1 + x^2))  # expect ✗
f(x) = sqrt(x^2); check f' = 1  # expect ✗
f(x) = sqrt(x^2); check f' = x/sqrt(x^2)  # expect ~ (abs'(0) = 0; x/sqrt(x^2) has no value at 0)
f(x) = sqrt(x^2); check f' = sign(x)  # expect ✓
# --- exp and log ---
f(x) = exp(x); check f' = exp(x)  # expect ✓
f(x) = exp(x); check f' = e^x  # expect ✓
f(x) = exp(x); check f' = x*exp(x - 1)  # expect ✗
f(x) = exp(-x); check f' = -exp(-x)  # expect ✓
f(x) = exp(-x); check f' = exp(-x)  # expect ✗
f(x) = exp(x^2); check f' = 2*x*exp(x^2)  # expect ✓
f(x) = exp(x^2); check f' = exp(x^2)  # expect ✗
f(x) = exp(x^2); check f' = x^2*exp(x^2 - 1)  # expect ✗
h(t) = exp(-t^2/2); check h' = -t*exp(-t^2/2)  # expect ✓
h(t) = exp(-t^2/2); check h' = t*exp(-t^2/2)  # expect ✗
f(x) = log(x); check f' = 1/x  # expect ✓
f(x) = ln(x); check f' = 1/x  # expect ✓
f(x) = log(x); check f' = log(x)/x  # expect ✗
f(x) = log(x); check f' = 1/log(x)  # expect ✗
f(x) = log(2*x); check f' = 1/x  # expect ✓
f(x) = log(2*x); check f' = 2/(2*x)  # expect ✓
f(x) = log(2*x); check f' = 1/(2*x)  # expect ✗
f(x) = log(x^2); check f' = 2/x  # expect ✓
f(x) = log(x^2); check f' = 1/x^2  # expect ✗
f(x) = log(1 + x^2); check f' = 2*x/(1 + x^2)  # expect ✓
f(x) = log(1 + x^2); check f' = 1/(1 + x^2)  # expect ✗
f(x) = log(abs(x)); check f' = 1/x  # expect ✓
f(x) = x*log(x); check f' = log(x) + 1  # expect ✓
f(x) = x*log(x); check f' = log(x)  # expect ✗
f(x) = x*log(x) - x; check f' = log(x)  # expect ✓
f(x) = log(log(x)); check f' = 1/(x*log(x))  # expect ✓
f(x) = log(log(x)); check f' = 1/log(x)  # expect ✗
f(x) = 2^x; check f' = 2^x*log(2)  # expect ✓
f(x) = 2^x; check f' = x*2^(x - 1)  # expect ✗
f(x) = 2^x; check f' = 2^x  # expect ✗
# --- trig ---
f(x) = sin(x); check f' = cos(x)  # expect ✓
f(x) = sin(x); check f' = -cos(x)  # expect ✗
f(x) = cos(x); check f' = -sin(x)  # expect ✓
f(x) = cos(x); check f' = sin(x)  # expect ✗
f(x) = tan(x); check f' = 1 + tan(x)^2  # expect ✓
f(x) = tan(x); check f' = 1/cos(x)^2  # expect ✓
f(x) = tan(x); check f' = 1 - tan(x)^2  # expect ✗
f(x) = tan(x); check f' = -1/cos(x)^2  # expect ✗
f(x) = sin(2*x); check f' = 2*cos(2*x)  # expect ✓
f(x) = sin(2*x); check f' = cos(2*x)  # expect ✗
f(x) = sin(x)^2; check f' = 2*sin(x)*cos(x)  # expect ✓
f(x) = sin(x)^2; check f' = sin(2*x)  # expect ✓
f(x) = sin(x)^2; check f' = 2*sin(x)  # expect ✗
f(x) = sin(x)^2; check f' = cos(x)^2  # expect ✗
f(x) = sin(x)^2 + cos(x)^2; check f' = 0  # expect ✓
f(x) = sin(x^2); check f' = 2*x*cos(x^2)  # expect ✓
f(x) = sin(x^2); check f' = cos(x^2)  # expect ✗
f(x) = sin(x^2); check f' = cos(2*x)  # expect ✗
f(x) = sin(cos(x)); check f' = -cos(cos(x))*sin(x)  # expect ✓
f(x) = sin(cos(x)); check f' = cos(cos(x))*sin(x)  # expect ✗
f(x) = sin(cos(x)); check f' = cos(-sin(x))  # expect ✗
f(x) = log(sin(x)); check f' = cos(x)/sin(x)  # expect ✓
f(x) = log(sin(x)); check f' = 1/tan(x)  # expect ✓
f(x) = log(sin(x)); check f' = 1/sin(x)  # expect ✗
f(x) = sin(x)/x; check f' = (x*cos(x) - sin(x))/x^2  # expect ✓
f(x) = sin(x)/x; check f' = (sin(x) - x*cos(x))/x^2  # expect ✗
f(x) = sin(x)/x; check f' = cos(x)  # expect ✗
# --- tanh ---
f(x) = tanh(x); check f' = 1 - tanh(x)^2  # expect ✓
f(x) = tanh(x); check f' = (1 - tanh(x))*(1 + tanh(x))  # expect ✓
f(x) = tanh(x); check f' = 4/(exp(x) + exp(-x))^2  # expect ✓
f(x) = tanh(x); check f' = 1 + tanh(x)^2  # expect ✗
f(x) = tanh(x); check f' = 1 - tanh(x)  # expect ✗
f(x) = tanh(x); check f' = tanh(x)*(1 - tanh(x))  # expect ✗
f(x) = tanh(3*x); check f' = 3*(1 - tanh(3*x)^2)  # expect ✓
f(x) = tanh(3*x); check f' = 1 - tanh(3*x)^2  # expect ✗
f(x) = (exp(x) - exp(-x))/(exp(x) + exp(-x)); check f' = 1 - tanh(x)^2  # expect ✓
# --- sigmoid ---
s(z) = σ(z); check s' = σ(z)*(1 - σ(z))  # expect ✓
s(z) = σ(z); check s' = s(z)*(1 - s(z))  # expect ✓
s(z) = σ(z); check s' = σ(z) - σ(z)^2  # expect ✓
s(z) = σ(z); check s' = exp(-z)/(1 + exp(-z))^2  # expect ✓
s(z) = σ(z); check s' = exp(z)/(1 + exp(z))^2  # expect ✓
s(z) = σ(z); check s' = σ(z)*σ(-z)  # expect ✓
s(z) = sigmoid(z); check s' = sigmoid(z)*(1 - sigmoid(z))  # expect ✓
s(z) = σ(z); check s' = σ(z)*(1 + σ(z))  # expect ✗
s(z) = σ(z); check s' = σ(z)^2  # expect ✗
s(z) = σ(z); check s' = 1 - σ(z)  # expect ✗
s(z) = σ(z); check s' = σ(z)*(σ(z) - 1)  # expect ✗
s(z) = σ(z); check s' = -exp(-z)/(1 + exp(-z))^2  # expect ✗
s(z) = 1/(1 + exp(-z)); check s' = σ(z)*(1 - σ(z))  # expect ✓
s(z) = 1/(1 + exp(-z)); check s' = s(z)*(1 - s(z))  # expect ✓
s(z) = 1/(1 + exp(-z)); check s' = exp(-z)/(1 + exp(-z))^2  # expect ✓
s(z) = 1/(1 + exp(-z)); check s' = -exp(-z)/(1 + exp(-z))^2  # expect ✗
s(z) = σ(2*z); check s' = 2*σ(2*z)*(1 - σ(2*z))  # expect ✓
s(z) = σ(2*z); check s' = σ(2*z)*(1 - σ(2*z))  # expect ✗
s(z) = log(σ(z)); check s' = 1 - σ(z)  # expect ✓
s(z) = log(σ(z)); check s' = σ(-z)  # expect ✓
s(z) = log(σ(z)); check s' = 1/σ(z)  # expect ✗
s(z) = log(1 - σ(z)); check s' = -σ(z)  # expect ✓
s(z) = log(1 - σ(z)); check s' = σ(z)  # expect ✗
s(z) = σ(z); check s'' = σ(z)*(1 - σ(z))*(1 - 2*σ(z))  # expect ✓
s(z) = σ(z); check s'' = σ(z)*(1 - σ(z))  # expect ✗
# --- softplus, relu, abs ---
f(x) = softplus(x); check f' = σ(x)  # expect ✓
f(x) = softplus(x); check f' = 1/(1 + exp(-x))  # expect ✓
f(x) = softplus(x); check f' = exp(x)/(1 + exp(x))  # expect ✓
f(x) = softplus(x); check f' = 1/(1 + exp(x))  # expect ✗
f(x) = softplus(x); check f' = exp(x)  # expect ✗
f(x) = softplus(x); check f' = σ(x)*(1 - σ(x))  # expect ✗
f(x) = log(1 + exp(x)); check f' = σ(x)  # expect ✓
f(x) = softplus(x); check f'' = σ(x)*(1 - σ(x))  # expect ✓
f(x) = relu(x); check f' = step(x)  # expect ✓
f(x) = relu(x); check f' = 1  # expect ✗
f(x) = relu(x); check f' = sign(x)  # expect ✗
f(x) = relu(x); check f' = relu(x)  # expect ✗
f(x) = relu(x); check f' = (1 + sign(x))/2  # expect ~ (relu'(0) = 0, but (1 + sign(0))/2 = 1/2)
f(x) = relu(2*x); check f' = 2*step(x)  # expect ✓
f(x) = relu(x)^2; check f' = 2*relu(x)  # expect ✓
f(x) = relu(x)^2; check f' = 2*x  # expect ✗
f(x) = abs(x); check f' = sign(x)  # expect ✓
f(x) = abs(x); check f' = x/abs(x)  # expect ~ (abs'(0) = 0; x/abs(x) has no value at 0)
f(x) = abs(x); check f' = 1  # expect ✗
f(x) = abs(x)^3; check f' = 3*x*abs(x)  # expect ✓
f(x) = abs(x)^3; check f' = 3*x^2  # expect ✗
f(x) = abs(x - 2); check f' = sign(x - 2)  # expect ✓
# --- products and quotients ---
f(x) = x^2*sin(x); check f' = 2*x*sin(x) + x^2*cos(x)  # expect ✓
f(x) = x^2*sin(x); check f' = 2*x*cos(x)  # expect ✗
f(x) = x*exp(x); check f' = (1 + x)*exp(x)  # expect ✓
f(x) = x*exp(x); check f' = exp(x)  # expect ✗
f(x) = x*sin(x)*exp(x); check f' = sin(x)*exp(x) + x*cos(x)*exp(x) + x*sin(x)*exp(x)  # expect ✓
f(x) = x*sin(x)*exp(x); check f' = sin(x)*exp(x) + x*cos(x)*exp(x)  # expect ✗
f(x) = x*sin(x)*exp(x); check f' = cos(x)*exp(x)  # expect ✗
f(x, y, z) = x*y*z; check ∇f = (y*z, x*z, x*y)  # expect ✓
f(x, y, z) = x*y*z; check ∇f = (y*z, x*z, x*z)  # expect ✗
g(x) = x/(1 + x^2); check g' = (1 - x^2)/(1 + x^2)^2  # expect ✓
g(x) = x/(1 + x^2); check g' = ((1 + x^2) - 2*x^2)/(1 + x^2)^2  # expect ✓
g(x) = x/(1 + x^2); check g' = (2*x^2 - (1 + x^2))/(1 + x^2)^2  # expect ✗
g(x) = x/(1 + x^2); check g' = 1/(2*x)  # expect ✗
g(x) = x/(1 + x^2); check g' = (1 - x^2)/(1 + x^2)  # expect ✗
g(x) = (x + 1)/(x - 1); check g' = -2/(x - 1)^2  # expect ✓
g(x) = (x + 1)/(x - 1); check g' = 2/(x - 1)^2  # expect ✗
g(x) = exp(x)/x; check g' = exp(x)*(x - 1)/x^2  # expect ✓
g(x) = exp(x)/x; check g' = exp(x)*(1 - x)/x^2  # expect ✗
# --- chain rule, powers of sums ---
f(x) = (3*x + 1)^5; check f' = 15*(3*x + 1)^4  # expect ✓
f(x) = (3*x + 1)^5; check f' = 5*(3*x + 1)^4  # expect ✗
f(x) = (3*x + 1)^5; check f' = 15*(3*x + 1)^5  # expect ✗
f(x) = (1 + x^2)^-1; check f' = -2*x/(1 + x^2)^2  # expect ✓
f(x) = (1 + x^2)^-1; check f' = -1/(1 + x^2)^2  # expect ✗
f(x) = exp(sin(x^2)); check f' = 2*x*cos(x^2)*exp(sin(x^2))  # expect ✓
f(x) = exp(sin(x^2)); check f' = cos(x^2)*exp(sin(x^2))  # expect ✗
f(x) = tanh(σ(x)); check f' = (1 - tanh(σ(x))^2)*σ(x)*(1 - σ(x))  # expect ✓
f(x) = tanh(σ(x)); check f' = 1 - tanh(σ(x))^2  # expect ✗
f(x) = sqrt(log(x)); check f' = 1/(2*x*sqrt(log(x)))  # expect ✓
f(x) = sqrt(log(x)); check f' = 1/(2*sqrt(log(x)))  # expect ✗
f(x) = log(sqrt(x)); check f' = 1/(2*x)  # expect ✓
f(x) = log(sqrt(x)); check f' = 1/sqrt(x)  # expect ✗
f(x) = σ(x^2); check f' = 2*x*σ(x^2)*(1 - σ(x^2))  # expect ✓
f(x) = σ(x^2); check f' = σ(x^2)*(1 - σ(x^2))  # expect ✗
f(x) = exp(log(x)); check f' = 1  # expect ✓
f(x) = log(exp(x)); check f' = 1  # expect ✓
# --- variable exponents ---
f(x, y) = x^y; check ∂f/∂x = y*x^(y - 1)  # expect ✓
f(x, y) = x^y; check ∂f/∂y = x^y*log(x)  # expect ✓
f(x, y) = x^y; check ∂f/∂y = y*x^(y - 1)  # expect ✗
f(x, y) = x^y; check ∂f/∂y = x^y  # expect ✗
f(x, y) = x^y; check ∂f/∂x = x^y*log(x)  # expect ✗
f(x, y) = x^y; check ∂f/∂x = y*x^y  # expect ✗
g(x) = x^x; check g' = x^x*(log(x) + 1)  # expect ✓
g(x) = x^x; check g' = x*x^(x - 1)  # expect ✗
g(x) = x^x; check g' = x^x*log(x)  # expect ✗
g(x) = x^sin(x); check g' = x^sin(x)*(cos(x)*log(x) + sin(x)/x)  # expect ✓
g(x) = x^sin(x); check g' = sin(x)*x^(sin(x) - 1)  # expect ✗
# --- multivariable, second derivatives, mixed partials ---
f(x, y) = x^2*y + y^3; check ∂f/∂x = 2*x*y  # expect ✓
f(x, y) = x^2*y + y^3; check ∂f/∂y = x^2 + 3*y^2  # expect ✓
f(x, y) = x^2*y + y^3; check ∂f/∂y = 3*y^2  # expect ✗
f(x, y) = x^2*y + y^3; check ∂²f/∂x∂y = 2*x  # expect ✓
f(x, y) = x^2*y + y^3; check ∂²f/∂y∂x = 2*x  # expect ✓
f(x, y) = x^2*y + y^3; check ∂²f/∂x∂y = 2*y  # expect ✗
f(x, y) = x^2*y + y^3; check ∂²f/∂x² = 2*y  # expect ✓
f(x, y) = x^2*y + y^3; check ∂²f/∂y² = 6*y  # expect ✓
f(x, y) = x^2*y + y^3; check ∂²f/∂y² = 3*y  # expect ✗
f(x, y) = x^2*y + y^3; check diff(f, x, y) = 2*x  # expect ✓
f(x, y) = x^2*y + y^3; check diff(f, x, x) = 2*y  # expect ✓
f(x, y) = x^2*y + y^3; check ∇f = (2*x*y, x^2 + 3*y^2)  # expect ✓
f(x, y) = x^2*y + y^3; check ∇f = (x^2 + 3*y^2, 2*x*y)  # expect ✗
f(x, y) = x^2*y + y^3; check grad(f) = (2*x*y, x^2 + 3*y^2)  # expect ✓
f(x, y) = sin(x*y); check ∂f/∂x = y*cos(x*y)  # expect ✓
f(x, y) = sin(x*y); check ∂f/∂x = cos(x*y)  # expect ✗
f(x, y) = sin(x*y); check ∂²f/∂x∂y = cos(x*y) - x*y*sin(x*y)  # expect ✓
f(x, y) = sin(x*y); check ∂²f/∂x∂y = -x*y*sin(x*y)  # expect ✗
f(x, y) = exp(x*y); check ∂²f/∂x∂y = (1 + x*y)*exp(x*y)  # expect ✓
f(x, y) = exp(x*y); check ∂²f/∂x∂y = x*y*exp(x*y)  # expect ✗
f(x, y) = x/y; check ∂f/∂y = -x/y^2  # expect ✓
f(x, y) = x/y; check ∂f/∂y = x/y^2  # expect ✗
f(x, y) = x/y; check ∂²f/∂y² = 2*x/y^3  # expect ✓
f(x, y) = log(x^2 + y^2); check ∇f = (2*x/(x^2 + y^2), 2*y/(x^2 + y^2))  # expect ✓
f(x, y) = log(x^2 + y^2); check ∇f = (1/(x^2 + y^2), 1/(x^2 + y^2))  # expect ✗
f(x, y) = sqrt(x^2 + y^2); check ∂f/∂x = x/sqrt(x^2 + y^2)  # expect ✓
f(x, y) = sqrt(x^2 + y^2); check ∂f/∂x = x/(x^2 + y^2)  # expect ✗
f(x) = x^4; check f'' = 12*x^2  # expect ✓
f(x) = x^4; check f'' = 4*x^3  # expect ✗
f(x) = x^4; check f''' = 24*x  # expect ✓
f(x) = sin(x); check f'' = -sin(x)  # expect ✓
f(x) = sin(x); check f'' = sin(x)  # expect ✗
f(x) = x^2*sin(x); check f'' = 2*sin(x) + 4*x*cos(x) - x^2*sin(x)  # expect ✓
f(x) = x^2*sin(x); check f'' = 2*sin(x) + 2*x*cos(x) - x^2*sin(x)  # expect ✗
f(x) = exp(-x^2); check f'' = (4*x^2 - 2)*exp(-x^2)  # expect ✓
f(x) = exp(-x^2); check f'' = -2*exp(-x^2)  # expect ✗
# --- ML losses ---
L(w, b, x, y) = (w*x + b - y)^2; check ∂L/∂w = 2*(w*x + b - y)*x  # expect ✓
L(w, b, x, y) = (w*x + b - y)^2; check ∂L/∂w = 2*(w*x + b - y)  # expect ✗
L(w, b, x, y) = (w*x + b - y)^2; check ∂L/∂w = (w*x + b - y)*x  # expect ✗
L(w, b, x, y) = (w*x + b - y)^2; check ∂L/∂b = 2*(w*x + b - y)  # expect ✓
L(w, b, x, y) = (w*x + b - y)^2; check ∂L/∂y = -2*(w*x + b - y)  # expect ✓
L(w, b, x, y) = (w*x + b - y)^2; check ∂L/∂y = 2*(w*x + b - y)  # expect ✗
L(w, b, x, y) = (y - (w*x + b))^2/2; check ∂L/∂w = -(y - w*x - b)*x  # expect ✓
L(w, b, x, y) = (y - (w*x + b))^2/2; check ∂L/∂w = (y - w*x - b)*x  # expect ✗
L(a, y) = -(y*log(a) + (1 - y)*log(1 - a)); check ∂L/∂a = -y/a + (1 - y)/(1 - a)  # expect ✓
L(a, y) = -(y*log(a) + (1 - y)*log(1 - a)); check ∂L/∂a = (a - y)/(a*(1 - a))  # expect ✓
L(a, y) = -(y*log(a) + (1 - y)*log(1 - a)); check ∂L/∂a = -y/a - (1 - y)/(1 - a)  # expect ✗
L(a, y) = -(y*log(a) + (1 - y)*log(1 - a)); check ∂L/∂a = a - y  # expect ✗
L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z))); check ∂L/∂z = σ(z) - y  # expect ✓
L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z))); check ∂L/∂z = y - σ(z)  # expect ✗
L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z))); check ∂L/∂z = (σ(z) - y)*σ(z)*(1 - σ(z))  # expect ✗
L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z))); check ∂²L/∂z² = σ(z)*(1 - σ(z))  # expect ✓
L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z))); check ∂L/∂y = log(1 - σ(z)) - log(σ(z))  # expect ✓
L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z))); check ∂L/∂y = -z  # expect ✓
L(w, b, x, y) = -(y*log(σ(w*x + b)) + (1 - y)*log(1 - σ(w*x + b))); check ∂L/∂w = (σ(w*x + b) - y)*x  # expect ✓
L(w, b, x, y) = -(y*log(σ(w*x + b)) + (1 - y)*log(1 - σ(w*x + b))); check ∂L/∂w = σ(w*x + b) - y  # expect ✗
L(w, b, x, y) = -(y*log(σ(w*x + b)) + (1 - y)*log(1 - σ(w*x + b))); check ∂L/∂b = σ(w*x + b) - y  # expect ✓
L(z, y) = softplus(z) - y*z; check ∂L/∂z = σ(z) - y  # expect ✓
L(z, y) = softplus(-y*z); check ∂L/∂z = -y*σ(-y*z)  # expect ✓
L(z, y) = softplus(-y*z); check ∂L/∂z = -y*σ(y*z)  # expect ✗
L(z, y) = log(1 + exp(-y*z)); check ∂L/∂z = -y/(1 + exp(y*z))  # expect ✓
L(z) = relu(1 - z); check L' = -step(1 - z)  # expect ✓
L(z) = relu(1 - z); check L' = step(1 - z)  # expect ✗
p(a, b) = exp(a)/(exp(a) + exp(b)); check ∂p/∂a = p(a, b)*(1 - p(a, b))  # expect ✓
p(a, b) = exp(a)/(exp(a) + exp(b)); check ∂p/∂b = -p(a, b)*(1 - p(a, b))  # expect ✓
p(a, b) = exp(a)/(exp(a) + exp(b)); check ∂p/∂b = p(a, b)*(1 - p(a, b))  # expect ✗
p(a, b) = exp(a)/(exp(a) + exp(b)); check ∂p/∂a = σ(a - b)*σ(b - a)  # expect ✓
lse(a, b) = log(exp(a) + exp(b)); check ∂lse/∂a = exp(a)/(exp(a) + exp(b))  # expect ✓
lse(a, b) = log(exp(a) + exp(b)); check ∂lse/∂a = σ(a - b)  # expect ✓
lse(a, b) = log(exp(a) + exp(b)); check ∂lse/∂a = 1/(exp(a) + exp(b))  # expect ✗
R(w, λ) = (w - 3)^2 + λ*w^2; check ∂R/∂w = 2*(w - 3) + 2*λ*w  # expect ✓
R(w, λ) = (w - 3)^2 + λ*w^2; check ∂R/∂w = 2*(w - 3) + λ*w  # expect ✗
λ = 0.1; R(w) = (w - 3)^2 + λ*w^2; check R' = 2*(w - 3) + 2*λ*w  # expect ✓
λ = 0.1; R(w) = (w - 3)^2 + λ*w^2; check R' = 2.2*w - 6  # expect ✓
λ = 0.1; R(w) = (w - 3)^2 + λ*w^2; check R' = 2*w - 6  # expect ✗
# --- tiny networks ---
h(w1, w2, x) = w2*tanh(w1*x); check ∂h/∂w1 = w2*(1 - tanh(w1*x)^2)*x  # expect ✓
h(w1, w2, x) = w2*tanh(w1*x); check ∂h/∂w1 = w2*(1 - tanh(w1*x)^2)  # expect ✗
h(w1, w2, x) = w2*tanh(w1*x); check ∂h/∂w1 = w2*(1 + tanh(w1*x)^2)*x  # expect ✗
h(w1, w2, x) = w2*tanh(w1*x); check ∂h/∂w2 = tanh(w1*x)  # expect ✓
h(w1, w2, x) = w2*tanh(w1*x); check ∂²h/∂w1∂w2 = x*(1 - tanh(w1*x)^2)  # expect ✓
n(w1, w2, b1, b2, x) = σ(w2*σ(w1*x + b1) + b2); check ∂n/∂b2 = n(w1, w2, b1, b2, x)*(1 - n(w1, w2, b1, b2, x))  # expect ✓
n(w1, w2, b1, b2, x) = σ(w2*σ(w1*x + b1) + b2); check ∂n/∂w1 = n(w1, w2, b1, b2, x)*(1 - n(w1, w2, b1, b2, x))*w2*σ(w1*x + b1)*(1 - σ(w1*x + b1))*x  # expect ✓
n(w1, w2, b1, b2, x) = σ(w2*σ(w1*x + b1) + b2); check ∂n/∂w1 = n(w1, w2, b1, b2, x)*(1 - n(w1, w2, b1, b2, x))*w2*σ(w1*x + b1)*(1 - σ(w1*x + b1))  # expect ✗
n(w1, w2, b1, b2, x) = σ(w2*σ(w1*x + b1) + b2); check ∂n/∂w2 = n(w1, w2, b1, b2, x)*(1 - n(w1, w2, b1, b2, x))*σ(w1*x + b1)  # expect ✓
u(x) = x^2 + 1; v(x) = sin(u(x)); check v' = 2*x*cos(x^2 + 1)  # expect ✓
u(x) = x^2 + 1; v(x) = sin(u(x)); check v' = cos(u(x))  # expect ✗
q(a, b) = a*b; r(x) = q(x, x^2); check r' = 3*x^2  # expect ✓
q(a, b) = a*b; r(x) = q(x, x^2); check r' = 2*x^2  # expect ✗
# --- unicode input ---
J(θ₀, θ₁, x, y) = (θ₀ + θ₁·x − y)²; check ∂J/∂θ₁ = 2·(θ₀ + θ₁·x − y)·x  # expect ✓
J(θ₀, θ₁, x, y) = (θ₀ + θ₁·x − y)²; check ∂J/∂θ₁ = 2·(θ₀ + θ₁·x − y)  # expect ✗
J(θ₀, θ₁, x, y) = (θ₀ + θ₁·x − y)²; check ∂J/∂θ₀ = 2·(θ₀ + θ₁·x − y)  # expect ✓
J(θ1, θ2) = θ1² + θ2²; check ∇J = (2·θ1, 2·θ2)  # expect ✓
J(θ1, θ2) = θ1² + θ2²; check ∇J = (θ1, θ2)  # expect ✗
J(θ1, θ2) = θ1² + θ2²; check ∂²J/∂θ1² = 2  # expect ✓
f(x) = x³ − 2x; check f' = 3x² − 2  # expect ✓
f(x) = x³ − 2x; check f' = 3x² − 2x  # expect ✗
f(x) = x × exp(−x); check f' = (1 − x)·exp(−x)  # expect ✓
f(x) = x × exp(−x); check f' = (1 + x)·exp(−x)  # expect ✗
act(z) = σ(z); check act′ = act(z)·(1 − act(z))  # expect ✓
# --- free-symbol diff and simplify ---
check diff(x^2*sin(x), x) = 2*x*sin(x) + x^2*cos(x)  # expect ✓
check diff(x^2*sin(x), x) = 2*x*cos(x)  # expect ✗
check diff(x^3, x) = 3*x^2  # expect ✓
check diff(x^3, x) = 3*x^3  # expect ✗
check diff(log(1 + exp(u)), u) = σ(u)  # expect ✓
check diff(a*x^2 + b*x + c, x) = 2*a*x + b  # expect ✓
check diff(a*x^2 + b*x + c, x) = a*x + b  # expect ✗
check simplify((x + 1)^2 - x^2) = 2*x + 1  # expect ✓
check simplify((x + 1)^2 - x^2) = 1  # expect ✗
# --- values of derivatives ---
f(x) = x^3; check f'(2) = 12  # expect ✓
f(x) = x^3; check f'(2) = 8  # expect ✗
f(x) = x^3; check f''(2) = 12  # expect ✓
s(z) = σ(z); check s'(0) = 0.25  # expect ✓
s(z) = σ(z); check s'(0) = 0.5  # expect ✗
f(x) = log(x); check f'(4) = 0.25  # expect ✓
f(x) = sin(x); check f'(0) = 1  # expect ✓
f(x) = sin(x); check f'(pi) = -1  # expect ✓
# --- batch 2: more ML calculus ---
L(z1, z2, z3) = -log(exp(z1)/(exp(z1) + exp(z2) + exp(z3))); check ∂L/∂z1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3)) - 1  # expect ✓
L(z1, z2, z3) = -log(exp(z1)/(exp(z1) + exp(z2) + exp(z3))); check ∂L/∂z2 = exp(z2)/(exp(z1) + exp(z2) + exp(z3))  # expect ✓
L(z1, z2, z3) = -log(exp(z1)/(exp(z1) + exp(z2) + exp(z3))); check ∂L/∂z1 = 1 - exp(z1)/(exp(z1) + exp(z2) + exp(z3))  # expect ✗
L(z1, z2, z3) = -log(exp(z1)/(exp(z1) + exp(z2) + exp(z3))); check ∂L/∂z2 = -exp(z2)/(exp(z1) + exp(z2) + exp(z3))  # expect ✗
L(z1, z2, z3) = log(exp(z1) + exp(z2) + exp(z3)) - z1; check ∂L/∂z3 = exp(z3)/(exp(z1) + exp(z2) + exp(z3))  # expect ✓
R(a, b) = (a - 1)^2 + 100*(b - a^2)^2; check ∂R/∂a = 2*(a - 1) - 400*a*(b - a^2)  # expect ✓
R(a, b) = (a - 1)^2 + 100*(b - a^2)^2; check ∂R/∂a = 2*(a - 1) + 400*a*(b - a^2)  # expect ✗
R(a, b) = (a - 1)^2 + 100*(b - a^2)^2; check ∂R/∂b = 200*(b - a^2)  # expect ✓
R(a, b) = (a - 1)^2 + 100*(b - a^2)^2; check ∂R/∂b = 200*(b - a^2)*(-2*a)  # expect ✗
R(a, b) = (a - 1)^2 + 100*(b - a^2)^2; check ∂²R/∂a∂b = -400*a  # expect ✓
R(a, b) = (a - 1)^2 + 100*(b - a^2)^2; check ∂²R/∂a² = 2 - 400*b + 1200*a^2  # expect ✓
R(a, b) = (a - 1)^2 + 100*(b - a^2)^2; check ∂²R/∂a² = 2 - 400*b + 400*a^2  # expect ✗
N(μ, s, x) = log(s) + (x - μ)^2/(2*s^2); check ∂N/∂μ = -(x - μ)/s^2  # expect ✓
N(μ, s, x) = log(s) + (x - μ)^2/(2*s^2); check ∂N/∂μ = (x - μ)/s^2  # expect ✗
N(μ, s, x) = log(s) + (x - μ)^2/(2*s^2); check ∂N/∂s = 1/s - (x - μ)^2/s^3  # expect ✓
N(μ, s, x) = log(s) + (x - μ)^2/(2*s^2); check ∂N/∂s = 1/s - (x - μ)^2/(2*s^3)  # expect ✗
N(μ, s, x) = log(s) + (x - μ)^2/(2*s^2); check ∂N/∂s = (s^2 - (x - μ)^2)/s^3  # expect ✓
P(λ, k) = λ - k*log(λ); check ∂P/∂λ = 1 - k/λ  # expect ✓
P(λ, k) = λ - k*log(λ); check ∂P/∂λ = 1 - k*log(λ)/λ  # expect ✗
sw(x) = x*σ(x); check sw' = σ(x) + x*σ(x)*(1 - σ(x))  # expect ✓
sw(x) = x*σ(x); check sw' = σ(x)*(1 + x*(1 - σ(x)))  # expect ✓
sw(x) = x*σ(x); check sw' = σ(x)*(1 - σ(x))  # expect ✗
sw(x) = x*σ(x); check sw' = σ(x) + x*σ(x)*(1 + σ(x))  # expect ✗
ge(x) = x*σ(1.702*x); check ge' = σ(1.702*x) + 1.702*x*σ(1.702*x)*(1 - σ(1.702*x))  # expect ✓
ge(x) = x*σ(1.702*x); check ge' = σ(1.702*x) + x*σ(1.702*x)*(1 - σ(1.702*x))  # expect ✗
th(x) = 2*σ(2*x) - 1; check th' = 1 - tanh(x)^2  # expect ✓
th(x) = 2*σ(2*x) - 1; check th' = 4*σ(2*x)*(1 - σ(2*x))  # expect ✓
th(x) = 2*σ(2*x) - 1; check th' = 2*σ(2*x)*(1 - σ(2*x))  # expect ✗
lk(x) = relu(x) - 0.01*relu(-x); check lk' = step(x) + 0.01*step(-x)  # expect ✓
lk(x) = relu(x) - 0.01*relu(-x); check lk' = step(x) - 0.01*step(-x)  # expect ✗
l1(w) = abs(w) + (w - 2)^2; check l1' = sign(w) + 2*(w - 2)  # expect ✓
l1(w) = abs(w) + (w - 2)^2; check l1' = 1 + 2*(w - 2)  # expect ✗
sq(u) = u^2; mse(w, b, x, y) = sq(w*x + b - y)/2; check ∂mse/∂w = (w*x + b - y)*x  # expect ✓
sq(u) = u^2; mse(w, b, x, y) = sq(w*x + b - y)/2; check ∂mse/∂b = w*x + b - y  # expect ✓
sq(u) = u^2; mse(w, b, x, y) = sq(w*x + b - y)/2; check ∂mse/∂b = 2*(w*x + b - y)  # expect ✗
pred(w, b, x) = σ(w*x + b); bce(w, b, x, y) = -(y*log(pred(w, b, x)) + (1 - y)*log(1 - pred(w, b, x))); check ∂bce/∂w = (pred(w, b, x) - y)*x  # expect ✓
pred(w, b, x) = σ(w*x + b); bce(w, b, x, y) = -(y*log(pred(w, b, x)) + (1 - y)*log(1 - pred(w, b, x))); check ∂bce/∂w = (y - pred(w, b, x))*x  # expect ✗
pred(w, b, x) = σ(w*x + b); bce(w, b, x, y) = -(y*log(pred(w, b, x)) + (1 - y)*log(1 - pred(w, b, x))); check ∂²bce/∂w² = x^2*pred(w, b, x)*(1 - pred(w, b, x))  # expect ✓
pred(w, b, x) = σ(w*x + b); bce(w, b, x, y) = -(y*log(pred(w, b, x)) + (1 - y)*log(1 - pred(w, b, x))); check ∂²bce/∂w² = x*pred(w, b, x)*(1 - pred(w, b, x))  # expect ✗
pred(w, b, x) = σ(w*x + b); bce(w, b, x, y) = -(y*log(pred(w, b, x)) + (1 - y)*log(1 - pred(w, b, x))); check ∂²bce/∂w∂b = x*pred(w, b, x)*(1 - pred(w, b, x))  # expect ✓
pred(w, b, x) = σ(w*x + b); bce(w, b, x, y) = -(y*log(pred(w, b, x)) + (1 - y)*log(1 - pred(w, b, x))); check ∇bce = ((pred(w, b, x) - y)*x, pred(w, b, x) - y, -w*(y - pred(w, b, x))*(-1), -(w*x + b))  # expect ✗
pred(w, b, x) = σ(w*x + b); bce(w, b, x, y) = -(y*log(pred(w, b, x)) + (1 - y)*log(1 - pred(w, b, x))); check ∇bce = ((pred(w, b, x) - y)*x, pred(w, b, x) - y, (pred(w, b, x) - y)*w, -(w*x + b))  # expect ✓
# --- two-layer tanh network with squared error ---
T(w1, w2, x, y) = (w2*tanh(w1*x) - y)^2; check ∂T/∂w2 = 2*(w2*tanh(w1*x) - y)*tanh(w1*x)  # expect ✓
T(w1, w2, x, y) = (w2*tanh(w1*x) - y)^2; check ∂T/∂w1 = 2*(w2*tanh(w1*x) - y)*w2*(1 - tanh(w1*x)^2)*x  # expect ✓
T(w1, w2, x, y) = (w2*tanh(w1*x) - y)^2; check ∂T/∂w1 = 2*(w2*tanh(w1*x) - y)*w2*(1 - tanh(w1*x)^2)  # expect ✗
T(w1, w2, x, y) = (w2*tanh(w1*x) - y)^2; check ∂T/∂w1 = 2*(w2*tanh(w1*x) - y)*(1 - tanh(w1*x)^2)*x  # expect ✗
# --- students' alternative forms ---
f(x) = x^2; check f' = 2x  # expect ✓
f(x) = x^2; check f' = 2·x  # expect ✓
f(x) = x^2; check f' = x*2  # expect ✓
f(x) = x²; check f' = 2x¹  # expect ✓
f(x) = 1/(1 + x); check f' = -(1 + x)^-2  # expect ✓
f(x) = 1/(1 + x); check f' = -1/(1 + x)²  # expect ✓
f(x) = 1/(1 + x); check f' = −1/(x + 1)^2  # expect ✓
f(x) = 1/(1 + x); check f' = 1/(1 + x)^2  # expect ✗
f(x) = e^(-x); check f' = -e^(-x)  # expect ✓
f(x) = e^(-x); check f' = e^(-x)  # expect ✗
f(x) = e^(2x); check f' = 2e^(2x)  # expect ✓
f(x) = e^(2x); check f' = e^(2x)  # expect ✗
f(x) = ln(x)^2; check f' = 2*ln(x)/x  # expect ✓
f(x) = ln(x)^2; check f' = 2*ln(x)  # expect ✗
f(x) = sqrt(x)*x; check f' = 1.5*sqrt(x)  # expect ✓
f(x) = sqrt(x)*x; check f' = (3/2)*x^(1/2)  # expect ✓
f(x) = sqrt(x)*x; check f' = x^(1/2)  # expect ✗
f(x) = x/sqrt(x); check f' = 1/(2*sqrt(x))  # expect ✓
f(x) = (x^2 + 1)/x; check f' = 1 - 1/x^2  # expect ✓
f(x) = (x^2 + 1)/x; check f' = 1 + 1/x^2  # expect ✗
f(x) = (x^2 + 1)/x; check f' = 2*x  # expect ✗
f(x) = x^2/(x - 1); check f' = (x^2 - 2*x)/(x - 1)^2  # expect ✓
f(x) = x^2/(x - 1); check f' = (2*x - x^2)/(x - 1)^2  # expect ✗
f(x) = x^2/(x - 1); check f' = 2*x/(x - 1) - x^2/(x - 1)^2  # expect ✓
f(x) = sin(x)*cos(x); check f' = cos(2*x)  # expect ✓
f(x) = sin(x)*cos(x); check f' = cos(x)^2 - sin(x)^2  # expect ✓
f(x) = sin(x)*cos(x); check f' = -sin(x)*cos(x)  # expect ✗
f(x) = sin(x)*cos(x); check f' = cos(x)^2 + sin(x)^2  # expect ✗
f(x) = cos(x)^3; check f' = -3*cos(x)^2*sin(x)  # expect ✓
f(x) = cos(x)^3; check f' = 3*cos(x)^2*sin(x)  # expect ✗
f(x) = cos(x)^3; check f' = -3*sin(x)^2  # expect ✗
f(x) = tan(x^2); check f' = 2*x/cos(x^2)^2  # expect ✓
f(x) = tan(x^2); check f' = 2*x*(1 + tan(x^2)^2)  # expect ✓
f(x) = tan(x^2); check f' = 1/cos(x^2)^2  # expect ✗
f(x) = exp(tanh(x)); check f' = exp(tanh(x))*(1 - tanh(x)^2)  # expect ✓
f(x) = exp(tanh(x)); check f' = exp(tanh(x))  # expect ✗
f(x) = log(cos(x)); check f' = -tan(x)  # expect ✓
f(x) = log(cos(x)); check f' = tan(x)  # expect ✗
f(x) = log(cos(x)); check f' = -sin(x)/cos(x)  # expect ✓
f(x) = abs(x)/x; check f' = 0  # expect ✓
f(x) = sqrt(x + sqrt(x)); check f' = (1 + 1/(2*sqrt(x)))/(2*sqrt(x + sqrt(x)))  # expect ✓
f(x) = sqrt(x + sqrt(x)); check f' = 1/(2*sqrt(x + sqrt(x)))  # expect ✗
f(x) = x^(x^2); check f' = x^(x^2)*(2*x*log(x) + x)  # expect ✓
f(x) = x^(x^2); check f' = x^2*x^(x^2 - 1)  # expect ✗
f(x) = (1 + 1/x)^x; check f' = (1 + 1/x)^x*(log(1 + 1/x) - 1/(x + 1))  # expect ✓
f(x) = (1 + 1/x)^x; check f' = x*(1 + 1/x)^(x - 1)  # expect ✗
f(x, y) = x^y; check ∂²f/∂x∂y = x^(y - 1)*(1 + y*log(x))  # expect ✓
f(x, y) = x^y; check ∂²f/∂x∂y = x^(y - 1)*y*log(x)  # expect ✗
f(x, y) = x^y; check ∂²f/∂y² = x^y*log(x)^2  # expect ✓
f(x, y) = x^y; check ∂²f/∂x² = y*(y - 1)*x^(y - 2)  # expect ✓
f(x, y) = x^y; check ∂²f/∂x² = y*(y + 1)*x^(y - 2)  # expect ✗
g(x, y) = log(x)*exp(y); check ∇g = (exp(y)/x, log(x)*exp(y))  # expect ✓
g(x, y) = log(x)*exp(y); check ∇g = (exp(y)/x, exp(y)/x)  # expect ✗
k(a, b, c) = a*b + b*c + c*a; check ∇k = (b + c, a + c, a + b)  # expect ✓
k(a, b, c) = a*b + b*c + c*a; check ∇k = (b + c, a + c, b + c)  # expect ✗
k(a, b, c) = a*b*c*exp(a*b*c); check ∂k/∂a = b*c*exp(a*b*c)*(1 + a*b*c)  # expect ✓
k(a, b, c) = a*b*c*exp(a*b*c); check ∂k/∂a = b*c*exp(a*b*c)  # expect ✗
k(a, b, c) = a*b*c*exp(a*b*c); check ∂³k/∂a∂b∂c = diff(k, c, b, a)  # expect ✓
f(x) = x^3; check f''' = 6  # expect ✓
f(x) = x^3; check f''' = 0  # expect ✗
f(x) = exp(2*x); check f''' = 8*exp(2*x)  # expect ✓
f(x) = exp(2*x); check f''' = 6*exp(2*x)  # expect ✗
f(x) = log(x); check f'' = -1/x^2  # expect ✓
f(x) = log(x); check f'' = 1/x^2  # expect ✗
f(x) = tanh(x); check f'' = -2*tanh(x)*(1 - tanh(x)^2)  # expect ✓
f(x) = tanh(x); check f'' = 2*tanh(x)*(1 - tanh(x)^2)  # expect ✗
f(x) = sqrt(x); check f'' = -1/(4*x^(3/2))  # expect ✓
f(x) = sqrt(x); check f'' = -1/(4*sqrt(x))  # expect ✗
# --- values ---
J(a, b, c) = 3*(a + b*c); check J(5, 3, 2) = 33  # expect ✓
J(a, b, c) = 3*(a + b*c); check J(5, 3, 2) = 30  # expect ✗
J(a, b, c) = 3*(a + b*c); check (∂J/∂c)(5, 3, 2) = 9  # expect ✓
J(a, b, c) = 3*(a + b*c); check (∂J/∂c)(5, 3, 2) = 6  # expect ✗
s(z) = σ(z); check s(0) = 0.5  # expect ✓
s(z) = σ(z); check s''(0) = 0  # expect ✓
f(x) = softplus(x); check f(0) = log(2)  # expect ✓
f(x) = softplus(x); check f'(0) = 0.5  # expect ✓
f(x) = tanh(x); check f'(0) = 1  # expect ✓
f(x) = tanh(x); check f'(0) = 0  # expect ✗
check 0.1*3 = 0.3  # expect ✓
check 2^3^2 = 512  # expect ✓
check -2^2 = 4  # expect ✗
# --- gradients at a point, derivatives of derivatives, domains ---
f(x, y) = x^2*y + y^3; check ∇f(1, 2) = (4, 13)  # expect ✓
f(x, y) = x^2*y + y^3; check ∇f(1, 2) = (4, 12)  # expect ✗
f(x) = x^3; check diff(f', x) = 6*x  # expect ✓
f(x) = x^3; check diff(f', x) = 3*x^2  # expect ✗
J(a, b, c) = 3*(a + b*c); check diff(∂J/∂b, c) = 3  # expect ✓
J(a, b, c) = 3*(a + b*c); check grad(∂J/∂b) = (0, 0, 3)  # expect ✓
J(a, b, c) = 3*(a + b*c); check grad(∂J/∂b) = (0, 3, 0)  # expect ✗
f(x) = log(x); check f' = 1/abs(x)  # expect ✓
f(x) = 2*log(sqrt(x)); check f' = 1/abs(x)  # expect ✓
f(x) = log(x); check f' = -1/x  # expect ✗
f(x, y) = x^(-3*y); check ∂f/∂y = -3*log(x)*x^(-3*y)  # expect ✓
f(x, y) = x^(-3*y); check ∂f/∂y = -3*x^(-3*y)  # expect ✗
f(x) = 0.3*x^2; check f' = 0.6*x  # expect ✓
f(x) = 0.3*x^2; check f' = 0.3*x  # expect ✗
f(x, y) = log(x^2 + y^2); check ∂²f/∂x² + ∂²f/∂y² = 0  # expect ✓
f(x, y) = x^2 + y^2; check ∂²f/∂x² + ∂²f/∂y² = 0  # expect ✗
lse(a, b) = log(exp(a) + exp(b)); check ∂lse/∂a + ∂lse/∂b = 1  # expect ✓
lse(a, b) = log(exp(a) + exp(b)); check ∂lse/∂a - ∂lse/∂b = 0  # expect ✗
J(a, b, c) = 3*(a + b*c); check 2*∂J/∂a = 6  # expect ✓
L(z1, z2, z3) = -log(exp(z1)/(exp(z1) + exp(z2) + exp(z3))); check ∂L/∂z1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3)) - 1  # expect ✓
L(z1, z2, z3) = -log(exp(z1)/(exp(z1) + exp(z2) + exp(z3))); check ∂L/∂z1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3))  # expect ✗
xs = [1, 2, 3]; check xs*2 = [2, 4, 6]  # expect ✓
xs = [1, 2, 3]; check xs*2 = [2, 4, 7]  # expect ✗
xs = [1, 2, 3]; check xs = [1, 2]  # expect ✗
x = [1, 2, 3]; y = [2, 4, 7]; R(m, b) = (m*x + b - y)^2; check ∂R/∂b = 2*(m*x + b - y)  # expect ✓
x = [1, 2, 3]; y = [2, 4, 7]; R(m, b) = (m*x + b - y)^2; check ∂R/∂m = 2*(m*x + b - y)  # expect ✗
x = [1, 2, 3]; y = [2, 4, 7]; J(m, b) = mean((m*x + b - y)^2); check ∂J/∂b = 2*mean(m*x + b - y)  # expect ✓
x = [1, 2, 3]; y = [2, 4, 7]; J(m, b) = mean((m*x + b - y)^2); check ∂J/∂m = 2*mean(m*x + b - y)  # expect ✗
f(x, y) = x^2*y; check ∂f/∂x = 2*∂f/∂y*y/x  # expect ✓
f(x, y) = x^2*y; check ∂f/∂x = 2*∂f/∂y*y  # expect ✗
J(a, b, c) = 3*(a + b*c); check diff(2*∂J/∂b, c) = 6  # expect ✓
# --- domains, kinks, breakpoints and free names (issue 14) ---
f(x) = log(x^2); check f = 2*log(x)  # expect ~
f(x) = exp(log(x)); check f = x  # expect ~
f(a, b) = log(a*b); check f = log(a) + log(b)  # expect ~
f(x) = sqrt(x^2); check f = abs(x)  # expect ✓
f(x) = sqrt(x^2); check f = x  # expect ✗
f(x) = relu(x - 100); check f' = 0  # expect ✗
f(x) = step(x - 50); check f = 0  # expect ✗
f(x, y, z) = relu(x - 5)*relu(y - 5)*relu(z - 5); check f = 0  # expect ✗
f(x) = min(x, -30); check f = x  # expect ✗
f(x) = relu(x - 100); check f' = step(x - 100)  # expect ✓
f(x) = abs(x); check f' = 2*step(x) - 1  # expect ~
check sin(2*x) = 2*sin(x)*cos(x)  # expect ✓
check cos(2*x) = 1 - 2*sin(x)^2  # expect ✓
check cos(2*x) = 2*sin(x)^2 - 1  # expect ✗
check max(u, v) + min(u, v) = u + v  # expect ✓
J(a, b, c) = 3*(a + b*c); check J(1, 2, 3) = 21.000000001  # expect ✗
check 1/3 = 0.333333333  # expect ✓
