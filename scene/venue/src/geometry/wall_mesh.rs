//! Triangles of a wall piece: its two faces with the openings left out, the top, the
//! reveals of each opening (jambs, lintel, and the sill that makes a step between
//! floors), and end caps where the piece ends flush.

use super::builder::{MeshBuilder, planar_uv};
use super::walls::{Hole, WallPiece};
use glam::{Vec2, Vec3};

/// Heights and lengths closer than this (metres) are the same.
const EPS: f32 = 1e-4;

/// A wall piece's triangles by the material they take.
#[derive(Default)]
pub(crate) struct PieceMeshes {
    /// The face toward the room on the left of start → end.
    pub left: MeshBuilder,
    /// The face toward the room on the right.
    pub right: MeshBuilder,
    /// Top, reveals and caps (the owner's material).
    pub edges: MeshBuilder,
}

/// Builds the triangles of `piece`, `thickness` thick, centred on its line.
pub(crate) fn piece_meshes(piece: &WallPiece, thickness: f32) -> PieceMeshes {
    let mut out = PieceMeshes::default();
    let dir = piece.direction();
    let left = Vec2::new(-dir.y, dir.x);
    let half = thickness * 0.5;
    let u_min = if piece.extend_start { -half } else { 0.0 };
    let u_max = piece.length() + if piece.extend_end { half } else { 0.0 };
    let point = |u: f32, w: f32, y: f32| {
        let p = piece.start + dir * u + left * w;
        Vec3::new(p.x, y, p.y)
    };
    let along = move |p: Vec3| Vec2::new(Vec2::new(p.x, p.z).dot(dir), -p.y);
    let across = move |p: Vec3| Vec2::new(Vec2::new(p.x, p.z).dot(left), -p.y);
    let left_normal = Vec3::new(left.x, 0.0, left.y);
    let dir_normal = Vec3::new(dir.x, 0.0, dir.y);
    let holes: Vec<Hole> = piece
        .holes
        .iter()
        .map(|h| Hole {
            u0: h.u0.max(u_min),
            u1: h.u1.min(u_max),
            bottom: h.bottom.max(piece.bottom),
            top: h.top.min(piece.top),
        })
        .filter(|h| h.u1 - h.u0 > EPS && h.top - h.bottom > EPS)
        .collect();

    let u_breaks = breaks(u_min, u_max, holes.iter().flat_map(|h| [h.u0, h.u1]));
    let v_breaks = breaks(
        piece.bottom,
        piece.top,
        holes.iter().flat_map(|h| [h.bottom, h.top]),
    );
    let solid = |u: f32, v: f32| {
        !holes
            .iter()
            .any(|h| h.u0 < u && u < h.u1 && h.bottom < v && v < h.top)
    };

    // Both faces, band by band, each run of solid cells as one quad.
    for band in v_breaks.windows(2) {
        let (v0, v1) = (band[0], band[1]);
        for (u0, u1) in runs(&u_breaks, |u| solid(u, (v0 + v1) * 0.5)) {
            let face = |w: f32| {
                [
                    point(u0, w, v0),
                    point(u1, w, v0),
                    point(u1, w, v1),
                    point(u0, w, v1),
                ]
            };
            out.left.face(&face(half), left_normal, along);
            out.right.face(&face(-half), -left_normal, along);
        }
    }
    // The top, except above openings that reach it.
    for (u0, u1) in runs(&u_breaks, |u| solid(u, piece.top - EPS)) {
        let top = [
            point(u0, -half, piece.top),
            point(u1, -half, piece.top),
            point(u1, half, piece.top),
            point(u0, half, piece.top),
        ];
        out.edges.face(&top, Vec3::Y, planar_uv(Vec3::Y));
    }
    for h in &holes {
        let across_face = |u: f32| {
            [
                point(u, -half, h.bottom),
                point(u, half, h.bottom),
                point(u, half, h.top),
                point(u, -half, h.top),
            ]
        };
        if h.u0 > u_min + EPS {
            out.edges.face(&across_face(h.u0), dir_normal, across);
        }
        if h.u1 < u_max - EPS {
            out.edges.face(&across_face(h.u1), -dir_normal, across);
        }
        let level = |y: f32| {
            [
                point(h.u0, -half, y),
                point(h.u1, -half, y),
                point(h.u1, half, y),
                point(h.u0, half, y),
            ]
        };
        if h.top < piece.top - EPS {
            out.edges.face(&level(h.top), Vec3::NEG_Y, planar_uv(Vec3::Y));
        }
        if h.bottom > piece.bottom + EPS {
            // The sill: where the floors differ, the step up into the higher room.
            out.edges.face(&level(h.bottom), Vec3::Y, planar_uv(Vec3::Y));
        }
    }
    let cap = |u: f32| {
        [
            point(u, -half, piece.bottom),
            point(u, half, piece.bottom),
            point(u, half, piece.top),
            point(u, -half, piece.top),
        ]
    };
    if !piece.extend_start {
        out.edges.face(&cap(u_min), -dir_normal, across);
    }
    if !piece.extend_end {
        out.edges.face(&cap(u_max), dir_normal, across);
    }
    out
}

