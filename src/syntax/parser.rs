//! Parsing: tokens to the spanned AST, with every syntax error of a source.
//!
//! The LALRPOP grammar (grammar/gd.lalrpop) does the parsing; this module
//! holds the [`AstBuilder`] its actions call (spans, AST nodes, the checks that
//! turn `lhs = rhs` into a definition or a binding) and turns the parser's
//! recovered errors into readable diagnostics. [`parse`] hands on a
//! [`Program`]: the AST arena and its statements, or all the errors.

use lalrpop_util::{ErrorRecovery, ParseError};

use super::ast::{Ast, BinaryOp, ExprId, ExprKind, Ident, Optimize, Stmt, StmtKind};
use super::lexer::{self, LexError, Token};
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::message::Message;
use crate::msg;
use crate::source::{SourceId, Span};

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_qualifications, unused_parens)]
    grammar,
    "/gd.rs"
);

/// A parsed source: its expression arena and its statements, in order.
#[derive(Debug, Default)]
pub struct Program {
    pub ast: Ast,
    pub statements: Vec<Stmt>,
    /// Readings that are valid but may not be what was meant (`1/2x`).
    pub warnings: Vec<Diagnostic>,
}

/// Parses a whole source. Either every statement parsed, or every syntax
/// error found (lexical and grammatical) comes back, in source order.
pub fn parse(text: &str, source: SourceId) -> Result<Program, Vec<Diagnostic>> {
    let (tokens, mut errors) = lexer::tokenize(text, source);
    let mut builder = AstBuilder::new(source);
    let result = grammar::ProgramParser::new().parse(&mut builder, tokens.into_iter().map(Ok));
    let mut recovered = std::mem::take(&mut builder.recovered);
    let statements = match result {
        Ok(statements) => statements,
        Err(error) => {
            recovered.push(ErrorRecovery { error, dropped_tokens: Vec::new() });
            Vec::new()
        }
    };
    // After a bracket that is never closed, every later line was read as part
    // of it: the parser's complaints there are echoes of that one mistake.
    let unclosed_at = errors.iter().filter(|e| is_unclosed(e)).filter_map(|e| e.span()).next();
    for recovery in recovered {
        let location = match &recovery.error {
            ParseError::UnrecognizedToken { token: (start, ..), .. }
            | ParseError::ExtraToken { token: (start, ..) } => *start,
            ParseError::UnrecognizedEof { location, .. } | ParseError::InvalidToken { location } => *location,
            ParseError::User { .. } => 0,
        };
        // An error on the bracket's own line is a mistake of its own (`J(1,, 2`), but one at the
        // end of the input, or on a later line, only echoes the missing bracket.
        let at_end = matches!(recovery.error, ParseError::UnrecognizedEof { .. });
        let later_line =
            |span: Span| text.get(span.start..location).is_some_and(|between| between.contains(['\n', '\r']));
        if unclosed_at.is_some_and(|span| location >= span.start && (at_end || later_line(span))) {
            continue;
        }
        if let Some(diagnostic) = parse_error_diagnostic(recovery.error, source, text) {
            errors.push(diagnostic);
        }
    }
    errors.append(&mut builder.problems);
    let mut errors = one_per_latex_line(errors, text, source);
    if errors.is_empty() {
        Ok(Program { ast: builder.ast, statements, warnings: builder.warnings })
    } else {
        errors.sort_by_key(|e| e.span().map(|s| (s.start, s.end)));
        errors.dedup_by_key(|e| e.span());
        Err(errors)
    }
}

