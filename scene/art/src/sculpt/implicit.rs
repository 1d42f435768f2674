//! Surfaces of implicit solids: a signed field (negative inside) sampled on a grid and
//! polygonised by marching tetrahedra, which unlike marching cubes has no ambiguous cases,
//! so the surface is always closed and manifold.

use super::builder::{Builder, Shading};
use glam::{UVec3, Vec2, Vec3};
use std::collections::HashMap;
use std::f32::consts::TAU;

/// The six tetrahedra of a cube that share its main diagonal (Kuhn's triangulation):
/// every cube is cut the same way, so neighbouring cubes cut their shared face along
/// the same diagonal and the surface has no cracks. Corners are (x, y, z) bits.
const TETRAHEDRA: [[u8; 4]; 6] = [
    [0b000, 0b001, 0b011, 0b111],
    [0b000, 0b001, 0b101, 0b111],
    [0b000, 0b010, 0b011, 0b111],
    [0b000, 0b010, 0b110, 0b111],
    [0b000, 0b100, 0b101, 0b111],
    [0b000, 0b100, 0b110, 0b111],
];

/// Crossing points are kept this far from the grid points, as a fraction of an edge, so
/// no triangle collapses to a point where the surface passes through a grid point.
const EDGE_MARGIN: f32 = 0.02;

/// Adds the surface `field(p) = 0` of the solid inside the box from `min` to `max`, on a
/// grid of cubes of side `cell`. The field must be positive on the box's border (a grid
/// layer outside it is added, so it need only be positive just outside).
pub(crate) fn polygonize(
    b: &mut Builder,
    field: impl Fn(Vec3) -> f32,
    min: Vec3,
    max: Vec3,
    cell: f32,
    shading: Shading,
) {
    let origin = min - Vec3::splat(cell);
    let dims = (((max - min) / cell).ceil().as_uvec3() + UVec3::splat(3)).max(UVec3::splat(2));
    let (nx, ny, nz) = (dims.x as usize, dims.y as usize, dims.z as usize);
    let id = |x: usize, y: usize, z: usize| (z * ny + y) * nx + x;
    let at = |i: usize| {
        let (x, y, z) = (i % nx, (i / nx) % ny, i / (nx * ny));
        origin + Vec3::new(x as f32, y as f32, z as f32) * cell
    };
    let mut values = vec![0.0f32; nx * ny * nz];
    for (i, v) in values.iter_mut().enumerate() {
        let (x, y, z) = (i % nx, (i / nx) % ny, i / (nx * ny));
        // The outermost layer is outside by definition: the surface closes.
        let border = x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1;
        *v = if border { cell } else { field(at(i)) };
    }
    let mut crossings: HashMap<(usize, usize), u32> = HashMap::new();
    let mut crossing = |b: &mut Builder, p: usize, q: usize| {
        let (lo, hi) = (p.min(q), p.max(q));
        *crossings.entry((lo, hi)).or_insert_with(|| {
            let (a, c) = (values[lo], values[hi]);
            let t = (a / (a - c)).clamp(EDGE_MARGIN, 1.0 - EDGE_MARGIN);
            let (pa, pc) = (at(lo), at(hi));
            let p = pa + (pc - pa) * t;
            let id = b.point(p);
            // The field grows outwards: its gradient, by central differences, is the
            // surface's outward normal, smoother than any average of thin triangles.
            let h = cell * 0.05;
            let gradient = Vec3::new(
                field(p + Vec3::X * h) - field(p - Vec3::X * h),
                field(p + Vec3::Y * h) - field(p - Vec3::Y * h),
                field(p + Vec3::Z * h) - field(p - Vec3::Z * h),
            );
            b.set_normal(id, gradient);
            id
        })
    };
    let centre = (min + max) / 2.0;
    let height = (max.y - min.y).max(1e-6);
    for z in 0..nz - 1 {
        for y in 0..ny - 1 {
            for x in 0..nx - 1 {
                let corner = |bits: u8| {
                    id(
                        x + (bits & 1) as usize,
                        y + ((bits >> 1) & 1) as usize,
                        z + ((bits >> 2) & 1) as usize,
                    )
                };
                // Most cubes lie wholly inside or outside: nothing to do there.
                let inside_corners = (0..8u8).filter(|bits| values[corner(*bits)] < 0.0).count();
                if inside_corners == 0 || inside_corners == 8 {
                    continue;
                }
                for tet in TETRAHEDRA {
                    let ids = tet.map(corner);
                    let inside: Vec<usize> = ids.iter().copied().filter(|i| values[*i] < 0.0).collect();
                    let outside: Vec<usize> = ids.iter().copied().filter(|i| values[*i] >= 0.0).collect();
                    let cycle: Vec<u32> = match (inside.as_slice(), outside.as_slice()) {
                        ([i], [o1, o2, o3]) => {
                            vec![crossing(b, *i, *o1), crossing(b, *i, *o2), crossing(b, *i, *o3)]
                        }
                        ([i1, i2, i3], [o]) => {
                            vec![crossing(b, *o, *i1), crossing(b, *o, *i2), crossing(b, *o, *i3)]
                        }
                        // Around the four edges from the two inside to the two outside
                        // corners, in order, each sharing a corner with the next.
                        ([a, c], [o, d]) => vec![
                            crossing(b, *a, *o),
                            crossing(b, *a, *d),
                            crossing(b, *c, *d),
                            crossing(b, *c, *o),
                        ],
                        _ => continue,
                    };
                    let mean = |v: &[usize]| v.iter().map(|i| at(*i)).sum::<Vec3>() / v.len() as f32;
                    let outward = mean(&outside) - mean(&inside);
                    let p: Vec<Vec3> = cycle.iter().map(|i| b.position(*i)).collect();
                    let normal = if p.len() == 4 {
                        (p[2] - p[0]).cross(p[3] - p[1])
                    } else {
                        (p[1] - p[0]).cross(p[2] - p[0])
                    };
                    let mut cycle = cycle;
                    if normal.dot(outward) < 0.0 {
                        cycle.reverse();
                    }
                    let triangles: &[[usize; 3]] = if cycle.len() == 4 {
                        &[[0, 1, 2], [0, 2, 3]]
                    } else {
                        &[[0, 1, 2]]
                    };
                    for t in triangles {
                        let corners = t.map(|k| cycle[k]);
                        b.face(
                            corners,
                            cylindrical_uvs(corners.map(|i| b.position(i)), centre, min.y, height),
                            shading,
                        );
                    }
                }
            }
        }
    }
}

/// Texture coordinates by projection onto a cylinder about the vertical axis through
/// `centre`: u round it, v up it. A triangle across the seam gets u past 1 on one side,
/// so it does not stretch over the whole texture.
fn cylindrical_uvs(points: [Vec3; 3], centre: Vec3, bottom: f32, height: f32) -> [Vec2; 3] {
    let mut uvs = points.map(|p| {
        let d = p - centre;
        Vec2::new(d.z.atan2(d.x) / TAU + 0.5, 1.0 - (p.y - bottom) / height)
    });
    let (lo, hi) = uvs
        .iter()
        .fold((f32::MAX, f32::MIN), |(lo, hi), uv| (lo.min(uv.x), hi.max(uv.x)));
    if hi - lo > 0.5 {
        for uv in &mut uvs {
            if uv.x < 0.5 {
                uv.x += 1.0;
            }
        }
    }
    uvs
}
