//! A closed triangle surface under construction: shared points, and faces whose corners
//! carry their own texture coordinates. [`Builder::finish`] turns it into a [`Mesh`]:
//! every closed part wound outwards, normals smooth within a crease angle and hard
//! across it, tangents, and the base set on y = 0 centred on x and z.

use glam::{Vec2, Vec3};
use museion_scene::{Mesh, Primitive, Topology};
use std::collections::HashMap;

/// How a part is shaded across the edges between its faces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Shading {
    /// Faces meeting at less than 60° share their normals: a curved surface, with hard
    /// edges only where it truly folds (a lip, a foot).
    Smooth,
    /// Faces meeting at more than 12° keep their own normals: cut facets.
    Faceted,
}

impl Shading {
    /// The cosine of the largest angle between faces that still share a normal.
    fn crease_cos(self) -> f32 {
        match self {
            Shading::Smooth => 0.5,
            Shading::Faceted => 0.978,
        }
    }
}

/// One triangle: three point indices and the texture coordinates of its corners.
#[derive(Clone, Copy, Debug)]
struct Face {
    points: [u32; 3],
    uvs: [Vec2; 3],
    crease_cos: f32,
}

/// Points and faces of a surface being built.
#[derive(Clone, Debug, Default)]
pub(crate) struct Builder {
    points: Vec<Vec3>,
    /// A point's exact surface normal where the generator knows it (zero where not).
    known_normals: Vec<Vec3>,
    faces: Vec<Face>,
}

impl Builder {
    /// An empty surface.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a point and returns its index.
    pub fn point(&mut self, p: Vec3) -> u32 {
        self.points.push(p);
        self.known_normals.push(Vec3::ZERO);
        self.points.len() as u32 - 1
    }

    /// Gives a point the surface's exact normal (an implicit surface's gradient), used
    /// instead of one averaged from the faces wherever it agrees with a face's winding.
    pub fn set_normal(&mut self, id: u32, normal: Vec3) {
        self.known_normals[id as usize] = normal.normalize_or_zero();
    }

    /// The position of a point.
    pub fn position(&self, id: u32) -> Vec3 {
        self.points[id as usize]
    }

    /// The number of points so far, which is the index the next point gets.
    pub fn point_count(&self) -> usize {
        self.points.len()
    }

    /// Adds a triangle. Triangles naming a point twice (at a pole) are skipped: they have
    /// no area and no edges of their own.
    pub fn face(&mut self, points: [u32; 3], uvs: [Vec2; 3], shading: Shading) {
        let [a, b, c] = points;
        if a != b && b != c && a != c {
            self.faces.push(Face {
                points,
                uvs,
                crease_cos: shading.crease_cos(),
            });
        }
    }

    /// Moves the points from index `first` on (a part added since then) through `f`.
    pub fn map_points_from(&mut self, first: usize, f: impl Fn(Vec3) -> Vec3) {
        for p in self.points.iter_mut().skip(first) {
            *p = f(*p);
        }
    }

    /// The lowest y of the points from index `first` on.
    pub fn lowest_from(&self, first: usize) -> f32 {
        self.points
            .iter()
            .skip(first)
            .map(|p| p.y)
            .fold(f32::MAX, f32::min)
    }

    /// Moves every point through `f`.
    pub fn map_points(&mut self, f: impl Fn(Vec3) -> Vec3) {
        self.map_points_from(0, f);
    }

    /// The triangles so far.
    pub fn triangle_count(&self) -> usize {
        self.faces.len()
    }

    /// The finished mesh named `name`, standing on y = 0 and centred on x and z.
    pub fn finish(mut self, name: &str) -> Mesh {
        self.stand_on_ground();
        self.finish_in_place(name)
    }

    /// The finished mesh named `name`, where the points are (for a surface that must
    /// stay where it was built: a skinned body over its skeleton).
    pub fn finish_in_place(mut self, name: &str) -> Mesh {
        self.orient_outwards();
        let (positions, normals, uvs, indices) = self.shade();
        let mut primitive = Primitive::new(Topology::Triangles, positions, normals, indices);
        primitive.uv0 = Some(uvs);
        // Tangents for normal-mapped materials; a triangle list with normals and UVs
        // always gets them.
        primitive.generate_tangents(0);
        Mesh::new(Some(name.into()), vec![primitive])
    }

    /// Winds every connected part so its signed volume is positive: a closed surface's
    /// faces then all face outwards (generators build each part with one consistent
    /// winding, but which way round depends on how its rings run).
    fn orient_outwards(&mut self) {
        let mut parent: Vec<u32> = (0..self.points.len() as u32).collect();
        fn root(parent: &mut [u32], mut i: u32) -> u32 {
            while parent[i as usize] != i {
                parent[i as usize] = parent[parent[i as usize] as usize];
                i = parent[i as usize];
            }
            i
        }
        for f in &self.faces {
            let r0 = root(&mut parent, f.points[0]);
            for p in &f.points[1..] {
                let r = root(&mut parent, *p);
                parent[r as usize] = r0;
            }
        }
        let mut volume: HashMap<u32, f64> = HashMap::new();
        let roots: Vec<u32> = self
            .faces
            .iter()
            .map(|f| root(&mut parent, f.points[0]))
            .collect();
        for (f, r) in self.faces.iter().zip(&roots) {
            let [a, b, c] = f.points.map(|i| self.points[i as usize].as_dvec3());
            *volume.entry(*r).or_default() += a.dot(b.cross(c)) / 6.0;
        }
        for (f, r) in self.faces.iter_mut().zip(&roots) {
            if volume.get(r).copied().unwrap_or(0.0) < 0.0 {
                f.points.swap(1, 2);
                f.uvs.swap(1, 2);
            }
        }
    }

