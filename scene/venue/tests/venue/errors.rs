//! Every kind of mistake in a venue file is reported at the offending value's line and
//! column, with a hint.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::venue as common;

use museion_venue::{self as venue, VenueError};

/// Two rooms side by side (lines 1–7); each case appends from line 8.
pub(crate) const ROOMS: &str = r#"[[rooms]]
id = "atrium"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]

[[rooms]]
id = "gallery"
floor = [[6, 0], [12, 0], [12, 5], [6, 5]]
"#;

/// Parses and compiles `text` as `venue.toml` in a folder holding `art.png` (200 × 100)
/// and `bust.glb`; returns the error it must give.
pub(crate) fn error(text: &str) -> VenueError {
    let dir = tempfile::tempdir().unwrap();
    common::write_png(&dir.path().join("art.png"), 200, 100);
    common::write_pyramid(&dir.path().join("bust.glb"));
    let result = venue::parse(text, "venue.toml").and_then(|doc| venue::compile(&doc, dir.path()));
    match result {
        Ok(_) => panic!("no error for:\n{text}"),
        Err(e) => e,
    }
}

/// Asserts the error's line, column, a phrase of its message and one of its hint.
#[track_caller]
pub(crate) fn check(e: &VenueError, line: usize, column: usize, message: &str, hint: &str) {
    let text = e.to_string();
    let at = e.position().unwrap_or_else(|| panic!("no position: {text}"));
    assert_eq!((at.line, at.column), (line, column), "{text}");
    assert!(
        text.starts_with(&format!("venue.toml:{line}:{column}: ")) && !text.contains("error:"),
        "{text}"
    );
    assert!(text.contains(message), "message lacks {message:?}: {text}");
    let h = e.hint().unwrap();
    assert!(h.contains(hint), "hint lacks {hint:?}: {text}");
    assert!(text.ends_with(&format!("\n  hint: {h}")), "{text}");
}

pub(crate) const ARTWORK: &str = r#"
[[artworks]]
id = "bather"
room = "gallery"
wall = 0
offset = 3
width = 1
image = "art.png"
"#;

const MODEL: &str = r#"
[[models]]
id = "bust"
room = "atrium"
model = "bust.glb"
position = [3, 0, 2]
"#;

#[test]
fn toml_syntax_errors_point_where_the_parser_stopped() {
    let e = error("[[rooms]]\nid = \"atrium\nfloor = [[0, 0], [6, 0], [6, 5]]\n");
    check(&e, 2, 13, "invalid basic string", "text in double quotes");
    assert!(matches!(e, VenueError::Syntax { .. }));
}

#[test]
fn a_value_of_the_wrong_type_is_reported_at_the_value() {
    let e = error(&format!("{ROOMS}\n[venue]\nwall_thickness = \"thick\"\n"));
    check(&e, 10, 18, "expected a number", "must be a number");
    assert!(!e.to_string().contains("f32"), "{e}");
}

#[test]
fn an_unknown_key_gets_the_closest_allowed_key() {
    let e = error("[[rooms]]\nid = \"atrium\"\nfloor = [[0, 0], [6, 0], [6, 5], [0, 5]]\nheigth = 3.0\n");
    check(&e, 4, 1, "unknown key `heigth`", "did you mean `height`?");
    let e = error(&format!(
        "{ROOMS}\n[[models]]\nid = \"bust\"\nroom = \"atrium\"\nmodel = \"bust.glb\"\nposition = [3, 0, 2]\ncollider = \"sphere\"\n"
    ));
    check(&e, 14, 12, "unknown value `sphere`", "`box`, `convex`, `mesh`");
}

#[test]
fn a_light_sensitivity_that_is_not_a_class_is_reported_at_its_value() {
    let e = error(&format!("{ROOMS}{ARTWORK}light_sensitivity = \"extreme\"\n"));
    check(
        &e,
        16,
        21,
        "unknown value `extreme`",
        "values allowed here: `high`, `medium`, `low`, `none`",
    );
    assert!(matches!(e, VenueError::Syntax { .. }));
    let e = error(&format!("{ROOMS}{MODEL}light_sensitivity = \"Medium\"\n"));
    check(&e, 14, 21, "unknown value `Medium`", "did you mean `medium`?");
    let e = error(&format!("{ROOMS}{MODEL}light_sensitivity = 3\n"));
    check(&e, 14, 21, "found the whole number 3", "text in double quotes");
}

