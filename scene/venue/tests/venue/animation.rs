//! Animated models: `animation = "name"` on a model exhibit loops one of its clips, a
//! `[guide]` walks a tour with its walk and idle clips, and a clip the model does not
//! have is an error at the name, listing the clips it has.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::errors::{ROOMS, check};
use museion_scene::glam::{Quat, Vec3};
use museion_scene::{
    Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Mesh, Node, Scene,
};
use museion_venue::{self as venue, CompiledVenue, TourPath, VenueError};
use std::path::Path;

/// A box 0.5 m high under a root node, with one clip per `(name, seconds)` turning a
/// child node about +y, written as a GLB at `path`; `facts` go in the root's `extras`
/// as a walking figure's stride and cycle.
pub(crate) fn write_animated(path: &Path, clips: &[(&str, f32)], facts: Option<(f32, f32)>) {
    let mut scene = Scene::new();
    let mut root = Node::new().with_name("root");
    root.extras =
        facts.map(|(stride, cycle)| serde_json::json!({ "museion": { "stride": stride, "cycle": cycle } }));
    let root = scene.add_node(root, None).unwrap();
    let cube = museion_scene::shapes::cuboid(Vec3::new(0.2, 0.25, 0.2));
    let mesh = scene.add_mesh(Mesh::new(Some("box".into()), vec![cube]));
    let body = scene
        .add_node(Node::new().with_name("body").with_mesh(mesh), Some(root))
        .unwrap();
    for (name, seconds) in clips {
        let turn: Vec<f32> = [0.0, 1.0]
            .iter()
            .flat_map(|f| Quat::from_rotation_y(f * 0.5).to_array())
            .collect();
        scene.animations.push(Animation {
            name: Some((*name).into()),
            channels: vec![AnimationChannel {
                target: body,
                property: AnimationProperty::Rotation,
                sampler: 0,
            }],
            pointer_channels: Vec::new(),
            samplers: vec![AnimationSampler {
                times: vec![0.0, *seconds],
                values: turn,
                interpolation: Interpolation::Linear,
            }],
        });
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, museion_gltf::to_glb_bytes(&scene).unwrap()).unwrap();
}

/// A venue of [`ROOMS`] plus `rest`, in a folder holding `kinetic.glb` (clips "turn"
/// and "spin") and `guide.glb` (clips "walk" of 0.8 s, "idle" of 2 s, "wave"; stride
/// 1 m per 0.8 s cycle).
fn compile(rest: &str) -> Result<CompiledVenue, VenueError> {
    let dir = tempfile::tempdir().unwrap();
    write_animated(
        &dir.path().join("kinetic.glb"),
        &[("turn", 4.0), ("spin", 1.0)],
        None,
    );
    write_animated(
        &dir.path().join("people/guide.glb"),
        &[("walk", 0.8), ("idle", 2.0), ("wave", 1.5)],
        Some((1.0, 0.8)),
    );
    let text = format!("{ROOMS}{rest}");
    venue::parse(&text, "venue.toml").and_then(|doc| venue::compile(&doc, dir.path()))
}

const KINETIC: &str = r#"
[[models]]
id = "kinetic"
room = "gallery"
model = "kinetic.glb"
position = [9, 0, 2.5]
animation = "spin"
"#;

const TOUR: &str = r#"
[[tours]]
id = "first"

[[tours.stops]]
eye = [2, 1.65, 2.5]
target = [2, 1.65, 0]

[[tours.stops]]
eye = [9, 1.65, 4]
target = [9, 1, 2.5]

[[tours]]
id = "second"

[[tours.stops]]
eye = [3, 1.65, 2.5]
"#;

#[test]
fn a_model_loops_the_clip_it_names() {
    let venue = compile(KINETIC).unwrap();
    assert_eq!(venue.animations.len(), 1);
    let looped = &venue.animations[0];
    assert_eq!(venue.exhibits[looped.exhibit].id, "kinetic");
    let clip = &venue.scene.animations[looped.animation];
    assert_eq!(clip.name.as_deref(), Some("spin"));
    // The clip drives the placed copy of the model, inside the exhibit.
    let exhibit = venue.exhibits[looped.exhibit].node;
    assert!(
        clip.channels
            .iter()
            .all(|c| venue.scene.is_ancestor_or_self(exhibit, c.target))
    );
    // Without `animation` the clips are in the scene but nothing asks for them.
    let still = compile(&KINETIC.replace("animation = \"spin\"\n", "")).unwrap();
    assert!(still.animations.is_empty() && still.scene.animations.len() == 2);
    assert!(still.guide.is_none());
}

