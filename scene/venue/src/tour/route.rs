//! The guide's way from one stop to the next: a line on the floor from where it stood
//! at one stop, onto the visitor's path `lead` metres ahead of the visitor's start,
//! along that path, and off it to where it stands at the next stop; and when along it
//! the guide is at each moment.
//!
//! The guide sets off before the visitor does, to be `lead` ahead along the path when
//! the visitor leaves; from then on it walks at its own pace, slowing as a guide waits
//! for a visitor who starts slowly, never less than `lead` ahead (it is pushed on when
//! the visitor glides faster than it walks), and never so slowly that it would not be
//! at the next stop when the visitor arrives there.

use super::curve::ease;
use super::{Leg, StopPose};
use crate::Guide;
use museion_scene::glam::Vec3;

/// Points sampled along each glide of the visitor.
const SAMPLES: usize = 48;
/// How far the visitor's path points kept on the route lie from where the guide joins
/// and leaves that path, metres.
const CLEAR_OF_CORNERS: f32 = 1.0;
/// Passes of corner cutting on the guide's route.
const ROUNDING_PASSES: usize = 4;
/// How quickly the guide's own pace fades once the visitor is under way, seconds:
/// a guide out ahead slows to wait.
const SLOWING: f32 = 0.8;

/// A polyline with its arc length at every point.
#[derive(Clone, Debug)]
pub(super) struct Polyline {
    points: Vec<Vec3>,
    arc: Vec<f32>,
}

impl Polyline {
    pub fn new(points: Vec<Vec3>) -> Self {
        let mut arc = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                total += p.distance(points[i - 1]);
            }
            arc.push(total);
        }
        Self { points, arc }
    }

    /// The whole length.
    pub fn length(&self) -> f32 {
        self.arc.last().copied().unwrap_or(0.0)
    }

    /// The point `at` metres along (clamped to the ends).
    pub fn point(&self, at: f32) -> Vec3 {
        let Some(first) = self.points.first() else {
            return Vec3::ZERO;
        };
        let at = at.clamp(0.0, self.length());
        let k = self.arc.partition_point(|a| *a < at);
        if k == 0 {
            return *first;
        }
        let (a0, a1) = (self.arc[k - 1], self.arc[k]);
        let s = if a1 > a0 { (at - a0) / (a1 - a0) } else { 1.0 };
        self.points[k - 1].lerp(self.points[k], s)
    }

    /// How far along the line its point nearest to `p` (across the floor) is.
    pub fn nearest(&self, p: Vec3) -> f32 {
        let flat = |v: Vec3| Vec3::new(v.x, 0.0, v.z);
        let mut best = (f32::MAX, 0.0);
        for (k, pair) in self.points.windows(2).enumerate() {
            let (a, b) = (flat(pair[0]), flat(pair[1]));
            let ab = b - a;
            let t = ((flat(p) - a).dot(ab) / ab.length_squared().max(1e-12)).clamp(0.0, 1.0);
            let d = flat(p).distance(a + ab * t);
            if d < best.0 {
                best = (d, self.arc[k] + (self.arc[k + 1] - self.arc[k]) * t);
            }
        }
        best.1
    }

    /// The horizontal direction of travel around `at` metres along (from a few
    /// centimetres behind to a few ahead); `None` where the line does not move across
    /// the floor there.
    pub fn heading(&self, at: f32) -> Option<Vec3> {
        let span = 0.05;
        let d = self.point(at + span) - self.point(at - span);
        Vec3::new(d.x, 0.0, d.z).try_normalize()
    }
}

/// The polyline with its corners rounded (Chaikin's corner cutting, its ends kept):
/// the guide turns over the half of each segment either side of a corner instead of
/// on the spot, so the way it faces can follow the way it goes.
fn rounded(mut points: Vec<Vec3>) -> Vec<Vec3> {
    for _ in 0..ROUNDING_PASSES {
        let n = points.len();
        if n < 3 {
            return points;
        }
        let mut next = Vec::with_capacity(2 * n);
        next.push(points[0]);
        for i in 0..n - 1 {
            let (a, b) = (points[i], points[i + 1]);
            if i > 0 {
                next.push(a.lerp(b, 0.25));
            }
            if i + 2 < n {
                next.push(a.lerp(b, 0.75));
            }
        }
        next.push(points[n - 1]);
        points = next;
    }
    points
}

/// One leg of the guide's walk, and its timing.
#[derive(Clone, Debug)]
pub(super) struct RouteLeg {
    /// From the stand point of the stop before to that of the stop after.
    pub route: Polyline,
    /// The visitor's arc length along its floor path at each of [`SAMPLES`] + 1 evenly
    /// spaced curve parameters.
    visitor_arc: Vec<f32>,
    /// Where on the route the visitor's path point 0 counts as being: the visitor at
    /// path arc `a` is at route arc `offset + a`.
    offset: f32,
    /// How far ahead of the visitor, metres.
    lead: f32,
    /// The guide's own pace, metres per second.
    speed: f32,
    /// When the guide leaves its stand point.
    pub depart: f32,
    /// When the visitor leaves the stop.
    leave: f32,
    /// How long the visitor's glide lasts.
    glide: f32,
    /// The guide's pace before the visitor leaves (its own, or quicker after a short
    /// dwell).
    early_pace: f32,
    /// The pace that would still bring the guide to the next stop with the visitor.
    due_pace: f32,
    /// When the guide reaches the next stand point.
    pub arrived: f32,
}

