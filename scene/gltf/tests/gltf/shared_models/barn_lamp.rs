//! AnisotropyBarnLamp: counts, bounds and no warnings (every extension it uses is supported),
//! materials with emissive strength, anisotropy, clearcoat, transmission and volume, KTX2
//! textures and samplers, node transforms, and tangents kept from the file (none generated where
//! no slot reads them).

use super::{
    Expected, LINEAR_MIPMAP_LINEAR_REPEAT, MAT, Mat, NO_COUNTS, Prim, assert_pixel, assert_trs, check_images,
    check_materials, check_model, check_textures, load, node_by_name, prim,
};
use museion_gltf::{DocumentCounts, Imported};
use museion_scene::glam::Vec3;
use museion_scene::{ColorSpace, ImageSourceFormat, MeshId};
use std::sync::OnceLock;

model!(barn_lamp, "AnisotropyBarnLamp/AnisotropyBarnLamp.gltf");

#[rustfmt::skip]
const BARN_LAMP_PRIMS: &[Prim] = &[
    prim(0, 0, 6803, 25257, 0, [-0.104619145, -0.172301471, -2.43595832e-06], [0.08619007, 0.056946706, 0.226538792]),
    prim(1, 0, 140, 840, 1, [-0.0193775147, -0.170719177, 0.122564256], [8.701398e-05, -0.12128906, 0.142439723]),
    prim(2, 0, 769, 4512, 2, [-0.03568878, -0.198292032, 0.106095724], [0.01725974, -0.0980222151, 0.15841879]),
];

const BARN_LAMP: Expected = Expected {
    file: "AnisotropyBarnLamp",
    generator: Some("3ds Max, Max2Babylon, Visual Studio Code, glTF Tools"),
    extensions_used: &[
        "KHR_materials_anisotropy",
        "KHR_materials_clearcoat",
        "KHR_materials_emissive_strength",
        "KHR_materials_transmission",
        "KHR_materials_volume",
    ],
    // len() of nodes, meshes, Σ primitives, materials, textures, images, samplers, accessors.
    counts: DocumentCounts {
        nodes: 3,
        meshes: 3,
        primitives: 3,
        materials: 3,
        textures: 4,
        images: 4,
        samplers: 1,
        accessors: 11,
        ..NO_COUNTS
    },
    scene_nodes: &["Lamp Metal", "Lamp Filament", "Lamp Glass"],
    mesh_nodes: &[("Lamp Metal", 0), ("Lamp Filament", 1), ("Lamp Glass", 2)],
    // (25257 + 840 + 4512) / 3; 6803 + 140 + 769. Nodes have no transform.
    triangles: 10203,
    vertices: 7712,
    bounds: (
        [-0.104619145, -0.198292032, -2.43595832e-06],
        [0.08619007, 0.056946706, 0.226538792],
    ),
    primitives: BARN_LAMP_PRIMS,
    // Every entry of extensionsUsed is in museion_gltf::SUPPORTED_EXTENSIONS.
    warnings: &[],
};

#[test]
fn barn_lamp_counts_geometry_bounds_instances_and_warnings() {
    check_model(&BARN_LAMP, barn_lamp());
}

#[test]
fn barn_lamp_material_extensions() {
    let materials = &barn_lamp().scene.materials;
    // Lamp Metal: KHR_materials_anisotropy { anisotropyStrength 1, anisotropyRotation 0,
    // anisotropyTexture 3 } and KHR_materials_clearcoat { clearcoatFactor 0.25,
    // clearcoatRoughnessFactor 0.15, clearcoatNormalTexture 0 }.
    let metal = &materials[0];
    let anisotropy = metal.anisotropy.expect("anisotropy");
    assert_eq!((anisotropy.strength, anisotropy.rotation), (1.0, 0.0));
    let texture = anisotropy.texture.expect("anisotropyTexture");
    assert_eq!(
        (texture.texture.index(), texture.color_space),
        (3, ColorSpace::Linear)
    );
    let clearcoat = metal.clearcoat.expect("clearcoat");
    assert_eq!((clearcoat.factor, clearcoat.roughness_factor), (0.25, 0.15));
    assert_eq!(clearcoat.normal_texture.map(|t| t.texture.index()), Some(0));
    assert_eq!(clearcoat.normal_scale, 1.0);
    assert!(clearcoat.texture.is_none() && clearcoat.roughness_texture.is_none());
    assert!(metal.transmission.is_none() && metal.volume.is_none());
    // Lamp Glass: KHR_materials_transmission { transmissionFactor 1 } and
    // KHR_materials_volume { thicknessFactor 0.01 }; the rest default.
    let glass = &materials[2];
    assert_eq!(glass.transmission.map(|t| t.factor), Some(1.0));
    let volume = glass.volume.expect("volume");
    assert_eq!(volume.thickness_factor, 0.01);
    assert_eq!(volume.attenuation_distance, f32::INFINITY);
    assert_eq!(volume.attenuation_color, Vec3::ONE);
    assert_eq!(glass.ior, 1.5);
    assert!(glass.clearcoat.is_none() && glass.anisotropy.is_none());
    // Lamp Filament has none of them.
    let filament = &materials[1];
    assert!(filament.anisotropy.is_none() && filament.clearcoat.is_none());
    assert!(filament.transmission.is_none() && filament.volume.is_none());
}

