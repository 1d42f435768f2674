//! Fox: counts, bounds and warnings, its material and embedded PNG, flat normals generated
//! per triangle, the nodes and skin (24 joints), and the animations.

use super::{
    Expected, LINEAR_MIPMAP_LINEAR_REPEAT, MAT, Mat, NO_COUNTS, Prim, assert_trs, assert_vec3, check_images,
    check_materials, check_model, check_textures, close, load, node_by_name, node_name, prim,
};
use museion_gltf::{DocumentCounts, Imported};
use museion_scene::glam::{Mat4, Vec3};
use museion_scene::{AnimationProperty, ImageSourceFormat, Interpolation, MeshId, SkinId};
use std::sync::OnceLock;

model!(fox, "Fox/Fox.glb");

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
    counts: DocumentCounts {
        nodes: 26,
        meshes: 1,
        primitives: 1,
        materials: 1,
        textures: 1,
        images: 1,
        samplers: 1,
        accessors: 71,
        skins: 1,
        animations: 3,
        ..NO_COUNTS
    },
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
