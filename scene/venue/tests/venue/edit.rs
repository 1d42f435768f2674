//! The venue editor: every edit round-trips through save and load with only its own
//! lines changed and the comments kept, invalid edits are refused with the compiler's
//! error and change nothing, undo and redo give back each text byte for byte, and
//! saving never overwrites a file changed on disk.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::venue as common;

use museion_scene::glam::{Vec2, Vec3};
use museion_venue::{
    self as venue, EditError, ItemKind, VenueDocument, VenueEditor, VenueError, item_fields,
};
use std::path::{Path, PathBuf};

/// Two rooms, two artworks, a model, a light, a spawn sharing a room's id and a tour;
/// comments, a trailing comment on a value, an inline table and a label with a
/// translation.
const VENUE: &str = r#"# A small museum for the editor's tests.
[venue]
name = "Edit Test"   # shown in the title bar
environment = "none"

# Two rooms side by side.
[[rooms]]
id = "atrium"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]

[[rooms.openings]]
wall = 1
offset = 2.5
width = 1.2
to = "gallery"

[[rooms]]
id = "gallery"
floor = [[6, 0], [12, 0], [12, 5], [6, 5]]

# The bather hangs on the gallery's south wall.
[[artworks]]
id = "bather"
room = "gallery"
wall = 0
offset = 3      # from the west corner
width = 1
image = "art.png"
light = { lux = 80 }

[artworks.metadata]
title = "The Bather"
date = "1890"

[artworks.metadata.translations.fr]
title = "La Baigneuse"

[[artworks]]
id = "study"
room = "atrium"
wall = 0
offset = 2
width = 0.8
image = "art.png"

[[models]]
id = "bust"
room = "atrium"
model = "bust.glb"
position = [3, 0, 2.5]
pedestal = true

[[lights]]
kind = "point"
room = "atrium"
position = [3, 2.5, 2.5]
intensity = 60

[[spawns]]
id = "gallery"   # a spawn and a room share this id
room = "gallery"
position = [9, 4]

[[tours]]
id = "highlights"

[[tours.stops]]
exhibit = "bather"
dwell = 6

[[tours.stops]]
exhibit = "bust"
"#;

/// Writes [`VENUE`] with its image (200 × 100) and model into a new folder.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    common::write_png(&dir.path().join("art.png"), 200, 100);
    common::write_pyramid(&dir.path().join("bust.glb"));
    let path = dir.path().join("venue.toml");
    std::fs::write(&path, VENUE).unwrap();
    (dir, path)
}

fn open(path: &Path) -> VenueEditor {
    VenueEditor::open(path).unwrap_or_else(|e| panic!("{e}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn document(text: &str) -> VenueDocument {
    venue::parse(text, "venue.toml").unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The lines that differ between two texts with the same number of lines:
/// `(line number from 1, before, after)`.
fn changed_lines<'a>(before: &'a str, after: &'a str) -> Vec<(usize, &'a str, &'a str)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "lines were added or removed:\n{after}");
    a.into_iter()
        .zip(b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i + 1, x, y))
        .collect()
}

/// The centre of an exhibit's box.
fn centre(venue: &venue::CompiledVenue, id: &str) -> Vec3 {
    venue
        .exhibits
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no exhibit {id}"))
        .bounds
        .center()
}

/// Asserts that an edit was refused by the compiler and that nothing changed.
#[track_caller]
fn refused(editor: &mut VenueEditor, edit: &str) -> VenueError {
    let before = editor.text().to_owned();
    let undo = editor.undo_list().count();
    match editor.apply(edit) {
        Err(EditError::Refused { edit: named, source }) => {
            let source = *source;
            assert_eq!(named, edit);
            assert_eq!(editor.text(), before, "a refused edit changed the text");
            assert_eq!(editor.document().to_string(), before);
            assert_eq!(editor.undo_list().count(), undo, "a refused edit was recorded");
            source
        }
        other => panic!("{edit}: {other:?}"),
    }
}

#[test]
fn a_set_field_round_trips_with_only_its_line_changed() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let before = editor.compiled().clone();
    editor.apply("bather.offset=4.0").unwrap();
    assert!(editor.is_modified());
    assert_eq!(read(&path), VENUE, "nothing is written before save");
    editor.save().unwrap();
    assert!(!editor.is_modified());

    let saved = read(&path);
    assert_eq!(
        changed_lines(VENUE, &saved),
        [(
            26,
            "offset = 3      # from the west corner",
            "offset = 4.0      # from the west corner"
        )]
    );
    // The document says what it said, but for the offset.
    let mut expected = document(VENUE);
    expected.artworks[0].offset = venue::document::Spanned::new(0..0, 4.0);
    assert_eq!(document(&saved), expected);
    // The compiled venue: the bather 1 m further along its wall (+x), all else in place.
    let after = venue::load(&path).unwrap();
    let moved = centre(&after, "bather") - centre(&before, "bather");
    assert!(moved.abs_diff_eq(Vec3::X, 1e-4), "{moved}");
    for id in ["study", "bust"] {
        assert!(centre(&after, id).abs_diff_eq(centre(&before, id), 1e-6), "{id}");
    }
    assert_eq!(after.exhibits.len(), before.exhibits.len());
    assert_eq!(after.scene.lights.len(), before.scene.lights.len());
}

