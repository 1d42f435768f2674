//! `museion view --script`: the demo museum walked through by an input script in a real
//! window (under Xvfb when no display is set): the visitor walks, turns, runs into the
//! gallery, clicks an exhibit and starts the guided tour, and the screenshots it takes
//! show the museum from different places; a venue saved while it is shown is
//! reloaded, a broken edit keeping the last good venue; and in edit mode a clicked
//! painting moved along its wall with the arrow keys, or dragged along it with the mouse, is saved with Ctrl+S, and
//! a title typed into the label panel is saved; an exported venue opens walking at its
//! spawn and takes its tour.

use crate::support::{distinct_colours, viewer_command};

use std::path::{Path, PathBuf};
use std::process::Command;

/// Mean absolute difference per channel, 0–255.
fn mean_difference(a: &image::RgbaImage, b: &image::RgbaImage) -> f64 {
    let total: u64 = a
        .pixels()
        .zip(b.pixels())
        .map(|(p, q)| (0..3).map(|k| u64::from(p.0[k].abs_diff(q.0[k]))).sum::<u64>())
        .sum();
    total as f64 / (f64::from(a.width() * a.height()) * 3.0)
}

const SCRIPT: &str = "\
# From the entrance of the atrium: run north between the two sculptures, turn east,
# run through the door into the painting gallery, click what is ahead, take the tour.
frame 0: key Shift down
frame 0: key W down
frame 30: screenshot atrium.png
frame 77: key W up
frame 77: key Shift up
frame 85: mouse 524 0
frame 90: key Shift down
frame 90: key W down
frame 200: key W up
frame 200: key Shift up
frame 230: screenshot gallery.png
frame 235: click
frame 250: key T down
frame 251: key T up
frame 320: screenshot tour.png
frame 330: quit
";

/// Runs `museion view VENUE OPTIONS` at 160 × 120 without multisampling, shadows or
/// ambient occlusion, with an input script and a screenshot directory; asserts that it
/// succeeded and returns its log (the viewer's at level info).
pub(crate) fn view_script(venue: &Path, options: &[&str], script: &Path, shots: &Path) -> String {
    view_script_at(venue, "160x120", options, script, shots)
}

/// A temporary folder holding the test painting (`art.png`, 120 × 90), the pyramid
/// (`pyramid.glb`) and `text` as its `venue.toml`; returns the folder and the venue.
pub(crate) fn venue_folder(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    museion_testkit::venue::write_pyramid(&dir.path().join("pyramid.glb"));
    let venue = dir.path().join("venue.toml");
    std::fs::write(&venue, text).expect("write the venue");
    (dir, venue)
}

/// Writes `script` beside `venue`, runs it in a window of `size` (`WxH`) with `options`
/// (see [`view_script`]), its screenshots in `shots` beside the venue; returns the log.
pub(crate) fn run_script(venue: &Path, size: &str, options: &[&str], script: &str) -> String {
    let dir = venue.parent().expect("the venue's folder");
    let script_path = dir.join("test.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    view_script_at(venue, size, options, &script_path, &shots)
}

/// [`view_script`] with a window of `size` (`WxH`).
fn view_script_at(venue: &Path, size: &str, options: &[&str], script: &Path, shots: &Path) -> String {
    let cache = std::env::var_os("MUSEION_CACHE_DIR")
        .map_or_else(|| std::env::temp_dir().join("museion-cache"), PathBuf::from);
    let output = viewer_command()
        .env("MUSEION_CACHE_DIR", &cache)
        .env("RUST_LOG", "museion_viewer=info")
        .arg("view")
        .arg(venue)
        .args(options)
        .args([
            "--size",
            size,
            "--msaa",
            "1",
            "--no-shadows",
            "--no-ao",
            "--script",
        ])
        .arg(script)
        .arg("--screenshot-dir")
        .arg(shots)
        .output()
        .expect("run the viewer");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "museion view {options:?} --script failed ({:?}): {stderr}",
        output.status
    );
    stderr
}

