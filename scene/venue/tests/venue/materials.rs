//! Material layers in venues: glass cases are transmissive by default, paintings can be
//! varnished, frames lacquered and seats upholstered (from the file's materials and the
//! library), and every new key is checked with the file's line and column.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::errors::{ARTWORK, ROOMS, check, error};
use museion_scene::glam::Vec3;
use museion_scene::{AlphaMode, Clearcoat, Material, Scene};
use museion_testkit::venue as common;
use museion_venue as venue;

/// Compiles `text` in a folder holding `art.png` and `bust.glb`.
fn compile(text: &str) -> Scene {
    let dir = tempfile::tempdir().unwrap();
    common::write_png(&dir.path().join("art.png"), 200, 100);
    common::write_pyramid(&dir.path().join("bust.glb"));
    let doc = venue::parse(text, "venue.toml").unwrap_or_else(|e| panic!("{e}"));
    venue::compile(&doc, dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .scene
}

fn material<'a>(scene: &'a Scene, name: &str) -> &'a Material {
    scene
        .materials
        .iter()
        .find(|m| m.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no material {name}"))
}

/// The material of the first primitive of the mesh of the node called `node`, and of
/// its primitive `primitive`.
fn material_of<'a>(scene: &'a Scene, node: &str, primitive: usize) -> &'a Material {
    let id = scene.find_node(node).unwrap_or_else(|| panic!("no node {node}"));
    let mesh = scene.node(id).unwrap().mesh.unwrap();
    let material = scene.meshes[mesh.index()].primitives[primitive].material.unwrap();
    &scene.materials[material.index()]
}

#[test]
fn glass_cases_are_thin_walled_and_transmissive_by_default() {
    let scene = compile(&format!(
        "{ROOMS}\n[[models]]\nid = \"bust\"\nroom = \"atrium\"\nmodel = \"bust.glb\"\nposition = [3, 0, 2]\ncase = true\n"
    ));
    let case = scene
        .nodes()
        .filter_map(|(_, n)| n.mesh)
        .flat_map(|m| scene.meshes[m.index()].primitives.iter())
        .filter_map(|p| p.material)
        .map(|m| &scene.materials[m.index()])
        .find(|m| m.name.as_deref() == Some("glass"))
        .expect("the case's panes wear the library glass");
    assert_eq!(case.transmission.map(|t| t.factor), Some(1.0));
    assert!(case.volume.is_none_or(|v| v.is_thin_walled()), "thin-walled");
    assert_eq!(case.ior, 1.5);
    assert_eq!(case.alpha_mode, AlphaMode::Opaque);
    assert_eq!(case.base_color_factor.w, 1.0);
    assert!(
        case.base_color_factor.truncate().min_element() > 0.9,
        "nearly clear"
    );
    assert!(case.roughness_factor <= 0.1 && case.metallic_factor == 0.0);
    assert!(case.double_sided);
}

#[test]
fn paintings_can_be_varnished_and_frames_lacquered() {
    let scene = compile(&format!(
        "{ROOMS}{ARTWORK}varnish = true\nframe = {{ material = \"lacquered_wood\" }}\n"
    ));
    let canvas = material(&scene, "artwork:bather");
    assert_eq!(
        canvas.clearcoat,
        Some(Clearcoat {
            factor: 1.0,
            roughness_factor: 0.15,
            ..Clearcoat::default()
        })
    );
    let frame = material_of(&scene, "artwork:bather", 1);
    assert_eq!(frame.name.as_deref(), Some("lacquered_wood"));
    let lacquer = frame.clearcoat.unwrap();
    assert_eq!((lacquer.factor, lacquer.roughness_factor), (1.0, 0.05));
    assert!(
        frame.base_color_texture.is_some(),
        "the wood pattern under the lacquer"
    );

    let scene = compile(&format!(
        "{ROOMS}{ARTWORK}varnish = {{ amount = 0.5, roughness = 0.4 }}\n"
    ));
    let coat = material(&scene, "artwork:bather").clearcoat.unwrap();
    assert_eq!((coat.factor, coat.roughness_factor), (0.5, 0.4));
    // No varnish unless asked for; the default frame is not lacquered.
    let scene = compile(&format!("{ROOMS}{ARTWORK}"));
    assert_eq!(material(&scene, "artwork:bather").clearcoat, None);
    assert_eq!(material_of(&scene, "artwork:bather", 1).clearcoat, None);
}

