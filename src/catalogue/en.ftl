# gd's messages in English, in Project Fluent's syntax (projectfluent.org):
# one entry per message id that the code raises with msg!("id", fact = …)
# (src/message.rs); `.attribute` lines are ids of their own (`id.attribute`).
# Facts are `{ $name }`: names and code as written, counts (which choose a
# plural form, `{ $count -> [one] … *[other] … }`), lists, and other messages.
# Another language is a file with the same ids and facts beside this one;
# tests/catalogue.rs checks that the code and this file agree.

## Shared words

list-separator = {", "}
list-or = {" or "}
here = here
nothing = {""}
did-you-mean = did you mean `{ $best }`?
this-is = this is { $what }
because = {" "}({ $problem })

## Commands, files and the REPL

command-arguments = `{ $command }` takes nothing after it
    .help = type `{ $command }` alone
unknown-help-topic = there is no help topic `{ $topic }`
    .help = did you mean `:help { $best }`?
help-topics =
    .help = the topics are { $topics }
command-needs-file = `{ $command }` needs a file name
    .help = for example `{ $command } lesson.gd`
not-a-file = cannot load `{ $path }`: it is { $kind }, not a file
    .help = `:load` reads a .gd script saved as a regular file
unknown-command = there is no command `{ $command }`
    .list = the commands are { $commands }
nothing-to-save = there is nothing to save yet
    .help = define a function or bind a value first, e.g. `J(a, b, c) = 3*(a + b*c)`
cannot-save = cannot save the session: { $error }
    .help = nothing was written; check that the folder exists and can be written to
    .not-a-script = nothing was written, and the file is kept; :save replaces only a `.gd` script — choose another name
    .not-a-file = nothing was written; :save writes a regular file — give the name of one
    .read-only = nothing was written; the file is kept as it is — choose another name
saved = saved { $lines } { $lines ->
        [one] line
       *[other] lines
    } to { $file }
    .through = saved { $lines } { $lines ->
        [one] line
       *[other] lines
    } to { $file } (the file it links to, { $target })
interrupted-rest = interrupted: the rest of the input was not run
cleared = cleared: no definitions, values or data remain
cannot-read = cannot read `{ $file }`: { $reason }
    .standard-input = cannot read standard input: { $reason }
not-text = { $what } is not text: invalid UTF-8 at byte { $byte }
    .file = `{ $file }`
    .standard-input = standard input
    .help = gd scripts are UTF-8 text files
read-failure = { $error }
    .missing = no such file
    .folder = it is a folder
file-kind =
    .pipe = a named pipe (FIFO)
    .device = a device
    .socket = a socket
    .folder = a folder
    .other = not a file
read-error =
    .not-a-file = it is { $kind }, not a file
    .too-large = it is larger than { $megabytes } MB
write-error = { $path }: { $error }
    .not-a-file = { $path } is { $kind }, not a regular file
    .not-replaceable = { $path } exists and is not a file gd wrote
    .read-only = { $path } is read-only
    .links = { $path } is a loop or a too long chain of symbolic links
    .no-folder = the folder of { $path } does not exist
    .permission = { $path } cannot be written (permission denied)
input-too-large = standard input is larger than { $megabytes } MB, too large for a script
inventory =
    .empty = nothing defined yet; try `J(a, b, c) = 3*(a + b*c)`
    .record = minimize result: { $fields }
    .functions = functions:
    .values = values:
    .data = data:
    .table = { $name }: { $source }, { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    }, { $columns_count ->
        [one] column
       *[other] columns
    } { $columns }

## Syntax: what the parser refuses or warns about

unclosed-bracket = this bracket is never closed
    .label = opened here
    .help = close it, or finish the expression before the end of the input
unclosed-string = this string is never closed
    .label = add a closing `"` on the same line
unexpected-character = unexpected character `{ $found }`
    .label = gd does not know this character
    .comparison = gd has no comparisons; to verify a claim write `check LEFT = RIGHT`
    .root = write square roots as `sqrt(x)`
    .brace = group with `( )`; vectors use `[ ]`
    .help = names start with a letter or `_`; operators are + - * / ^
latex-input = gd does not read LaTeX
    .label = LaTeX notation
    .help = write it in gd's notation: `\frac{"{"}1{"}"}{"{"}2{"}"}x^2` is `(1/2)*x^2`, `\cdot` is `*`, `x^{"{"}2{"}"}` is `x^2`, `\sigma` is `σ`
