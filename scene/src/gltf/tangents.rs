//! MikkTSpace tangents for primitives with a normal map and no tangents of their own.

use super::geometry::gather_vertices;
use crate::mesh::Primitive;
use glam::{Vec2, Vec4};

struct Corners<'a> {
    p: &'a Primitive,
    uvs: &'a [Vec2],
    /// One tangent per triangle corner, as MikkTSpace reports them (`None` where it
    /// found none, or a zero one: corners of degenerate triangles).
    out: Vec<Option<Vec4>>,
}

impl bevy_mikktspace::Geometry for Corners<'_> {
    fn num_faces(&self) -> usize {
        self.p.indices.len() / 3
    }
    fn num_vertices_of_face(&self, _face: usize) -> usize {
        3
    }
    fn position(&self, face: usize, vert: usize) -> [f32; 3] {
        self.p.positions[self.p.indices[face * 3 + vert] as usize].to_array()
    }
    fn normal(&self, face: usize, vert: usize) -> [f32; 3] {
        self.p.normals[self.p.indices[face * 3 + vert] as usize].to_array()
    }
    fn tex_coord(&self, face: usize, vert: usize) -> [f32; 2] {
        self.uvs[self.p.indices[face * 3 + vert] as usize].to_array()
    }
    fn set_tangent(
        &mut self,
        tangent_space: Option<bevy_mikktspace::TangentSpace>,
        face: usize,
        vert: usize,
    ) {
        // MikkTSpace's bitangent follows increasing v. glTF's v grows down the image
        // while a normal map's +Y (green) points up it, so glTF wants the bitangent
        // `cross(normal, tangent) * w` along decreasing v: flip the sign.
        // Tiny triangles can give a zero tangent: treat it like no tangent at all.
        self.out[face * 3 + vert] = tangent_space
            .map(|t| t.tangent_encoded())
            .and_then(|[x, y, z, w]| {
                let tangent = Vec4::new(x, y, z, -w);
                (tangent.is_finite() && tangent.truncate().length_squared() > 1e-12).then_some(tangent)
            });
    }
}

/// Generates tangents from the UV set `uvs` (one per vertex). A vertex whose corners
/// get different tangents (a UV seam or mirror) is split, so every corner keeps the
/// tangent MikkTSpace gave it. Returns how many corners got no tangent from MikkTSpace
/// (degenerate triangles); those get one perpendicular to their normal.
pub(crate) fn generate(p: &mut Primitive, uvs: &[Vec2]) -> usize {
    let mut corners = Corners {
        p,
        uvs,
        out: vec![None; p.indices.len()],
    };
    // The error type has no variants: generation cannot fail.
    let _ = bevy_mikktspace::generate_tangents(&mut corners);
    let missing = corners.out.iter().filter(|t| t.is_none()).count();
    let corner_tangents: Vec<Vec4> = corners
        .out
        .iter()
        .zip(&p.indices)
        .map(|(t, v)| t.unwrap_or_else(|| p.normals[*v as usize].any_orthonormal_vector().extend(1.0)))
        .collect();

    let vertex_count = p.vertex_count();
    let mut tangents: Vec<Option<Vec4>> = vec![None; vertex_count];
    // Copies made of a vertex so far, with their tangent: (original, tangent) per new slot.
    let mut order: Vec<u32> = (0..vertex_count as u32).collect();
    let mut copies: Vec<Vec<(u32, Vec4)>> = vec![Vec::new(); vertex_count];
    for (corner, tangent) in corner_tangents.iter().enumerate() {
        let v = p.indices[corner] as usize;
        match tangents[v] {
            None => tangents[v] = Some(*tangent),
            Some(t) if t.abs_diff_eq(*tangent, 1e-6) => {}
            Some(_) => {
                let existing = copies[v].iter().find(|(_, t)| t.abs_diff_eq(*tangent, 1e-6));
                let slot = match existing {
                    Some((slot, _)) => *slot,
                    None => {
                        let slot = order.len() as u32;
                        order.push(v as u32);
                        tangents.push(Some(*tangent));
                        copies[v].push((slot, *tangent));
                        slot
                    }
                };
                p.indices[corner] = slot;
            }
        }
    }
    if order.len() > vertex_count {
        gather_vertices(p, &order);
    }
    // Vertices no triangle uses still need a tangent: any one perpendicular to the normal.
    let tangents = tangents
        .into_iter()
        .enumerate()
        .map(|(v, t)| t.unwrap_or_else(|| p.normals[v].any_orthonormal_vector().extend(1.0)))
        .collect();
    p.tangents = Some(tangents);
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounds::Bounds;
    use crate::mesh::Topology;
    use glam::Vec3;

    fn quad(uvs: Vec<Vec2>) -> Primitive {
        Primitive {
            topology: Topology::Triangles,
            positions: vec![Vec3::ZERO, Vec3::X, Vec3::new(1.0, 1.0, 0.0), Vec3::Y],
            normals: vec![Vec3::Z; 4],
            tangents: None,
            uv0: Some(uvs),
            uv1: None,
            colors: None,
            joints: None,
            weights: None,
            morph_targets: Vec::new(),
            indices: vec![0, 1, 2, 0, 2, 3],
            material: None,
            bounds: Bounds::EMPTY,
            source_vertex_count: 4,
        }
    }

    #[test]
    fn tangent_follows_u_and_bitangent_points_up_the_image() {
        // u along +x, v along +y. glTF's v grows down the image, so "up the image"
        // (where a normal map's green points) is -y here.
        let uvs = vec![
            Vec2::new(0.0, 0.0),
            Vec2::new(1.0, 0.0),
            Vec2::new(1.0, 1.0),
            Vec2::new(0.0, 1.0),
        ];
        let mut p = quad(uvs.clone());
        assert_eq!(generate(&mut p, &uvs), 0);
        let tangents = p.tangents.as_ref().unwrap();
        assert_eq!(p.vertex_count(), 4);
        for t in tangents {
            assert!(t.truncate().abs_diff_eq(Vec3::X, 1e-4), "{t}");
            assert_eq!(t.w.abs(), 1.0);
        }
        let t = tangents[0];
        let bitangent = Vec3::Z.cross(t.truncate()) * t.w;
        assert!(bitangent.abs_diff_eq(-Vec3::Y, 1e-4), "{bitangent}");
    }

    #[test]
    fn mirrored_uvs_split_the_shared_vertices() {
        // The second triangle's UVs run the other way in u: its tangent is -x, so the
        // two shared vertices (0 and 2) must be duplicated.
        let uvs = vec![
            Vec2::new(0.0, 0.0),
            Vec2::new(1.0, 0.0),
            Vec2::new(1.0, 1.0),
            Vec2::new(2.0, 1.0),
        ];
        let mut p = quad(uvs.clone());
        // Make triangle 2 mirrored: vertex 3 at u=2 to the left of vertex 0 at u=0
        // after the remap below.
        p.positions[3] = Vec3::new(0.0, 1.0, 0.0);
        assert_eq!(generate(&mut p, &uvs), 0);
        let tangents = p.tangents.as_ref().unwrap();
        assert_eq!(tangents.len(), p.vertex_count());
        for (corner, index) in p.indices.iter().enumerate() {
            let expected_x = if corner < 3 { 1.0 } else { -1.0 };
            let t = tangents[*index as usize];
            assert!((t.x - expected_x).abs() < 1e-3, "corner {corner}: {t}");
        }
        assert_eq!(p.vertex_count(), 6);
        assert_eq!(p.uv0.as_ref().unwrap().len(), 6);
    }
}