/// `low`, `high` and the values between them, sorted, without near-duplicates.
fn breaks(low: f32, high: f32, inner: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut all: Vec<f32> = inner.filter(|v| *v > low && *v < high).collect();
    all.push(low);
    all.push(high);
    all.sort_by(f32::total_cmp);
    all.dedup_by(|a, b| (*a - *b).abs() < EPS);
    all
}

/// Maximal runs of consecutive cells whose middle passes `keep`.
fn runs(breaks: &[f32], keep: impl Fn(f32) -> bool) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::new();
    for cell in breaks.windows(2) {
        if !keep((cell[0] + cell[1]) * 0.5) {
            continue;
        }
        match out.last_mut() {
            Some(run) if (run.1 - cell[0]).abs() < EPS => run.1 = cell[1],
            _ => out.push((cell[0], cell[1])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::MaterialId;

    fn piece(holes: Vec<Hole>) -> WallPiece {
        WallPiece {
            owner: 0,
            start: Vec2::ZERO,
            end: Vec2::new(4.0, 0.0),
            bottom: 0.0,
            top: 3.0,
            left_room: Some(0),
            right_room: None,
            extend_start: true,
            extend_end: false,
            holes,
        }
    }

    /// Whether a horizontal ray along -z at (x, y) from z = 1 hits the primitive.
    fn ray_hits(p: &museion_scene::Primitive, x: f32, y: f32) -> bool {
        p.indices.chunks_exact(3).any(|t| {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| p.positions[i as usize]);
            let n = (b - a).cross(c - a);
            if n.z.abs() < 1e-9 {
                return false;
            }
            let z = a.z - (n.x * (x - a.x) + n.y * (y - a.y)) / n.z;
            let q = Vec3::new(x, y, z);
            [(a, b), (b, c), (c, a)]
                .iter()
                .all(|(s, e)| (*e - *s).cross(q - *s).dot(n) >= 0.0)
        })
    }

    #[test]
    fn an_opening_leaves_a_hole_in_both_faces_and_gets_reveals() {
        let hole = Hole {
            u0: 1.0,
            u1: 2.0,
            bottom: 0.15,
            top: 2.2,
        };
        let meshes = piece_meshes(&piece(vec![hole]), 0.2);
        let left = meshes.left.primitive(MaterialId(0));
        assert!(!ray_hits(&left, 1.5, 1.0), "the door's middle is open");
        assert!(ray_hits(&left, 0.5, 1.0), "beside the door is wall");
        assert!(ray_hits(&left, 1.5, 2.5), "above the door is wall");
        assert!(ray_hits(&left, 1.5, 0.1), "below the raised sill is wall");
        assert!(
            ray_hits(&left, -0.05, 1.0),
            "the extended start reaches past the corner"
        );
        let edges = meshes.edges.primitive(MaterialId(0));
        // Top, two jambs, lintel, sill and one end cap: six quads.
        assert_eq!(edges.triangle_count(), 12);
        let sill = edges
            .positions
            .iter()
            .zip(&edges.normals)
            .any(|(p, n)| *n == Vec3::Y && (p.y - 0.15).abs() < 1e-6);
        assert!(sill);
    }

    #[test]
    fn a_plain_piece_is_two_quads_a_top_and_a_cap() {
        let meshes = piece_meshes(&piece(Vec::new()), 0.2);
        assert_eq!(meshes.left.primitive(MaterialId(0)).triangle_count(), 2);
        assert_eq!(meshes.right.primitive(MaterialId(0)).triangle_count(), 2);
        assert_eq!(meshes.edges.primitive(MaterialId(0)).triangle_count(), 4);
    }
}
