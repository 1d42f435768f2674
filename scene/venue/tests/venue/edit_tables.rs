//! The editor's single tables — `[venue]`, `[visitor]`, `[bake]`, `[guide]`, the
//! materials — and unnamed ramps by their place: each edit changes only its own values,
//! keeping comments and key order; and a file changed on disk answered by reloading or
//! by saving anyway.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_venue::{self as venue, EditError, ItemKind, VenueEditor, item_fields};
use std::path::{Path, PathBuf};

/// Sections with comments, two materials (one unused), an unnamed ramp and a spawn
/// whose id is `guide`.
const VENUE: &str = r#"# Tables for the editor.
[venue]
name = "Tables"   # the title
environment = "none"
floor_material = "oak"

# How visitors walk.
[visitor]
eye_height = 1.6
walk_speed = 1.4   # metres per second

[materials.oak]
based_on = "wood"
base_color = [0.85, 0.8, 0.75]

# Not used yet.
[materials.red]
base_color = [0.55, 0.12, 0.1]
roughness = 0.85

[[rooms]]
id = "hall"
floor = [[0, 0], [8, 0], [8, 6], [0, 6]]

[[ramps]]
from = [1, 0, 1]
to = [4, 0.3, 1]
width = 1.2

[[spawns]]
id = "guide"
room = "hall"
position = [2, 0, 3]
"#;

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("venue.toml");
    std::fs::write(&path, VENUE).unwrap();
    (dir, path)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The diff header of `path` followed by `hunks`.
fn diff(path: &Path, hunks: &str) -> String {
    let name = path.display();
    format!("--- {name}\n+++ {name} (edited)\n{hunks}")
}

#[test]
fn sections_materials_and_unnamed_ramps_are_edited_in_place() {
    let (_dir, path) = setup();
    let mut editor = VenueEditor::open(&path).unwrap();
    editor.apply("venue.name=New Hall").unwrap();
    editor.apply("visitor.walk_speed=1.2").unwrap();
    editor.apply("materials.red.roughness=0.5").unwrap();
    editor
        .apply("[materials.oak].base_color=[0.8, 0.7, 0.6]")
        .unwrap();
    editor.apply("ramps[0].width=1.5").unwrap();
    assert_eq!(
        editor.diff(),
        diff(
            &path,
            "@@ -3 +3 @@\n-name = \"Tables\"   # the title\n+name = \"New Hall\"   # the title\n\
             @@ -10 +10 @@\n-walk_speed = 1.4   # metres per second\n+walk_speed = 1.2   # metres per second\n\
             @@ -14 +14 @@\n-base_color = [0.85, 0.8, 0.75]\n+base_color = [0.8, 0.7, 0.6]\n\
             @@ -19 +19 @@\n-roughness = 0.85\n+roughness = 0.5\n\
             @@ -28 +28 @@\n-width = 1.2\n+width = 1.5\n"
        )
    );
    editor.save().unwrap();
    let compiled = venue::load(&path).unwrap();
    assert_eq!(compiled.name.as_deref(), Some("New Hall"));
    assert_eq!(compiled.visitor.walk_speed, 1.2);
    assert_eq!(
        compiled.visitor.eye_height, 1.6,
        "the other visitor setting is kept"
    );

    // Places and names: materials by position, sections by key.
    let red = editor.select("materials[1]").unwrap();
    assert_eq!(
        (red.kind(), editor.name(red)),
        (ItemKind::Material, "materials.red".to_owned())
    );
    assert_eq!(editor.name(editor.select("ramps[0]").unwrap()), "ramps[0]");
    assert_eq!(editor.select("[visitor]").unwrap().kind(), ItemKind::Visitor);

    // A section the file lacks is made at its end when a field is set in it.
    let before = read(&path);
    editor.apply("bake.samples=64").unwrap();
    assert_eq!(editor.text(), format!("{before}\n[bake]\nsamples = 64\n"));
    assert_eq!(editor.compiled().bake.samples, 64);
    // An invalid value is the compiler's refusal, and changes nothing.
    let refused = editor.apply("bake.bounces=99").unwrap_err();
    assert!(matches!(refused, EditError::Refused { .. }), "{refused}");
    assert!(refused.to_string().contains("bounces"), "{refused}");
    assert_eq!(editor.compiled().bake.bounces, venue::BakeSettings::BOUNCES);
}

#[test]
fn a_section_sharing_an_item_s_id_needs_brackets_and_unknown_tables_get_a_hint() {
    let (_dir, path) = setup();
    let mut editor = VenueEditor::open(&path).unwrap();
    let e = editor.apply("guide.position[0]=3").unwrap_err();
    let EditError::Select { message, hint, .. } = &e else {
        panic!("{e}");
    };
    assert!(
        message.contains("both the [guide] table and the id of a spawn"),
        "{message}"
    );
    assert!(
        hint.contains("`[guide]`") && hint.contains("`spawn:guide`"),
        "{hint}"
    );
    editor.apply("spawn:guide.position[0]=3").unwrap();

    for (selector, expected) in [
        (
            "materials.blue.roughness=1",
            "its materials are materials.oak, materials.red",
        ),
        ("[lobby].x=1", "no table [lobby]"),
        ("materials[2].roughness=1", "the venue has 2 materials"),
    ] {
        let e = editor.apply(selector).unwrap_err();
        assert!(matches!(e, EditError::Select { .. }), "{selector}: {e}");
        assert!(e.to_string().contains(expected), "{selector}: {e}");
    }
}

