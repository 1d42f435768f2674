//! `museion bench`: one JSON line per scene × mode whose counts match the scene's own
//! geometry, a baseline comparison that exits with status 2 on a regression, and clear
//! errors for bad options.

// Test helpers: a failed unwrap here is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{error_lines, museion};
use serde_json::Value;
use std::process::Output;

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

const SMALL_CUBES: [&str; 12] = [
    "bench",
    "--scene",
    "cubes",
    "--instances",
    "2000",
    "--frames",
    "3",
    "--warmup",
    "1",
    "--size",
    "160x90",
    "--json",
];

#[test]
fn cubes_report_counts_that_match_the_geometry_in_every_mode() {
    let mut args = SMALL_CUBES.to_vec();
    args.extend([
        "--mode",
        "none",
        "--mode",
        "cpu",
        "--mode",
        "gpu-frustum",
        "--mode",
        "gpu-occlusion",
    ]);
    let output = museion(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("frame 4/4"),
        "progress on stderr"
    );
    let lines = json_lines(&output);
    let modes: Vec<&str> = lines.iter().map(|l| l["mode"].as_str().unwrap()).collect();
    assert_eq!(modes, ["none", "cpu", "gpu-frustum", "gpu-occlusion"]);
    for line in &lines {
        for key in [
            "scene",
            "mode",
            "instances",
            "frames",
            "frame_ms_median",
            "frame_ms_p95",
            "gpu_frame_ms_median",
            "cull_ms_median",
            "draws",
            "triangles",
            "visible_instances",
            "instance_bytes",
            "adapter",
        ] {
            assert!(line.get(key).is_some(), "{key} missing from {line}");
        }
        assert_eq!(line["instances"], 2000);
        assert_eq!(line["frames"], 3);
        // Unit cubes: 12 triangles each, one draw group.
        let drawn = line["visible_instances"].as_u64().unwrap();
        assert_eq!(line["triangles"].as_u64().unwrap(), drawn * 12, "{line}");
    }
    // Culling off draws everything; the CPU reference and both GPU modes agree (nothing
    // occludes anything on the sphere) and draw a part of it.
    assert_eq!(lines[0]["visible_instances"], 2000);
    let culled = lines[1]["visible_instances"].as_u64().unwrap();
    assert!(culled > 0 && culled < 2000, "{culled}");
    assert_eq!(lines[2]["visible_instances"], lines[1]["visible_instances"]);
    assert_eq!(lines[3]["visible_instances"], lines[1]["visible_instances"]);
    assert!(
        lines[0]["cull_ms_median"].is_null(),
        "no GPU culling without a GPU mode"
    );
}

#[test]
fn a_regression_against_the_baseline_exits_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = SMALL_CUBES.to_vec();
    args.extend(["--mode", "gpu-frustum"]);
    let first = museion(&args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // A baseline ten times as fast and with a tenth of the triangles.
    let mut baseline = json_lines(&first).remove(0);
    for key in ["frame_ms_median", "frame_ms_p95", "triangles"] {
        let value = baseline[key].as_f64().unwrap() / 10.0;
        baseline[key] = if key == "triangles" {
            Value::from(value as u64)
        } else {
            Value::from(value)
        };
    }
    let path = dir.path().join("baseline.jsonl");
    std::fs::write(&path, format!("{baseline}\n")).unwrap();
    let path = path.to_str().unwrap();
    args.extend(["--baseline", path, "--max-regression", "50"]);
    let second = museion(&args);
    assert_eq!(
        second.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("regression: ") && stderr.contains("triangles"),
        "{stderr}"
    );
    // Against its own output nothing regresses; times wander on a shared machine, so the
    // limit is generous.
    let same = dir.path().join("same.jsonl");
    std::fs::write(&same, String::from_utf8_lossy(&first.stdout).as_bytes()).unwrap();
    let mut args = SMALL_CUBES.to_vec();
    args.extend([
        "--mode",
        "gpu-frustum",
        "--baseline",
        same.to_str().unwrap(),
        "--max-regression",
        "1000",
    ]);
    let third = museion(&args);
    assert_eq!(
        third.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );

    // A baseline that compares nothing switches no gate off: exit 2 before any work,
    // naming what it has and what the run measures.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "not a benchmark file\n").unwrap();
    for (baseline, mode, expected) in [
        (
            same.to_str().unwrap(),
            "none",
            "it has cubes-2000/gpu-frustum; this run measures cubes/none",
        ),
        (other.to_str().unwrap(), "gpu-frustum", "no benchmark rows"),
    ] {
        let mut args = SMALL_CUBES.to_vec();
        args.extend(["--mode", mode, "--baseline", baseline, "--max-regression", "10"]);
        let output = museion(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(error_lines(&output).len(), 1, "{stderr}");
        assert!(
            stderr.contains("matches none of the runs") && stderr.contains(expected),
            "{stderr}"
        );
        assert!(
            !stderr.contains("building the scene"),
            "checked before any work: {stderr}"
        );
    }
    // Rows of the same scene kind but another size are found out once it is built.
    let resized = dir.path().join("resized.jsonl");
    let text = String::from_utf8_lossy(&first.stdout).replace("\"cubes-", "\"cubes-9");
    std::fs::write(&resized, text).unwrap();
    let mut args = SMALL_CUBES.to_vec();
    args.extend([
        "--mode",
        "gpu-frustum",
        "--baseline",
        resized.to_str().unwrap(),
        "--max-regression",
        "10",
    ]);
    let output = museion(&args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("compared nothing") && stderr.contains("is not compared"),
        "{stderr}"
    );
}

#[test]
fn bad_options_fail_with_one_error_line() {
    let mut args = SMALL_CUBES.to_vec();
    args.extend(["--mode", "gpu"]);
    let output = museion(&args);
    assert_eq!(output.status.code(), Some(2), "clap rejects an unknown mode");
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown culling mode 'gpu'"));

    // Options the parser cannot judge are still refused before any work, with exit 2.
    let output = museion(&["bench", "--scene", "grid", "--frames", "1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("building the scene"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: ") && stderr.contains("--model"),
        "{stderr}"
    );

    let output = museion(&["bench", "--scene", "cubes", "--instances", "100", "--frames", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("building the scene"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--frames must be at least 1"));
}