#[test]
fn a_clip_the_model_does_not_have_is_an_error_listing_its_clips() {
    let e = compile(&KINETIC.replace("\"spin\"", "\"spinn\"")).unwrap_err();
    check(
        &e,
        14,
        13,
        "model \"kinetic\" (\"kinetic.glb\") has no animation \"spinn\"",
        "its animations are \"turn\", \"spin\" (did you mean \"spin\"?)",
    );
    assert!(matches!(e, VenueError::Reference { .. }));
}

#[test]
fn a_guide_walks_the_first_tour_at_its_models_pace() {
    let venue = compile(&format!("{TOUR}\n[guide]\nmodel = \"people/guide.glb\"\n")).unwrap();
    let guide = venue.guide.as_ref().unwrap();
    assert_eq!(guide.tour, "first");
    let clip = |i: usize| venue.scene.animations[i].name.as_deref();
    assert_eq!((clip(guide.walk), clip(guide.idle)), (Some("walk"), Some("idle")));
    assert_eq!((guide.stride, guide.cycle, guide.idle_duration), (1.0, 0.8, 2.0));
    assert!((guide.speed - 1.25).abs() < 1e-6 && guide.lead == 1.5);
    assert_eq!(guide.eye_height, venue.visitor.eye_height);
    assert!(venue.report.warnings.is_empty(), "{:?}", venue.report.warnings);
    // Its node is a root of the scene, standing where the tour begins: beside the
    // first stop's line of sight, on the floor, inside the atrium.
    assert!(venue.scene.roots().contains(&guide.node));
    let at = venue.scene.local_transform(guide.node).unwrap().translation;
    assert_eq!(at, guide.stands[0]);
    assert!(
        at.y.abs() < 1e-5 && (0.35..=5.65).contains(&at.x) && (0.35..=4.65).contains(&at.z),
        "{at}"
    );
    assert_eq!(guide.stands.len(), 2);
}

#[test]
fn the_guide_table_chooses_clips_tour_lead_and_pace() {
    let venue = compile(&format!(
        "{TOUR}\n[guide]\nmodel = \"people/guide.glb\"\nwalk = \"wave\"\ntour = \"second\"\nlead = 2.5\nspeed = 1.0\n"
    ))
    .unwrap();
    let guide = venue.guide.as_ref().unwrap();
    assert_eq!(venue.scene.animations[guide.walk].name.as_deref(), Some("wave"));
    assert_eq!(
        (guide.tour.as_str(), guide.lead, guide.speed),
        ("second", 2.5, 1.0)
    );
    // Slower than the tour's pace: said, not refused.
    assert!(
        venue
            .report
            .warnings
            .iter()
            .any(|w| w.contains("slower than the tour's pace"))
    );
}

#[test]
fn guide_mistakes_are_reported_where_they_are_written() {
    let guide = "\n[guide]\nmodel = \"people/guide.glb\"\n";
    let e = compile(&format!("{TOUR}{guide}walk = \"stroll\"\n")).unwrap_err();
    check(
        &e,
        28,
        8,
        "the guide's model (\"people/guide.glb\") has no animation \"stroll\"",
        "its animations are \"walk\", \"idle\", \"wave\"",
    );
    let e = compile(&format!("{TOUR}{guide}tour = \"third\"\n")).unwrap_err();
    check(
        &e,
        28,
        8,
        "tour \"third\" does not exist",
        "tours are \"first\", \"second\"",
    );
    let e = compile(&format!("{TOUR}{guide}lead = -1\n")).unwrap_err();
    check(
        &e,
        28,
        8,
        "lead must be 0 or more",
        "metres the guide walks ahead",
    );
    let e = compile(guide).unwrap_err();
    check(&e, 9, 1, "the guide has no tour to walk", "add a [[tours]]");
    let e = compile(&format!("{TOUR}\n[guide]\nmodel = \"people/nobody.glb\"\n")).unwrap_err();
    check(
        &e,
        27,
        9,
        "model file \"people/nobody.glb\" not found",
        "relative to the venue file's folder",
    );
    let e = compile(&format!("{TOUR}\n[guide]\nmodel = \"kinetic.glb\"\n")).unwrap_err();
    check(
        &e,
        26,
        1,
        "has no animation \"walk\"",
        "its animations are \"turn\", \"spin\"",
    );
}

