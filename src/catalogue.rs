//! The catalogue: a [`Message`] (an id and its facts) worded in a language.
//!
//! Each language has one file of Project Fluent entries, `catalogue/en.ftl`
//! for English, read into a bundle the first time a message is worded. The
//! render stage and `diagnostics::render` ask here for every sentence they
//! show; nothing else holds words meant for the user. A message's id names an
//! entry (`unknown-name`) or one of its attributes (`unknown-name.help`).
//! Another language is another `.ftl` file with the same ids, chosen here.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::message::{Fact, Message};

/// English, the language every message has words in.
const ENGLISH: &str = include_str!("catalogue/en.ftl");

type Bundle = FluentBundle<FluentResource>;

/// The words of `message`. A message the catalogue lacks (a bug in gd that
/// the catalogue's tests catch) is shown as its id and facts.
pub fn word(message: &Message) -> String {
    let bundle = bundle();
    let Some(pattern) = pattern(bundle, message.id) else {
        return format!("{} {:?}", message.id, message.facts);
    };
    let mut args = FluentArgs::new();
    for (name, fact) in &message.facts {
        args.set(*name, value(bundle, fact));
        // A list's length, so that its words can choose a plural form (`{ $params_count -> … }`).
        if let Fact::List(items) = fact {
            args.set(format!("{name}_count"), FluentValue::from(items.len()));
        }
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned()
}

/// The English bundle, read once.
fn bundle() -> &'static Bundle {
    static ENGLISH_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    ENGLISH_BUNDLE.get_or_init(|| {
        let resource = FluentResource::try_new(ENGLISH.to_string()).unwrap_or_else(|(partial, _)| partial);
        let mut bundle = Bundle::new_concurrent(vec![unic_langid::langid!("en")]);
        bundle.set_use_isolating(false);
        // NUMBER(), for ordinals ("2nd"); it cannot clash with an entry.
        let _ = bundle.add_builtins();
        // Entries with one id twice keep the first; the tests keep ids unique.
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The pattern of an entry (`id`) or of an attribute of one (`id.attribute`).
fn pattern<'b>(bundle: &'b Bundle, id: &str) -> Option<&'b fluent_syntax::ast::Pattern<&'b str>> {
    match id.split_once('.') {
        None => bundle.get_message(id)?.value(),
        Some((entry, attribute)) => Some(bundle.get_message(entry)?.get_attribute(attribute)?.value()),
    }
}

/// A fact as a Fluent argument: counts are numbers (so that they choose a
/// plural form), lists are joined by the entry `list-separator` (and their
/// lengths are `NAME_count`).
fn value(bundle: &Bundle, fact: &Fact) -> FluentValue<'static> {
    match fact {
        Fact::Text(text) => FluentValue::from(text.clone()),
        Fact::Count(count) => FluentValue::from(*count),
        Fact::List(items) => FluentValue::from(items.join(&fixed(bundle, "list-separator"))),
        Fact::Message(message) => FluentValue::from(word(message)),
        Fact::Choices(choices) => FluentValue::from(either(bundle, choices)),
    }
}

/// "a, b or c": all but the last joined by `list-separator`, the last by `list-or`.
fn either(bundle: &Bundle, choices: &[Message]) -> String {
    let words: Vec<String> = choices.iter().map(word).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => {
            format!("{}{}{last}", init.join(&fixed(bundle, "list-separator")), fixed(bundle, "list-or"))
        }
    }
}

/// An entry without facts, such as a separator.
fn fixed(bundle: &Bundle, id: &str) -> String {
    match pattern(bundle, id) {
        Some(pattern) => bundle.format_pattern(pattern, None, &mut Vec::new()).into_owned(),
        None => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;

    #[test]
    fn counts_choose_plural_forms_and_lists_join_as_english_does() {
        assert_eq!(word(&msg!("argument-count.given", count = 1usize)), "1 argument given");
        assert_eq!(word(&msg!("argument-count.given", count = 3usize)), "3 arguments given");
        assert_eq!(word(&msg!("kind.function", params = vec!["a", "b"])), "a function of a, b");
        let choices = vec![msg!("expected.name"), msg!("expected.number"), msg!("expected.end")];
        assert_eq!(word(&msg!("expected", choices = choices)), "expected a name, a number or the end of the statement");
    }

    #[test]
    fn a_message_inside_a_message_is_worded_too() {
        let kind = msg!("kind.tuple", count = 2usize);
        assert_eq!(word(&msg!("cannot-bind", what = kind)), "cannot bind a tuple of 2 values");
    }

    #[test]
    fn a_message_the_catalogue_lacks_shows_its_id() {
        assert!(word(&msg!("no-such-entry")).starts_with("no-such-entry"));
    }
}
