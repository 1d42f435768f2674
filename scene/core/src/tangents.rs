//! MikkTSpace tangents for primitives with a normal map and no tangents of their own
//! (the glTF importer's and [`Primitive::generate_tangents`]'s).

use crate::mesh::{Primitive, Topology};
use glam::{Vec2, Vec3, Vec4};
use std::collections::HashMap;

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

/// MikkTSpace recurses once per triangle around a welded vertex (vertices with equal
/// position, normal and UV) and its time grows with the square of that count. Above
/// these bounds a file could overflow the stack or stall the import, so the simpler
/// per-vertex method is used instead.
const MAX_WELDED_VALENCE: u32 = 1024;
/// Bound on the sum of squared welded valences, per triangle corner.
const MAX_VALENCE_SQUARES_PER_CORNER: u64 = 256;

impl Primitive {
    /// Generates MikkTSpace tangents from UV set `uv_set` (1 for the second set, anything
    /// else for the first), as the glTF importer does for primitives with a normal map and
    /// no tangents; vertices on UV seams may be split. Says how they were made, or returns
    /// `None` (changing nothing) when the primitive is not a triangle list with a normal
    /// and a UV of that set per vertex and indices below its vertex count.
    pub fn generate_tangents(&mut self, uv_set: u32) -> Option<Generated> {
        let uvs = if uv_set == 1 {
            self.uv1.as_ref()
        } else {
            self.uv0.as_ref()
        };
        let n = self.positions.len();
        let usable = self.topology == Topology::Triangles
            && self.normals.len() == n
            && uvs.is_some_and(|uvs| uvs.len() == n)
            && self.indices.iter().all(|&i| (i as usize) < n);
        if !usable {
            return None;
        }
        let uvs = uvs.cloned().unwrap_or_default();
        Some(generate(self, &uvs))
    }
}

/// How [`Primitive::generate_tangents`] made the tangents.
#[derive(Debug, PartialEq, Eq)]
pub enum Generated {
    /// By MikkTSpace; `missing` corners (of degenerate triangles) got an arbitrary
    /// tangent perpendicular to their normal.
    MikkTSpace {
        /// Corners of degenerate triangles that got an arbitrary tangent.
        missing: usize,
    },
    /// By accumulating per-triangle tangents at each vertex, because the mesh is beyond
    /// what MikkTSpace can take safely.
    PerVertex,
}

/// Generates tangents from the UV set `uvs` (one per vertex): with MikkTSpace when the
/// mesh's welded valences allow (a vertex shared by at most 1,024 triangles), else per
/// vertex.
fn generate(p: &mut Primitive, uvs: &[Vec2]) -> Generated {
    if mikktspace_is_safe(p, uvs) {
        Generated::MikkTSpace {
            missing: mikktspace(p, uvs),
        }
    } else {
        per_vertex(p, uvs);
        Generated::PerVertex
    }
}

fn mikktspace_is_safe(p: &Primitive, uvs: &[Vec2]) -> bool {
    let mut valence: HashMap<[u32; 8], u32> = HashMap::with_capacity(p.vertex_count());
    for &v in &p.indices {
        let v = v as usize;
        let (pos, n, uv) = (p.positions[v], p.normals[v], uvs[v]);
        let key = [pos.x, pos.y, pos.z, n.x, n.y, n.z, uv.x, uv.y].map(f32::to_bits);
        *valence.entry(key).or_default() += 1;
    }
    let max = valence.values().copied().max().unwrap_or(0);
    let squares: u64 = valence.values().map(|c| u64::from(*c) * u64::from(*c)).sum();
    max <= MAX_WELDED_VALENCE && squares <= MAX_VALENCE_SQUARES_PER_CORNER * p.indices.len() as u64
}

