//! A guide who walks a tour ahead of the visitor: where the figure is, which way it
//! faces and which clip it plays at each moment of the tour. Pure arithmetic on the
//! tour's path; a player poses the figure with the result.

use super::TourPath;
use super::route::RouteLeg;
use crate::Guide;
use museion_scene::Transform;
use museion_scene::glam::{Quat, Vec3};

/// Seconds a guide takes to turn on the spot: toward the work on arriving at a stop,
/// toward the way on before leaving it.
pub const GUIDE_TURN_SECONDS: f32 = 0.6;

/// What a guide is doing at one moment of the tour.
#[derive(Clone, Debug, PartialEq)]
pub struct GuideState {
    /// The guide's root transform (world): standing on the floor, its front (+z, as
    /// glTF models face) toward where it walks, or toward the work while it waits.
    pub transform: Transform,
    /// The clip to play: [`Guide::walk`] or [`Guide::idle`].
    pub clip: usize,
    /// Where in that clip, seconds from its start (within one loop): for the walk, the
    /// distance walked per stride times the cycle, so the feet do not slide.
    pub clip_seconds: f32,
    /// Whether the guide is walking.
    pub moving: bool,
    /// The stop the guide waits at, or walks to.
    pub stop: usize,
    /// Metres walked since the tour began.
    pub distance: f32,
}

/// Where a guide might stand at a stop seen from `eye` looking at `target`, best first:
/// on the floor (`eye_height` below the eye) most of the way toward the work and to
/// one side of the line of sight, wider of it for a larger work (`half_size`, half its
/// extent), so the visitor sees the guide beside the work; the right side first.
pub fn stand_candidates(eye: Vec3, target: Vec3, eye_height: f32, half_size: f32) -> Vec<Vec3> {
    let floor = eye - Vec3::Y * eye_height;
    let flat = Vec3::new(target.x - eye.x, 0.0, target.z - eye.z);
    let distance = flat.length();
    let ahead = flat.try_normalize().unwrap_or(Vec3::NEG_Z);
    let right = ahead.cross(Vec3::Y);
    let forward = (0.6 * distance).min(1.4);
    let aside = (0.5 * half_size + 0.45).clamp(0.6, 1.8);
    let mut out = Vec::with_capacity(18);
    for side in [right, -right] {
        for f in [forward, 0.6 * forward, 1.4 * forward] {
            for a in [aside, aside + 0.4, 0.7 * aside] {
                out.push(floor + ahead * f + side * a);
            }
        }
    }
    out
}

/// The horizontal rotation turning +z toward `direction`.
fn facing(direction: Vec3) -> Quat {
    Quat::from_rotation_y(direction.x.atan2(direction.z))
}

fn smoothstep(x: f32) -> f32 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// A guide's whole walk along one tour path: the route of every leg and its timing.
/// Build it once per path ([`Guide::walk_along`]) and ask it for every frame.
#[derive(Clone, Debug)]
pub struct GuideWalk {
    guide: Guide,
    stands: Vec<Vec3>,
    /// Per stop, the direction the guide faces while waiting there.
    looks: Vec<Vec3>,
    legs: Vec<RouteLeg>,
    /// Metres walked before each leg.
    walked: Vec<f32>,
}

impl Guide {
    /// The guide's walk along `path`. The guide's own stand points are used when the
    /// path is its tour's (same id and number of stops); for any other path it stands
    /// at the first of [`stand_candidates`] of each stop.
    pub fn walk_along(&self, path: &TourPath) -> GuideWalk {
        let own = path.tour_id() == self.tour && self.stands.len() == path.stops.len();
        let stands: Vec<Vec3> = if own {
            self.stands.clone()
        } else {
            path.stops
                .iter()
                .map(|s| stand_candidates(s.eye, s.target, self.eye_height, 0.5)[0])
                .collect()
        };
        let looks = path
            .stops
            .iter()
            .zip(&stands)
            .map(|(stop, at)| {
                let d = stop.target - *at;
                Vec3::new(d.x, 0.0, d.z)
                    .try_normalize()
                    .or_else(|| Vec3::new(stop.direction.x, 0.0, stop.direction.z).try_normalize())
                    .unwrap_or(Vec3::Z)
            })
            .collect();
        let mut legs: Vec<RouteLeg> = Vec::with_capacity(path.legs.len());
        let mut walked = Vec::with_capacity(path.legs.len());
        let mut distance = 0.0;
        for (i, leg) in path.legs.iter().enumerate() {
            let since = legs.last().map_or(0.0, |l| l.arrived);
            let route = RouteLeg::new(&path.stops[i], leg, self, [stands[i], stands[i + 1]], since);
            walked.push(distance);
            distance += route.route.length();
            legs.push(route);
        }
        GuideWalk {
            guide: self.clone(),
            stands,
            looks,
            legs,
            walked,
        }
    }