/// Pasted LaTeX (`\frac{1}{2}x^2`) trips over every `\`, `{` and `}`: on a
/// line with a `\` command, its errors become one that says so.
fn one_per_latex_line(errors: Vec<Diagnostic>, text: &str, source: SourceId) -> Vec<Diagnostic> {
    let line_of = |at: usize| {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
        (start, end)
    };
    let latex_lines: Vec<(usize, usize)> = errors
        .iter()
        .filter(|e| e.code == DiagnosticCode::UnexpectedCharacter)
        .filter_map(|e| e.span())
        .filter(|span| text.get(span.start..span.end) == Some("\\"))
        .filter(|span| text.get(span.end..).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic())))
        .map(|span| line_of(span.start))
        .collect();
    if latex_lines.is_empty() {
        return errors;
    }
    let mut kept: Vec<Diagnostic> = errors
        .into_iter()
        .filter(|e| e.span().is_none_or(|span| !latex_lines.contains(&line_of(span.start))))
        .collect();
    let mut lines = latex_lines;
    lines.dedup();
    for (start, end) in lines {
        kept.push(
            Diagnostic::syntax(
                DiagnosticCode::LatexInput,
                msg!("latex-input"),
                Span::new(source, start, end),
                msg!("latex-input.label"),
            )
            .with_help(msg!("latex-input.help")),
        );
    }
    kept
}

/// True when `text` is an unfinished statement that more lines could
/// complete: it stops inside a bracket or after an operator, and nothing in
/// it is wrong yet. A real mistake is not unfinished; it is reported at once.
pub fn is_unfinished(text: &str) -> bool {
    if !lexer::stops_mid_statement(text) {
        return false;
    }
    let (tokens, lexical) = lexer::tokenize(text, SourceId(0));
    if lexical.iter().any(|e| !is_unclosed(e)) {
        return false;
    }
    let mut builder = AstBuilder::new(SourceId(0));
    let result = grammar::ProgramParser::new().parse(&mut builder, tokens.into_iter().map(Ok));
    let at_end = |error: &ParseError<usize, Token, LexError>| matches!(error, ParseError::UnrecognizedEof { .. });
    let recovered_at_end = builder.recovered.iter().all(|recovery| at_end(&recovery.error));
    recovered_at_end && builder.problems.is_empty() && result.as_ref().err().is_none_or(at_end)
}

/// What the grammar's actions build into.
pub struct AstBuilder<'s> {
    source: SourceId,
    ast: Ast,
    recovered: Vec<ErrorRecovery<usize, Token<'s>, LexError>>,
    problems: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// The products written by juxtaposition (`2x`), for the `1/2x` warning.
    implicit: Vec<ExprId>,
}

/// The right-hand side of `lhs = …`.
pub enum Rhs {
    Expr(ExprId),
    Optimize(Optimize),
}

