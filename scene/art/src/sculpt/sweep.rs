//! Surfaces made of rings: lofts through a list of rings (a lathe is one), and tubes
//! swept along a path with rotation-minimising frames.

use super::builder::{Builder, Shading};
use glam::{Quat, Vec2, Vec3};
use std::f32::consts::TAU;

/// One cross-section of a loft.
#[derive(Clone, Debug)]
pub(super) enum Ring {
    /// A single point: a pole where the surface closes.
    Point(Vec3),
    /// A closed loop of points; every loop of a loft has the same number.
    Loop(Vec<Vec3>),
}

/// How the last ring of a loft joins the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ends {
    /// The ends close on themselves: a loop at either end gets a fan to its centroid.
    Capped,
    /// The last ring joins the first, its point `j` meeting the first ring's point
    /// `j + shift` (a shift of half the loop makes a half twist).
    Joined {
        /// How far round the join turns.
        shift: usize,
    },
}

/// Adds a closed surface through `rings` (at least two; loops of equal length).
pub(super) fn loft(b: &mut Builder, rings: &[Ring], ends: Ends, shading: Shading) {
    let n = rings
        .iter()
        .find_map(|r| match r {
            Ring::Loop(points) => Some(points.len()),
            Ring::Point(_) => None,
        })
        .unwrap_or(0);
    if n < 3 || rings.len() < 2 {
        return;
    }
    let mut ids: Vec<Vec<u32>> = Vec::with_capacity(rings.len() + 2);
    let add = |b: &mut Builder, ring: &Ring| match ring {
        Ring::Point(p) => vec![b.point(*p)],
        Ring::Loop(points) => points.iter().map(|p| b.point(*p)).collect(),
    };
    let mut all: Vec<Ring> = rings.to_vec();
    if ends == Ends::Capped {
        // Close loops at the ends with a point at their centroid.
        for at in [0, all.len() - 1] {
            if let Ring::Loop(points) = &all[at] {
                let centre = points.iter().copied().sum::<Vec3>() / points.len() as f32;
                if at == 0 {
                    all.insert(0, Ring::Point(centre));
                } else {
                    all.push(Ring::Point(centre));
                }
            }
        }
    }
    for ring in &all {
        ids.push(add(b, ring));
    }
    let spans = match ends {
        Ends::Capped => all.len() - 1,
        Ends::Joined { .. } => all.len(),
    };
    let v_of = |i: usize| i as f32 / spans as f32;
    for i in 0..spans {
        let next = (i + 1) % all.len();
        let shift = match ends {
            Ends::Joined { shift } if next == 0 => shift,
            _ => 0,
        };
        let (va, vb) = (v_of(i), v_of(i + 1));
        for j in 0..n {
            let at = |ring: &Vec<u32>, k: usize| if ring.len() == 1 { ring[0] } else { ring[k % n] };
            let (a0, a1) = (at(&ids[i], j), at(&ids[i], j + 1));
            let (b0, b1) = (at(&ids[next], j + shift), at(&ids[next], j + 1 + shift));
            let (u0, u1) = (j as f32 / n as f32, (j + 1) as f32 / n as f32);
            let uv = |u: f32, v: f32, ring: &Vec<u32>| {
                Vec2::new(if ring.len() == 1 { (u0 + u1) / 2.0 } else { u }, v)
            };
            let (ta0, ta1) = (uv(u0, va, &ids[i]), uv(u1, va, &ids[i]));
            let (tb0, tb1) = (uv(u0, vb, &ids[next]), uv(u1, vb, &ids[next]));
            // Split the quad along its shorter diagonal (for a pole one half vanishes).
            let p = |id: u32| b.position(id);
            if p(a0).distance(p(b1)) <= p(a1).distance(p(b0)) {
                b.face([a0, a1, b1], [ta0, ta1, tb1], shading);
                b.face([a0, b1, b0], [ta0, tb1, tb0], shading);
            } else {
                b.face([a0, a1, b0], [ta0, ta1, tb0], shading);
                b.face([a1, b1, b0], [ta1, tb1, tb0], shading);
            }
        }
    }
}

/// A surface of revolution about +Y: `profile` gives (radius, height) from bottom to top,
/// `sides` points round; a radius of zero is a pole. `angle(y)` turns each ring (a twist)
/// and `radius(y, θ)` scales it round the ring (flutes and lobes).
pub(crate) fn lathe(
    b: &mut Builder,
    profile: &[Vec2],
    sides: usize,
    angle: impl Fn(f32) -> f32,
    radius: impl Fn(f32, f32) -> f32,
    shading: Shading,
) {
    let rings: Vec<Ring> = profile
        .iter()
        .map(|q| {
            if q.x <= 0.0 {
                Ring::Point(Vec3::new(0.0, q.y, 0.0))
            } else {
                let turn = angle(q.y);
                Ring::Loop(
                    (0..sides)
                        .map(|j| {
                            let theta = j as f32 / sides as f32 * TAU;
                            let r = q.x * radius(q.y, theta);
                            let (s, c) = (theta + turn).sin_cos();
                            // Counter-clockwise seen from above.
                            Vec3::new(r * c, q.y, -r * s)
                        })
                        .collect(),
                )
            }
        })
        .collect();
    loft(b, &rings, Ends::Capped, shading);
}

