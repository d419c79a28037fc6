#!/usr/bin/env python3
"""Reference values of the ML functions, for tests/accuracy.rs.

Writes tests/data/ml_reference.tsv: one row per value, three tab-separated
columns: the gd definitions to run first (`;`-separated, often empty), the
expression as a student types it, and its true value to 25 significant digits
(or `overflow` where it is beyond ±1.8e308). Values are computed with mpmath
at 1000 digits (so no tail such as e^-1600 in 1 + e^-1600 is lost), at the
double nearest to each typed argument (which is the argument gd computes with).

Regenerate (CI does not run this; the table is checked in):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install mpmath
    /tmp/venv/bin/python tests/reference/ml_values.py > tests/data/ml_reference.tsv
"""

from mpmath import mp, mpf, exp, expm1, log, log1p, nstr, tanh

mp.dps = 1000  # more than the 50 digits asked for, so that 1 + e^-1600 keeps its tail

MAX_DOUBLE = mpf(2) ** 1024 * (1 - mpf(2) ** -53)


def num(text):
    """The double gd computes with for the literal `text`, exactly."""
    return mpf(float(text))


def sigmoid(z):
    return 1 / (1 + exp(-z))


def softplus(z):
    return log1p(exp(z))


def one_minus_tanh(z):
    return 2 / (1 + exp(2 * z))


def sech2(z):
    return 4 / (exp(z) + exp(-z)) ** 2


def lse(*xs):
    m = max(xs)
    return m + log1p(sum(exp(x - m) for x in xs) - 1)


# Logits from far negative to far positive; ±745 and beyond underflow e^-|z|.
Z = ["-1000", "-800", "-745", "-700", "-100", "-40", "-36", "-20", "-5", "-1", "-0.5", "-1e-10", "0",
     "1e-300", "1e-10", "0.25", "1", "2.5", "5", "20", "36", "40", "100", "700", "745", "800", "1000"]
SMALL = ["1e-300", "1e-100", "1e-20", "1e-10", "1e-5", "0.5", "1", "2.5", "10", "40", "100", "700"]

BCE = "L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z)))"
BCE_P = "B(p, y) = -(y*log(p) + (1 - y)*log(1 - p))"
CCE = "C(a, b, c) = -log(exp(a)/(exp(a) + exp(b) + exp(c)))"
LSE2 = "F(a, b) = log(exp(a) + exp(b))"

rows = []


def row(setup, expression, value):
    rows.append((setup, expression, value))


def neg(text):
    return text[1:] if text.startswith("-") else "-" + text


def one_argument():
    for z in Z:
        x = num(z)
        row("", f"σ({z})", sigmoid(x))
        row("", f"1/(1 + exp({neg(z)}))", sigmoid(x))
        row("", f"softplus({z})", softplus(x))
        row("", f"log(1 + exp({z}))", softplus(x))
        row("", f"log(σ({z}))", -softplus(-x))
        row("", f"log(1 - σ({z}))", -softplus(x))
        row("", f"1 - σ({z})", sigmoid(-x))
        row("", f"tanh({z})", tanh(x))
        row("", f"1 - tanh({z})", one_minus_tanh(x))
        row("s(z) = σ(z)", f"s'({z})", sigmoid(x) * sigmoid(-x))
        row("t(z) = tanh(z)", f"t'({z})", sech2(x))
        row("p(z) = log(1 + exp(z))", f"p'({z})", sigmoid(x))


def near_zero():
    for u in SMALL:
        x = num(u)
        row("", f"log(1 + {u})", log1p(x))
        row("", f"exp({u}) - 1", expm1(x))
        row("", f"exp(-{u}) - 1", expm1(-x))
        row("", f"log(1 - exp(-{u}))", log(-expm1(-x)))
        row("", f"log({u})", log(x))


def log_sum_exp():
    pairs = [("1000", "1000"), ("1000", "999"), ("-1000", "-1000"), ("-1000", "1"), ("1", "2"), ("0", "0"),
             ("700", "-700"), ("800", "0"), ("-745", "-745"), ("0.5", "-0.25"), ("40", "0"), ("0", "-40"),
             ("1e-10", "0"), ("-20", "-21")]
    for a, b in pairs:
        x, y = num(a), num(b)
        row("", f"log(exp({a}) + exp({b}))", lse(x, y))
        row("", f"exp({a})/(exp({a}) + exp({b}))", 1 / (1 + exp(y - x)))
        row(LSE2, f"(∂F/∂a)({a}, {b})", 1 / (1 + exp(y - x)))
    triples = [("1000", "1000", "1000"), ("1", "2", "3"), ("-1000", "-999", "-998"), ("800", "0", "-800"),
               ("0", "0", "0"), ("-0.5", "0.25", "2.5"), ("40", "0", "-40")]
    for a, b, c in triples:
        x, y, w = num(a), num(b), num(c)
        row("", f"log(exp({a}) + exp({b}) + exp({c}))", lse(x, y, w))
        row(CCE, f"C({a}, {b}, {c})", lse(x, y, w) - x)
        row(CCE, f"C({c}, {b}, {a})", lse(x, y, w) - w)


