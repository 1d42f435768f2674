//! Choosing a scene's material variant (`KHR_materials_variants`): the `Scene` methods
//! over its [`MaterialVariants`](crate::MaterialVariants).

use crate::error::{Error, Result};
use crate::scene::Scene;

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
    use crate::{Material, MaterialId, Mesh, MeshId, Node, VariantMapping, shapes};
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