impl<'s> AstBuilder<'s> {
    fn new(source: SourceId) -> AstBuilder<'s> {
        AstBuilder {
            source,
            ast: Ast::default(),
            recovered: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            implicit: Vec::new(),
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.source, start, end)
    }

    pub fn ident(&self, name: &str, start: usize, end: usize) -> Ident {
        Ident { name: name.to_string(), span: self.span(start, end) }
    }

    pub fn expr(&mut self, kind: ExprKind, start: usize, end: usize) -> ExprId {
        let span = self.span(start, end);
        self.ast.push(kind, span)
    }

    pub fn binary(&mut self, op: BinaryOp, lhs: ExprId, rhs: ExprId, start: usize, end: usize) -> ExprId {
        if op == BinaryOp::Div && self.implicit.last() == Some(&rhs) {
            self.warn_divided_product(lhs, rhs);
        }
        self.expr(ExprKind::Binary(op, lhs, rhs), start, end)
    }

    /// `1/2x^2` is 1/(2x²) by the rule that `2x` binds tightest; the cost
    /// ½x² is a common mistake of this kind, so both readings are shown.
    fn warn_divided_product(&mut self, lhs: ExprId, rhs: ExprId) {
        let ExprKind::Binary(_, number, operand) = *self.ast.kind(rhs) else { return };
        let text = |builder: &AstBuilder, id: ExprId| describe_number_or_name(&builder.ast, id);
        let (top, n, rest) = (text(self, lhs), text(self, number), text(self, operand));
        self.warnings.push(
            Diagnostic::warning(
                DiagnosticCode::AmbiguousDivision,
                msg!("ambiguous-division", top = top, n = n, rest = rest),
                self.ast.span(rhs),
                msg!("ambiguous-division.label"),
            )
            .with_help(msg!("ambiguous-division.help", top = top, n = n, rest = rest)),
        );
    }

    /// `2x`, `3(a + b)`: a number directly before a name or a bracket
    /// multiplies it. With a space between (`2 x`, `α = 0.2 plot`) it is an
    /// error: a forgotten `*` or a forgotten `,` reads the same.
    pub fn implicit_product(
        &mut self,
        number: ExprId,
        operand_start: usize,
        operand: ExprId,
        start: usize,
        end: usize,
    ) -> ExprId {
        let number_end = self.ast.span(number).end;
        if number_end != operand_start {
            self.problems.push(
                Diagnostic::syntax(
                    DiagnosticCode::NumberApart,
                    msg!("number-apart"),
                    Span::new(self.source, number_end, operand_start),
                    msg!("number-apart.label"),
                )
                .with_help(msg!("number-apart.help")),
            );
        }
        // `1e⁻³` (a negative superscript: only a superscript is a negative literal here)
        // reads like scientific notation but is 1·e⁻³.
        if let ExprKind::Binary(BinaryOp::Pow, base, exponent) = *self.ast.kind(operand)
            && matches!(self.ast.kind(base), ExprKind::Name(name) if name == "e")
            && matches!(self.ast.kind(exponent), ExprKind::Number(power) if power.starts_with('-'))
        {
            let written = describe_number_or_name(&self.ast, number);
            let k = describe_number_or_name(&self.ast, exponent);
            self.warnings.push(
                Diagnostic::warning(
                    DiagnosticCode::PowerOfE,
                    msg!("power-of-e", written = written),
                    Span::new(self.source, self.ast.span(number).start, self.ast.span(operand).end),
                    msg!("power-of-e.label"),
                )
                .with_help(msg!("power-of-e.help", written = written, k = k)),
            );
        }
        let product = self.binary(BinaryOp::Mul, number, operand, start, end);
        self.implicit.push(product);
        product
    }

    pub fn stmt(&self, kind: StmtKind, start: usize, end: usize) -> Stmt {
        Stmt { kind, span: self.span(start, end) }
    }

    /// Records a statement the parser skipped; the error is reported later.
    pub fn recover(&mut self, error: ErrorRecovery<usize, Token<'s>, LexError>, start: usize, end: usize) -> Stmt {
        self.recovered.push(error);
        self.stmt(StmtKind::Invalid, start, end)
    }

    /// `∂ⁿF/∂x∂y…`: checks that the stated order matches the denominator.
    pub fn partial(
        &mut self,
        order: Option<(i64, Span)>,
        function: Ident,
        denominator: Vec<(Ident, Option<(i64, Span)>)>,
        start: usize,
        end: usize,
    ) -> ExprId {
        let mut variables = Vec::new();
        let mut refused = false;
        for (variable, power) in denominator {
            let times = match power {
                Some((power, span)) if !(1..=20).contains(&power) => {
                    refused = true;
                    self.problems.push(Diagnostic::syntax(
                        DiagnosticCode::DerivativeOrder,
                        msg!("derivative-order"),
                        span,
                        msg!("derivative-order.label"),
                    ));
                    1
                }
                Some((power, _)) => power as usize,
                None => 1,
            };
            variables.extend(std::iter::repeat_n(variable, times));
        }
        let stated = order.map_or(1, |(n, _)| n);
        // A refused power was counted once: the orders cannot be compared.
        if stated != variables.len() as i64 && !refused {
            let span = order.map_or(function.span, |(_, span)| span);
            let written = derivative_notation(&function.name, &variables);
            self.problems.push(
                Diagnostic::syntax(
                    DiagnosticCode::DerivativeOrder,
                    msg!("derivative-order-mismatch"),
                    span,
                    msg!("derivative-order-mismatch.label", stated = stated.to_string(), count = variables.len()),
                )
                .with_help(msg!("derivative-order-mismatch.help", written = written)),
            );
        }
        self.expr(ExprKind::Partial(function, variables), start, end)
    }

    /// Turns `lhs = rhs` into a definition or a binding, or reports why not.
    pub fn assign(&mut self, lhs: ExprId, rhs: Rhs, start: usize, end: usize) -> Stmt {
        let kind = match (self.ast.kind(lhs).clone(), rhs) {
            (ExprKind::Name(name), Rhs::Expr(value)) => {
                StmtKind::Bind { name: Ident { name, span: self.ast.span(lhs) }, value }
            }
            (ExprKind::Name(name), Rhs::Optimize(optimize)) => {
                StmtKind::BindOptimize { name: Ident { name, span: self.ast.span(lhs) }, optimize }
            }
            (ExprKind::Call(callee, args), Rhs::Expr(body)) => match self.definition_head(callee, &args) {
                Some((name, params)) => StmtKind::Define { name, params, body },
                None => StmtKind::Invalid,
            },
            (_, _) => {
                self.problems.push(self.cannot_assign(lhs));
                StmtKind::Invalid
            }
        };
        self.stmt(kind, start, end)
    }

    fn definition_head(&mut self, callee: ExprId, args: &[ExprId]) -> Option<(Ident, Vec<Ident>)> {
        let ExprKind::Name(name) = self.ast.kind(callee).clone() else {
            self.problems.push(self.cannot_assign(callee));
            return None;
        };
        let mut params = Vec::new();
        for &arg in args {
            match self.ast.kind(arg) {
                ExprKind::Name(param) => params.push(Ident { name: param.clone(), span: self.ast.span(arg) }),
                _ => {
                    // `f(1, 2) = 3` reads as a claim about a value; `f(x + 1) = x` does not.
                    let all_values = args.iter().all(|&a| !self.ast.mentions_name(a));
                    let help =
                        if all_values { msg!("parameter-not-a-name.check") } else { msg!("parameter-not-a-name.help") };
                    self.problems.push(
                        Diagnostic::syntax(
                            DiagnosticCode::ParameterNotAName,
                            msg!("parameter-not-a-name"),
                            self.ast.span(arg),
                            msg!("parameter-not-a-name.label"),
                        )
                        .with_help(help),
                    );
                    return None;
                }
            }
        }
        Some((Ident { name, span: self.ast.span(callee) }, params))
    }

    fn cannot_assign(&self, lhs: ExprId) -> Diagnostic {
        let help = match self.ast.kind(lhs) {
            ExprKind::Partial(..) | ExprKind::Gradient(_) | ExprKind::Prime(_) => msg!("not-assignable.derivative"),
            ExprKind::Call(..) => msg!("not-assignable.call"),
            _ => msg!("not-assignable.help"),
        };
        Diagnostic::syntax(
            DiagnosticCode::NotAssignable,
            msg!("not-assignable"),
            self.ast.span(lhs),
            msg!("not-assignable.label"),
        )
        .with_help(help)
    }
}

