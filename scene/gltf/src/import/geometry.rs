//! Topology conversion and flat normals.

use glam::Vec3;
use museion_scene::{Primitive, Topology};

/// Triangle strip to triangle list, keeping every triangle's winding counter-clockwise
/// (glTF 2.0 §3.7.2.1: triangle i is p[i], p[i+1+i%2], p[i+2-i%2]).
pub(crate) fn strip_to_list(strip: &[u32]) -> Vec<u32> {
    let triangles = strip.len().saturating_sub(2);
    let mut list = Vec::with_capacity(triangles * 3);
    for i in 0..triangles {
        let odd = i % 2;
        list.extend([strip[i], strip[i + 1 + odd], strip[i + 2 - odd]]);
    }
    list
}

/// Triangle fan to triangle list (triangle i is p[i+1], p[i+2], p[0]).
pub(crate) fn fan_to_list(fan: &[u32]) -> Vec<u32> {
    let triangles = fan.len().saturating_sub(2);
    let mut list = Vec::with_capacity(triangles * 3);
    for i in 0..triangles {
        list.extend([fan[i + 1], fan[i + 2], fan[0]]);
    }
    list
}

/// Line strip (or loop, closing back to the first vertex) to a line list.
pub(crate) fn line_strip_to_list(strip: &[u32], close: bool) -> Vec<u32> {
    let mut list: Vec<u32> = strip.windows(2).flat_map(|w| [w[0], w[1]]).collect();
    if close && strip.len() > 2 {
        list.extend([strip[strip.len() - 1], strip[0]]);
    }
    list
}

/// The topology a glTF mode becomes, with its indices converted to a list.
pub(crate) fn to_list(mode: gltf::json::mesh::Mode, indices: Vec<u32>) -> (Topology, Vec<u32>) {
    use gltf::json::mesh::Mode;
    match mode {
        Mode::Triangles => {
            let mut indices = indices;
            indices.truncate(indices.len() / 3 * 3);
            (Topology::Triangles, indices)
        }
        Mode::TriangleStrip => (Topology::Triangles, strip_to_list(&indices)),
        Mode::TriangleFan => (Topology::Triangles, fan_to_list(&indices)),
        Mode::Lines => {
            let mut indices = indices;
            indices.truncate(indices.len() / 2 * 2);
            (Topology::Lines, indices)
        }
        Mode::LineStrip => (Topology::Lines, line_strip_to_list(&indices, false)),
        Mode::LineLoop => (Topology::Lines, line_strip_to_list(&indices, true)),
        Mode::Points => (Topology::Points, indices),
    }
}

/// Gives every triangle its own three vertices with the face normal, as glTF asks for
/// primitives without normals. Indices become `0..n`.
pub(crate) fn flat_normals(p: &mut Primitive) {
    let corners = std::mem::take(&mut p.indices);
    p.gather_vertices(&corners);
    p.normals = p
        .positions
        .chunks_exact(3)
        .flat_map(|t| {
            let n = (t[1] - t[0]).cross(t[2] - t[0]).normalize_or(Vec3::Z);
            [n, n, n]
        })
        .collect();
    p.indices = (0..corners.len() as u32).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::Bounds;

    #[test]
    fn strips_and_fans_keep_counter_clockwise_winding() {
        assert_eq!(strip_to_list(&[0, 1, 2, 3, 4]), vec![0, 1, 2, 1, 3, 2, 2, 3, 4]);
        assert_eq!(fan_to_list(&[0, 1, 2, 3]), vec![1, 2, 0, 2, 3, 0]);
        assert!(strip_to_list(&[0, 1]).is_empty());
        assert!(fan_to_list(&[]).is_empty());
        assert_eq!(line_strip_to_list(&[0, 1, 2], true), vec![0, 1, 1, 2, 2, 0]);
        assert_eq!(line_strip_to_list(&[0, 1, 2], false), vec![0, 1, 1, 2]);
    }

    #[test]
    fn flat_normals_split_shared_vertices() {
        // Two triangles folded along the shared edge 0-1.
        let mut p = Primitive {
            topology: Topology::Triangles,
            positions: vec![Vec3::ZERO, Vec3::X, Vec3::Y, Vec3::Z],
            normals: Vec::new(),
            tangents: None,
            uv0: Some(vec![
                glam::Vec2::ZERO,
                glam::Vec2::X,
                glam::Vec2::Y,
                glam::Vec2::ONE,
            ]),
            uv1: None,
            colors: None,
            joints: None,
            weights: None,
            joints_1: None,
            weights_1: None,
            deform_bounds: None,
            morph_targets: Vec::new(),
            indices: vec![0, 1, 2, 1, 0, 3],
            material: None,
            bounds: Bounds::EMPTY,
            source_vertex_count: 4,
        };
        flat_normals(&mut p);
        assert_eq!(p.vertex_count(), 6);
        assert_eq!(p.indices, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(&p.normals[..3], &[Vec3::Z; 3]);
        assert_eq!(&p.normals[3..], &[Vec3::Y; 3]);
        assert_eq!(p.uv0.as_ref().unwrap()[5], glam::Vec2::ONE);
        assert_eq!(p.positions[4], Vec3::ZERO);
    }
}
