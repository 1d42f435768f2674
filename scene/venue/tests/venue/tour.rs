//! Tours as camera paths: the tour of docs/venue-format.md's example, compiled, glided
//! along in 1 ms steps.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::venue::write_example;

use museion_scene::glam::Vec3;
use museion_venue::{self as venue, MIN_TRAVEL_SECONDS, Tour, TourError, TourPath, TourStop, WALKING_PACE};

/// The example's tour.
fn example_tour() -> Tour {
    let dir = tempfile::tempdir().unwrap();
    let compiled = venue::load(write_example(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    compiled.tours.into_iter().next().unwrap()
}

fn stop(eye: Vec3, target: Vec3, dwell: f32) -> TourStop {
    TourStop {
        exhibit: None,
        eye,
        target,
        dwell,
        caption: Some(format!("at {eye}")),
        caption_translations: Default::default(),
    }
}

fn direction(eye: Vec3, target: Vec3) -> Vec3 {
    (target - eye).normalize()
}

#[test]
fn the_path_stands_at_every_stop_for_its_dwell_time() {
    let tour = example_tour();
    assert_eq!(tour.stops.len(), 3);
    let path = TourPath::new(&tour).unwrap();
    assert_eq!(path.stop_count(), 3);
    for (i, stop) in tour.stops.iter().enumerate() {
        let start = path.stop_time(i).unwrap();
        // The whole dwell, ends included, at the stop's pose with its caption.
        for k in 0..=10 {
            let t = start + stop.dwell * k as f32 / 10.0;
            let sample = path.sample(t);
            assert!(sample.dwelling, "stop {i} at {t}");
            assert_eq!(sample.stop, i);
            assert_eq!(sample.eye, stop.eye, "stop {i} at {t}");
            assert_eq!(sample.target, stop.target, "stop {i} at {t}");
            assert_eq!(sample.caption, stop.caption);
        }
        // Just before arriving, the camera is gliding toward this stop.
        if i > 0 {
            let before = path.sample(start - 0.01);
            assert!(!before.dwelling && before.stop == i && before.caption.is_none());
            assert!(before.eye.distance(stop.eye) < 0.05);
        }
    }
    assert_eq!(path.stop_time(3), None);
}

#[test]
fn the_duration_is_every_dwell_plus_glides_at_walking_pace() {
    let tour = example_tour();
    let path = TourPath::new(&tour).unwrap();
    let dwell: f32 = tour.stops.iter().map(|s| s.dwell).sum();
    assert_eq!(
        tour.stops.iter().map(|s| s.dwell).collect::<Vec<_>>(),
        [12.0, 10.0, 5.0]
    );
    let mut travel = 0.0;
    for (i, pair) in tour.stops.windows(2).enumerate() {
        let leg = path.stop_time(i + 1).unwrap() - path.stop_time(i).unwrap() - pair[0].dwell;
        let chord = pair[0].eye.distance(pair[1].eye);
        // The curve is at least as long as the chord, and not much longer.
        assert!(leg >= MIN_TRAVEL_SECONDS - 1e-4, "leg {i}: {leg}");
        assert!(
            leg >= chord / WALKING_PACE - 1e-3,
            "leg {i}: {leg} s for {chord} m"
        );
        assert!(
            leg <= (1.3 * chord / WALKING_PACE).max(MIN_TRAVEL_SECONDS) + 1e-3,
            "leg {i}: {leg}"
        );
        travel += leg;
    }
    assert!((path.duration() - (dwell + travel)).abs() < 1e-3);
    // Past either end the path holds the first or last pose.
    assert_eq!(path.sample(-5.0).eye, tour.stops[0].eye);
    assert_eq!(path.sample(path.duration() + 5.0).eye, tour.stops[2].eye);
    assert_eq!(path.sample(f32::NAN).eye, tour.stops[0].eye);
}

#[test]
fn position_and_direction_change_smoothly_every_millisecond() {
    let tour = example_tour();
    let path = TourPath::new(&tour).unwrap();
    let dt = 0.001;
    // The glide averages WALKING_PACE; easing in and out peaks at 1.5 times that on a
    // straight chord, and the curve's bends add a little.
    let max_speed = WALKING_PACE * 1.5 * 1.3;
    // A glide turns at most half a turn in at least MIN_TRAVEL_SECONDS, eased the same.
    let max_turn_rate = std::f32::consts::PI / MIN_TRAVEL_SECONDS * 1.5;
    let steps = (path.duration() / dt).ceil() as usize;
    let mut previous = path.sample(0.0);
    let (mut fastest, mut moved) = (0.0f32, 0.0f32);
    for k in 1..=steps {
        let sample = path.sample(k as f32 * dt);
        let step = sample.eye.distance(previous.eye);
        fastest = fastest.max(step / dt);
        moved += step;
        assert!(step <= max_speed * dt, "jump of {step} m at {} s", k as f32 * dt);
        let turn =
            direction(previous.eye, previous.target).angle_between(direction(sample.eye, sample.target));
        assert!(
            turn <= max_turn_rate * dt,
            "turn of {turn} rad at {} s",
            k as f32 * dt
        );
        previous = sample;
    }
    // It did move: at least the chords between the stops, at more than a crawl.
    let chords: f32 = tour.stops.windows(2).map(|p| p[0].eye.distance(p[1].eye)).sum();
    assert!(moved >= chords * 0.999, "{moved} < {chords}");
    assert!(fastest > WALKING_PACE, "{fastest}");
}

#[test]
fn turning_round_on_the_spot_takes_the_shortest_glide_about_the_vertical() {
    let eye = Vec3::new(1.0, 1.6, 1.0);
    let tour = Tour {
        id: "turn".into(),
        name: None,
        stops: vec![stop(eye, eye + Vec3::X, 2.0), stop(eye, eye - Vec3::X, 3.0)],
    };
    let path = TourPath::new(&tour).unwrap();
    assert!((path.duration() - (2.0 + MIN_TRAVEL_SECONDS + 3.0)).abs() < 1e-5);
    let middle = path.sample(2.0 + MIN_TRAVEL_SECONDS / 2.0);
    assert_eq!(middle.eye, eye);
    let look = direction(middle.eye, middle.target);
    assert!(look.y.abs() < 1e-4 && look.z.abs() > 0.999, "{look}");
}

#[test]
fn unusable_tours_are_errors() {
    let empty = Tour {
        id: "empty".into(),
        name: None,
        stops: Vec::new(),
    };
    assert!(matches!(TourPath::new(&empty), Err(TourError::Empty { tour }) if tour == "empty"));
    let eye = Vec3::new(0.0, 1.6, 0.0);
    for (bad, what) in [
        (stop(eye, eye, 1.0), "target on the eye"),
        (stop(Vec3::NAN, eye, 1.0), "NaN eye"),
        (stop(eye, eye + Vec3::Z, -1.0), "negative dwell"),
        (stop(eye, eye + Vec3::Z, f32::INFINITY), "endless dwell"),
    ] {
        let tour = Tour {
            id: "bad".into(),
            name: None,
            stops: vec![stop(eye, eye - Vec3::Z, 1.0), bad],
        };
        match TourPath::new(&tour) {
            Err(TourError::InvalidStop {
                stop: 1, ref tour, ..
            }) if tour == "bad" => {}
            other => panic!("{what}: {other:?}"),
        }
    }
}
