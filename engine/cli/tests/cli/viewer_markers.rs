//! `museion view --edit --script`: the markers of what has no surface to click. A click
//! on a painting below a spot light's marker picks the painting; the marker is clicked
//! and dragged sideways, and only its `position` changes, by
//! the metres the pixels make at its distance (its `target` stays); a tour stop's marker
//! is dragged across the room and nudged away with ↑, and only its `eye` changes; a
//! light dragged with Shift held changes only its height; a spawn's marker is dragged
//! across the floor.

use crate::viewer_script::{EDIT_VENUE, view_script};

/// Pixels a metre across at `depth` metres ahead on the tests' 120-pixel-high view with
/// its 40° vertical field of view.
fn pixels_per_metre(depth: f64) -> f64 {
    60.0 / 20f64.to_radians().tan() / depth
}

/// The visitor's eye height, the format's default `eye_height`.
const EYE: f64 = 1.65;

/// Writes `text` as the venue (with its painting's image) and runs `script` on it in
/// edit mode; returns the saved text and the viewer's log.
fn edit_with_script(text: &str, script: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    let venue = dir.path().join("venue.toml");
    std::fs::write(&venue, text).expect("write the venue");
    let script_path = dir.path().join("markers.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script(&venue, &["--edit"], &script_path, &shots);
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    (saved, stderr)
}

/// The numbers of the first line of `text` that starts with `key = [`.
fn array_of(text: &str, key: &str) -> Vec<f64> {
    let prefix = format!("{key} = [");
    let line = text
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {key} in {text}"));
    line.trim_start_matches(&prefix)
        .trim_end_matches(']')
        .split(',')
        .map(|n| n.trim().parse().unwrap_or_else(|_| panic!("{line}")))
        .collect()
}

/// A press at `from`, drags in ten steps to `to` along the same row, and the release.
fn drag_script(frame: u32, from: (f64, f64), to_x: f64) -> String {
    let (x0, y) = from;
    let mut script = format!("frame {frame}: press {x0:.2} {y:.2}\n");
    for step in 1..=10 {
        let x = x0 + (to_x - x0) * f64::from(step) / 10.0;
        script += &format!("frame {}: drag {x:.2} {y:.2}\n", frame + step);
    }
    script += &format!("frame {}: release {to_x:.2} {y:.2}\n", frame + 11);
    script
}

#[test]
fn in_edit_mode_a_light_dragged_by_its_marker_moves_sideways_and_keeps_its_target() {
    let light = "[[lights]]\nkind = \"spot\"\nroom = \"room\"\nposition = [3, 2.2, 0.5]\n\
                 target = [3, 1.65, 0]\nintensity = 300\n\n[[spawns]]";
    let text = EDIT_VENUE.replace("[[spawns]]", light);
    // The visitor's eye is at (3, EYE, 3) looking toward -z: the light, 2.5 m ahead, is
    // drawn at column 80, as far above the middle row as it is above the eye; dragged 50
    // pixels right at its height, it moves 50 / pixels_per_metre(2.5) m.
    let row = 60.0 - (2.2 - EYE) * pixels_per_metre(2.5);
    let pixels = 50.0;
    // First a click on the painting below the marker: the marker does not take it.
    let script = "frame 5: click 80 60\n".to_owned()
        + &drag_script(10, (80.0, row), 80.0 + pixels)
        + "frame 30: chord Ctrl+S\nframe 32: quit\n";
    let (saved, stderr) = edit_with_script(&text, &script);
    let picked = stderr.find("viewer: picked painting");
    let selected = stderr.find("viewer: selected lights[0]");
    assert!(
        matches!((picked, selected), (Some(p), Some(s)) if p < s),
        "{stderr}"
    );
    assert!(
        stderr.contains("viewer: dragging lights[0] from (3.000, 2.200, 0.500)"),
        "{stderr}"
    );
    assert!(stderr.contains("viewer: dragged lights[0] to ("), "{stderr}");
    assert_eq!(stderr.matches("viewer: picked painting").count(), 1, "{stderr}");

    let position = array_of(&saved, "position");
    let expected = 3.0 + pixels / pixels_per_metre(2.5);
    assert!(
        (position[0] - expected).abs() <= 0.05,
        "moved to x = {}, not {expected}",
        position[0]
    );
    assert_eq!(&position[1..], &[2.2, 0.5], "{saved}");
    // Nothing else changed: its target, the painting, the spawn.
    let moved = format!("position = [{}, 2.2, 0.5]", position[0]);
    assert_eq!(saved, text.replace("position = [3, 2.2, 0.5]", &moved));
}

#[test]
fn in_edit_mode_a_tour_stop_dragged_by_its_marker_and_nudged_with_up_is_saved() {
    let tour = "[[tours]]\nid = \"walk\"\n\n[[tours.stops]]\neye = [2.5, 1.2, 1]\n\
                target = [2.5, 1.2, 0]\ncaption = \"By the painting.\"\n";
    let text = format!("{EDIT_VENUE}\n{tour}");
    // The stop's eye, 0.5 m left of the visitor's, below it and 2 m ahead, is dragged 40
    // pixels right on the level plane through it, then ↑ moves it 10 cm further from the
    // visitor (toward -z).
    let at = (
        80.0 - 0.5 * pixels_per_metre(2.0),
        60.0 + (EYE - 1.2) * pixels_per_metre(2.0),
    );
    let pixels = 40.0;
    let script = drag_script(10, at, at.0 + pixels)
        + "frame 25: key Up down\nframe 26: key Up up\nframe 30: chord Ctrl+S\nframe 32: quit\n";
    let (saved, stderr) = edit_with_script(&text, &script);
    assert!(stderr.contains("viewer: selected tours[0].stops[0]"), "{stderr}");
    assert!(
        stderr.contains("viewer: dragging tours[0].stops[0] from (2.500, 1.200, 1.000)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("viewer: moved tours[0].stops[0] by -0.1 m along z"),
        "{stderr}"
    );

    let eye = array_of(&saved, "eye");
    let expected = 2.5 + pixels / pixels_per_metre(2.0);
    assert!(
        (eye[0] - expected).abs() <= 0.05,
        "moved to x = {}, not {expected}",
        eye[0]
    );
    assert_eq!(&eye[1..], &[1.2, 0.9], "{saved}");
    let moved = format!("eye = [{}, 1.2, 0.9]", eye[0]);
    assert_eq!(saved, text.replace("eye = [2.5, 1.2, 1]", &moved));
}

#[test]
fn in_edit_mode_a_light_shift_dragged_by_its_marker_changes_only_its_height() {
    let light = "[[lights]]\nkind = \"point\"\nroom = \"room\"\nposition = [3, 2.2, 0.5]\n\
                 intensity = 80\n\n[[spawns]]";
    let text = EDIT_VENUE.replace("[[spawns]]", light);
    // With Shift held the light moves in the upright plane through it that faces the
    // visitor, 2.5 m ahead: 20 pixels up raise it 20 / pixels_per_metre(2.5) m.
    let row = 60.0 - (2.2 - EYE) * pixels_per_metre(2.5);
    let pixels = 20.0;
    let mut script = format!("frame 8: key Shift down\nframe 10: press 80 {row:.2}\n");
    for step in 1..=10 {
        let y = row - pixels * f64::from(step) / 10.0;
        script += &format!("frame {}: drag 80 {y:.2}\n", 10 + step);
    }
    script += &format!(
        "frame 21: release 80 {:.2}\nframe 22: key Shift up\nframe 30: chord Ctrl+S\nframe 32: quit\n",
        row - pixels
    );
    let (saved, stderr) = edit_with_script(&text, &script);
    assert!(stderr.contains("viewer: selected lights[0]"), "{stderr}");
    let position = array_of(&saved, "position");
    let expected = 2.2 + pixels / pixels_per_metre(2.5);
    assert!(
        (position[1] - expected).abs() <= 0.05,
        "raised to y = {}, not {expected}",
        position[1]
    );
    let moved = format!("position = [3, {}, 0.5]", position[1]);
    assert_eq!(saved, text.replace("position = [3, 2.2, 0.5]", &moved));
}

#[test]
fn in_edit_mode_a_spawn_dragged_by_its_marker_moves_across_the_floor() {
    // A long room: the visitor starts at the door (z = 11) looking toward -z, and the
    // floor 8 m ahead, where the second spawn stands, is in view.
    let text = "[[rooms]]\nid = \"hall\"\nfloor = [[0, 0], [6, 0], [6, 12], [0, 12]]\nheight = 3\n\n\
                [[spawns]]\nid = \"door\"\nroom = \"hall\"\nposition = [3, 11]\n\n\
                [[spawns]]\nid = \"corner\"   # where the second visitor starts\nroom = \"hall\"\n\
                position = [2, 3]\nyaw = 90\n";
    // Its marker: 1 m left of the eye's column and EYE below it, 8 m ahead; dragged 30
    // pixels right on the floor, it moves 30 / pixels_per_metre(8) m along x.
    let at = (80.0 - pixels_per_metre(8.0), 60.0 + EYE * pixels_per_metre(8.0));
    let pixels = 30.0;
    let script = drag_script(10, at, at.0 + pixels) + "frame 30: chord Ctrl+S\nframe 32: quit\n";
    let (saved, stderr) = edit_with_script(text, &script);
    assert!(stderr.contains("viewer: selected spawns[1]"), "{stderr}");
    assert!(
        stderr.contains("viewer: dragging spawns[1] from (2.000, 0.000, 3.000)"),
        "{stderr}"
    );
    let position = array_of(&saved.replace("position = [3, 11]", ""), "position");
    let expected = 2.0 + pixels / pixels_per_metre(8.0);
    assert!(
        (position[0] - expected).abs() <= 0.05,
        "moved to x = {}, not {expected}",
        position[0]
    );
    assert_eq!(position[1], 3.0, "{saved}");
    let moved = format!("position = [{}, 3]", position[0]);
    assert_eq!(saved, text.replace("position = [2, 3]", &moved));
}
