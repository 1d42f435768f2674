//! The glTF importer against every real third-party model in `../shared/gltf/` (beside
//! the checkout; see its CREDITS.md): AnisotropyBarnLamp, DamagedHelmet, FlightHelmet,
//! Fox, MorphStressTest and the four Kenney files.
//!
//! Every expected number was read off the files themselves with a small Python script,
//! independently of the importer: the JSON (a GLB's JSON chunk starts at byte 20, its
//! length is the u32 at byte 12), the accessors' `min`/`max` and `count`, the node TRS,
//! the PNG `IHDR`, JPEG `SOF` and KTX2 headers, and, for a few texels, PNG data inflated
//! with zlib and KTX2 levels unpacked with the `zstd` tool. Each constant says where it
//! comes from. The models are read in place and never copied into the repository; a
//! checkout without `../shared/gltf` fails here, it does not skip.

// Numbers are copied digit for digit from the files (and the Python that read them), so
// they can be found there again; f32 rounding of the extra digits is intended.
#![allow(clippy::excessive_precision)]

use museion_scene::glam::{Mat4, Quat, Vec3};
use museion_scene::gltf::{DocumentCounts, Imported};
use museion_scene::{
    Aabb, AlphaMode, AnimationProperty, ColorSpace, Filter, ImageId, ImageSourceFormat, Interpolation,
    MaterialId, MeshId, MinFilter, NodeId, Sampler, SamplerId, Scene, SkinId, TextureRef, Topology, WrapMode,
};
use std::path::PathBuf;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------
// Finding and loading the models
// ---------------------------------------------------------------------------------------

/// `../shared/gltf/<rel>` beside the checkout. Fails (never skips) when it is missing.
fn model_path(rel: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/gltf");
    let path = root.join(rel);
    assert!(
        path.is_file(),
        "test model {} not found: ../shared/gltf must sit beside the checkout (the shared test \
         models are read in place, never copied into the repository)",
        path.display()
    );
    path
}

fn load(rel: &str) -> Imported {
    let path = model_path(rel);
    museion_scene::gltf::import(&path).unwrap_or_else(|e| panic!("importing {}: {e}", path.display()))
}

/// One import per model, shared by the tests of that model.
macro_rules! model {
    ($name:ident, $rel:expr) => {
        fn $name() -> &'static Imported {
            static CELL: OnceLock<Imported> = OnceLock::new();
            CELL.get_or_init(|| load($rel))
        }
    };
}

model!(barn_lamp, "AnisotropyBarnLamp/AnisotropyBarnLamp.gltf");
model!(damaged_helmet, "DamagedHelmet/DamagedHelmet.gltf");
model!(flight_helmet, "FlightHelmet/FlightHelmet.gltf");
model!(fox, "Fox/Fox.glb");
model!(morph_stress, "MorphStressTest/MorphStressTest.gltf");
model!(alien, "Kenney/alien.glb");
model!(cake, "Kenney/cakeBirthday.glb");
model!(speeder, "Kenney/craft_speederD.gltf");
model!(tile, "Kenney/tile.glb");

// ---------------------------------------------------------------------------------------
// Small comparison helpers
// ---------------------------------------------------------------------------------------

fn close(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol
}

#[track_caller]
fn assert_vec3(actual: Vec3, expected: [f32; 3], tol: f32, what: &str) {
    let e = Vec3::from_array(expected);
    assert!(
        actual.abs_diff_eq(e, tol),
        "{what}: got {actual:?}, expected {e:?} (tolerance {tol})"
    );
}

/// Tolerance for a box: 1e-4 of its largest extent (relative to the model's size).
fn box_tol(min: [f32; 3], max: [f32; 3]) -> f32 {
    let extent = (0..3).map(|i| (max[i] - min[i]).abs()).fold(0.0f32, f32::max);
    1e-4 * extent.max(1e-3)
}

#[track_caller]
fn assert_box(actual: Aabb, min: [f32; 3], max: [f32; 3], what: &str) {
    let tol = box_tol(min, max);
    assert_vec3(actual.min, min, tol, &format!("{what} min"));
    assert_vec3(actual.max, max, tol, &format!("{what} max"));
}

/// The box of the eight corners of `aabb` moved by `m` (independent of `Aabb::transformed`).
fn corners_box(aabb: Aabb, m: &Mat4) -> Aabb {
    let mut out = Aabb::EMPTY;
    for i in 0..8 {
        let c = Vec3::new(
            if i & 1 == 0 { aabb.min.x } else { aabb.max.x },
            if i & 2 == 0 { aabb.min.y } else { aabb.max.y },
            if i & 4 == 0 { aabb.min.z } else { aabb.max.z },
        );
        out = out.including(m.transform_point3(c));
    }
    out
}

fn node_by_name(scene: &Scene, name: &str) -> NodeId {
    scene
        .find_node(name)
        .unwrap_or_else(|| panic!("no node named {name:?}"))
}

fn node_name(scene: &Scene, id: NodeId) -> Option<&str> {
    scene.node(id).and_then(|n| n.name.as_deref())
}

#[track_caller]
fn assert_trs(scene: &Scene, name: &str, t: [f32; 3], r: [f32; 4], s: [f32; 3]) {
    let node = scene.node(node_by_name(scene, name)).expect("live node");
    let tr = node.transform();
    assert_vec3(tr.translation, t, 1e-5, &format!("{name} translation"));
    assert_vec3(tr.scale, s, 1e-6, &format!("{name} scale"));
    let expected = Quat::from_array(r).normalize();
    // q and -q are the same rotation.
    assert!(
        tr.rotation.abs_diff_eq(expected, 1e-6) || tr.rotation.abs_diff_eq(-expected, 1e-6),
        "{name} rotation: got {:?}, expected {expected:?}",
        tr.rotation
    );
}

// ---------------------------------------------------------------------------------------
// What every model is checked for
// ---------------------------------------------------------------------------------------

/// One primitive as the file gives it: `POSITION` count, index count (the vertex count
/// when the file has no indices), material, and the `POSITION` accessor's `min`/`max`.
struct Prim {
    mesh: usize,
    primitive: usize,
    vertices: u32,
    indices: usize,
    material: Option<u32>,
    min: [f32; 3],
    max: [f32; 3],
}

const fn prim(
    mesh: usize,
    primitive: usize,
    vertices: u32,
    indices: usize,
    material: u32,
    min: [f32; 3],
    max: [f32; 3],
) -> Prim {
    Prim {
        mesh,
        primitive,
        vertices,
        indices,
        material: Some(material),
        min,
        max,
    }
}

struct Expected {
    file: &'static str,
    generator: Option<&'static str>,
    extensions_used: &'static [&'static str],
    counts: DocumentCounts,
    /// Names of the nodes of the default scene, depth first, parents before children.
    scene_nodes: &'static [&'static str],
    /// The nodes carrying a mesh, in hierarchy order: (node name, mesh index).
    mesh_nodes: &'static [(&'static str, u32)],
    /// Triangles: indices count / 3 per primitive, per instancing node.
    triangles: u64,
    /// `POSITION` count per primitive, per instancing node.
    vertices: u64,
    /// World box: the 8 corners of each primitive's accessor box moved by its node's
    /// world matrix (TRS composed down from the scene roots), boxed.
    bounds: ([f32; 3], [f32; 3]),
    /// Every primitive of every mesh of the document.
    primitives: &'static [Prim],
    /// Exact warnings: (JSON pointer, a word the message must contain).
    warnings: &'static [(&'static str, &'static str)],
}

/// Document counts with zero for what the Python dump showed absent. `samplers`,
/// `accessors` and `buffers` are given per model; `lights` is 0 everywhere (no
/// `KHR_lights_punctual`) and `scenes` is 1 everywhere.
#[allow(clippy::too_many_arguments)]
const fn counts(
    nodes: usize,
    meshes: usize,
    primitives: usize,
    materials: usize,
    textures: usize,
    images: usize,
    samplers: usize,
    accessors: usize,
    skins: usize,
    animations: usize,
) -> DocumentCounts {
    DocumentCounts {
        scenes: 1,
        nodes,
        meshes,
        primitives,
        materials,
        textures,
        images,
        samplers,
        accessors,
        buffers: 1,
        cameras: 0,
        lights: 0,
        skins,
        animations,
    }
}