/// Reads a screenshot the viewer wrote.
/// Asserts that the script's `before.png` and `after.png` in `shots` differ visibly.
#[track_caller]
fn assert_view_changed(shots: &Path) {
    let [before, after] = ["before.png", "after.png"].map(|name| screenshot(shots, name));
    let difference = mean_difference(&before, &after);
    assert!(
        difference > 3.0,
        "the view barely changed ({difference:.2} per channel)"
    );
}

fn screenshot(shots: &Path, name: &str) -> image::RgbaImage {
    image::open(shots.join(name))
        .unwrap_or_else(|e| panic!("screenshot {name} was not written: {e}"))
        .to_rgba8()
}

/// The demo museum of the checkout.
fn demo_venue() -> PathBuf {
    let venue = museion_testkit::workspace_root().join("assets/demo/venue.toml");
    assert!(venue.is_file(), "{} is missing", venue.display());
    venue
}

#[test]
fn a_script_walks_the_demo_museum_clicks_an_exhibit_and_takes_the_tour() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let script = dir.path().join("walk.script");
    std::fs::write(&script, SCRIPT).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let started = std::time::Instant::now();
    let stderr = view_script(&demo_venue(), &[], &script, &shots);
    eprintln!("330 scripted frames in {:.1} s", started.elapsed().as_secs_f64());
    // The click at frame 235 looks east along the gallery's middle, at the first cased
    // sculpture.
    assert!(stderr.contains("viewer: picked sculpture-03"), "{stderr}");
    assert!(stderr.contains("viewer: tour \"highlights\" started"), "{stderr}");

    let names = ["atrium.png", "gallery.png", "tour.png"];
    let images: Vec<image::RgbaImage> = names.iter().map(|name| screenshot(&shots, name)).collect();
    for (image, name) in images.iter().zip(names) {
        assert_eq!(image.dimensions(), (160, 120), "{name} has the window's size");
        let colours = distinct_colours(image);
        assert!(colours > 12, "{name} is nearly blank: {colours} colours");
    }
    for (i, j) in [(0, 1), (1, 2), (0, 2)] {
        let difference = mean_difference(&images[i], &images[j]);
        assert!(
            difference > 3.0,
            "screenshots {} and {} barely differ ({difference:.2} per channel): the view did not move",
            names[i],
            names[j]
        );
    }
}

#[test]
fn a_malformed_script_fails_with_its_line_before_a_window_opens() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let script = dir.path().join("bad.script");
    std::fs::write(&script, "frame 0: key W down\nframe 5: jump\n").expect("write the script");
    let output = Command::new(env!("CARGO_BIN_EXE_museion"))
        .arg("view")
        .arg(dir.path().join("missing.toml"))
        .arg("--script")
        .arg(&script)
        .output()
        .expect("run the viewer");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("bad.script:2") && stderr.contains("jump"),
        "{stderr}"
    );
}

/// Waits up to `limit` for a line of the viewer's log containing `needle`; returns every
/// line read so far when it does not come.
fn wait_for(
    lines: &std::sync::mpsc::Receiver<String>,
    needle: &str,
    limit: std::time::Duration,
) -> Result<(), String> {
    let deadline = std::time::Instant::now() + limit;
    let mut seen = String::new();
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return Ok(()),
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
            }
            Err(_) => break,
        }
    }
    Err(format!(
        "no log line with {needle:?} within {limit:?}; the log:\n{seen}"
    ))
}

