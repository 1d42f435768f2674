//! `museion edit` run as a process on the documented example: edits saved with only
//! their lines changed; a refused edit is exit status 1, one `error:` line naming it and
//! the compiler's message, and the file byte for byte as it was; `--dry-run` prints the
//! diff and writes nothing.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{error_lines, museion, write_example};
use museion::venue;
use std::path::Path;
use std::process::Output;

fn edit(venue: &Path, args: &[&str]) -> Output {
    let mut all = vec!["edit", venue.to_str().expect("a UTF-8 path")];
    all.extend_from_slice(args);
    museion(&all)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The lines of `after` that differ from `before`, which has as many lines.
fn changed<'a>(before: &'a str, after: &'a str) -> Vec<&'a str> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(_, b)| b)
        .collect()
}

/// Asserts a failed run: exit status 1, stderr exactly one `error:` line (returned),
/// and the venue file as it was.
#[track_caller]
fn failed(output: &Output, venue: &Path, before: &[u8]) -> String {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    let lines = error_lines(output);
    assert_eq!(lines.len(), 1, "{}", stderr(output));
    assert_eq!(
        stderr(output).lines().count(),
        1,
        "nothing else on stderr: {}",
        stderr(output)
    );
    assert_eq!(std::fs::read(venue).unwrap(), before, "the file changed");
    lines[0].clone()
}

#[test]
fn edits_are_saved_with_only_their_lines_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let before = std::fs::read_to_string(&path).unwrap();
    let output = edit(
        &path,
        &[
            "sunflowers.offset=3.5",
            "sunflowers.metadata.title=Blue Field",
            "highlights.stops[2].dwell=8",
            "spawn:entrance.yaw=90",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}: 4 edits, saved\n", path.display())
    );
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        changed(&before, &after),
        ["offset = 3.5", "title = \"Blue Field\"", "yaw = 90", "dwell = 8"]
    );
    let compiled = venue::load(&path).unwrap();
    let sunflowers = compiled.exhibits.iter().find(|e| e.id == "sunflowers").unwrap();
    assert_eq!(sunflowers.metadata.title.as_deref(), Some("Blue Field"));
    assert_eq!(compiled.tours[0].stops[2].dwell, 8.0);

    // Setting what the file already says changes nothing and writes nothing.
    let output = edit(&path, &["sunflowers.offset=3.5"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).ends_with("1 edit, nothing changed\n"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn the_file_s_tables_and_unnamed_places_are_edited_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let before = std::fs::read_to_string(&path).unwrap();
    let output = edit(
        &path,
        &[
            "venue.environment_intensity=0.8",
            "[visitor].max_slope=30",
            "materials.gallery_red.roughness=0.6",
            "materials[0].base_color=[0.8, 0.75, 0.7]",
            "ramps[0].width=1.5",
            "--force",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        changed(&before, &after),
        [
            "environment_intensity = 0.8",
            "max_slope = 30",
            "base_color = [0.8, 0.75, 0.7]",
            "roughness = 0.6",
            "width = 1.5"
        ]
    );
    let compiled = venue::load(&path).unwrap();
    assert_eq!(compiled.visitor.max_slope_degrees, 30.0);
    assert_eq!(compiled.environment.intensity, 0.8);

    // A table the file does not have, named wrong, is one error line with the choices.
    let output = edit(&path, &["materials.blue.roughness=0.5"]);
    let line = failed(&output, &path, after.as_bytes());
    assert!(line.contains("materials.oak, materials.gallery_red"), "{line}");
    // --force saves over changes on disk; it cannot go with --dry-run.
    let output = edit(&path, &["venue.name=X", "--force", "--dry-run"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn a_refused_edit_is_one_error_line_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let before = std::fs::read(&path).unwrap();
    // The first edit is valid; the second is not; neither is saved.
    let output = edit(&path, &["sunflowers.offset=3.5", "sunflowers.offset=99"]);
    let line = failed(&output, &path, &before);
    let prefix = format!("error: sunflowers.offset=99: {}:", path.display());
    assert!(line.starts_with(&prefix), "{line}");
    assert!(
        line.contains("artwork \"sunflowers\" reaches past the ends of wall 2"),
        "{line}"
    );
    assert!(line.contains("hint: offset is to the artwork's centre"), "{line}");

    // Each refused edit is named first, with the compiler's or the selector's message.
    let cases: [(&str, &str); 4] = [
        ("sunflowers.room=attic", "room \"attic\" does not exist"),
        ("sunflower.offset=3", "no item has the id \"sunflower\" "),
        ("sunflower.offset=3", "did you mean \"sunflowers\"?"),
        ("sunflowers.offset", "has no `=`"),
    ];
    for (bad, message) in cases {
        let line = failed(&edit(&path, &[bad]), &path, &before);
        assert!(line.starts_with(&format!("error: {bad}: ")), "{line}");
        assert!(line.contains(message), "{line}");
    }
}

#[test]
fn dry_run_prints_the_changed_lines_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let before = std::fs::read(&path).unwrap();
    let output = edit(&path, &["--dry-run", "bust.pedestal.height=1.2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.contains("\n-pedestal = { height = 1.1 }\n+pedestal = { height = 1.2 }\n"),
        "{diff}"
    );
    assert!(diff.starts_with(&format!("--- {}\n", path.display())), "{diff}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn only_toml_venues_are_edited_and_edits_are_required() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let glb = dir.path().join("models/bust.glb");
    let before = std::fs::read(&glb).unwrap();
    let line = failed(&edit(&glb, &["bust.scale=2"]), &glb, &before);
    assert!(line.contains("only .toml venue files can be edited"), "{line}");
    let output = edit(&path, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}