fn check_model(e: &Expected, m: &Imported) {
    let file = e.file;
    let report = &m.report;
    let scene = &m.scene;

    assert_eq!(report.counts, e.counts, "{file}: document counts");
    assert_eq!(report.scene_index, Some(0), "{file}: the file's `scene` is 0");
    assert_eq!(
        report.generator.as_deref(),
        e.generator,
        "{file}: asset.generator"
    );
    assert_eq!(
        report.extensions_used, e.extensions_used,
        "{file}: extensionsUsed"
    );
    assert!(
        report.extensions_required.is_empty(),
        "{file}: no extensionsRequired"
    );

    // The node hierarchy of the default scene.
    let names: Vec<Option<&str>> = scene.traverse().map(|id| node_name(scene, id)).collect();
    let expected_names: Vec<Option<&str>> = e.scene_nodes.iter().map(|n| Some(*n)).collect();
    assert_eq!(names, expected_names, "{file}: scene nodes in depth-first order");
    assert_eq!(scene.node_count(), e.scene_nodes.len(), "{file}: imported nodes");

    // Meshes and primitives against the accessors.
    assert_eq!(scene.meshes.len(), e.counts.meshes, "{file}: meshes");
    let total: usize = scene.meshes.iter().map(|mesh| mesh.primitives.len()).sum();
    assert_eq!(total, e.primitives.len(), "{file}: primitives");
    assert_eq!(
        e.primitives.len(),
        e.counts.primitives,
        "{file}: table covers every primitive"
    );
    for p in e.primitives {
        let what = format!("{file}: mesh {} primitive {}", p.mesh, p.primitive);
        let got = &scene.meshes[p.mesh].primitives[p.primitive];
        assert_eq!(got.topology, Topology::Triangles, "{what}: topology");
        assert_eq!(got.source_vertex_count, p.vertices, "{what}: POSITION count");
        assert_eq!(got.indices.len(), p.indices, "{what}: index count");
        assert_eq!(got.triangle_count(), p.indices / 3, "{what}: triangles");
        assert_eq!(got.material, p.material.map(MaterialId), "{what}: material");
        assert_box(got.bounds.aabb, p.min, p.max, &format!("{what} bounds"));
        let n = got.vertex_count();
        assert!(
            got.indices.iter().all(|&i| (i as usize) < n),
            "{what}: index in range"
        );
        // Normals are present for triangles (from the file or generated) and unit length.
        assert_eq!(got.normals.len(), n, "{what}: one normal per vertex");
        for (v, normal) in got.normals.iter().enumerate() {
            assert!(
                close(normal.length(), 1.0, 1e-3),
                "{what}: normal {v} = {normal:?} is not unit length"
            );
        }
        for (name, len) in [
            ("tangents", got.tangents.as_ref().map(Vec::len)),
            ("uv0", got.uv0.as_ref().map(Vec::len)),
            ("uv1", got.uv1.as_ref().map(Vec::len)),
            ("colors", got.colors.as_ref().map(Vec::len)),
            ("joints", got.joints.as_ref().map(Vec::len)),
            ("weights", got.weights.as_ref().map(Vec::len)),
        ] {
            if let Some(len) = len {
                assert_eq!(len, n, "{what}: {name} per vertex");
            }
        }
        assert!(got.colors.is_none(), "{what}: no COLOR_0 in the file");
    }

    // Totals over the default scene.
    let stats = scene.stats();
    let primitive_instances: usize = e
        .mesh_nodes
        .iter()
        .map(|(_, mesh)| e.primitives.iter().filter(|p| p.mesh == *mesh as usize).count())
        .sum();
    assert_eq!(stats.nodes, e.scene_nodes.len(), "{file}: stats.nodes");
    assert_eq!(stats.mesh_instances, e.mesh_nodes.len(), "{file}: mesh_instances");
    assert_eq!(
        stats.primitive_instances, primitive_instances,
        "{file}: primitive_instances"
    );
    assert_eq!(stats.triangles, e.triangles, "{file}: triangles");
    assert_eq!(stats.vertices, e.vertices, "{file}: vertices");
    assert_box(
        stats.bounds,
        e.bounds.0,
        e.bounds.1,
        &format!("{file}: world bounds"),
    );

    // Instances: one per (mesh node, primitive), in hierarchy order, with world bounds
    // equal to the primitive's bounds moved by the node's world matrix.
    let instances: Vec<_> = scene.instances().collect();
    assert_eq!(instances.len(), primitive_instances, "{file}: instances");
    let mut expected_order = Vec::new();
    for (name, mesh) in e.mesh_nodes {
        let prims = scene.meshes[*mesh as usize].primitives.len();
        for primitive in 0..prims {
            expected_order.push((Some(*name), MeshId(*mesh), primitive));
        }
    }
    let got_order: Vec<_> = instances
        .iter()
        .map(|i| (node_name(scene, i.node), i.mesh, i.primitive))
        .collect();
    assert_eq!(got_order, expected_order, "{file}: instance order");
    let mut union = Aabb::EMPTY;
    for instance in &instances {
        let what = format!(
            "{file}: instance of mesh {:?} primitive {}",
            instance.mesh, instance.primitive
        );
        let world = scene.world_matrix(instance.node).expect("instance node is live");
        assert!(instance.world.abs_diff_eq(world, 1e-6), "{what}: world matrix");
        assert_eq!(
            scene.node(instance.node).and_then(|n| n.mesh),
            Some(instance.mesh),
            "{what}: mesh"
        );
        let primitive = &scene.meshes[instance.mesh.index()].primitives[instance.primitive];
        assert_eq!(instance.material, primitive.material, "{what}: material");
        let expected = corners_box(primitive.bounds.aabb, &world);
        assert_box(
            instance.bounds.aabb,
            expected.min.to_array(),
            expected.max.to_array(),
            &format!("{what} world bounds"),
        );
        union = union.union(instance.bounds.aabb);
    }
    assert_box(
        union,
        e.bounds.0,
        e.bounds.1,
        &format!("{file}: union of instance bounds"),
    );

    // Warnings: exactly those expected.
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        report.warnings.len(),
        e.warnings.len(),
        "{file}: warnings {warnings:#?}"
    );
    for (got, (pointer, word)) in report.warnings.iter().zip(e.warnings) {
        assert_eq!(got.pointer, *pointer, "{file}: warning {got}");
        assert!(
            got.message.contains(word),
            "{file}: warning {got} should mention {word}"
        );
    }
}

/// A material as the file gives it (glTF defaults where it is silent). Texture slots
/// are (texture index, texCoord).
#[derive(Clone, Copy)]
struct Mat {
    name: &'static str,
    base: [f32; 4],
    metallic: f32,
    roughness: f32,
    base_tex: Option<(u32, u32)>,
    mr_tex: Option<(u32, u32)>,
    normal_tex: Option<(u32, u32)>,
    occlusion_tex: Option<(u32, u32)>,
    emissive_tex: Option<(u32, u32)>,
    emissive: [f32; 3],
    emissive_strength: f32,
    alpha: AlphaMode,
    double_sided: bool,
    unlit: bool,
}

/// glTF's defaults for everything a material leaves out.
const MAT: Mat = Mat {
    name: "",
    base: [1.0; 4],
    metallic: 1.0,
    roughness: 1.0,
    base_tex: None,
    mr_tex: None,
    normal_tex: None,
    occlusion_tex: None,
    emissive_tex: None,
    emissive: [0.0; 3],
    emissive_strength: 1.0,
    alpha: AlphaMode::Opaque,
    double_sided: false,
    unlit: false,
};

#[track_caller]
fn check_slot(
    file: &str,
    slot: &str,
    got: Option<&TextureRef>,
    expected: Option<(u32, u32)>,
    cs: ColorSpace,
) {
    match (got, expected) {
        (None, None) => {}
        (Some(got), Some((texture, tex_coord))) => {
            assert_eq!(got.texture.0, texture, "{file}: {slot} texture index");
            assert_eq!(got.tex_coord, tex_coord, "{file}: {slot} texCoord");
            assert_eq!(got.color_space, cs, "{file}: {slot} colour space");
            assert!(
                got.transform.is_identity(),
                "{file}: {slot} has no KHR_texture_transform"
            );
        }
        (got, expected) => panic!("{file}: {slot}: got {got:?}, expected {expected:?}"),
    }
}

