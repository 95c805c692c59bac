//! The course as a book, checked in a real browser: `mdbook build docs` into
//! `target/book-check/book`, then every page opened in headless Chromium at a
//! phone's width (390 px). The test fails on:
//!
//! - a link inside the book that leads to no page, or to no anchor on it
//!   (links are read from the page as the browser has it, after the book's
//!   scripts ran: the language switch and the links they rewrote included);
//! - a ```mermaid block that did not become an SVG, or became Mermaid's
//!   error picture;
//! - an error on the console, an uncaught exception, a file that failed to load;
//! - a page whose body scrolls sideways (code blocks and tables may scroll
//!   inside themselves);
//! - Markdown left as text: a `**` outside code (CommonMark does not close
//!   `**协议：**TCP`, where the closing `**` follows punctuation and precedes a letter);
//! - a language switch that does not lead to the page's twin and back;
//! - a lesson's table that scrolls sideways on a desktop (1280 px), where the
//!   table of calls must show its wire's column beside the code.
//!
//! It saves screenshots of the start page, lesson 4 and the Chinese lesson 6,
//! as a desktop and a phone show them, in `target/book-check/`, and prints
//! their paths. Ignored, with the reason, where the pinned `mdbook`,
//! `mdbook-mermaid` or `chromium` is missing (`tests/build.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use regex::Regex;

/// How long one page may take in the browser, on a busy 2-core machine.
const PAGE_DEADLINE: Duration = Duration::from_secs(60);
/// The browser's own clock for one page: scripts, Mermaid, the probe's wait.
const VIRTUAL_TIME_MS: u32 = 15_000;

/// Runs in every page before anything else: it records errors, then, once the
/// page has loaded and Mermaid has drawn (or given up), writes what it found
/// into the page as lines `KEY VALUE` (the value URI-encoded), which
/// `--dump-dom` hands back.
const PROBE: &str = r#"<script>
(function () {
  var found = [];
  function note(key, value) { found.push(key + ' ' + encodeURIComponent(String(value))); }
  var error = console.error;
  console.error = function () {
    note('error', 'console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return error.apply(console, arguments);
  };
  window.addEventListener('error', function (e) {
    if (e.target && e.target !== window && (e.target.src || e.target.href)) {
      note('error', 'failed to load ' + (e.target.src || e.target.href));
    } else {
      note('error', 'uncaught: ' + e.message + ' (' + e.filename + ':' + e.lineno + ')');
    }
  }, true);
  window.addEventListener('unhandledrejection', function (e) { note('error', 'unhandled rejection: ' + e.reason); });
  function finish() {
    var blocks = document.querySelectorAll('pre.mermaid');
    note('mermaid-blocks', blocks.length);
    blocks.forEach(function (block, i) {
      var svg = block.querySelector('svg');
      var bad = !svg || svg.getAttribute('aria-roledescription') === 'error' || /Syntax error/.test(block.textContent);
      note(bad ? 'mermaid-failed' : 'mermaid-svg', i + 1);
    });
    var view = document.documentElement.clientWidth;
    note('width', view);
    note('scroll-width', Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
    var content = document.getElementById('mdbook-content') || document.body;
    // Code blocks and tables may scroll inside themselves; nothing else may
    // reach past the screen's edge, or scroll sideways (mdBook's text pane
    // scrolls by itself, so the body's width alone would not tell).
    content.querySelectorAll('*').forEach(function (el) {
      var scroller = el.closest('pre, table, .table-wrapper');
      if (scroller && scroller !== el) { return; }
      var box = el.getBoundingClientRect();
      var what = el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
      var text = (el.textContent || '').trim().slice(0, 60);
      if (box.width > 0 && box.right > view + 1) {
        note('wide', what + ' ends at ' + Math.round(box.right) + ' px: ' + text);
      }
      var style = getComputedStyle(el);
      if (!scroller && /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        note('wide', what + ' scrolls sideways (' + el.scrollWidth + ' px of content in ' + el.clientWidth + '): ' + text);
      }
    });
    content.querySelectorAll('table').forEach(function (table, i) {
      if (table.scrollWidth > table.clientWidth + 1) {
        note('table-scrolls', 'table ' + (i + 1) + ' (' + table.scrollWidth + ' px of content in ' + table.clientWidth + '): ' + (table.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60));
      }
    });
    var texts = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
      var node = texts.currentNode;
      if (node.data.indexOf('**') >= 0 && !node.parentElement.closest('code, pre, script, style')) {
        note('markdown', node.data.trim().slice(0, 80));
      }
    }
    document.querySelectorAll('a[href]').forEach(function (a) { note('link', a.href); });
    var change = document.getElementById('course-language-switch');
    if (change) { note('switch', change.href); }
    note('lang', document.documentElement.lang);
    if (/[?&]search=/.test(location.search)) {
      note('search-results', document.querySelectorAll('#mdbook-searchresults > li').length);
    }
    var out = document.createElement('pre');
    out.id = 'book-check-result';
    out.hidden = true;
    out.textContent = '\n' + found.join('\n') + '\n';
    document.body.appendChild(out);
    if (window.parent !== window) { window.parent.postMessage(out.textContent, '*'); }
  }
  window.addEventListener('load', function () {
    var waited = 0;
    (function wait() {
      var pending = Array.prototype.some.call(document.querySelectorAll('pre.mermaid'), function (b) {
        return !b.querySelector('svg') && !/error/i.test(b.textContent);
      });
      if (pending && waited < 10000) { waited += 100; setTimeout(wait, 100); } else { setTimeout(finish, 200); }
    })();
  });
})();
</script>"#;

/// Chromium's headless window is never narrower than 500 px, so each page is
/// opened in a frame of a phone's width (390 px) inside this page, which
/// writes down what the probe in the frame reports.
const PHONE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>body { margin: 0 } iframe { border: 0; width: 390px; height: 100vh }</style></head>
<body><script>
window.addEventListener('message', function (e) {
  var out = document.createElement('pre');
  out.id = 'book-check-result';
  out.hidden = true;
  out.textContent = e.data;
  document.body.appendChild(out);
});
var frame = document.createElement('iframe');
frame.src = decodeURIComponent(location.search.slice(1));
document.body.appendChild(frame);
</script></body></html>
"#;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The test's output folder: the built book and the screenshots.
fn output_folder() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let target = if target.is_absolute() { target } else { root().join(target) };
    target.join("book-check")
}