#[test]
fn file_materials_add_clearcoat_sheen_and_transmission() {
    let scene = compile(&format!(
        r#"{ROOMS}
[materials.varnished_gold]
based_on = "gilded_frame"
clearcoat = 0.8
clearcoat_roughness = 0.2

[materials.bench_seat]
based_on = "fabric"
sheen_color = [1.0, 0.5, 0.0]
sheen_roughness = 0.3

[materials.green_velvet]
based_on = "velvet"
sheen_color = [0.5, 1.0, 0.5]

[materials.frosted]
based_on = "glass"
roughness = 0.4
transmission = 0.8

[materials.no_glass]
based_on = "glass"
transmission = 0
"#
    ));
    let gold = material(&scene, "varnished_gold");
    let coat = gold.clearcoat.unwrap();
    assert_eq!((coat.factor, coat.roughness_factor), (0.8, 0.2));
    assert_eq!(gold.metallic_factor, 1.0, "the library's metal under the varnish");

    let seat = material(&scene, "bench_seat").sheen.unwrap();
    // sRGB 0.5 is linear 0.214.
    assert!(
        seat.color_factor.abs_diff_eq(Vec3::new(1.0, 0.214, 0.0), 1e-3),
        "{}",
        seat.color_factor
    );
    assert_eq!(seat.roughness_factor, 0.3);
    // A library sheen keeps its roughness when only the colour changes.
    let velvet = material(&scene, "green_velvet").sheen.unwrap();
    assert!(
        velvet
            .color_factor
            .abs_diff_eq(Vec3::new(0.214, 1.0, 0.214), 1e-3)
    );
    assert_eq!(velvet.roughness_factor, 0.5);

    let frosted = material(&scene, "frosted");
    assert_eq!(frosted.transmission.map(|t| t.factor), Some(0.8));
    assert_eq!(frosted.roughness_factor, 0.4);
    assert_eq!(material(&scene, "no_glass").transmission, None);
}

#[test]
fn the_library_has_upholstery_and_lacquer() {
    let names = venue::library_material_names();
    for name in ["glass", "velvet", "lacquered_wood"] {
        assert!(names.contains(&name), "{name}");
    }
    let scene = compile(&format!(
        "{ROOMS}\n[[props]]\nid = \"cushion\"\nroom = \"atrium\"\nshape = \"box\"\nposition = [2, 0, 2]\nmaterial = \"velvet\"\n"
    ));
    let velvet = material(&scene, "velvet");
    let sheen = velvet.sheen.unwrap();
    assert!(sheen.color_factor.max_element() > 0.0 && sheen.roughness_factor == 0.5);
    assert!(velvet.base_color_texture.is_some());
}

#[test]
fn bad_layer_keys_are_reported_at_their_values() {
    // Lines 1–7 are the rooms; line 8 is blank; the material starts at line 9.
    let e = error(&format!("{ROOMS}\n[materials.m]\nclearcoat = 1.5\n"));
    check(&e, 10, 13, "clearcoat must be from 0 to 1", "a fraction: 0 to 1");
    let e = error(&format!("{ROOMS}\n[materials.m]\nclearcoat_roughness = 0.2\n"));
    check(
        &e,
        10,
        23,
        "material \"m\" has clearcoat_roughness but no clearcoat",
        "add `clearcoat = 1.0`",
    );
    let e = error(&format!("{ROOMS}\n[materials.m]\nsheen_color = [1, 0]\n"));
    check(
        &e,
        10,
        15,
        "sheen_color of material \"m\" must be 3 numbers from 0 to 1",
        "write sRGB",
    );
    let e = error(&format!("{ROOMS}\n[materials.m]\nsheen_roughness = 0.5\n"));
    check(
        &e,
        10,
        19,
        "has sheen_roughness but no sheen_color",
        "base it on \"velvet\"",
    );
    let e = error(&format!("{ROOMS}\n[materials.m]\ntransmission = -1\n"));
    check(&e, 10, 16, "transmission must be from 0 to 1", "a fraction");
    // Artwork lines: 8 blank, 9 [[artworks]], …, 15 image, 16 varnish.
    let e = error(&format!("{ROOMS}{ARTWORK}varnish = {{ amount = 2 }}\n"));
    check(&e, 16, 22, "varnish amount must be from 0 to 1", "a fraction");
    let e = error(&format!("{ROOMS}{ARTWORK}varnish = {{ gloss = 1 }}\n"));
    check(&e, 16, 13, "unknown key `gloss`", "`amount`, `roughness`");
}

