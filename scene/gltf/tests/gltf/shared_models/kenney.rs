//! The four Kenney files (UniGLTF exports): alien, cakeBirthday, craft_speederD and tile;
//! counts, bounds and warnings, materials and nodes of each.

use super::{
    Expected, MAT, Mat, NO_COUNTS, Prim, assert_trs, assert_vec3, check_materials, check_model, close, load,
    node_by_name, node_name, prim,
};
use museion_gltf::{DocumentCounts, Imported};
use museion_scene::MeshId;
use museion_scene::glam::Quat;
use std::sync::OnceLock;

model!(alien, "Kenney/alien.glb");
model!(cake, "Kenney/cakeBirthday.glb");
model!(speeder, "Kenney/craft_speederD.gltf");
model!(tile, "Kenney/tile.glb");

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
    counts: DocumentCounts {
        nodes: 8,
        meshes: 6,
        primitives: 18,
        materials: 5,
        textures: 0,
        images: 0,
        samplers: 0,
        accessors: 72,
        ..NO_COUNTS
    },
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
    counts: DocumentCounts {
        nodes: 8,
        meshes: 6,
        primitives: 42,
        materials: 7,
        textures: 0,
        images: 0,
        samplers: 0,
        accessors: 60,
        ..NO_COUNTS
    },
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
            scene.local_transform(*child).expect("live").translation,
            t,
            1e-6,
            &format!("slice {i} translation"),
        );
        let q = Quat::from_array(r).normalize();
        let got = scene.local_transform(*child).expect("live").rotation;
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
    counts: DocumentCounts {
        nodes: 2,
        meshes: 1,
        primitives: 4,
        materials: 4,
        textures: 0,
        images: 0,
        samplers: 0,
        accessors: 7,
        ..NO_COUNTS
    },
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
    counts: DocumentCounts {
        nodes: 2,
        meshes: 1,
        primitives: 2,
        materials: 2,
        textures: 0,
        images: 0,
        samplers: 0,
        accessors: 5,
        ..NO_COUNTS
    },
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
