//! The invariants of the code map that a machine can check, over the source itself:
//!
//! - `web_sys` is named only under `src/browser` (and `src/browser.rs`);
//! - no module of a crate uses one that uses it back, directly or around a longer loop,
//!   including a loop that goes through a `pub use` re-export in a parent module.
//!
//! Each crate is read from its root (`src/lib.rs`, each binary) by its `mod` declarations. A
//! module depends on another when a `use` declaration or a path in its code (`crate::…`,
//! `super::…`, `self::…`, or a name a `use` brought in) reaches an item of it; a path to a
//! re-exported item leads on to the module the item comes from. Declaring a child (`mod x;`)
//! is not a dependency. Test modules (`tests.rs`) are left out. The checker is tried first on a
//! table of synthetic crates, so that a green run means something.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---- reading Rust, as far as paths go ----

/// The code with comments, string literals and character literals blanked out (lengths and
/// line breaks kept), so that a path in a comment or a message is never taken for code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !ident_char_before(&chars, i)
        {
            // r"…" or r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
            out.extend(chars[i..j.min(chars.len())].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && is_char_literal(&chars, i) {
            out.push(' ');
            i += 1;
            if chars.get(i) == Some(&'\\') {
                out.push(' ');
                i += 1;
            }
            while i < chars.len() && chars[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `'x'` or `'\n'`, not a lifetime `'a`.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// The items of one module file that matter here.
#[derive(Debug, Default)]
struct Parsed {
    /// `mod x;` (or `mod x { … }` is not followed: inline modules are part of this file).
    children: Vec<String>,
    /// Every `use` path, expanded: (path, the name it brings in, whether it is `pub`).
    uses: Vec<(Vec<String>, String, bool)>,
    /// Paths in the code outside `use` declarations, as segments.
    paths: Vec<Vec<String>>,
    /// Whether the file names `web_sys` in its code.
    names_web_sys: bool,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Expands a use tree (`a::{b, c::d as e, self}`) into full paths with the names they bind.
fn expand_use(tree: &str, prefix: &[String], out: &mut Vec<(Vec<String>, String)>) {
    let tree = tree.trim();
    if tree.is_empty() {
        return;
    }
    // Split on top-level commas.
    let mut depth = 0;
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in tree.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tree[start..]);
    if parts.len() > 1 {
        for part in parts {
            expand_use(part, prefix, out);
        }
        return;
    }
    let tree = parts[0].trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim_end_matches("::").trim();
        let inner = tree[open + 1..tree.rfind('}').unwrap_or(tree.len())].trim();
        let mut path = prefix.to_vec();
        path.extend(
            head.split("::")
                .filter(|s| !s.is_empty())
                .map(|s| s.trim().to_string()),
        );
        expand_use(inner, &path, out);
        return;
    }
    let (path_text, alias) = match tree.split_once(" as ") {
        Some((p, a)) => (p.trim(), Some(a.trim().to_string())),
        None => (tree, None),
    };
    let mut path = prefix.to_vec();
    path.extend(path_text.split("::").map(|s| s.trim().to_string()));
    if path.last().map(String::as_str) == Some("self") {
        path.pop();
    }
    if path.last().map(String::as_str) == Some("*") {
        return; // glob imports name nothing in particular
    }
    let name = alias.unwrap_or_else(|| path.last().cloned().unwrap_or_default());
    out.push((path, name));
}

fn parse(text: &str) -> Parsed {
    let code = code_only(text);
    let mut parsed = Parsed {
        names_web_sys: contains_word(&code, "web_sys"),
        ..Parsed::default()
    };
    let mut rest = String::with_capacity(code.len());
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let word_start = i == 0 || !is_ident(chars[i - 1]);
        let word = |w: &str| {
            word_start
                && chars[i..].iter().take(w.len()).copied().eq(w.chars())
                && chars.get(i + w.len()).is_some_and(|c| !is_ident(*c))
        };
        if word("use") {
            // `pub use`, `pub(crate) use`: look back for `pub`.
            let before: String = rest
                .chars()
                .rev()
                .take(24)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let public = before.trim_end().ends_with("pub")
                || before.trim_end().ends_with(')') && before.contains("pub(");
            let end = chars[i..]
                .iter()
                .position(|&c| c == ';')
                .map_or(chars.len(), |p| i + p);
            let tree: String = chars[i + 3..end].iter().collect();
            let mut expanded = Vec::new();
            expand_use(
                &tree.split_whitespace().collect::<Vec<_>>().join(" "),
                &[],
                &mut expanded,
            );
            for (path, name) in expanded {
                parsed.uses.push((path, name, public));
            }
            rest.extend(std::iter::repeat_n(' ', end + 1 - i));
            i = end + 1;
            continue;
        }
        if word("mod") {
            let mut j = i + 3;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            let start = j;
            while chars.get(j).is_some_and(|c| is_ident(*c)) {
                j += 1;
            }
            let name: String = chars[start..j].iter().collect();
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if chars.get(j) == Some(&';') && !name.is_empty() {
                parsed.children.push(name);
            }
        }
        rest.push(chars[i]);
        i += 1;
    }
    // Paths: identifier (:: identifier)+ in the code outside `use`.
    let chars: Vec<char> = rest.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident_start(chars[i]) && (i == 0 || !is_ident(chars[i - 1]) && chars[i - 1] != ':') {
            let mut segments = Vec::new();
            let mut j = i;
            loop {
                let start = j;
                while chars.get(j).is_some_and(|c| is_ident(*c)) {
                    j += 1;
                }
                segments.push(chars[start..j].iter().collect::<String>());
                if chars.get(j) == Some(&':')
                    && chars.get(j + 1) == Some(&':')
                    && chars.get(j + 2).is_some_and(|c| is_ident_start(*c))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if segments.len() > 1 {
                parsed.paths.push(segments);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    parsed
}

fn contains_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

// ---- modules and their dependencies ----

/// One crate's modules by path (`["model", "drafts"]`; the root is `[]`), each parsed.
struct Crate {
    modules: BTreeMap<Vec<String>, Parsed>,
    files: BTreeMap<Vec<String>, String>,
}

/// Reads a crate from its root file through its `mod` declarations. `read` gives a file's text
/// (`None`: no such file).
fn load_crate(root: &str, read: &dyn Fn(&str) -> Option<String>) -> Crate {
    let mut krate = Crate {
        modules: BTreeMap::new(),
        files: BTreeMap::new(),
    };
    let root_dir = root.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let mut queue = vec![(Vec::<String>::new(), root.to_string(), root_dir)];
    while let Some((path, file, dir)) = queue.pop() {
        let Some(text) = read(&file) else { continue };
        let parsed = parse(&text);
        for child in &parsed.children {
            if child == "tests" {
                continue;
            }
            let mut child_path = path.clone();
            child_path.push(child.clone());
            let flat = format!("{dir}/{child}.rs");
            let nested = format!("{dir}/{child}/mod.rs");
            let child_file = if read(&flat).is_some() { flat } else { nested };
            queue.push((child_path, child_file, format!("{dir}/{child}")));
        }
        krate.files.insert(path.clone(), file);
        krate.modules.insert(path, parsed);
    }
    krate
}

impl Crate {
    /// The module a path from `from` reaches: its last module segment, or, for an item a module
    /// re-exports, the module the item comes from. `None`: outside the crate (std, a
    /// dependency) or not a path to anything here.
    fn resolve(&self, from: &[String], path: &[String], depth: usize) -> Option<Vec<String>> {
        if depth > 16 {
            return None;
        }
        let (mut at, rest): (Vec<String>, &[String]) = match path.first().map(String::as_str) {
            Some("crate") => (Vec::new(), &path[1..]),
            Some("self") => (from.to_vec(), &path[1..]),
            Some("super") => {
                let mut at = from.to_vec();
                let mut rest = path;
                while rest.first().map(String::as_str) == Some("super") {
                    at.pop();
                    rest = &rest[1..];
                }
                (at, rest)
            }
            Some(first) => {
                // A child module, or a name a `use` of this module brought in.
                let mut child = from.to_vec();
                child.push(first.to_string());
                if self.modules.contains_key(&child) {
                    (child, &path[1..])
                } else if let Some((used, _, _)) = self.modules[from]
                    .uses
                    .iter()
                    .find(|(_, name, _)| name == first)
                {
                    let mut full = used.clone();
                    full.extend(path[1..].iter().cloned());
                    return self.resolve(from, &full, depth + 1);
                } else {
                    return None;
                }
            }
            None => return None,
        };
        let mut rest = rest;
        while let Some(segment) = rest.first() {
            let mut child = at.clone();
            child.push(segment.clone());
            if self.modules.contains_key(&child) {
                at = child;
                rest = &rest[1..];
                continue;
            }
            // An item of `at`: re-exported from elsewhere?
            if let Some((source, _, _)) = self.modules[&at]
                .uses
                .iter()
                .find(|(_, name, public)| *public && name == segment)
            {
                return self.resolve(&at, source, depth + 1).or(Some(at));
            }
            break;
        }
        Some(at)
    }

    /// Which modules each module depends on (itself left out).
    fn dependencies(&self) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
        self.modules
            .iter()
            .map(|(module, parsed)| {
                let targets = parsed
                    .uses
                    .iter()
                    .map(|(path, _, _)| path.clone())
                    .chain(parsed.paths.iter().cloned())
                    .filter_map(|path| self.resolve(module, &path, 0))
                    .filter(|target| target != module)
                    .collect();
                (module.clone(), targets)
            })
            .collect()
    }

    /// Every loop of dependencies (strongly connected components of more than one module),
    /// each as its modules' files.
    fn cycles(&self) -> Vec<Vec<String>> {
        let graph = self.dependencies();
        let nodes: Vec<&Vec<String>> = graph.keys().collect();
        let index_of: BTreeMap<&Vec<String>, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        // Tarjan's algorithm.
        struct State {
            index: Vec<Option<usize>>,
            low: Vec<usize>,
            on_stack: Vec<bool>,
            stack: Vec<usize>,
            next: usize,
            found: Vec<Vec<usize>>,
        }
        fn visit(v: usize, edges: &[Vec<usize>], s: &mut State) {
            s.index[v] = Some(s.next);
            s.low[v] = s.next;
            s.next += 1;
            s.stack.push(v);
            s.on_stack[v] = true;
            for &w in &edges[v] {
                match s.index[w] {
                    None => {
                        visit(w, edges, s);
                        s.low[v] = s.low[v].min(s.low[w]);
                    }
                    Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(s.low[v]) == s.index[v] {
                let mut component = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    s.found.push(component);
                }
            }
        }
        let edges: Vec<Vec<usize>> = nodes
            .iter()
            .map(|n| {
                graph[*n]
                    .iter()
                    .filter_map(|t| index_of.get(t).copied())
                    .collect()
            })
            .collect();
        let mut state = State {
            index: vec![None; nodes.len()],
            low: vec![0; nodes.len()],
            on_stack: vec![false; nodes.len()],
            stack: Vec::new(),
            next: 0,
            found: Vec::new(),
        };
        for v in 0..nodes.len() {
            if state.index[v].is_none() {
                visit(v, &edges, &mut state);
            }
        }
        state
            .found
            .into_iter()
            .map(|component| {
                let mut files: Vec<String> = component
                    .iter()
                    .map(|&i| self.files[nodes[i]].clone())
                    .collect();
                files.sort();
                files
            })
            .collect()
    }
}

/// Files that name `web_sys` outside `src/browser`.
fn web_sys_outside_browser(files: &BTreeMap<String, String>) -> Vec<String> {
    files
        .iter()
        .filter(|(path, _)| !(path.starts_with("src/browser/") || *path == "src/browser.rs"))
        .filter(|(_, text)| parse(text).names_web_sys)
        .map(|(path, _)| path.clone())
        .collect()
}

// ---- the checker on synthetic crates ----

fn synthetic(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

fn cycles_in(files: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    load_crate("src/lib.rs", &|p| files.get(p).cloned()).cycles()
}

#[test]
fn the_checker_catches_loops_and_only_loops() {
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [&'static [&'static str]],
    );
    let cases: &[Case] = &[
        (
            "two siblings that use each other",
            &[
                ("src/lib.rs", "mod a;\nmod b;"),
                ("src/a.rs", "use crate::b::B;\npub struct A;"),
                ("src/b.rs", "pub struct B;\nfn f() { let _ = crate::a::A; }"),
            ],
            &[&["src/a.rs", "src/b.rs"]],
        ),
        (
            "a loop of three, through super and self paths",
            &[
                ("src/lib.rs", "pub mod m;"),
                ("src/m.rs", "pub mod a;\npub mod b;\npub mod c;"),
                ("src/m/a.rs", "use super::b::thing;"),
                ("src/m/b.rs", "pub fn thing() { self::helper(); super::c::other(); }\nfn helper() {}"),
                ("src/m/c.rs", "pub fn other() { crate::m::a::X; }"),
            ],
            &[&["src/m/a.rs", "src/m/b.rs", "src/m/c.rs"]],
        ),
        (
            "a loop hidden behind a parent's re-export",
            &[
                ("src/lib.rs", "mod ui;"),
                ("src/ui.rs", "mod county;\nmod signing;\npub(crate) use county::{Navigation, View};"),
                ("src/ui/county.rs", "use super::signing;\npub enum View {}\npub struct Navigation;\nfn page() { signing::export::ExportPage(); }"),
                ("src/ui/signing.rs", "pub mod export;"),
                ("src/ui/signing/export.rs", "use crate::ui::{Navigation, View};\npub fn ExportPage() {}"),
            ],
            &[&["src/ui/county.rs", "src/ui/signing/export.rs"]],
        ),
        (
            "a parent re-exporting a child that uses the parent",
            &[
                ("src/lib.rs", "mod drafts;"),
                ("src/drafts.rs", "mod store;\npub use store::DraftStore;\npub(crate) fn classify() {}"),
                ("src/drafts/store.rs", "use super::classify;\npub struct DraftStore;"),
            ],
            &[&["src/drafts.rs", "src/drafts/store.rs"]],
        ),
        (
            "no loop: children use their parent, which only declares them; tests are left out",
            &[
                ("src/lib.rs", "mod drafts;\nmod model;"),
                ("src/drafts.rs", "mod store;\n#[cfg(test)]\nmod tests;\npub struct Draft;"),
                ("src/drafts/store.rs", "use super::Draft;\nuse crate::model::Thing;"),
                ("src/drafts/tests.rs", "use super::*;\nuse crate::drafts::store::X;"),
                ("src/model.rs", "pub struct Thing;\nuse std::collections::BTreeMap;\nuse serde::Serialize;"),
            ],
            &[],
        ),
        (
            "no loop: paths in comments, messages and character literals are not code",
            &[
                ("src/lib.rs", "mod a;\nmod b;"),
                ("src/a.rs", "use crate::b::B;"),
                ("src/b.rs", "// crate::a::A\n/* crate::a::A */\npub struct B;\nconst S: &str = \"crate::a::A\";\nconst R: &str = r#\"crate::a::A\"#;\nconst C: char = '\"';\nfn f<'a>(x: &'a str) {}"),
            ],
            &[],
        ),
    ];
    for (name, files, want) in cases {
        let files = synthetic(files);
        let got = cycles_in(&files);
        let want: Vec<Vec<String>> = want
            .iter()
            .map(|c| c.iter().map(|s| s.to_string()).collect())
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn the_checker_finds_web_sys_outside_the_browser_module() {
    let files = synthetic(&[
        ("src/browser.rs", "pub fn f() { web_sys::window(); }"),
        ("src/browser/dom.rs", "use web_sys::Element;"),
        ("src/ui/page.rs", "fn f() { let _ = web_sys::window(); }"),
        ("src/ui/named.rs", "use leptos::web_sys;"),
        (
            "src/ui/comment.rs",
            "// web_sys is only for browser\nconst M: &str = \"web_sys\";",
        ),
        ("src/model/word.rs", "fn web_sys_like() {}"),
    ]);
    assert_eq!(
        web_sys_outside_browser(&files),
        ["src/ui/named.rs", "src/ui/page.rs"]
    );
}

// ---- the real source ----

fn source_files() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(ROOT);
    let mut paths = Vec::new();
    walk(&root.join("src"), &mut paths);
    paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(root).expect("under the root");
            let name = relative.to_string_lossy().replace('\\', "/");
            (
                name,
                std::fs::read_to_string(&path).expect("source is UTF-8"),
            )
        })
        .collect()
}

/// Every crate root of the package: the library and each binary.
fn crate_roots(files: &BTreeMap<String, String>) -> Vec<String> {
    let mut roots = vec!["src/lib.rs".to_string(), "src/main.rs".to_string()];
    for path in files.keys() {
        if let Some(rest) = path.strip_prefix("src/bin/") {
            if !rest.contains('/') || rest.ends_with("/main.rs") {
                roots.push(path.clone());
            }
        }
    }
    roots
}

#[test]
fn web_sys_is_named_only_in_the_browser_module() {
    let found = web_sys_outside_browser(&source_files());
    assert!(found.is_empty(), "web_sys outside src/browser: {found:?}");
}

#[test]
fn no_module_uses_one_that_uses_it_back() {
    let files = source_files();
    let mut modules = 0;
    for root in crate_roots(&files) {
        let krate = load_crate(&root, &|p| files.get(p).cloned());
        modules += krate.modules.len();
        let cycles = krate.cycles();
        assert!(cycles.is_empty(), "module loops in {root}: {cycles:#?}");
    }
    // The dependencies are really read: a few known ones, through child names, `super`,
    // `crate` and a re-export (`ui::verify::Page` comes from `ui::verify::checked`).
    let library = load_crate("src/lib.rs", &|p| files.get(p).cloned()).dependencies();
    let path = |p: &str| p.split("::").map(String::from).collect::<Vec<_>>();
    for (from, to) in [
        ("ui::county", "ui::navigation"),
        ("ui::county", "ui::signing::export"),
        ("model::drafts::store", "model::drafts"),
        ("model::drafts", "model::drafts::record"),
        ("ui::verify::summary", "ui::verify::checked"),
        ("ui::city", "ui::verify::checked"),
        ("browser::storage", "model::storage"),
    ] {
        assert!(
            library[&path(from)].contains(&path(to)),
            "{from} → {to}: {:?}",
            library[&path(from)]
        );
    }
    // The crates were read whole: every source file but the test modules is one of them.
    let not_tests = files.keys().filter(|p| !p.ends_with("/tests.rs")).count();
    assert_eq!(
        modules, not_tests,
        "every source file is reached from a crate root"
    );
}
