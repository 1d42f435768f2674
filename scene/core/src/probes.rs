//! Baked indirect light: irradiance probes on a grid per room, as spherical harmonics,
//! and the map that says which room's grid lights a point. A bake makes them (see the
//! `museion-bake` crate); the renderer samples them where the environment's irradiance
//! would light a surface; [`IrradianceProbes::irradiance`] evaluates them on the CPU
//! exactly as the renderer's shader does. The rooms' reflection probes travel with them
//! (see [`crate::reflections`]).

use glam::{UVec2, UVec3, Vec2, Vec3};

/// Spherical-harmonic coefficients per probe and colour channel: bands 0 to 2.
pub const SH_COEFFICIENTS: usize = 9;

/// The real spherical harmonics of bands 0 to 2 at the unit direction `d`, in the order
/// Y₀₀, Y₁₋₁ (y), Y₁₀ (z), Y₁₁ (x), Y₂₋₂ (xy), Y₂₋₁ (yz), Y₂₀, Y₂₁ (xz), Y₂₂ (x² − y²).
pub fn sh_basis(d: Vec3) -> [f32; SH_COEFFICIENTS] {
    let (x, y, z) = (d.x, d.y, d.z);
    [
        0.282_095,
        0.488_603 * y,
        0.488_603 * z,
        0.488_603 * x,
        1.092_548 * x * y,
        1.092_548 * y * z,
        0.315_392 * (3.0 * z * z - 1.0),
        1.092_548 * x * z,
        0.546_274 * (x * x - y * y),
    ]
}

/// The band of each coefficient of [`sh_basis`].
const BAND: [usize; SH_COEFFICIENTS] = [0, 1, 1, 1, 2, 2, 2, 2, 2];

/// The clamped cosine's convolution weights per band divided by π (Ramamoorthi and
/// Hanrahan 2001: π, 2π/3, π/4): turn radiance coefficients into those of E(n)/π.
const COSINE_BAND_OVER_PI: [f32; 3] = [1.0, 2.0 / 3.0, 0.25];

/// The light a probe sees, as the coefficients of E(n)/π — the irradiance a surface
/// facing `n` receives, divided by π: the radiance a white Lambertian surface there
/// reflects (as the renderer's environment irradiance is stored).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ShIrradiance(pub [Vec3; SH_COEFFICIENTS]);

impl ShIrradiance {
    /// From the spherical-harmonic coefficients of a radiance field (∫ L(ω) Y(ω) dω).
    pub fn from_radiance(radiance: [Vec3; SH_COEFFICIENTS]) -> Self {
        Self(std::array::from_fn(|i| {
            radiance[i] * COSINE_BAND_OVER_PI[BAND[i]]
        }))
    }

    /// E(n)/π for the unit normal `n`, never negative (a band-limited field can ring
    /// below zero opposite a bright source).
    pub fn evaluate(&self, n: Vec3) -> Vec3 {
        let basis = sh_basis(n);
        let sum = self
            .0
            .iter()
            .zip(basis)
            .fold(Vec3::ZERO, |sum, (c, y)| sum + *c * y);
        sum.max(Vec3::ZERO)
    }

    /// `self · (1 − t) + other · t`, coefficient by coefficient.
    pub fn lerp(&self, other: &Self, t: f32) -> Self {
        Self(std::array::from_fn(|i| self.0[i].lerp(other.0[i], t)))
    }
}

/// One room's grid of probes: `counts` probes along x, y and z from `min`, `step` apart
/// (a count of 1 puts the probes in one plane and leaves that step unused).
#[derive(Clone, Debug, PartialEq)]
pub struct ProbeVolume {
    /// The room's id.
    pub room: String,
    /// The first probe's position, world space.
    pub min: Vec3,
    /// The distance between neighbouring probes along x, y and z, metres.
    pub step: Vec3,
    /// The number of probes along x, y and z (each at least 1).
    pub counts: UVec3,
    /// Index of the first probe in [`IrradianceProbes::probes`]; the probe at (i, j, k)
    /// is `first + i + counts.x · (j + counts.y · k)`.
    pub first: usize,
    /// The room's floor height: points below it (less a tolerance) are not in this room.
    pub bottom: f32,
    /// The room's ceiling height.
    pub top: f32,
}