impl RouteLeg {
    /// The leg after `stop`, glided along `leg`, for `guide` walking from stand point
    /// `from` to `to`; `since` is when the guide reached `from`.
    pub fn new(stop: &StopPose, leg: &Leg, guide: &Guide, [from, to]: [Vec3; 2], since: f32) -> Self {
        let (eye_height, lead, speed) = (guide.eye_height, guide.lead, guide.speed.max(1e-3));
        let floor: Vec<Vec3> = (0..=SAMPLES)
            .map(|k| leg.curve.point(k as f32 / SAMPLES as f32) - Vec3::Y * eye_height)
            .collect();
        let visitor = Polyline::new(floor);
        let length = visitor.length();
        let join = lead.min(length / 2.0);
        let end = visitor.point(length);
        let off = Vec3::new(to.x - end.x, 0.0, to.z - end.z).length();
        let exit = (length - off).max(join);
        let mut points = vec![from, visitor.point(join)];
        points.extend(
            visitor
                .points
                .iter()
                .zip(&visitor.arc)
                // Not right beside the join or the exit: a stub of a segment there
                // would leave the corner sharp.
                .filter(|(_, a)| **a > join + CLEAR_OF_CORNERS && **a < exit - CLEAR_OF_CORNERS)
                .map(|(p, _)| *p),
        );
        points.extend([visitor.point(exit), to]);
        // On the venue's floor where it knows one; else as far under the eye path as
        // the visitor's eyes are above the floor.
        let on_floor = rounded(points)
            .into_iter()
            .map(|p| Vec3::new(p.x, guide.floor.height(p.x, p.z, p.y).unwrap_or(p.y), p.z))
            .collect();
        let route = Polyline::new(on_floor);
        // The route's corners are cut: measure along it to where it passes the join.
        let offset = route.nearest(visitor.point(join)) - join;
        let leave = stop.start + stop.dwell;
        let head_start = (offset + lead).max(0.0);
        let total = route.length();
        let arrive = leave + leg.seconds;
        // Early enough to be `lead` ahead when the visitor leaves, and to reach the
        // next stand by the visitor's arrival at its own pace.
        let depart = (leave - head_start / speed)
            .min(arrive - total / speed)
            .max(since);
        let early_pace = if leave > depart {
            head_start / (leave - depart)
        } else {
            speed
        };
        let due_pace = speed.max(total / (arrive - depart).max(1e-3));
        let mut this = Self {
            route,
            visitor_arc: visitor.arc,
            offset,
            lead,
            speed,
            depart,
            leave,
            glide: leg.seconds,
            early_pace,
            due_pace,
            arrived: leave + leg.seconds,
        };
        this.arrived = this.arrival();
        this
    }

    /// The visitor's arc length along its floor path at `t`.
    fn visitor_at(&self, t: f32) -> f32 {
        let s = ease((t - self.leave) / self.glide.max(1e-6)) * SAMPLES as f32;
        let k = (s.floor() as usize).min(SAMPLES - 1);
        let f = s - k as f32;
        self.visitor_arc[k] * (1.0 - f) + self.visitor_arc[k + 1] * f
    }

    /// How far along the route the guide is at `t`: nothing before it departs, all of
    /// it once it has arrived.
    pub fn along(&self, t: f32) -> f32 {
        let total = self.route.length();
        if t <= self.depart {
            return 0.0;
        }
        let head_start = self.early_pace * (self.leave - self.depart);
        let own = if t <= self.leave {
            self.early_pace * (t - self.depart)
        } else {
            head_start + self.speed * SLOWING * (1.0 - (-(t - self.leave) / SLOWING).exp())
        };
        let pushed = if t > self.leave {
            self.offset + self.visitor_at(t) + self.lead
        } else {
            0.0
        };
        let due = total - self.due_pace * (self.leave + self.glide - t);
        own.max(pushed).max(due).clamp(0.0, total)
    }

    /// When the guide reaches the end of the route (found by bisection: it never
    /// goes back).
    fn arrival(&self) -> f32 {
        let total = self.route.length();
        let (mut lo, mut hi) = (self.depart, self.leave + self.glide);
        if self.along(lo) >= total {
            return lo;
        }
        for _ in 0..40 {
            let mid = 0.5 * (lo + hi);
            if self.along(mid) >= total {
                hi = mid
            } else {
                lo = mid
            }
        }
        hi
    }
}