ambiguous-division = `{ $top }/{ $n }{ $rest }` divides by the whole product `{ $n }{ $rest }`
    .label = read as one factor
    .help = this is `{ $top }/({ $n }*{ $rest })`; for ({ $top }/{ $n })·{ $rest } write `({ $top }/{ $n })*{ $rest }`
number-apart = a number and what follows it are apart
    .label = a space here
    .help = to multiply, write `*` (or the number directly before it: `2x`); between settings or values, put a `,`
power-of-e = `{ $written }e…` here is { $written } times a power of e, not a power of ten
    .label = a number times e to a power
    .help = for { $written }·10^{ $k } write `{ $written }e{ $k }` (no superscript); for the power of e write `{ $written }*e^{ $k }`
derivative-order = a derivative's order must be a whole number from 1 to 20
    .label = this order
derivative-order-mismatch = the order of this derivative does not match its variables
    .label = says order { $stated }, but { $count ->
        [one] 1 variable follows
       *[other] { $count } variables follow
    }
    .help = write `{ $written }`
parameter-not-a-name = a parameter must be a name
    .label = not a name
    .check = to verify a value, write `check` in front: `check f(1, 2) = 3`
    .help = a definition lists parameter names: `f(x, y) = x*y`
not-assignable = cannot assign to this
    .label = not a name or a function head
    .derivative = to verify a derivative, write `check` in front: `check ∂J/∂b = 3*c`
    .call = define a function with a name and parameters: `f(x) = x^2`
    .help = the left of `=` is a name (`x = 2`) or a function head (`f(x) = x^2`); to verify a claim, write `check LEFT = RIGHT`
unexpected-token = unexpected { $found }
    .help = `{ $keyword }` is a keyword; write a column of that name in quotes: `data."{ $keyword }"`
    .label = nothing more was expected here
    .label2 = the line above ends with `{ $last }`, so the next line continues it
derivative-call-brackets =
    .help = to evaluate a derivative at a point, put it in brackets: `(∂J/∂b)(1, 2, 3)`
early-end = the input ends too early
token =
    .end-of-line = end of line
    .number = number `{ $text }`
    .string = string "{ $text }"
    .name = name `{ $text }`
    .superscript = superscript
    .code = `{ $text }`
expected = expected { $choices }
    .expression = expected an expression here
    .end = the end of the statement
    .name = a name
    .number = a number
    .string = a string
    .code = `{ $code }`
    .nothing = unexpected here
    .operator = an operator
token-help =
    .multiply = write multiplication explicitly with `*`, e.g. `b*c`
    .closes-nothing = this bracket closes nothing, or something before it is missing
    .equals = `=` defines or binds (`f(x) = …`, `x = …`); to verify a claim, write `check LEFT = RIGHT`
    .end-of-line = finish the expression, or continue it on the next line after an operator
after-keyword =
    .at = name each value: `graph J at a=5, b=3, c=2`
    .from = name each starting value: `minimize J from a=1, b=2`
    .as = the formats are text, latex (for expressions), mermaid and dot (for graphs)
    .with = settings follow `with`: `with α = 0.1, steps = 500` (see `:help minimize`)
notation =
    .power = powers are written with `^`: `x^2`
    .equals = gd has no `==`; to verify a claim write `check LEFT = RIGHT`
    .gradient = the gradient is `grad(J)` or `∇J`
    .settings = settings are separated by commas: `with α = 0.1, plot`

## Names, calls and kinds of values: what the checker and the lowerer refuse

string-alone = a string on its own means nothing
    .label = a string
    .help = strings name files, as in `load("data.csv")`
cannot-bind = cannot bind { $what }
    .label = bind a number, a vector, a table or a function
parameter-twice = parameter `{ $name }` appears twice
    .label = repeated here
    .help = give each parameter its own name
parameter-is-function = `{ $name }` is both the function and one of its parameters
    .label = rename this parameter
body-not-a-number = a function's body must give a number
recursion = `{ $name }` would call itself: { $chain }
    .label = this call leads back to the function being defined
    .help = gd functions cannot be recursive; write the formula out, or split it into separate functions
not-a-function = expected a function
    .help = name a defined function, such as `J` after `J(a, b) = …`
number-too-large = this number is too large
    .label = beyond ±1.8e308
division-by-zero = division by zero
    .label = a literal 0: this is undefined whatever the values
    .help = divide by something that is not 0