impl ProbeVolume {
    /// The number of probes.
    pub fn len(&self) -> usize {
        (self.counts.x * self.counts.y * self.counts.z) as usize
    }

    /// Whether the grid has no probes (never, for a grid a bake made).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index of the probe at grid cell `cell`.
    pub fn index(&self, cell: UVec3) -> usize {
        self.first + (cell.x + self.counts.x * (cell.y + self.counts.y * cell.z)) as usize
    }

    /// The position of the probe at grid cell `cell`.
    pub fn position(&self, cell: UVec3) -> Vec3 {
        self.min + self.step * cell.as_vec3()
    }

    /// `point` in grid units, clamped to the grid (so that points outside take the
    /// nearest probes).
    pub fn grid_point(&self, point: Vec3) -> Vec3 {
        let step = self.step.max(Vec3::splat(1e-6));
        ((point - self.min) / step).clamp(Vec3::ZERO, (self.counts - UVec3::ONE).as_vec3())
    }
}

/// Which volumes light which part of the floor plan: a grid of square cells over x and
/// z, each naming up to two volumes (two rooms stacked one above the other) whose floors
/// contain the cell's centre.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoomMap {
    /// The corner of cell (0, 0), world x and z.
    pub origin: Vec2,
    /// The cells' side, metres.
    pub cell: f32,
    /// Cells along x and z.
    pub size: UVec2,
    /// Per cell (row by row along x), up to two volume indices plus one (0: none).
    pub cells: Vec<[u16; 2]>,
    /// How far along a surface's normal the point whose room is looked up lies, metres:
    /// past the half wall a surface of a wall stands on, into the room it faces.
    pub offset: f32,
}

/// How far above its ceiling or below its floor a point still counts as in a room,
/// metres (a floor's own surface, a lamp just under a ceiling).
const HEIGHT_TOLERANCE: f32 = 0.05;

/// The baked indirect light of a venue: probe grids per room, the map from positions to
/// grids, each probe's [`ShIrradiance`], and each room's reflection probe.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IrradianceProbes {
    /// One grid per baked room.
    pub volumes: Vec<ProbeVolume>,
    /// Every probe, grid by grid.
    pub probes: Vec<ShIrradiance>,
    /// Which grid lights a point.
    pub map: RoomMap,
    /// Each room's reflection cube (none, or one per grid in `volumes`' order).
    pub reflections: crate::ReflectionProbes,
}

impl IrradianceProbes {
    /// The point a surface at `position` with geometric normal `normal` is looked up at:
    /// off the surface by [`RoomMap::offset`], into the room it faces.
    pub fn lookup_point(&self, position: Vec3, normal: Vec3) -> Vec3 {
        position + normal * self.map.offset
    }

    /// The index of the volume lighting the point `point` (already offset), if any.
    pub fn volume_at(&self, point: Vec3) -> Option<usize> {
        let map = &self.map;
        let cell = ((Vec2::new(point.x, point.z) - map.origin) / map.cell).floor();
        if cell.x < 0.0 || cell.y < 0.0 || cell.x >= map.size.x as f32 || cell.y >= map.size.y as f32 {
            return None;
        }
        let slots = map.cells[cell.x as usize + cell.y as usize * map.size.x as usize];
        slots
            .into_iter()
            .filter(|s| *s > 0)
            .map(|s| usize::from(s) - 1)
            .find(|v| {
                let volume = &self.volumes[*v];
                point.y >= volume.bottom - HEIGHT_TOLERANCE && point.y <= volume.top + HEIGHT_TOLERANCE
            })
    }

    /// The probes' light at `point` (already offset) of volume `volume`, trilinearly
    /// interpolated between the eight probes around it.
    pub fn probe_at(&self, volume: usize, point: Vec3) -> ShIrradiance {
        let volume = &self.volumes[volume];
        let g = volume.grid_point(point);
        let base = g.floor().as_uvec3().min(volume.counts - UVec3::ONE);
        let t = g - base.as_vec3();
        let corner = |dx: u32, dy: u32, dz: u32| {
            let cell = (base + UVec3::new(dx, dy, dz)).min(volume.counts - UVec3::ONE);
            self.probes[volume.index(cell)]
        };
        let along_x = |dy, dz| corner(0, dy, dz).lerp(&corner(1, dy, dz), t.x);
        let along_y = |dz| along_x(0, dz).lerp(&along_x(1, dz), t.y);
        along_y(0).lerp(&along_y(1), t.z)
    }

