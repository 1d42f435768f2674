//! `KHR_materials_variants`: the variant names on the root and each mapped primitive's
//! `mappings`. A primitive is written wearing its default material, whatever variant the
//! scene has selected, so the file's own default is the scene's.

use super::error::ExportError;
use museion_scene::{MaterialId, Scene, VariantMapping};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The extension's name.
pub(crate) const NAME: &str = "KHR_materials_variants";

/// The root's `KHR_materials_variants` object, or `None` when the scene has no
/// variants.
pub(crate) fn root(scene: &Scene) -> Option<Value> {
    let names = scene.variant_names();
    if names.is_empty() {
        return None;
    }
    let variants: Vec<Value> = names.iter().map(|name| json!({ "name": name })).collect();
    Some(json!({ "variants": variants }))
}

/// Gives the written primitive `object` (primitive `primitive` of mesh `mesh`) its
/// default material and its `mappings`, when a variant maps it. A mapping to a material
/// the scene does not have is an error.
pub(crate) fn annotate(
    scene: &Scene,
    mesh: usize,
    primitive: usize,
    object: &mut Map<String, Value>,
    at: &str,
    used: &mut BTreeSet<&'static str>,
) -> Result<(), ExportError> {
    let mappings = scene
        .variants
        .mappings
        .iter()
        .filter(|m| m.mesh.index() == mesh && m.primitive == primitive);
    let mut written = Vec::new();
    for mapping in mappings {
        let check = |material: MaterialId| {
            if material.index() < scene.materials.len() {
                Ok(material.index())
            } else {
                Err(ExportError::DanglingReference {
                    from: format!("{at} variant mapping"),
                    kind: "material",
                    index: material.index(),
                    count: scene.materials.len(),
                })
            }
        };
        match mapping.default_material {
            Some(material) => object.insert("material".into(), json!(check(material)?)),
            None => object.remove("material"),
        };
        written.extend(entries(scene, mapping, check)?);
    }
    if !written.is_empty() {
        object.insert("extensions".into(), json!({ NAME: { "mappings": written } }));
        used.insert(NAME);
    }
    Ok(())
}

/// The `mappings` entries of one primitive: one per material, listing its variants in
/// order. Variant indices past the scene's names are left out.
fn entries(
    scene: &Scene,
    mapping: &VariantMapping,
    check: impl Fn(MaterialId) -> Result<usize, ExportError>,
) -> Result<Vec<Value>, ExportError> {
    let mut by_material: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(variant, material) in &mapping.materials {
        if variant >= scene.variant_names().len() {
            log::warn!("variant {variant} of a mapping is not in the scene's names; left out");
            continue;
        }
        let material = check(material)?;
        match by_material.iter_mut().find(|(m, _)| *m == material) {
            Some((_, variants)) => variants.push(variant),
            None => by_material.push((material, vec![variant])),
        }
    }
    Ok(by_material
        .into_iter()
        .map(|(material, variants)| json!({ "material": material, "variants": variants }))
        .collect())
}