#[test]
fn barn_lamp_materials_textures_samplers_and_ktx2_images() {
    let m = barn_lamp();
    // materials[0..3] of the JSON. Lamp Filament: baseColorFactor [0.09, 0.09, 0.09, 1],
    // metallic 0, roughness 0.7, emissiveFactor [1, 0.5, 0.25],
    // KHR_materials_emissive_strength.emissiveStrength 25.
    check_materials(
        "AnisotropyBarnLamp",
        m,
        &[
            Mat {
                name: "Lamp Metal",
                base_tex: Some((2, 0)),
                mr_tex: Some((1, 0)),
                normal_tex: Some((0, 0)),
                occlusion_tex: Some((1, 0)),
                ..MAT
            },
            Mat {
                name: "Lamp Filament",
                base: [0.09, 0.09, 0.09, 1.0],
                metallic: 0.0,
                roughness: 0.7,
                emissive: [1.0, 0.5, 0.25],
                emissive_strength: 25.0,
                ..MAT
            },
            Mat {
                name: "Lamp Glass",
                metallic: 0.0,
                roughness: 0.0,
                ..MAT
            },
        ],
    );
    check_textures(
        "AnisotropyBarnLamp",
        m,
        &[
            (Some("AnisotropyBarnLamp_normalbump.ktx2"), 0),
            (Some("AnisotropyBarnLamp_occlusionroughnessmetal.ktx2"), 1),
            (Some("AnisotropyBarnLamp_basecolor.jpeg"), 2),
            (Some("AnisotropyBarnLamp_anisotropy.ktx2"), 3),
        ],
    );
    assert_eq!(m.scene.samplers, vec![LINEAR_MIPMAP_LINEAR_REPEAT]);
    // KTX2 header: vkFormat 23 (R8G8B8_UNORM), supercompressionScheme 2 (zstd), one
    // level; pixelWidth/pixelHeight at bytes 20 and 24. JPEG: SOF0 1024x1024.
    check_images(
        "AnisotropyBarnLamp",
        m,
        &[
            (
                Some("AnisotropyBarnLamp_normalbump.ktx2"),
                1024,
                1024,
                ImageSourceFormat::Ktx2,
            ),
            (
                Some("AnisotropyBarnLamp_occlusionroughnessmetal.ktx2"),
                512,
                512,
                ImageSourceFormat::Ktx2,
            ),
            (
                Some("AnisotropyBarnLamp_basecolor.jpeg"),
                1024,
                1024,
                ImageSourceFormat::Jpeg,
            ),
            (
                Some("AnisotropyBarnLamp_anisotropy.ktx2"),
                512,
                512,
                ImageSourceFormat::Ktx2,
            ),
        ],
    );
    // Texels of level 0 unpacked with `zstd -d` (RGB rows, top first: the files carry
    // no KTXorientation), alpha 255.
    assert_pixel(m, 0, 0, 0, [127, 127, 255, 255]);
    assert_pixel(m, 0, 679, 623, [116, 126, 246, 255]);
    assert_pixel(m, 0, 679, 801, [137, 126, 255, 255]);
    assert_pixel(m, 1, 0, 0, [255, 71, 255, 255]);
    assert_pixel(m, 1, 255, 300, [254, 91, 255, 255]);
    assert_pixel(m, 1, 511, 511, [211, 94, 0, 255]);
    assert_pixel(m, 3, 255, 300, [150, 253, 255, 255]);
    assert_pixel(m, 3, 511, 511, [141, 254, 255, 255]);
}

#[test]
fn barn_lamp_nodes_and_tangents() {
    let m = barn_lamp();
    let scene = &m.scene;
    for (name, mesh) in [("Lamp Metal", 0), ("Lamp Filament", 1), ("Lamp Glass", 2)] {
        // No translation, rotation or scale in the file.
        assert_trs(scene, name, [0.0; 3], [0.0, 0.0, 0.0, 1.0], [1.0; 3]);
        let node = scene.node(node_by_name(scene, name)).expect("live");
        assert_eq!(node.mesh, Some(MeshId(mesh)));
    }
    assert_eq!(scene.roots().len(), 3);
    // Lamp Metal has TANGENT in the file (and a normal map): kept, no vertices split.
    let metal = &scene.meshes[0].primitives[0];
    assert_eq!(metal.tangents.as_ref().map(Vec::len), Some(6803));
    assert_eq!(metal.vertex_count(), 6803);
    assert!(metal.uv0.is_some());
    // Filament and glass have no normal map and no TANGENT: none generated.
    assert!(scene.meshes[1].primitives[0].tangents.is_none());
    assert!(scene.meshes[2].primitives[0].tangents.is_none());
    assert_eq!(scene.meshes[1].primitives[0].vertex_count(), 140);
    assert_eq!(scene.meshes[2].primitives[0].vertex_count(), 769);
}
