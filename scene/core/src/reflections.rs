//! Baked reflection probes: per room, a cube map of the radiance arriving at one capture
//! point, and the room's box, against which a reflected ray is projected (parallax
//! correction) before the cube is read. A bake makes them (the `museion-bake` crate);
//! the renderer prefilters them for roughness and reads them where the environment's
//! specular light would light a surface; [`box_project`] and
//! [`ReflectionProbes::radiance`] do on the CPU what its shader does.

use glam::Vec3;

/// Cube faces in the order the renderer's cube textures hold them: +X, −X, +Y, −Y, +Z, −Z.
pub const CUBE_FACES: usize = 6;

/// One room's reflection probe.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReflectionProbe {
    /// Where its radiance was captured, world space.
    pub capture: Vec3,
    /// The room's box (its floor's bounding box inside the walls, floor to ceiling):
    /// the lower corner.
    pub min: Vec3,
    /// The upper corner.
    pub max: Vec3,
    /// Linear radiance (cd/m² per channel) toward the capture point from the direction
    /// through each texel's centre: six faces of `face`² texels, in [`CUBE_FACES`] order,
    /// each row by row.
    pub texels: Vec<Vec3>,
}

/// The reflection probes of a venue's rooms: none, or one per probe grid of the
/// irradiance probes they travel with (`IrradianceProbes::volumes`), in the same order,
/// all with faces of `face` texels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReflectionProbes {
    /// Texels along a side of each cube face.
    pub face: u32,
    /// One per room.
    pub probes: Vec<ReflectionProbe>,
}

impl ReflectionProbes {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }

    /// The texels a probe of these holds.
    pub fn texels_per_probe(&self) -> usize {
        CUBE_FACES * (self.face as usize).pow(2)
    }

    /// The radiance that probe `probe` gives a surface at `position` reflecting toward
    /// the unit direction `direction`: the texel (nearest, unfiltered, unprefiltered)
    /// that the box-projected direction falls in. `None` when there is no such probe.
    pub fn radiance(&self, probe: usize, position: Vec3, direction: Vec3) -> Option<Vec3> {
        let p = self.probes.get(probe)?;
        let d = box_project(position, direction, p.min, p.max, p.capture);
        let (face, x, y) = cube_texel(d, self.face);
        p.texels
            .get(face as usize * (self.face as usize).pow(2) + (y * self.face + x) as usize)
            .copied()
    }
}

/// The direction from `capture` toward the point where a ray from `position` along the
/// unit direction `direction` leaves the box `min`..`max`: what a cube map captured at
/// `capture` must be read with so that it shows what that ray meets (taking the room's
/// walls to lie on the box). `position` is first clamped into the box, so a surface on
/// (or just outside) a wall projects from the wall.
pub fn box_project(position: Vec3, direction: Vec3, min: Vec3, max: Vec3, capture: Vec3) -> Vec3 {
    let p = position.clamp(min, max);
    // Per axis, the distance to the plane the ray leaves through; an axis it does not
    // move along never ends it.
    let far = Vec3::select(direction.cmpgt(Vec3::ZERO), max, min);
    let t = (far - p) / direction;
    let t = Vec3::select(direction.abs().cmpgt(Vec3::splat(1e-8)), t, Vec3::splat(f32::MAX));
    let exit = p + direction * t.min_element().max(0.0);
    let d = exit - capture;
    if d.length_squared() > 1e-12 {
        d.normalize()
    } else {
        direction
    }
}

/// The face (+X, −X, +Y, −Y, +Z, −Z) and texel (x, y) of a cube of `face`² texels a face
/// that direction `d` falls in, as cube sampling picks it (the inverse of the texel
/// centre directions `museion_environment::cube_direction` gives).
pub fn cube_texel(d: Vec3, face: u32) -> (u32, u32, u32) {
    let a = d.abs();
    let (index, u, v, major) = if a.x >= a.y && a.x >= a.z {
        if d.x > 0.0 {
            (0, -d.z, -d.y, a.x)
        } else {
            (1, d.z, -d.y, a.x)
        }
    } else if a.y >= a.z {
        if d.y > 0.0 {
            (2, d.x, d.z, a.y)
        } else {
            (3, d.x, -d.z, a.y)
        }
    } else if d.z > 0.0 {
        (4, d.x, -d.y, a.z)
    } else {
        (5, -d.x, -d.y, a.z)
    };
    let to_texel = |c: f32| {
        let s = (c / major.max(1e-12) * 0.5 + 0.5) * face as f32;
        (s.floor().max(0.0) as u32).min(face.saturating_sub(1))
    };
    (index, to_texel(u), to_texel(v))
}