/// Tangents by summing each triangle's UV-gradient tangent at its vertices, then
/// orthogonalising against the normal (Lengyel's method). No vertices are split.
fn per_vertex(p: &mut Primitive, uvs: &[Vec2]) {
    let mut along_u = vec![Vec3::ZERO; p.vertex_count()];
    let mut along_v = vec![Vec3::ZERO; p.vertex_count()];
    for t in p.indices.chunks_exact(3) {
        let [a, b, c] = [t[0], t[1], t[2]].map(|i| i as usize);
        let (e1, e2) = (p.positions[b] - p.positions[a], p.positions[c] - p.positions[a]);
        let (d1, d2) = (uvs[b] - uvs[a], uvs[c] - uvs[a]);
        let det = d1.x * d2.y - d2.x * d1.y;
        if det.abs() < 1e-20 || !det.is_finite() {
            continue;
        }
        let u_dir = (e1 * d2.y - e2 * d1.y) / det;
        let v_dir = (e2 * d1.x - e1 * d2.x) / det;
        for i in [a, b, c] {
            along_u[i] += u_dir;
            along_v[i] += v_dir;
        }
    }
    let tangents = p
        .normals
        .iter()
        .zip(along_u.iter().zip(&along_v))
        .map(|(n, (u, v))| {
            let t = (*u - *n * n.dot(*u))
                .try_normalize()
                .unwrap_or_else(|| n.any_orthonormal_vector());
            // As for MikkTSpace: glTF's bitangent points up the image, along decreasing v.
            let w = if n.cross(t).dot(*v) < 0.0 { 1.0 } else { -1.0 };
            t.extend(w)
        })
        .collect();
    p.tangents = Some(tangents);
}

/// MikkTSpace tangents. A vertex whose corners get different tangents (a UV seam or
/// mirror) is split, so every corner keeps the tangent MikkTSpace gave it. Returns how
/// many corners got no tangent (degenerate triangles); those get one perpendicular to
/// their normal.
fn mikktspace(p: &mut Primitive, uvs: &[Vec2]) -> usize {
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
        p.gather_vertices(&order);
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
            joints_1: None,
            weights_1: None,
            deform_bounds: None,
            morph_targets: Vec::new(),
            indices: vec![0, 1, 2, 0, 2, 3],
            material: None,
            bounds: Bounds::EMPTY,
            source_vertex_count: 4,
        }
    }

    #[test]
    fn primitives_tangents_cannot_be_made_for_are_left_alone() {
        let uvs = vec![Vec2::ZERO, Vec2::X, Vec2::ONE, Vec2::Y];
        let mut lines = quad(uvs.clone());
        lines.topology = Topology::Lines;
        let mut past_the_end = quad(uvs.clone());
        past_the_end.indices[5] = 4;
        let mut short_uvs = quad(uvs[..3].to_vec());
        let mut no_second_set = quad(uvs.clone());
        for (p, uv_set) in [
            (&mut lines, 0),
            (&mut past_the_end, 0),
            (&mut short_uvs, 0),
            (&mut no_second_set, 1),
        ] {
            let before = p.clone();
            assert_eq!(p.generate_tangents(uv_set), None);
            assert_eq!(*p, before);
        }
        let mut fine = quad(uvs);
        assert_eq!(
            fine.generate_tangents(0),
            Some(Generated::MikkTSpace { missing: 0 })
        );
        assert!(fine.tangents.is_some());
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
        assert_eq!(generate(&mut p, &uvs), Generated::MikkTSpace { missing: 0 });
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
    fn a_huge_fan_falls_back_to_per_vertex_tangents_that_agree_in_direction() {
        // 5000 triangles around one centre vertex: beyond what MikkTSpace takes safely.
        let n = 5000;
        let mut positions = vec![Vec3::ZERO];
        let mut uvs = vec![Vec2::splat(0.5)];
        for i in 0..=n {
            let a = i as f32 / n as f32 * std::f32::consts::TAU;
            positions.push(Vec3::new(a.cos(), a.sin(), 0.0));
            uvs.push(Vec2::new(0.5 + 0.5 * a.cos(), 0.5 - 0.5 * a.sin()));
        }
        let indices = (0..n as u32).flat_map(|i| [0, i + 1, i + 2]).collect();
        let mut p = quad(uvs.clone());
        p.positions = positions;
        p.normals = vec![Vec3::Z; n + 2];
        p.indices = indices;
        assert_eq!(generate(&mut p, &uvs), Generated::PerVertex);
        // u follows +x and v follows -y (v grows down the image): tangent +x, w = +1.
        for t in p.tangents.as_ref().unwrap() {
            assert!(t.truncate().abs_diff_eq(Vec3::X, 1e-3), "{t}");
            assert_eq!(t.w, 1.0);
        }
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
        assert_eq!(generate(&mut p, &uvs), Generated::MikkTSpace { missing: 0 });
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
