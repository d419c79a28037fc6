//! How derivatives are written: `∂J/∂b`, `∂²J/∂b∂c`, `∂²J/∂b²`. Shared by the
//! parser (to suggest the right form) and the printer (to label results).

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