#[test]
fn labels_take_bare_text_and_new_keys_follow_their_table() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    editor.apply("bather.metadata.title=Blue Field").unwrap();
    // A number where the field takes text is the text.
    editor.apply("bather.metadata.date=1967").unwrap();
    editor.apply("bather.metadata.artist = A. Painter").unwrap();
    editor
        .apply("bather.metadata.translations.fr.title=\"Champ bleu\"")
        .unwrap();
    editor.save().unwrap();

    let saved = read(&path);
    let expected = VENUE
        .replace("title = \"The Bather\"", "title = \"Blue Field\"")
        .replace("date = \"1890\"", "date = \"1967\"\nartist = \"A. Painter\"")
        .replace("title = \"La Baigneuse\"", "title = \"Champ bleu\"");
    assert_eq!(saved, expected);
    let label = &venue::load(&path).unwrap().exhibits[0].metadata;
    assert_eq!(label.title.as_deref(), Some("Blue Field"));
    assert_eq!(label.date.as_deref(), Some("1967"));
    assert_eq!(label.artist.as_deref(), Some("A. Painter"));
    assert_eq!(label.label("fr").title.as_deref(), Some("Champ bleu"));
}

#[test]
fn items_are_named_by_id_kind_and_place() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    // A spawn and a room share "gallery": the selector must say which.
    let e = editor.apply("gallery.position=[10, 4]").unwrap_err();
    assert!(matches!(e, EditError::Select { .. }), "{e}");
    assert!(e.to_string().contains("`room:gallery` or `spawn:gallery`"), "{e}");
    editor.apply("spawn:gallery.position=[10, 4]").unwrap();
    editor.apply("lights[0].intensity=120").unwrap();
    editor.apply("highlights.stops[0].dwell=9").unwrap();
    editor.apply("bust.position[0]=3.5").unwrap();
    editor.apply("bather.light.shadows=true").unwrap();
    assert_eq!(
        changed_lines(VENUE, editor.text())
            .into_iter()
            .map(|(_, _, after)| after)
            .collect::<Vec<_>>(),
        [
            "light = { lux = 80, shadows = true }",
            "position = [3.5, 0, 2.5]",
            "intensity = 120",
            "position = [10, 4]",
            "dwell = 9",
        ]
    );
    let compiled = editor.compiled();
    assert_eq!(compiled.spawns[0].position.x, 10.0);
    assert_eq!(compiled.tours[0].stops[0].dwell, 9.0);

    let stop = editor.select("highlights.stops[1]").unwrap();
    assert_eq!((stop.kind(), stop.index()), (ItemKind::Stop, 1));
    assert_eq!(editor.name(stop), "highlights.stops[1]");
    assert_eq!(
        editor.select("atrium.openings[0]").unwrap().kind(),
        ItemKind::Opening
    );
    for (bad, message) in [
        ("bathr", "did you mean \"bather\"?"),
        ("lights[3]", "there is no lights[3]"),
        ("highlights.stops[2]", "highlights has no stops[2]"),
        ("bather.stops[0]", "names no item"),
    ] {
        let e = editor.select(bad).unwrap_err();
        assert!(e.to_string().contains(message), "{bad}: {e}");
    }
    let e = editor.apply("bather.offset").unwrap_err();
    assert!(e.to_string().contains("has no `=`"), "{e}");
    let e = editor.apply("bather.position[0]=1").unwrap_err();
    assert!(
        e.to_string().contains("there is no list `position` to index"),
        "{e}"
    );
}

