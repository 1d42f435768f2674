//! The guide's walk along a tour path, sampled every 20 ms: it keeps about `lead`
//! metres ahead of the gliding visitor, waits at each stop facing the work (having
//! arrived before the visitor), faces the way it walks, and plays its walk clip in step
//! with the distance it covers.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_scene::glam::Vec3;
use museion_scene::{Node, Scene};
use museion_venue::{
    GUIDE_TURN_SECONDS, Guide, GuideState, GuideWalk, Tour, TourPath, TourStop, WalkFloor, stand_candidates,
};

const EYE: f32 = 1.6;
const STEP: f32 = 0.02;

/// Three paintings on the wall z = 0, 12 m apart, seen from 5 m away.
fn gallery_tour() -> Tour {
    let stop = |x: f32| TourStop {
        exhibit: None,
        eye: Vec3::new(x, EYE, 5.0),
        target: Vec3::new(x, 1.5, 0.0),
        dwell: 6.0,
        caption: None,
        caption_translations: Default::default(),
    };
    Tour {
        id: "gallery".into(),
        name: None,
        stops: vec![stop(0.0), stop(12.0), stop(24.0)],
    }
}

fn guide_for(tour: &Tour) -> Guide {
    let mut scene = Scene::new();
    let node = scene.add_node(Node::new(), None).unwrap();
    Guide {
        node,
        walk: 0,
        idle: 1,
        cycle: 0.8,
        stride: 1.0,
        idle_duration: 2.0,
        speed: 1.25,
        lead: 1.5,
        tour: tour.id.clone(),
        eye_height: EYE,
        floor: WalkFloor::default(),
        stands: tour
            .stops
            .iter()
            .map(|s| stand_candidates(s.eye, s.target, EYE, 0.5)[0])
            .collect(),
    }
}

/// Every 20 ms of the tour and 3 s beyond: the time, the camera's eye, the guide.
fn samples(path: &TourPath, walk: &GuideWalk) -> Vec<(f32, Vec3, bool, GuideState)> {
    let steps = ((path.duration() + 3.0) / STEP) as usize;
    (0..=steps)
        .map(|k| {
            let t = k as f32 * STEP;
            let camera = path.sample(t);
            (t, camera.eye, camera.dwelling, walk.state(t))
        })
        .collect()
}

fn front(state: &GuideState) -> Vec3 {
    state.transform.rotation * Vec3::Z
}

#[test]
fn while_the_visitor_glides_the_guide_walks_about_lead_ahead_on_the_floor() {
    let tour = gallery_tour();
    let (path, guide) = (TourPath::new(&tour).unwrap(), guide_for(&tour));
    let walk = guide.walk_along(&path);
    let mut checked = 0;
    for (t, eye, dwelling, state) in samples(&path, &walk) {
        // Away from the stops, where the guide steps off the path to stand aside.
        let into_leg = eye.x.rem_euclid(12.0);
        if dwelling || !(0.3..7.5).contains(&into_leg) {
            continue;
        }
        let at = state.transform.translation;
        let ahead = at.x - eye.x;
        assert!(state.moving, "at {t} s the guide stands while the visitor glides");
        assert!(
            ahead > guide.lead - 0.02 && ahead < guide.lead + 0.6,
            "at {t} s: {ahead} m ahead"
        );
        assert!((at.z - 5.0).abs() < 1e-3 && at.y.abs() < 1e-4, "at {t} s: {at}");
        assert!(
            front(&state).dot(Vec3::X) > 0.999,
            "at {t} s it faces {}",
            front(&state)
        );
        checked += 1;
    }
    assert!(checked > 300, "{checked} samples");
}

