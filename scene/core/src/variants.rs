//! `KHR_materials_variants`: named material sets (a shoe in "beach" or "midnight"), and
//! switching a scene's primitives between them.

use crate::error::{Error, Result};
use crate::ids::{MaterialId, MeshId};
use crate::scene::Scene;

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
    selected: Option<usize>,
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

impl Scene {
    /// The names of the scene's material variants, in file order (empty when it has
    /// none).
    pub fn variant_names(&self) -> &[String] {
        &self.variants.names
    }

    /// The selected variant's name, or `None` when every primitive wears its default.
    pub fn selected_variant(&self) -> Option<&str> {
        self.variants
            .selected
            .and_then(|i| self.variants.names.get(i))
            .map(String::as_str)
    }

    /// Selects the variant called `name`: every primitive it names switches to its
    /// material there, every other mapped primitive goes back to its default, and
    /// primitives without a mapping are untouched. `None` restores every default.
    ///
    /// Fails with [`Error::UnknownVariant`], changing nothing, when no variant has that
    /// name.
    pub fn select_variant(&mut self, name: Option<&str>) -> Result<()> {
        let selected = match name {
            None => None,
            Some(name) => Some(
                self.variants
                    .index_of(name)
                    .ok_or_else(|| Error::UnknownVariant {
                        name: name.to_owned(),
                        known: self.variants.names.clone(),
                    })?,
            ),
        };
        for mapping in &self.variants.mappings {
            let primitive = self
                .meshes
                .get_mut(mapping.mesh.index())
                .and_then(|mesh| mesh.primitives.get_mut(mapping.primitive));
            if let Some(primitive) = primitive {
                primitive.material = mapping.material_for(selected);
            }
        }
        self.variants.selected = selected;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Material, Mesh, Node, shapes};
    use glam::Vec3;

    /// Two meshes of one primitive each: the first mapped (default material 0, "red" →
    /// 1, "blue" → 2), the second unmapped with material 0.
    fn scene() -> Scene {
        let mut scene = Scene::new();
        for _ in 0..3 {
            scene.add_material(Material::default());
        }
        for _ in 0..2 {
            let mut primitive = shapes::cuboid(Vec3::ONE);
            primitive.material = Some(MaterialId(0));
            let mesh = scene.add_mesh(Mesh::new(None, vec![primitive]));
            scene.add_node(Node::new().with_mesh(mesh), None).expect("root");
        }
        scene.variants.names = vec!["red".into(), "blue".into(), "green".into()];
        scene.variants.mappings.push(VariantMapping {
            mesh: MeshId(0),
            primitive: 0,
            default_material: Some(MaterialId(0)),
            materials: vec![(0, MaterialId(1)), (1, MaterialId(2))],
        });
        scene
    }

    fn materials(scene: &Scene) -> [Option<MaterialId>; 2] {
        [0, 1].map(|m| scene.meshes[m].primitives[0].material)
    }

    #[test]
    fn selecting_switches_mapped_primitives_and_none_restores_defaults() {
        let mut scene = scene();
        assert_eq!(scene.variant_names(), ["red", "blue", "green"]);
        scene.select_variant(Some("blue")).expect("known");
        assert_eq!(scene.selected_variant(), Some("blue"));
        assert_eq!(materials(&scene), [Some(MaterialId(2)), Some(MaterialId(0))]);
        // "green" names no primitive: the mapped one goes back to its default.
        scene.select_variant(Some("green")).expect("known");
        assert_eq!(materials(&scene), [Some(MaterialId(0)), Some(MaterialId(0))]);
        scene.select_variant(Some("red")).expect("known");
        assert_eq!(materials(&scene), [Some(MaterialId(1)), Some(MaterialId(0))]);
        scene.select_variant(None).expect("always");
        assert_eq!(scene.selected_variant(), None);
        assert_eq!(materials(&scene), [Some(MaterialId(0)), Some(MaterialId(0))]);
    }

    #[test]
    fn an_unknown_name_fails_listing_the_known_ones_and_changes_nothing() {
        let mut scene = scene();
        scene.select_variant(Some("red")).expect("known");
        let error = scene.select_variant(Some("purple")).expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "no material variant is called \"purple\"; the scene has: red, blue, green"
        );
        assert_eq!(scene.selected_variant(), Some("red"));
        assert_eq!(materials(&scene)[0], Some(MaterialId(1)));
        let error = Scene::new().select_variant(Some("red")).expect_err("none");
        assert!(
            error.to_string().ends_with("the scene has no variants"),
            "{error}"
        );
    }

    #[test]
    fn appending_shares_names_and_shifts_meshes_and_materials() {
        let mut host = scene();
        let mut model = scene();
        model.variants.names = vec!["blue".into(), "gold".into()];
        model.variants.mappings[0].materials = vec![(0, MaterialId(1)), (1, MaterialId(2))];
        host.append(model, None).expect("appended");
        assert_eq!(host.variant_names(), ["red", "blue", "green", "gold"]);
        let appended = &host.variants.mappings[1];
        assert_eq!((appended.mesh, appended.primitive), (MeshId(2), 0));
        assert_eq!(appended.default_material, Some(MaterialId(3)));
        assert_eq!(appended.materials, [(1, MaterialId(4)), (3, MaterialId(5))]);
        host.select_variant(Some("blue")).expect("known");
        assert_eq!(host.meshes[0].primitives[0].material, Some(MaterialId(2)));
        assert_eq!(host.meshes[2].primitives[0].material, Some(MaterialId(4)));
    }
}