#[test]
fn a_missing_key_is_reported_at_its_table() {
    let e = error("[[rooms]]\nid = \"atrium\"\n");
    check(&e, 1, 1, "missing key `floor`", "add `floor = …`");
}

#[test]
fn missing_image_and_model_files_are_reported_where_they_are_named() {
    let e = error(&format!("{ROOMS}{}", ARTWORK.replace("art.png", "missing.png")));
    check(
        &e,
        15,
        9,
        "image file \"missing.png\" not found",
        "relative to the venue file's folder",
    );
    assert!(matches!(&e, VenueError::File { path, .. } if path.ends_with("missing.png")));
    let e = error(&format!("{ROOMS}{}", MODEL.replace("bust.glb", "statue.glb")));
    check(
        &e,
        12,
        9,
        "model file \"statue.glb\" not found",
        "relative to the venue file's folder",
    );
}

#[test]
fn an_exhibit_in_a_room_that_does_not_exist() {
    let e = error(&format!("{ROOMS}{}", MODEL.replace("\"atrium\"", "\"galery\"")));
    check(
        &e,
        11,
        8,
        "room \"galery\" does not exist",
        "rooms are \"atrium\", \"gallery\" (did you mean \"gallery\"?)",
    );
    assert!(matches!(e, VenueError::Reference { .. }));
}

#[test]
fn an_opening_must_line_up_with_a_wall_of_the_room_it_leads_to() {
    let text = r#"[[rooms]]
id = "atrium"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]

[[rooms.openings]]
wall = 1
offset = 2.5
width = 1.2
to = "gallery"

[[rooms]]
id = "gallery"
floor = [[6.5, 0], [12, 0], [12, 5], [6.5, 5]]
"#;
    let e = error(text);
    check(
        &e,
        9,
        6,
        "does not line up with a wall of room \"gallery\"",
        "nearest wall of \"gallery\" is wall 3, 0.50 m",
    );
    assert!(matches!(e, VenueError::Geometry { .. }));
    // Where the gallery does share the wall line, the same opening compiles.
    let dir = tempfile::tempdir().unwrap();
    let doc = venue::parse(&text.replace("6.5", "6"), "venue.toml").unwrap();
    assert!(venue::compile(&doc, dir.path()).is_ok());
}

#[test]
fn an_opening_must_fit_its_wall_and_not_overlap_another() {
    let opening = |offset: &str, width: &str| {
        format!("\n[[rooms.openings]]\nwall = 1\noffset = {offset}\nwidth = {width}\n")
    };
    let e = error(&format!("{ROOMS}{}", opening("4.8", "1.2")));
    check(&e, 11, 10, "reaches past the ends of wall 1", "from 0.60 to 4.40");
    let e = error(&format!("{ROOMS}{}{}", opening("2", "1.2"), opening("2.5", "1")));
    check(&e, 16, 10, "overlaps opening 0", "move one of them");
    let e = error(&format!(
        "{ROOMS}\n[[rooms.openings]]\nwall = 1\noffset = 2\nwidth = 1\nheight = 4\n"
    ));
    check(&e, 13, 10, "only 3.50 m fit", "at most 3.50");
}

#[test]
fn an_opening_wider_than_its_wall_says_so_rather_than_give_an_impossible_range() {
    let e = error(&format!(
        "{ROOMS}\n[[rooms.openings]]\nwall = 1\noffset = 2.5\nwidth = 8\n"
    ));
    check(&e, 12, 9, "8 m wide, wider than wall 1", "make it narrower");
    assert!(!e.to_string().contains("from 4.00 to"), "{e}");
}

