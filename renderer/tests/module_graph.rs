//! The renderer's top-level modules import each other without cycles: every
//! `crate::<module>` path (or a name the crate root re-exports from a module) in a
//! module's files is an edge, and the graph of those edges has no cycle. No GPU needed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file without its `//` comments (doc comments name modules in links
/// that are no imports).
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The top-level modules declared in lib.rs.
fn modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix("pub ").unwrap_or(line);
            let rest = rest.strip_prefix("pub(crate) ").unwrap_or(rest);
            let name = rest.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.to_owned())
        })
        .collect()
}

/// Names re-exported at the crate root (`pub use module::{A, B};`), by the module they
/// come from.
fn root_names(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = identifier(path);
        if !modules.contains(module) {
            continue;
        }
        let list = path[module.len()..].trim_start_matches("::");
        for name in list.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if !name.is_empty() {
                names.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    names
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module (or re-exported names) each `crate::` path in `code` names first.
fn crate_paths(code: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(group.split(',').map(|item| identifier(item.trim())));
        } else {
            found.push(identifier(rest));
        }
    }
    found
}

fn graph() -> Graph {
    let src = source_dir();
    let lib = code(&src.join("lib.rs"));
    let modules = modules(&lib);
    let names = root_names(&lib, &modules);
    let mut graph = Graph::new();
    for module in &modules {
        let mut files = Vec::new();
        let file = src.join(format!("{module}.rs"));
        if file.exists() {
            files.push(file);
        }
        let dir = src.join(module);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        assert!(!files.is_empty(), "no source for module {module}");
        let edges = graph.entry(module.clone()).or_default();
        for file in &files {
            for name in crate_paths(&code(file)) {
                let target = if modules.contains(name) {
                    Some(name)
                } else {
                    names.get(name).map(String::as_str)
                };
                if let Some(target) = target.filter(|t| t != module) {
                    edges.insert(target.to_owned());
                }
            }
        }
    }
    graph
}

/// A cycle through `start`, if the graph has one: the modules along it.
fn cycle_from(graph: &Graph, start: &str) -> Option<Vec<String>> {
    let mut path = vec![start.to_owned()];
    let mut seen = BTreeSet::new();
    fn walk(graph: &Graph, start: &str, path: &mut Vec<String>, seen: &mut BTreeSet<String>) -> bool {
        let Some(last) = path.last().cloned() else {
            return false;
        };
        for next in graph.get(&last).into_iter().flatten() {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    walk(graph, start, &mut path, &mut seen).then_some(path)
}

#[test]
fn top_level_modules_import_each_other_without_cycles() {
    let graph = graph();
    assert!(graph.len() > 10, "modules found: {graph:?}");
    // The renderer module sits on top: nothing imports it but the root's re-export.
    let importers: Vec<&String> = graph
        .iter()
        .filter(|(_, edges)| edges.contains("renderer"))
        .map(|(module, _)| module)
        .collect();
    assert!(
        importers.is_empty(),
        "modules importing the renderer: {importers:?}"
    );
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|module| cycle_from(&graph, module))
        .map(|cycle| cycle.join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_graph_sees_imports_through_paths_groups_and_root_names() {
    let paths = crate_paths("use crate::{forward, error::Result};\nlet x = crate::Renderer::new;");
    assert_eq!(paths, ["forward", "error", "Renderer"]);
    let lib = "mod a;\npub mod b;\npub use a::{X, Y};\npub use b::Z;";
    let modules = modules(lib);
    assert_eq!(modules.iter().collect::<Vec<_>>(), ["a", "b"]);
    let names = root_names(lib, &modules);
    assert_eq!(names.get("Y").map(String::as_str), Some("a"));
    assert_eq!(names.get("Z").map(String::as_str), Some("b"));
}
