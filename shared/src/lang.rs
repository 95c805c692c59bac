//! The language the programs explain themselves in: English, or Chinese for
//! the readers of the articles this course mirrors.
//!
//! Every program takes `--lang en|zh`; without it, an environment whose
//! `LC_ALL`, `LC_MESSAGES` or `LANG` starts with `zh` (checked in that order,
//! as the C library does) gets Chinese. What crossed the wire, addresses, the
//! socket calls' names and the articles' protocol strings are the same in
//! both: only the explanations change.
//!
//! The texts are Fluent messages, in `shared/locales/{en,zh}/*.ftl` (one file
//! per part of the course, built into every program). In the code a message
//! is `tr!("id", name = value, ...)`; a test checks that every id used exists
//! in both languages and that every id in the files is used.

use std::sync::OnceLock;

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

/// The message files, built into every program.
const ENGLISH: &[(&str, &str)] = &[
    ("narrator", include_str!("../locales/en/narrator.ftl")),
    ("explain", include_str!("../locales/en/explain.ftl")),
    ("shared", include_str!("../locales/en/shared.ftl")),
    ("lesson1", include_str!("../locales/en/lesson1.ftl")),
    ("lesson2", include_str!("../locales/en/lesson2.ftl")),
    ("lesson3", include_str!("../locales/en/lesson3.ftl")),
    ("lesson4", include_str!("../locales/en/lesson4.ftl")),
    ("lesson5", include_str!("../locales/en/lesson5.ftl")),
    ("lesson6", include_str!("../locales/en/lesson6.ftl")),
    ("tour", include_str!("../locales/en/tour.ftl")),
    ("course", include_str!("../locales/en/course.ftl")),
];
const CHINESE: &[(&str, &str)] = &[
    ("narrator", include_str!("../locales/zh/narrator.ftl")),
    ("explain", include_str!("../locales/zh/explain.ftl")),
    ("shared", include_str!("../locales/zh/shared.ftl")),
    ("lesson1", include_str!("../locales/zh/lesson1.ftl")),
    ("lesson2", include_str!("../locales/zh/lesson2.ftl")),
    ("lesson3", include_str!("../locales/zh/lesson3.ftl")),
    ("lesson4", include_str!("../locales/zh/lesson4.ftl")),
    ("lesson5", include_str!("../locales/zh/lesson5.ftl")),
    ("lesson6", include_str!("../locales/zh/lesson6.ftl")),
    ("tour", include_str!("../locales/zh/tour.ftl")),
    ("course", include_str!("../locales/zh/course.ftl")),
];

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language: `lang` if given (`--lang`), else the environment's.
/// The first call wins; a program makes it before it prints anything.
pub fn choose(lang: Option<Lang>) -> Lang {
    *CHOSEN.get_or_init(|| lang.unwrap_or_else(default_language))
}

/// The language when none is asked for: the environment's in a program; in
/// this crate's own unit tests always English, so that they pass in any locale
/// (a test of the Chinese texts names the language: `text_in(Lang::Zh, ..)`).
pub(crate) fn default_language() -> Lang {
    if cfg!(test) { Lang::En } else { from_environment() }
}

/// The language chosen (the environment's, if no program chose).
pub fn current() -> Lang {
    choose(None)
}

/// Chinese if the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (and
/// not empty) starts with `zh`; English otherwise.
pub fn from_environment() -> Lang {
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

/// The messages of one language, parsed once.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] = [OnceLock::new(), OnceLock::new()];
    let (slot, files, id) = match lang {
        Lang::En => (&BUNDLES[0], ENGLISH, "en"),
        Lang::Zh => (&BUNDLES[1], CHINESE, "zh-CN"),
    };
    slot.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![id.parse().expect("a valid language id")]);
        // No invisible isolation marks around the values: a terminal shows them as junk.
        bundle.set_use_isolating(false);
        for (name, text) in files {
            let resource = FluentResource::try_new(text.to_string())
                .unwrap_or_else(|(_, errors)| panic!("locales/{id}/{name}.ftl does not parse: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("locales/{id}/{name}.ftl: {errors:?}"));
        }
        bundle
    })
}

/// A value for a message's `{ $name }`.
pub type Value<'a> = FluentValue<'a>;

/// The message `id` in the chosen language, with `args` in its places. An id
/// missing from the files shows as itself (the tests make sure none is).
pub fn text(id: &str, args: &[(&str, Value)]) -> String {
    text_in(current(), id, args)
}

/// The message `id` in `lang`.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Value)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// A message in the chosen language: `tr!("id")`, `tr!("id", peer = peer, n = 3)`.
/// Values are numbers (counted by the language's plural rules) or anything
/// that displays (passed as text).
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::text($id, &[$((stringify!($name), $crate::lang::value($value))),*])
    };
}

/// Turns a message argument into a Fluent value: numbers stay numbers.
pub fn value<T: IntoValue>(value: T) -> Value<'static> {
    value.into_value()
}

/// What a message argument can be.
pub trait IntoValue {
    fn into_value(self) -> Value<'static>;
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Value<'static> {
                FluentValue::from(self)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64, f64);

