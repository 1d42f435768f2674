//! `museion lux` run as a process: the table and the JSON document of a venue with a work
//! over its limit (exit status 3) and within it (0), usage errors before any work (2),
//! venue errors with their line and column (1), files confined like every command's,
//! and the demo museum within the limits its labels declare.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{error_lines, museion};
use museion_testkit::venue::write_png;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One room, no ceiling lights, no environment; a work on paper (high sensitivity)
/// under the default 200 lx spot and an oil (low) lit at 100 lx.
const VENUE: &str = r#"[venue]
environment = "none"

[[rooms]]
id = "room"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]

[[artworks]]
id = "paper"
room = "room"
wall = 0
offset = 1.5
width = 0.8
image = "art.png"
light_sensitivity = "high"

[artworks.metadata]
title = "A Drawing"

[[artworks]]
id = "oil"
room = "room"
wall = 0
offset = 4.5
width = 0.8
image = "art.png"
light = { lux = 100 }
light_sensitivity = "low"
"#;

/// Writes `text` as `venue.toml` beside `art.png` in `dir`.
fn write_venue(dir: &Path, text: &str) -> PathBuf {
    write_png(&dir.join("art.png"), 300, 200);
    let path = dir.join("venue.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn lux(venue: &Path, options: &[&str]) -> std::process::Output {
    let mut args = vec!["lux", venue.to_str().expect("a UTF-8 path")];
    args.extend_from_slice(options);
    museion(&args)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_work_over_its_limit_exits_3_and_the_report_says_which_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let venue = write_venue(dir.path(), VENUE);
    let output = lux(&venue, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(error_lines(&output).is_empty(), "{stderr}");
    let table = stdout(&output);
    let line = |id: &str| {
        table
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("no line for {id}: {table}"))
            .to_owned()
    };
    let paper = line("paper");
    assert!(
        paper.contains("A Drawing")
            && paper.contains("high")
            && paper.contains("OVER (max > 50 lx, > 15,000 lx·h)"),
        "{paper}"
    );
    assert!(
        line("oil ").contains("low") && line("oil ").ends_with("OK"),
        "{table}"
    );
    assert!(table.contains("3,000 h a year"), "{table}");
    assert!(
        table.contains("2 exhibits: 1 within their limits, 1 over (paper)"),
        "{table}"
    );

    let output = lux(&venue, &["--json"]);
    assert_eq!(output.status.code(), Some(3));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("one JSON document");
    assert_eq!(report["within_limits"], false);
    assert_eq!(report["over"], serde_json::json!(["paper"]));
    assert_eq!(report["hours_per_year"], 3000.0);
    assert_eq!(report["environment"]["included"], false);
    assert_eq!(report["limits"]["medium"]["max_lux"], 50.0);
    assert_eq!(report["limits"]["none"], Value::Null);
    let paper = &report["exhibits"][0];
    assert_eq!(paper["id"], "paper");
    assert_eq!(paper["status"], "over");
    assert_eq!(paper["over"], serde_json::json!(["max_lux", "annual_lux_hours"]));
    assert_eq!(paper["sensitivity"], "high");
    assert_eq!(paper["points"], 25);
    assert_eq!(paper["samples"].as_array().map(Vec::len), Some(25));
    // Its own spot gives nearly all of its light; the oil's spot none of it.
    let top = &paper["contributions"][0];
    assert_eq!(
        (&top["light"], &top["kind"]),
        (&Value::from("spot:paper"), &Value::from("spot"))
    );
    assert!(top["share"].as_f64().unwrap() > 0.99, "{top}");
    let mean = paper["mean_lux"].as_f64().unwrap();
    assert!(mean > 150.0 && mean < 300.0, "{mean}");
    let dose = paper["annual_lux_hours"].as_f64().unwrap();
    assert!((dose - mean * 3000.0).abs() < 2.0, "{dose} vs {mean}");
    assert_eq!(report["exhibits"][1]["status"], "ok");
}

#[test]
fn within_limits_exits_0_and_the_hours_change_the_dose() {
    let dir = tempfile::tempdir().unwrap();
    let venue = write_venue(dir.path(), &VENUE.replace("\"high\"", "\"none\""));
    let output = lux(&venue, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("2 within their limits, 0 over"));
    // The oil at 100 lx, lit around the clock: more than 600,000 lx·h a year.
    let output = lux(
        &venue,
        &["--hours-per-day", "24", "--days-per-year", "365", "--json"],
    );
    assert_eq!(output.status.code(), Some(3));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["hours_per_year"], 8760.0);
    assert_eq!(
        report["exhibits"][1]["over"],
        serde_json::json!(["annual_lux_hours"])
    );
    // Unmarked works can be held to a class: the oil's class stays its own.
    let unmarked = VENUE.replace("light_sensitivity = \"high\"\n", "");
    let venue = write_venue(dir.path(), &unmarked);
    assert_eq!(lux(&venue, &[]).status.code(), Some(0));
    let output = lux(&venue, &["--default-sensitivity", "medium"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stdout(&output).contains("medium*"), "{}", stdout(&output));
}

#[test]
fn bad_options_exit_2_and_venue_errors_1_with_one_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let venue = write_venue(dir.path(), VENUE);
    for options in [
        &["--hours-per-day", "25"][..],
        &["--days-per-year", "0"],
        &["--hours-per-day", "eight"],
        &["--default-sensitivity", "extreme"],
    ] {
        let output = lux(&venue, options);
        assert_eq!(output.status.code(), Some(2), "{options:?}");
        assert!(output.stdout.is_empty(), "{options:?}");
        assert_eq!(error_lines(&output).len(), 1, "{options:?}");
    }
    let venue = write_venue(dir.path(), &VENUE.replace("\"high\"", "\"extreme\""));
    let output = lux(&venue, &[]);
    assert_eq!(output.status.code(), Some(1));
    let errors = error_lines(&output);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("venue.toml:15:21: unknown value `extreme`"),
        "{errors:?}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn files_outside_the_venue_folder_need_allow_dir() {
    let dir = tempfile::tempdir().unwrap();
    let museum = dir.path().join("museum");
    std::fs::create_dir_all(&museum).unwrap();
    write_png(&dir.path().join("shared/art.png"), 300, 200);
    let venue = museum.join("venue.toml");
    std::fs::write(&venue, VENUE.replace("\"art.png\"", "\"../shared/art.png\"")).unwrap();
    let output = lux(&venue, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(error_lines(&output).len(), 1);
    let shared = dir.path().join("shared");
    let output = lux(&venue, &["--allow-dir", shared.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_demo_museum_meets_the_limits_its_labels_declare() {
    let demo = museion_testkit::workspace_root().join("assets/demo/venue.toml");
    let output = lux(&demo, &["--json"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["within_limits"], true);
    assert_eq!(report["environment"]["source"], "studio");
    assert_eq!(report["environment"]["included"], true);
    let exhibits = report["exhibits"].as_array().unwrap();
    assert_eq!(exhibits.len(), 57);
    let mut classes = std::collections::BTreeMap::new();
    for work in exhibits {
        assert_eq!(work["sensitivity_declared"], true, "{}", work["id"]);
        assert_eq!(work["status"], "ok", "{}", work["id"]);
        *classes
            .entry(work["sensitivity"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
        // Every work is lit: its own spot first.
        let top = &work["contributions"][0];
        assert_eq!(
            top["light"],
            format!("spot:{}", work["id"].as_str().unwrap()),
            "{work}"
        );
    }
    // Oils and temperas (low), works on paper (medium), sculptures (none).
    assert_eq!(classes.get("medium"), Some(&12), "{classes:?}");
    assert_eq!(classes.get("low"), Some(&32), "{classes:?}");
    assert_eq!(classes.get("none"), Some(&13), "{classes:?}");
}
