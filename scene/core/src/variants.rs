//! `KHR_materials_variants`: named material sets (a shoe in "beach" or "midnight"), and
//! switching a scene's primitives between them.

use crate::ids::{MaterialId, MeshId};

/// The materials one primitive takes in the variants that name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantMapping {
    /// The mesh holding the primitive.
    pub mesh: MeshId,
    /// The primitive's index within the mesh.
    pub primitive: usize,
    /// The primitive's own material, worn when no variant is selected or the selected
    /// one does not name this primitive (`None`: glTF's default material).
    pub default_material: Option<MaterialId>,
    /// `(variant index into [`MaterialVariants::names`], material)` pairs, at most one
    /// per variant.
    pub materials: Vec<(usize, MaterialId)>,
}

impl VariantMapping {
    /// The material this primitive wears in `variant` (`None` selects the default).
    pub fn material_for(&self, variant: Option<usize>) -> Option<MaterialId> {
        variant
            .and_then(|v| self.materials.iter().find(|(i, _)| *i == v))
            .map_or(self.default_material, |(_, m)| Some(*m))
    }
}

/// A scene's material variants: their names, which primitives they change, and which
/// one is selected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MaterialVariants {
    /// The variant names, in file order (a name given twice is selected by its first
    /// index).
    pub names: Vec<String>,
    /// One entry per primitive that some variant changes.
    pub mappings: Vec<VariantMapping>,
    pub(crate) selected: Option<usize>,
}

impl MaterialVariants {
    /// True when the scene has no variants.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The index of the variant called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Adds `other`'s variants, as [`Scene::append_assets`] does with a model's: names
    /// already known are shared (one selection switches every model that has it), new
    /// names are added, and meshes and materials are shifted by the given offsets.
    pub(crate) fn merge(&mut self, other: &MaterialVariants, mesh_offset: u32, material_offset: u32) {
        let index: Vec<usize> = other
            .names
            .iter()
            .map(|name| {
                self.index_of(name).unwrap_or_else(|| {
                    self.names.push(name.clone());
                    self.names.len() - 1
                })
            })
            .collect();
        let material = |m: MaterialId| MaterialId(m.0 + material_offset);
        for mapping in &other.mappings {
            self.mappings.push(VariantMapping {
                mesh: MeshId(mapping.mesh.0 + mesh_offset),
                primitive: mapping.primitive,
                default_material: mapping.default_material.map(material),
                materials: mapping
                    .materials
                    .iter()
                    .filter_map(|&(v, m)| Some((*index.get(v)?, material(m))))
                    .collect(),
            });
        }
    }
}
