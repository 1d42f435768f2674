//! `museion inspect` run as a process: `--json` and text output on every real model in
//! `../shared/gltf/` (beside the checkout, read in place, never copied into the
//! repository; a checkout without it fails here, it does not skip), and the failure
//! contract: exit code 1 (never a panic's 101), nothing on stdout, and exactly one
//! `error: ` line on stderr naming the file, for missing, directory, empty, invalid-JSON
//! and truncated-GLB inputs and an out-of-range `--scene`; usage errors exit non-zero.
//!
//! The expected numbers were read off the files with Python, independently of the
//! importer: document counts are the lengths of the JSON arrays; triangles are
//! indices-count / 3 (POSITION count / 3 without indices) and vertices the POSITION
//! count, per primitive per mesh node of the default scene; bounds are the boxes of the
//! 8 corners of each primitive's POSITION `min`/`max` moved by the node's world matrix.

use crate::support::museion;
use museion_testkit::shared_model as model_path;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn inspect(path: &Path, extra: &[&str]) -> Output {
    let path = path.to_str().expect("UTF-8 path");
    let mut args = vec!["inspect", path];
    args.extend_from_slice(extra);
    museion(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

struct Expected {
    file: &'static str,
    nodes: u64,
    meshes: u64,
    primitives: u64,
    materials: u64,
    textures: u64,
    images: u64,
    samplers: u64,
    skins: u64,
    animations: u64,
    mesh_instances: u64,
    triangles: u64,
    vertices: u64,
    min: [f64; 3],
    max: [f64; 3],
    extensions_used: &'static [&'static str],
    /// Each warning must contain the matching word; the count must be exact.
    warnings: &'static [&'static str],
}

/// The UniGLTF files list node 1, a child of node 0, as the scene root.
const CHILD_AS_ROOT: &[&str] = &["/scenes/0/nodes/0: "];

