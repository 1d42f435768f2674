//! The import graph of a crate's top-level modules, for tests that keep it free of
//! cycles: data flows one way inside a crate as it does between crates.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module of a crate and the modules it imports.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The code of a file without its `//` comments (doc comments name modules in links
/// that are no imports) and without its inline test modules (`#[cfg(test)] mod x { … }`:
/// tests may reach anywhere, and are not part of the build).
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let code = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    without_inline_tests(&code)
}

/// `code` with every `#[cfg(test)]` module written inline cut out, braces matched.
fn without_inline_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        let after = &rest[at + "#[cfg(test)]".len()..];
        let item = after.trim_start();
        let inline =
            item.starts_with("mod ") && item.find(['{', ';']).is_some_and(|i| item.as_bytes()[i] == b'{');
        if !inline {
            out.push_str(&rest[..at + "#[cfg(test)]".len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        let open = item.find('{').unwrap_or(0);
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, c) in item.char_indices().skip(open) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The files of test-only modules declared in `file` (`#[cfg(test)] mod x;`, with or
/// without a `#[path]`), which the build leaves out.
fn test_module_files(file: &Path) -> Vec<PathBuf> {
    let text = fs::read_to_string(file).unwrap_or_default();
    let dir = file.parent().unwrap_or(Path::new(""));
    let owns_dir = file
        .file_name()
        .is_some_and(|n| n == "lib.rs" || n == "mod.rs" || n == "main.rs");
    let children = if owns_dir {
        dir.to_path_buf()
    } else {
        dir.join(file.file_stem().unwrap_or_default())
    };
    let mut found = Vec::new();
    for (at, _) in text.match_indices("#[cfg(test)]") {
        let mut item = text[at + "#[cfg(test)]".len()..].trim_start();
        let mut path_attribute = None;
        if let Some(attribute) = item.strip_prefix("#[path = \"") {
            let end = attribute.find('"').unwrap_or(0);
            path_attribute = Some(&attribute[..end]);
            item = attribute[end..].trim_start_matches(['"', ']']).trim_start();
        }
        let Some(declared) = item.strip_prefix("mod ") else {
            continue;
        };
        let name = identifier(declared);
        if !declared[name.len()..].trim_start().starts_with(';') {
            continue;
        }
        match path_attribute {
            Some(path) => found.push(dir.join(path)),
            None => {
                found.push(children.join(format!("{name}.rs")));
                found.push(children.join(name).join("mod.rs"));
            }
        }
    }
    found
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

/// The module (or re-exported names) each path from the crate root in `code` names
/// first: `crate::` paths, and `root` (`super::` as often as the file is deep) paths.
fn root_paths<'a>(code: &'a str, root: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    for prefix in ["crate::", root] {
        if prefix.is_empty() {
            continue;
        }
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            // `super::super::x` seen through a shorter prefix is not the crate root.
            if prefix != "crate::" && (code[..at].ends_with("super::") || rest.starts_with("super::")) {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                found.extend(group.split(',').map(|item| identifier(item.trim())));
            } else {
                found.push(identifier(rest));
            }
        }
    }
    found
}

/// What `super::` spelled as often as it takes to reach the crate root from `file`
/// (`src/a.rs` and `src/a/mod.rs`: once; `src/a/b.rs`: twice).
fn super_to_root(src: &Path, file: &Path) -> String {
    let depth = file.strip_prefix(src).map_or(1, |rel| rel.components().count());
    let is_mod = file.file_name().is_some_and(|n| n == "mod.rs");
    "super::".repeat(depth - usize::from(is_mod))
}

/// The import graph of the top-level modules of the crate whose sources are in `src`
/// (its `lib.rs` declares them): an edge for every `crate::<module>` path, every path
/// through `super::` to the crate root, and every name the root re-exports from a module.
pub fn graph(src: &Path) -> Graph {
    let lib = code(&src.join("lib.rs"));
    let mut all = Vec::new();
    rust_files(src, &mut all);
    let test_only: BTreeSet<PathBuf> = all.iter().flat_map(|file| test_module_files(file)).collect();
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
        files.retain(|file| !test_only.contains(file));
        if files.is_empty() {
            continue; // a test-only module
        }
        let edges = graph.entry(module.clone()).or_default();
        for file in &files {
            let root = super_to_root(src, file);
            for name in root_paths(&code(file), &root) {
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
pub fn cycle_from(graph: &Graph, start: &str) -> Option<Vec<String>> {
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

/// Every cycle of the graph, each as `a -> b -> … ` (one per module on a cycle).
pub fn cycles(graph: &Graph) -> Vec<String> {
    graph
        .keys()
        .filter_map(|module| cycle_from(graph, module))
        .map(|cycle| cycle.join(" -> "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source folders of the workspace's library crates.
    fn library_sources() -> Vec<PathBuf> {
        let root = crate::workspace_root();
        let mut sources = Vec::new();
        for layer in ["scene", "renderer", "engine"] {
            for entry in fs::read_dir(root.join(layer)).into_iter().flatten().flatten() {
                let src = entry.path().join("src");
                if src.join("lib.rs").is_file() {
                    sources.push(src);
                }
            }
        }
        sources
    }

    #[test]
    fn every_crate_s_top_level_modules_import_each_other_without_cycles() {
        let sources = library_sources();
        assert!(sources.len() >= 10, "crates found: {sources:?}");
        for src in sources {
            let found = cycles(&graph(&src));
            assert!(
                found.is_empty(),
                "import cycles in {}:\n{}",
                src.display(),
                found.join("\n")
            );
        }
    }

    #[test]
    fn nothing_in_the_renderer_imports_the_renderer_module() {
        let graph = graph(&crate::workspace_root().join("renderer/core/src"));
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
    }

    #[test]
    fn the_graph_sees_imports_through_paths_groups_super_and_root_names() {
        let paths = root_paths(
            "use crate::{forward, error::Result};\nlet x = crate::Renderer::new;",
            "",
        );
        assert_eq!(paths, ["forward", "error", "Renderer"]);
        let paths = root_paths("use super::world::World;\nuse super::super::x::Y;", "super::");
        assert_eq!(paths, ["world"]);
        let lib = "mod a;\npub mod b;\npub use a::{X, Y};\npub use b::Z;";
        let modules = modules(lib);
        assert_eq!(modules.iter().collect::<Vec<_>>(), ["a", "b"]);
        let names = root_names(lib, &modules);
        assert_eq!(names.get("Y").map(String::as_str), Some("a"));
        assert_eq!(names.get("Z").map(String::as_str), Some("b"));
        let src = Path::new("src");
        assert_eq!(super_to_root(src, Path::new("src/a.rs")), "super::");
        assert_eq!(super_to_root(src, Path::new("src/a/mod.rs")), "super::");
        assert_eq!(super_to_root(src, Path::new("src/a/b.rs")), "super::super::");
    }

    #[test]
    fn test_modules_are_no_part_of_the_graph() {
        let code = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n    fn f() { if true { } }\n}\nuse crate::c;";
        let kept = without_inline_tests(code);
        assert_eq!(root_paths(&kept, ""), ["a", "c"]);
        let dir = std::env::temp_dir().join(format!("museion-module-graph-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.join("world.rs");
        let text = "#[cfg(test)]\nmod world_tests;\n#[cfg(test)]\n#[path = \"halls_tests.rs\"]\nmod tests;\nmod real;";
        fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        let found = test_module_files(&file);
        fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            found,
            [
                dir.join("world/world_tests.rs"),
                dir.join("world/world_tests/mod.rs"),
                dir.join("halls_tests.rs")
            ]
        );
    }

    #[test]
    fn a_cycle_is_found_and_named() {
        let mut graph = Graph::new();
        graph.entry("a".into()).or_default().insert("b".into());
        graph.entry("b".into()).or_default().insert("c".into());
        graph.entry("c".into()).or_default().insert("a".into());
        graph.entry("d".into()).or_default().insert("a".into());
        assert_eq!(cycles(&graph), ["a -> b -> c", "b -> c -> a", "c -> a -> b"]);
    }
}