#[test]
fn invalid_edits_are_refused_with_the_compilers_error() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let e = refused(&mut editor, "bather.room=nowhere");
    assert!(matches!(e, VenueError::Reference { .. }), "{e}");
    assert!(e.to_string().contains("room \"nowhere\" does not exist"), "{e}");
    assert_eq!(e.position().map(|p| p.line), Some(24), "{e}");

    let e = refused(&mut editor, "bather.offst=3");
    assert!(e.to_string().contains("unknown key `offst`"), "{e}");
    assert_eq!(
        e.hint().map(|h| h.starts_with("did you mean `offset`?")),
        Some(true),
        "{e}"
    );

    let e = refused(&mut editor, "bather.width=-1");
    assert!(e.to_string().contains("width must be more than 0"), "{e}");
    let e = refused(&mut editor, "bather.offset=5.8");
    assert!(e.to_string().contains("reaches past the ends of wall 0"), "{e}");
    let e = refused(&mut editor, "bather.width=\"wide\"");
    assert!(e.to_string().contains("expected a number"), "{e}");
    // The message names the edit first, then the compiler's error with its place.
    let e = editor.apply("bather.room=nowhere").unwrap_err();
    assert!(
        e.to_string()
            .starts_with(&format!("bather.room=nowhere: {}:24:8: room", path.display())),
        "{e}"
    );
    assert!(!editor.is_modified());
    editor.save().unwrap();
    assert_eq!(read(&path), VENUE);
}

#[test]
fn artworks_move_along_their_wall_and_onto_another() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let bather = editor.select("bather").unwrap();
    // Wall 0 of the gallery runs from (6, 0) to (12, 0).
    assert_eq!(editor.wall_direction(bather), Some(Vec2::X));
    let start = centre(editor.compiled(), "bather");
    editor.move_along_wall(bather, 1.25).unwrap();
    assert!(
        editor
            .text()
            .contains("offset = 4.25      # from the west corner")
    );
    let moved = centre(editor.compiled(), "bather") - start;
    assert!(moved.abs_diff_eq(Vec3::new(1.25, 0.0, 0.0), 1e-4), "{moved}");

    // Past the wall's end: refused at the offset, nothing changed.
    let text = editor.text().to_owned();
    let e = editor.move_along_wall(bather, 2.0).unwrap_err();
    let source = e.venue_error().unwrap();
    assert!(matches!(source, VenueError::Geometry { .. }), "{e}");
    assert_eq!(source.position().map(|p| p.line), Some(26), "{e}");
    assert_eq!(editor.text(), text);

    // Round the corner onto the east wall (1, 5 m long), in one edit.
    editor.hang(bather, 1, 2.5).unwrap();
    let on_east = centre(editor.compiled(), "bather");
    assert!(
        (on_east.x - 12.0).abs() < 0.2 && (on_east.z - 2.5).abs() < 1e-3,
        "{on_east}"
    );
    assert_eq!(editor.undo_list().last(), Some("hang bather on wall 1 at 2.5 m"));
    let changed: Vec<&str> = changed_lines(VENUE, editor.text())
        .into_iter()
        .map(|(_, _, l)| l)
        .collect();
    assert_eq!(changed, ["wall = 1", "offset = 2.5      # from the west corner"]);

    assert_eq!(editor.wall_direction(bather), Some(Vec2::Y));

    let bust = editor.select("bust").unwrap();
    assert_eq!(editor.wall_direction(bust), None);
    let e = editor.move_along_wall(bust, 1.0).unwrap_err();
    assert!(e.to_string().contains("only artworks hang on walls"), "{e}");
}