impl IntoValue for String {
    fn into_value(self) -> Value<'static> {
        FluentValue::from(self)
    }
}

impl IntoValue for &str {
    fn into_value(self) -> Value<'static> {
        FluentValue::from(self.to_string())
    }
}

impl IntoValue for &String {
    fn into_value(self) -> Value<'static> {
        FluentValue::from(self.clone())
    }
}

impl IntoValue for std::net::SocketAddr {
    fn into_value(self) -> Value<'static> {
        FluentValue::from(self.to_string())
    }
}

impl IntoValue for &std::net::SocketAddr {
    fn into_value(self) -> Value<'static> {
        FluentValue::from(self.to_string())
    }
}

impl IntoValue for std::fmt::Arguments<'_> {
    fn into_value(self) -> Value<'static> {
        FluentValue::from(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id of one language's files.
    fn ids(files: &[(&str, &str)]) -> std::collections::BTreeSet<String> {
        files
            .iter()
            .flat_map(|(_, text)| text.lines())
            .filter_map(|line| {
                let (id, _) = line.split_once(" =")?;
                (!id.starts_with([' ', '#', '-']) && !id.is_empty()).then(|| id.trim().to_string())
            })
            .collect()
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let (english, chinese) = (ids(ENGLISH), ids(CHINESE));
        let only_english: Vec<_> = english.difference(&chinese).collect();
        let only_chinese: Vec<_> = chinese.difference(&english).collect();
        assert!(only_english.is_empty(), "messages with no Chinese text (locales/zh): {only_english:?}");
        assert!(only_chinese.is_empty(), "messages with no English text (locales/en): {only_chinese:?}");
        for id in &english {
            for lang in [Lang::En, Lang::Zh] {
                assert_ne!(&text_in(lang, id, &[]), id, "{id} does not format in {lang:?}");
            }
        }
    }

    #[test]
    fn every_message_used_exists_and_every_message_is_used() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut code = String::new();
        let mut folders = vec![
            root.join("shared/src"),
            root.join("kit/src"),
            root.join("lessons"),
            root.join("course/src"),
        ];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if path.is_dir() && !["exercises", "python", "target"].contains(&name) {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    code.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        // Every `tr!("id"` outside comments (and not the end of `include_str!("`).
        let code: String = code
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .flat_map(|line| [line, "\n"])
            .collect();
        let used: std::collections::BTreeSet<String> = code
            .match_indices("tr!(\"")
            .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            .filter_map(|(at, _)| code[at + 5..].split('"').next().map(str::to_string))
            .collect();
        let english = ids(ENGLISH);
        let missing: Vec<_> = used.difference(&english).collect();
        assert!(missing.is_empty(), "tr! ids with no message in locales/en and locales/zh: {missing:?}");
        // A counted noun (`noun-reply`) is used by `count(n, "reply")`.
        let in_code = |id: &str| {
            code.contains(&format!("\"{id}\""))
                || id.strip_prefix("noun-").is_some_and(|noun| code.contains(&format!("\"{noun}\"")))
        };
        let unused: Vec<_> = english.iter().filter(|id| !in_code(id)).collect();
        assert!(unused.is_empty(), "messages no code uses (remove them, or use them): {unused:?}");
    }

    #[test]
    fn chinese_messages_point_to_the_chinese_pages() {
        for (file, text) in CHINESE {
            for (number, line) in text.lines().enumerate() {
                let pages = line.match_indices("docs/").map(|(at, _)| &line[at..]);
                for page in
                    pages.filter(|page| page.split_whitespace().next().is_some_and(|p| p.contains(".md")))
                {
                    assert!(
                        page.starts_with("docs/zh/"),
                        "locales/zh/{file}.ftl:{}: {page:?} is an English page: name its Chinese twin under docs/zh/",
                        number + 1
                    );
                }
            }
        }
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
    fn each_tcp_state_means_something_in_chinese_too() {
        // What lesson 6's TCP-state line says after a state's name
        // (lessons/06-half-close/tcp_states.rs).
        assert_eq!(
            text_in(Lang::En, "tcp-fin-wait2", &[]),
            "our FIN is acknowledged: we send no more, but can still receive"
        );
        assert_eq!(
            text_in(Lang::Zh, "tcp-close-wait", &[]),
            "对端的 FIN 已经到达：它不再发送；我们仍然可以发送，并且必须关闭"
        );
        assert!(text_in(Lang::Zh, "tcp-time-wait", &[]).contains("60 秒"));
    }

    #[test]
    fn numbers_are_counted_in_each_language() {
        let reply = |lang, n: u64| text_in(lang, "noun-reply", &[("n", value(n))]);
        assert_eq!(
            (reply(Lang::En, 1), reply(Lang::En, 3)),
            ("1 reply".to_string(), "3 replies".to_string())
        );
        assert_eq!(reply(Lang::Zh, 3), "3 条回复");
        let limit = text_in(Lang::Zh, "log-limit", &[("kib", value(4096u64))]);
        assert!(limit.contains("4096 KiB") && limit.contains("日志"), "{limit}");
    }
}