    /// The guide at `tour_seconds` into a tour along `path` (see [`GuideWalk::state`]);
    /// this plans the whole walk on every call, so a player that asks every frame
    /// keeps a [`GuideWalk`] instead.
    pub fn state(&self, path: &TourPath, tour_seconds: f32) -> GuideState {
        self.walk_along(path).state(tour_seconds)
    }
}

impl GuideWalk {
    /// Where each stop's guide stands, on the floor.
    pub fn stands(&self) -> &[Vec3] {
        &self.stands
    }

    /// The guide at `t` seconds into the tour (before 0 is 0; past the end it waits at
    /// the last stop, its idle clip looping on).
    pub fn state(&self, t: f32) -> GuideState {
        let t = if t.is_finite() { t.max(0.0) } else { 0.0 };
        let mut since = 0.0;
        for (i, leg) in self.legs.iter().enumerate() {
            if t < leg.depart {
                return self.waiting(i, t, since);
            }
            if t < leg.arrived {
                return self.walking(i, t);
            }
            since = leg.arrived;
        }
        self.waiting(self.stands.len() - 1, t, since)
    }

    /// Standing at stop `i` since `since`: turned toward the work, then toward the way
    /// on before leaving.
    fn waiting(&self, i: usize, t: f32, since: f32) -> GuideState {
        let look = facing(self.looks[i]);
        let came = i
            .checked_sub(1)
            .and_then(|l| self.legs[l].route.heading(self.legs[l].route.length()))
            .map_or(look, facing);
        let mut turn = came.slerp(look, smoothstep((t - since) / GUIDE_TURN_SECONDS));
        if let Some(leg) = self.legs.get(i) {
            let on = leg.route.heading(0.0).map_or(look, facing);
            let into = (t - (leg.depart - GUIDE_TURN_SECONDS)) / GUIDE_TURN_SECONDS;
            turn = turn.slerp(on, smoothstep(into));
        }
        let idle = self.guide.idle_duration;
        GuideState {
            transform: Transform {
                translation: self.stands[i],
                rotation: turn,
                scale: Vec3::ONE,
            },
            clip: self.guide.idle,
            clip_seconds: if idle > 0.0 {
                (t - since).rem_euclid(idle)
            } else {
                0.0
            },
            moving: false,
            stop: i,
            distance: self.walked.get(i).copied().unwrap_or_else(|| self.total()),
        }
    }

    /// On the way from stop `i` to the next.
    fn walking(&self, i: usize, t: f32) -> GuideState {
        let leg = &self.legs[i];
        let along = leg.along(t);
        let heading = leg.route.heading(along).unwrap_or(self.looks[i]);
        let distance = self.walked[i] + along;
        let (stride, cycle) = (self.guide.stride, self.guide.cycle);
        let clip_seconds = if stride > 0.0 && cycle > 0.0 {
            (distance / stride * cycle).rem_euclid(cycle)
        } else {
            0.0
        };
        // On the floor under the point itself, not only under the route's corners.
        let at = leg.route.point(along);
        let floor = self.guide.floor.height(at.x, at.z, at.y).unwrap_or(at.y);
        GuideState {
            transform: Transform {
                translation: Vec3::new(at.x, floor, at.z),
                rotation: facing(heading),
                scale: Vec3::ONE,
            },
            clip: self.guide.walk,
            clip_seconds,
            moving: true,
            stop: i + 1,
            distance,
        }
    }

    /// Metres walked over the whole tour.
    pub fn total(&self) -> f32 {
        self.walked.last().copied().unwrap_or(0.0) + self.legs.last().map_or(0.0, |l| l.route.length())
    }

    /// When the guide arrives at stop `stop` (0 for the first), seconds into the tour;
    /// `None` past the last stop.
    pub fn arrival(&self, stop: usize) -> Option<f32> {
        match stop {
            0 => Some(0.0),
            s => self.legs.get(s - 1).map(|l| l.arrived),
        }
    }

    /// When the guide leaves stop `stop`; `None` for the last stop (it stays).
    pub fn departure(&self, stop: usize) -> Option<f32> {
        self.legs.get(stop).map(|l| l.depart)
    }
}