/// Every file under `folder` whose name ends in `.html`.
fn html_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `%XX` escapes back to bytes, as `decodeURIComponent` would.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs Chromium headless on `url` with `args`, killed after the deadline;
/// returns its stdout.
fn chromium(url: &str, args: &[String]) -> String {
    let profile =
        std::env::temp_dir().join(format!("book-check-profile-{}-{}", std::process::id(), fastrand::u64(..)));
    let mut child = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars"])
        .args(["--disable-dev-shm-usage", "--mute-audio", "--allow-file-access-from-files"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--virtual-time-budget={VIRTUAL_TIME_MS}"))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).ok();
        text
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > PAGE_DEADLINE {
            child.kill().ok();
            child.wait().ok();
            let _ = std::fs::remove_dir_all(&profile);
            panic!("chromium took more than {PAGE_DEADLINE:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(50)); // a poll with a deadline (PAGE_DEADLINE)
    }
    let _ = std::fs::remove_dir_all(&profile);
    reader.join().unwrap()
}

/// What the probe found on one page.
#[derive(Default)]
struct Found {
    values: BTreeMap<String, Vec<String>>,
}

impl Found {
    fn all(&self, key: &str) -> &[String] {
        self.values.get(key).map(Vec::as_slice).unwrap_or(&[])
    }
    fn one(&self, key: &str) -> Option<&str> {
        self.all(key).first().map(String::as_str)
    }
}

/// `text` with every byte but letters, digits and `/._-` as `%XX`.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"/._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Opens `page` (a path in the book, with a query if wanted) of the book at
/// `book` in a phone-wide frame; what the probe found.
fn open(book: &Path, page: &str) -> Found {
    let phone = format!("file://{}/book-check-phone.html?{}", book.display(), encode(page));
    found_in(&chromium(&phone, &["--window-size=500,844".to_string(), "--dump-dom".to_string()]))
}

/// Opens `page` of the book at `book` in a desktop's window (1280 px, the
/// table of contents beside the text); what the probe found.
fn open_on_desktop(book: &Path, page: &str) -> Found {
    let at = format!("file://{}/{}", book.display(), encode(page));
    found_in(&chromium(&at, &["--window-size=1280,1000".to_string(), "--dump-dom".to_string()]))
}

/// Each of `pages` (files of the book at `book`) opened with `open`, two
/// browsers at a time; what the probe found in each.
fn open_each(book: &Path, pages: &[PathBuf], open: fn(&Path, &str) -> Found) -> BTreeMap<PathBuf, Found> {
    let found = Mutex::new(BTreeMap::new());
    let next = Mutex::new(pages.iter());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(page) = next.lock().unwrap().next() else { break };
                    let seen = open(book, &page.strip_prefix(book).unwrap().to_string_lossy());
                    found.lock().unwrap().insert(page.clone(), seen);
                }
            });
        }
    });
    found.into_inner().unwrap()
}

