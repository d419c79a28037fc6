//! The one table of the language's words other than builtin functions
//! (those are `builtins::BUILTINS`): keywords, the formats after `as`, the
//! settings of `minimize … with …` with their aliases, and the optimization
//! methods. Shared by the resolver (which checks names before anything
//! runs), the optimizer (which reads the values), the REPL (completion,
//! highlighting, help) and the tests that tie it to the lexer. A leaf.

/// The words of the language that cannot be names; each is a token of its own.
pub const KEYWORDS: &[&str] = &["check", "graph", "minimize", "maximize", "at", "as", "over", "from", "with", "within"];

/// The formats after `as` of an expression (`∂J/∂b as latex`).
pub const EXPRESSION_FORMATS: &[&str] = &["text", "latex"];

/// The formats after `as` of a graph (`graph J as mermaid`).
pub const GRAPH_FORMATS: &[&str] = &["text", "mermaid", "dot"];

/// One setting of `minimize … with …`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingName {
    LearningRate,
    Tolerance,
    Steps,
    Momentum,
    Method,
    Trace,
    Plot,
    Restarts,
    Batch,
    Seed,
}

/// What value a setting takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingValue {
    Number,
    /// A method name (`method = adam`).
    Method,
    /// Optional number (`trace` or `trace = 5`).
    FlagOrNumber,
    /// Optional file name (`plot` or `plot = "descent.svg"`).
    FlagOrPath,
}

/// Every accepted spelling, with the setting it names.
pub const SETTINGS: &[(&str, SettingName)] = &[
    ("α", SettingName::LearningRate),
    ("alpha", SettingName::LearningRate),
    ("η", SettingName::LearningRate),
    ("lr", SettingName::LearningRate),
    ("learning_rate", SettingName::LearningRate),
    ("tol", SettingName::Tolerance),
    ("tolerance", SettingName::Tolerance),
    ("steps", SettingName::Steps),
    ("β", SettingName::Momentum),
    ("beta", SettingName::Momentum),
    ("momentum", SettingName::Momentum),
    ("method", SettingName::Method),
    ("trace", SettingName::Trace),
    ("plot", SettingName::Plot),
    ("restarts", SettingName::Restarts),
    ("batch", SettingName::Batch),
    ("seed", SettingName::Seed),
];

/// The optimization methods, by name.
pub const METHODS: &[&str] = &["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "sgd"];

impl SettingName {
    pub fn lookup(name: &str) -> Option<SettingName> {
        SETTINGS.iter().find(|(spelling, _)| *spelling == name).map(|(_, setting)| *setting)
    }

    pub fn value(self) -> SettingValue {
        match self {
            SettingName::Method => SettingValue::Method,
            SettingName::Trace => SettingValue::FlagOrNumber,
            SettingName::Plot => SettingValue::FlagOrPath,
            _ => SettingValue::Number,
        }
    }
}

#[cfg(test)]
mod tests {
    use logos::Logos;

    use super::*;
    use crate::syntax::lexer::Token;

    fn token(word: &str) -> Option<Token<'_>> {
        let mut tokens = Token::lexer(word);
        let first = tokens.next()?.ok();
        if tokens.next().is_some() { None } else { first }
    }

    #[test]
    fn every_keyword_is_a_token_of_its_own_and_every_other_word_a_name() {
        for keyword in KEYWORDS {
            let lexed = token(keyword);
            assert!(lexed.is_some() && !matches!(lexed, Some(Token::Ident(_))), "{keyword} lexes as {lexed:?}");
        }
        let words =
            EXPRESSION_FORMATS.iter().chain(GRAPH_FORMATS).chain(METHODS).chain(SETTINGS.iter().map(|(s, _)| s));
        for word in words.chain(crate::builtins::BUILTINS.iter().map(|(name, _)| name)) {
            assert_eq!(token(word), Some(Token::Ident(word)), "{word} must read as a name");
        }
    }

    #[test]
    fn the_lexers_keyword_tokens_are_all_listed() {
        // Every lowercase word the lexer turns into a token of its own must be in KEYWORDS.
        let source = include_str!("syntax/lexer.rs");
        let spelled: Vec<&str> = source
            .lines()
            .filter_map(|line| line.trim().strip_prefix("#[token(\"")?.strip_suffix("\")]"))
            .filter(|word| word.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        assert!(!spelled.is_empty());
        let mut listed = KEYWORDS.to_vec();
        listed.sort_unstable();
        let mut spelled = spelled;
        spelled.sort_unstable();
        assert_eq!(spelled, listed);
    }
}