fn check_materials(file: &str, m: &Imported, expected: &[Mat]) {
    let materials = &m.scene.materials;
    assert_eq!(materials.len(), expected.len(), "{file}: materials");
    for (i, (got, e)) in materials.iter().zip(expected).enumerate() {
        let what = format!("{file}: material {i} ({})", e.name);
        assert_eq!(got.name.as_deref(), Some(e.name), "{what}: name");
        assert!(
            got.base_color_factor.abs_diff_eq(e.base.into(), 1e-6),
            "{what}: baseColorFactor {:?}",
            got.base_color_factor
        );
        assert!(
            close(got.metallic_factor, e.metallic, 1e-6),
            "{what}: metallicFactor"
        );
        assert!(
            close(got.roughness_factor, e.roughness, 1e-6),
            "{what}: roughnessFactor"
        );
        assert_vec3(
            got.emissive_factor,
            e.emissive,
            1e-6,
            &format!("{what}: emissiveFactor"),
        );
        assert!(
            close(got.emissive_strength, e.emissive_strength, 1e-6),
            "{what}: emissive strength {}",
            got.emissive_strength
        );
        assert_eq!(got.alpha_mode, e.alpha, "{what}: alphaMode");
        assert_eq!(got.double_sided, e.double_sided, "{what}: doubleSided");
        assert_eq!(got.unlit, e.unlit, "{what}: KHR_materials_unlit");
        assert!(close(got.normal_scale, 1.0, 0.0), "{what}: normalTexture.scale");
        assert!(
            close(got.occlusion_strength, 1.0, 0.0),
            "{what}: occlusion strength"
        );
        let srgb = ColorSpace::Srgb;
        let linear = ColorSpace::Linear;
        check_slot(
            &what,
            "baseColorTexture",
            got.base_color_texture.as_ref(),
            e.base_tex,
            srgb,
        );
        check_slot(
            &what,
            "metallicRoughnessTexture",
            got.metallic_roughness_texture.as_ref(),
            e.mr_tex,
            linear,
        );
        check_slot(
            &what,
            "normalTexture",
            got.normal_texture.as_ref(),
            e.normal_tex,
            linear,
        );
        check_slot(
            &what,
            "occlusionTexture",
            got.occlusion_texture.as_ref(),
            e.occlusion_tex,
            linear,
        );
        check_slot(
            &what,
            "emissiveTexture",
            got.emissive_texture.as_ref(),
            e.emissive_tex,
            srgb,
        );
    }
}

/// Textures: (name, image index), every one using sampler 0 in these files.
fn check_textures(file: &str, m: &Imported, expected: &[(Option<&str>, u32)]) {
    let textures = &m.scene.textures;
    assert_eq!(textures.len(), expected.len(), "{file}: textures");
    for (i, (got, (name, image))) in textures.iter().zip(expected).enumerate() {
        assert_eq!(got.name.as_deref(), *name, "{file}: texture {i} name");
        assert_eq!(got.image, Some(ImageId(*image)), "{file}: texture {i} image");
        assert_eq!(got.sampler, Some(SamplerId(0)), "{file}: texture {i} sampler");
    }
}

/// Images: (name, width, height, format) from the PNG IHDR / JPEG SOF / KTX2 header.
fn check_images(file: &str, m: &Imported, expected: &[(Option<&str>, u32, u32, ImageSourceFormat)]) {
    let images = &m.scene.images;
    assert_eq!(images.len(), expected.len(), "{file}: decoded images");
    for (i, (got, (name, w, h, format))) in images.iter().zip(expected).enumerate() {
        assert_eq!(got.name.as_deref(), *name, "{file}: image {i} name");
        assert_eq!((got.width, got.height), (*w, *h), "{file}: image {i} size");
        assert_eq!(got.source_format, *format, "{file}: image {i} format");
        assert_eq!(
            got.pixels.len(),
            (*w * *h * 4) as usize,
            "{file}: image {i} RGBA8 bytes"
        );
    }
}

/// `magFilter` 9729 (LINEAR), `minFilter` 9987 (LINEAR_MIPMAP_LINEAR), wraps absent
/// (10497, REPEAT): the one sampler of AnisotropyBarnLamp, FlightHelmet, Fox and
/// MorphStressTest.
const LINEAR_MIPMAP_LINEAR_REPEAT: Sampler = Sampler {
    mag_filter: Filter::Linear,
    min_filter: MinFilter {
        filter: Filter::Linear,
        mipmap: Some(Filter::Linear),
    },
    wrap_u: WrapMode::Repeat,
    wrap_v: WrapMode::Repeat,
};

#[track_caller]
fn assert_pixel(m: &Imported, image: usize, x: u32, y: u32, rgba: [u8; 4]) {
    let img = &m.scene.images[image];
    assert_eq!(
        img.pixel(x, y),
        Some(rgba),
        "image {image} ({:?}) texel ({x}, {y})",
        img.name
    );
}

// ---------------------------------------------------------------------------------------
// AnisotropyBarnLamp
// ---------------------------------------------------------------------------------------

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
    counts: counts(3, 3, 3, 3, 4, 4, 1, 11, 0, 0),
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
    // extensionsUsed[0, 1, 3, 4] are not in museion_scene::gltf::SUPPORTED_EXTENSIONS;
    // [2] (KHR_materials_emissive_strength) is.
    warnings: &[
        ("/extensionsUsed/0", "KHR_materials_anisotropy"),
        ("/extensionsUsed/1", "KHR_materials_clearcoat"),
        ("/extensionsUsed/3", "KHR_materials_transmission"),
        ("/extensionsUsed/4", "KHR_materials_volume"),
    ],
};

#[test]
fn barn_lamp_counts_geometry_bounds_instances_and_warnings() {
    check_model(&BARN_LAMP, barn_lamp());
}

#[test]
fn barn_lamp_warns_once_for_each_unsupported_extension_and_never_for_supported_ones() {
    let report = &barn_lamp().report;
    for name in [
        "KHR_materials_anisotropy",
        "KHR_materials_clearcoat",
        "KHR_materials_transmission",
        "KHR_materials_volume",
    ] {
        let naming = report
            .warnings
            .iter()
            .filter(|w| w.message.contains(name))
            .count();
        assert_eq!(naming, 1, "one warning names {name}: {:#?}", report.warnings);
    }
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.message.contains("KHR_materials_emissive_strength")),
        "KHR_materials_emissive_strength is supported: {:#?}",
        report.warnings
    );
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

// ---------------------------------------------------------------------------------------
// DamagedHelmet
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const DAMAGED_HELMET_PRIMS: &[Prim] = &[
    prim(0, 0, 14359, 46356, 0, [-0.944976985, -1.0, -0.900995016], [0.944976985, 1.0, 0.900973976]),
];

const DAMAGED_HELMET: Expected = Expected {
    file: "DamagedHelmet",
    generator: Some("Khronos Blender glTF 2.0 exporter"),
    extensions_used: &[],
    counts: counts(1, 1, 1, 1, 5, 5, 1, 4, 0, 0),
    scene_nodes: &["node_damagedHelmet_-6514"],
    mesh_nodes: &[("node_damagedHelmet_-6514", 0)],
    // 46356 / 3 and 14359.
    triangles: 15452,
    vertices: 14359,
    // Accessor box [-0.945, -1, -0.901]..[0.945, 1, 0.901] rotated by the node's
    // quaternion [0, 0.7071068, -0.7071068, 0] (180° about (0, 1, -1)): y and z swap.
    bounds: (
        [-0.944976985, -0.900973976, -1.0],
        [0.944976985, 0.900995016, 1.0],
    ),
    primitives: DAMAGED_HELMET_PRIMS,
    // No extension. No triangle has zero area, but 10 of the 15452 have a zero-area UV
    // triangle (both counted in Python), so their tangent is undefined: one warning
    // about the corners that got an arbitrary tangent.
    warnings: &[("/meshes/0/primitives/0", "tangent")],
};

#[test]
fn damaged_helmet_counts_geometry_bounds_instances_and_warnings() {
    check_model(&DAMAGED_HELMET, damaged_helmet());
}

#[test]
fn damaged_helmet_materials_textures_and_jpeg_images() {
    let m = damaged_helmet();
    check_materials(
        "DamagedHelmet",
        m,
        &[Mat {
            name: "glTF Material",
            base_tex: Some((0, 0)),
            mr_tex: Some((2, 0)),
            normal_tex: Some((1, 0)),
            occlusion_tex: Some((4, 0)),
            emissive_tex: Some((3, 0)),
            emissive: [1.0, 1.0, 1.0],
            ..MAT
        }],
    );
    check_textures(
        "DamagedHelmet",
        m,
        &[(None, 0), (None, 1), (None, 2), (None, 3), (None, 4)],
    );
    // The sampler is `{}`: wraps default to REPEAT; filters are left to the importer,
    // which documents trilinear.
    assert_eq!(
        m.scene.samplers,
        vec![Sampler {
            mag_filter: Filter::Linear,
            min_filter: MinFilter::default(),
            wrap_u: WrapMode::Repeat,
            wrap_v: WrapMode::Repeat,
        }]
    );
    // JPEG SOF0 of each: 2048x2048, 8-bit, 3 components.
    let jpeg = ImageSourceFormat::Jpeg;
    check_images(
        "DamagedHelmet",
        m,
        &[
            (Some("Default_albedo.jpg"), 2048, 2048, jpeg),
            (Some("Default_normal.jpg"), 2048, 2048, jpeg),
            (Some("Default_metalRoughness.jpg"), 2048, 2048, jpeg),
            (Some("Default_emissive.jpg"), 2048, 2048, jpeg),
            (Some("Default_AO.jpg"), 2048, 2048, jpeg),
        ],
    );
    // Three-component JPEGs decode opaque.
    assert!(m.scene.images[0].pixels.chunks_exact(4).all(|p| p[3] == 255));
}