const MODELS: &[Expected] = &[
    Expected {
        file: "AnisotropyBarnLamp/AnisotropyBarnLamp.gltf",
        nodes: 3,
        meshes: 3,
        primitives: 3,
        materials: 3,
        textures: 4,
        images: 4,
        samplers: 1,
        skins: 0,
        animations: 0,
        mesh_instances: 3,
        // (25257 + 840 + 4512) / 3; 6803 + 140 + 769.
        triangles: 10203,
        vertices: 7712,
        min: [-0.104619145, -0.198292032, -2.43595832e-06],
        max: [0.08619007, 0.056946706, 0.226538792],
        extensions_used: &[
            "KHR_materials_anisotropy",
            "KHR_materials_clearcoat",
            "KHR_materials_emissive_strength",
            "KHR_materials_transmission",
            "KHR_materials_volume",
        ],
        // Museion reads every extension the lamp uses: nothing to warn about.
        warnings: &[],
    },
    Expected {
        file: "DamagedHelmet/DamagedHelmet.gltf",
        nodes: 1,
        meshes: 1,
        primitives: 1,
        materials: 1,
        textures: 5,
        images: 5,
        samplers: 1,
        skins: 0,
        animations: 0,
        mesh_instances: 1,
        // 46356 / 3 and 14359; the node's rotation swaps y and z of the accessor box.
        triangles: 15452,
        vertices: 14359,
        min: [-0.944976985, -0.900973976, -1.0],
        max: [0.944976985, 0.900995016, 1.0],
        extensions_used: &[],
        // 10 triangles have a zero-area UV triangle: their tangents are arbitrary.
        warnings: &["tangent"],
    },
    Expected {
        file: "FlightHelmet/FlightHelmet.gltf",
        nodes: 6,
        meshes: 6,
        primitives: 6,
        materials: 6,
        textures: 15,
        images: 15,
        samplers: 1,
        skins: 0,
        animations: 0,
        mesh_instances: 6,
        triangles: 94722,
        vertices: 55392,
        min: [-0.203642711, -2.14242937e-05, -0.171545789],
        max: [0.162940636, 0.716000438, 0.200029165],
        extensions_used: &[],
        warnings: &[],
    },
    Expected {
        file: "Fox/Fox.glb",
        nodes: 26,
        meshes: 1,
        primitives: 1,
        materials: 1,
        textures: 1,
        images: 1,
        samplers: 1,
        skins: 1,
        animations: 3,
        mesh_instances: 1,
        // No indices: 1728 / 3.
        triangles: 576,
        vertices: 1728,
        min: [-12.5927181, -0.121744767, -88.0950012],
        max: [12.5927181, 78.9071884, 66.6248627],
        extensions_used: &[],
        warnings: &[],
    },
    Expected {
        file: "MorphStressTest/MorphStressTest.gltf",
        nodes: 1,
        meshes: 1,
        primitives: 2,
        materials: 2,
        textures: 3,
        images: 3,
        samplers: 1,
        skins: 0,
        animations: 3,
        mesh_instances: 1,
        // (36 + 7200) / 3 and 24 + 1504.
        triangles: 2412,
        vertices: 1528,
        min: [-2.0, -0.100000024, -0.5],
        max: [2.0, 0.5, 0.5],
        extensions_used: &[],
        warnings: &[],
    },
    Expected {
        file: "Kenney/alien.glb",
        nodes: 8,
        meshes: 6,
        primitives: 18,
        materials: 5,
        textures: 0,
        images: 0,
        samplers: 0,
        skins: 0,
        animations: 0,
        mesh_instances: 6,
        triangles: 292,
        vertices: 637,
        min: [-0.241591989, 0.0, -0.129999995],
        max: [0.241592117, 0.843183976, 0.200000003],
        extensions_used: &[],
        warnings: &[],
    },
    Expected {
        file: "Kenney/cakeBirthday.glb",
        nodes: 8,
        meshes: 6,
        primitives: 42,
        materials: 7,
        textures: 0,
        images: 0,
        samplers: 0,
        skins: 0,
        animations: 0,
        mesh_instances: 6,
        // Six slices of 222 triangles and 7 * 348 POSITION entries each.
        triangles: 1332,
        vertices: 14616,
        min: [-0.415172574, 0.0, -0.399499999],
        max: [0.415172558, 0.363773584, 0.39949997],
        extensions_used: &["KHR_materials_unlit"],
        warnings: CHILD_AS_ROOT,
    },
    Expected {
        file: "Kenney/craft_speederD.gltf",
        nodes: 2,
        meshes: 1,
        primitives: 4,
        materials: 4,
        textures: 0,
        images: 0,
        samplers: 0,
        skins: 0,
        animations: 0,
        mesh_instances: 1,
        triangles: 322,
        vertices: 2032,
        min: [-1.4, 0.0, -1.11283529],
        max: [1.4, 0.9, 1.11283529],
        extensions_used: &["KHR_materials_unlit"],
        warnings: CHILD_AS_ROOT,
    },
    Expected {
        file: "Kenney/tile.glb",
        nodes: 2,
        meshes: 1,
        primitives: 2,
        materials: 2,
        textures: 0,
        images: 0,
        samplers: 0,
        skins: 0,
        animations: 0,
        mesh_instances: 1,
        triangles: 20,
        vertices: 64,
        min: [-0.5, 0.0, -0.5],
        max: [0.5, 0.2, 0.5],
        extensions_used: &["KHR_materials_unlit"],
        warnings: CHILD_AS_ROOT,
    },
];

fn expected(file: &str) -> &'static Expected {
    MODELS
        .iter()
        .find(|e| e.file == file)
        .unwrap_or_else(|| panic!("no expectations for {file}"))
}

fn number(json: &Value, key: &str, file: &str) -> u64 {
    json.get(key)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("{file}: key {key:?} missing or not a count in {json}"))
}

fn corner(json: &Value, which: &str, file: &str) -> [f64; 3] {
    let array = json["bounds"][which]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: bounds.{which} is not an array: {json}"));
    assert_eq!(array.len(), 3, "{file}: bounds.{which} has 3 elements");
    [0, 1, 2].map(|i| {
        array[i]
            .as_f64()
            .unwrap_or_else(|| panic!("{file}: bounds.{which}[{i}] is not a number"))
    })
}

