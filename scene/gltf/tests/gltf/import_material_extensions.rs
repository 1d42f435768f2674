//! The `KHR_materials_*` extensions that add lobes and layers, and
//! `KHR_materials_variants`, against hand-written documents: every value and texture slot
//! (with its colour space and `KHR_texture_transform`), the defaults when a key or the
//! whole extension is absent, ranges clamped with warnings, malformed JSON and bad
//! references as errors, variant mappings and selection.

use crate::support::*;
use museion_gltf::{Error, ImportOptions, import_slice};
use museion_scene::glam::{Vec2, Vec3};
use museion_scene::{
    Anisotropy, Clearcoat, ColorSpace, Iridescence, Material, MaterialId, Sheen, Specular, Transmission,
    Volume,
};
use serde_json::{Value, json};

/// A quad with normals and UVs (set 0 only) wearing `material`.
fn quad(g: &mut Gltf, material: Value) -> Value {
    let positions = g.positions(&[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]);
    let normals = g.floats(&[0.0, 0.0, 1.0].repeat(4), "VEC3");
    let uvs = g.floats(&[0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0], "VEC2");
    let indices = g.indices_u16(&[0, 1, 2, 0, 2, 3]);
    json!({
        "attributes": { "POSITION": positions, "NORMAL": normals, "TEXCOORD_0": uvs },
        "indices": indices,
        "material": material,
    })
}

/// A document with four PNG textures, `material` as material 0, and a quad wearing it.
fn with_material(material: Value) -> Gltf {
    let mut g = Gltf::new();
    let image = g.image_in_buffer(&png(2, 2), "image/png");
    for _ in 0..4 {
        g.push("textures", json!({ "source": image }));
    }
    g.push("materials", material);
    let primitive = quad(&mut g, json!(0));
    g.mesh_node(primitive);
    g
}

fn try_import(g: &Gltf) -> Result<museion_gltf::Imported, Error> {
    import_slice(
        g.embedded().as_bytes(),
        "ext.gltf",
        None,
        &ImportOptions::default(),
    )
}

/// A `textureInfo` for texture `index` with a transform whose rotation tells slots apart.
fn info(index: u32, rotation: f32) -> Value {
    json!({
        "index": index,
        "extensions": { "KHR_texture_transform": { "offset": [0.5, 0.0], "rotation": rotation } }
    })
}

