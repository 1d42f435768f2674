//! Simple meshes: a box and a UV sphere, with normals and UVs, counter-clockwise front
//! faces seen from outside.

use crate::{Primitive, Topology};
use glam::{Vec2, Vec3};
use std::f32::consts::{PI, TAU};

/// A box centred at the origin reaching `half` along each axis: 24 vertices (four per
/// face, so each face has its own flat normal and a full 0–1 UV square) and 12 triangles.
pub fn cuboid(half: Vec3) -> Primitive {
    // Per face: the outward normal and two in-plane axes with u × v = normal, so the
    // corners below run counter-clockwise seen from outside.
    let faces = [
        (Vec3::X, Vec3::NEG_Z, Vec3::Y),
        (Vec3::NEG_X, Vec3::Z, Vec3::Y),
        (Vec3::Y, Vec3::X, Vec3::NEG_Z),
        (Vec3::NEG_Y, Vec3::X, Vec3::Z),
        (Vec3::Z, Vec3::X, Vec3::Y),
        (Vec3::NEG_Z, Vec3::NEG_X, Vec3::Y),
    ];
    let mut positions = Vec::with_capacity(24);
    let mut normals = Vec::with_capacity(24);
    let mut uvs = Vec::with_capacity(24);
    let mut indices = Vec::with_capacity(36);
    for (normal, u, v) in faces {
        let base = positions.len() as u32;
        // UV v grows downwards (glTF), so the corner at -v gets v = 1.
        for (su, sv, uv) in [
            (-1.0, -1.0, (0.0, 1.0)),
            (1.0, -1.0, (1.0, 1.0)),
            (1.0, 1.0, (1.0, 0.0)),
            (-1.0, 1.0, (0.0, 0.0)),
        ] {
            positions.push((normal + u * su + v * sv) * half);
            normals.push(normal);
            uvs.push(Vec2::new(uv.0, uv.1));
        }
        indices.extend([base, base + 1, base + 2, base, base + 2, base + 3]);
    }
    let mut primitive = Primitive::new(Topology::Triangles, positions, normals, indices);
    primitive.uv0 = Some(uvs);
    primitive
}

/// A sphere of radius 1 centred at the origin, with `segments` slices around +Y (at least
/// 3) and `rings` bands from pole to pole (at least 2): `(segments + 1) * (rings + 1)`
/// vertices (the seam and poles are repeated for UVs) and `2 * segments * (rings - 1)`
/// triangles. Scale it with the node transform or by scaling the positions.
pub fn uv_sphere(segments: u32, rings: u32) -> Primitive {
    let segments = segments.max(3);
    let rings = rings.max(2);
    let columns = segments + 1;
    let mut normals = Vec::with_capacity((columns * (rings + 1)) as usize);
    let mut uvs = Vec::with_capacity(normals.capacity());
    for ring in 0..=rings {
        let v = ring as f32 / rings as f32;
        let (sin_phi, cos_phi) = (v * PI).sin_cos();
        for segment in 0..=segments {
            let u = segment as f32 / segments as f32;
            let (sin_theta, cos_theta) = (u * TAU).sin_cos();
            normals.push(Vec3::new(sin_phi * cos_theta, cos_phi, sin_phi * sin_theta));
            uvs.push(Vec2::new(u, v));
        }
    }
    let mut indices = Vec::with_capacity((6 * segments * (rings - 1)) as usize);
    for ring in 0..rings {
        for segment in 0..segments {
            // a: this ring, b: the ring below, c: below and on, d: on. Theta runs towards
            // +Z from +X, so (a, c, b) and (a, d, c) are counter-clockwise from outside.
            let a = ring * columns + segment;
            let (b, c, d) = (a + columns, a + columns + 1, a + 1);
            if ring != 0 {
                indices.extend([a, d, c]); // degenerate at the north pole
            }
            if ring != rings - 1 {
                indices.extend([a, c, b]); // degenerate at the south pole
            }
        }
    }
    let positions = normals.clone();
    let mut primitive = Primitive::new(Topology::Triangles, positions, normals, indices);
    primitive.uv0 = Some(uvs);
    primitive
}

/// Checks that every triangle of a triangle list has an area and that its geometric
/// normal (counter-clockwise winding) agrees with its vertex normals: the property of
/// every shape here, and of closed meshes made to be seen from outside. The error names
/// the first triangle that breaks it.
pub fn check_outward(p: &Primitive) -> Result<(), String> {
    for t in p.indices.chunks_exact(3) {
        let corner = |i: u32| p.positions.get(i as usize).copied();
        let (Some(a), Some(b), Some(c)) = (corner(t[0]), corner(t[1]), corner(t[2])) else {
            return Err(format!("triangle {t:?} indexes past the vertices"));
        };
        let geometric = (b - a).cross(c - a);
        if geometric.length() <= 0.0 {
            return Err(format!("degenerate triangle {t:?}"));
        }
        for i in t {
            let normal = p.normals.get(*i as usize).copied().unwrap_or_default();
            if geometric.dot(normal) <= 0.0 {
                return Err(format!("triangle {t:?} faces inwards"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuboid_has_flat_faces_wound_outwards() {
        let half = Vec3::new(1.0, 2.0, 3.0);
        let p = cuboid(half);
        assert_eq!((p.vertex_count(), p.triangle_count()), (24, 12));
        assert_eq!(check_outward(&p), Ok(()));
        assert_eq!(p.bounds.aabb.max, half);
        assert_eq!(p.bounds.aabb.min, -half);
        assert_eq!(p.uv0.as_ref().map(Vec::len), Some(24));
        // Each face's four vertices share its normal and lie on its plane.
        for face in 0..6 {
            let n = p.normals[face * 4];
            for v in face * 4..face * 4 + 4 {
                assert_eq!(p.normals[v], n);
                assert_eq!(p.positions[v].dot(n), (half * n).abs().element_sum());
            }
        }
    }

    #[test]
    fn uv_sphere_is_closed_unit_and_wound_outwards() {
        let p = uv_sphere(16, 8);
        assert_eq!(p.triangle_count(), 2 * 16 * 7);
        assert_eq!(p.vertex_count(), 17 * 9);
        assert_eq!(check_outward(&p), Ok(()));
        for (position, normal) in p.positions.iter().zip(&p.normals) {
            assert!((position.length() - 1.0).abs() < 1e-6);
            assert_eq!(position, normal);
        }
        assert!(p.bounds.aabb.max.abs_diff_eq(Vec3::ONE, 1e-6));
        // Smallest allowed sphere still works.
        assert_eq!(check_outward(&uv_sphere(0, 0)), Ok(()));
    }
}