    /// The baked indirect irradiance on a surface at `position` with geometric normal
    /// `normal` facing `shading_normal` (lux, per colour channel), or `None` where no
    /// room's probes reach (outside the building, a venue baked without rooms).
    pub fn irradiance(&self, position: Vec3, normal: Vec3, shading_normal: Vec3) -> Option<Vec3> {
        let point = self.lookup_point(position, normal);
        let volume = self.volume_at(point)?;
        Some(self.probe_at(volume, point).evaluate(shading_normal) * std::f32::consts::PI)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A probe field of one room, 4 × 3 m, 3 m high, with two probes along each axis.
    fn one_room(probes: [ShIrradiance; 8]) -> IrradianceProbes {
        IrradianceProbes {
            volumes: vec![ProbeVolume {
                room: "hall".into(),
                min: Vec3::new(0.0, 0.0, 0.0),
                step: Vec3::new(4.0, 3.0, 3.0),
                counts: UVec3::splat(2),
                first: 0,
                bottom: 0.0,
                top: 3.0,
            }],
            probes: probes.to_vec(),
            map: RoomMap {
                origin: Vec2::ZERO,
                cell: 0.5,
                size: UVec2::new(8, 6),
                cells: vec![[1, 0]; 48],
                offset: 0.25,
            },
            reflections: Default::default(),
        }
    }

    fn constant(value: f32) -> ShIrradiance {
        let mut c = [Vec3::ZERO; SH_COEFFICIENTS];
        c[0] = Vec3::splat(value / 0.282_095);
        ShIrradiance(c)
    }

    #[test]
    fn a_uniform_field_gives_pi_times_its_radiance_in_every_direction() {
        // Radiance 1 everywhere: its coefficient of Y₀₀ is 4π · 0.282095.
        let mut radiance = [Vec3::ZERO; SH_COEFFICIENTS];
        radiance[0] = Vec3::splat(4.0 * std::f32::consts::PI * 0.282_095);
        let field = ShIrradiance::from_radiance(radiance);
        for n in [Vec3::X, Vec3::NEG_Y, Vec3::new(0.6, 0.0, 0.8)] {
            assert!((field.evaluate(n) - Vec3::ONE).abs().max_element() < 1e-4, "{n}");
        }
    }

    #[test]
    fn probes_interpolate_trilinearly_and_clamp_outside_their_grid() {
        let probes = one_room(std::array::from_fn(|i| {
            constant(if i % 2 == 1 { 3.0 } else { 1.0 })
        }));
        // Half way along x: the mean of the two values.
        let mid = probes.probe_at(0, Vec3::new(2.0, 1.0, 1.0)).evaluate(Vec3::Y);
        assert!((mid.x - 2.0).abs() < 1e-4, "{mid}");
        // Beyond the grid's far x: the far probes' value.
        let beyond = probes.probe_at(0, Vec3::new(9.0, 1.0, 1.0)).evaluate(Vec3::Y);
        assert!((beyond.x - 3.0).abs() < 1e-4, "{beyond}");
    }

    #[test]
    fn points_outside_the_map_or_above_the_room_have_no_probes() {
        let probes = one_room([constant(1.0); 8]);
        assert_eq!(probes.volume_at(Vec3::new(1.0, 1.0, 1.0)), Some(0));
        assert_eq!(probes.volume_at(Vec3::new(-1.0, 1.0, 1.0)), None);
        assert_eq!(probes.volume_at(Vec3::new(1.0, 3.5, 1.0)), None);
        let e = probes
            .irradiance(Vec3::new(1.0, 0.0, 1.0), Vec3::Y, Vec3::Y)
            .unwrap();
        assert!((e.x - std::f32::consts::PI).abs() < 1e-4, "{e}");
    }
}
