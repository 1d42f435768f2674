//! `KHR_materials_variants`: the variant names of the document's root and the mappings
//! of each primitive (which material it wears in which variants).

use super::Warning;
use super::context::Context;
use crate::error::Error;
use gltf::json::mesh::Primitive as PrimitiveJson;
use museion_scene::{Material, MaterialId, MaterialVariants, Mesh, MeshId, TextureRef, VariantMapping};
use serde::Deserialize;
use serde_json::Value;

const NAME: &str = "KHR_materials_variants";

#[derive(Deserialize)]
struct RootJson {
    variants: Vec<VariantJson>,
}

#[derive(Deserialize)]
struct VariantJson {
    name: String,
}

#[derive(Deserialize)]
struct PrimitiveVariantsJson {
    mappings: Vec<MappingJson>,
}

#[derive(Deserialize)]
struct MappingJson {
    material: u32,
    variants: Vec<u32>,
}

/// The primitive's `KHR_materials_variants` object, if it has one.
fn primitive_extension(json: &PrimitiveJson) -> Option<&Value> {
    json.extensions.as_ref()?.others.get(NAME)
}

/// The variants of the document, with a mapping for every primitive of `meshes` (the
/// converted meshes, in document order) that has one. Fails on a mapping that names a
/// material or variant the document does not have; warns for a variant a primitive maps
/// twice (the first mapping wins) and for a name given twice.
pub(crate) fn convert(
    ctx: &Context,
    meshes: &[Mesh],
    warnings: &mut Vec<Warning>,
) -> Result<MaterialVariants, Error> {
    let mut variants = MaterialVariants::default();
    let root = ctx.doc.extensions.as_ref().and_then(|e| e.others.get(NAME));
    if let Some(root) = root {
        let pointer = format!("/extensions/{NAME}");
        let parsed = RootJson::deserialize(root)
            .map_err(|e| ctx.invalid(&pointer, format!("malformed {NAME}: {e}")))?;
        for (i, variant) in parsed.variants.into_iter().enumerate() {
            if variants.index_of(&variant.name).is_some() {
                warnings.push(ctx.warning(
                    format!("{pointer}/variants/{i}/name"),
                    format!(
                        "variant name {:?} is given twice; selecting it picks the first",
                        variant.name
                    ),
                ));
            }
            variants.names.push(variant.name);
        }
    }
    for (m, mesh_json) in ctx.doc.meshes.iter().enumerate() {
        for (p, primitive_json) in mesh_json.primitives.iter().enumerate() {
            let Some(json) = primitive_extension(primitive_json) else {
                continue;
            };
            let pointer = format!("/meshes/{m}/primitives/{p}/extensions/{NAME}");
            let parsed = PrimitiveVariantsJson::deserialize(json)
                .map_err(|e| ctx.invalid(&pointer, format!("malformed {NAME}: {e}")))?;
            let mut mapping = VariantMapping {
                mesh: MeshId(m as u32),
                primitive: p,
                default_material: meshes.get(m).and_then(|mesh| mesh.primitives.get(p)?.material),
                materials: Vec::new(),
            };
            for (i, entry) in parsed.mappings.iter().enumerate() {
                let at = format!("{pointer}/mappings/{i}");
                ctx.get(
                    &ctx.doc.materials,
                    entry.material,
                    "material",
                    format!("{at}/material"),
                )?;
                for (j, &variant) in entry.variants.iter().enumerate() {
                    ctx.get(&variants.names, variant, "variant", format!("{at}/variants/{j}"))?;
                    let variant = variant as usize;
                    if mapping.materials.iter().any(|(v, _)| *v == variant) {
                        warnings.push(ctx.warning(
                            format!("{at}/variants/{j}"),
                            format!("variant {variant} is mapped twice for this primitive; the first mapping is kept"),
                        ));
                        continue;
                    }
                    mapping.materials.push((variant, MaterialId(entry.material)));
                }
            }
            variants.mappings.push(mapping);
        }
    }
    Ok(variants)
}

/// The texture slot a primitive's tangents should follow (see
/// [`Material::tangent_slot`]): that of its own material, else that of the first
/// material a variant maps it to. Mappings that name no valid material are skipped here
/// ([`convert`] reports them).
pub(crate) fn tangent_slot<'a>(
    json: &PrimitiveJson,
    material: Option<MaterialId>,
    materials: &'a [Material],
) -> Option<&'a TextureRef> {
    let own = material.and_then(|m| materials.get(m.index())?.tangent_slot());
    own.or_else(|| {
        let mappings = primitive_extension(json)?.get("mappings")?.as_array()?;
        mappings.iter().find_map(|mapping| {
            let index = usize::try_from(mapping.get("material")?.as_u64()?).ok()?;
            materials.get(index)?.tangent_slot()
        })
    })
}