#[test]
fn several_fields_set_at_once_and_joined_edits_are_one_undo() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let bather = editor.select("bather").unwrap();
    assert_eq!(editor.wall_of(bather), Some(0));
    let bust = editor.select("bust").unwrap();
    assert_eq!(editor.wall_of(bust), None);
    assert_eq!(editor.number(bather, "offset"), Some(3.0));
    assert_eq!(editor.number(bather, "light.lux"), Some(80.0));
    assert_eq!(editor.number(bust, "position[2]"), Some(2.5));
    assert_eq!(editor.number(bust, "position[3]"), None);
    assert_eq!(editor.number(bather, "image"), None);
    assert_eq!(editor.string(bather, "image").as_deref(), Some("art.png"));
    assert_eq!(
        editor.string(bather, "metadata.title").as_deref(),
        Some("The Bather")
    );
    assert_eq!(editor.string(bather, "offset"), None);
    assert_eq!(editor.switch(bust, "pedestal"), Some(true));
    assert_eq!(editor.switch(bust, "case"), None);
    assert_eq!(editor.switch(bather, "offset"), None, "a number is no switch");
    assert_eq!(editor.count(ItemKind::Light), 1);
    assert_eq!(editor.count(ItemKind::Artwork), 2);
    assert_eq!(editor.count(ItemKind::Stop), 0, "stops are counted in their tour");
    // A drag round the corner: wall, offset and height in one edit.
    editor
        .set_values(
            bather,
            &[
                ("wall", toml_edit::Value::from(1)),
                ("offset", toml_edit::Value::from(2.5)),
                ("center_height", toml_edit::Value::from(1.6)),
            ],
        )
        .unwrap();
    assert_eq!(editor.wall_of(bather), Some(1));
    assert_eq!(editor.undo_list().count(), 1);
    assert!(
        editor
            .text()
            .contains("wall = 1\noffset = 2.5      # from the west corner\n")
    );
    assert!(
        editor
            .text()
            .contains("light = { lux = 80 }\ncenter_height = 1.6\n")
    );
    // Refused whole: a height above the ceiling changes nothing.
    let text = editor.text().to_owned();
    let e = editor
        .set_values(
            bather,
            &[
                ("offset", toml_edit::Value::from(3.0)),
                ("center_height", toml_edit::Value::from(9.0)),
            ],
        )
        .unwrap_err();
    assert!(matches!(e, EditError::Refused { .. }), "{e}");
    assert_eq!(editor.text(), text);
    editor.undo().unwrap();
    assert_eq!(editor.text(), VENUE);

    // A copy moved aside: two edits joined, undone and redone as one.
    let copy = editor.duplicate(bather, None).unwrap();
    editor.move_along_wall(copy, 1.5).unwrap();
    let done = editor.text().to_owned();
    assert!(!editor.join_last(3, "too many"));
    assert!(editor.join_last(2, "duplicate bather beside it"));
    assert_eq!(
        editor.undo_list().collect::<Vec<_>>(),
        ["duplicate bather beside it"]
    );
    assert_eq!(
        editor.undo().unwrap().as_deref(),
        Some("duplicate bather beside it")
    );
    assert_eq!(editor.text(), VENUE);
    editor.redo().unwrap();
    assert_eq!(editor.text(), done);
}