#[test]
fn a_guide_standing_on_a_ramp_stands_at_the_ramps_height() {
    let dir = tempfile::tempdir().unwrap();
    let path = museion_testkit::venue::write_example(dir.path());
    write_animated(
        &dir.path().join("guide.glb"),
        &[("walk", 1.0), ("idle", 2.0)],
        None,
    );
    let mut text = std::fs::read_to_string(&path).unwrap();
    // A stop at the foot of the study ramp, looking up it.
    text.push_str(
        "\n[[tours]]\nid = \"ramp\"\n\n[[tours.stops]]\neye = [3.3, 1.6, 4.9]\ntarget = [3.3, 1.9, 7.9]\n\n[[tours.stops]]\neye = [3, 2.2, 9.5]\ntarget = [1, 2.2, 12.9]\n\n[guide]\nmodel = \"guide.glb\"\ntour = \"ramp\"\n",
    );
    std::fs::write(&path, text).unwrap();
    let venue = venue::load(&path).unwrap();
    let guide = venue.guide.unwrap();
    let stand = guide.stands[0];
    // The ramp rises from 0 at z = 3.9 to 0.6 at z = 7.9, 1.4 m wide about x = 3.
    assert!(
        (stand.x - 3.0).abs() < 0.6 && (4.0..7.8).contains(&stand.z),
        "{stand}"
    );
    let ramp = 0.6 * (stand.z - 3.9) / 4.0;
    assert!(
        (stand.y - ramp).abs() < 1e-4,
        "{stand} on a ramp {ramp} m high there"
    );
    // A model without a walk's facts: the tour's pace, the clip's length per cycle.
    assert_eq!((guide.speed, guide.cycle, guide.stride), (1.2, 1.0, 1.2));
    // Up the ramp and through the door into the study, it walks on the floor: the
    // ramp's top, then the study's floor 0.6 m up.
    let tour = venue.tours.iter().find(|t| t.id == "ramp").unwrap();
    let path = TourPath::new(tour).unwrap();
    let walk = guide.walk_along(&path);
    let (mut on_ramp, mut in_study) = (0, 0);
    for k in 0..=(path.duration() / 0.05) as usize {
        let state = walk.state(k as f32 * 0.05);
        let at = state.transform.translation;
        let floor = if (at.x - 3.0).abs() < 0.69 && (3.91..7.89).contains(&at.z) {
            on_ramp += usize::from(state.moving);
            0.6 * (at.z - 3.9) / 4.0
        } else if at.z > 7.9 {
            // The doorway's sill (in the wall, 20 cm thick) is the study's floor.
            in_study += usize::from(state.moving);
            0.6
        } else if at.z < 7.89 {
            0.0
        } else {
            continue; // where the ramp meets the sill
        };
        assert!((at.y - floor).abs() < 5e-3, "{at}: the floor is at {floor}");
    }
    assert!(
        on_ramp > 20 && in_study > 5,
        "{on_ramp} on the ramp, {in_study} in the study"
    );
}

#[test]
fn copies_of_one_model_loop_in_a_crowd_and_pose_as_a_player_would() {
    let copy = |id: &str, x: f32, clip: &str| {
        format!(
            "\n[[models]]\nid = \"{id}\"\nroom = \"gallery\"\nmodel = \"kinetic.glb\"\nposition = [{x}, 0, 2.5]\nanimation = \"{clip}\"\n"
        )
    };
    let text = [
        copy("a", 7.0, "spin"),
        copy("b", 8.0, "spin"),
        copy("c", 9.0, "spin"),
        copy("d", 10.0, "turn"),
    ]
    .concat();
    let mut venue = compile(&text).unwrap();
    let mut animator = venue::VenueAnimator::new(&venue).unwrap();
    // The three spinning copies make one crowd; the one turning is left to the player.
    assert_eq!(animator.crowd_counts(), (3, 1));
    // Every clip on one player of layers, as before crowds: the same pose.
    let mut reference = venue.scene.clone();
    let clips: Vec<usize> = venue.animations.iter().map(|a| a.animation).collect();
    let mut player = museion_animation::AnimationPlayer::with_clips(&reference, clips.iter().copied());
    for clip in &clips {
        player.add_layer(*clip, 1.0);
    }
    for seconds in [0.0, 0.3, 1.7] {
        animator.pose_at(&mut venue.scene, seconds);
        for layer in player.layers().collect::<Vec<_>>() {
            player.seek_layer(layer, seconds);
        }
        player.apply(&mut reference);
        reference.update_transforms();
        for (id, _) in reference.nodes() {
            let (a, b) = (
                reference.world_matrix(id).unwrap(),
                venue.scene.world_matrix(id).unwrap(),
            );
            assert!(a.abs_diff_eq(b, 1e-5), "{id} at {seconds}: {a} vs {b}");
        }
    }
}