    /// Translates the points so the lowest is at y = 0 and the box is centred on x and z.
    fn stand_on_ground(&mut self) {
        let (min, max) = self
            .points
            .iter()
            .fold((Vec3::splat(f32::MAX), Vec3::splat(f32::MIN)), |(lo, hi), p| {
                (lo.min(*p), hi.max(*p))
            });
        if min.x > max.x {
            return;
        }
        let shift = Vec3::new(-(min.x + max.x) / 2.0, -min.y, -(min.z + max.z) / 2.0);
        self.map_points(|p| p + shift);
        // Exactly zero at the base, whatever the rounding of the sum above.
        for p in &mut self.points {
            if p.y < 0.0 {
                p.y = 0.0;
            }
        }
    }

    /// Vertex arrays: each corner's normal is its point's known normal where that leans
    /// the way the face is wound, else the angle-weighted mean of the normals of the
    /// faces around its point that meet its own face within the crease angle (which
    /// always leans the way its face is wound), and corners with equal point, normal and
    /// texture coordinate share a vertex.
    fn shade(&self) -> (Vec<Vec3>, Vec<Vec3>, Vec<Vec2>, Vec<u32>) {
        let normals: Vec<Vec3> = self
            .faces
            .iter()
            .map(|f| self.geometric(f).normalize_or_zero())
            .collect();
        // Faces around each point, as offsets into one list.
        let mut start = vec![0usize; self.points.len() + 1];
        for f in &self.faces {
            for p in f.points {
                start[p as usize + 1] += 1;
            }
        }
        for i in 0..self.points.len() {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut around = vec![(0u32, 0u8); start[self.points.len()]];
        for (i, f) in self.faces.iter().enumerate() {
            for (k, p) in f.points.iter().enumerate() {
                around[fill[*p as usize]] = (i as u32, k as u8);
                fill[*p as usize] += 1;
            }
        }
        let mut positions = Vec::new();
        let mut vertex_normals = Vec::new();
        let mut uvs = Vec::new();
        let mut indices = Vec::with_capacity(self.faces.len() * 3);
        let mut vertices: HashMap<(u32, [u32; 5]), u32> = HashMap::new();
        for (i, f) in self.faces.iter().enumerate() {
            for (k, p) in f.points.iter().enumerate() {
                let known = self.known_normals[*p as usize];
                let mut sum = Vec3::ZERO;
                for &(g, corner) in &around[start[*p as usize]..start[*p as usize + 1]] {
                    let n = normals[g as usize];
                    if g as usize == i || n.dot(normals[i]) >= f.crease_cos {
                        sum += n * self.corner_angle(&self.faces[g as usize], corner as usize);
                    }
                }
                let averaged = sum.try_normalize().unwrap_or(normals[i]);
                // The known normal, unless this face meets it at a crease (where a solid
                // is cut flat) or leans away from it (a sliver).
                let normal = if known.dot(normals[i]) >= f.crease_cos {
                    known
                } else {
                    averaged
                };
                let uv = f.uvs[k];
                let key = (*p, [normal.x, normal.y, normal.z, uv.x, uv.y].map(f32::to_bits));
                let index = *vertices.entry(key).or_insert_with(|| {
                    positions.push(self.points[*p as usize]);
                    vertex_normals.push(normal);
                    uvs.push(uv);
                    positions.len() as u32 - 1
                });
                indices.push(index);
            }
        }
        (positions, vertex_normals, uvs, indices)
    }

    /// The face's unnormalised normal, `(b - a) × (c - a)`.
    fn geometric(&self, f: &Face) -> Vec3 {
        let [a, b, c] = f.points.map(|i| self.points[i as usize]);
        (b - a).cross(c - a)
    }

    /// The interior angle of face `f` at corner `k`.
    fn corner_angle(&self, f: &Face, k: usize) -> f32 {
        let p = self.points[f.points[k] as usize];
        let a = self.points[f.points[(k + 1) % 3] as usize] - p;
        let b = self.points[f.points[(k + 2) % 3] as usize] - p;
        a.angle_between(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tetrahedron wound inwards on purpose: finishing turns it outwards.
    #[test]
    fn parts_are_turned_outwards_and_set_on_the_ground() {
        let mut b = Builder::new();
        let p = [
            Vec3::new(0.0, 1.0, 0.0),
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(0.0, 0.0, 1.0),
            Vec3::new(0.0, 0.0, 0.0),
        ]
        .map(|p| b.point(p + Vec3::Y * 5.0));
        for t in [[0, 1, 2], [0, 2, 3], [0, 3, 1], [1, 3, 2]] {
            b.face(t.map(|i| p[i]), [Vec2::ZERO; 3], Shading::Faceted);
        }
        // Inwards, as built: the volume is negative.
        let mesh = b.finish("t");
        let prim = &mesh.primitives[0];
        let mut volume = 0.0;
        for t in prim.indices.chunks_exact(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| prim.positions[i as usize]);
            volume += a.dot(b.cross(c)) / 6.0;
            let n = (b - a).cross(c - a);
            for i in t {
                assert!(n.dot(prim.normals[*i as usize]) > 0.0);
            }
        }
        assert!((volume - 1.0 / 6.0).abs() < 1e-5, "volume {volume}");
        assert_eq!(mesh.bounds.aabb.min.y, 0.0);
        assert!((mesh.bounds.aabb.min.x + mesh.bounds.aabb.max.x).abs() < 1e-6);
        // Faceted: every face keeps its own normal, so no vertex is shared.
        assert_eq!(prim.triangle_count(), 4);
        assert!(prim.tangents.is_some());
    }
}