prime-arity = `'` is the derivative of a function of one parameter
    .label = this function has { $params_count ->
        [one] parameter
       *[other] parameters
    } { $params }
    .partial-named = take a partial derivative instead, such as ∂{ $name }/∂{ $param }
    .partial = take a partial derivative instead, with respect to { $param }
prime-of-non-function = `'` needs a function
    .help = derivatives are taken of functions, such as `J(a, b) = a*b`
builtin-as-value = `{ $name }` is a builtin function
    .label = a function, used as a value
    .help = call it with an argument, as in `{ $name }(x)`
different-parameters = these functions have different parameters
    .label = this one has { $params }
    .help = derivatives combine when they have the same parameters
    .both = { $left } and { $right }
derivative-with-vector = a derivative cannot be combined with a vector
    .label = a function and a vector
no-field = no field `{ $name }`
    .label = not in this result
    .help = its fields are { $fields }
no-fields = { $what } has no fields
    .label = fields belong to tables and results
    .help = a table has columns (`data.price`); a minimize result has fields (`r.J`)
not-a-parameter = `{ $name }` is not a parameter here
    .label = { $params_count ->
        [one] the parameter is
       *[other] the parameters are
    } { $params }
partial-by-parameter =
    .help = a partial derivative is taken with respect to one of the function's parameters
no-parameters = this function has no parameters, so it has no derivatives
    .label = nothing to differentiate by
    .help = give it a parameter to differentiate by: `J(x) = …`
builtin-name = `{ $name }` is a builtin name
    .label = cannot be redefined
    .help = choose another name
unknown-format = unknown format `{ $name }`
    .label = not a format here
    .help = the formats are { $allowed }
not-a-number = expected a number
    .help = bind it, then use its columns: `data = load("file.csv")`, `data.x`
    .call-named = `{ $name }` is a function; call it with values for { $params }: `{ $name }(…)`
    .call = call it with values for its parameters, as in `(∂J/∂b)(1, 2, 3)`
    .pick-column = pick a column, as in `data.price`
    .pick-field = pick a field: { $fields }
    .arithmetic = arithmetic works on numbers and vectors
unknown =
    .help = define it first, e.g. `{ $name }({ $params }) = …`
call-of-non-function = this is not a function
    .help = only functions are called with ( )
    .brackets = to multiply, write `*` between the brackets
    .define = define the function first, e.g. `{ $name }(a, b) = a*b`
argument-count = `{ $name }` takes { $expected }
    .label = { $params_count ->
        [one] its parameter is
       *[other] its parameters are
    } { $params }
    .given = { $count ->
        [one] 1 argument
       *[other] { $count } arguments
    } given
    .named = `{ $name }` takes { $expected ->
        [one] 1 argument
       *[other] { $expected } arguments
    } but { $given } given
    .named-has = { $name } has { $params_count ->
        [one] parameter
       *[other] parameters
    } { $params }
    .unnamed = this function takes { $expected ->
        [one] 1 argument
       *[other] { $expected } arguments
    } but { $given } given
    .unnamed-has = this function has { $params_count ->
        [one] parameter
       *[other] parameters
    } { $params }
    .takes = this function takes { $count ->
        [one] 1 argument
       *[other] { $count } arguments
    }
takes =
    .one-argument = one argument
    .diff = a function or expression and then the variables: diff(J, b)
    .grad = one function: grad(J)
    .one-expression = one expression
    .one-file-name = one file name
    .two-arguments = two arguments
    .one-vector = one vector
    .two-vectors = two vectors
constant-called = `{ $name }` is a constant, not a function
    .label = called here
    .help = to multiply, write `{ $name }*(…)`
load-needs-file-name = `load` takes a file name in quotes
    .label = not a file name
    .help = write `data = load("houses.csv")`
diff-variable-not-name = differentiate with respect to a name
    .label = not a variable name
grad-of-non-function = `{ $name }` is not a function
    .label = not a function
    .help = write `grad(J)` for a function J, or `grad(∂J/∂b)` for a derivative
unknown-name = `{ $name }` is not defined
    .label = unknown name
    .list-them = to define a function of { $params }, list { $count ->
        [one] it
       *[other] them
    }: `{ $function }({ $params }) = …`; to bind a value, define { $name } first
recursive-name = `{ $name }` would call itself
    .label = the function being defined
    .help = gd functions cannot be recursive; write the formula out, or split it into separate functions
