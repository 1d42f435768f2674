//! Guided tours as a continuous camera path: dwell at each stop, then glide to the next
//! at a walking pace; and a guide who walks the path ahead of the visitor.

mod curve;
mod guide;
mod route;

use crate::Tour;
use curve::{CatmullRom, ease, turn_between};
use museion_scene::glam::{Quat, Vec3};

pub use guide::{GUIDE_TURN_SECONDS, GuideState, GuideWalk, stand_candidates};

/// Average speed of the glide between stops, metres per second: an unhurried walk.
pub const WALKING_PACE: f32 = 1.2;

/// Shortest glide between two stops, seconds, so that a turn on the spot or a step
/// to the next picture is not a jolt.
pub const MIN_TRAVEL_SECONDS: f32 = 1.5;

/// Eye and target closer than this (metres) give no direction to look in.
const MIN_VIEW_DISTANCE: f32 = 1e-4;

/// A tour that cannot become a camera path.
#[derive(Debug, thiserror::Error)]
pub enum TourError {
    /// The tour has no stops.
    #[error("tour \"{tour}\" has no stops")]
    Empty {
        /// The tour's id.
        tour: String,
    },
    /// A stop's pose or dwell time is unusable.
    #[error("tour \"{tour}\", stop {stop}: {reason}")]
    InvalidStop {
        /// The tour's id.
        tour: String,
        /// The stop's index, from 0.
        stop: usize,
        /// What is wrong with it.
        reason: String,
    },
}

/// Where the camera is at one moment of a tour.
#[derive(Clone, Debug, PartialEq)]
pub struct TourSample {
    /// The eye.
    pub eye: Vec3,
    /// The point looked at.
    pub target: Vec3,
    /// The stop dwelt at, or while gliding, the stop being glided to.
    pub stop: usize,
    /// Whether the camera is standing at `stop`.
    pub dwelling: bool,
    /// The stop's caption while dwelling; `None` while gliding.
    pub caption: Option<String>,
}

/// A stop as the path uses it.
#[derive(Clone, Debug)]
struct StopPose {
    eye: Vec3,
    target: Vec3,
    /// Unit view direction.
    direction: Vec3,
    /// Distance from eye to target.
    reach: f32,
    /// When the dwell starts, seconds from the tour's start.
    start: f32,
    dwell: f32,
    caption: Option<String>,
}

/// The glide from one stop to the next.
#[derive(Clone, Debug)]
struct Leg {
    curve: CatmullRom,
    /// The turn from the first stop's view direction to the second's.
    turn: Quat,
    seconds: f32,
}

/// A continuous camera path through a tour's stops.
///
/// The camera stands at stop 0 for its dwell time, glides to stop 1, stands there, and
/// so on to the last stop. The eye follows a centripetal Catmull-Rom spline through the
/// stop eyes, eased so it leaves and arrives at rest; the view direction turns by slerp
/// over the same easing, and the distance to the point looked at blends linearly. A
/// glide lasts its length at [`WALKING_PACE`], at least [`MIN_TRAVEL_SECONDS`].
#[derive(Clone, Debug)]
pub struct TourPath {
    tour: String,
    stops: Vec<StopPose>,
    /// `legs[i]` runs from stop `i` to stop `i + 1`.
    legs: Vec<Leg>,
    duration: f32,
}

impl TourPath {
    /// The path of `tour`. Fails when it has no stops, or a stop has a non-finite pose,
    /// a target on its eye, or a negative or non-finite dwell time.
    pub fn new(tour: &Tour) -> Result<Self, TourError> {
        if tour.stops.is_empty() {
            return Err(TourError::Empty {
                tour: tour.id.clone(),
            });
        }
        let invalid = |stop: usize, reason: &str| TourError::InvalidStop {
            tour: tour.id.clone(),
            stop,
            reason: reason.to_owned(),
        };
        let mut stops = Vec::with_capacity(tour.stops.len());
        for (i, stop) in tour.stops.iter().enumerate() {
            if !stop.eye.is_finite() || !stop.target.is_finite() {
                return Err(invalid(i, "the eye and target must be finite"));
            }
            let reach = stop.eye.distance(stop.target);
            if reach < MIN_VIEW_DISTANCE {
                return Err(invalid(
                    i,
                    "the target is on the eye: there is no direction to look in",
                ));
            }
            if !stop.dwell.is_finite() || stop.dwell < 0.0 {
                return Err(invalid(
                    i,
                    "the dwell time must be a finite number of seconds, 0 or more",
                ));
            }
            stops.push(StopPose {
                eye: stop.eye,
                target: stop.target,
                direction: (stop.target - stop.eye) / reach,
                reach,
                start: 0.0,
                dwell: stop.dwell,
                caption: stop.caption.clone(),
            });
        }
        let eyes: Vec<Vec3> = stops.iter().map(|s| s.eye).collect();
        let last = eyes.len() - 1;
        let mut legs = Vec::with_capacity(last);
        for i in 0..last {
            let curve = CatmullRom::new(
                eyes[i.saturating_sub(1)],
                eyes[i],
                eyes[i + 1],
                eyes[(i + 2).min(last)],
            );
            let seconds = (curve.length() / WALKING_PACE).max(MIN_TRAVEL_SECONDS);
            legs.push(Leg {
                curve,
                turn: turn_between(stops[i].direction, stops[i + 1].direction),
                seconds,
            });
        }
        let mut clock = 0.0;
        for (i, stop) in stops.iter_mut().enumerate() {
            stop.start = clock;
            clock += stop.dwell + legs.get(i).map_or(0.0, |leg| leg.seconds);
        }
        Ok(Self {
            tour: tour.id.clone(),
            stops,
            legs,
            duration: clock,
        })
    }

    /// The tour's id.
    pub fn tour_id(&self) -> &str {
        &self.tour
    }

    /// How many stops the tour has (at least one).
    pub fn stop_count(&self) -> usize {
        self.stops.len()
    }

    /// Seconds from the tour's start to the moment the camera arrives at `stop`, or
    /// `None` past the last stop.
    pub fn stop_time(&self, stop: usize) -> Option<f32> {
        self.stops.get(stop).map(|s| s.start)
    }

    /// The whole tour's length in seconds: every dwell and every glide.
    pub fn duration(&self) -> f32 {
        self.duration
    }

    /// The camera at `t` seconds from the start, clamped to [0, [`duration`](Self::duration)]
    /// (a NaN is the start).
    pub fn sample(&self, t: f32) -> TourSample {
        let t = if t.is_nan() {
            0.0
        } else {
            t.clamp(0.0, self.duration)
        };
        // The last stop whose dwell has begun; stop 0 begins at 0, so there is one.
        let index = self.stops.partition_point(|s| s.start <= t).saturating_sub(1);
        let stop = &self.stops[index];
        let into_leg = t - stop.start - stop.dwell;
        let Some(leg) = self.legs.get(index).filter(|_| into_leg > 0.0) else {
            return TourSample {
                eye: stop.eye,
                target: stop.target,
                stop: index,
                dwelling: true,
                caption: stop.caption.clone(),
            };
        };
        let next = &self.stops[index + 1];
        let s = ease(into_leg / leg.seconds);
        let eye = leg.curve.point(s);
        let direction = Quat::IDENTITY.slerp(leg.turn, s) * stop.direction;
        let reach = stop.reach + (next.reach - stop.reach) * s;
        TourSample {
            eye,
            target: eye + direction * reach,
            stop: index + 1,
            dwelling: false,
            caption: None,
        }
    }
}