#[test]
fn every_extension_is_read_with_its_values_and_texture_slots() {
    let g = with_material(json!({
        "extensions": {
            "KHR_materials_ior": { "ior": 1.33 },
            "KHR_materials_specular": {
                "specularFactor": 0.5, "specularTexture": info(0, 1.0),
                "specularColorFactor": [2.0, 0.5, 0.25], "specularColorTexture": info(1, 2.0)
            },
            "KHR_materials_clearcoat": {
                "clearcoatFactor": 0.8, "clearcoatTexture": info(2, 3.0),
                "clearcoatRoughnessFactor": 0.1, "clearcoatRoughnessTexture": info(3, 4.0),
                "clearcoatNormalTexture": { "index": 0, "scale": 0.5 }
            },
            "KHR_materials_sheen": {
                "sheenColorFactor": [0.9, 0.1, 0.2], "sheenColorTexture": info(1, 5.0),
                "sheenRoughnessFactor": 0.6, "sheenRoughnessTexture": info(2, 6.0)
            },
            "KHR_materials_transmission": { "transmissionFactor": 0.9, "transmissionTexture": info(3, 7.0) },
            "KHR_materials_volume": {
                "thicknessFactor": 0.02, "thicknessTexture": info(0, 8.0),
                "attenuationDistance": 0.5, "attenuationColor": [0.9, 0.8, 0.7]
            },
            "KHR_materials_iridescence": {
                "iridescenceFactor": 0.7, "iridescenceTexture": info(1, 9.0), "iridescenceIor": 1.8,
                "iridescenceThicknessMinimum": 200, "iridescenceThicknessMaximum": 800,
                "iridescenceThicknessTexture": info(2, 10.0)
            },
            "KHR_materials_anisotropy": {
                "anisotropyStrength": 0.75, "anisotropyRotation": 1.5, "anisotropyTexture": info(3, 11.0)
            },
            "KHR_materials_dispersion": { "dispersion": 0.4 }
        }
    }));
    let imported = import(&g);
    assert!(
        imported.report.warnings.is_empty(),
        "{:?}",
        imported.report.warnings
    );
    let m = &imported.scene.materials[0];
    assert_eq!(m.ior, 1.33);
    assert_eq!(m.dispersion, 0.4);
    let s = m.specular.expect("specular");
    assert_eq!((s.factor, s.color_factor), (0.5, Vec3::new(2.0, 0.5, 0.25)));
    let c = m.clearcoat.expect("clearcoat");
    assert_eq!((c.factor, c.roughness_factor, c.normal_scale), (0.8, 0.1, 0.5));
    let sh = m.sheen.expect("sheen");
    assert_eq!(
        (sh.color_factor, sh.roughness_factor),
        (Vec3::new(0.9, 0.1, 0.2), 0.6)
    );
    assert_eq!(m.transmission.expect("transmission").factor, 0.9);
    let v = m.volume.expect("volume");
    assert_eq!(
        (v.thickness_factor, v.attenuation_distance, v.attenuation_color),
        (0.02, 0.5, Vec3::new(0.9, 0.8, 0.7))
    );
    assert!(!v.is_thin_walled());
    let i = m.iridescence.expect("iridescence");
    assert_eq!(
        (i.factor, i.ior, i.thickness_minimum, i.thickness_maximum),
        (0.7, 1.8, 200.0, 800.0)
    );
    let a = m.anisotropy.expect("anisotropy");
    assert_eq!((a.strength, a.rotation), (0.75, 1.5));

    // (slot, texture, rotation of its transform, colour space); rotation 0: no transform.
    let expected = [
        ("specularTexture", 0, 1.0, ColorSpace::Linear),
        ("specularColorTexture", 1, 2.0, ColorSpace::Srgb),
        ("clearcoatTexture", 2, 3.0, ColorSpace::Linear),
        ("clearcoatRoughnessTexture", 3, 4.0, ColorSpace::Linear),
        ("clearcoatNormalTexture", 0, 0.0, ColorSpace::Linear),
        ("sheenColorTexture", 1, 5.0, ColorSpace::Srgb),
        ("sheenRoughnessTexture", 2, 6.0, ColorSpace::Linear),
        ("transmissionTexture", 3, 7.0, ColorSpace::Linear),
        ("thicknessTexture", 0, 8.0, ColorSpace::Linear),
        ("iridescenceTexture", 1, 9.0, ColorSpace::Linear),
        ("iridescenceThicknessTexture", 2, 10.0, ColorSpace::Linear),
        ("anisotropyTexture", 3, 11.0, ColorSpace::Linear),
    ];
    let slots: Vec<_> = m.texture_slots().collect();
    assert_eq!(slots.len(), expected.len(), "{slots:?}");
    for ((name, slot), (want, texture, rotation, space)) in slots.iter().zip(expected) {
        assert_eq!(*name, want);
        assert_eq!(slot.texture.index(), texture, "{name}");
        assert_eq!(slot.transform.rotation, rotation, "{name}");
        let offset = if rotation == 0.0 {
            Vec2::ZERO
        } else {
            Vec2::new(0.5, 0.0)
        };
        assert_eq!(slot.transform.offset, offset, "{name}");
        assert_eq!(slot.color_space, space, "{name}");
    }
    // The clearcoat normal map (and the anisotropy map) read tangents: generated.
    assert!(first_primitive(&imported).tangents.is_some());
}

