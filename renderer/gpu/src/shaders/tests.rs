//! Every WGSL module composes and validates with naga, without a GPU; imports name what
//! a module uses, and nothing is defined twice.

use super::{SHARED_MODULES, ShaderSource, all};
use std::collections::BTreeMap;
use wgpu::naga;

/// Every file of `shaders/`, shared modules first.
fn every_module() -> Vec<ShaderSource> {
    SHARED_MODULES.into_iter().chain(all()).collect()
}

fn compose(source: ShaderSource) -> naga::Module {
    source
        .compose()
        .unwrap_or_else(|report| panic!("{} does not compose:\n{report}", source.name))
}

fn validate(name: &str, module: &naga::Module) {
    let mut validator = naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::default(),
    );
    if let Err(e) = validator.validate(module) {
        panic!("{name}: {e:?}");
    }
}

/// `module_path` and the item names of each `#import module_path::item` or
/// `#import module_path::{item, item}` line of `code`.
fn imports(code: &str) -> Vec<(&str, Vec<&str>)> {
    code.lines()
        .filter_map(|line| line.trim().strip_prefix("#import "))
        .map(|import| match import.split_once("::{") {
            Some((path, items)) => (
                path,
                items.trim_end_matches('}').split(',').map(str::trim).collect(),
            ),
            None => {
                let (path, item) = import.rsplit_once("::").expect("an import names an item");
                (path, vec![item])
            }
        })
        .collect()
}

/// The identifiers of `code` outside comments and preprocessor lines.
fn identifiers(code: &str) -> Vec<&str> {
    code.lines()
        .filter(|line| !line.trim().starts_with('#'))
        .map(|line| line.split("//").next().unwrap_or_default())
        .flat_map(|line| line.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|word| !word.is_empty())
        .collect()
}

/// The import path a shared module declares.
fn import_path(code: &str) -> Option<&str> {
    code.lines()
        .find_map(|line| line.trim().strip_prefix("#define_import_path "))
        .map(str::trim)
}

#[test]
fn every_module_composes_and_validates() {
    let entries = all();
    assert_eq!(entries.len(), 14);
    for source in entries {
        let module = compose(source);
        assert!(
            !module.entry_points.is_empty(),
            "{} has no entry point",
            source.name
        );
        validate(source.name, &module);
    }
    for source in SHARED_MODULES {
        validate(source.name, &compose(source));
    }
}

#[test]
fn every_file_in_the_shader_folder_is_a_module() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shaders");
    let modules = every_module();
    for entry in std::fs::read_dir(&folder).expect("the shader folder") {
        let path = entry.expect("a folder entry").path();
        if path.extension().is_some_and(|e| e == "wgsl") {
            let text = std::fs::read_to_string(&path).expect("a WGSL file");
            assert!(
                modules.iter().any(|m| m.code == text),
                "{} is not used by the renderer",
                path.display()
            );
        }
    }
}

#[test]
fn shared_modules_are_named_after_their_files_and_entry_modules_are_not_importable() {
    for source in SHARED_MODULES {
        let stem = source.name.trim_end_matches(".wgsl");
        assert_eq!(
            import_path(source.code),
            Some(format!("museion::{stem}").as_str())
        );
    }
    for source in all() {
        assert_eq!(
            import_path(source.code),
            None,
            "{} is an entry module",
            source.name
        );
    }
}

#[test]
fn modules_import_only_items_they_use_from_shared_modules() {
    let paths: Vec<&str> = SHARED_MODULES
        .iter()
        .filter_map(|s| import_path(s.code))
        .collect();
    for source in every_module() {
        let used = identifiers(source.code);
        let mut seen = Vec::new();
        for (path, items) in imports(source.code) {
            assert!(paths.contains(&path), "{}: no shared module {path}", source.name);
            for item in items {
                assert!(
                    used.contains(&item),
                    "{}: imports {path}::{item} unused",
                    source.name
                );
                assert!(!seen.contains(&item), "{}: imports {item} twice", source.name);
                seen.push(item);
            }
        }
    }
}

#[test]
fn nothing_is_defined_in_two_modules() {
    // A module composed on its own keeps its own items' names; naga_oil renames what it
    // imports (`PI` becomes `PIX_naga_oil_mod_X...X`).
    let mut defined_in: BTreeMap<String, &str> = BTreeMap::new();
    for source in every_module() {
        let module = compose(source);
        let constants = module.constants.iter().filter_map(|(_, c)| c.name.clone());
        let functions = module.functions.iter().filter_map(|(_, f)| f.name.clone());
        let structs = module.types.iter().filter_map(|(_, t)| t.name.clone());
        for name in constants.chain(functions).chain(structs) {
            if name.contains("X_naga_oil_mod_X") {
                continue;
            }
            if let Some(first) = defined_in.insert(name.clone(), source.name) {
                panic!("{name} is defined in {first} and in {}", source.name);
            }
        }
    }
    assert!(defined_in.contains_key("PI"));
}

#[test]
fn the_forward_shader_composes_with_every_layer_alone_and_all_together() {
    // The material layers and the frame's features (renderer's forward.rs).
    let layers = [
        "CLEARCOAT",
        "SHEEN",
        "TRANSMISSION",
        "IRIDESCENCE",
        "ANISOTROPY",
        "SPECULAR_TEXTURES",
        "CORE_TEXTURES",
        "PROBES",
        "SHADOWS",
        "ILLUMINANCE_VIEW",
    ];
    let source = super::pbr();
    for defs in layers.iter().map(std::slice::from_ref).chain([&layers[..]]) {
        let module = source
            .compose_with(defs)
            .unwrap_or_else(|report| panic!("pbr.wgsl with {defs:?}:\n{report}"));
        validate("pbr.wgsl", &module);
    }
}
