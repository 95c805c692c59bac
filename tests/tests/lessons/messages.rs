//! The programs' messages, in every package that prints: the printer's own
//! (`shared/locales/LANG/*.ftl`) and each package's (`locales/LANG.ftl`
//! beside its Cargo.toml, or its lesson's: `lessons/0N-*/locales`). Each
//! message exists in both languages, in one package only; every `tr!` id in
//! the code has a message and every message is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use shared::lang::{Lang, Texts};

/// The workspace's root folder.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every message file of `lang` ("en" or "zh"), with its text: the printer's
/// own and every package's, found under `locales` folders.
pub fn files(lang: &str) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut folders = vec![root()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir()
                && !name.starts_with('.')
                && !["target", "docs", "python"].contains(&name.as_str())
            {
                folders.push(path);
            } else if folder.file_name().is_some_and(|f| f == "locales") && name == format!("{lang}.ftl")
                || folder.file_name().is_some_and(|f| f == lang)
                    && folder.parent().and_then(Path::file_name).is_some_and(|f| f == "locales")
                    && name.ends_with(".ftl")
            {
                found.push((path.clone(), std::fs::read_to_string(&path).expect("a readable message file")));
            }
        }
    }
    found.sort();
    found
}

/// The message ids of one file's text.
fn ids(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            (!id.starts_with([' ', '#', '-']) && !id.is_empty()).then(|| id.trim().to_string())
        })
        .collect()
}

/// The package a message file belongs to: the folder that holds `locales`.
fn package_of(file: &Path) -> PathBuf {
    let mut folder = file.parent().expect("a file has a folder");
    while folder.file_name().is_some_and(|f| f != "locales") {
        folder = folder.parent().expect("under a locales folder");
    }
    folder.parent().expect("locales has a parent").to_path_buf()
}

/// Every id of every package, by package, in `lang`.
fn ids_by_package(lang: &str) -> BTreeMap<PathBuf, BTreeSet<String>> {
    let mut by_package: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in files(lang) {
        by_package.entry(package_of(&file)).or_default().extend(ids(&text));
    }
    by_package
}

/// A path as a maintainer reads it: from the workspace's root.
fn shown(path: &Path) -> String {
    let root = root().canonicalize().unwrap();
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root).unwrap_or(&path).display().to_string()
}

#[test]
fn every_package_says_each_message_in_both_languages_and_each_formats() {
    let (english, chinese) = (ids_by_package("en"), ids_by_package("zh"));
    assert!(
        english.len() >= 9,
        "message packages found: {:?}",
        english.keys().map(|p| shown(p)).collect::<Vec<_>>()
    );
    assert_eq!(
        english.keys().collect::<Vec<_>>(),
        chinese.keys().collect::<Vec<_>>(),
        "a package with messages in one language only"
    );
    for (package, ids) in &english {
        let other = &chinese[package];
        let only_english: Vec<_> = ids.difference(other).collect();
        let only_chinese: Vec<_> = other.difference(ids).collect();
        assert!(
            only_english.is_empty(),
            "{}: messages with no Chinese text: {only_english:?}",
            shown(package)
        );
        assert!(
            only_chinese.is_empty(),
            "{}: messages with no English text: {only_chinese:?}",
            shown(package)
        );
    }
    // Each package's files parse, and each message formats, in both languages.
    let text_of = |lang: &str| -> Vec<&'static str> {
        files(lang).into_iter().map(|(_, text)| &*Box::leak(text.into_boxed_str())).collect()
    };
    let all = Box::leak(Box::new(Texts::new("all", text_of("en").leak(), text_of("zh").leak())));
    for id in english.values().flatten() {
        for lang in [Lang::En, Lang::Zh] {
            assert!(
                all.get(lang, id, &[]).is_some_and(|text| !text.is_empty()),
                "{id} does not format in {lang:?}"
            );
        }
    }
}

#[test]
fn each_message_belongs_to_one_package() {
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (package, ids) in ids_by_package("en") {
        for id in ids {
            owners.entry(id).or_default().push(shown(&package));
        }
    }
    let twice: Vec<_> = owners.iter().filter(|(_, packages)| packages.len() > 1).collect();
    assert!(twice.is_empty(), "messages defined in two packages (tr! would find only one): {twice:?}");
}

/// The Rust of every package that prints, comments left out.
fn code() -> String {
    let mut code = String::new();
    let mut folders = ["shared/src", "kit/src", "lessons", "course/src", "lab/src"]
        .map(|folder| root().join(folder))
        .to_vec();
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
    code.lines().filter(|line| !line.trim_start().starts_with("//")).flat_map(|line| [line, "\n"]).collect()
}