fn check_json(file: &str) {
    let e = expected(file);
    let path = model_path(file);
    let out = inspect(&path, &["--json"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{file}: stderr {}", text(&out.stderr));
    assert!(stdout.ends_with('\n'), "{file}: stdout ends its line");
    assert_eq!(
        stdout.lines().count(),
        1,
        "{file}: exactly one line of JSON: {stdout}"
    );
    let json: Value = serde_json::from_str(stdout.trim_end()).expect("stdout is JSON");
    assert!(json.is_object(), "{file}: a JSON object");

    for (key, value) in [
        ("nodes", e.nodes),
        ("meshes", e.meshes),
        ("primitives", e.primitives),
        ("materials", e.materials),
        ("textures", e.textures),
        ("images", e.images),
        ("samplers", e.samplers),
        ("scenes", 1),
        ("scene", 0),
        ("cameras", 0),
        ("lights", 0),
        ("mesh_instances", e.mesh_instances),
        ("triangles", e.triangles),
        ("vertices", e.vertices),
    ] {
        assert_eq!(number(&json, key, file), value, "{file}: {key}");
    }

    // Skins and animations are listed, one entry per object of the document.
    for (key, count) in [("skins", e.skins), ("animations", e.animations)] {
        let list = json[key]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: {key} is an array: {json}"));
        assert_eq!(list.len() as u64, count, "{file}: {key}");
    }

    assert!(json["bounds"].is_object(), "{file}: bounds is an object: {json}");
    let (min, max) = (corner(&json, "min", file), corner(&json, "max", file));
    let extent = (0..3).map(|i| e.max[i] - e.min[i]).fold(0.0f64, f64::max);
    let tol = 1e-4 * extent;
    for i in 0..3 {
        assert!(
            (min[i] - e.min[i]).abs() <= tol,
            "{file}: bounds.min {min:?} vs {:?}",
            e.min
        );
        assert!(
            (max[i] - e.max[i]).abs() <= tol,
            "{file}: bounds.max {max:?} vs {:?}",
            e.max
        );
    }

    let used: Vec<&str> = json["extensions_used"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: extensions_used is an array"))
        .iter()
        .map(|v| v.as_str().expect("extension names are strings"))
        .collect();
    assert_eq!(used, e.extensions_used, "{file}: extensions_used");

    let warnings: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: warnings is an array"))
        .iter()
        .map(|v| v.as_str().expect("warnings are strings"))
        .collect();
    assert_eq!(warnings.len(), e.warnings.len(), "{file}: warnings {warnings:#?}");
    for (got, word) in warnings.iter().zip(e.warnings) {
        assert!(
            got.contains(word),
            "{file}: warning {got:?} should mention {word:?}"
        );
    }

    let load_ms = json["load_ms"]
        .as_f64()
        .unwrap_or_else(|| panic!("{file}: load_ms is a number"));
    assert!(load_ms.is_finite() && load_ms >= 0.0, "{file}: load_ms {load_ms}");
}

#[test]
fn json_barn_lamp() {
    check_json("AnisotropyBarnLamp/AnisotropyBarnLamp.gltf");
}

#[test]
fn json_damaged_helmet() {
    check_json("DamagedHelmet/DamagedHelmet.gltf");
}

#[test]
fn json_flight_helmet() {
    check_json("FlightHelmet/FlightHelmet.gltf");
}

#[test]
fn json_fox() {
    check_json("Fox/Fox.glb");
}

/// The Fox's three clips and its rig, as the file gives them (read with Python: the
/// `max` of every sampler's input accessor, the channels' paths and input counts, the
/// skin's joint node names).
#[test]
fn json_fox_lists_its_animations_and_skin() {
    let file = "Fox/Fox.glb";
    let out = inspect(&model_path(file), &["--json"]);
    assert_eq!(out.status.code(), Some(0), "stderr {}", text(&out.stderr));
    let json: Value = serde_json::from_str(text(&out.stdout).trim_end()).expect("stdout is JSON");

    // Name, duration (the last key time, the same in every sampler), keys per channel.
    let clips = [
        ("Survey", 3.4166667461395264, 83),
        ("Walk", 0.7083333134651184, 18),
        ("Run", 1.1583333015441895, 25),
    ];
    let animations = json["animations"].as_array().expect("animations is an array");
    assert_eq!(animations.len(), clips.len());
    for (a, (name, duration, keys)) in animations.iter().zip(clips) {
        assert_eq!(a["name"], name);
        let got = a["duration"].as_f64().expect("duration is a number");
        assert!(
            (got - duration).abs() < 1e-6,
            "{name}: duration {got} vs {duration}"
        );
        assert_eq!(a["channel_count"], 21, "{name}");
        let channels = a["channels"].as_array().expect("channels is an array");
        assert_eq!(channels.len(), 21, "{name}");
        // The first channel turns the head; 20 rotations and one translation in all.
        assert_eq!(channels[0]["target"], "node b_Head_05", "{name}");
        assert_eq!(channels[0]["property"], "rotation", "{name}");
        let count = |property: &str| channels.iter().filter(|c| c["property"] == property).count();
        assert_eq!((count("rotation"), count("translation")), (20, 1), "{name}");
        for c in channels {
            assert_eq!(c["interpolation"], "LINEAR", "{name}: {c}");
            assert_eq!(c["keys"], keys, "{name}: {c}");
            assert!(
                c["target"].as_str().is_some_and(|t| t.starts_with("node b_")),
                "{name}: {c}"
            );
        }
    }

    let skins = json["skins"].as_array().expect("skins is an array");
    assert_eq!(skins.len(), 1);
    assert_eq!(skins[0]["name"], Value::Null);
    assert_eq!(skins[0]["joint_count"], 24);
    let joints: Vec<&str> = skins[0]["joints"]
        .as_array()
        .expect("joints is an array")
        .iter()
        .map(|j| j.as_str().expect("joint names are strings"))
        .collect();
    assert_eq!(joints.len(), 24);
    assert_eq!(joints[..3], ["_rootJoint", "b_Root_00", "b_Hip_01"]);
    assert_eq!(joints[23], "b_RightFoot02_022");

    // The text names the clips with their durations and the rig's joint count.
    let out = inspect(&model_path(file), &[]);
    let stdout = text(&out.stdout);
    for line in [
        "animation   Survey 3.4166667 s, 21 channels",
        "animation   Walk 0.7083333 s, 21 channels",
        "animation   Run 1.1583333 s, 21 channels",
        "skin        (unnamed) 24 joints: _rootJoint, b_Root_00,",
    ] {
        assert!(stdout.contains(line), "text should contain {line:?}:\n{stdout}");
    }
}

/// The morph stress test's three clips each weight the mesh node's morph targets.
#[test]
fn json_morph_stress_test_lists_its_weight_animations() {
    let out = inspect(&model_path("MorphStressTest/MorphStressTest.gltf"), &["--json"]);
    assert_eq!(out.status.code(), Some(0), "stderr {}", text(&out.stderr));
    let json: Value = serde_json::from_str(text(&out.stdout).trim_end()).expect("stdout is JSON");
    let clips = [
        ("Individuals", 9.333333333333334, 225),
        ("Pulse", 6.333333333333333, 153),
        ("TheWave", 1.9583333333333333, 48),
    ];
    let animations = json["animations"].as_array().expect("animations is an array");
    assert_eq!(animations.len(), 3);
    for (a, (name, duration, keys)) in animations.iter().zip(clips) {
        assert_eq!(a["name"], name);
        let got = a["duration"].as_f64().expect("duration is a number");
        assert!(
            (got - duration).abs() < 1e-5,
            "{name}: duration {got} vs {duration}"
        );
        assert_eq!(
            a["channels"],
            serde_json::json!([{ "target": "node Main", "property": "weights", "interpolation": "LINEAR", "keys": keys }]),
            "{name}"
        );
    }
    assert_eq!(json["skins"], serde_json::json!([]));
}

#[test]
fn json_morph_stress_test() {
    check_json("MorphStressTest/MorphStressTest.gltf");
}

#[test]
fn json_kenney_alien() {
    check_json("Kenney/alien.glb");
}

#[test]
fn json_kenney_cake() {
    check_json("Kenney/cakeBirthday.glb");
}

#[test]
fn json_kenney_speeder() {
    check_json("Kenney/craft_speederD.gltf");
}

#[test]
fn json_kenney_tile() {
    check_json("Kenney/tile.glb");
}

#[test]
fn text_mode_succeeds_and_reports_the_triangles_of_every_model() {
    for e in MODELS {
        let out = inspect(&model_path(e.file), &[]);
        let stdout = text(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: stderr {}",
            e.file,
            text(&out.stderr)
        );
        assert!(
            stdout.contains(&format!("{} triangles", e.triangles)),
            "{}: the text should give {} triangles:\n{stdout}",
            e.file,
            e.triangles
        );
        assert!(
            stdout.contains(&format!("{} vertices", e.vertices)),
            "{}: the text should give {} vertices:\n{stdout}",
            e.file,
            e.vertices
        );
        assert!(
            !stdout.trim_start().starts_with('{'),
            "{}: text mode is not JSON",
            e.file
        );
    }
}

/// Exit code 1, nothing on stdout, one `error: ` line on stderr that names `path`.
#[track_caller]
fn assert_fails_naming(out: &Output, path: &Path) {
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr: {stderr}");
    assert!(stdout.is_empty(), "nothing on stdout, got {stdout:?}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one line on stderr: {stderr:?}");
    assert!(lines[0].starts_with("error: "), "{stderr:?}");
    let shown = path.display().to_string();
    assert!(lines[0].contains(&shown), "the error names {shown}: {stderr:?}");
}

#[test]
fn a_missing_file_fails_with_one_error_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no such model.glb");
    assert_fails_naming(&inspect(&path, &[]), &path);
    assert_fails_naming(&inspect(&path, &["--json"]), &path);
}

#[test]
fn a_directory_fails_with_one_error_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.gltf");
    std::fs::create_dir(&path).expect("create dir");
    assert_fails_naming(&inspect(&path, &["--json"]), &path);
    assert_fails_naming(&inspect(dir.path(), &[]), dir.path());
}

#[test]
fn an_empty_file_fails_with_one_error_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["empty.gltf", "empty.glb"] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"").expect("write");
        assert_fails_naming(&inspect(&path, &["--json"]), &path);
        assert_fails_naming(&inspect(&path, &[]), &path);
    }
}

