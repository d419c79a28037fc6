//! What a message says, as data: an id in the catalogue and its facts.
//!
//! Every sentence gd shows the user (a diagnostic's headline, its labels and
//! help, the words of a report) is handed on as a [`Message`]: the id of an
//! entry in the catalogue (`catalogue/en.ftl`) and the facts it words (names
//! and code as written, counts, lists, other messages). The catalogue of the
//! session's language turns it into words at the render stage, so no stage
//! before it holds a finished sentence. A leaf: it uses nothing.

/// A message: the catalogue entry `id` (`unknown-name`, or `unknown-name.help`
/// for an attribute of an entry) and the facts its words refer to by name.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub id: &'static str,
    pub facts: Vec<(&'static str, Fact)>,
}

/// One fact a message words.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// A name, a piece of code or a number as gd writes it: shown as it is in
    /// every language.
    Text(String),
    /// A count, which also chooses a plural form.
    Count(usize),
    /// Names or code, joined as the language lists things.
    List(Vec<String>),
    /// A part worded by the catalogue too (what kind of value something is).
    Message(Box<Message>),
    /// Alternatives, each worded by the catalogue, joined as the language
    /// says "a, b or c".
    Choices(Vec<Message>),
}

impl Message {
    /// The message `id` with no facts yet.
    pub fn new(id: &'static str) -> Message {
        Message { id, facts: Vec::new() }
    }

    /// The message with one more fact, named `name` in the catalogue.
    pub fn with(mut self, name: &'static str, fact: Fact) -> Message {
        self.facts.push((name, fact));
        self
    }
}

/// `msg!("id", name = fact, …)`: a [`Message`] with its facts, each anything
/// that [`AsFact`] (taken by reference, so nothing is moved).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $fact:expr)* $(,)?) => {
        $crate::message::Message::new($id)$(.with(stringify!($name), $crate::message::AsFact::as_fact(&$fact)))*
    };
}

/// What can be a fact of a message.
pub trait AsFact {
    fn as_fact(&self) -> Fact;
}

impl<T: AsFact + ?Sized> AsFact for &T {
    fn as_fact(&self) -> Fact {
        (**self).as_fact()
    }
}

impl AsFact for str {
    fn as_fact(&self) -> Fact {
        Fact::Text(self.to_string())
    }
}

impl AsFact for String {
    fn as_fact(&self) -> Fact {
        Fact::Text(self.clone())
    }
}

impl AsFact for usize {
    fn as_fact(&self) -> Fact {
        Fact::Count(*self)
    }
}

impl<T: AsRef<str>> AsFact for [T] {
    fn as_fact(&self) -> Fact {
        Fact::List(self.iter().map(|item| item.as_ref().to_string()).collect())
    }
}

impl<T: AsRef<str>> AsFact for Vec<T> {
    fn as_fact(&self) -> Fact {
        self.as_slice().as_fact()
    }
}

impl AsFact for Vec<Message> {
    fn as_fact(&self) -> Fact {
        Fact::Choices(self.clone())
    }
}

impl AsFact for Message {
    fn as_fact(&self) -> Fact {
        Fact::Message(Box::new(self.clone()))
    }
}

impl<T: AsRef<str>> AsFact for std::rc::Rc<[T]> {
    fn as_fact(&self) -> Fact {
        (**self).as_fact()
    }
}
