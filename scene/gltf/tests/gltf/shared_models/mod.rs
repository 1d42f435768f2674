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
//!
//! Layout: this file finds and loads the models and holds the checks every model gets
//! ([`check_model`], [`check_materials`], …); each model family has a module of its own
//! with its expected numbers and tests.

// Numbers are copied digit for digit from the files (and the Python that read them), so
// they can be found there again; f32 rounding of the extra digits is intended.
#![allow(clippy::excessive_precision)]

use museion_gltf::{DocumentCounts, Imported};
use museion_scene::glam::{Mat4, Quat, Vec3};
use museion_scene::{
    Aabb, AlphaMode, ColorSpace, Filter, ImageId, ImageSourceFormat, MaterialId, MeshId, MinFilter, NodeId,
    Sampler, SamplerId, Scene, TextureRef, Topology, WrapMode,
};
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------
// Finding and loading the models
// ---------------------------------------------------------------------------------------

/// `../shared/gltf/<rel>` beside the checkout. Fails (never skips) when it is missing.
fn model_path(rel: &str) -> PathBuf {
    let root = museion_testkit::shared_dir().join("gltf");
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
    museion_gltf::import(&path).unwrap_or_else(|e| panic!("importing {}: {e}", path.display()))
}

/// One import per model, shared by the tests of that model.
/// Each model's module invokes it, with `Imported`, `OnceLock` and [`load`] in scope.
macro_rules! model {
    ($name:ident, $rel:expr) => {
        fn $name() -> &'static Imported {
            static CELL: OnceLock<Imported> = OnceLock::new();
            CELL.get_or_init(|| load($rel))
        }
    };
}

// After `model!`, which each of them uses.
mod barn_lamp;
mod damaged_helmet;
mod flight_helmet;
mod fox;
mod kenney;
mod morph_stress_test;

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

/// Fails unless `outer` holds `inner` (to the tolerance of `inner`'s size).
#[track_caller]
fn assert_holds(outer: Aabb, inner: Aabb, what: &str) {
    let tol = box_tol(inner.min.to_array(), inner.max.to_array());
    assert!(
        outer.min.cmple(inner.min + tol).all() && outer.max.cmpge(inner.max - tol).all(),
        "{what}: {outer:?} does not hold {inner:?} (tolerance {tol})"
    );
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
    let tr = scene
        .local_transform(node_by_name(scene, name))
        .expect("live node");
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

/// Document counts with zero for what the Python dump showed absent, as each model's
/// expected counts start (`..NO_COUNTS`): `lights` is 0 everywhere (no
/// `KHR_lights_punctual`), `scenes` and `buffers` are 1 everywhere.
const NO_COUNTS: DocumentCounts = DocumentCounts {
    scenes: 1,
    nodes: 0,
    meshes: 0,
    primitives: 0,
    materials: 0,
    textures: 0,
    images: 0,
    samplers: 0,
    accessors: 0,
    buffers: 1,
    cameras: 0,
    lights: 0,
    skins: 0,
    animations: 0,
};

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
    // equal to the primitive's bounds moved by the node's world matrix, or, for a
    // skinned or morphed primitive, holding them (its bounds hold every pose).
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
    let mut deformable = false;
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
        if primitive.is_deformable() {
            deformable = true;
            assert_holds(instance.bounds.aabb, expected, &format!("{what} world bounds"));
        } else {
            assert_box(
                instance.bounds.aabb,
                expected.min.to_array(),
                expected.max.to_array(),
                &format!("{what} world bounds"),
            );
        }
        union = union.union(instance.bounds.aabb);
    }
    let what = format!("{file}: union of instance bounds");
    if deformable {
        let rest = Aabb {
            min: Vec3::from_array(e.bounds.0),
            max: Vec3::from_array(e.bounds.1),
        };
        assert_holds(union, rest, &what);
    } else {
        assert_box(union, e.bounds.0, e.bounds.1, &what);
    }

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
            got.to_rgba8().len(),
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