#[test]
fn invalid_json_fails_with_one_error_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.gltf");
    std::fs::write(
        &path,
        br#"{"asset": {"version": "2.0"}, "nodes": [ {"name": "a"}, "#,
    )
    .expect("write");
    assert_fails_naming(&inspect(&path, &["--json"]), &path);
    let path = dir.path().join("not-json.gltf");
    std::fs::write(&path, b"this is not JSON at all\n").expect("write");
    assert_fails_naming(&inspect(&path, &[]), &path);
}

#[test]
fn a_truncated_glb_fails_with_one_error_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Fox.glb cut in the middle of its BIN chunk (the header still claims the full size).
    let fox = std::fs::read(model_path("Fox/Fox.glb")).expect("read Fox.glb");
    let path = dir.path().join("fox-cut.glb");
    std::fs::write(&path, &fox[..fox.len() / 2]).expect("write");
    assert_fails_naming(&inspect(&path, &["--json"]), &path);
    // Only the first 16 bytes: the 12-byte header and half a chunk header.
    let path = dir.path().join("fox-header.glb");
    std::fs::write(&path, &fox[..16]).expect("write");
    assert_fails_naming(&inspect(&path, &[]), &path);
    // A GLB whose JSON chunk claims 100 bytes but holds 8.
    let mut glb = Vec::new();
    glb.extend_from_slice(b"glTF");
    glb.extend_from_slice(&2u32.to_le_bytes());
    glb.extend_from_slice(&128u32.to_le_bytes());
    glb.extend_from_slice(&100u32.to_le_bytes());
    glb.extend_from_slice(b"JSON");
    glb.extend_from_slice(br#"{"asset""#);
    let path = dir.path().join("short-chunk.glb");
    std::fs::write(&path, &glb).expect("write");
    assert_fails_naming(&inspect(&path, &["--json"]), &path);
}