/// What the probe wrote into the page `dom` (`--dump-dom`'s output).
fn found_in(dom: &str) -> Found {
    let mut found = Found::default();
    let Some(start) = dom.find("<pre id=\"book-check-result\"") else {
        return found;
    };
    let body = &dom[start..];
    let body = &body[body.find('>').map_or(0, |end| end + 1)..];
    let body = &body[..body.find("</pre>").unwrap_or(body.len())];
    for line in body.lines() {
        if let Some((key, value)) = line.split_once(' ') {
            let value = decode(&value.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
            found.values.entry(key.to_string()).or_default().push(value);
        }
    }
    found
}

#[test]
#[cfg_attr(
    no_book_tools,
    ignore = "needs mdbook 0.5.4, mdbook-mermaid 0.17.1 and chromium (README: the install line; tests/build.rs says which is missing)"
)]
fn the_book_builds_and_every_page_works_in_a_browser() {
    let out = output_folder();
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    // The browser reports links without `..`: so must the paths they are checked against.
    let out = out.canonicalize().unwrap();
    let book = out.join("book");
    let built = Command::new("mdbook")
        .arg("build")
        .arg(root().join("docs"))
        .arg("--dest-dir")
        .arg(&book)
        .output()
        .expect("mdbook runs");
    let log = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "mdbook build docs failed:\n{log}");
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("WARN") || l.contains("ERROR")).collect();
    assert!(warnings.is_empty(), "mdbook build docs warned:\n{}", warnings.join("\n"));

    // The anchors of every page, as built; then the probe, first in each page.
    let id = Regex::new(r#"\sid="([^"]+)""#).unwrap();
    let mut anchors: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for file in html_files(&book) {
        let html = std::fs::read_to_string(&file).unwrap();
        anchors.insert(file.clone(), id.captures_iter(&html).map(|c| c[1].to_string()).collect());
        let probed = html.replacen("<head>", &format!("<head>{PROBE}"), 1);
        std::fs::write(&file, probed).unwrap();
    }

    std::fs::write(book.join("book-check-phone.html"), PHONE).unwrap();

    // The pages a reader opens: every chapter, both languages (print.html holds
    // them all again; 404.html and toc.html are not pages of the course).
    let pages: Vec<PathBuf> = html_files(&book)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !["404.html", "toc.html", "print.html", "book-check-phone.html"].contains(&name.as_ref())
        })
        .collect();
    let url = |path: &Path| format!("file://{}", path.display());
    let problems = Mutex::new(Vec::<String>::new());
    let results = open_each(&book, &pages, open);
    // The lessons again, on a desktop: their tables of calls set the wire's
    // column beside the code, and must fit without a sideways scroll.
    let lessons: Vec<PathBuf> = pages
        .iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("lesson"))
        .cloned()
        .collect();
    let on_desktop = open_each(&book, &lessons, open_on_desktop);
    let problem = |page: &Path, what: String| {
        let shown = page.strip_prefix(&book).unwrap_or(page).display().to_string();
        problems.lock().unwrap().push(format!("{shown}: {what}"));
    };

    let mut drawn = 0;
    let mut external = BTreeSet::new();
    let book_url = url(&book);
    for (page, found) in &results {
        if found.one("width").is_none() {
            problem(page, "the probe never reported (the page did not load, or a script stopped it)".into());
            continue;
        }
        for error in found.all("error") {
            problem(page, format!("console: {error}"));
        }
        for n in found.all("mermaid-failed") {
            problem(page, format!("Mermaid block {n} did not become a diagram"));
        }
        drawn += found.all("mermaid-svg").len();
        for text in found.all("markdown") {
            problem(page, format!("Markdown shown as text (an emphasis that did not close?): {text}"));
        }
        let width: u32 = found.one("width").unwrap().parse().unwrap();
        let scroll: u32 = found.one("scroll-width").unwrap_or("0").parse().unwrap();
        assert!(width <= 400, "the browser's window is {width} px wide, not a phone's 390");
        if scroll > width {
            problem(page, format!("scrolls sideways at {width} px: the page is {scroll} px wide"));
        }
        for wide in found.all("wide").iter().take(5) {
            problem(page, format!("wider than the phone's screen: {wide}"));
        }
        for link in found.all("link") {
            if !link.starts_with("file://") {
                external.insert(link.clone());
                continue;
            }
            let (file, anchor) = link.split_once('#').map_or((link.as_str(), None), |(f, a)| (f, Some(a)));
            let file = file.split('?').next().unwrap();
            if !file.starts_with(&book_url) {
                problem(page, format!("a link leaves the book: {link}"));
                continue;
            }
            let path = PathBuf::from(decode(file.trim_start_matches("file://")));
            let path = if path.is_dir() { path.join("index.html") } else { path };
            let Some(ids) = anchors.get(&path) else {
                problem(page, format!("a link to a page that does not exist: {link}"));
                continue;
            };
            if let Some(anchor) = anchor.map(decode).filter(|a| !a.is_empty())
                && !ids.contains(&anchor)
            {
                problem(page, format!("a link to an anchor that does not exist: {link}"));
            }
        }
    }

    assert!(on_desktop.len() >= 16, "only {} lesson pages were found to open on a desktop", on_desktop.len());
    for (page, found) in &on_desktop {
        if found.one("width").is_none() {
            problem(page, "on a desktop, the probe never reported".into());
        }
        for table in found.all("table-scrolls") {
            problem(page, format!("on a desktop (1280 px), a table scrolls sideways: {table}"));
        }
    }

    // The language switch: on every page, to the page's twin, whose switch
    // leads back; a Chinese page says it is Chinese.
    for (page, found) in &results {
        let Some(change) = found.one("switch") else {
            problem(page, "no switch to the other language in the top bar".into());
            continue;
        };
        let rel = page.strip_prefix(&book).unwrap().to_string_lossy().to_string();
        let chinese = rel.starts_with("zh/");
        let want = match rel.as_str() {
            "index.html" => "zh/README.html".to_string(),
            zh if chinese => zh.trim_start_matches("zh/").to_string(),
            en => format!("zh/{en}"),
        };
        if *change != url(&book.join(&want)) {
            problem(page, format!("the language switch leads to {change}, not to {want}"));
        }
        let back = results.get(&book.join(&want)).and_then(|f| f.one("switch"));
        let here = if rel == "index.html" { "README.html" } else { rel.as_str() };
        if back.is_some_and(|b| *b != url(&book.join(here))) {
            problem(page, format!("{want}'s switch does not lead back here"));
        }
        let lang = found.one("lang").unwrap_or("");
        if chinese != (lang == "zh") {
            problem(page, format!("the page says its language is {lang:?}"));
        }
    }

    // Search, in both languages: mdBook's index for English words, the book's
    // own plain-text search for Chinese (book-extra.js).
    for (page, query) in [
        ("lesson1-udp-once.html", "recvfrom"),
        ("zh/lesson6-half-close.html", "半关闭"),
        ("zh/README.html", "四次 挥手"),
    ] {
        let found = open(&book, &format!("{page}?search={query}"));
        let hits: usize = found.one("search-results").unwrap_or("0").parse().unwrap();
        if hits == 0 {
            problem(&book.join(page), format!("searching for {query:?} finds nothing"));
        }
        println!("book check: searching {query:?} from {page} finds {hits} sections");
    }

    // Three pages for a person to look at, as a desktop and a phone show them.
    let mut shots = Vec::new();
    for (page, name) in [
        ("index.html", "start-page"),
        ("lesson4-tcp-loop.html", "lesson4"),
        ("zh/lesson6-half-close.html", "zh-lesson6"),
    ] {
        let phone = format!("file://{}/book-check-phone.html?{page}", book.display());
        for (at, size, kind) in
            [(url(&book.join(page)), "1280,2400", "desktop"), (phone, "500,2400", "phone")]
        {
            let png = out.join(format!("{name}-{kind}.png"));
            chromium(&at, &[format!("--window-size={size}"), format!("--screenshot={}", png.display())]);
            assert!(png.exists(), "chromium saved no screenshot of {page}");
            shots.push(png);
        }
    }

    let problems = problems.into_inner().unwrap();
    println!(
        "book check: {} pages opened at 390 px, {} lessons at 1280 px, {drawn} Mermaid diagrams drawn as SVG, {} links to other sites, not followed (no network here)",
        results.len(),
        on_desktop.len(),
        external.len()
    );
    for shot in &shots {
        println!("screenshot: {}", shot.display());
    }
    assert!(problems.is_empty(), "the book has {} problems:\n{}", problems.len(), problems.join("\n"));
    assert!(drawn >= 10, "only {drawn} Mermaid diagrams were drawn; the course has more than ten");
}
