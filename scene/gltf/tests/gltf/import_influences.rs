//! Skinning influences on small documents built here: the fifth to eighth influences
//! (`JOINTS_1`/`WEIGHTS_1`) in every component type glTF allows, weights normalised
//! over both sets with one warning per primitive, vertices without weight left
//! unskinned, a second set that cannot be used dropped, and joint indices past the
//! skin's joints named.

use crate::support::*;
use museion_scene::glam::Vec4;
use serde_json::{Value, json};

fn u16_bytes(values: &[u16]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A skinned triangle with `attributes` beside POSITION, drawn by a node whose skin has
/// `joints` joint nodes.
fn skinned(g: &mut Gltf, attributes: Value, joints: usize) {
    let positions = g.positions(&TRIANGLE);
    let mut attributes = attributes;
    attributes["POSITION"] = json!(positions);
    let mesh = g.push("meshes", json!({ "primitives": [{ "attributes": attributes }] }));
    let joint_nodes: Vec<usize> = (0..joints)
        .map(|j| g.push("nodes", json!({ "name": format!("joint {j}") })))
        .collect();
    for j in &joint_nodes {
        g.root(*j);
    }
    let skin = g.push("skins", json!({ "joints": joint_nodes }));
    let node = g.push("nodes", json!({ "name": "skinned", "mesh": mesh, "skin": skin }));
    g.root(node);
}

fn warnings(imported: &museion_gltf::Imported) -> Vec<String> {
    imported.report.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn joints_1_and_weights_1_are_read_in_every_allowed_component_type() {
    let mut g = Gltf::new();
    // Set 0: u8 joints, float weights. Set 1: u16 joints, normalized u16 weights.
    let joints_0 = g.accessor(
        &[0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5],
        UNSIGNED_BYTE,
        3,
        "VEC4",
        false,
    );
    let weights_0 = g.floats(
        &[
            0.5, 0.25, 0.0, 0.0, 0.125, 0.125, 0.125, 0.125, 1.0, 0.0, 0.0, 0.0,
        ],
        "VEC4",
    );
    let joints_1 = g.accessor(
        &u16_bytes(&[4, 5, 6, 7, 5, 6, 7, 300, 0, 0, 0, 0]),
        UNSIGNED_SHORT,
        3,
        "VEC4",
        false,
    );
    let weights_1 = g.accessor(
        &u16_bytes(&[16384, 0, 0, 0, 0, 0, 0, 32768, 0, 0, 0, 0]),
        UNSIGNED_SHORT,
        3,
        "VEC4",
        true,
    );
    skinned(
        &mut g,
        json!({ "JOINTS_0": joints_0, "WEIGHTS_0": weights_0, "JOINTS_1": joints_1, "WEIGHTS_1": weights_1 }),
        301,
    );
    let imported = import(&g);
    let p = first_primitive(&imported);
    assert_eq!(
        p.joints.as_deref(),
        Some(&[[0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5]][..])
    );
    assert_eq!(
        p.joints_1.as_deref(),
        Some(&[[4, 5, 6, 7], [5, 6, 7, 300], [0, 0, 0, 0]][..])
    );
    let w1 = p.weights_1.as_ref().expect("WEIGHTS_1");
    // 16384 / 65535 and 32768 / 65535: within the tolerance of 0.25 and 0.5, so the
    // sums (1.00000 and 1.00001) need no normalising and the values are as read.
    assert_eq!(w1[0], Vec4::new(16384.0 / 65535.0, 0.0, 0.0, 0.0));
    assert_eq!(w1[1], Vec4::new(0.0, 0.0, 0.0, 32768.0 / 65535.0));
    assert_eq!(w1[2], Vec4::ZERO);
    assert_eq!(p.weights.as_ref().unwrap()[0], Vec4::new(0.5, 0.25, 0.0, 0.0));
    assert_eq!(warnings(&imported), [""; 0], "nothing to warn about");
    // The deformation reads all eight: vertex 1 has joint 300 among its influences.
    assert!(p.influences(1).any(|(j, w)| j == 300 && w > 0.49));
    assert_eq!(p.influences(1).count(), 8);
}

#[test]
fn weights_summing_to_a_half_are_doubled_with_one_warning() {
    let mut g = Gltf::new();
    let joints = g.accessor(
        &[0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0],
        UNSIGNED_BYTE,
        3,
        "VEC4",
        false,
    );
    // Vertex 0 sums to 0.5 in set 0 alone, vertex 1 to 0.5 over both sets, vertex 2
    // has no weight at all.
    let weights_0 = g.floats(
        &[0.25, 0.25, 0.0, 0.0, 0.125, 0.125, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "VEC4",
    );
    let joints_1 = g.accessor(
        &[1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
        UNSIGNED_BYTE,
        3,
        "VEC4",
        false,
    );
    let weights_1 = g.floats(
        &[0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "VEC4",
    );
    skinned(
        &mut g,
        json!({ "JOINTS_0": joints, "WEIGHTS_0": weights_0, "JOINTS_1": joints_1, "WEIGHTS_1": weights_1 }),
        2,
    );
    let imported = import(&g);
    let p = first_primitive(&imported);
    let w0 = p.weights.as_ref().unwrap();
    let w1 = p.weights_1.as_ref().unwrap();
    assert_eq!(w0[0], Vec4::new(0.5, 0.5, 0.0, 0.0));
    assert_eq!(w1[0], Vec4::ZERO);
    assert_eq!(w0[1], Vec4::new(0.25, 0.25, 0.0, 0.0));
    assert_eq!(w1[1], Vec4::new(0.5, 0.0, 0.0, 0.0));
    assert_eq!(w0[2], Vec4::ZERO, "no weight stays no weight");
    assert_eq!(w1[2], Vec4::ZERO);
    let w = warnings(&imported);
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(
        w[0].starts_with("/meshes/0/primitives/0/attributes: ")
            && w[0].contains("of 2 vertices did not sum to 1")
            && w[0].contains("normalised"),
        "{w:#?}"
    );
    assert!(w[1].contains("1 vertices have no weight"), "{w:#?}");
}

#[test]
fn a_second_set_that_cannot_be_used_is_dropped_with_a_warning() {
    // JOINTS_1 without WEIGHTS_1.
    let mut g = Gltf::new();
    let joints = g.accessor(&[0; 12], UNSIGNED_BYTE, 3, "VEC4", false);
    let weights = g.floats(&[1.0, 0.0, 0.0, 0.0].repeat(3), "VEC4");
    let joints_1 = g.accessor(&[0; 12], UNSIGNED_BYTE, 3, "VEC4", false);
    skinned(
        &mut g,
        json!({ "JOINTS_0": joints, "WEIGHTS_0": weights, "JOINTS_1": joints_1 }),
        1,
    );
    let imported = import(&g);
    let p = first_primitive(&imported);
    assert!(p.joints_1.is_none() && p.weights_1.is_none());
    assert!(p.joints.is_some() && p.weights.is_some());
    let w = warnings(&imported);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].contains("must come together"), "{w:#?}");

    // A second set without a first.
    let mut g = Gltf::new();
    let joints_1 = g.accessor(&[0; 12], UNSIGNED_BYTE, 3, "VEC4", false);
    let weights_1 = g.floats(&[1.0, 0.0, 0.0, 0.0].repeat(3), "VEC4");
    skinned(&mut g, json!({ "JOINTS_1": joints_1, "WEIGHTS_1": weights_1 }), 1);
    let imported = import(&g);
    let p = first_primitive(&imported);
    assert!(p.joints_1.is_none() && p.weights_1.is_none());
    let w = warnings(&imported);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].contains("needs JOINTS_0 and WEIGHTS_0"), "{w:#?}");
}

#[test]
fn joints_past_the_skin_are_named_for_either_set() {
    for second in [false, true] {
        let mut g = Gltf::new();
        let (j0, j1): ([u8; 12], [u8; 12]) = if second {
            ([0; 12], [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
        } else {
            ([0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0], [0; 12])
        };
        let joints = g.accessor(&j0, UNSIGNED_BYTE, 3, "VEC4", false);
        let joints_1 = g.accessor(&j1, UNSIGNED_BYTE, 3, "VEC4", false);
        let weights = g.floats(&[0.5, 0.0, 0.0, 0.0].repeat(3), "VEC4");
        skinned(
            &mut g,
            json!({ "JOINTS_0": joints, "WEIGHTS_0": weights, "JOINTS_1": joints_1, "WEIGHTS_1": weights }),
            2,
        );
        let imported = import(&g);
        let w = warnings(&imported);
        assert_eq!(w.len(), 1, "{w:#?}");
        let set = if second { "JOINTS_1" } else { "JOINTS_0" };
        assert!(
            w[0].starts_with("/nodes/2/skin: ")
                && w[0].contains(&format!("joint 2 ({set}) but skin 0 has 2")),
            "{w:#?}"
        );
    }
}