/// A short text for a number, a name or a power of one in a warning; `…` otherwise.
fn describe_number_or_name(ast: &Ast, id: ExprId) -> String {
    match ast.kind(id) {
        ExprKind::Number(text) | ExprKind::Name(text) => text.clone(),
        ExprKind::Binary(BinaryOp::Pow, base, exponent) => {
            format!("{}^{}", describe_number_or_name(ast, *base), describe_number_or_name(ast, *exponent))
        }
        _ => "…".to_string(),
    }
}

fn derivative_notation(function: &str, variables: &[Ident]) -> String {
    let names: Vec<String> = variables.iter().map(|v| v.name.clone()).collect();
    super::notation::partial_notation(function, &names)
}

fn parse_error_diagnostic(
    error: ParseError<usize, Token<'_>, LexError>,
    source: SourceId,
    text: &str,
) -> Option<Diagnostic> {
    let end_of_input = text.len();
    match error {
        ParseError::UnrecognizedToken { token: (start, token, end), expected } => {
            if token == Token::Invalid {
                return None; // the lexer has reported this character
            }
            let span = Span::new(source, start, end);
            let diagnostic = Diagnostic::syntax(
                DiagnosticCode::UnexpectedToken,
                msg!("unexpected-token", found = describe(&token)),
                span,
                expected_label(&expected),
            );
            let diagnostic = label_continued_line(diagnostic, text, source, start);
            let statement_so_far = text.get(..start).unwrap_or("").rsplit(['\n', '\r', ';']).next().unwrap_or("");
            if let Some(help) = notation_help(statement_so_far, &token) {
                return Some(diagnostic.with_help(help));
            }
            let after_derivative = statement_so_far.contains(['∂', '∇']) || statement_so_far.trim_end().ends_with('\'');
            if let Some(help) = after_keyword_help(statement_so_far) {
                return Some(diagnostic.with_help(help));
            }
            if statement_so_far.trim_end().ends_with('.') && token.is_keyword() {
                let keyword = token_text(&token);
                return Some(diagnostic.with_help(msg!("unexpected-token.help", keyword = keyword)));
            }
            Some(match help_for(&token, &expected) {
                Some(_) if token == Token::LParen && after_derivative => {
                    diagnostic.with_help(msg!("derivative-call-brackets.help"))
                }
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            })
        }
        ParseError::UnrecognizedEof { location, expected } => {
            let at = location.min(end_of_input);
            let span = Span::new(source, at.saturating_sub(1), at);
            let diagnostic =
                Diagnostic::syntax(DiagnosticCode::EarlyEnd, msg!("early-end"), span, expected_label(&expected));
            let statement_so_far = text.get(..at).unwrap_or("").rsplit(['\n', '\r', ';']).next().unwrap_or("");
            Some(match after_keyword_help(statement_so_far) {
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            })
        }
        ParseError::ExtraToken { token: (start, token, end) } => Some(Diagnostic::syntax(
            DiagnosticCode::UnexpectedToken,
            msg!("unexpected-token", found = describe(&token)),
            Span::new(source, start, end),
            msg!("unexpected-token.label"),
        )),
        ParseError::InvalidToken { .. } | ParseError::User { .. } => None,
    }
}