#[test]
fn a_scene_index_out_of_range_fails_with_one_error_line() {
    // tile.glb has one scene.
    let path = model_path("Kenney/tile.glb");
    assert_fails_naming(&inspect(&path, &["--json", "--scene", "5"]), &path);
    assert_fails_naming(&inspect(&path, &["--scene", "5"]), &path);
    // Scene 0 is fine.
    let out = inspect(&path, &["--json", "--scene", "0"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn usage_errors_exit_non_zero_without_panicking() {
    for args in [&[][..], &["inspect"][..], &["frobnicate"][..]] {
        let out = museion(args);
        let code = out.status.code();
        assert!(
            matches!(code, Some(c) if c != 0 && c != 101),
            "museion {args:?}: exit code {code:?}"
        );
        assert!(out.stdout.is_empty(), "museion {args:?}: usage goes to stderr");
        assert!(!out.stderr.is_empty(), "museion {args:?}: says what is wrong");
    }
}

/// A venue file is inspected as a venue (its rooms, exhibits, lights, tours, languages
/// and the files it reads), not read as glTF JSON.
#[test]
fn a_venue_is_inspected_as_a_venue() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = crate::support::write_example(dir.path());
    let compiled = museion::venue::load(&path).expect("the example compiles");
    let output = museion(&["inspect", path.to_str().expect("UTF-8"), "--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(json["rooms"].as_array().map(Vec::len), Some(compiled.rooms.len()));
    assert_eq!(json["lights"], compiled.scene.lights.len());
    assert_eq!(json["files"], compiled.dependencies.len());
    assert_eq!(
        json["artworks"].as_u64().unwrap_or(0) + json["models"].as_u64().unwrap_or(0),
        compiled.exhibits.len() as u64
    );
    assert_eq!(json["triangles"], compiled.scene.stats().triangles);
    let text = museion(&["inspect", path.to_str().expect("UTF-8")]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("(venue") && text.contains("rooms: ") && text.contains("tours: "),
        "{text}"
    );
    assert!(!text.contains("JSON"), "{text}");
}