#[test]
fn an_artwork_taller_than_its_room_says_so_rather_than_give_an_impossible_range() {
    // A 2 m room; art.png is twice as wide as it is high.
    let low_room = "[[rooms]]\nid = \"gallery\"\nfloor = [[0, 0], [6, 0], [6, 5], [0, 5]]\nheight = 2\n";
    let art = "\n[[artworks]]\nid = \"wide\"\nroom = \"gallery\"\nwall = 0\noffset = 3\nwidth = 5\nimage = \"art.png\"\n";
    let e = error(&format!("{low_room}{art}"));
    check(
        &e,
        11,
        9,
        "taller than room \"gallery\" (2.00 m)",
        "make it smaller",
    );
    assert!(!e.to_string().contains("must be from"), "{e}");
}

#[test]
fn a_duplicate_id_points_at_the_second_use() {
    let e = error(&format!(
        "{ROOMS}\n[[rooms]]\nid = \"atrium\"\nfloor = [[0, 5], [6, 5], [6, 9]]\n"
    ));
    check(&e, 10, 6, "duplicate room id \"atrium\"", "already used (line 2)");
    let e = error(&format!("{ROOMS}{MODEL}{}", ARTWORK.replace("bather", "bust")));
    check(
        &e,
        16,
        6,
        "duplicate exhibit id \"bust\"",
        "already used (line 10)",
    );
}

#[test]
fn rooms_on_one_level_may_not_overlap() {
    let e = error(&format!(
        "{ROOMS}\n[[rooms]]\nid = \"annex\"\nfloor = [[5, 1], [8, 1], [8, 3], [5, 3]]\n"
    ));
    check(
        &e,
        11,
        9,
        "the floor of room \"annex\" overlaps room \"atrium\"",
        "share edges",
    );
    // Overlapping along a strip with edges that coincide (x 0–6 and 4–10 over the same
    // z): no edge crosses and no corner is inside the other, and still one floor.
    let e = error(&format!(
        "{ROOMS}\n[[rooms]]\nid = \"strip\"\nfloor = [[4, 0], [10, 0], [10, 5], [4, 5]]\n"
    ));
    check(
        &e,
        11,
        9,
        "the floor of room \"strip\" overlaps room \"atrium\"",
        "share edges",
    );
    // A mezzanine above the atrium may lie over it.
    let dir = tempfile::tempdir().unwrap();
    let above = format!(
        "{ROOMS}\n[[rooms]]\nid = \"mezzanine\"\nfloor = [[1, 1], [5, 1], [5, 4], [1, 4]]\nelevation = 3.5\n"
    );
    assert!(venue::compile(&venue::parse(&above, "venue.toml").unwrap(), dir.path()).is_ok());
}

#[test]
fn a_step_too_high_without_a_ramp_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let door = "\n[[rooms.openings]]\nwall = 3\noffset = 2.5\nwidth = 1\nto = \"atrium\"\n";
    let text = format!(
        "{}{door}",
        ROOMS.replace("[6, 5]]\n", "[6, 5]]\nelevation = 0.5\n")
    );
    let v = venue::compile(&venue::parse(&text, "venue.toml").unwrap(), dir.path()).unwrap();
    assert_eq!(v.report.warnings.len(), 1, "{:?}", v.report.warnings);
    assert!(
        v.report.warnings[0].contains("0.50 m step"),
        "{:?}",
        v.report.warnings
    );
    // A ramp up to the sill answers it.
    let ramp = "\n[[ramps]]\nfrom = [2, 0, 2.5]\nto = [5.9, 0.5, 2.5]\nwidth = 1\n";
    let v = venue::compile(
        &venue::parse(&format!("{text}{ramp}"), "venue.toml").unwrap(),
        dir.path(),
    )
    .unwrap();
    assert!(v.report.warnings.is_empty(), "{:?}", v.report.warnings);
}

#[test]
fn a_wall_index_out_of_range() {
    let e = error(&format!("{ROOMS}{}", ARTWORK.replace("wall = 0", "wall = 7")));
    check(&e, 12, 8, "room \"gallery\" has no wall 7", "numbered 0 to 3");
}