/// On a line that continues the one above (which ends with an operator),
/// also labels that operator: the mistake may be there.
fn label_continued_line(diagnostic: Diagnostic, text: &str, source: SourceId, at: usize) -> Diagnostic {
    let before = text.get(..at).unwrap_or("");
    let trimmed = before.trim_end();
    if !before[trimmed.len()..].contains(['\n', '\r']) {
        return diagnostic;
    }
    let Some(last) = trimmed.chars().next_back() else { return diagnostic };
    if !"+-*/^=,−·×÷⋅".contains(last) {
        return diagnostic;
    }
    let span = Span::new(source, trimmed.len() - last.len_utf8(), trimmed.len());
    diagnostic.with_label(span, msg!("unexpected-token.label2", last = last.to_string()))
}

/// Help for notation from other languages: `x**2`, `a == b`, `grad J`, and
/// a missing comma between settings.
fn notation_help(statement_so_far: &str, token: &Token<'_>) -> Option<Message> {
    let so_far = statement_so_far.trim_end();
    match token {
        Token::Star if so_far.ends_with('*') => Some(msg!("notation.power")),
        Token::Equals if so_far.ends_with('=') => Some(msg!("notation.equals")),
        Token::Ident(_) | Token::Nabla | Token::Partial
            if so_far.rsplit(|c: char| !crate::syntax::lexer::is_name_char(c)).next() == Some("grad") =>
        {
            Some(msg!("notation.gradient"))
        }
        Token::Ident(_) if so_far.split_whitespace().any(|word| word == "with") => Some(msg!("notation.settings")),
        _ => None,
    }
}