#[test]
fn an_added_item_is_appended_after_its_kind_with_its_label() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let fields = item_fields(
        "id = \"new\"\nroom = \"atrium\"\nwall = 2\noffset = 3\nwidth = 1.2\nimage = \"art.png\"\n\n[metadata]\ntitle = \"New Work\"\n",
    )
    .unwrap();
    let added = editor.add(ItemKind::Artwork, fields).unwrap();
    assert_eq!(
        (added.kind(), added.index(), editor.name(added).as_str()),
        (ItemKind::Artwork, 2, "new")
    );
    editor.save().unwrap();
    let block = "\n[[artworks]]\nid = \"new\"\nroom = \"atrium\"\nwall = 2\noffset = 3\nwidth = 1.2\nimage = \"art.png\"\n\n[artworks.metadata]\ntitle = \"New Work\"\n";
    let at = VENUE.find("\n[[models]]").unwrap();
    let expected = format!("{}{block}{}", &VENUE[..at], &VENUE[at..]);
    assert_eq!(read(&path), expected);
    let compiled = venue::load(&path).unwrap();
    let new = compiled.exhibits.iter().find(|e| e.id == "new").unwrap();
    assert_eq!(new.metadata.title.as_deref(), Some("New Work"));

    // A stop at the end of the tour, and the first light-less list made from nothing.
    let tour = editor.select("highlights").unwrap();
    let stop = editor
        .add_to(tour, item_fields("exhibit = \"new\"").unwrap())
        .unwrap();
    assert_eq!(editor.name(stop), "highlights.stops[2]");
    assert!(
        editor
            .text()
            .ends_with("exhibit = \"bust\"\n\n[[tours.stops]]\nexhibit = \"new\"\n")
    );
    editor
        .add(
            ItemKind::Prop,
            item_fields("id = \"ball\"\nroom = \"atrium\"\nshape = \"ball\"\nposition = [1, 0, 1]").unwrap(),
        )
        .unwrap();
    assert_eq!(editor.compiled().tours[0].stops.len(), 3);
    assert!(editor.text().contains("\n[[props]]\nid = \"ball\"\n"));

    // An id already used is the compiler's error.
    let e = editor
        .add(
            ItemKind::Model,
            item_fields("id = \"bust\"\nroom = \"atrium\"\nmodel = \"bust.glb\"\nposition = [1, 0, 1]")
                .unwrap(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("duplicate exhibit id \"bust\""), "{e}");
    let e = editor
        .add(ItemKind::Stop, item_fields("exhibit = \"bust\"").unwrap())
        .unwrap_err();
    assert!(e.to_string().contains("a stop is added inside a tour"), "{e}");
}

#[test]
fn deleting_takes_an_item_with_its_sections_unless_something_names_it() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let bust = editor.select("bust").unwrap();
    let e = editor.delete(bust).unwrap_err();
    assert!(matches!(e, EditError::Refused { .. }), "{e}");
    assert!(e.to_string().contains("\"bust\""), "{e}");

    let stop = editor.select("highlights.stops[1]").unwrap();
    editor.delete(stop).unwrap();
    editor.delete(bust).unwrap();
    let bather = editor.select("bather").unwrap();
    let stop = editor.select("highlights.stops[0]").unwrap();
    editor.delete(stop).unwrap();
    editor.delete(bather).unwrap();
    let expected = VENUE
        .replace("\n[[tours.stops]]\nexhibit = \"bather\"\ndwell = 6\n", "")
        .replace("\n[[tours.stops]]\nexhibit = \"bust\"\n", "")
        .replace(
            "\n[[models]]\nid = \"bust\"\nroom = \"atrium\"\nmodel = \"bust.glb\"\nposition = [3, 0, 2.5]\npedestal = true\n",
            "",
        );
    let at = expected.find("# The bather hangs").unwrap();
    let end = expected.find("[[artworks]]\nid = \"study\"").unwrap();
    let expected = format!("{}{}", &expected[..at], &expected[end..]);
    assert_eq!(editor.text(), expected);
    let compiled = editor.compiled();
    assert_eq!(
        compiled
            .exhibits
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ["study"]
    );
    assert!(compiled.tours[0].stops.is_empty());
}