#[test]
fn saving_the_venue_reloads_the_view_and_a_broken_edit_keeps_the_last_good_one() {
    use std::io::BufRead as _;
    use std::time::Duration;

    let dir = tempfile::tempdir().expect("temporary directory");
    let venue = crate::support::write_example(dir.path());
    let cache = std::env::var_os("MUSEION_CACHE_DIR")
        .map_or_else(|| std::env::temp_dir().join("museion-cache"), PathBuf::from);
    let mut child = viewer_command()
        .env("MUSEION_CACHE_DIR", &cache)
        .env("RUST_LOG", "museion_viewer=info")
        .arg("view")
        .arg(&venue)
        .args([
            "--size",
            "96x64",
            "--msaa",
            "1",
            "--no-shadows",
            "--no-ao",
            "--frames",
            "450",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run the viewer");
    let stderr = child.stderr.take().expect("the viewer's stderr");
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let minute = Duration::from_secs(60);
    let outcome = wait_for(&lines, "viewer: (96, 64)", minute)
        .and_then(|()| {
            let text = crate::support::documented_example().replace("Bust of a Woman", "Bust of a Man");
            std::fs::write(&venue, text).expect("save an edit");
            wait_for(&lines, "viewer: venue reloaded", minute)
        })
        .and_then(|()| {
            let broken =
                crate::support::documented_example().replace("room = \"gallery\"", "room = \"galery\"");
            std::fs::write(&venue, broken).expect("save a broken edit");
            wait_for(&lines, "viewer: reload failed", minute)
        });
    let status = child.wait().expect("the viewer ends");
    outcome.unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "the viewer failed: {status:?}");
}

/// One room; the visitor starts facing the middle of its south wall, where a painting
/// hangs at eye height.
pub(crate) const EDIT_VENUE: &str = r#"# A room with one painting, for the edit mode's test.
[venue]
environment = "studio"

[[rooms]]
id = "room"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]
height = 3

[[artworks]]
id = "painting"
room = "room"
wall = 0
offset = 3    # the middle of the wall
center_height = 1.65
width = 1.2
image = "art.png"

[[spawns]]
id = "door"
room = "room"
position = [3, 3]
yaw = 0
"#;

#[test]
fn tab_switches_walk_and_orbit_while_the_edit_panel_shows_fields() {
    let (_dir, venue) = venue_folder(EDIT_VENUE);
    // The picked painting fills the edit panel with widgets; Tab must still switch the
    // mode each time, not give the keyboard to the panel's first widget.
    let script = "frame 10: click\nframe 14: key Tab down\nframe 14: key Tab up\n\
                  frame 18: key Tab down\nframe 18: key Tab up\nframe 22: quit\n";
    let stderr = run_script(&venue, "160x120", &["--edit"], script);
    let orbit = stderr.find("viewer: orbit mode");
    let walk = stderr.find("viewer: walk mode");
    assert!(matches!((orbit, walk), (Some(o), Some(w)) if o < w), "{stderr}");
}

#[test]
fn in_edit_mode_a_clicked_painting_moves_along_its_wall_and_is_saved() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    let venue = dir.path().join("venue.toml");
    std::fs::write(&venue, EDIT_VENUE).expect("write the venue");
    // Click the painting ahead, press → ten times (10 cm each), save, look again.
    let mut script = String::from("frame 5: screenshot before.png\nframe 10: click\n");
    for frame in 12..22 {
        script += &format!("frame {frame}: key Right down\nframe {frame}: key Right up\n");
    }
    script += "frame 25: chord Ctrl+S\nframe 30: screenshot after.png\nframe 32: quit\n";
    let script_path = dir.path().join("edit.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script(&venue, &["--edit"], &script_path, &shots);
    assert!(stderr.contains("viewer: picked painting"), "{stderr}");
    assert_eq!(
        stderr
            .matches("viewer: moved painting +0.1 m along its wall")
            .count(),
        10,
        "{stderr}"
    );
    assert!(stderr.contains("viewer: venue edited"), "{stderr}");

    // The saved file: the painting's offset 1 m further right, every other byte as it was.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    assert_eq!(
        saved,
        EDIT_VENUE.replace("offset = 3    # the middle", "offset = 4.0    # the middle")
    );
    // And the view shows it moved.
    assert_view_changed(&shots);
}