#[test]
fn absent_extensions_and_keys_take_the_specification_defaults() {
    let imported = import(&with_material(json!({})));
    let m = &imported.scene.materials[0];
    assert_eq!(m, &Material::default());
    assert_eq!((m.ior, m.dispersion), (1.5, 0.0));
    assert!(m.specular.is_none() && m.clearcoat.is_none() && m.sheen.is_none());
    assert!(m.transmission.is_none() && m.volume.is_none());
    assert!(m.iridescence.is_none() && m.anisotropy.is_none());
    assert!(first_primitive(&imported).tangents.is_none());

    let empty = json!({});
    let g = with_material(json!({
        "extensions": {
            "KHR_materials_ior": empty, "KHR_materials_specular": empty,
            "KHR_materials_clearcoat": empty, "KHR_materials_sheen": empty,
            "KHR_materials_transmission": empty, "KHR_materials_volume": empty,
            "KHR_materials_iridescence": empty, "KHR_materials_anisotropy": empty,
            "KHR_materials_dispersion": empty
        }
    }));
    let imported = import(&g);
    assert!(
        imported.report.warnings.is_empty(),
        "{:?}",
        imported.report.warnings
    );
    let m = &imported.scene.materials[0];
    assert_eq!((m.ior, m.dispersion), (1.5, 0.0));
    assert_eq!(m.specular, Some(Specular::default()));
    assert_eq!(m.clearcoat, Some(Clearcoat::default()));
    assert_eq!(m.sheen, Some(Sheen::default()));
    assert_eq!(m.transmission, Some(Transmission::default()));
    assert_eq!(m.volume, Some(Volume::default()));
    assert_eq!(m.iridescence, Some(Iridescence::default()));
    assert_eq!(m.anisotropy, Some(Anisotropy::default()));
    assert_eq!(m.volume.unwrap().attenuation_distance, f32::INFINITY);
    assert_eq!(m.texture_slots().count(), 0);
}

#[test]
fn out_of_range_values_are_clamped_with_a_warning_each() {
    let g = with_material(json!({
        "extensions": {
            "KHR_materials_ior": { "ior": 0.5 },
            "KHR_materials_specular": { "specularFactor": 2.0, "specularColorFactor": [-1.0, 3.0, 1.0] },
            "KHR_materials_clearcoat": { "clearcoatFactor": -0.5, "clearcoatRoughnessFactor": 1.5 },
            "KHR_materials_sheen": { "sheenColorFactor": [2.0, 0.5, 0.5] },
            "KHR_materials_transmission": { "transmissionFactor": 1.25 },
            "KHR_materials_volume": { "thicknessFactor": -1.0, "attenuationDistance": 0 },
            "KHR_materials_iridescence": { "iridescenceIor": 0.5, "iridescenceThicknessMinimum": -5 },
            "KHR_materials_anisotropy": { "anisotropyStrength": 4.0 },
            "KHR_materials_dispersion": { "dispersion": -1 }
        }
    }));
    let imported = import(&g);
    let m = &imported.scene.materials[0];
    assert_eq!(m.ior, 1.0);
    let s = m.specular.unwrap();
    assert_eq!((s.factor, s.color_factor), (1.0, Vec3::new(0.0, 3.0, 1.0)));
    let c = m.clearcoat.unwrap();
    assert_eq!((c.factor, c.roughness_factor), (0.0, 1.0));
    assert_eq!(m.sheen.unwrap().color_factor, Vec3::new(1.0, 0.5, 0.5));
    assert_eq!(m.transmission.unwrap().factor, 1.0);
    let v = m.volume.unwrap();
    assert_eq!((v.thickness_factor, v.attenuation_distance), (0.0, f32::INFINITY));
    let i = m.iridescence.unwrap();
    assert_eq!((i.ior, i.thickness_minimum), (1.0, 0.0));
    assert_eq!(m.anisotropy.unwrap().strength, 1.0);
    assert_eq!(m.dispersion, 0.0);
    let pointers: Vec<&str> = imported
        .report
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    let e = "/materials/0/extensions";
    let expected = [
        format!("{e}/KHR_materials_ior/ior"),
        format!("{e}/KHR_materials_specular/specularFactor"),
        format!("{e}/KHR_materials_specular/specularColorFactor"),
        format!("{e}/KHR_materials_clearcoat/clearcoatFactor"),
        format!("{e}/KHR_materials_clearcoat/clearcoatRoughnessFactor"),
        format!("{e}/KHR_materials_sheen/sheenColorFactor"),
        format!("{e}/KHR_materials_transmission/transmissionFactor"),
        format!("{e}/KHR_materials_volume/attenuationDistance"),
        format!("{e}/KHR_materials_volume/thicknessFactor"),
        format!("{e}/KHR_materials_iridescence/iridescenceIor"),
        format!("{e}/KHR_materials_iridescence/iridescenceThicknessMinimum"),
        format!("{e}/KHR_materials_anisotropy/anisotropyStrength"),
        format!("{e}/KHR_materials_dispersion/dispersion"),
    ];
    assert_eq!(pointers, expected);
    // An ior of 0 is valid: an infinitely dense medium.
    let zero = with_material(json!({ "extensions": { "KHR_materials_ior": { "ior": 0 } } }));
    let imported = import(&zero);
    assert_eq!(imported.scene.materials[0].ior, 0.0);
    assert!(imported.report.warnings.is_empty());
}