#[test]
fn a_duplicate_follows_its_original_with_its_own_label() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let lights = editor.compiled().scene.lights.len();
    let bather = editor.select("bather").unwrap();
    let copy = editor.duplicate(bather, None).unwrap();
    assert_eq!((editor.name(copy).as_str(), copy.index()), ("bather-2", 1));
    editor.move_along_wall(copy, -1.5).unwrap();
    let light = editor.select("lights[0]").unwrap();
    let second = editor.duplicate(light, None).unwrap();
    assert_eq!(editor.name(second), "lights[1]");
    editor.save().unwrap();

    let saved = read(&path);
    let original = &VENUE[VENUE.find("[[artworks]]\nid = \"bather\"").unwrap()
        ..VENUE.find("[[artworks]]\nid = \"study\"").unwrap()];
    let copied = original
        .replace("id = \"bather\"", "id = \"bather-2\"")
        .replace("offset = 3 ", "offset = 1.5 ");
    assert!(
        saved.contains(&format!(
            "{original}[[artworks]]\n{}",
            &copied["[[artworks]]\n".len()..]
        )),
        "{saved}"
    );
    assert_eq!(
        saved.matches("# The bather hangs").count(),
        1,
        "the comment is not copied"
    );
    let compiled = venue::load(&path).unwrap();
    let copy = compiled.exhibits.iter().find(|e| e.id == "bather-2").unwrap();
    assert_eq!(copy.metadata.title.as_deref(), Some("The Bather"));
    assert_eq!(copy.metadata.label("fr").title.as_deref(), Some("La Baigneuse"));
    assert_eq!(compiled.exhibits[0].metadata.title.as_deref(), Some("The Bather"));
    let moved = centre(&compiled, "bather-2") - centre(&compiled, "bather");
    assert!(moved.abs_diff_eq(Vec3::new(-1.5, 0.0, 0.0), 1e-4), "{moved}");
    // The copy's own spot, and the copied point light.
    assert_eq!(compiled.scene.lights.len(), lights + 2);
}

#[test]
fn undo_and_redo_give_back_every_text_byte_for_byte() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    let mut texts = vec![editor.text().to_owned()];
    let bather = editor.select("bather").unwrap();
    editor.apply("bather.metadata.title=Blue Field").unwrap();
    texts.push(editor.text().to_owned());
    editor.move_along_wall(bather, 0.5).unwrap();
    texts.push(editor.text().to_owned());
    editor.duplicate(bather, Some("twin")).unwrap();
    texts.push(editor.text().to_owned());
    editor
        .remove_field(editor.select("twin").unwrap(), "light")
        .unwrap();
    texts.push(editor.text().to_owned());
    editor
        .add(
            ItemKind::Light,
            item_fields("kind = \"directional\"\nintensity = 5").unwrap(),
        )
        .unwrap();
    texts.push(editor.text().to_owned());
    editor.delete(editor.select("study").unwrap()).unwrap();
    texts.push(editor.text().to_owned());
    assert_eq!(editor.undo_list().count(), 6);

    for expected in texts[..texts.len() - 1].iter().rev() {
        assert!(editor.undo().unwrap().is_some());
        assert_eq!(editor.text(), expected);
        assert_eq!(editor.document().to_string(), *expected);
    }
    assert_eq!(editor.undo().unwrap(), None);
    assert_eq!(editor.text().as_bytes(), VENUE.as_bytes());
    assert!(!editor.is_modified());
    for expected in &texts[1..] {
        assert!(editor.redo().unwrap().is_some());
        assert_eq!(editor.text(), expected);
    }
    assert_eq!(editor.redo().unwrap(), None);
    // A new edit after undoing drops what could be redone.
    assert_eq!(editor.undo().unwrap().as_deref(), Some("delete study"));
    editor.apply("study.width=0.7").unwrap();
    assert_eq!(editor.redo_list().count(), 0);
    assert_eq!(editor.redo().unwrap(), None);
    // The compiled venue follows the text.
    assert!(editor.compiled().exhibits.iter().any(|e| e.id == "twin"));
    while editor.undo().unwrap().is_some() {}
    assert_eq!(editor.text(), VENUE);
    assert!(!editor.compiled().exhibits.iter().any(|e| e.id == "twin"));
}