# Vectors for the log-sum-exp over rows: large, small, mixed, tied, one row dominating.
VECTORS = ["[1000, 1001, 999]", "[1, 2, 3]", "[-1000, -1001, -999]", "[0, -40]", "[40, 0, -40]",
           "[700, -700, 0.5]", "[1000, 1000, 1000]", "[0.5, -0.25, 2.5, 1e-10]", "[-745, -745]", "[800, 0]",
           "[36, 36.5, -1, 0]", "[-20, -21, -22, -23, -24]", "[0, 0]"]
LSE_V = "F(a) = log(sum(exp(a*v)))"
LSE_MEAN = "G(a) = log(mean(exp(a*v)))"


def vector(text):
    return [num(x) for x in text.strip("[]").split(",")]


def softmax(xs):
    top = lse(*xs)
    return [exp(x - top) for x in xs]


def one_hot(n, k):
    return "[" + ", ".join("1" if i == k else "0" for i in range(n)) + "]"


def log_sum_exp_over_rows():
    for text in VECTORS:
        v = vector(text)
        n = len(v)
        setup = f"v = {text}"
        total = lse(*v)
        row(setup, "log(sum(exp(v)))", total)
        row(setup, "log(mean(exp(v)))", total - log(n))
        row(setup, "log(sum(exp(-v)))", lse(*[-x for x in v]))
        row(setup, "sum(v - log(sum(exp(v))))", sum(v) - n * total)
        row(setup, "1/sum(exp(v))", exp(-total))
        for a_text in ["1", "-1", "0.5"]:
            a = num(a_text)
            weights = softmax([a * x for x in v])
            weighted = sum(w * x for w, x in zip(weights, v))
            row(f"{setup}; {LSE_V}", f"F({a_text})", lse(*[a * x for x in v]))
            row(f"{setup}; {LSE_V}", f"F'({a_text})", weighted)
        row(f"{setup}; {LSE_V}", "(∂F/∂a)(2)", sum(w * x for w, x in zip(softmax([2 * x for x in v]), v)))
        row(f"{setup}; {LSE_MEAN}", "G(1)", total - log(n))
        row(f"{setup}; {LSE_MEAN}", "G'(1)", sum(w * x for w, x in zip(softmax(v), v)))
        for k in sorted({v.index(max(v)), v.index(min(v))}):
            with_y = f"{setup}; y = {one_hot(n, k)}"
            row(with_y, "-mean(y*(v - log(sum(exp(v)))))", (total - v[k]) / n)
            row(with_y, "sum(y*exp(v)/sum(exp(v)))", exp(v[k] - total))
    huge = vector("[1000, 1001, 999]")
    row("v = [1000, 1001, 999]", "log(sum(exp(-1000*v)))", lse(*[-1000 * x for x in huge]))
    row("v = [1000, 1001, 999]", "log(sum(exp(v)) + exp(1002))", lse(*huge, mpf(1002)))
    row("v = [1000, 1001, 999]", "log(sum(exp(v))^2)", 2 * lse(*huge))
    row("", "log((exp(1000) + exp(1000))^2)", 2 * lse(mpf(1000), mpf(1000)))


def log_sum_exp_over_a_column():
    """A column of examples/data/exams.csv (the tests run from the repository's root), scaled past e^709."""
    with open("examples/data/exams.csv") as f:
        x = [num(line.split(",")[0]) for line in f.read().splitlines()[1:]]
    setup = 'd = load("examples/data/exams.csv"); x = d.exam1'
    for a_text in ["20", "-20", "0.1"]:
        a = num(a_text)
        row(setup, f"log(sum(exp({a_text}*x)))", lse(*[a * xi for xi in x]))
        row(setup, f"log(mean(exp({a_text}*x)))", lse(*[a * xi for xi in x]) - log(len(x)))
        weights = softmax([a * xi for xi in x])
        row(f"{setup}; F(a) = log(sum(exp(a*x)))", f"F'({a_text})", sum(w * xi for w, xi in zip(weights, x)))


def cross_entropy():
    for z in ["-1000", "-800", "-100", "-40", "-5", "-0.5", "0", "0.25", "1", "5", "36", "40", "100", "800", "1000"]:
        x = num(z)
        for y_text in ["0", "1", "0.25"]:
            y = num(y_text)
            loss = y * softplus(-x) + (1 - y) * softplus(x)  # −(y log σ(z) + (1 − y) log σ(−z))
            row(BCE, f"L({z}, {y_text})", loss)
            row(BCE, f"(∂L/∂z)({z}, {y_text})", sigmoid(x) - y)
    for p in ["1e-300", "1e-10", "0.25", "0.5", "0.75"]:
        q = num(p)
        for y_text in ["0", "1", "0.25"]:
            y = num(y_text)
            row(BCE_P, f"B({p}, {y_text})", -(y * log(q) + (1 - y) * log1p(-q)))


def overflows():
    for e in ["exp(710)", "exp(1000) - exp(999)", "softplus(1e308)*10", "exp(800)*2", "1e300*1e300"]:
        row("", e, "overflow")


one_argument()
near_zero()
log_sum_exp()
log_sum_exp_over_rows()
log_sum_exp_over_a_column()
cross_entropy()
overflows()

print("# generated by tests/reference/ml_values.py (mpmath, 1000 digits): setup, expression, true value")
for setup, expression, value in rows:
    if value != "overflow" and abs(value) > MAX_DOUBLE:
        value = "overflow"
    text = value if isinstance(value, str) else nstr(value, 25, min_fixed=1, max_fixed=0)
    print(f"{setup}\t{expression}\t{text}")
