//! A two-bone skin built here, bent by an animation: the tip vertex lands where the
//! joint chain puts it.

use crate::support::{assert_vec, clip, sampler};
use museion_animation::pose_at;
use museion_scene::glam::{Mat4, Quat, Vec3, Vec4};
use museion_scene::{
    AnimationProperty, Interpolation, Mesh, Node, Primitive, Scene, Skin, SkinId, Topology, Transform,
};
use std::f32::consts::FRAC_PI_2;

/// An armature (moved to (3, 0, 0)) holding a skinned mesh node and a chain of two
/// joints along +Y: the root joint at the armature's origin, the second one unit up.
/// The mesh has three vertices along +Y: the base and middle bound to the root joint,
/// the tip at y = 2 bound to the second joint. The clip turns the second joint from
/// nothing to 90° about +Z over one second.
fn bending_arm() -> (Scene, museion_scene::NodeId) {
    let mut scene = Scene::new();
    let armature = scene
        .add_node(
            Node::new().with_transform(Transform::from_translation(Vec3::new(3.0, 0.0, 0.0))),
            None,
        )
        .unwrap();
    let root = scene
        .add_node(Node::new().with_name("root"), Some(armature))
        .unwrap();
    let elbow = scene
        .add_node(
            Node::new()
                .with_name("elbow")
                .with_transform(Transform::from_translation(Vec3::Y)),
            Some(root),
        )
        .unwrap();
    let mut primitive = Primitive::new(
        Topology::Points,
        vec![Vec3::ZERO, Vec3::Y, Vec3::Y * 2.0],
        vec![Vec3::X; 3],
        vec![0, 1, 2],
    );
    primitive.joints = Some(vec![[0, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]]);
    primitive.weights = Some(vec![Vec4::X, Vec4::X, Vec4::X]);
    let mesh = scene.add_mesh(Mesh::new(Some("arm".into()), vec![primitive]));
    scene.skins.push(Skin {
        name: Some("arm".into()),
        joints: vec![root, elbow],
        // The joints' bind poses in the mesh's space, inverted.
        inverse_bind_matrices: vec![Mat4::IDENTITY, Mat4::from_translation(-Vec3::Y)],
        skeleton: Some(root),
    });
    let mut skinned = Node::new().with_name("skinned").with_mesh(mesh);
    skinned.skin = Some(SkinId(0));
    let skinned = scene.add_node(skinned, Some(armature)).unwrap();
    scene.animations.push(clip(
        "bend",
        &[(elbow, AnimationProperty::Rotation)],
        vec![sampler(
            Interpolation::Linear,
            &[0.0, 1.0],
            &[
                Quat::IDENTITY.to_array(),
                Quat::from_rotation_z(FRAC_PI_2).to_array(),
            ]
            .concat(),
        )],
    ));
    (scene, skinned)
}

/// The skinned node's vertices, deformed by its joint matrices.
fn deformed(scene: &Scene, node: museion_scene::NodeId) -> Vec<Vec3> {
    let joints = scene.joint_matrices(node).expect("the node is skinned");
    let mesh = &scene.meshes[scene.node(node).unwrap().mesh.unwrap().index()];
    mesh.primitives[0].deform(Some(&joints), &[]).positions
}

#[test]
fn bending_the_second_joint_90_degrees_swings_the_tip_round_the_elbow() {
    let (mut scene, skinned) = bending_arm();
    // The bind pose leaves the vertices where they are.
    pose_at(&mut scene, 0, 0.0).unwrap();
    let bind = deformed(&scene, skinned);
    assert_vec(bind[2], Vec3::new(0.0, 2.0, 0.0), 1e-6);

    // At 90° about +Z the tip, one unit above the elbow, swings to one unit along -X.
    pose_at(&mut scene, 0, 1.0).unwrap();
    let bent = deformed(&scene, skinned);
    assert_vec(bent[0], Vec3::ZERO, 1e-6);
    assert_vec(bent[1], Vec3::Y, 1e-6);
    assert_vec(bent[2], Vec3::new(-1.0, 1.0, 0.0), 1e-5);

    // Halfway, 45°: the elbow plus (−sin 45°, cos 45°).
    pose_at(&mut scene, 0, 0.5).unwrap();
    let half = deformed(&scene, skinned);
    let s = 0.5f32.sqrt();
    assert_vec(half[2], Vec3::new(-s, 1.0 + s, 0.0), 1e-5);
}