#[test]
fn an_undo_whose_text_no_longer_compiles_changes_nothing() {
    let (dir, path) = setup();
    let mut editor = open(&path);
    common::write_png(&dir.path().join("other.png"), 100, 100);
    editor.apply("bather.image=other.png").unwrap();
    editor.apply("study.image=other.png").unwrap();
    let text = editor.text().to_owned();
    let art = dir.path().join("art.png");
    std::fs::rename(&art, dir.path().join("away.png")).unwrap();
    let e = editor.undo().unwrap_err();
    assert!(matches!(e.venue_error(), Some(VenueError::File { .. })), "{e}");
    assert!(e.to_string().starts_with("undo study.image=other.png: "), "{e}");
    assert_eq!(editor.text(), text);
    assert_eq!(editor.undo_list().count(), 2);
    std::fs::rename(dir.path().join("away.png"), &art).unwrap();
    assert_eq!(editor.undo().unwrap().as_deref(), Some("study.image=other.png"));
    assert_eq!(editor.undo().unwrap().as_deref(), Some("bather.image=other.png"));
    assert_eq!(editor.text(), VENUE);
}

#[test]
fn saving_refuses_a_file_changed_on_disk_unless_forced() {
    let (dir, path) = setup();
    let mut editor = open(&path);
    editor.apply("bather.offset=4").unwrap();
    let theirs = VENUE.replace("Edit Test", "Someone Else's Edit");
    std::fs::write(&path, &theirs).unwrap();
    let e = editor.save().unwrap_err();
    assert!(matches!(e, EditError::ChangedOnDisk { .. }), "{e}");
    assert_eq!(read(&path), theirs, "the other change is kept");
    std::fs::remove_file(&path).unwrap();
    assert!(
        matches!(editor.save(), Err(EditError::ChangedOnDisk { .. })),
        "a deleted file too"
    );

    editor.save_forced().unwrap();
    assert_eq!(read(&path), editor.text());
    // Once saved, the saved file is what is expected on disk.
    editor.apply("bather.offset=4.5").unwrap();
    editor.save().unwrap();
    assert!(read(&path).contains("offset = 4.5 "));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "{names:?}");
}

#[test]
fn only_valid_toml_venues_open() {
    let (dir, path) = setup();
    std::fs::write(
        &path,
        VENUE.replace("room = \"gallery\"\nwall = 0", "room = \"galery\"\nwall = 0"),
    )
    .unwrap();
    let e = VenueEditor::open(&path).unwrap_err();
    assert!(
        matches!(e.venue_error(), Some(VenueError::Reference { .. })),
        "{e}"
    );
    assert!(e.to_string().contains("did you mean \"gallery\"?"), "{e}");
    let e = VenueEditor::open(dir.path().join("bust.glb")).unwrap_err();
    assert!(matches!(e, EditError::NotToml { .. }), "{e}");
    assert!(
        e.to_string().contains("only .toml venue files can be edited"),
        "{e}"
    );
}

#[test]
fn the_diff_shows_the_changed_lines() {
    let (_dir, path) = setup();
    let mut editor = open(&path);
    assert_eq!(editor.diff(), "");
    editor.apply("bather.offset=4.0").unwrap();
    editor.apply("lights[0].intensity=90").unwrap();
    let name = path.display();
    assert_eq!(
        editor.diff(),
        format!(
            "--- {name}\n+++ {name} (edited)\n@@ -26 +26 @@\n-offset = 3      # from the west corner\n+offset = 4.0      # from the west corner\n@@ -57 +57 @@\n-intensity = 60\n+intensity = 90\n"
        )
    );
}

#[test]
fn the_demo_museum_keeps_its_comments_through_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let demo = museion_testkit::workspace_root().join("assets/demo");
    copy_dir(&demo, dir.path());
    let path = dir.path().join("venue.toml");
    let original = read(&path);
    let mut editor = open(&path);
    editor.apply("painting-01.offset=3.0").unwrap();
    editor.apply("painting-01.metadata.title=Blue Field").unwrap();
    editor.save().unwrap();
    let saved = read(&path);
    let changed = changed_lines(&original, &saved);
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!((changed[0].1, changed[0].2), ("offset = 2.787", "offset = 3.0"));
    assert_eq!(changed[1].2, "title = \"Blue Field\"");
    let comments = |text: &str| text.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(comments(&saved), comments(&original));
    assert!(comments(&original) > 5);
    let compiled = venue::load(&path).unwrap();
    let painting = compiled.exhibits.iter().find(|e| e.id == "painting-01").unwrap();
    assert_eq!(painting.metadata.title.as_deref(), Some("Blue Field"));
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