#[test]
fn an_artwork_wider_than_its_wall() {
    let wide = ARTWORK
        .replace("room = \"gallery\"", "room = \"atrium\"")
        .replace("wall = 0", "wall = 1")
        .replace("width = 1", "width = 5");
    let e = error(&format!("{ROOMS}{wide}"));
    check(
        &e,
        14,
        9,
        "5.12 m wide with its frame, wider than wall 1 of room \"atrium\" (5.00 m)",
        "narrower",
    );
    // Without a frame it fits.
    let dir = tempfile::tempdir().unwrap();
    common::write_png(&dir.path().join("art.png"), 200, 100);
    let doc = venue::parse(
        &format!("{ROOMS}{wide}frame = false\n").replace("offset = 3", "offset = 2.5"),
        "venue.toml",
    )
    .unwrap();
    let v = venue::compile(&doc, dir.path()).unwrap();
    assert_eq!(v.exhibits.len(), 1);
    // An artwork over a door is refused.
    let door = "\n[[rooms.openings]]\nwall = 0\noffset = 3\nwidth = 1\n";
    let e = error(&format!("{ROOMS}{door}{ARTWORK}"));
    check(&e, 18, 10, "covers an opening", "clear of doors");
}

#[test]
fn non_simple_or_degenerate_floors_point_at_the_corner() {
    let room = |floor: &str| format!("[[rooms]]\nid = \"hall\"\nfloor = {floor}\n");
    let e = error(&room("[[0, 0], [4, 4], [4, 0], [0, 4]]"));
    check(&e, 3, 26, "crosses edge 0", "edges may not cross");
    let e = error(&room("[[0, 0], [4, 0], [4, 0], [0, 4]]"));
    check(&e, 3, 26, "corner 2 repeats corner 1", "each once");
    let e = error(&room("[[0, 0], [2, 0], [4, 0]]"));
    check(&e, 3, 26, "folds back", "list the corners in order");
    let e = error(&room("[[0, 0], [4, 0]]"));
    check(&e, 3, 10, "at least 3 corners", "list the corners");
}

#[test]
fn a_tour_stop_naming_an_unknown_exhibit() {
    let e = error(&format!(
        "{ROOMS}{MODEL}\n[[tours]]\nid = \"main\"\n\n[[tours.stops]]\nexhibit = \"bsut\"\n"
    ));
    check(
        &e,
        19,
        11,
        "exhibit \"bsut\" does not exist",
        "exhibits are \"bust\" (did you mean \"bust\"?)",
    );
    let e = error(&format!(
        "{ROOMS}\n[[tours]]\nid = \"main\"\n\n[[tours.stops]]\ncaption = \"?\"\n"
    ));
    check(&e, 12, 1, "needs `exhibit` or `eye`", "name an exhibit");
}

#[test]
fn unknown_materials_and_misplaced_things() {
    let e = error(&format!("{ROOMS}wall_material = \"marbel\"\n"));
    check(
        &e,
        8,
        17,
        "material \"marbel\" does not exist",
        "did you mean \"marble\"?",
    );
    let e = error(&format!("{ROOMS}\n[materials.stone]\nbased_on = \"granit\"\n"));
    check(
        &e,
        10,
        12,
        "library material \"granit\" does not exist",
        "\"concrete\"",
    );
    let e = error(&format!("{ROOMS}{}", MODEL.replace("[3, 0, 2]", "[30, 0, 2]")));
    check(&e, 13, 12, "outside room \"atrium\"", "spans x 0 to 6");
    let e = error(&format!(
        "{ROOMS}\n[[ramps]]\nfrom = [1, 0, 1]\nto = [2, 1, 1]\nwidth = 1\n"
    ));
    check(&e, 11, 6, "rises at 45.0°", "at least 1.19 m long");
}

#[test]
fn limits_keep_compilation_bounded() {
    let corners: Vec<String> = (0..1001)
        .map(|i| {
            let a = i as f32 / 1001.0 * std::f32::consts::TAU;
            format!("[{}, {}]", 10.0 * a.cos(), 10.0 * a.sin())
        })
        .collect();
    let e = error(&format!(
        "[[rooms]]\nid = \"round\"\nfloor = [{}]\n",
        corners.join(", ")
    ));
    check(&e, 3, 9, "1001 corners, more than 1000", "split");
    let hall = "[[rooms]]\nid = \"hall\"\nfloor = [[0, 0], [1e6, 0], [1e6, 1e6], [0, 1e6]]\n";
    let e = error(&format!(
        "{hall}ceiling_lights = {{ kind = \"point\", spacing = 0.5 }}\n"
    ));
    check(
        &e,
        4,
        46,
        "would make 4000000000000 lights, more than 256",
        "further apart",
    );
}