/// How a token is named in a message.
fn describe(token: &Token<'_>) -> Message {
    match token {
        Token::Newline => msg!("token.end-of-line"),
        Token::Number(text) => msg!("token.number", text = *text),
        Token::Str(text) => msg!("token.string", text = *text),
        Token::Ident(name) => msg!("token.name", text = *name),
        Token::Superscript(_) => msg!("token.superscript"),
        other => msg!("token.code", text = token_text(other)),
    }
}

/// Help for what must follow the keyword a statement stops at so far.
fn after_keyword_help(statement_so_far: &str) -> Option<Message> {
    let last = statement_so_far.split_whitespace().last()?;
    match last {
        "at" => Some(msg!("after-keyword.at")),
        "from" => Some(msg!("after-keyword.from")),
        "as" => Some(msg!("after-keyword.as")),
        "with" => Some(msg!("after-keyword.with")),
        _ => None,
    }
}

fn token_text(token: &Token<'_>) -> &'static str {
    match token {
        Token::Semi => ";",
        Token::Check => "check",
        Token::Graph => "graph",
        Token::Minimize => "minimize",
        Token::Maximize => "maximize",
        Token::At => "at",
        Token::As => "as",
        Token::Over => "over",
        Token::From => "from",
        Token::With => "with",
        Token::Within => "within",
        Token::Plus => "+",
        Token::Minus => "-",
        Token::Star => "*",
        Token::Slash => "/",
        Token::Caret => "^",
        Token::LParen => "(",
        Token::RParen => ")",
        Token::LBracket => "[",
        Token::RBracket => "]",
        Token::Comma => ",",
        Token::Equals => "=",
        Token::Dot => ".",
        Token::Partial => "∂",
        Token::Nabla => "∇",
        Token::Prime => "'",
        _ => "?",
    }
}

/// Summarises LALRPOP's expected-terminal list (quoted grammar strings).
fn expected_label(expected: &[String]) -> Message {
    let names: Vec<&str> = expected.iter().map(|e| e.trim_matches('"')).collect();
    let starts_expression = names.iter().any(|n| matches!(*n, "name" | "number" | "("));
    let ends_statement = names.iter().any(|n| matches!(*n, "line break" | ";" | ")" | "]" | ","));
    if starts_expression && !ends_statement {
        return msg!("expected.expression");
    }
    let mut shown: Vec<Message> = names
        .iter()
        .filter(|n| !matches!(**n, "invalid character" | ";" | "superscript" | "'" | "."))
        .map(|n| match *n {
            "line break" => msg!("expected.end"),
            "name" => msg!("expected.name"),
            "number" => msg!("expected.number"),
            "string" => msg!("expected.string"),
            other => msg!("expected.code", code = other),
        })
        .collect();
    shown.dedup();
    match shown.len() {
        0 => msg!("expected.nothing"),
        1..=6 => msg!("expected", choices = shown),
        // Many choices: an operator, then what closes or ends what is open.
        _ => {
            let closers = names.iter().filter(|n| matches!(**n, "," | ")" | "]"));
            let mut choices = vec![msg!("expected.operator")];
            choices.extend(closers.map(|code| msg!("expected.code", code = *code)));
            if names.contains(&"line break") {
                choices.push(msg!("expected.end"));
            }
            msg!("expected", choices = choices)
        }
    }
}

fn help_for(token: &Token<'_>, expected: &[String]) -> Option<Message> {
    let expects = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);
    match token {
        Token::Ident(_) | Token::Number(_) | Token::LParen if expects("*") => Some(msg!("token-help.multiply")),
        Token::RParen | Token::RBracket => Some(msg!("token-help.closes-nothing")),
        Token::Equals if expects("line break") => Some(msg!("token-help.equals")),
        Token::Newline => Some(msg!("token-help.end-of-line")),
        _ => None,
    }
}

