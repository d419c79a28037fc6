//! How names and derivatives are written: `∂J/∂b`, `∂²J/∂b∂c`, `∂²J/∂b²`,
//! and a data column after `data.` (quoted unless it reads as one name).
//! Shared by the parser (to suggest the right form), the lowerer and the
//! render stage (to label results).

/// `∂J/∂b`, `∂²J/∂b∂c`, `∂²J/∂b²` for the variables in order.
pub fn partial_notation(function: &str, variables: &[String]) -> String {
    let mut denominator = String::new();
    let mut index = 0;
    while index < variables.len() {
        let run = variables[index..].iter().take_while(|v| **v == variables[index]).count();
        denominator.push_str(&format!("∂{}", variables[index]));
        if run > 1 {
            denominator.push_str(&superscript(run));
        }
        index += run;
    }
    let order = if variables.len() > 1 { superscript(variables.len()) } else { String::new() };
    format!("∂{order}{function}/{denominator}")
}

/// `n` in superscript digits.
pub fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect()
}

/// A column's name as written after `data.`: itself when it reads as one
/// name, else in quotes (`data."sq ft"`, `data."from"`).
pub fn column_text(name: &str) -> String {
    use logos::Logos;
    let mut tokens = super::lexer::Token::lexer(name);
    let one_name =
        matches!(tokens.next(), Some(Ok(super::lexer::Token::Ident(n))) if n == name) && tokens.next().is_none();
    if one_name { name.to_string() } else { format!("\"{name}\"") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn notation() {
        assert_eq!(partial_notation("J", &names(&["b"])), "∂J/∂b");
        assert_eq!(partial_notation("J", &names(&["b", "c"])), "∂²J/∂b∂c");
        assert_eq!(partial_notation("J", &names(&["b", "b"])), "∂²J/∂b²");
        assert_eq!(partial_notation("J", &names(&["a", "b", "b"])), "∂³J/∂a∂b²");
    }
}
