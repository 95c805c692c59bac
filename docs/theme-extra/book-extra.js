// What the course's book adds to mdBook's pages (book.toml: additional-js).
// Plain script, no network, no build step:
//
// 1. A button in the top bar that opens the same page in the other language:
//    X.html <-> zh/X.html (the pages of docs/ and docs/zh/ have the same names).
// 2. On a Chinese page, the book's own buttons and search box in Chinese, and
//    the page marked lang="zh" (fonts, screen readers).
// 3. Links that leave the book (to the lessons' sources, beside docs/ in the
//    repository) become the path of the file, shown as code: the book holds
//    only docs/, and a link there would lead nowhere.
// 4. Search for Chinese text. mdBook's index splits text at spaces, and drops a
//    "word" longer than 80 bytes, which is most Chinese sentences (26 characters
//    and up). A query with a Chinese character is looked for instead as plain
//    text in every section's stored text (each term, all of them: the book's
//    use-boolean-and), titles counting more.
// 5. Code in a table may break after `.` before a name, and after `::`, `(`,
//    `,` and `=`: the chapters' tables of calls (step, Python, Rust, on the
//    wire) then fit beside the table of contents on a desktop, instead of
//    hiding the wire's column behind a sideways scroll. Output quoted in a
//    table (<samp>) and addresses (127.0.0.1) are left whole.
(function () {
    'use strict';

    // The book's root, and this page's path inside it ("zh/lesson1-udp-once.html").
    var root = new URL((typeof path_to_root === 'string' && path_to_root) || './', location.href);
    var here = new URL(location.href);
    here.hash = '';
    here.search = '';
    var page = here.href.startsWith(root.href) ? decodeURI(here.href.slice(root.href.length)) : '';
    if (page === '') {
        page = 'index.html';
    }
    var chinese = page.startsWith('zh/');
    var chapter = document.getElementById('mdbook-content') !== null && !/^(print|toc|404)\.html$/.test(page);

    // 1. The other language's page.
    function twin(path) {
        if (path === 'index.html') {
            path = 'README.html';
        }
        return path.startsWith('zh/') ? path.slice(3) : 'zh/' + path;
    }
    var buttons = document.querySelector('#mdbook-menu-bar .right-buttons');
    if (chapter && buttons) {
        var link = document.createElement('a');
        link.id = 'course-language-switch';
        link.href = new URL(twin(page), root).href;
        link.textContent = chinese ? 'English' : '中文';
        link.lang = chinese ? 'en' : 'zh';
        link.hreflang = link.lang;
        link.title = chinese ? 'This page in English' : '这一页的中文版';
        link.setAttribute('aria-label', link.title);
        buttons.insertBefore(link, buttons.firstChild);
    }

    // 2. The book's own words, on a Chinese page.
    if (chinese) {
        document.documentElement.lang = 'zh';
        var words = [
            ['#mdbook-sidebar-toggle', '目录'],
            ['#mdbook-theme-toggle', '配色'],
            ['#mdbook-search-toggle', '搜索（快捷键 /）'],
            ['a[href$="print.html"]', '打印全书'],
            ['a[rel~="prev"]', '上一章'],
            ['a[rel~="next"]', '下一章'],
        ];
        words.forEach(function (pair) {
            document.querySelectorAll(pair[0]).forEach(function (element) {
                element.title = pair[1];
                element.setAttribute('aria-label', pair[1]);
            });
        });
        var english = 'Sockets, lesson by lesson (in Rust)';
        var title = '套接字编程，一课一课来（用 Rust）';
        document.querySelectorAll('.menu-title').forEach(function (element) {
            if (element.textContent.trim() === english) {
                element.textContent = title;
            }
        });
        document.title = document.title.replace(english, title);
        var searchbar = document.getElementById('mdbook-searchbar');
        if (searchbar) {
            searchbar.placeholder = '搜索全书……';
        }
        var header = document.getElementById('mdbook-searchresults-header');
        if (header) {
            // searcher.js writes "N search results for 'X':" here.
            var translate = function () {
                var text = header.innerText;
                var found = /^(\d+) search results for '(.*)':$/.exec(text);
                var none = /^No search results for '(.*)'\.$/.exec(text);
                if (found) {
                    header.innerText = '“' + found[2] + '”：' + found[1] + ' 条结果';
                } else if (none) {
                    header.innerText = '没有找到“' + none[1] + '”';
                }
            };
            translate();
            new MutationObserver(translate).observe(header, {childList: true, characterData: true, subtree: true});
        }
    }

    // 3. Links out of the book: the path of the file in the repository.
    document.querySelectorAll('#mdbook-content main a[href]').forEach(function (a) {
        var href = a.getAttribute('href');
        if (/^[a-z]+:/i.test(href) || href.startsWith('#')) {
            return;
        }
        var target = new URL(href, location.href);
        if (target.href.startsWith(root.href)) {
            return;
        }
        var repository = new URL('../', root);
        var path = target.href.startsWith(repository.href)
            ? decodeURI(target.href.slice(repository.href.length)) : href;
        var span = document.createElement('span');
        span.className = 'course-repository-file';
        span.title = (chinese ? '仓库里的文件：' : 'a file in the course repository: ') + path;
        while (a.firstChild) {
            span.appendChild(a.firstChild);
        }
        a.replaceWith(span);
    });

    // 4. Chinese search: each term as plain text, in every section.
    var cjk = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;
    if (typeof elasticlunr !== 'undefined') {
        var search = elasticlunr.Index.prototype.search;
        elasticlunr.Index.prototype.search = function (query, config) {
            if (typeof query !== 'string' || !cjk.test(query)) {
                return search.call(this, query, config);
            }
            var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t !== ''; });
            var docs = this.documentStore.docs;
            var results = [];
            Object.keys(docs).forEach(function (ref) {
                var doc = docs[ref];
                var title = String(doc.title || '').toLowerCase();
                var body = String(doc.body || '').toLowerCase();
                var score = 0;
                for (var i = 0; i < terms.length; i++) {
                    var inTitle = title.split(terms[i]).length - 1;
                    var inBody = body.split(terms[i]).length - 1;
                    if (inTitle + inBody === 0) {
                        return;
                    }
                    score += 5 * inTitle + inBody / (1 + body.length / 2000);
                }
                results.push({ref: ref, score: score, doc: doc});
            });
            results.sort(function (a, b) { return b.score - a.score; });
            return results;
        };
        // A search from the address (?search=...) may have run before this
        // script: run it again, now that Chinese text can be found.
        var bar = document.getElementById('mdbook-searchbar');
        var asked = bar ? bar.value : '';
        if (cjk.test(asked)) {
            // (searcher.js skips a search for the term it searched last)
            bar.value = '\u200b';
            bar.dispatchEvent(new KeyboardEvent('keyup'));
            bar.value = asked;
            bar.dispatchEvent(new KeyboardEvent('keyup'));
        }
    }

    // 5. Where code in a table may break: a <wbr> after each such place.
    var breakable = /(?<=\.(?=[A-Za-z_])|::|[(,=])(?=.)/;
    document.querySelectorAll('.content table code').forEach(function (code) {
        if (code.closest('samp')) {
            return;
        }
        var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        var texts = [];
        while (walker.nextNode()) {
            texts.push(walker.currentNode);
        }
        texts.forEach(function (text) {
            var parts = text.data.split(breakable);
            if (parts.length < 2) {
                return;
            }
            var pieces = document.createDocumentFragment();
            parts.forEach(function (part, i) {
                if (i > 0) {
                    pieces.appendChild(document.createElement('wbr'));
                }
                pieces.appendChild(document.createTextNode(part));
            });
            text.parentNode.replaceChild(pieces, text);
        });
    });
})();