#[test]
fn files_that_cannot_be_venues() {
    let dir = tempfile::tempdir().unwrap();
    let missing = venue::load(dir.path().join("nowhere.toml")).unwrap_err();
    assert!(matches!(missing, VenueError::Read { .. }), "{missing}");
    assert!(
        missing.to_string().contains("nowhere.toml: cannot read"),
        "{missing}"
    );
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    assert!(matches!(
        venue::load(&text),
        Err(VenueError::UnsupportedFile { .. })
    ));
    let glb = dir.path().join("broken.glb");
    std::fs::write(&glb, b"glTF not really").unwrap();
    let e = venue::load(&glb).unwrap_err();
    assert!(
        matches!(e, VenueError::Import(_)) && e.position().is_none(),
        "{e}"
    );
}

/// Images that are not image files say what they are instead, with a fitting hint: a
/// folder, a device, a text file, a picture too large to decode.
#[test]
fn images_that_are_not_pictures_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("folder.png")).unwrap();
    std::fs::write(dir.path().join("notes.png"), "not a picture\n").unwrap();
    let huge = museion_testkit::gltf::png_claiming(museion_testkit::gltf::png(2, 2), 100_000, 100_000);
    std::fs::write(dir.path().join("huge.png"), huge).unwrap();
    let mut cases = vec![
        ("folder.png", "is a folder, not a file", "name a file inside it"),
        (
            "notes.png",
            "not a PNG, JPEG or WebP image",
            "use a PNG, JPEG or WebP file",
        ),
        ("huge.png", "too large to decode", "scale it down"),
    ];
    let zero = std::path::Path::new("/dev/zero");
    if cfg!(unix) {
        cases.push(("/dev/zero", "not a regular file", "name a regular file"));
    }
    for (image, message, hint) in cases {
        let text = format!(
            "{ROOMS}\n[[artworks]]\nid = \"a\"\nroom = \"gallery\"\nwall = 0\noffset = 3\nwidth = 1\nimage = {image:?}\n"
        );
        let path = dir.path().join("venue.toml");
        std::fs::write(&path, &text).unwrap();
        let scope = venue::FileScope::within(dir.path()).allow_dir(zero.parent().unwrap_or(zero));
        let error = venue::load_with_scope(&path, &scope).unwrap_err();
        let shown = error.to_string();
        assert!(shown.contains(message), "{image}: {shown}");
        assert!(
            error.hint().unwrap_or_default().contains(hint),
            "{image}: {shown}"
        );
    }
}

#[test]
fn reflection_cube_settings_out_of_range_are_refused_where_they_stand() {
    let e = error(&format!("{ROOMS}\n[bake]\nreflection_size = 100\n"));
    check(
        &e,
        10,
        19,
        "reflection_size must be a power of two from 16 to 256",
        "64 is the default",
    );
    let e = error(&format!("{ROOMS}\n[bake]\nreflection_size = 512\n"));
    check(&e, 10, 19, "power of two from 16 to 256", "64 is the default");
    let e = error(&format!("{ROOMS}\n[bake]\nreflection_samples = 0\n"));
    check(
        &e,
        10,
        22,
        "reflection_samples must be from 1 to 4096",
        "16 is the default",
    );
}

#[test]
fn reflection_cube_settings_in_range_reach_the_compiled_venue() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{ROOMS}\n[bake]\nreflection_size = 128\nreflection_samples = 8\n");
    let compiled = venue::parse(&text, "venue.toml")
        .and_then(|doc| venue::compile(&doc, dir.path()))
        .unwrap();
    assert_eq!(
        (compiled.bake.reflection_size, compiled.bake.reflection_samples),
        (128, 8)
    );
    let defaults = venue::parse(ROOMS, "venue.toml")
        .and_then(|doc| venue::compile(&doc, dir.path()))
        .unwrap();
    assert_eq!(
        (defaults.bake.reflection_size, defaults.bake.reflection_samples),
        (64, 16)
    );
}
