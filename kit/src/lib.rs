//! The lesson programs' kit: what they share that is not printing.
//!
//! The options every program takes and their parsers ([`cli`]), the few socket
//! helpers several lessons need (a write with a deadline, a read by a
//! deadline, the addresses a name stands for: [`net`]), a backoff for a
//! failing `accept` ([`backoff`]), the counts a server prints when it stops
//! ([`stop`]), lines typed at the keyboard ([`input`]) and the datagrams a
//! UDP client did not wait for ([`strays`]). How anything is printed is the
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
/// tests English, so that they pass in any locale.
fn language() -> shared::Lang {
    if cfg!(test) { shared::Lang::En } else { shared::lang::current() }
}

pub mod backoff;
pub mod cli;
pub mod encoding;
pub mod input;
pub mod net;
pub mod notes;
pub mod stop;
pub mod strays;

/// What the kit says (the options' errors, the tally, the backoff, typed
/// lines), in English and Chinese: a program adds it when it chooses its
/// language (`shared::lang::choose(args.look.lang, &[&kit::TEXTS, &TEXTS])`).
pub static TEXTS: shared::lang::Texts = shared::texts!("locales");
