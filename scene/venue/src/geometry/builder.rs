//! Builds triangle meshes face by face, with normals, UVs in metres and tangents.

use glam::{Vec2, Vec3};
use museion_scene::{MaterialId, Primitive, Topology};

/// Triangles being collected for one primitive.
#[derive(Clone, Debug, Default)]
pub(crate) struct MeshBuilder {
    positions: Vec<Vec3>,
    normals: Vec<Vec3>,
    uvs: Vec<Vec2>,
    indices: Vec<u32>,
}

impl MeshBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// Adds everything `other` collected.
    pub fn append(&mut self, other: MeshBuilder) {
        let base = self.positions.len() as u32;
        self.positions.extend(other.positions);
        self.normals.extend(other.normals);
        self.uvs.extend(other.uvs);
        self.indices.extend(other.indices.into_iter().map(|i| i + base));
    }

    /// A flat convex face through `corners` (in order, either winding), seen from the side
    /// `normal` points to. Faces with no area are skipped.
    pub fn face(&mut self, corners: &[Vec3], normal: Vec3, uv: impl Fn(Vec3) -> Vec2) {
        let triangles: Vec<[usize; 3]> = (1..corners.len().saturating_sub(1))
            .map(|i| [0, i, i + 1])
            .collect();
        self.triangles(corners, &triangles, normal, uv);
    }

    /// Triangles over `points`, all facing `normal` (each is rewound to face it).
    pub fn triangles(
        &mut self,
        points: &[Vec3],
        triangles: &[[usize; 3]],
        normal: Vec3,
        uv: impl Fn(Vec3) -> Vec2,
    ) {
        let base = self.positions.len() as u32;
        let mut used = false;
        for &[a, b, c] in triangles {
            let (pa, pb, pc) = (points[a], points[b], points[c]);
            let facing = (pb - pa).cross(pc - pa).dot(normal);
            if facing.abs() < 1e-9 {
                continue;
            }
            used = true;
            let [a, b, c] = [a, b, c].map(|i| base + i as u32);
            self.indices
                .extend(if facing > 0.0 { [a, b, c] } else { [a, c, b] });
        }
        if used {
            for p in points {
                self.positions.push(*p);
                self.normals.push(normal);
                self.uvs.push(uv(*p));
            }
        }
    }

    /// The six faces of the box `min`–`max` (the bottom left out when `bottom` is false),
    /// textured by planar projection.
    pub fn cuboid(&mut self, min: Vec3, max: Vec3, bottom: bool) {
        let corner = |x: bool, y: bool, z: bool| {
            Vec3::new(
                if x { max.x } else { min.x },
                if y { max.y } else { min.y },
                if z { max.z } else { min.z },
            )
        };
        let faces = [
            (
                Vec3::X,
                [
                    corner(true, false, false),
                    corner(true, true, false),
                    corner(true, true, true),
                    corner(true, false, true),
                ],
            ),
            (
                Vec3::NEG_X,
                [
                    corner(false, false, false),
                    corner(false, false, true),
                    corner(false, true, true),
                    corner(false, true, false),
                ],
            ),
            (
                Vec3::Y,
                [
                    corner(false, true, false),
                    corner(false, true, true),
                    corner(true, true, true),
                    corner(true, true, false),
                ],
            ),
            (
                Vec3::NEG_Y,
                [
                    corner(false, false, false),
                    corner(true, false, false),
                    corner(true, false, true),
                    corner(false, false, true),
                ],
            ),
            (
                Vec3::Z,
                [
                    corner(false, false, true),
                    corner(true, false, true),
                    corner(true, true, true),
                    corner(false, true, true),
                ],
            ),
            (
                Vec3::NEG_Z,
                [
                    corner(false, false, false),
                    corner(false, true, false),
                    corner(true, true, false),
                    corner(true, false, false),
                ],
            ),
        ];
        for (normal, corners) in faces {
            if normal == Vec3::NEG_Y && !bottom {
                continue;
            }
            self.face(&corners, normal, planar_uv(normal));
        }
    }

    /// The primitive, with `material`, UVs and MikkTSpace tangents.
    pub fn primitive(self, material: MaterialId) -> Primitive {
        let mut primitive = Primitive::new(Topology::Triangles, self.positions, self.normals, self.indices);
        primitive.uv0 = Some(self.uvs);
        primitive.material = Some(material);
        primitive.generate_tangents(0);
        primitive
    }
}

/// UVs in metres by projection onto the plane the face's normal is closest to: textures
/// keep their real-world size on every face.
pub(crate) fn planar_uv(normal: Vec3) -> impl Fn(Vec3) -> Vec2 {
    let n = normal.abs();
    move |p: Vec3| {
        if n.y >= n.x && n.y >= n.z {
            Vec2::new(p.x, p.z)
        } else if n.x >= n.z {
            Vec2::new(p.z, -p.y)
        } else {
            Vec2::new(p.x, -p.y)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_are_wound_toward_their_normal_whatever_the_corner_order() {
        let mut b = MeshBuilder::new();
        let square = [Vec3::ZERO, Vec3::X, Vec3::new(1.0, 0.0, 1.0), Vec3::Z];
        b.face(&square, Vec3::Y, planar_uv(Vec3::Y));
        b.face(&square, Vec3::NEG_Y, planar_uv(Vec3::Y));
        let p = b.primitive(MaterialId(0));
        assert_eq!(p.triangle_count(), 4);
        for t in p.indices.chunks_exact(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| p.positions[i as usize]);
            let n = p.normals[t[0] as usize];
            assert!((b - a).cross(c - a).dot(n) > 0.0);
        }
        assert!(p.tangents.is_some());
    }

    #[test]
    fn cuboid_uvs_are_in_metres() {
        let mut b = MeshBuilder::new();
        b.cuboid(Vec3::ZERO, Vec3::new(2.0, 1.0, 3.0), false);
        let p = b.primitive(MaterialId(0));
        assert_eq!(p.triangle_count(), 10);
        let uvs = p.uv0.as_deref().unwrap_or_default();
        for ((position, normal), uv) in p.positions.iter().zip(&p.normals).zip(uvs) {
            let expected = if normal.y != 0.0 {
                Vec2::new(position.x, position.z)
            } else if normal.x != 0.0 {
                Vec2::new(position.z, -position.y)
            } else {
                Vec2::new(position.x, -position.y)
            };
            assert_eq!(*uv, expected, "at {position} facing {normal}");
        }
    }
}
