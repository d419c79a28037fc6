# The computation graph from Andrew Ng's notes: J(a, b, c) = 3(a + bc)
# is computed as u = bc, v = a + u, J = 3v. Run it with:
#   cargo run --release -- examples/computation_graph.gd

J(a, b, c) = 3*(a + b*c)

# The nodes, in evaluation order.
graph J

# At a point: the forward pass gives each node's value, the backward pass
# each node's adjoint by the chain rule, ending with the gradient.
graph J at a=5, b=3, c=2

# The same picture for Mermaid (paste into a Markdown file or mermaid.live)
# and for Graphviz (`gd … | dot -Tsvg > J.svg`).
graph J as mermaid
graph J at a=5, b=3, c=2 as dot

# The graph is the computation as written: sin(x) is one node, used three
# times (by K, and twice by u*u), so its adjoint sums three contributions.
K(x) = sin(x)*sin(x) + sin(x)
graph K at x=1
check ∂K/∂x = 2*sin(x)*cos(x) + cos(x)