#[test]
fn in_edit_mode_a_painting_dragged_one_metre_along_its_wall_is_saved() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    let venue = dir.path().join("venue.toml");
    std::fs::write(&venue, EDIT_VENUE).expect("write the venue");
    // The visitor stands at z = 3 facing the south wall, whose face (walls are 0.2 m
    // thick) is 2.9 m away and square to the view: on a 120-pixel-high view with a
    // 40° field, 1 m along it is (60 / tan 20°) / 2.9 pixels across.
    let pixels_per_metre = 60.0 / 20f64.to_radians().tan() / 2.9;
    let (x0, y) = (80.0, 60.0);
    let mut script = String::from("frame 5: screenshot before.png\n");
    script += &format!("frame 10: press {x0} {y}\n");
    for step in 1..=10 {
        let x = x0 + pixels_per_metre * f64::from(step) / 10.0;
        script += &format!("frame {}: drag {x:.2} {y}\n", 10 + step);
    }
    script += &format!("frame 21: release {:.2} {y}\n", x0 + pixels_per_metre);
    script += "frame 25: chord Ctrl+S\nframe 30: screenshot after.png\nframe 32: quit\n";
    let script_path = dir.path().join("drag.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script(&venue, &["--edit"], &script_path, &shots);
    assert!(stderr.contains("viewer: picked painting"), "{stderr}");
    assert!(
        stderr.contains("viewer: dragging painting from wall 0 at 3.000 m"),
        "{stderr}"
    );
    assert!(
        stderr.contains("viewer: dragged painting to wall 0 at "),
        "{stderr}"
    );
    assert!(stderr.contains("viewer: venue edited"), "{stderr}");

    // The saved file: only the offset line changed, by 1 m ± 5 cm.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    let (before, after): (Vec<&str>, Vec<&str>) = (EDIT_VENUE.lines().collect(), saved.lines().collect());
    assert_eq!(before.len(), after.len(), "{saved}");
    let changed: Vec<(&str, &str)> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    assert_eq!(changed.len(), 1, "{saved}");
    let (old, new) = changed[0];
    assert_eq!(old, "offset = 3    # the middle of the wall");
    let offset: f64 = new
        .strip_prefix("offset = ")
        .and_then(|rest| rest.strip_suffix("    # the middle of the wall"))
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("not an offset line: {new}"));
    assert!((offset - 4.0).abs() <= 0.05, "moved to {offset}, not 1 m along");
    // And the reloaded view shows it moved.
    assert_view_changed(&shots);
}

#[test]
fn in_edit_mode_a_painting_is_copied_beside_itself_deleted_and_both_undone() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    let venue = dir.path().join("venue.toml");
    std::fs::write(&venue, EDIT_VENUE).expect("write the venue");
    // Copy the painting (the copy is picked), delete the copy, undo both, redo the
    // copy, save.
    let script = "\
frame 10: click
frame 12: chord Ctrl+D
frame 15: key Delete down
frame 15: key Delete up
frame 18: chord Ctrl+Z
frame 20: chord Ctrl+Z
frame 22: chord Ctrl+Shift+Z
frame 25: chord Ctrl+S
frame 28: quit
";
    let script_path = dir.path().join("copy.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script(&venue, &["--edit"], &script_path, &shots);
    for line in [
        "viewer: copied painting as painting-2",
        "viewer: deleted painting-2",
        "viewer: undone: delete painting-2",
        // The copy and its move aside are one step.
        "viewer: undone: duplicate painting as painting-2 beside it",
        "viewer: redone: duplicate painting as painting-2 beside it",
        "viewer: saved",
    ] {
        assert!(stderr.contains(line), "no `{line}`: {stderr}");
    }
    // The copy follows its original, 1.32 m wide with its frame, 0.3 m to its right.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    assert!(
        saved.starts_with(EDIT_VENUE.split("[[spawns]]").next().unwrap_or_default()),
        "{saved}"
    );
    let copy = saved
        .split("[[artworks]]")
        .nth(2)
        .unwrap_or_else(|| panic!("no copy: {saved}"));
    assert!(copy.contains("id = \"painting-2\"\n"), "{copy}");
    assert!(
        copy.contains("offset = 4.62    # the middle of the wall\n"),
        "{copy}"
    );
    assert!(saved.ends_with(&EDIT_VENUE[EDIT_VENUE.find("[[spawns]]").unwrap_or_default()..]));
}