#[test]
fn the_guide_arrives_first_and_waits_at_each_stop_facing_the_work() {
    let tour = gallery_tour();
    let (path, guide) = (TourPath::new(&tour).unwrap(), guide_for(&tour));
    let walk = guide.walk_along(&path);
    for (i, stop) in tour.stops.iter().enumerate() {
        let visitor = path.stop_time(i).unwrap();
        let arrived = walk.arrival(i).unwrap();
        assert!(
            arrived <= visitor + 1e-3,
            "stop {i}: guide {arrived} s, visitor {visitor} s"
        );
        let until = walk.departure(i).unwrap_or(visitor + stop.dwell + 3.0) - GUIDE_TURN_SECONDS;
        let mut t = arrived + GUIDE_TURN_SECONDS + 0.01;
        assert!(
            t < visitor + 1.0 && until > visitor + stop.dwell - 3.0,
            "stop {i}: {t}..{until}"
        );
        while t < until {
            let state = walk.state(t);
            assert!(
                !state.moving && state.clip == guide.idle && state.stop == i,
                "stop {i} at {t}"
            );
            assert_eq!(state.transform.translation, guide.stands[i]);
            let to_work = (stop.target - guide.stands[i]) * Vec3::new(1.0, 0.0, 1.0);
            assert!(front(&state).dot(to_work.normalize()) > 0.999, "stop {i} at {t}");
            assert!((0.0..guide.idle_duration).contains(&state.clip_seconds));
            t += 0.1;
        }
        // It stands beside the line of sight, not in front of the visitor.
        let stand = guide.stands[i];
        assert!((stand.x - stop.eye.x).abs() >= 0.7 - 1e-4 && stand.y.abs() < 1e-5);
    }
    // Past the end it stays, its idle looping on.
    let late = walk.state(path.duration() + 100.0);
    assert_eq!(late.transform.translation, guide.stands[2]);
    assert_eq!(walk.state(-5.0), walk.state(0.0));
}

#[test]
fn the_walk_clip_advances_with_the_distance_walked_and_the_guide_faces_its_way() {
    let tour = Tour {
        stops: {
            // A turn and a step up: the second painting hangs on a side wall 15 cm up.
            let mut stops = gallery_tour().stops;
            stops[1].eye = Vec3::new(9.0, EYE + 0.15, 9.0);
            stops[1].target = Vec3::new(14.0, 1.65, 9.0);
            stops
        },
        ..gallery_tour()
    };
    let (path, guide) = (TourPath::new(&tour).unwrap(), guide_for(&tour));
    let walk = guide.walk_along(&path);
    assert!((walk.stands()[1].y - 0.15).abs() < 1e-5);
    let all = samples(&path, &walk);
    let mut walked = 0.0;
    for pair in all.windows(2) {
        let ((t, _, _, a), (_, _, _, b)) = (&pair[0], &pair[1]);
        let moved = a.transform.translation.distance(b.transform.translation);
        let turned = a.transform.rotation.angle_between(b.transform.rotation);
        assert!(
            moved < 0.1 && turned < 0.2,
            "a jump at {t} s: {moved} m, {turned} rad"
        );
        let gained = b.distance - a.distance;
        assert!(
            gained >= moved - 1e-3 && gained <= moved * 1.05 + 1e-3,
            "at {t}: {gained} for {moved}"
        );
        walked += gained;
        if !(a.moving && b.moving) {
            continue;
        }
        let clip = (b.clip_seconds - a.clip_seconds).rem_euclid(guide.cycle);
        let expected = (gained / guide.stride * guide.cycle).rem_euclid(guide.cycle);
        assert!(
            (clip - expected).abs() < 1e-3,
            "at {t}: clip moved {clip} s for {gained} m"
        );
        assert_eq!(b.clip, guide.walk);
        let step = (b.transform.translation - a.transform.translation) * Vec3::new(1.0, 0.0, 1.0);
        if step.length() > 0.005 {
            let angle = front(b).angle_between(step).to_degrees();
            assert!(angle < 30.0, "at {t} s it faces {angle}° off its way");
        }
    }
    assert!(
        (walked - walk.total()).abs() < 1e-3,
        "{walked} of {}",
        walk.total()
    );
    assert!(walk.total() > 24.0, "{}", walk.total());
}

#[test]
fn on_another_tours_path_the_guide_stands_at_its_first_choice() {
    let tour = gallery_tour();
    let mut guide = guide_for(&tour);
    guide.stands = vec![Vec3::splat(99.0)];
    let path = TourPath::new(&tour).unwrap();
    let first = &tour.stops[0];
    let expected = stand_candidates(first.eye, first.target, EYE, 0.5)[0];
    assert_eq!(guide.state(&path, 0.0).transform.translation, expected);
}