#[test]
fn damaged_helmet_node_rotation() {
    let scene = &damaged_helmet().scene;
    assert_trs(
        scene,
        "node_damagedHelmet_-6514",
        [0.0; 3],
        [0.0, 0.7071068286895752, -0.7071068286895752, 0.0],
        [1.0; 3],
    );
    assert_eq!(scene.roots().len(), 1);
}

#[test]
fn damaged_helmet_tangents_are_generated_unit_orthogonal_and_signed() {
    let p = &damaged_helmet().scene.meshes[0].primitives[0];
    // The file has no TANGENT but the material has a normal map reading TEXCOORD_0.
    let tangents = p
        .tangents
        .as_ref()
        .expect("tangents generated for the normal map");
    let n = p.vertex_count();
    // Seams may split vertices, never remove them; the triangles stay the same.
    assert!(n >= 14359, "vertex count {n}");
    assert_eq!(p.indices.len(), 46356);
    assert_eq!(p.source_vertex_count, 14359);
    assert_eq!(tangents.len(), n);
    assert_eq!(p.normals.len(), n);
    assert_eq!(p.uv0.as_ref().map(Vec::len), Some(n));
    // Only corners of the 10 triangles whose UV area is zero can lack a MikkTSpace
    // tangent: the warning counts at most 30 corners.
    let warnings = &damaged_helmet().report.warnings;
    let corners: Vec<u32> = warnings
        .iter()
        .filter(|w| w.message.contains("tangent"))
        .filter_map(|w| w.message.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(
        corners.len() == 1 && (1..=30).contains(&corners[0]),
        "tangent warning: {warnings:#?}"
    );
    // Every tangent, generated or arbitrary, is usable: unit, in the surface, signed.
    let mut bad = Vec::new();
    for (v, (t, normal)) in tangents.iter().zip(&p.normals).enumerate() {
        let xyz = t.truncate();
        if !close(xyz.length(), 1.0, 1e-3) {
            bad.push(format!("tangent {v} {t:?} is not unit length"));
        }
        if xyz.dot(*normal).abs() > 1e-3 {
            bad.push(format!(
                "tangent {v} {t:?} is not orthogonal to normal {normal:?}"
            ));
        }
        if t.w != 1.0 && t.w != -1.0 {
            bad.push(format!("tangent {v} has w = {}", t.w));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {n} tangents are wrong:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// FlightHelmet
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const FLIGHT_HELMET_PRIMS: &[Prim] = &[
    prim(0, 0, 10472, 59040, 0, [-0.07221258, 0.104120225, -0.088394776], [0.10810829, 0.356580257, 0.190409869]),
    prim(1, 0, 13638, 72534, 1, [-0.158857465, -2.14242937e-05, -0.171545789], [0.162940636, 0.7025226, 0.200029165]),
    prim(2, 0, 4676, 24408, 2, [-0.140846014, 0.440957, -0.107818365], [0.140494063, 0.61828655, 0.147373646]),
    prim(3, 0, 13636, 60288, 3, [-0.203642711, 0.02116075, -0.147512689], [0.132708371, 0.6024364, 0.199477077]),
    prim(4, 0, 12534, 65688, 4, [-0.125863016, 0.2958266, -0.1541516], [0.124933377, 0.716000438, 0.129168555]),
    prim(5, 0, 436, 2208, 5, [-0.101920947, 0.5300429, 0.090174824], [0.101920746, 0.5936986, 0.152926728]),
];

const FLIGHT_HELMET: Expected = Expected {
    file: "FlightHelmet",
    generator: Some("babylon.js glTF exporter for Maya 2018 v20200228.3 (with minor hand modifications)"),
    extensions_used: &[],
    counts: counts(6, 6, 6, 6, 15, 15, 1, 30, 0, 0),
    scene_nodes: &[
        "Hose_low",
        "RubberWood_low",
        "GlassPlastic_low",
        "MetalParts_low",
        "LeatherParts_low",
        "Lenses_low",
    ],
    mesh_nodes: &[
        ("Hose_low", 0),
        ("RubberWood_low", 1),
        ("GlassPlastic_low", 2),
        ("MetalParts_low", 3),
        ("LeatherParts_low", 4),
        ("Lenses_low", 5),
    ],
    // (59040 + 72534 + 24408 + 60288 + 65688 + 2208) / 3; Σ POSITION counts.
    triangles: 94722,
    vertices: 55392,
    bounds: (
        [-0.203642711, -2.14242937e-05, -0.171545789],
        [0.162940636, 0.716000438, 0.200029165],
    ),
    primitives: FLIGHT_HELMET_PRIMS,
    warnings: &[],
};

#[test]
fn flight_helmet_counts_geometry_bounds_instances_and_warnings() {
    check_model(&FLIGHT_HELMET, flight_helmet());
}

#[test]
fn flight_helmet_materials_textures_and_png_images() {
    let m = flight_helmet();
    // Each material: baseColor = normal + 2, metallicRoughness = occlusion = normal + 1.
    let helmet = |name, normal: u32| Mat {
        name,
        base_tex: Some((normal + 2, 0)),
        mr_tex: Some((normal + 1, 0)),
        normal_tex: Some((normal, 0)),
        occlusion_tex: Some((normal + 1, 0)),
        ..MAT
    };
    check_materials(
        "FlightHelmet",
        m,
        &[
            Mat {
                double_sided: true,
                ..helmet("HoseMat", 0)
            },
            helmet("RubberWoodMat", 0),
            helmet("GlassPlasticMat", 3),
            helmet("MetalPartsMat", 6),
            helmet("LeatherPartsMat", 9),
            Mat {
                alpha: AlphaMode::Blend,
                ..helmet("LensesMat", 12)
            },
        ],
    );
    let names = [
        "FlightHelmet_Materials_RubberWoodMat_Normal.png",
        "FlightHelmet_Materials_RubberWoodMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_RubberWoodMat_BaseColor.png",
        "FlightHelmet_Materials_GlassPlasticMat_Normal.png",
        "FlightHelmet_Materials_GlassPlasticMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_GlassPlasticMat_BaseColor.png",
        "FlightHelmet_Materials_MetalPartsMat_Normal.png",
        "FlightHelmet_Materials_MetalPartsMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_MetalPartsMat_BaseColor.png",
        "FlightHelmet_Materials_LeatherPartsMat_Normal.png",
        "FlightHelmet_Materials_LeatherPartsMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_LeatherPartsMat_BaseColor.png",
        "FlightHelmet_Materials_LensesMat_Normal.png",
        "FlightHelmet_Materials_LensesMat_OcclusionRoughMetal.png",
        "FlightHelmet_Materials_LensesMat_BaseColor.png",
    ];
    // Texture i is named like image i and uses it.
    let textures: Vec<(Option<&str>, u32)> = (0..15).map(|i| (Some(names[i]), i as u32)).collect();
    check_textures("FlightHelmet", m, &textures);
    assert_eq!(m.scene.samplers, vec![LINEAR_MIPMAP_LINEAR_REPEAT]);
    // PNG IHDR: every image 512x512 except LensesMat_Normal, 32x32.
    let images: Vec<_> = (0..15)
        .map(|i| {
            let side = if i == 12 { 32 } else { 512 };
            (Some(names[i]), side, side, ImageSourceFormat::Png)
        })
        .collect();
    check_images("FlightHelmet", m, &images);
    // Texels inflated with zlib and unfiltered in Python. LensesMat_BaseColor is RGBA
    // (colour type 6), LensesMat_Normal RGB (colour type 2, alpha 255).
    assert_pixel(m, 12, 5, 9, [127, 127, 255, 255]);
    assert_pixel(m, 14, 0, 0, [115, 112, 87, 172]);
    assert_pixel(m, 14, 100, 200, [141, 136, 105, 138]);
    assert_pixel(m, 14, 511, 511, [136, 132, 103, 156]);
    assert_pixel(m, 14, 300, 40, [113, 111, 85, 152]);
}

#[test]
fn flight_helmet_nodes_and_file_tangents() {
    let scene = &flight_helmet().scene;
    for (name, mesh) in FLIGHT_HELMET.mesh_nodes {
        assert_trs(scene, name, [0.0; 3], [0.0, 0.0, 0.0, 1.0], [1.0; 3]);
        let node = scene.node(node_by_name(scene, name)).expect("live");
        assert_eq!(node.mesh, Some(MeshId(*mesh)), "{name}");
    }
    // Every primitive has NORMAL and TANGENT in the file: kept as they are, so no vertex
    // is split or added.
    for p in FLIGHT_HELMET.primitives {
        let got = &scene.meshes[p.mesh].primitives[0];
        assert_eq!(got.vertex_count(), p.vertices as usize, "mesh {}", p.mesh);
        assert_eq!(got.tangents.as_ref().map(Vec::len), Some(p.vertices as usize));
        assert!(got.uv0.is_some() && got.uv1.is_none());
    }
}

// ---------------------------------------------------------------------------------------
// Fox
// ---------------------------------------------------------------------------------------

const FOX_JOINTS: [&str; 24] = [
    "_rootJoint",
    "b_Root_00",
    "b_Hip_01",
    "b_Spine01_02",
    "b_Spine02_03",
    "b_Neck_04",
    "b_Head_05",
    "b_RightUpperArm_06",
    "b_RightForeArm_07",
    "b_RightHand_08",
    "b_LeftUpperArm_09",
    "b_LeftForeArm_010",
    "b_LeftHand_011",
    "b_Tail01_012",
    "b_Tail02_013",
    "b_Tail03_014",
    "b_LeftLeg01_015",
    "b_LeftLeg02_016",
    "b_LeftFoot01_017",
    "b_LeftFoot02_018",
    "b_RightLeg01_019",
    "b_RightLeg02_020",
    "b_RightFoot01_021",
    "b_RightFoot02_022",
];

#[rustfmt::skip]
const FOX_PRIMS: &[Prim] = &[
    prim(0, 0, 1728, 1728, 0, [-12.5927181, -0.121744767, -88.0950012], [12.5927181, 78.9071884, 66.6248627]),
];

const FOX: Expected = Expected {
    file: "Fox",
    generator: None,
    extensions_used: &[],
    counts: counts(26, 1, 1, 1, 1, 1, 1, 71, 1, 3),
    // scenes[0].nodes = [0 "root", 1 "fox"]; root -> _rootJoint -> b_Root_00 -> ...
    scene_nodes: &[
        "root",
        "_rootJoint",
        "b_Root_00",
        "b_Hip_01",
        "b_Spine01_02",
        "b_Spine02_03",
        "b_Neck_04",
        "b_Head_05",
        "b_RightUpperArm_06",
        "b_RightForeArm_07",
        "b_RightHand_08",
        "b_LeftUpperArm_09",
        "b_LeftForeArm_010",
        "b_LeftHand_011",
        "b_Tail01_012",
        "b_Tail02_013",
        "b_Tail03_014",
        "b_LeftLeg01_015",
        "b_LeftLeg02_016",
        "b_LeftFoot01_017",
        "b_LeftFoot02_018",
        "b_RightLeg01_019",
        "b_RightLeg02_020",
        "b_RightFoot01_021",
        "b_RightFoot02_022",
        "fox",
    ],
    mesh_nodes: &[("fox", 0)],
    // No indices: 1728 vertices make 576 triangles.
    triangles: 576,
    vertices: 1728,
    // The "fox" node has no transform: the accessor box itself.
    bounds: (
        [-12.5927181, -0.121744767, -88.0950012],
        [12.5927181, 78.9071884, 66.6248627],
    ),
    primitives: FOX_PRIMS,
    warnings: &[],
};

#[test]
fn fox_counts_geometry_bounds_instances_and_warnings() {
    check_model(&FOX, fox());
}

#[test]
fn fox_material_texture_and_embedded_png() {
    let m = fox();
    check_materials(
        "Fox",
        m,
        &[Mat {
            name: "fox_material",
            base_tex: Some((0, 0)),
            metallic: 0.0,
            roughness: 0.58,
            ..MAT
        }],
    );
    check_textures("Fox", m, &[(None, 0)]);
    assert_eq!(m.scene.samplers, vec![LINEAR_MIPMAP_LINEAR_REPEAT]);
    // bufferView 7, image/png, IHDR 1024x1024; no name and no URI.
    check_images("Fox", m, &[(None, 1024, 1024, ImageSourceFormat::Png)]);
}

#[test]
fn fox_flat_normals_are_generated_per_triangle() {
    let p = &fox().scene.meshes[0].primitives[0];
    // No NORMAL and no indices in the file: every triangle gets its own three vertices.
    assert_eq!(p.vertex_count(), p.indices.len());
    assert_eq!(p.vertex_count(), 1728);
    assert_eq!(p.indices, (0..1728).collect::<Vec<u32>>());
    assert!(p.tangents.is_none(), "no normal map, no tangents");
    // POSITION[0] read from the BIN chunk in Python.
    assert_vec3(
        p.positions[0],
        [2.056372880935669, 35.214420318603516, -23.04511833190918],
        1e-5,
        "position 0",
    );
    for t in 0..576 {
        let [a, b, c] = [0, 1, 2].map(|k| p.positions[3 * t + k]);
        let face = (b - a).cross(c - a).normalize();
        for k in 0..3 {
            let n = p.normals[3 * t + k];
            assert!(
                n.abs_diff_eq(face, 1e-4),
                "triangle {t} corner {k}: {n:?} vs face {face:?}"
            );
        }
    }
    // normalize(cross(P1 - P0, P2 - P0)) of the first and last triangles, in Python.
    assert_vec3(
        p.normals[0],
        [0.2992678444669509, -0.8609012977877359, -0.41144588068845356],
        1e-5,
        "normal of triangle 0",
    );
    assert_vec3(
        p.normals[1727],
        [-0.0052859108499361965, 0.00022895579506934755, 0.9999860032649109],
        1e-5,
        "normal of triangle 575",
    );
    // JOINTS_0 (u16) and WEIGHTS_0 (f32) of vertices 0 and 100.
    let joints = p.joints.as_ref().expect("JOINTS_0");
    let weights = p.weights.as_ref().expect("WEIGHTS_0");
    assert_eq!(joints[0], [2, 16, 0, 0]);
    assert_eq!(joints[100], [3, 2, 0, 0]);
    assert!(weights[0].abs_diff_eq([0.6, 0.4, 0.0, 0.0].into(), 1e-6));
    assert!(weights[100].abs_diff_eq([0.8, 0.2, 0.0, 0.0].into(), 1e-6));
}

#[test]
fn fox_nodes_and_skin() {
    let scene = &fox().scene;
    let fox_node = scene.node(node_by_name(scene, "fox")).expect("live");
    assert_eq!(fox_node.mesh, Some(MeshId(0)));
    assert_eq!(fox_node.skin, Some(SkinId(0)));
    assert_eq!(scene.roots().len(), 2);
    // nodes[4] b_Hip_01 and nodes[3] b_Root_00, as in the JSON.
    assert_trs(
        scene,
        "b_Hip_01",
        [0.0, 26.748403549194336, 42.93817138671875],
        [
            0.12769094176175547,
            -0.6954820192393762,
            -0.12769022650601444,
            0.695481840425441,
        ],
        [1.0; 3],
    );
    assert_trs(
        scene,
        "b_Root_00",
        [0.0; 3],
        [-0.7071080924875391, 0.0, 0.0, 0.7071054698831242],
        [1.0; 3],
    );
    let hip = scene.node(node_by_name(scene, "b_Hip_01")).expect("live");
    assert_eq!(hip.parent(), Some(node_by_name(scene, "b_Root_00")));
    assert_eq!(hip.children().len(), 4);

    // skins[0]: 24 joints (nodes 2..=25), inverseBindMatrices accessor 4 with count 24,
    // skeleton node 2.
    assert_eq!(scene.skins.len(), 1);
    let skin = &scene.skins[0];
    let joint_names: Vec<Option<&str>> = skin.joints.iter().map(|j| node_name(scene, *j)).collect();
    assert_eq!(joint_names, FOX_JOINTS.map(Some).to_vec());
    assert_eq!(skin.inverse_bind_matrices.len(), 24);
    assert_eq!(skin.skeleton, Some(node_by_name(scene, "_rootJoint")));
    // Matrices 0 and 23, column-major as stored.
    assert!(skin.inverse_bind_matrices[0].abs_diff_eq(Mat4::IDENTITY, 1e-6));
    let ibm23 = Mat4::from_cols_array(&[
        0.00030728071578778327,
        -1.968637661775574e-05,
        -1.0,
        0.0,
        -0.08665071427822113,
        0.9962387681007385,
        -4.623908898793161e-05,
        0.0,
        0.9962387681007385,
        0.08665070682764053,
        0.0003044228651560843,
        0.0,
        32.85083770751953,
        1.868640422821045,
        -6.955276966094971,
        1.0,
    ]);
    assert!(
        skin.inverse_bind_matrices[23].abs_diff_eq(ibm23, 1e-5),
        "{:?}",
        skin.inverse_bind_matrices[23]
    );
}

#[test]
fn fox_animations() {
    let scene = &fox().scene;
    // animations[*]: 21 channels and 21 LINEAR samplers each; sampler 19 is the VEC3
    // translation of node 4 (b_Hip_01), the others VEC4 rotations. Key counts are the
    // input accessors' counts, durations their `max`, first values read from the BIN.
    let expected = [
        (
            "Survey",
            83,
            3.4166667461395264f32,
            [1.2987384252483025e-06, 24.551631927490234, 41.05862045288086],
        ),
        (
            "Walk",
            18,
            0.7083333134651184,
            [0.22319822013378143, 24.551633834838867, 40.05131149291992],
        ),
        (
            "Run",
            25,
            1.1583333015441895,
            [1.450603008379403e-06, 23.025529861450195, 33.77018737792969],
        ),
    ];
    assert_eq!(scene.animations.len(), 3);
    for (animation, (name, keys, duration, first)) in scene.animations.iter().zip(expected) {
        assert_eq!(animation.name.as_deref(), Some(name));
        assert_eq!(animation.channels.len(), 21, "{name}");
        assert_eq!(animation.samplers.len(), 21, "{name}");
        assert!(
            close(animation.duration(), duration, 1e-6),
            "{name}: {}",
            animation.duration()
        );
        for (s, sampler) in animation.samplers.iter().enumerate() {
            let per_key = if s == 19 { 3 } else { 4 };
            assert_eq!(sampler.times.len(), keys, "{name} sampler {s} keys");
            assert_eq!(sampler.values.len(), keys * per_key, "{name} sampler {s} values");
            assert_eq!(sampler.interpolation, Interpolation::Linear);
            assert_eq!(sampler.times[0], 0.0);
        }
        let hip = &animation.channels[19];
        assert_eq!(hip.property, AnimationProperty::Translation, "{name}");
        assert_eq!(node_name(scene, hip.target), Some("b_Hip_01"));
        assert_eq!(hip.sampler, 19);
        let values = &animation.samplers[19].values;
        assert_vec3(Vec3::new(values[0], values[1], values[2]), first, 1e-5, name);
        let head = &animation.channels[0];
        assert_eq!(head.property, AnimationProperty::Rotation);
        assert_eq!(node_name(scene, head.target), Some("b_Head_05"));
        for (c, channel) in animation.channels.iter().enumerate() {
            assert_eq!(channel.sampler, c, "{name} channel {c}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// MorphStressTest
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const MORPH_STRESS_PRIMS: &[Prim] = &[
    prim(0, 0, 24, 36, 0, [-2.0, -0.100000024, -0.5], [2.0, 0.0, 0.5]),
    prim(0, 1, 1504, 7200, 1, [-1.875, 0.0, -0.25], [1.875, 0.5, 0.25]),
];

const MORPH_STRESS: Expected = Expected {
    file: "MorphStressTest",
    generator: Some("Khronos glTF Blender I/O v3.6.11"),
    extensions_used: &[],
    counts: counts(1, 1, 2, 2, 3, 3, 1, 48, 0, 3),
    scene_nodes: &["Main"],
    mesh_nodes: &[("Main", 0)],
    // (36 + 7200) / 3 and 24 + 1504.
    triangles: 2412,
    vertices: 1528,
    bounds: ([-2.0, -0.100000024, -0.5], [2.0, 0.5, 0.5]),
    primitives: MORPH_STRESS_PRIMS,
    warnings: &[],
};

#[test]
fn morph_stress_counts_geometry_bounds_instances_and_warnings() {
    check_model(&MORPH_STRESS, morph_stress());
}

#[test]
fn morph_stress_materials_and_embedded_pngs() {
    let m = morph_stress();
    check_materials(
        "MorphStressTest",
        m,
        &[
            Mat {
                name: "Base",
                base_tex: Some((1, 0)),
                occlusion_tex: Some((0, 1)),
                metallic: 0.0,
                roughness: 0.4000000059604645,
                double_sided: true,
                ..MAT
            },
            Mat {
                name: "TestMaterial",
                base_tex: Some((2, 0)),
                metallic: 0.0,
                roughness: 0.5,
                double_sided: true,
                ..MAT
            },
        ],
    );
    check_textures("MorphStressTest", m, &[(None, 0), (None, 1), (None, 2)]);
    assert_eq!(m.scene.samplers, vec![LINEAR_MIPMAP_LINEAR_REPEAT]);
    let png = ImageSourceFormat::Png;
    check_images(
        "MorphStressTest",
        m,
        &[
            (Some("Base_AO"), 1024, 1024, png),
            (Some("TinyGrid"), 64, 64, png),
            (Some("ColorSwatches"), 64, 64, png),
        ],
    );
    assert_pixel(m, 1, 0, 0, [40, 40, 40, 255]);
    assert_pixel(m, 1, 5, 9, [209, 209, 209, 255]);
    assert_pixel(m, 2, 0, 0, [229, 177, 22, 255]);
    assert_pixel(m, 2, 16, 20, [164, 229, 22, 255]);
    assert_pixel(m, 2, 63, 63, [0, 0, 0, 255]);
    // Both primitives have TEXCOORD_0 and TEXCOORD_1 (occlusion reads set 1).
    for p in &m.scene.meshes[0].primitives {
        assert!(p.uv0.is_some() && p.uv1.is_some());
    }
}

#[test]
fn morph_stress_targets_and_default_weights() {
    let scene = &morph_stress().scene;
    let mesh = &scene.meshes[0];
    // meshes[0].weights = [0; 8]; each primitive has 8 targets of POSITION and NORMAL.
    assert_eq!(mesh.weights, vec![0.0; 8]);
    assert_eq!(mesh.name.as_deref(), Some("Cube.001"));
    let node = scene.node(node_by_name(scene, "Main")).expect("live");
    assert_eq!(node.morph_weights, None, "the node has no weights of its own");
    for (p, primitive) in mesh.primitives.iter().enumerate() {
        assert_eq!(primitive.morph_targets.len(), 8, "primitive {p}");
        let n = primitive.vertex_count();
        for (t, target) in primitive.morph_targets.iter().enumerate() {
            assert_eq!(target.positions.len(), n, "primitive {p} target {t}");
            assert_eq!(target.normals.len(), n, "primitive {p} target {t}");
            assert!(target.tangents.is_empty(), "primitive {p} target {t}");
        }
    }
    // Primitive 0's targets move nothing (accessor min = max = 0).
    for target in &mesh.primitives[0].morph_targets {
        assert!(target.positions.iter().all(|d| *d == Vec3::ZERO));
    }
    // Primitive 1: target k lifts by up to 1 in y the 94 vertices of the bar whose base
    // x lies in [-1.875 + 0.5 k, -1.625 + 0.5 k] (counted in Python from the data).
    let p = &mesh.primitives[1];
    for (k, target) in p.morph_targets.iter().enumerate() {
        let moved: Vec<usize> = (0..p.vertex_count())
            .filter(|&v| target.positions[v] != Vec3::ZERO)
            .collect();
        assert_eq!(moved.len(), 94, "target {k}");
        let lo = -1.875 + 0.5 * k as f32;
        let hi = lo + 0.25;
        for &v in &moved {
            let x = p.positions[v].x;
            assert!(
                x >= lo - 1e-6 && x <= hi + 1e-6,
                "target {k} moves vertex {v} at x {x}"
            );
        }
        let max_y = target.positions.iter().map(|d| d.y).fold(f32::MIN, f32::max);
        let min_y = target.positions.iter().map(|d| d.y).fold(f32::MAX, f32::min);
        assert!(
            close(max_y, 1.0, 1e-6) && close(min_y, 0.0, 1e-6),
            "target {k}: y {min_y}..{max_y}"
        );
        let max_x = target.positions.iter().map(|d| d.x.abs()).fold(0.0, f32::max);
        assert!(close(max_x, 0.05, 1e-6), "target {k}: |x| up to {max_x}");
    }
}

#[test]
fn morph_stress_animations() {
    let scene = &morph_stress().scene;
    // One weights channel per animation on node 0 ("Main"); output = keys * 8 targets.
    let expected = [
        ("Individuals", 225, 9.333333015441895f32),
        ("Pulse", 153, 6.333333492279053),
        ("TheWave", 48, 1.9583333730697632),
    ];
    assert_eq!(scene.animations.len(), 3);
    for (animation, (name, keys, duration)) in scene.animations.iter().zip(expected) {
        assert_eq!(animation.name.as_deref(), Some(name));
        assert_eq!(animation.channels.len(), 1, "{name}");
        assert_eq!(animation.samplers.len(), 1, "{name}");
        let channel = &animation.channels[0];
        assert_eq!(channel.property, AnimationProperty::MorphWeights, "{name}");
        assert_eq!(node_name(scene, channel.target), Some("Main"));
        let sampler = &animation.samplers[0];
        assert_eq!(sampler.interpolation, Interpolation::Linear);
        assert_eq!(sampler.times.len(), keys, "{name} keys");
        assert_eq!(sampler.values.len(), keys * 8, "{name} values");
        assert!(
            close(animation.duration(), duration, 1e-6),
            "{name}: {}",
            animation.duration()
        );
        // Key 1: time 1/24, weight of target 0 is 0.00318518397398293, the rest 0.
        assert!(close(sampler.times[1], 0.0416666679084301, 1e-7), "{name}");
        assert!(close(sampler.values[8], 0.00318518397398293, 1e-7), "{name}");
        assert!(sampler.values[9..16].iter().all(|w| *w == 0.0), "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// Kenney
// ---------------------------------------------------------------------------------------

/// Kenney's UniGLTF exports: `metallicFactor` 1, `roughnessFactor` 1, OPAQUE,
/// single-sided, and `KHR_materials_unlit` in extensionsUsed but on no material (the
/// materials have no `extensions`), so none is unlit.
const fn kenney(name: &'static str, base: [f32; 4]) -> Mat {
    Mat { name, base, ..MAT }
}

/// The UniGLTF files list node 1 as the scene root, a child of node 0 ("tmpParent")
/// which is not in the scene: one warning at /scenes/0/nodes/0.
const CHILD_AS_ROOT: &[(&str, &str)] = &[("/scenes/0/nodes/0", "root")];

#[rustfmt::skip]
const ALIEN_PRIMS: &[Prim] = &[
    prim(0, 0, 36, 42, 0, [-0.129999995, -0.391796201, -0.117539212], [3.91457894e-10, -0.155153766, 0.0649999902]),
    prim(0, 1, 12, 12, 1, [-0.129999995, -0.0649999976, -0.0650000051], [2.02135197e-14, 2.70716786e-16, 0.0649999976]),
    prim(0, 2, 28, 30, 2, [-0.129999995, -0.188800246, -0.0650000051], [2.02135197e-14, 2.70716786e-16, 0.0649999976]),
    prim(1, 0, 40, 42, 0, [-3.36009331e-10, -0.336317837, -0.100895666], [0.111592002, -0.133184001, 0.0557960011]),
    prim(1, 1, 20, 30, 2, [0.0, -0.162066132, -0.0557960011], [0.111592002, 1.80477853e-16, 0.0557960011]),
    prim(1, 2, 8, 12, 1, [0.0, -0.0557960011, -0.0557960011], [0.111592002, 1.80477853e-16, 0.0557960011]),
    prim(2, 0, 54, 84, 3, [-0.129999995, 0.0, -0.129999995], [0.129999995, 0.310000002, 0.200000003]),
    prim(2, 1, 51, 66, 1, [-0.129999995, 0.0610179305, -0.129999995], [0.129999995, 0.310000002, 0.200000003]),
    prim(2, 2, 47, 66, 2, [-0.129999995, 0.0610179305, -0.129999995], [0.129999995, 0.25999999, 0.100000001]),
    prim(3, 0, 176, 282, 0, [-0.730769217, 0.0, -0.5], [0.730769217, 1.38461542, 0.5]),
    prim(3, 1, 4, 6, 4, [-0.133963436, 0.118721202, -0.5], [0.133963436, 0.212084964, -0.5]),
    prim(3, 2, 8, 12, 1, [-0.355704039, 0.317919403, -0.5], [0.355704039, 0.549210191, -0.5]),
    prim(4, 0, 22, 30, 3, [0.0, -0.0943500847, -0.0657960027], [0.111592002, 0.0, 0.0557960011]),
    prim(4, 1, 45, 60, 4, [0.0, -0.223184004, -0.100000001], [0.111592002, -0.0943500847, 0.0757959932]),
    prim(4, 2, 4, 6, 1, [0.0, -0.223184004, -0.100000001], [0.111592002, -0.223184004, 0.0757959932]),
    prim(5, 0, 52, 60, 4, [-0.129999995, -0.25999999, -0.11649581], [2.88764564e-15, -0.109913893, 0.0882991552]),
    prim(5, 1, 24, 30, 3, [-0.129999995, -0.109913893, -0.0766495764], [2.88764564e-15, 1.35358393e-16, 0.0649999976]),
    prim(5, 2, 6, 6, 1, [-0.129999995, -0.25999999, -0.11649581], [2.88764564e-15, -0.25999999, 0.0882991552]),
];

const ALIEN: Expected = Expected {
    file: "Kenney/alien.glb",
    generator: Some("Khronos glTF Blender I/O v1.4.40"),
    extensions_used: &[],
    counts: counts(8, 6, 18, 5, 0, 0, 0, 72, 0, 0),
    // scenes[0].nodes = [7]; 7 tmpParent -> 6 alien -> 0..=5.
    scene_nodes: &[
        "tmpParent",
        "alien",
        "armLeft",
        "armRight",
        "body",
        "head",
        "legLeft",
        "legRight",
    ],
    mesh_nodes: &[
        ("armLeft", 0),
        ("armRight", 1),
        ("body", 2),
        ("head", 3),
        ("legLeft", 4),
        ("legRight", 5),
    ],
    triangles: 292,
    vertices: 637,
    bounds: (
        [-0.241591989, 0.0, -0.129999995],
        [0.241592117, 0.843183976, 0.200000003],
    ),
    primitives: ALIEN_PRIMS,
    // alien.glb lists its true root (node 7), uses no extension: nothing to warn about.
    warnings: &[],
};

#[test]
fn kenney_alien_counts_geometry_bounds_instances_and_warnings() {
    check_model(&ALIEN, alien());
}

#[test]
fn kenney_alien_materials_and_nodes() {
    let m = alien();
    // Blender export: baseColorFactor only, metallic and roughness left at their default 1.
    check_materials(
        "Kenney/alien.glb",
        m,
        &[
            kenney(
                "crystal",
                [0.18623177707195282, 0.8773584961891174, 0.5934362411499023, 1.0],
            ),
            kenney(
                "metal",
                [0.843137264251709, 0.8705882430076599, 0.9098039269447327, 1.0],
            ),
            kenney("metalRed", [1.0, 0.6285242438316345, 0.20283019542694092, 1.0]),
            kenney(
                "metalDark",
                [0.6750622987747192, 0.7100219130516052, 0.7735849022865295, 1.0],
            ),
            kenney(
                "dark",
                [0.27450981736183167, 0.2980392277240753, 0.34117648005485535, 1.0],
            ),
        ],
    );
    assert!(m.scene.textures.is_empty() && m.scene.images.is_empty() && m.scene.samplers.is_empty());
    let scene = &m.scene;
    assert_eq!(scene.roots().len(), 1);
    assert_eq!(node_name(scene, scene.roots()[0]), Some("tmpParent"));
    let s = 0.8583999872207642;
    assert_trs(
        scene,
        "armLeft",
        [-0.12999999523162842, 0.4731839895248413, 0.0],
        [0.0, 0.0, 0.0, 1.0],
        [s; 3],
    );
    assert_trs(
        scene,
        "head",
        [0.0, 0.48318397998809814, 0.0],
        [0.0, 0.0, 0.0, 1.0],
        [0.25999999046325684; 3],
    );
    assert_trs(
        scene,
        "legRight",
        [0.13000011444091797, 0.2231840044260025, 0.0],
        [0.0, 0.0, 0.0, 1.0],
        [s; 3],
    );
    // tmpParent and alien have no transform, so the head's world matrix is its own.
    let head = node_by_name(scene, "head");
    let world = scene.world_matrix(head).expect("live");
    assert_vec3(
        world.w_axis.truncate(),
        [0.0, 0.48318397998809814, 0.0],
        1e-6,
        "head world translation",
    );
    assert!(close(world.x_axis.x, 0.25999999046325684, 1e-6));
}

#[rustfmt::skip]
const CAKE_PRIMS: &[Prim] = &[
    prim(0, 0, 348, 48, 0, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(0, 1, 348, 111, 1, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(0, 2, 348, 189, 2, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(0, 3, 348, 150, 3, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(0, 4, 348, 18, 4, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(0, 5, 348, 18, 5, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(0, 6, 348, 132, 6, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(1, 0, 348, 48, 0, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(1, 1, 348, 111, 1, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(1, 2, 348, 189, 2, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(1, 3, 348, 150, 3, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(1, 4, 348, 18, 4, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(1, 5, 348, 18, 5, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(1, 6, 348, 132, 6, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(2, 0, 348, 48, 0, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(2, 1, 348, 111, 1, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(2, 2, 348, 189, 2, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(2, 3, 348, 150, 3, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(2, 4, 348, 18, 4, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(2, 5, 348, 18, 5, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(2, 6, 348, 132, 6, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(3, 0, 348, 48, 0, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(3, 1, 348, 111, 1, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(3, 2, 348, 189, 2, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(3, 3, 348, 150, 3, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(3, 4, 348, 18, 4, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(3, 5, 348, 18, 5, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(3, 6, 348, 132, 6, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(4, 0, 348, 48, 0, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(4, 1, 348, 111, 1, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(4, 2, 348, 189, 2, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(4, 3, 348, 150, 3, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(4, 4, 348, 18, 4, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(4, 5, 348, 18, 5, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(4, 6, 348, 132, 6, [0.0, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(5, 0, 348, 48, 0, [7.219114e-16, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(5, 1, 348, 111, 1, [7.219114e-16, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(5, 2, 348, 189, 2, [7.219114e-16, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(5, 3, 348, 150, 3, [7.219114e-16, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(5, 4, 348, 18, 4, [7.219114e-16, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(5, 5, 348, 18, 5, [7.219114e-16, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
    prim(5, 6, 348, 132, 6, [7.219114e-16, 0.0, -0.3196], [0.2767817, 0.363773584, 0.0]),
];

const CAKE: Expected = Expected {
    file: "Kenney/cakeBirthday.glb",
    generator: Some("UniGLTF-1.27"),
    extensions_used: &["KHR_materials_unlit"],
    counts: counts(8, 6, 42, 7, 0, 0, 0, 60, 0, 0),
    // scenes[0].nodes = [1]: "cakeBirthday" and its six "slice" children; node 0
    // ("tmpParent") is outside the scene.
    scene_nodes: &[
        "cakeBirthday",
        "slice",
        "slice",
        "slice",
        "slice",
        "slice",
        "slice",
    ],
    mesh_nodes: &[
        ("slice", 0),
        ("slice", 0),
        ("slice", 0),
        ("slice", 0),
        ("slice", 0),
        ("slice", 5),
    ],
    // Per slice: (48 + 111 + 189 + 150 + 18 + 18 + 132) / 3 = 222 triangles and
    // 7 * 348 POSITION entries (the 7 primitives share one accessor), six slices.
    triangles: 1332,
    vertices: 14616,
    // Six slices rotated about y by 0, 60, ..., 300 degrees round the cake's centre.
    bounds: (
        [-0.415172574, 0.0, -0.399499999],
        [0.415172558, 0.363773584, 0.39949997],
    ),
    primitives: CAKE_PRIMS,
    warnings: CHILD_AS_ROOT,
};

#[test]
fn kenney_cake_counts_geometry_bounds_instances_and_warnings() {
    check_model(&CAKE, cake());
}

#[test]
fn kenney_cake_materials_and_nodes() {
    let m = cake();
    check_materials(
        "Kenney/cakeBirthday.glb",
        m,
        &[
            kenney("brownDarkest", [0.258823544, 0.160784319, 0.137254909, 1.0]),
            kenney("brownDark", [0.6392157, 0.3882353, 0.2784314, 1.0]),
            kenney("purpleLight", [0.9098039, 0.6039216, 0.8156863, 1.0]),
            kenney("_defaultMat", [1.0, 1.0, 1.0, 1.0]),
            kenney("red", [0.9098039, 0.333333343, 0.3254902, 1.0]),
            kenney("purple", [0.623529434, 0.5568628, 0.9098039, 1.0]),
            kenney("yellow", [0.9607843, 0.7254902, 0.258823544, 1.0]),
        ],
    );
    let scene = &m.scene;
    assert_eq!(scene.find_node("tmpParent"), None, "node 0 is not in the scene");
    assert_eq!(scene.roots().len(), 1);
    assert_eq!(node_name(scene, scene.roots()[0]), Some("cakeBirthday"));
    // nodes[2..=7] (the six slices), in order: translation and rotation from the JSON.
    let slices: [([f32; 3], [f32; 4]); 6] = [
        ([-0.2767817, 0.0, 7.941025e-15], [0.0, 0.0, 0.0, 1.0]),
        ([-0.138390854, 0.0, -0.2397], [0.0, -0.5, 0.0, 0.8660254]),
        ([0.138390854, 0.0, -0.2397], [0.0, -0.866025448, 0.0, 0.49999997]),
        ([0.2767817, 0.0, -1.010676e-14], [0.0, -1.0, 0.0, -4.371139e-08]),
        ([0.138390854, 0.0, 0.2397], [0.0, -0.8660254, 0.0, -0.50000006]),
        ([-0.138390854, 0.0, 0.2397], [0.0, 0.5, 0.0, 0.8660254]),
    ];
    let root = scene.node(scene.roots()[0]).expect("live");
    assert_eq!(root.children().len(), 6);
    for (i, (child, (t, r))) in root.children().iter().zip(slices).enumerate() {
        let node = scene.node(*child).expect("live");
        assert_eq!(node.name.as_deref(), Some("slice"));
        assert_vec3(
            node.transform().translation,
            t,
            1e-6,
            &format!("slice {i} translation"),
        );
        let q = Quat::from_array(r).normalize();
        let got = node.transform().rotation;
        assert!(
            got.abs_diff_eq(q, 1e-6) || got.abs_diff_eq(-q, 1e-6),
            "slice {i}: {got:?}"
        );
        assert_eq!(
            node.mesh,
            Some(MeshId(if i == 5 { 5 } else { 0 })),
            "slice {i} mesh"
        );
    }
}

#[rustfmt::skip]
const SPEEDER_PRIMS: &[Prim] = &[
    prim(0, 0, 508, 183, 0, [-1.4, 0.0, -1.11283529], [1.4, 0.9, 1.11283529]),
    prim(0, 1, 508, 342, 1, [-1.4, 0.0, -1.11283529], [1.4, 0.9, 1.11283529]),
    prim(0, 2, 508, 114, 2, [-1.4, 0.0, -1.11283529], [1.4, 0.9, 1.11283529]),
    prim(0, 3, 508, 327, 3, [-1.4, 0.0, -1.11283529], [1.4, 0.9, 1.11283529]),
];

const SPEEDER: Expected = Expected {
    file: "Kenney/craft_speederD.gltf",
    generator: Some("UniGLTF-1.27"),
    extensions_used: &["KHR_materials_unlit"],
    counts: counts(2, 1, 4, 4, 0, 0, 0, 7, 0, 0),
    scene_nodes: &["craft_speederD"],
    mesh_nodes: &[("craft_speederD", 0)],
    // (183 + 342 + 114 + 327) / 3 and 4 * 508.
    triangles: 322,
    vertices: 2032,
    bounds: ([-1.4, 0.0, -1.11283529], [1.4, 0.9, 1.11283529]),
    primitives: SPEEDER_PRIMS,
    warnings: CHILD_AS_ROOT,
};

#[test]
fn kenney_speeder_counts_geometry_bounds_instances_and_warnings() {
    check_model(&SPEEDER, speeder());
}

#[test]
fn kenney_speeder_materials_and_nodes() {
    let m = speeder();
    check_materials(
        "Kenney/craft_speederD.gltf",
        m,
        &[
            kenney("metal", [0.843137264, 0.870588243, 0.9098039, 1.0]),
            kenney("metalDark", [0.6750623, 0.7100219, 0.7735849, 1.0]),
            kenney("dark", [0.274509817, 0.298039228, 0.34117648, 1.0]),
            kenney("metalRed", [1.0, 0.628524244, 0.2028302, 1.0]),
        ],
    );
    let scene = &m.scene;
    assert_eq!(scene.find_node("tmpParent"), None);
    assert_eq!(scene.roots().len(), 1);
    assert_trs(scene, "craft_speederD", [0.0; 3], [0.0, 0.0, 0.0, 1.0], [1.0; 3]);
}

#[rustfmt::skip]
const TILE_PRIMS: &[Prim] = &[
    prim(0, 0, 32, 30, 0, [-0.5, 0.0, -0.5], [0.5, 0.2, 0.5]),
    prim(0, 1, 32, 30, 1, [-0.5, 0.0, -0.5], [0.5, 0.2, 0.5]),
];

const TILE: Expected = Expected {
    file: "Kenney/tile.glb",
    generator: Some("UniGLTF-1.27"),
    extensions_used: &["KHR_materials_unlit"],
    counts: counts(2, 1, 2, 2, 0, 0, 0, 5, 0, 0),
    scene_nodes: &["tile"],
    mesh_nodes: &[("tile", 0)],
    // (30 + 30) / 3 and 2 * 32.
    triangles: 20,
    vertices: 64,
    bounds: ([-0.5, 0.0, -0.5], [0.5, 0.2, 0.5]),
    primitives: TILE_PRIMS,
    warnings: CHILD_AS_ROOT,
};

#[test]
fn kenney_tile_counts_geometry_bounds_instances_and_warnings() {
    check_model(&TILE, tile());
}

#[test]
fn kenney_tile_materials_and_nodes() {
    let m = tile();
    check_materials(
        "Kenney/tile.glb",
        m,
        &[
            kenney("dirt", [0.9764706, 0.7137255, 0.4509804, 1.0]),
            kenney("foliage", [0.266666681, 0.709803939, 0.5529412, 1.0]),
        ],
    );
    let scene = &m.scene;
    assert_eq!(scene.find_node("tmpParent"), None);
    assert_trs(scene, "tile", [0.0; 3], [0.0, 0.0, 0.0, 1.0], [1.0; 3]);
}