unknown-name-product =
    .help = `{ $name }` is one name; for a product write `{ $product }`
unknown-name-in-claim =
    .help = write the right side in the { $params_count ->
        [one] parameter
       *[other] parameters
    } { $params }
unknown-name-in-definition =
    .help = bind it first (`{ $name } = …`) or make it a parameter: `{ $function }({ $with_name })`
unknown-name-define =
    .help = define it first, e.g. `{ $name } = 1`
unknown-name-parameter =
    .help = `{ $name }` is a parameter of `{ $callee_text }`: to see the function write `{ $callee_text }`; to evaluate it, give numbers, as in `{ $callee_text }({ $numbers })`
prime-needs-one-parameter = `'` needs a function of one parameter
functions-combine =
    .help = functions combine when they have the same parameters
derivative-with-symbols = `{ $name }` is not a parameter of the function it is combined with
    .label = a function of { $params } and an expression in `{ $name }`
    .help = a derivative combines with numbers and with derivatives of the same parameters
vector-lengths = vectors of different lengths: { $m } and { $n }
    .label = combines them row by row
    .help = row-by-row arithmetic needs vectors of the same length
string-not-number = a string is not a number
    .label = a string
    .help = strings name files, as in `load("data.csv")`
value-not-number = this is not a number
    .label = a function or several values
    .help = call a function with values for its parameters, as in `(∂J/∂b)(1, 2, 3)`
fields-need-name = only named tables and results have fields
    .label = not a name
    .help = bind it first: `data = load("file.csv")`, then `data.x`
no-fields-named = `{ $name }` has no fields
no-column = `{ $name }` has no column `{ $column }`
    .label = the columns are { $written }
    .help = did you mean `{ $name }.{ $column }`?
field-of-non-record =
    .label = not a table or a result
vector-element = a vector's elements must be numbers
    .label = not a number here
    .help = vectors hold data; parameters stay scalars
empty-vector = an empty vector
    .label = no elements
vector-lengths-rows =
    .label = { $m ->
        [one] 1 value
       *[other] { $m } values
    }
    .label2 = { $n ->
        [one] 1 value
       *[other] { $n } values
    }
    .help = row-by-row arithmetic needs vectors of the same length
table-as-number = `{ $name }` is a table
    .label = a table, used as a number
    .help = pick a column, as in `{ $name }.x`
record-as-number = `{ $name }` is a minimize result
    .label = a result, used as a number
    .help = pick a field: { $fields }
function-as-number = `{ $name }` is a function, not a number
    .label = used as a number
replaced-name =
    .help = it may have been defined when this function was written, and since replaced
gradient-as-number = a gradient gives one value per parameter
    .label = not a single number
    .help = use a partial derivative here, such as `(∂J/∂b)(…)`
load-as-number = `load` gives a table
    .label = not a number
parameters-changed = `{ $name }` now has { $params_count ->
        [one] parameter
       *[other] parameters
    } { $params }
    .label = this call gives { $given ->
        [one] 1 value
       *[other] { $given } values
    }
    .help = `{ $name }` was redefined after this call was written; update the call
    .label2 = in this call
not-callable =
    .label = expected a function here
expression-expected = expected exactly one expression
expression-expected-here = expected an expression
kind =
    .number = a number
    .vector = a vector
    .string = a string
    .table = a table
    .record = a result record
    .function = a function of { $params }
    .gradient = a gradient over { $params }
    .tuple = a tuple of { $count ->
        [one] 1 value
       *[other] { $count } values
    }
    .expression-in = an expression in { $symbols }
spelling =
    .writes-it = gd writes it `{ $name }`
    .has-no = gd has no `{ $name }`; write `{ $instead }`
    .lg = write `log10(x)` for the common logarithm (`log` is the natural one)
    .logistic = gd writes the logistic function `σ(x)` or `sigmoid(x)`
    .cot = gd has no `cot`; write `1/tan(x)` or `cos(x)/sin(x)`
    .atan2 = gd has no `atan2`; write `atan(y/x)` (for x > 0)
    .log-base = gd has `log10` and `log2`; for base { $base } write `log(x)/log({ $base })`
    .pow = powers are written with `^`: `a^b`
    .square = write `x^2` for the square, `sqrt(x)` for the square root
    .missing = gd has no `{ $name }` (its builtins are listed in docs/language.md)

## check