#[test]
fn malformed_extensions_and_dangling_textures_are_errors_naming_the_place() {
    let cases = [
        (
            json!({ "KHR_materials_sheen": { "sheenColorFactor": "red" } }),
            "/materials/0/extensions/KHR_materials_sheen",
        ),
        (
            json!({ "KHR_materials_clearcoat": { "clearcoatTexture": { "index": 9 } } }),
            "/materials/0/extensions/KHR_materials_clearcoat/clearcoatTexture/index",
        ),
        (
            json!({ "KHR_materials_ior": { "ior": 1e300 } }),
            "/materials/0/extensions/KHR_materials_ior/ior",
        ),
    ];
    for (extensions, pointer) in cases {
        let g = with_material(json!({ "extensions": extensions }));
        let error = try_import(&g).expect_err("refused");
        let at = error.location().expect("located");
        assert_eq!(at.pointer, pointer, "{error}");
    }
}

#[test]
fn used_extensions_are_supported_and_not_warned_about() {
    let mut g = with_material(json!({ "extensions": { "KHR_materials_sheen": {} } }));
    let names = [
        "KHR_materials_anisotropy",
        "KHR_materials_clearcoat",
        "KHR_materials_dispersion",
        "KHR_materials_ior",
        "KHR_materials_iridescence",
        "KHR_materials_sheen",
        "KHR_materials_specular",
        "KHR_materials_transmission",
        "KHR_materials_variants",
        "KHR_materials_volume",
    ];
    g.json["extensionsUsed"] = json!(names);
    g.json["extensionsRequired"] = json!(["KHR_materials_volume"]);
    let imported = import(&g);
    assert!(
        imported.report.warnings.is_empty(),
        "{:?}",
        imported.report.warnings
    );
    for name in names {
        assert!(museion_gltf::SUPPORTED_EXTENSIONS.contains(&name), "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// KHR_materials_variants
// ---------------------------------------------------------------------------------------

/// Materials 0 (default), 1 ("leather", with a normal map) and 2 ("canvas"); a mapped
/// quad (mesh 0) and an unmapped one (mesh 1), both wearing material 0.
fn variants_document() -> Gltf {
    let mut g = with_material(json!({ "name": "default" }));
    g.push(
        "materials",
        json!({ "name": "leather", "normalTexture": { "index": 0 } }),
    );
    g.push("materials", json!({ "name": "canvas" }));
    g.json["extensionsUsed"] = json!(["KHR_materials_variants"]);
    g.json["extensions"] = json!({
        "KHR_materials_variants": { "variants": [{ "name": "leather" }, { "name": "canvas" }, { "name": "bare" }] }
    });
    g.json["meshes"][0]["primitives"][0]["extensions"] = json!({
        "KHR_materials_variants": { "mappings": [
            { "material": 1, "variants": [0] },
            { "material": 2, "variants": [1] }
        ] }
    });
    let primitive = quad(&mut g, json!(0));
    g.mesh_node(primitive);
    g
}

#[test]
fn variants_are_imported_and_selected_by_name() {
    let mut imported = import(&variants_document());
    assert!(
        imported.report.warnings.is_empty(),
        "{:?}",
        imported.report.warnings
    );
    let scene = &mut imported.scene;
    assert_eq!(scene.variant_names(), ["leather", "canvas", "bare"]);
    let mapping = &scene.variants.mappings[0];
    assert_eq!((mapping.mesh.index(), mapping.primitive), (0, 0));
    assert_eq!(mapping.default_material, Some(MaterialId(0)));
    assert_eq!(mapping.materials, [(0, MaterialId(1)), (1, MaterialId(2))]);
    assert_eq!(scene.variants.mappings.len(), 1, "the second quad has no mapping");
    // The default material has no normal map, but "leather" has: tangents are ready.
    assert!(scene.meshes[0].primitives[0].tangents.is_some());
    assert!(scene.meshes[1].primitives[0].tangents.is_none());

    let worn = |scene: &museion_scene::Scene| {
        [0, 1].map(|m| {
            let id = scene.meshes[m].primitives[0].material.expect("a material");
            scene.materials[id.index()].name.clone().unwrap_or_default()
        })
    };
    scene.select_variant(Some("canvas")).expect("known");
    assert_eq!(worn(scene), ["canvas", "default"]);
    scene.select_variant(Some("leather")).expect("known");
    assert_eq!(worn(scene), ["leather", "default"]);
    scene.select_variant(Some("bare")).expect("known");
    assert_eq!(worn(scene), ["default", "default"]);
    scene.select_variant(Some("leather")).expect("known");
    scene.select_variant(None).expect("always");
    assert_eq!(worn(scene), ["default", "default"]);
    let error = scene.select_variant(Some("suede")).expect_err("unknown");
    assert!(error.to_string().contains("leather, canvas, bare"), "{error}");
}

#[test]
fn bad_variant_mappings_are_errors_and_repeats_are_warnings() {
    let mut g = variants_document();
    g.json["meshes"][0]["primitives"][0]["extensions"]["KHR_materials_variants"]["mappings"][1]["variants"] =
        json!([3]);
    let error = try_import(&g).expect_err("variant 3 of 3");
    assert!(matches!(error, Error::IndexOutOfRange { .. }), "{error}");
    assert_eq!(
        error.location().expect("located").pointer,
        "/meshes/0/primitives/0/extensions/KHR_materials_variants/mappings/1/variants/0"
    );

    let mut g = variants_document();
    g.json["meshes"][0]["primitives"][0]["extensions"]["KHR_materials_variants"]["mappings"][0]["material"] =
        json!(7);
    let error = try_import(&g).expect_err("material 7 of 3");
    assert!(matches!(error, Error::IndexOutOfRange { .. }), "{error}");

    let mut g = variants_document();
    g.json["extensions"]["KHR_materials_variants"] = json!({ "variants": [{ "label": "x" }] });
    let error = try_import(&g).expect_err("no name");
    assert_eq!(
        error.location().expect("located").pointer,
        "/extensions/KHR_materials_variants"
    );

    let mut g = variants_document();
    g.json["extensions"]["KHR_materials_variants"]["variants"][2]["name"] = json!("leather");
    g.json["meshes"][0]["primitives"][0]["extensions"]["KHR_materials_variants"]["mappings"][1]["variants"] =
        json!([1, 0]);
    let mut imported = import(&g);
    let warnings: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("/extensions/KHR_materials_variants/variants/2/name"));
    assert!(warnings[1].contains("mappings/1/variants/1"), "{warnings:?}");
    // The first mapping of variant 0 wins; the name given twice selects the first.
    imported.scene.select_variant(Some("leather")).expect("known");
    assert_eq!(
        imported.scene.meshes[0].primitives[0].material,
        Some(MaterialId(1))
    );
}