#[test]
fn materials_are_added_duplicated_and_deleted_and_sections_added_once() {
    let (_dir, path) = setup();
    let mut editor = VenueEditor::open(&path).unwrap();
    let fields = item_fields("based_on = \"concrete\"\nroughness = 0.7").unwrap();
    let stone = editor.add_material("stone", fields.clone()).unwrap();
    assert_eq!(editor.name(stone), "materials.stone");
    assert!(editor.add_material("stone", fields).is_err());
    editor.apply("rooms[0].wall_material=stone").unwrap();
    let copy = editor.duplicate(stone, None).unwrap();
    assert_eq!(editor.name(copy), "materials.stone-2");
    editor.save().unwrap();
    let saved = read(&path);
    assert!(
        saved.contains("\n[materials.stone]\nbased_on = \"concrete\"\nroughness = 0.7\n"),
        "{saved}"
    );
    let at = |text: &str| saved.find(text).unwrap();
    assert!(
        at("[materials.red]") < at("[materials.stone]")
            && at("[materials.stone]") < at("[materials.stone-2]")
            && at("[materials.stone-2]") < at("[[rooms]]"),
        "new materials follow the last one:\n{saved}"
    );
    assert!(saved.starts_with("# Tables for the editor.\n[venue]"), "{saved}");

    // A material still used cannot go: the compiler says where it is named.
    let e = editor.delete(stone).unwrap_err();
    assert!(matches!(e, EditError::Refused { .. }), "{e}");
    // One nobody uses goes with its comment.
    let red = editor.select("materials.red").unwrap();
    editor.delete(red).unwrap();
    assert!(!editor.text().contains("Not used yet") && !editor.text().contains("[materials.red]"));
    editor.undo().unwrap();
    assert_eq!(editor.text(), saved, "undo gives the text back byte for byte");

    // Sections: added once, deleted whole, never duplicated.
    let bake = editor
        .add(ItemKind::Bake, item_fields("probe_spacing = 2.0").unwrap())
        .unwrap();
    assert_eq!(editor.compiled().bake.probe_spacing, 2.0);
    assert!(
        editor
            .add(ItemKind::Bake, item_fields("samples = 32").unwrap())
            .is_err()
    );
    assert!(editor.duplicate(bake, None).is_err());
    editor.delete(bake).unwrap();
    assert_eq!(editor.text(), saved);
    let visitor = editor.select("visitor").unwrap();
    editor.delete(visitor).unwrap();
    assert!(!editor.text().contains("How visitors walk"));
    assert_eq!(
        editor.compiled().visitor,
        museion_scene::VisitorSettings::default()
    );
}

#[test]
fn the_guide_section_of_the_demo_changes_by_its_lead_alone() {
    let dir = tempfile::tempdir().unwrap();
    let demo = museion_testkit::workspace_root().join("assets/demo");
    copy_dir(&demo, dir.path());
    let path = dir.path().join("venue.toml");
    let original = read(&path);
    let mut editor = VenueEditor::open(&path).unwrap();
    let old = editor.compiled().guide.as_ref().unwrap().lead;
    editor.apply("guide.lead=2.5").unwrap();
    editor.apply("[guide].walk=walk").unwrap();
    editor.save().unwrap();
    let saved = read(&path);
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, [("lead = 1.5", "lead = 2.5")]);
    assert_eq!(saved.lines().count(), original.lines().count() + 1, "walk added");
    assert!(
        saved.contains("lead = 2.5\nwalk = \"walk\"\n"),
        "new keys follow the table's last"
    );
    let guide = venue::load(&path).unwrap().guide.unwrap();
    assert_eq!((old, guide.lead), (1.5, 2.5));
}

#[test]
fn a_file_changed_on_disk_is_answered_by_reloading_or_saving_anyway() {
    let (_dir, path) = setup();
    let mut editor = VenueEditor::open(&path).unwrap();
    editor.apply("visitor.eye_height=1.7").unwrap();
    assert!(!editor.changed_on_disk().unwrap());
    let theirs = VENUE.replace("\"Tables\"", "\"Their Tables\"");
    std::fs::write(&path, &theirs).unwrap();
    assert!(editor.changed_on_disk().unwrap());
    let e = editor.save().unwrap_err();
    assert!(
        matches!(&e, EditError::ChangedOnDisk { path: p } if *p == path),
        "{e}"
    );
    assert!(
        e.to_string().contains("reload") && e.to_string().contains("--force"),
        "{e}"
    );
    assert_eq!(read(&path), theirs);

    // Reloading takes their text and drops the edit made here, which can be made again.
    let dropped = editor.reload().unwrap();
    assert_eq!(dropped, ["visitor.eye_height=1.7"]);
    assert_eq!((editor.text(), editor.is_modified()), (theirs.as_str(), false));
    assert_eq!(editor.undo().unwrap(), None, "the history went with the edits");
    editor.apply("visitor.eye_height=1.7").unwrap();
    editor.save().unwrap();
    let both = read(&path);
    assert!(both.contains("Their Tables") && both.contains("eye_height = 1.7"));

    // Saving anyway replaces what is on disk.
    editor.apply("venue.name=Mine").unwrap();
    std::fs::write(&path, VENUE).unwrap();
    assert!(matches!(editor.save(), Err(EditError::ChangedOnDisk { .. })));
    editor.save_forced().unwrap();
    assert_eq!(read(&path), editor.text());
    assert!(!editor.changed_on_disk().unwrap());

    // A file that no longer compiles cannot be reloaded: the editor stays as it was.
    std::fs::write(&path, "[venue\n").unwrap();
    let text = editor.text().to_owned();
    assert!(matches!(editor.reload(), Err(EditError::Open(_))));
    assert_eq!(editor.text(), text);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