#[test]
fn every_message_used_exists_and_every_message_is_used() {
    let code = code();
    // Every `tr!("id"` (and not the end of `include_str!("`).
    let used: BTreeSet<String> = code
        .match_indices("tr!(\"")
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .filter_map(|(at, _)| code[at + 5..].split('"').next().map(str::to_string))
        .collect();
    let english: BTreeSet<String> = ids_by_package("en").into_values().flatten().collect();
    let missing: Vec<_> = used.difference(&english).collect();
    assert!(missing.is_empty(), "tr! ids with no message in any locales folder: {missing:?}");
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
    for (file, text) in files("zh") {
        for (number, line) in text.lines().enumerate() {
            let pages = line.match_indices("docs/").map(|(at, _)| &line[at..]);
            for page in pages.filter(|page| page.split_whitespace().next().is_some_and(|p| p.contains(".md")))
            {
                assert!(
                    page.starts_with("docs/zh/"),
                    "{}:{}: {page:?} is an English page: name its Chinese twin under docs/zh/",
                    shown(&file),
                    number + 1
                );
            }
        }
    }
}

#[test]
fn each_tcp_state_means_something_in_chinese_too() {
    // What lesson 6's TCP-state line says after a state's name
    // (lessons/06-half-close/tcp_states.rs).
    static LESSON6: Texts = shared::texts!("../lessons/06-half-close/locales");
    assert_eq!(
        LESSON6.get(Lang::En, "tcp-fin-wait2", &[]).unwrap(),
        "our FIN is acknowledged: we send no more, but can still receive"
    );
    assert_eq!(
        LESSON6.get(Lang::Zh, "tcp-close-wait", &[]).unwrap(),
        "对端的 FIN 已经到达：它不再发送；我们仍然可以发送，并且必须关闭"
    );
    assert!(LESSON6.get(Lang::Zh, "tcp-time-wait", &[]).unwrap().contains("60 秒"));
}

/// Every message of every file of `lang`, by id: its whole source text,
/// continuation lines joined.
fn sources(lang: &str) -> BTreeMap<String, String> {
    let mut messages = BTreeMap::new();
    for (_, text) in files(lang) {
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                current = None;
            } else if let Some(id) = ids(line).into_iter().next() {
                let body = line.split_once('=').map_or("", |(_, body)| body);
                messages.insert(id.clone(), body.trim().to_string());
                current = Some(id);
            } else if let Some(id) = &current {
                let body = messages.get_mut(id).expect("the message being read");
                body.push(' ');
                body.push_str(line.trim());
            }
        }
    }
    messages
}

#[test]
fn each_chinese_message_says_what_its_english_one_says() {
    // What a translation must keep, word for word: the values it is given,
    // the options it names, the code it quotes and the numbers it states;
    // and a message with English words must have Chinese ones (not the
    // English left in place). A message found in no transcript is checked
    // here too.
    let pattern = |p: &str| regex::Regex::new(p).unwrap();
    let kept = [
        ("the values", pattern(r"\{\s*\$([A-Za-z_][\w-]*)")),
        ("the options", pattern(r"(?:^|[^\w-])(--[a-z][a-z0-9-]*)")),
        ("the quoted code", pattern(r"`([^`]+)`")),
        ("the numbers", pattern(r"(?:^|[^\w$.])(\d+(?:[.,]\d+)*)")),
    ];
    let words = pattern(r"[A-Za-z]{3,}");
    let placeables = pattern(r"\{[^{}]*\}|`[^`]*`|--[a-z-]+");
    let chinese = pattern(r"[\p{Han}]");
    let singular = pattern(r"\[one\][^\[*]*");
    let (english, translated) = (sources("en"), sources("zh"));
    let mut wrong = Vec::new();
    for (id, en) in &english {
        let Some(zh) = translated.get(id) else { continue }; // the test above says so
        for (what, found) in &kept {
            let of = |text: &str| -> BTreeSet<String> {
                // Numbers inside a placeable are Fluent's, not the text's; and
                // English says "1 byte" in a [one] variant that Chinese has no need of.
                let text = if *what == "the numbers" {
                    placeables.replace_all(&singular.replace_all(text, " "), " ").into_owned()
                } else {
                    text.to_string()
                };
                found.captures_iter(&text).map(|c| c[1].replace(',', "")).collect()
            };
            let (in_english, in_chinese) = (of(en), of(zh));
            if in_english != in_chinese {
                wrong.push(format!("{id}: {what} differ: English {in_english:?}, Chinese {in_chinese:?}"));
            }
        }
        // A term kept as it is ("async/await") is not a sentence left untranslated.
        let a_term = en == zh && !en.contains(' ');
        if words.is_match(&placeables.replace_all(en, " ")) && !chinese.is_match(zh) && !a_term {
            wrong.push(format!("{id}: the Chinese text has no Chinese in it: {zh:?}"));
        }
    }
    assert!(english.len() > 300, "only {} messages found", english.len());
    assert!(wrong.is_empty(), "{} Chinese messages say something else:\n{}", wrong.len(), wrong.join("\n"));
}