/// The unit direction through the centre of texel (`x`, `y`) of cube face `face`
/// (+X, −X, +Y, −Y, +Z, −Z) of `size` texels a side, offset within the texel by
/// `jitter` (each 0 to 1; 0.5 is the centre), as cube sampling lays faces out.
pub fn cube_direction(face: u32, x: u32, y: u32, size: u32, jitter: [f32; 2]) -> Vec3 {
    let u = (x as f32 + jitter[0]) / size as f32 * 2.0 - 1.0;
    let v = (y as f32 + jitter[1]) / size as f32 * 2.0 - 1.0;
    let d = match face {
        0 => Vec3::new(1.0, -v, -u),
        1 => Vec3::new(-1.0, -v, u),
        2 => Vec3::new(u, 1.0, v),
        3 => Vec3::new(u, -1.0, -v),
        4 => Vec3::new(u, -v, 1.0),
        _ => Vec3::new(-u, -v, -1.0),
    };
    d.normalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Vec3, b: Vec3) -> bool {
        (a - b).length() < 1e-5
    }

    #[test]
    fn box_projection_meets_the_wall_the_ray_leaves_through() {
        let (min, max) = (Vec3::ZERO, Vec3::new(6.0, 3.0, 4.0));
        let capture = Vec3::new(3.0, 1.5, 2.0);
        // From the capture point itself: the direction is unchanged.
        let d = Vec3::new(0.6, 0.0, 0.8);
        assert!(close(box_project(capture, d, min, max, capture), d));
        // From (1, 0, 1) on the floor, up the diagonal (0, 0.6, 0.8): the ray leaves
        // through z = 4 after t = 3.75 at (1, 2.25, 4); from the capture point that is
        // (-2, 0.75, 2), of length sqrt(8.5625).
        let got = box_project(
            Vec3::new(1.0, 0.0, 1.0),
            Vec3::new(0.0, 0.6, 0.8),
            min,
            max,
            capture,
        );
        let want = Vec3::new(-2.0, 0.75, 2.0) / 8.5625f32.sqrt();
        assert!(close(got, want), "{got} against {want}");
        // Straight along -x from (5, 1, 3): the wall x = 0 at (0, 1, 3); from the
        // capture point (-3, -0.5, 1).
        let got = box_project(Vec3::new(5.0, 1.0, 3.0), Vec3::NEG_X, min, max, capture);
        assert!(close(got, Vec3::new(-3.0, -0.5, 1.0).normalize()), "{got}");
        // A point outside the box (on the far side of a wall) projects from the wall.
        let outside = box_project(Vec3::new(7.0, 1.0, 3.0), Vec3::NEG_X, min, max, capture);
        assert!(close(outside, got), "{outside}");
    }

    #[test]
    fn texels_and_their_directions_agree() {
        let size = 8;
        for face in 0..6 {
            for (x, y) in [(0, 0), (3, 5), (7, 7), (7, 0)] {
                let d = cube_direction(face, x, y, size, [0.5, 0.5]);
                assert_eq!(cube_texel(d, size), (face, x, y), "face {face} texel {x},{y}");
            }
        }
        assert_eq!(cube_texel(Vec3::X, 4).0, 0);
        assert_eq!(cube_texel(Vec3::NEG_Z, 4).0, 5);
    }

    #[test]
    fn a_probe_gives_the_texel_its_projected_direction_falls_in() {
        let face = 2;
        let probes = ReflectionProbes {
            face,
            probes: vec![ReflectionProbe {
                capture: Vec3::splat(1.0),
                min: Vec3::ZERO,
                max: Vec3::splat(2.0),
                texels: (0..24).map(|i| Vec3::splat(i as f32)).collect(),
            }],
        };
        // From the capture point straight up: face +Y (2), whose four texels are 8..12;
        // the centre direction lies on their shared corner, picked as texel (1, 1): 11.
        assert_eq!(
            probes.radiance(0, Vec3::splat(1.0), Vec3::Y),
            Some(Vec3::splat(11.0))
        );
        // From near the -x wall straight up, the ceiling point is far to -x of the
        // capture point: face +Y still, texel column 0, row 1 (z = 1 + 0.1): 10.
        let up_left = probes.radiance(0, Vec3::new(0.05, 1.0, 1.1), Vec3::Y);
        assert_eq!(up_left, Some(Vec3::splat(10.0)));
        assert_eq!(probes.radiance(1, Vec3::ONE, Vec3::Y), None);
    }
}