#[test]
fn in_edit_mode_an_image_dropped_on_a_wall_is_hung_there_and_saved() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    // A landscape image twice as wide as high, in the venue's folder; another outside it.
    museion_testkit::venue::write_png(&dir.path().join("new.png"), 200, 100);
    let elsewhere = tempfile::tempdir().expect("another folder");
    museion_testkit::venue::write_png(&elsewhere.path().join("far.png"), 100, 100);
    let venue = dir.path().join("venue.toml");
    std::fs::write(&venue, EDIT_VENUE).expect("write the venue");
    // Both dropped right of the painting, 70 pixels right of the centre: about 1.23 m
    // along the wall from it (see the drag test for the scale).
    let script = format!(
        "frame 10: drop {} 150 60\nframe 12: drop {} 150 60\nframe 15: chord Ctrl+S\nframe 18: quit\n",
        elsewhere.path().join("far.png").display(),
        dir.path().join("new.png").display()
    );
    let script_path = dir.path().join("drop.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script(&venue, &["--edit"], &script_path, &shots);
    assert!(
        stderr.contains("far.png is outside the venue's folders") && stderr.contains("--allow-dir"),
        "{stderr}"
    );
    assert!(stderr.contains("viewer: added new from "), "{stderr}");
    assert!(stderr.contains("viewer: venue edited"), "{stderr}");

    // The saved file: the new artwork after the painting, every other line as it was.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    let spawns = EDIT_VENUE.find("[[spawns]]").unwrap_or_default();
    assert!(saved.starts_with(&EDIT_VENUE[..spawns]), "{saved}");
    assert!(saved.ends_with(&EDIT_VENUE[spawns..]), "{saved}");
    let added = &saved[spawns..saved.len() - (EDIT_VENUE.len() - spawns)];
    let fields: Vec<&str> = added.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(fields.len(), 8, "{added}");
    assert_eq!(
        [fields[0], fields[1], fields[2], fields[3]],
        ["[[artworks]]", "id = \"new\"", "room = \"room\"", "wall = 0"],
        "{added}"
    );
    let offset: f64 = fields[4]
        .strip_prefix("offset = ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no offset: {added}"));
    assert!((offset - 4.23).abs() < 0.1, "hung at {offset}: {added}");
    // At eye height, its longer side 1 m: the image's aspect gives its height.
    assert_eq!(
        [fields[5], fields[6], fields[7]],
        ["center_height = 1.5", "width = 1.0", "image = \"new.png\""],
        "{added}"
    );
}

#[test]
fn in_edit_mode_a_painting_dragged_past_a_corner_hangs_on_the_next_wall() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    let venue = dir.path().join("venue.toml");
    // The painting near the south-east corner; the visitor turns 30° to the right (174.5
    // pixels at 0.003 rad a pixel), so that it is near the middle of the view and the
    // east wall fills its right side.
    let text = EDIT_VENUE.replace("offset = 3    # the middle", "offset = 4.5    # the middle");
    std::fs::write(&venue, &text).expect("write the venue");
    let script = "\
frame 2: mouse 174.5 0
frame 10: press 72 60
frame 12: drag 100 60
frame 14: drag 130 60
frame 16: release 150 60
frame 20: chord Ctrl+S
frame 22: quit
";
    let script_path = dir.path().join("corner.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script(&venue, &["--edit"], &script_path, &shots);
    assert!(
        stderr.contains("viewer: dragging painting from wall 0"),
        "{stderr}"
    );
    assert!(
        stderr.contains("viewer: dragged painting to wall 1 at "),
        "{stderr}"
    );
    // On the east wall, near its south end: the wall and the offset changed, nothing else.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    let offset: f64 = saved
        .lines()
        .find_map(|l| l.strip_prefix("offset = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no offset: {saved}"));
    assert!((0.66..1.2).contains(&offset), "offset {offset} on the east wall");
    let expected = text
        .replace("wall = 0\n", "wall = 1\n")
        .replace("offset = 4.5    #", &format!("offset = {offset}    #"));
    assert_eq!(saved, expected);
}

