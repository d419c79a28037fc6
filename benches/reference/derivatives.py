"""SymPy and SymEngine on gd's three derivative benchmarks (benches/derivatives.rs),
for the comparison in docs/performance.md. Run: python3 benches/reference/derivatives.py
(needs `pip install sympy symengine`). Each figure is the best of several repeats of
building the derivative(s) of an already-built expression."""
import sys
import time

sys.setrecursionlimit(100_000)


def best(f, repeats, before=lambda: None):
    times = []
    for _ in range(repeats):
        before()  # SymPy caches results: without this a repeat would measure a lookup
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def cases(lib):
    x = lib.Symbol("x")
    nested = x
    for _ in range(200):
        nested = lib.sin(nested)
    product = 1
    for k in range(1, 31):
        product = product * (x + k)
    names = "w11 w12 w21 w22 b1 b2 v1 v2 c".split()
    w11, w12, w21, w22, b1, b2, v1, v2, c = params = [lib.Symbol(n) for n in names]
    x1, x2, y = lib.symbols("x1 x2 y")
    h1 = lib.tanh(w11 * x1 + w12 * x2 + b1)
    h2 = lib.tanh(w21 * x1 + w22 * x2 + b2)
    a = 1 / (1 + lib.exp(-(v1 * h1 + v2 * h2 + c)))
    loss = -(y * lib.log(a) + (1 - y) * lib.log(1 - a))
    return [
        ("sin nested 200 deep", lambda: lib.diff(nested, x), 3),
        ("product of 30 factors", lambda: lib.diff(product, x), 20),
        ("tanh 2-2-1 network, 9 partials", lambda: [lib.diff(loss, p) for p in params], 20),
    ]


import sympy  # noqa: E402
import symengine  # noqa: E402

for name, lib, before in [("sympy", sympy, sympy.core.cache.clear_cache), ("symengine", symengine, lambda: None)]:
    for case, f, repeats in cases(lib):
        print(f"{name:10} {case:32} {best(f, repeats, before) * 1e3:10.3f} ms")