claim-sizes = the left side has { $m ->
        [one] 1 value
       *[other] { $m } values
    }, but { $n } { $n ->
        [one] is
       *[other] are
    } given
    .label = give one per parameter: { $params }
    .gradient = the gradient has { $components ->
        [one] 1 component
       *[other] { $components } components
    }, but { $given } { $given ->
        [one] is
       *[other] are
    } given
claim-one-per-parameter = expected one value per parameter
    .label = give { $m ->
        [one] 1 value
       *[other] { $m } values
    }
claim-incomparable = the two sides of this check cannot be compared
    .label = { $left } against { $right }
    .help = check a value (`check J(1, 2, 3) = 21`), a derivative (`check ∂J/∂b = 3*c`) or a gradient (`check ∇J = (3, 3*c, 3*b)`)
claim-with-arguments = a claim about a function names it without arguments
    .label = arguments that are not bound
    .help = write `check { $callee_text } = …`, the right side in its parameters: it is then claimed for all of them
negative-tolerance = a tolerance cannot be negative
    .label = below 0
claim-gradient-at-point = expected a gradient at a point
    .label = compare a tuple with `∇J(…)`
claim-right-side = the right side does not match the left
    .label = expected an expression in { $params }
verdict =
    .correct = correct: { $correct }
    .proved = proved
    .proved-by-cases = proved, in { $cases } cases
    .numerically = numerically, at { $points } random points
    .numerically-around = numerically, at { $points } random points and { $around } beside { $around ->
        [one] a breakpoint
       *[other] breakpoints
    }
    .to-digits = { $lhs } = { $rhs } (to { $digits } significant { $digits ->
        [one] digit
       *[other] digits
    })
    .exactly = {" "}exactly
    .differs-in-digit = { $lhs } ≠ { $rhs } — { $lhs } = { $value }{ $exactly }; your value differs in the { NUMBER($digit, type: "ordinal") ->
        [one] { $digit }st
        [two] { $digit }nd
        [few] { $digit }rd
       *[other] { $digit }th
    } digit
    .conditions = {" "}({ $conditions })
    .left = left
    .right = right
    .domain-differs = { $equation } — equal where both are defined{ $conditions }; at { $point } the { $defined } side is { $value } and the { $undefined } side is undefined
    .at = at { $point }:
    .there = there
    .except-at = { $lhs } = { $rhs } — equal except at { $name } = { $at } (a kink): { $there } { $left_name } = { $left }, { $right_text } = { $right }
    .in-row = in row { $row }:{" "}
    .at-point = at { $point }:{" "}
    .at-point-in-row = at { $point }, in row { $row }:{" "}
    .not-number = , not { $number }
    .right-value = , { $right_text } = { $right }
    .differs = { $lhs } ≠ { $rhs } — { $at }{ $left_name } = { $left }{ $right }
    .constant-difference = { $lhs } ≠ { $rhs } — the sides differ by a constant: left − right = { $difference }
    .constant-difference-in = { $lhs } ≠ { $rhs } — in { $equation } the sides differ by a constant: left − right = { $difference }
    .lengths = { $lhs } ≠ { $rhs } — the left side has { $left ->
        [one] 1 value
       *[other] { $left } values
    }, the right side { $right }
    .undefined = { $lhs } = { $rhs }: the { $side } side has no value ({ $problem })
    .has-meaning = the claim has a meaning
    .have-values = both sides have values
    .undecided = { $lhs } = { $rhs }: undecided — { $within } at only { $defined } of { $tried } random points
    .for-all = for all { $names }: { $how }
    .within = within { $tolerance }
    .passed = { $lhs } = { $rhs }
    .passed-note = { $lhs } = { $rhs } ({ $note })
    .passed-notes = { $lhs } = { $rhs } ({ $how }, { $within })

## graph

graph-needs-function = `graph` draws a function
    .label = not a single function
    .help = graph a function such as `J`, or one derivative such as `∂J/∂b`
pass-failure =
    .label = in the { $pass } pass of this graph
    .forward-pass = forward
    .backward-pass = backward
    .forward = the forward pass fails at { $node }: { $problem }
    .forward-help = choose a point where the function is defined
    .backward = the backward pass fails at { $node }: { $problem }
    .in-derivative = in { $local } = { $derivative }, { $problem }
    .backward-help = the forward pass succeeds ({ $function } = { $output }), but { $name } has no derivative by { $input } here; choose another point
    .rows-mix = the backward pass needs { $function } to be a number: { $function } is a vector, and { $node } mixes its rows
    .rows-mix-label = each row of { $function } depends on every row here
    .rows-mix-help = graph a number made from it, such as its `sum` or `mean`