#[test]
fn in_edit_mode_a_title_typed_into_the_label_panel_is_saved() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    let venue = dir.path().join("venue.toml");
    let label = "[artworks.metadata]\ntitle = \"Untitled\"\nartist = \"Anon.\"\n\n[[spawns]]";
    let text = EDIT_VENUE.replace("[[spawns]]", label);
    std::fs::write(&venue, &text).expect("write the venue");
    // Pick the painting ahead, open the panel's Label section, click into its title
    // field, select all of it and type over it, commit with Enter, save. The header and
    // the field are clicked by name (`ui-click label.title`): the viewer clicks the
    // middle of where the last frame drew them, so the script does not depend on where
    // the layout puts the panel (its named places are logged at debug level in pixels).
    // The window is large enough for the panel to show the fields beside the view.
    let script = "\
frame 10: click
frame 12: ui-click label
frame 30: ui-click label.title
frame 32: chord Ctrl+A
frame 34: type Evening at the Quay
frame 36: key Enter down
frame 37: key Enter up
frame 40: chord Ctrl+S
frame 44: quit
";
    let script_path = dir.path().join("label.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script_at(&venue, "1280x720", &["--edit"], &script_path, &shots);
    assert!(stderr.contains("viewer: picked painting"), "{stderr}");
    assert!(!stderr.contains("no panel place"), "{stderr}");
    assert!(stderr.contains("viewer: saved"), "{stderr}");
    // The saved file: the title typed over the old one, every other byte as it was.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    assert_eq!(
        saved,
        text.replace("title = \"Untitled\"", "title = \"Evening at the Quay\"")
    );
}

/// The edit venue with a pyramid on a pedestal (1 m high) 1.5 m in front of the visitor.
fn venue_with_a_model() -> String {
    EDIT_VENUE.replace(
        "[[spawns]]",
        "[[models]]\nid = \"pyramid\"\nroom = \"room\"\nmodel = \"pyramid.glb\"\nposition = [3, 0, 1.5]\npedestal = true\n\n[[spawns]]",
    )
}

#[test]
fn in_edit_mode_a_model_dragged_across_the_floor_and_turned_is_saved() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
    museion_testkit::venue::write_pyramid(&dir.path().join("pyramid.glb"));
    let venue = dir.path().join("venue.toml");
    let text = venue_with_a_model();
    std::fs::write(&venue, &text).expect("write the venue");
    // The pyramid's pedestal (0.8 m wide) faces the visitor 1.1 m away (z = 1.9); at
    // pixel row 85 the cursor's ray enters it there, and a level drag along that row
    // moves it 1.1 / (60 / tan 20°) m a pixel to the right.
    let pixels = 60.0;
    let metres = pixels * 1.1 / (60.0 / 20f64.to_radians().tan());
    let script = format!(
        "frame 10: press 80 85\nframe 12: drag 110 85\nframe 13: key R down\nframe 14: key R up\n\
         frame 16: release {} 85\nframe 20: chord Ctrl+S\nframe 22: quit\n",
        80.0 + pixels
    );
    let script_path = dir.path().join("model.script");
    std::fs::write(&script_path, script).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let stderr = view_script(&venue, &["--edit"], &script_path, &shots);
    assert!(
        stderr.contains("viewer: dragging pyramid from (3.000, 1.500)"),
        "{stderr}"
    );
    assert!(stderr.contains("viewer: dragged pyramid to x "), "{stderr}");

    // Only its position's x changed, and a heading was added after its last key.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    let position = saved
        .lines()
        .find(|l| l.starts_with("position = [") && l.ends_with(", 0, 1.5]"))
        .unwrap_or_else(|| panic!("no moved position: {saved}"));
    let x: f64 = position
        .trim_start_matches("position = [")
        .split(',')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{position}"));
    assert!(
        (x - (3.0 + metres)).abs() <= 0.05,
        "moved to x = {x}, not {}",
        3.0 + metres
    );
    let expected = text.replace("position = [3, 0, 1.5]", position).replace(
        "pedestal = true\n",
        "pedestal = true\nrotation = [0.0, 15.0, 0.0]\n",
    );
    assert_eq!(saved, expected);
}

