//! The language the programs explain themselves in: English, or Chinese for
//! the readers of the articles this course mirrors.
//!
//! Every program takes `--lang en|zh`; without it, an environment whose
//! `LC_ALL`, `LC_MESSAGES` or `LANG` starts with `zh` (checked in that order,
//! as the C library does) gets Chinese. What crossed the wire, addresses, the
//! socket calls' names and the articles' protocol strings are the same in
//! both: only the explanations change.
//!
//! The texts are Fluent messages. The printer's own (how the narrator speaks,
//! how failures are explained) are in `shared/locales/{en,zh}/*.ftl`; each
//! package that prints keeps its own beside it (`kit/locales`, a lesson's
//! `lessons/0N-*/locales`, the tour's, the course's) and adds them when it
//! chooses its language ([`choose`], [`Texts`]), so a lesson's words live in
//! the lesson and no program carries another's. In the code a message is
//! `tr!("id", name = value, ...)`; the tests check that every id used exists
//! in both languages, in one package only, and that every id is used.

use std::sync::{OnceLock, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the programs speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// 简体中文 (Simplified Chinese).
    Zh,
}

/// The printer's own messages, built into every program: how the narrator
/// speaks and how failures are explained. Each package that prints adds its
/// own ([`Texts`], [`choose`]): a lesson's story lives in the lesson.
static OWN: Texts = Texts {
    name: "shared",
    english: &[
        include_str!("../locales/en/narrator.ftl"),
        include_str!("../locales/en/explain.ftl"),
        include_str!("../locales/en/shared.ftl"),
    ],
    chinese: &[
        include_str!("../locales/zh/narrator.ftl"),
        include_str!("../locales/zh/explain.ftl"),
        include_str!("../locales/zh/shared.ftl"),
    ],
    parsed: [OnceLock::new(), OnceLock::new()],
};

/// One package's messages: its Fluent files in English and in Chinese,
/// parsed the first time a message of theirs is asked for. A package that
/// prints declares its own, from `locales/en.ftl` and `locales/zh.ftl` beside
/// its `Cargo.toml` (or a folder it names): `static TEXTS: Texts =
/// shared::texts!("locales");`.
pub struct Texts {
    /// The package, for the message a broken file panics with.
    name: &'static str,
    english: &'static [&'static str],
    chinese: &'static [&'static str],
    parsed: [OnceLock<FluentBundle<FluentResource>>; 2],
}

impl Texts {
    /// The messages of `name`, from the text of its English and Chinese files.
    pub const fn new(
        name: &'static str,
        english: &'static [&'static str],
        chinese: &'static [&'static str],
    ) -> Texts {
        Texts { name, english, chinese, parsed: [OnceLock::new(), OnceLock::new()] }
    }

    /// The message `id` in `lang`, with `args` in its places; `None` if these
    /// files do not have it.
    pub fn get(&self, lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> Option<String> {
        let bundle = self.bundle(lang);
        let pattern = bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
    }

    /// These messages in one language, parsed once.
    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        let (slot, files, id) = match lang {
            Lang::En => (&self.parsed[0], self.english, "en"),
            Lang::Zh => (&self.parsed[1], self.chinese, "zh-CN"),
        };
        slot.get_or_init(|| {
            let mut bundle = FluentBundle::new_concurrent(vec![id.parse().expect("a valid language id")]);
            // No invisible isolation marks around the values: a terminal shows them as junk.
            bundle.set_use_isolating(false);
            for text in files {
                let name = self.name;
                let resource = FluentResource::try_new(text.to_string())
                    .unwrap_or_else(|(_, errors)| panic!("{name}'s {id} messages do not parse: {errors:?}"));
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|errors| panic!("{name}'s {id} messages: {errors:?}"));
            }
            bundle
        })
    }
}

/// A package's [`Texts`], from `FOLDER/en.ftl` and `FOLDER/zh.ftl`, the
/// folder named from the package's `Cargo.toml`: `shared::texts!("locales")`,
/// `shared::texts!("../locales")` (a lesson's server and client share theirs).
#[macro_export]
macro_rules! texts {
    ($folder:literal) => {
        $crate::lang::Texts::new(
            env!("CARGO_PKG_NAME"),
            &[include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $folder, "/en.ftl"))],
            &[include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $folder, "/zh.ftl"))],
        )
    };
}

/// The packages' messages a program added to the printer's own ([`choose`], [`add`]).
static ADDED: RwLock<Vec<&'static Texts>> = RwLock::new(Vec::new());

