//! The edit gizmo in a real window (`museion view --edit` under Xvfb, 160 × 120, 40°
//! field of view): its handles scale, raise, turn and move the picked exhibit, each
//! changing only its own field of the saved file.

use crate::viewer_script::{EDIT_VENUE, run_script, venue_folder};

/// Pixels a metre spans across the view at `distance` metres straight ahead: the view
/// is 120 pixels high with a 40° vertical field.
fn pixels_per_metre(distance: f64) -> f64 {
    60.0 / 20f64.to_radians().tan() / distance
}

/// How long an arrow of the gizmo is, metres, `distance` metres from the eye: 90
/// pixels on this view.
fn arrow_length(distance: f64) -> f64 {
    90.0 / pixels_per_metre(distance)
}

/// The lines of `saved` that differ from `original` (which has as many), as pairs.
fn changed_lines<'a>(original: &'a str, saved: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(original.lines().count(), saved.lines().count(), "{saved}");
    original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

/// The number after `key = ` on `line`.
fn value_of(line: &str, key: &str) -> f64 {
    line.strip_prefix(&format!("{key} = "))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("not a `{key}` line: {line}"))
}

/// Runs `actions` (one a line, frames from `first` two apart) on `venue` in edit mode.
fn run(venue: &std::path::Path, first: u32, actions: &[String]) -> String {
    let mut script = String::new();
    for (n, action) in actions.iter().enumerate() {
        script += &format!("frame {}: {action}\n", first + 2 * n as u32);
    }
    run_script(venue, "160x120", &["--edit"], &script)
}