#[test]
fn in_edit_mode_the_panel_takes_a_model_off_its_pedestal_and_undo_puts_it_back() {
    let text = venue_with_a_model();
    let (_dir, venue) = venue_folder(&text);
    // At 640 × 480 with the statistics hidden (F3: the edit panel stays at the top,
    // clear of the model), pick the pyramid (its pedestal faces the visitor at row 340),
    // clear the panel's "on a pedestal" box, save; tick it again and undo that.
    let script = "frame 5: key F3 down\nframe 5: key F3 up\nframe 10: click 320 340\n\
                  frame 14: ui-click pedestal\nframe 18: chord Ctrl+S\n\
                  frame 22: ui-click pedestal\nframe 26: chord Ctrl+Z\nframe 30: quit\n";
    let stderr = run_script(&venue, "640x480", &["--edit"], script);
    assert!(stderr.contains("viewer: pyramid stands on the floor"), "{stderr}");
    assert!(
        stderr.contains("viewer: pyramid stands on a pedestal"),
        "{stderr}"
    );
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    assert_eq!(saved, text.replace("pedestal = true\n", ""));
}

#[test]
fn only_toml_venues_open_for_editing() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let model = dir.path().join("bust.glb");
    museion_testkit::venue::write_pyramid(&model);
    let output = Command::new(env!("CARGO_BIN_EXE_museion"))
        .arg("view")
        .arg(&model)
        .arg("--edit")
        .output()
        .expect("run the viewer");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: --edit: only .toml venue files"),
        "{stderr}"
    );
}

#[test]
fn an_exported_venue_opens_walking_at_its_spawn_and_takes_its_tour() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let venue = crate::support::write_example(dir.path());
    let glb = dir.path().join("museum.glb");
    let exported = crate::support::museion(&[
        "export",
        venue.to_str().expect("a UTF-8 path"),
        "--out",
        glb.to_str().expect("a UTF-8 path"),
    ]);
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let script = dir.path().join("tour.script");
    std::fs::write(
        &script,
        "frame 5: key T down\nframe 6: key T up\nframe 20: quit\n",
    )
    .expect("write the script");
    let view = |file: &Path, extra: &[&str]| {
        let output = viewer_command()
            .env("RUST_LOG", "museion_viewer=info")
            .arg("view")
            .arg(file)
            .args(["--size", "160x120", "--msaa", "1", "--no-shadows", "--no-ao"])
            .args(extra)
            .output()
            .expect("run the viewer");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            output.status.success(),
            "museion view {}: {stderr}",
            file.display()
        );
        stderr
    };
    // The export walks from the venue's spawn, and its tour starts on T.
    let stderr = view(&glb, &["--script", script.to_str().expect("a UTF-8 path")]);
    assert!(
        stderr.contains("viewer: walking from spawn \"entrance\""),
        "{stderr}"
    );
    assert!(stderr.contains("viewer: tour \"highlights\" started"), "{stderr}");
    // A plain model is still circled.
    let stderr = view(&dir.path().join("models/bust.glb"), &["--frames", "2"]);
    assert!(stderr.contains("viewer: orbiting the scene"), "{stderr}");
}

#[test]
fn a_lost_device_is_made_again_and_the_view_goes_on_as_it_was() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let venue = crate::support::write_example(dir.path());
    let shots = dir.path().join("shots");
    std::fs::create_dir(&shots).expect("the screenshot folder");
    let script = dir.path().join("lose.txt");
    // Standing still, the statistics (whose figures change) hidden: the frames before
    // and after the loss show the same view.
    std::fs::write(
        &script,
        "frame 1: key F3 down\nframe 2: key F3 up\nframe 10: screenshot before.png\nframe 11: lose-device\nframe 30: screenshot after.png\nframe 31: lose-device\nframe 40: screenshot again.png\nframe 41: quit\n",
    )
    .expect("write the script");
    let stderr = view_script(&venue, &["--gi", "off"], &script, &shots);
    assert_eq!(
        stderr
            .matches("making a new device and uploading the venue again")
            .count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains("viewer: drawing again on a new device (2 recoveries)"),
        "{stderr}"
    );
    let before = screenshot(&shots, "before.png");
    assert!(distinct_colours(&before) > 10, "the view shows the venue");
    for name in ["after.png", "again.png"] {
        let after = screenshot(&shots, name);
        let difference = mean_difference(&before, &after);
        assert!(
            difference < 1.0,
            "{name} differs from before the loss by {difference:.2}"
        );
    }
}