/// Adds a package's messages to those `tr!` finds. A program adds its own
/// and those of each package it prints through, before it prints ([`choose`]
/// does it for a program's start); adding the same ones twice does nothing.
pub(crate) fn add(texts: &'static Texts) {
    let mut added = ADDED.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !added.iter().any(|known| std::ptr::eq(*known, texts)) {
        added.push(texts);
    }
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language: `lang` if given (`--lang`), else the environment's,
/// and adds the messages of the packages the program prints through (its
/// own, and `kit`'s). The first call wins; a program makes it before it
/// prints anything.
pub fn choose(lang: Option<Lang>, texts: &[&'static Texts]) -> Lang {
    for package in texts {
        add(package);
    }
    *CHOSEN.get_or_init(|| lang.unwrap_or_else(default_language))
}

/// The language when none is asked for: the environment's in a program; in
/// this crate's own unit tests always English, so that they pass in any locale
/// (a test of the Chinese texts names the language: `text_in(Lang::Zh, ..)`).
pub(crate) fn default_language() -> Lang {
    if cfg!(test) { Lang::En } else { from_environment() }
}

/// The language chosen (the environment's, if no program chose); English
/// once a test asked for it (see [`crate::capture`]).
pub fn current() -> Lang {
    #[cfg(any(test, feature = "capture"))]
    if crate::capture::english() {
        return Lang::En;
    }
    choose(None, &[])
}

/// Chinese if the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (and
/// not empty) starts with `zh`; English otherwise.
pub(crate) fn from_environment() -> Lang {
    language_of(|name| std::env::var(name).ok())
}

/// The language that locale variables ask for, `variable` giving each one's
/// value (the environment's, or a test's).
fn language_of(variable: impl Fn(&str) -> Option<String>) -> Lang {
    let setting = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| variable(name).filter(|value| !value.is_empty()));
    match setting {
        Some(value) if value.starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// The message `id` in the chosen language, with `args` in its places. An id
/// missing from the files shows as itself (the tests make sure none is).
pub fn text(id: &str, args: &[(&str, FluentValue)]) -> String {
    text_in(current(), id, args)
}

/// The message `id` in `lang`: the printer's own, or an added package's.
pub(crate) fn text_in(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
    if let Some(text) = OWN.get(lang, id, args) {
        return text;
    }
    let added = ADDED.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    added.iter().find_map(|texts| texts.get(lang, id, args)).unwrap_or_else(|| id.to_string())
}

/// A message in the chosen language: `tr!("id")`, `tr!("id", peer = peer, n = 3)`.
/// Values are numbers (counted by the language's plural rules) or anything
/// that displays (passed as text).
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::text($id, &[$((stringify!($name), $crate::lang::IntoValue::into_value($value))),*])
    };
}

/// What a message argument can be: numbers stay numbers (counted by the
/// language's plural rules), anything else is text.
pub trait IntoValue {
    /// The Fluent value of this argument.
    fn into_value(self) -> FluentValue<'static>;
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> FluentValue<'static> {
                FluentValue::from(self)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64, f64);

impl IntoValue for String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self)
    }
}

impl IntoValue for &str {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl IntoValue for &String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

impl IntoValue for std::net::SocketAddr {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl IntoValue for &std::net::SocketAddr {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl IntoValue for std::fmt::Arguments<'_> {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printers_own_messages_exist_in_both_languages_and_format() {
        for (english, chinese) in OWN.english.iter().zip(OWN.chinese) {
            for line in english.lines().chain(chinese.lines()) {
                let Some((id, _)) = line.split_once(" =") else { continue };
                if id.starts_with([' ', '#', '-']) || id.is_empty() {
                    continue;
                }
                for lang in [Lang::En, Lang::Zh] {
                    assert!(OWN.get(lang, id.trim(), &[]).is_some_and(|text| text != id), "{id} in {lang:?}");
                }
            }
        }
    }

    #[test]
    fn an_added_package_is_found_after_the_printers_own() {
        static MINE: Texts = Texts::new("test", &["mine = mine\n"], &["mine = 我的\n"]);
        assert_eq!(text_in(Lang::Zh, "mine", &[]), "mine", "not added yet: the id itself");
        add(&MINE);
        add(&MINE);
        assert_eq!(text_in(Lang::Zh, "mine", &[]), "我的");
        assert_eq!(ADDED.read().unwrap().len(), 1, "added once");
    }

    #[test]
    fn the_locale_chooses_as_the_c_library_does() {
        let cases: &[(&[(&str, &str)], Lang)] = &[
            (&[], Lang::En),
            (&[("LANG", "C")], Lang::En),
            (&[("LANG", "POSIX")], Lang::En),
            (&[("LANG", "en_US.UTF-8")], Lang::En),
            (&[("LANG", "zh_CN.UTF-8")], Lang::Zh),
            (&[("LANG", "zh_TW.UTF-8")], Lang::Zh),
            (&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C.UTF-8")], Lang::En),
            (&[("LANG", "C"), ("LC_MESSAGES", "zh_CN.UTF-8")], Lang::Zh),
            (&[("LC_MESSAGES", "C"), ("LANG", "zh_CN.UTF-8")], Lang::En),
            (&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")], Lang::Zh),
        ];
        for (set, expected) in cases {
            let variable = |name: &str| set.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
            assert_eq!(language_of(variable), *expected, "with {set:?}");
        }
    }

    #[test]
    fn numbers_are_counted_in_each_language() {
        let reply = |lang, n: u64| text_in(lang, "noun-reply", &[("n", IntoValue::into_value(n))]);
        assert_eq!(
            (reply(Lang::En, 1), reply(Lang::En, 3)),
            ("1 reply".to_string(), "3 replies".to_string())
        );
        assert_eq!(reply(Lang::Zh, 3), "3 条回复");
        let limit = text_in(Lang::Zh, "log-limit", &[("kib", IntoValue::into_value(4096u64))]);
        assert!(limit.contains("4096 KiB") && limit.contains("日志"), "{limit}");
    }
}