/// Presses at `from`, drags to `to` in four steps and lets go there.
fn drag(from: (f64, f64), to: (f64, f64)) -> Vec<String> {
    let mut actions = vec![format!("press {:.2} {:.2}", from.0, from.1)];
    for step in 1..=4 {
        let t = f64::from(step) / 4.0;
        let at = (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
        actions.push(format!("drag {:.2} {:.2}", at.0, at.1));
    }
    actions.push(format!("release {:.2} {:.2}", to.0, to.1));
    actions
}

#[test]
fn in_edit_mode_the_gizmo_scales_a_painting_by_its_knob_and_raises_it_by_its_arrow() {
    let (_dir, venue) = venue_folder(EDIT_VENUE);
    // The painting (1.2 × 0.9 m, in a 6 cm frame) hangs square to the view 2.9 m
    // ahead, its centre at eye height: the view's middle. The knob is at the frame's
    // top-right corner; dragging it 1.25 times as far from the centre makes the
    // painting 1.25 times as wide. The up arrow runs from 22.5 to 90 pixels above the
    // centre.
    let ppm = pixels_per_metre(2.9);
    let corner = (80.0 + 0.66 * ppm, 60.0 - 0.51 * ppm);
    let wider = (80.0 + 0.66 * ppm * 1.25, 60.0 - 0.51 * ppm * 1.25);
    let mut actions = vec!["click 80 60".to_owned()];
    actions.extend(drag(corner, wider));
    actions.extend(drag((80.0, 30.0), (80.0, 30.0 - 0.3 * ppm)));
    actions.extend(["chord Ctrl+S".to_owned(), "quit".to_owned()]);
    let stderr = run(&venue, 10, &actions);
    assert!(
        stderr.contains("viewer: dragging painting by its Scale handle"),
        "{stderr}"
    );
    assert!(
        stderr.contains("viewer: dragging painting by its Up handle"),
        "{stderr}"
    );

    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    let changed = changed_lines(EDIT_VENUE, &saved);
    assert_eq!(changed.len(), 2, "{saved}");
    assert_eq!(changed[0].0, "center_height = 1.65");
    let height = value_of(changed[0].1, "center_height");
    assert!((height - 1.95).abs() <= 0.03, "raised to {height}, not 0.3 m");
    assert_eq!(changed[1].0, "width = 1.2");
    let width = value_of(changed[1].1, "width");
    assert!((width - 1.5).abs() <= 0.03, "scaled to {width}, not 1.25 times");
}

#[test]
fn in_edit_mode_the_gizmo_turns_a_model_by_its_ring_and_moves_it_along_x_by_its_arrow() {
    let text = EDIT_VENUE.replace(
        "[[spawns]]",
        "[[models]]\nid = \"pyramid\"\nroom = \"room\"\nmodel = \"pyramid.glb\"\n\
         position = [3, 0, 1.5]\npedestal = { height = 1.5 }\n\n[[spawns]]",
    );
    let (_dir, venue) = venue_folder(&text);
    // The pyramid (0.6 m wide, 1 m high) stands on a 1.5 m pedestal 1.5 m ahead of the
    // eye (1.65 m high): its base's middle, the gizmo's origin, is 0.15 m below the
    // eye, seen at row 60 + 0.15 m. The ring, at that level, is 0.6 arrow lengths wide
    // here (wider than the pyramid); its left end is pressed and dragged round to its
    // front: a quarter turn counter-clockwise seen from above.
    let ppm = pixels_per_metre(1.5);
    let row = 60.0 + 0.15 * ppm;
    let eye_distance = (0.15f64 * 0.15 + 1.5 * 1.5).sqrt();
    let radius = 0.6 * arrow_length(eye_distance);
    let on_ring = |angle: f64| {
        // The ring's point at `angle` from its left end toward its front, seen from the eye.
        let (x, z) = (-radius * angle.cos(), radius * angle.sin());
        let ahead = 1.5 - z;
        (
            80.0 + x * pixels_per_metre(ahead),
            60.0 + 0.15 * pixels_per_metre(ahead),
        )
    };
    let mut actions = vec![
        "press 80 66".to_owned(),
        "release 80 66".to_owned(),
        format!("press {:.2} {:.2}", on_ring(0.0).0, on_ring(0.0).1),
    ];
    for step in 1..=6 {
        let at = on_ring(f64::from(step) / 6.0 * std::f64::consts::FRAC_PI_2);
        actions.push(format!("drag {:.2} {:.2}", at.0, at.1));
    }
    let front = on_ring(std::f64::consts::FRAC_PI_2);
    actions.push(format!("release {:.2} {:.2}", front.0, front.1));
    // The x arrow runs right from a quarter to the whole of an arrow's length: it is
    // pressed at 0.45 of it and dragged 0.3 m right.
    let on_arrow = 80.0 + 0.45 * arrow_length(eye_distance) * ppm;
    actions.extend(drag((on_arrow, row), (on_arrow + 0.3 * ppm, row)));
    actions.extend(["chord Ctrl+S".to_owned(), "quit".to_owned()]);
    let stderr = run(&venue, 10, &actions);
    assert!(stderr.contains("viewer: picked pyramid"), "{stderr}");
    assert!(
        stderr.contains("viewer: dragging pyramid by its Turn handle"),
        "{stderr}"
    );
    assert!(
        stderr.contains("viewer: dragging pyramid by its X handle"),
        "{stderr}"
    );

    // Its x moved 0.3 m (z and height as they were), and a quarter turn was added.
    let saved = std::fs::read_to_string(&venue).expect("the saved venue");
    let position = saved
        .lines()
        .find(|l| l.starts_with("position = [") && l.ends_with(", 0, 1.5]"))
        .unwrap_or_else(|| panic!("no position moved along x: {saved}"));
    let x: f64 = position["position = [".len()..]
        .split(',')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{position}"));
    assert!((x - 3.3).abs() <= 0.03, "moved to x = {x}, not 0.3 m along x");
    let rotation = saved
        .lines()
        .find(|l| l.starts_with("rotation = [0.0, "))
        .unwrap_or_else(|| panic!("no heading added: {saved}"));
    let yaw: f64 = rotation["rotation = [0.0, ".len()..]
        .trim_end_matches(", 0.0]")
        .parse()
        .unwrap_or_else(|_| panic!("{rotation}"));
    assert!((yaw - 90.0).abs() <= 1.0, "turned to {yaw}°, not a quarter turn");
    let expected = text.replace("position = [3, 0, 1.5]", position).replace(
        "pedestal = { height = 1.5 }\n",
        &format!("pedestal = {{ height = 1.5 }}\n{rotation}\n"),
    );
    assert_eq!(saved, expected);
}