/// A bracket or string left open: what follows is read as part of it.
fn is_unclosed(error: &Diagnostic) -> bool {
    matches!(error.code, DiagnosticCode::UnclosedBracket | DiagnosticCode::UnclosedString)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Program {
        match parse(text, SourceId(0)) {
            Ok(program) => program,
            Err(errors) => panic!("{text:?} failed: {:?}", errors.iter().map(|e| &e.message).collect::<Vec<_>>()),
        }
    }

    fn shape(program: &Program, id: ExprId) -> String {
        let ast = &program.ast;
        match ast.kind(id) {
            ExprKind::Number(text) => text.clone(),
            ExprKind::Str(text) => format!("{text:?}"),
            ExprKind::Name(name) => name.clone(),
            ExprKind::Neg(a) => format!("(-{})", shape(program, *a)),
            ExprKind::Binary(op, a, b) => {
                let op = match op {
                    BinaryOp::Add => "+",
                    BinaryOp::Sub => "-",
                    BinaryOp::Mul => "*",
                    BinaryOp::Div => "/",
                    BinaryOp::Pow => "^",
                };
                format!("({}{op}{})", shape(program, *a), shape(program, *b))
            }
            ExprKind::Call(f, args) => {
                let args: Vec<String> = args.iter().map(|a| shape(program, *a)).collect();
                format!("{}({})", shape(program, *f), args.join(","))
            }
            ExprKind::Field(t, field) => format!("{}.{}", shape(program, *t), field.name),
            ExprKind::Prime(f) => format!("{}'", shape(program, *f)),
            ExprKind::Vector(items) => {
                format!("[{}]", items.iter().map(|a| shape(program, *a)).collect::<Vec<_>>().join(","))
            }
            ExprKind::Tuple(items) => {
                format!("<{}>", items.iter().map(|a| shape(program, *a)).collect::<Vec<_>>().join(","))
            }
            ExprKind::Partial(f, wrt) => {
                format!("d{}/{}", f.name, wrt.iter().map(|v| v.name.as_str()).collect::<String>())
            }
            ExprKind::Gradient(f) => format!("grad {}", f.name),
        }
    }

    fn expr_shape(text: &str) -> String {
        let program = parse_ok(text);
        match &program.statements[..] {
            [Stmt { kind: StmtKind::Expr { expr, .. }, .. }] => shape(&program, *expr),
            other => panic!("{text:?} is not one expression: {other:?}"),
        }
    }

    #[test]
    fn power_is_right_associative_and_tighter_than_minus() {
        assert_eq!(expr_shape("2^3^2"), "(2^(3^2))");
        assert_eq!(expr_shape("-2^2"), "(-(2^2))");
        assert_eq!(expr_shape("2^-1"), "(2^(-1))");
        assert_eq!(expr_shape("-x²"), "(-(x^2))");
    }

    #[test]
    fn usual_precedence_and_left_associativity() {
        assert_eq!(expr_shape("1 - 2 - 3"), "((1-2)-3)");
        assert_eq!(expr_shape("a/b/c"), "((a/b)/c)");
        assert_eq!(expr_shape("3*(a + b*c)"), "(3*(a+(b*c)))");
    }

    #[test]
    fn implicit_multiplication_by_a_leading_number() {
        assert_eq!(expr_shape("2x"), "(2*x)");
        assert_eq!(expr_shape("3(a + b)"), "(3*(a+b))");
        assert_eq!(expr_shape("2x^2"), "(2*(x^2))");
        assert_eq!(expr_shape("1/2x"), "(1/(2*x))");
        assert!(parse("2 3", SourceId(0)).is_err());
    }

    #[test]
    fn postfix_forms() {
        assert_eq!(expr_shape("(∂J/∂b)(1, 2, 3)"), "dJ/b(1,2,3)");
        assert_eq!(expr_shape("f'(2)"), "f'(2)");
        assert_eq!(expr_shape("data.price"), "data.price");
        assert_eq!(expr_shape("data.\"sale price\""), "data.sale price");
        assert_eq!(expr_shape("∇J(1, 2)"), "grad J(1,2)");
        assert_eq!(expr_shape("[1, 2, 3]"), "[1,2,3]");
        assert_eq!(expr_shape("(1, 2)"), "<1,2>");
    }

    #[test]
    fn partial_derivative_forms() {
        assert_eq!(expr_shape("∂J/∂b"), "dJ/b");
        assert_eq!(expr_shape("∂²J/∂b∂c"), "dJ/bc");
        assert_eq!(expr_shape("∂²J/∂b²"), "dJ/bb");
        assert_eq!(expr_shape("2*∂J/∂b/3"), "((2*dJ/b)/3)");
        let errors = parse("∂²J/∂b", SourceId(0)).unwrap_err();
        assert_eq!(errors[0].help.as_ref().map(crate::catalogue::word).as_deref(), Some("write `∂J/∂b`"));
    }

    #[test]
    fn statements_of_every_kind() {
        let program = parse_ok(
            "J(a, b, c) = 3*(a + b*c)\nx = 2.5\ncheck ∂J/∂b = 3*c\ngraph J at a=5, b=3, c=2 as dot\n\
             minimize J over a, b from a=1, b=2 with α=0.1, trace\nr = maximize J\n∂J/∂b as latex",
        );
        let kinds: Vec<&str> = program
            .statements
            .iter()
            .map(|s| match &s.kind {
                StmtKind::Define { .. } => "define",
                StmtKind::Bind { .. } => "bind",
                StmtKind::Check { .. } => "check",
                StmtKind::Graph { .. } => "graph",
                StmtKind::Optimize(_) => "optimize",
                StmtKind::BindOptimize { .. } => "bind-optimize",
                StmtKind::Expr { format: Some(_), .. } => "expr-as",
                StmtKind::Expr { .. } => "expr",
                StmtKind::Invalid => "invalid",
            })
            .collect();
        assert_eq!(kinds, ["define", "bind", "check", "graph", "optimize", "bind-optimize", "expr-as"]);
    }

    #[test]
    fn every_syntax_error_is_reported() {
        let errors = parse("x = 1 +* 2\ny = 3\nz = (4", SourceId(0)).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[1].code, DiagnosticCode::UnclosedBracket);
    }

    #[test]
    fn bad_assignments_explain_themselves() {
        let errors = parse("∂J/∂b = 3*c", SourceId(0)).unwrap_err();
        assert!(errors[0].help.as_ref().map(crate::catalogue::word).unwrap_or_default().contains("check"));
        let errors = parse("J(1, 2) = 3", SourceId(0)).unwrap_err();
        assert!(errors[0].help.as_ref().map(crate::catalogue::word).unwrap_or_default().contains("check"));
    }

    #[test]
    fn spans_are_byte_offsets() {
        let program = parse_ok("θ₁ + α");
        let StmtKind::Expr { expr, .. } = program.statements[0].kind else { panic!() };
        let ExprKind::Binary(_, _, rhs) = *program.ast.kind(expr) else { panic!() };
        let span = program.ast.span(rhs);
        assert_eq!(&"θ₁ + α"[span.range()], "α");
    }

    #[test]
    fn unfinished_statements_wait_and_mistakes_do_not() {
        for text in ["J(1,", "J(1,\n2,", "x = 1 +", "J(a, b) = (a -\n", "minimize J from a = 1,"] {
            assert!(is_unfinished(text), "{text:?} waits for more");
        }
        for text in ["J(1, 2)", "J(1,, 2", "x = 1 + )", "check", "1 2 +", "J(1, $", "x = (1))"] {
            assert!(!is_unfinished(text), "{text:?} is finished or wrong");
        }
    }
}