/// Rotation-minimising frames along a path (the double reflection method of Wang,
/// Jüttler, Zheng and Liu): for each point, the tangent and a normal that turns as
/// little as possible. On a closed path the normal's leftover turn at the end is spread
/// evenly along it, so the last frame meets the first.
pub(super) fn frames(path: &[Vec3], closed: bool) -> Vec<(Vec3, Vec3)> {
    let n = path.len();
    if n < 2 {
        return vec![(Vec3::Y, Vec3::X); n];
    }
    let tangent = |i: usize| {
        let (prev, next) = if closed {
            (path[(i + n - 1) % n], path[(i + 1) % n])
        } else {
            (path[i.saturating_sub(1)], path[(i + 1).min(n - 1)])
        };
        (next - prev).normalize_or(Vec3::Y)
    };
    let t0 = tangent(0);
    let mut out = vec![(t0, t0.any_orthonormal_vector())];
    let steps = if closed { n } else { n - 1 };
    for i in 0..steps {
        let (t, r) = out[i];
        let (x0, x1) = (path[i], path[(i + 1) % n]);
        let t1 = tangent((i + 1) % n);
        let v1 = x1 - x0;
        let c1 = v1.dot(v1).max(1e-20);
        let r_l = r - (2.0 / c1) * v1.dot(r) * v1;
        let t_l = t - (2.0 / c1) * v1.dot(t) * v1;
        let v2 = t1 - t_l;
        let c2 = v2.dot(v2);
        let r1 = if c2 > 1e-20 {
            r_l - (2.0 / c2) * v2.dot(r_l) * v2
        } else {
            r_l
        };
        out.push((
            t1,
            (r1 - t1 * r1.dot(t1)).normalize_or(t1.any_orthonormal_vector()),
        ));
    }
    if closed {
        // The frame carried all the way round, against the one we started with.
        let (t_end, r_end) = out[n];
        out.truncate(n);
        let r_start = out[0].1;
        let mismatch = r_end.cross(r_start).dot(t_end).atan2(r_end.dot(r_start));
        for (i, (t, r)) in out.iter_mut().enumerate() {
            *r = Quat::from_axis_angle(*t, mismatch * i as f32 / n as f32) * *r;
        }
    }
    out
}

/// A tube of `sides` round `path`, radius `radius[i]` at point `i`. Open tubes end in
/// round caps.
pub(super) fn tube(
    b: &mut Builder,
    path: &[Vec3],
    radius: &[f32],
    closed: bool,
    sides: usize,
    shading: Shading,
) {
    let frames = frames(path, closed);
    let ring = |centre: Vec3, t: Vec3, normal: Vec3, r: f32| {
        let binormal = t.cross(normal);
        Ring::Loop(
            (0..sides)
                .map(|j| {
                    let (s, c) = (j as f32 / sides as f32 * TAU).sin_cos();
                    centre + (normal * c + binormal * s) * r
                })
                .collect(),
        )
    };
    let mut rings: Vec<Ring> = Vec::with_capacity(path.len() + 6);
    let cap = |rings: &mut Vec<Ring>, at: usize, outward: f32, order: [f32; 3]| {
        let (t, normal) = frames[at];
        let r = radius[at];
        for step in order {
            let angle = step * std::f32::consts::FRAC_PI_2;
            let centre = path[at] + t * outward * r * angle.sin();
            if step >= 1.0 {
                rings.push(Ring::Point(centre));
            } else {
                rings.push(ring(centre, t, normal, r * angle.cos()));
            }
        }
    };
    if !closed {
        cap(&mut rings, 0, -1.0, [1.0, 2.0 / 3.0, 1.0 / 3.0]);
    }
    for (i, (t, normal)) in frames.iter().enumerate() {
        rings.push(ring(path[i], *t, *normal, radius[i]));
    }
    if !closed {
        cap(&mut rings, path.len() - 1, 1.0, [1.0 / 3.0, 2.0 / 3.0, 1.0]);
    }
    let ends = if closed {
        Ends::Joined { shift: 0 }
    } else {
        Ends::Capped
    };
    loft(b, &rings, ends, shading);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_on_a_closed_circle_meet_and_stay_normal() {
        let path: Vec<Vec3> = (0..64)
            .map(|i| {
                let a = i as f32 / 64.0 * TAU;
                Vec3::new(a.cos(), 0.3 * (3.0 * a).sin(), a.sin())
            })
            .collect();
        let f = frames(&path, true);
        assert_eq!(f.len(), 64);
        for (t, r) in &f {
            assert!(t.dot(*r).abs() < 1e-4 && (r.length() - 1.0).abs() < 1e-4);
        }
        // Neighbouring normals turn little, including across the join.
        for i in 0..64 {
            let (a, b) = (f[i].1, f[(i + 1) % 64].1);
            assert!(a.dot(b) > 0.9, "frame {i} turns too far");
        }
    }
}
