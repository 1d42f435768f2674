//! A camera that walks along a polyline and back, looking ahead with a slight sway.

use super::{CameraPose, Rng};
use glam::{Quat, Vec3};
use std::f64::consts::TAU;

/// Distance walked per frame by [`halls`](super::halls), metres: 6 m/s at 60 frames per
/// second, a brisk walk that crosses a 24 m room in 240 frames.
pub const WALK_STEP: f32 = 0.1;

/// How far ahead along the path the camera looks, metres. Looking at a point ahead
/// rather than along the current segment turns the view smoothly round corners.
const LOOK_AHEAD: f64 = 2.0;

/// Roughly how far the camera walks per sway of its gaze, metres.
const SWAY_WAVELENGTH: f64 = 30.0;

/// A walk along a polyline of eye positions, to its end and back the same way, so the
/// camera moves continuously; it turns on the spot at each end.
///
/// The camera looks at the point 2 m further along the walk, turned about +Y by a seeded
/// sway of a few degrees that depends on the distance walked, so the pose repeats exactly
/// with the walk.
#[derive(Clone, Debug, PartialEq)]
pub struct Walk {
    points: Vec<Vec3>,
    /// Distance along the polyline to each point.
    distances: Vec<f64>,
    step: f32,
    sway_amplitude: f64,
    sway_waves: f64,
    sway_phase: f64,
}

impl Walk {
    /// A walk through `points` (eye positions), `step` metres per frame, with a sway
    /// drawn from `seed`.
    pub fn new(points: Vec<Vec3>, step: f32, seed: u64) -> Self {
        let mut distances = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                total += f64::from(p.distance(points[i - 1]));
            }
            distances.push(total);
        }
        let mut rng = Rng::new(seed);
        let amplitude = f64::from(rng.range(0.03, 0.08)); // 1.7° to 4.6°
        let phase = f64::from(rng.range(0.0, std::f32::consts::TAU));
        // A whole number of sways per loop keeps the pose periodic.
        let waves = (2.0 * total / SWAY_WAVELENGTH).round().max(1.0);
        Self {
            points,
            distances,
            step,
            sway_amplitude: amplitude,
            sway_waves: waves,
            sway_phase: phase,
        }
    }

    /// The eye positions the walk goes through, in order.
    pub fn points(&self) -> &[Vec3] {
        &self.points
    }

    /// Metres walked per frame.
    pub fn step(&self) -> f32 {
        self.step
    }

    /// The length of the polyline, one way, metres.
    pub fn length(&self) -> f64 {
        self.distances.last().copied().unwrap_or(0.0)
    }

    /// The distance walked before the camera is back at the start: there and back.
    pub fn loop_length(&self) -> f64 {
        2.0 * self.length()
    }

    /// The camera pose at frame `frame`.
    pub fn pose(&self, frame: u32) -> CameraPose {
        let length = self.length();
        let start = self.points.first().copied().unwrap_or(Vec3::ZERO);
        if length <= 0.0 {
            return CameraPose {
                eye: start,
                target: start + Vec3::NEG_Z,
            };
        }
        let walked = (f64::from(frame) * f64::from(self.step)).rem_euclid(2.0 * length);
        let eye = self.at_loop(walked);
        let mut forward = (self.at_loop(walked + LOOK_AHEAD) - eye).with_y(0.0);
        if forward.length() < 0.1 {
            // At a turnaround the point ahead is beside the eye: look along the way on.
            forward = self.heading(walked);
        }
        let sway =
            self.sway_amplitude * (TAU * self.sway_waves * walked / (2.0 * length) + self.sway_phase).sin();
        let forward = Quat::from_rotation_y(sway as f32) * forward.normalize_or(Vec3::NEG_Z);
        CameraPose {
            eye,
            target: eye + forward,
        }
    }

    /// The position after walking `walked` metres of the loop (any value).
    fn at_loop(&self, walked: f64) -> Vec3 {
        let length = self.length();
        let s = walked.rem_euclid(2.0 * length);
        self.at(if s <= length { s } else { 2.0 * length - s })
    }

    /// The horizontal direction of travel after walking `walked` metres of the loop.
    fn heading(&self, walked: f64) -> Vec3 {
        let length = self.length();
        let s = walked.rem_euclid(2.0 * length);
        let (d, sign) = if s < length {
            (s, 1.0)
        } else {
            (2.0 * length - s, -1.0)
        };
        let segment = self.segment(d);
        ((self.points[segment + 1] - self.points[segment]) * sign).with_y(0.0)
    }

    /// The index of the segment holding distance `d` (one way, `0 ≤ d ≤ length`).
    fn segment(&self, d: f64) -> usize {
        let after = self.distances.partition_point(|x| *x <= d);
        after.clamp(1, self.points.len() - 1) - 1
    }

    /// The position at distance `d` along the polyline, one way.
    fn at(&self, d: f64) -> Vec3 {
        let i = self.segment(d);
        let span = self.distances[i + 1] - self.distances[i];
        let t = if span > 0.0 {
            ((d - self.distances[i]) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.points[i].lerp(self.points[i + 1], t as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l_shape() -> Walk {
        let points = vec![Vec3::ZERO, Vec3::new(10.0, 0.0, 0.0), Vec3::new(10.0, 0.0, 10.0)];
        Walk::new(points, 0.5, 3)
    }

    #[test]
    fn the_walk_goes_there_and_back_continuously() {
        let walk = l_shape();
        assert_eq!(walk.length(), 20.0);
        let frames = (walk.loop_length() / f64::from(walk.step())) as u32;
        assert_eq!(frames, 80);
        let mut previous = walk.pose(0);
        assert_eq!(previous.eye, Vec3::ZERO);
        for frame in 1..=frames {
            let pose = walk.pose(frame);
            assert!(
                pose.eye.distance(previous.eye) <= 0.5 + 1e-4,
                "jump at frame {frame}"
            );
            assert!(pose.target.distance(pose.eye) > 0.99);
            previous = pose;
        }
        assert!(walk.pose(40).eye.abs_diff_eq(Vec3::new(10.0, 0.0, 10.0), 1e-5));
        assert_eq!(walk.pose(frames), walk.pose(0));
    }

    #[test]
    fn the_camera_looks_ahead_within_the_sway() {
        let walk = l_shape();
        for frame in [1, 5, 12] {
            let pose = walk.pose(frame);
            let forward = (pose.target - pose.eye).normalize();
            assert!(forward.dot(Vec3::X) > 0.08f32.cos(), "frame {frame}: {forward}");
        }
        // Coming back along the first leg it looks towards the start.
        let back = walk.pose(75);
        assert!((back.target - back.eye).dot(Vec3::NEG_X) > 0.99);
        // A walk of one point stands still.
        let still = Walk::new(vec![Vec3::ONE], 0.1, 0);
        assert_eq!(still.pose(9).eye, Vec3::ONE);
    }
}