#[test]
fn the_documented_example_varnishes_its_painting_and_cases_its_vase_in_glass() {
    let dir = tempfile::tempdir().unwrap();
    let scene = venue::load(common::write_example(dir.path()))
        .unwrap_or_else(|e| panic!("{e}"))
        .scene;
    let canvas = material(&scene, "artwork:sunflowers");
    assert_eq!(
        canvas.clearcoat.map(|c| (c.factor, c.roughness_factor)),
        Some((1.0, 0.15))
    );
    assert_eq!(
        material(&scene, "glass").transmission.map(|t| t.factor),
        Some(1.0)
    );
}

#[test]
fn models_bring_their_material_variants_shared_by_name() {
    use museion_scene::{MaterialId, MeshId, Node, VariantMapping, shapes};
    let dir = tempfile::tempdir().unwrap();
    let mut model = Scene::new();
    for name in ["canvas", "leather"] {
        model.add_material(Material {
            name: Some(name.into()),
            ..Material::default()
        });
    }
    let mut block = shapes::cuboid(Vec3::splat(0.2));
    block.material = Some(MaterialId(0));
    let mesh = model.add_mesh(museion_scene::Mesh::new(None, vec![block]));
    model.add_node(Node::new().with_mesh(mesh), None).unwrap();
    model.variants.names = vec!["leather".into()];
    model.variants.mappings.push(VariantMapping {
        mesh: MeshId(0),
        primitive: 0,
        default_material: Some(MaterialId(0)),
        materials: vec![(0, MaterialId(1))],
    });
    // Two files (each imported and copied once), the first placed twice.
    for file in ["shoe.glb", "boot.glb"] {
        museion_gltf::write_glb(&model, dir.path().join(file)).unwrap();
    }
    let place = |id: &str, file: &str, x: f32| {
        format!(
            "\n[[models]]\nid = \"{id}\"\nroom = \"atrium\"\nmodel = \"{file}\"\nposition = [{x}, 0, 2]\n"
        )
    };
    let text = format!(
        "{ROOMS}{}{}{}",
        place("left", "shoe.glb", 1.5),
        place("right", "shoe.glb", 3.0),
        place("boot", "boot.glb", 4.5)
    );
    std::fs::write(dir.path().join("venue.toml"), text).unwrap();
    let mut scene = venue::load(dir.path().join("venue.toml"))
        .unwrap_or_else(|e| panic!("{e}"))
        .scene;
    assert_eq!(scene.variant_names(), ["leather"], "one name for both files");
    assert_eq!(scene.variants.mappings.len(), 2, "one mapping per file's copy");
    let worn = |scene: &Scene| -> Vec<String> {
        let mut names: Vec<String> = scene
            .variants
            .mappings
            .iter()
            .map(|m| {
                let id = scene.meshes[m.mesh.index()].primitives[m.primitive]
                    .material
                    .unwrap();
                scene.materials[id.index()].name.clone().unwrap()
            })
            .collect();
        names.sort();
        names
    };
    assert_eq!(worn(&scene), ["canvas", "canvas"]);
    scene.select_variant(Some("leather")).unwrap();
    assert_eq!(worn(&scene), ["leather", "leather"]);
}
