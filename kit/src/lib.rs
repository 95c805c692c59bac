//! The lesson programs' kit: what they share besides the printer.
//!
//! The options every program takes, their parsers, and the start of a program
//! (its language, colours and narrator: [`cli::Look::narrator`]); the few
//! socket helpers several lessons need (a write with a deadline, a read by a
//! deadline, the addresses a name stands for: [`net`]); what several lessons
//! say about one event ([`notes`]; what only one lesson says is in its
//! `story.rs`); a backoff for a failing `accept` ([`backoff`]); the counts a
//! server prints when it stops ([`stop`]); lines typed at the keyboard
//! ([`input`]); lesson 3's encodings ([`encoding`]); the datagrams a UDP
//! client did not wait for ([`strays`]); and what the many-connection clients
//! of lessons 7 and 8 say alike ([`many`]). How a line is printed is the
//! narrator's business, in `shared`.

/// `shared::tr!` for the kit's own messages ([`TEXTS`]), found whether or not
/// the program added them: a message in the chosen language.
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::TEXTS
            .get($crate::language(), $id, &[$((stringify!($name), shared::lang::IntoValue::into_value($value))),*])
            .unwrap_or_else(|| $id.to_string())
    };
}

/// The language of the kit's words: the program's; in this crate's own unit
/// tests English, so that they pass in any locale (and `shared`'s words
/// inside them too).
fn language() -> shared::Lang {
    #[cfg(test)]
    shared::capture::in_english();
    shared::lang::current()
}

pub mod backoff;
pub mod cli;
pub mod encoding;
pub mod input;
pub mod many;
pub mod net;
pub mod notes;
pub mod stop;
pub mod strays;

/// What the kit says (the options' errors, the notes, the tally, the
/// backoff, typed lines), in English and Chinese: added to the program's own
/// words when it starts ([`cli::Look::narrator`]).
pub static TEXTS: shared::lang::Texts = shared::texts!("locales");
