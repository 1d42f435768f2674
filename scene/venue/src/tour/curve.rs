//! The geometry of a tour's glide: a centripetal Catmull-Rom curve through the stop eyes,
//! eased in time so the camera starts and arrives at rest, and a look direction turned
//! by slerp.

use museion_scene::glam::{Quat, Vec3};

/// Chords shorter than this (metres) are treated as no movement at all.
const COINCIDENT: f32 = 1e-5;

/// Points sampled along a segment to measure its length.
const LENGTH_SAMPLES: usize = 64;

/// One span of a centripetal Catmull-Rom spline, from `p1` to `p2`, shaped by the
/// points before (`p0`) and after (`p3`) it.
///
/// Centripetal knots (spacing by the square root of the chord) never form cusps or
/// loops within a segment, which keeps the camera from doubling back between stops.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CatmullRom {
    points: [Vec3; 4],
    /// Knot spacings t1 - t0, t2 - t1, t3 - t2.
    spans: [f32; 3],
}

impl CatmullRom {
    /// The segment from `p1` to `p2`. At the ends of a path pass the end point itself as
    /// `p0` or `p3`: the spline then leaves or arrives along the chord.
    pub(crate) fn new(p0: Vec3, p1: Vec3, p2: Vec3, p3: Vec3) -> Self {
        let knot = |a: Vec3, b: Vec3| a.distance(b).sqrt();
        Self {
            points: [p0, p1, p2, p3],
            spans: [knot(p0, p1), knot(p1, p2), knot(p2, p3)],
        }
    }

    /// The point at `s` in [0, 1]: `p1` at 0, `p2` at 1.
    pub(crate) fn point(&self, s: f32) -> Vec3 {
        let [p0, p1, p2, p3] = self.points;
        let [d0, d1, d2] = self.spans;
        if d1 * d1 < COINCIDENT {
            return p1;
        }
        // A zero span at either end (the path's first or last segment, or two stops at
        // the same place) would divide by zero: there the neighbour adds nothing, so
        // reflect the chord instead, which makes the end tangent the chord's direction.
        let (p0, d0) = if d0 * d0 < COINCIDENT {
            (2.0 * p1 - p2, d1)
        } else {
            (p0, d0)
        };
        let (p3, d2) = if d2 * d2 < COINCIDENT {
            (2.0 * p2 - p1, d1)
        } else {
            (p3, d2)
        };
        // Barry and Goldman's pyramidal form with knots t0 = -d0, t1 = 0, t2 = d1,
        // t3 = d1 + d2.
        let (t0, t1, t2, t3) = (-d0, 0.0, d1, d1 + d2);
        let t = s.clamp(0.0, 1.0) * d1;
        let lerp =
            |a: Vec3, b: Vec3, ta: f32, tb: f32| a * ((tb - t) / (tb - ta)) + b * ((t - ta) / (tb - ta));
        let a1 = lerp(p0, p1, t0, t1);
        let a2 = lerp(p1, p2, t1, t2);
        let a3 = lerp(p2, p3, t2, t3);
        let b1 = lerp(a1, a2, t0, t2);
        let b2 = lerp(a2, a3, t1, t3);
        lerp(b1, b2, t1, t2)
    }

    /// The segment's length, measured along a polyline of sample points.
    pub(crate) fn length(&self) -> f32 {
        let mut length = 0.0;
        let mut previous = self.point(0.0);
        for i in 1..=LENGTH_SAMPLES {
            let next = self.point(i as f32 / LENGTH_SAMPLES as f32);
            length += previous.distance(next);
            previous = next;
        }
        length
    }
}

/// Smoothstep: 0 at 0, 1 at 1, with zero slope at both ends (the camera leaves and
/// arrives at rest); its steepest slope is 1.5, in the middle.
pub(crate) fn ease(u: f32) -> f32 {
    let u = u.clamp(0.0, 1.0);
    u * u * (3.0 - 2.0 * u)
}

/// The rotation turning unit direction `from` onto unit direction `to`. Opposite
/// directions turn about the vertical (a visitor turning round), or about any axis
/// across `from` when it is vertical itself.
pub(crate) fn turn_between(from: Vec3, to: Vec3) -> Quat {
    if from.dot(to) > -0.9999 {
        return Quat::from_rotation_arc(from, to);
    }
    let axis = (Vec3::Y - from * from.dot(Vec3::Y)).normalize_or(from.any_orthonormal_vector());
    Quat::from_axis_angle(axis, std::f32::consts::PI)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_segment_runs_from_its_second_to_its_third_point() {
        let (p0, p1, p2, p3) = (
            Vec3::ZERO,
            Vec3::X,
            Vec3::new(2.0, 0.0, 1.0),
            Vec3::new(4.0, 0.0, 0.0),
        );
        let segment = CatmullRom::new(p0, p1, p2, p3);
        assert!(segment.point(0.0).distance(p1) < 1e-5);
        assert!(segment.point(1.0).distance(p2) < 1e-5);
        // Curved: the middle is off the chord, but not far.
        let middle = segment.point(0.5);
        let off_chord = (middle - (p1 + p2) * 0.5).length();
        assert!(off_chord > 1e-3 && off_chord < 0.5, "{off_chord}");
        assert!(segment.length() > p1.distance(p2));
    }

    #[test]
    fn collinear_points_give_the_straight_line() {
        let segment = CatmullRom::new(Vec3::ZERO, Vec3::ZERO, Vec3::Z * 3.0, Vec3::Z * 3.0);
        for i in 0..=10 {
            let p = segment.point(i as f32 / 10.0);
            assert!(p.x.abs() < 1e-5 && p.y.abs() < 1e-5, "{p}");
        }
        assert!((segment.length() - 3.0).abs() < 1e-4);
        let still = CatmullRom::new(Vec3::ONE, Vec3::ONE, Vec3::ONE, Vec3::ONE);
        assert_eq!(still.point(0.5), Vec3::ONE);
        assert_eq!(still.length(), 0.0);
    }

    #[test]
    fn turning_round_turns_about_the_vertical() {
        let q = turn_between(Vec3::X, -Vec3::X);
        assert!((q * Vec3::X + Vec3::X).length() < 1e-5);
        let halfway = Quat::IDENTITY.slerp(q, 0.5) * Vec3::X;
        assert!(halfway.y.abs() < 1e-5 && halfway.z.abs() > 0.99, "{halfway}");
        assert!(ease(0.0) == 0.0 && ease(1.0) == 1.0 && (ease(0.5) - 0.5).abs() < 1e-6);
    }
}