graph-text =
    .at = { $header } at { $point }
    .forward = forward:
    .gradient = gradient: { $parts }
    .node = node
    .parent = parent
    .backward = backward: { $node_adjoint } = Σ { $parent_adjoint } · ∂{ $parent }/∂{ $node }|local, one term per use
    .local = (|local: the parent's own operation, differentiated by that use)
    .each-row = { $value } in each row
    .independent = { $result }   ({ $function } does not depend on { $node })
    .summed = { $sum } summed over the rows = { $result }
    .value = value { $value }
    .vector = [{ $first }{ $more }] ({ $count ->
        [one] 1 value
       *[other] { $count } values
    })

## minimize and maximize

nothing-to-move = this function has no parameters to move
    .label = a function of nothing
    .help = minimize a function of parameters, such as `J(w, b) = (w - 1)^2 + b^2`
listed-twice = `{ $name }` is listed twice after `over`
    .label = already listed
unknown-setting = unknown setting `{ $name }`
    .label = not a setting of minimize
    .note = the settings are { $spellings }
setting-twice = `{ $name }` is set twice
    .label = already set earlier in this list
unknown-method = unknown method
    .label = not a method gd knows
method-quoted =
    .help = write the method without quotes: `method = { $method }`
    .note = the methods are { $METHODS }
plot-file-name = plots are SVG files
    .label = not a .svg file name
    .help = name the file with .svg, as in `plot = "descent.svg"`; `plot` alone draws in the terminal
plot-needs-quotes = expected a file name in quotes
    .label = not a file name
    .help = write `plot = "descent.svg"`, or `plot` alone to draw in the terminal
setting-needs-value = this setting needs a value
    .label = give it a value with `=`
minimize-with-arguments = minimize names the function without arguments
    .label = arguments that are not bound
    .help = write `minimize { $function } from { $start }`
start-twice = `{ $name }` is given twice
    .label = given again here
start-missing = no value given for { $missing }
    .label = the point needs every parameter: { $params }
setting-without-effect = `{ $setting }` has no effect with method = { $method }
    .label = this method has no momentum
    .help = use `method = momentum` or `nesterov` (β is their momentum), or leave `{ $setting }` out
stochastic-needs-rows = stochastic descent needs a function of data
    .label = no data rows to sample
    .help = use `batch` or `method = sgd` with a mean or sum over data, such as `mean((m*x + b - y)^2)`
batch-lengths = mini-batches need data of one length; { $objective } reads vectors of { $shortest } and { $longest } rows
    .label = which rows would a batch take?
    .label2 = reads vectors of { $shortest } and { $longest } rows
    .help = drop `batch`/`sgd` to use all the rows of each vector
batch-biased = stochastic descent needs { $objective } to be a mean or sum over the rows
    .label = mini-batches here would be biased
    .help = a batch estimates each mean or sum, so J must add them up (`mean(…) + λ*w^2`), not square or otherwise transform them; drop `batch`/`sgd` to use all the rows
no-value-at-start = { $objective } has no value at the starting point{ $why }
    .label = starting at { $at }
    .help = start where the function is defined, with `from …` (parameters not given start at 0)
plot-not-written = cannot write the plot to { $path }
    .label = no such folder
    .help = create the folder { $folder } first, or name a file in an existing one
    .drawing = the plot could not be drawn: { $error }
plot =
    .curve = { $objective } against iteration
    .curve-log = { $objective } against iteration (log scale)
    .iteration = iteration
    .contours = contours of { $objective } and the path of ({ $x }, { $y })
    .not-drawn = plot: not drawn, as the output is not a terminal; write it to a file with `plot = "descent.svg"`
    .written = plot: { $file } ({ $objective } against iteration)
    .written-contours = plot: { $file } ({ $objective } against iteration and the path over the contours of { $objective })
    .written-sampled = plot: { $file } ({ $objective } against iteration and the path over the contours of { $objective }, from { $used } of the { $total } rows)
no-value = `{ $name }` has no number to compute with
    .label = in this function
objective-is-vector = this function gives a vector, one value per row
    .label = not one number
    .help = minimize a number: take the mean or the sum over the rows, as in `mean((m*x + b - y)^2)`
setting-value-missing =
    .label = give it with `=`
setting-value = `{ $what }` must be { $requirement }
    .label = not allowed here
    .whole-number = a whole number from { $least } to { $most }
too-much-work = too much work for one `minimize`: { $runs }{ $steps } steps{ $rows }; with these settings `steps` can be at most { $most }
    .label = would run for more than about a second
    .batches = {" "}in batches of { $batch ->
        [one] 1 row
       *[other] { $batch } rows
    }
    .rows = {" "}over { $rows } rows
    .runs = { $runs } runs of{" "}
    .help = lower `steps` or `restarts`, or use `batch` for large data
setting-range =
    .alpha = the learning rate must be positive
    .alpha-label = α ≤ 0 would not descend
    .tol = the tolerance cannot be negative
    .tol-label = tol < 0
    .beta = β must be at least 0 and less than 1
    .beta-label = outside [0, 1)
descent =
    .stochastic = stochastic gradient descent
    .gradient = gradient { $goal ->
        [maximize] ascent
       *[minimize] descent
    }
    .method = { $method } { $goal ->
        [maximize] ascent
       *[minimize] descent
    }
    .batches = batches of { $batch ->
        [one] 1 row
       *[other] { $batch } rows
    } (seed { $seed })
    .heading = { $what } on { $objective }: { $settings }
    .start = start: { $point }
    .stride = (rows every { $stride } iterations: more would be over 5000 rows)
    .undefined = undefined
    .overflow = overflow
    .at = { $point }
    .at-batch = { $point } ({ $objective } over all the data; the table's is each step's batch)
    .smaller = α = { $alpha } is too large; try α = { $half }
    .converged = converged after { $k ->
        [one] 1 iteration
       *[other] { $k } iterations
    }: { $at }
    .stands-still = stopped at the step limit after { $k ->
        [one] 1 iteration
       *[other] { $k } iterations
    }: { $objective } stands still but the parameters jump back and forth across a { $goal ->
        [maximize] peak
       *[minimize] valley
    } — { $smaller }: { $at }
    .step-limit = stopped at the step limit after { $k ->
        [one] 1 iteration
       *[other] { $k } iterations
    }, not yet converged (|Δ{ $objective }| = { $change } { $relation } tol = { $tol }): { $at }
    .not-finite = diverged at iteration { $k }: the parameters grew beyond any finite number — { $smaller }
    .unbounded = stopped at iteration { $k }: { $objective } kept improving until the numbers overflowed — it is unbounded { $goal ->
        [maximize] above and has no maximum
       *[minimize] below and has no minimum
    }; last finite point: { $at }
    .left-domain = stopped at iteration { $k }: the step to { $outside } left the domain of { $objective }{ $why } — { $objective } may have no { $goal ->
        [maximize] maximum
       *[minimize] minimum
    } inside its domain, or α = { $alpha } is too large; last point: { $at }
    .infinite-gradient = stopped at iteration { $k }: the gradient of { $objective } is not a finite number at { $at } — gradient { $goal ->
        [maximize] ascent
       *[minimize] descent
    } cannot step from there (start elsewhere with `from …`)
    .growing = diverged: { $objective } { $goal ->
        [maximize] fell
       *[minimize] grew
    } for 50 iterations in a row, from { $from } to { $to } at iteration { $k } — { $smaller }
    .interrupted = interrupted after { $k ->
        [one] 1 iteration
       *[other] { $k } iterations
    }: { $at }
    .undefined-start = { $objective } has no value at the starting point
batch-larger = note: batch = { $batch } is more than the { $rows } rows; every step uses all of them
restarts = { $runs } runs: from the start given and { $random ->
        [one] 1 random start
       *[other] { $random } random starts
    } around it{ $marks }
    .marks = {" "}(* marks the best)
    .run = run
    .start = { $name } start
    .end = { $name } end
    .iterations = iterations
    .ending = ending
    .more = … { $hidden } more
    .best = best: run { $run } — { $verdict }
    .no-best = no run converged or reached the step limit; run 1 — { $verdict }
ending =
    .converged = converged
    .step-limit = step limit
    .diverged = diverged
    .unbounded = unbounded
    .left-domain = left the domain
    .infinite-gradient = infinite gradient
    .interrupted = interrupted
    .undefined-start = undefined at start

## Values that cannot be computed

not-computable = the result is not finite
    .in-call = in this call
    .in-row = { $label } (in row { $row })
free-symbols = `{ $name }` would be `{ $shown }`, which has no value
    .label = this depends on free symbols
    .help = define a function instead: `{ $name }(…) = …`
internal = this statement was not checked as it is run
    .label = internal error
problem =
    .division-by-zero = division by zero
    .division-by-zero-label = the divisor is 0 here
    .log-of-zero = log of 0 is undefined
    .log-of-zero-label = log(0) is -∞
    .log-of-negative = log of a negative number
    .log-of-negative-label = log({ $x }) is not a real number
    .root-of-negative = square root of a negative number
    .root-of-negative-label = sqrt({ $x }) is not a real number
    .fractional-power = a negative number to a fractional power
    .fractional-power-label = ({ $base })^{ $exponent } is not a real number
    .outside-domain = { $function } is defined only for { $domain }
    .outside-domain-label = { $function }({ $x }) is not a real number
    .overflow = the result is too large
    .overflow-label = this overflows past ±1.8e308
    .no-value = `{ $name }` has no value here
    .no-value-label = needs a value
    .lengths = vectors of different lengths
    .lengths-label = a vector of { $a } meets a vector of { $b }
    .not-a-number = this gives a vector, not a number
    .not-a-number-label = a vector

## Data files and tables

data-file =
    .label = loaded here
    .loading = loading this file
    .looked-for = looked for { $path } (a relative path is read from the script's folder; in the REPL and -e, from the working directory)
    .unreadable = cannot read `{ $file }`: { $reason }
    .empty = `{ $file }` is empty
    .needs-header = a data file starts with a header row naming its columns
    .not-csv = `{ $file }` is not valid CSV: { $error }
    .row-length = line { $line } has { $cells ->
        [one] 1 cell
       *[other] { $cells } cells
    }, but the header names { $columns ->
        [one] 1 column
       *[other] { $columns } columns
    }
    .this-row = this row
    .one-per-column = every row needs one value per column
    .empty-cell = an empty cell on line { $line }, column { $column } (`{ $name }`)
    .not-a-number = `{ $cell }` on line { $line }, column { $column } (`{ $name }`) is not a number
    .not-a-number-label = not a number
    .finite = every cell after the header must be a finite number
    .interrupted = loading `{ $file }` was interrupted
    .no-rows = `{ $file }` has a header but no rows of data
    .header-not-csv = the header row is not valid CSV: { $error }
    .unnamed = column { $column } of the header has no name
    .unnamed-label = unnamed column
    .named-twice = two columns are named `{ $name }`
    .named-twice-label = named again here
table-summary = { $source }: { $rows ->
        [one] 1 row
       *[other] { $rows } rows
    }, { $columns ->
        [one] 1 column
       *[other] { $columns } columns
    } ({ $names })
    .more-rows = … { $more ->
        [one] 1 more row
       *[other] { $more } more rows
    }
    .more-columns = ({ $hidden ->
        [one] 1 more column
       *[other] { $hidden } more columns
    } not shown)

## The Jupyter kernel

kernel-installed = installed the Jupyter kernel `gd` in { $folder }
kernel-error =
    .usage = `gd kernel` needs `-f CONNECTION_FILE` or `install`
    .event-loop = cannot start the kernel's event loop: { $error }
    .sockets = cannot open the kernel's sockets on { $ip } ({ $error })
    .thread = cannot start the session's thread: { $error }
    .connection-file = cannot read the connection file `{ $file }`: { $reason }
    .not-a-connection-file = the connection file `{ $file }` is not one Jupyter writes: { $error }
    .own-path = cannot find the path of the running gd: { $error }
    .kernelspec = cannot write the kernelspec: { $error }
    .cannot-write = cannot write { $folder }: { $error }
    .path-not-text = the path of gd, { $path }, is not UTF-8 text, which a kernelspec needs
    .no-home = cannot find your home folder; set JUPYTER_DATA_DIR, or use --prefix
    .no-python = --sys-prefix found no Python environment: activate one, or give the folder with --prefix
cell =
    .failed = the cell failed
    .interrupted = the cell was stopped by an interrupt
kernel-log =
    .channel = gd kernel: { $channel } channel: { $error }
    .iopub = gd kernel: cannot publish on IOPub: { $error }
    .control = gd kernel: cannot answer on the control channel: { $error }
    .shell = gd kernel: cannot answer on the shell channel: { $error }
