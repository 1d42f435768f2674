//! Bakes kept on disk, keyed by a SHA-256 of everything a bake depends on: the static
//! triangles and their surfaces, the lights, the environment, the rooms, the wall
//! thickness and the `[bake]` settings. An edit that changes none of these (a label, a
//! tour, a spawn) finds the same bake; moving a light or a wall does not.
//!
//! A file is `bake-KEY.bin` in the cache folder: a magic, the version, then the probe
//! grids, the probes, the room map and the reflection cubes (capture points, boxes and
//! texels, as 32-bit floats), little-endian. Files are written to a temporary
//! name and renamed, so a reader never sees half a file; a file that does not decode is
//! ignored (and baked again).

use crate::geometry::StaticGeometry;
use glam::{UVec2, UVec3, Vec2, Vec3};
use museion_scene::probes::SH_COEFFICIENTS;
use museion_scene::{
    IrradianceProbes, LightKind, ProbeVolume, ReflectionProbe, ReflectionProbes, RoomMap, ShIrradiance,
};
use museion_venue::{BakeSettings, PlacedLight, Room};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Changes whenever a bake of the same inputs would come out differently.
/// (2: reflection cubes added.)
const BAKE_VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"MUSGI\0\0\x02";

/// Everything a bake's result depends on.
pub struct BakeInputs<'a> {
    /// The static geometry.
    pub geometry: &'a StaticGeometry,
    /// The punctual lights.
    pub lights: &'a [PlacedLight],
    /// What identifies the environment (empty: none).
    pub environment: &'a [u8],
    /// The rooms.
    pub rooms: &'a [Room],
    /// The walls' thickness.
    pub wall_thickness: f32,
    /// The settings.
    pub settings: &'a BakeSettings,
}

/// The cache key of `inputs`: 64 hexadecimal digits.
pub fn key(inputs: &BakeInputs) -> String {
    let mut h = Sha256::new();
    h.update(MAGIC);
    h.update(BAKE_VERSION.to_le_bytes());
    let floats = |h: &mut Sha256, values: &[f32]| {
        for v in values {
            h.update(v.to_le_bytes());
        }
    };
    let g = inputs.geometry;
    h.update((g.triangles.len() as u64).to_le_bytes());
    for (tri, surface) in g.triangles.iter().zip(&g.surface_of) {
        for corner in tri {
            floats(&mut h, &corner.to_array());
        }
        h.update(surface.to_le_bytes());
    }
    for s in &g.surfaces {
        floats(&mut h, &s.albedo.to_array());
        floats(&mut h, &s.emission.to_array());
        h.update([u8::from(s.double_sided)]);
    }
    h.update((inputs.lights.len() as u64).to_le_bytes());
    for l in inputs.lights {
        let (kind, inner, outer) = match l.light.kind {
            LightKind::Directional => (0u8, 0.0, 0.0),
            LightKind::Point => (1, 0.0, 0.0),
            LightKind::Spot {
                inner_cone_angle,
                outer_cone_angle,
            } => (2, inner_cone_angle, outer_cone_angle),
        };
        h.update([kind]);
        floats(
            &mut h,
            &[inner, outer, l.light.intensity, l.light.range.unwrap_or(-1.0)],
        );
        floats(&mut h, &l.light.color.to_array());
        floats(&mut h, &l.position.to_array());
        floats(&mut h, &l.direction.to_array());
    }
    h.update((inputs.environment.len() as u64).to_le_bytes());
    h.update(inputs.environment);
    for room in inputs.rooms {
        h.update((room.id.len() as u64).to_le_bytes());
        h.update(room.id.as_bytes());
        h.update((room.floor.len() as u64).to_le_bytes());
        for p in &room.floor {
            floats(&mut h, &p.to_array());
        }
        floats(&mut h, &[room.elevation, room.height]);
    }
    let s = inputs.settings;
    floats(&mut h, &[inputs.wall_thickness, s.probe_spacing]);
    h.update(s.samples.to_le_bytes());
    h.update(s.bounces.to_le_bytes());
    h.update(s.reflection_size.to_le_bytes());
    h.update(s.reflection_samples.to_le_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The file of the bake with key `key` in `dir`.
pub fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("bake-{key}.bin"))
}

/// Reads the bake at `path`; `None` when there is none or it does not decode.
pub fn read(path: &Path) -> Option<IrradianceProbes> {
    let bytes = std::fs::read(path).ok()?;
    let probes = decode(&bytes);
    if probes.is_none() {
        log::warn!("{}: not a bake this version reads; baking again", path.display());
    }
    probes
}

/// Writes `probes` to `path` (through a temporary file beside it).
pub fn write(path: &Path, probes: &IrradianceProbes) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&temporary, encode(probes))?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// The bytes of `probes`.
pub fn encode(probes: &IrradianceProbes) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    let u32s = |out: &mut Vec<u8>, values: &[u32]| {
        values
            .iter()
            .for_each(|v| out.extend_from_slice(&v.to_le_bytes()))
    };
    let f32s = |out: &mut Vec<u8>, values: &[f32]| {
        values
            .iter()
            .for_each(|v| out.extend_from_slice(&v.to_le_bytes()))
    };
    u32s(&mut out, &[probes.volumes.len() as u32]);
    for v in &probes.volumes {
        u32s(&mut out, &[v.room.len() as u32]);
        out.extend_from_slice(v.room.as_bytes());
        f32s(&mut out, &v.min.to_array());
        f32s(&mut out, &v.step.to_array());
        u32s(&mut out, &v.counts.to_array());
        u32s(&mut out, &[v.first as u32]);
        f32s(&mut out, &[v.bottom, v.top]);
    }
    u32s(&mut out, &[probes.probes.len() as u32]);
    for p in &probes.probes {
        for c in &p.0 {
            f32s(&mut out, &c.to_array());
        }
    }
    let map = &probes.map;
    f32s(&mut out, &[map.origin.x, map.origin.y, map.cell, map.offset]);
    u32s(&mut out, &map.size.to_array());
    for cell in &map.cells {
        out.extend_from_slice(&cell[0].to_le_bytes());
        out.extend_from_slice(&cell[1].to_le_bytes());
    }
    let reflections = &probes.reflections;
    u32s(&mut out, &[reflections.face, reflections.probes.len() as u32]);
    for r in &reflections.probes {
        for v in [r.capture, r.min, r.max] {
            f32s(&mut out, &v.to_array());
        }
        u32s(&mut out, &[r.texels.len() as u32]);
        for t in &r.texels {
            f32s(&mut out, &t.to_array());
        }
    }
    out
}

/// Reads bytes front to back; every read checks that enough are left.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn vec3(&mut self) -> Option<Vec3> {
        Some(Vec3::new(self.f32()?, self.f32()?, self.f32()?))
    }
    /// A count of items of `size` bytes each, refused when the bytes left cannot hold
    /// them (so a damaged count never allocates).
    fn count(&mut self, size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(size)? <= self.0.len()).then_some(n)
    }
}

/// `probes` from `bytes`, or `None` when they are not a whole, consistent bake.
pub fn decode(bytes: &[u8]) -> Option<IrradianceProbes> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let mut volumes = Vec::new();
    for _ in 0..r.count(4)? {
        let name = r.count(1)?;
        let room = String::from_utf8(r.take(name)?.to_vec()).ok()?;
        let min = r.vec3()?;
        let step = r.vec3()?;
        let counts = UVec3::new(r.u32()?, r.u32()?, r.u32()?);
        let first = r.u32()? as usize;
        let (bottom, top) = (r.f32()?, r.f32()?);
        volumes.push(ProbeVolume {
            room,
            min,
            step,
            counts,
            first,
            bottom,
            top,
        });
    }
    let mut probes = Vec::new();
    for _ in 0..r.count(SH_COEFFICIENTS * 12)? {
        let mut c = [Vec3::ZERO; SH_COEFFICIENTS];
        for v in &mut c {
            *v = r.vec3()?;
        }
        probes.push(ShIrradiance(c));
    }
    let origin = Vec2::new(r.f32()?, r.f32()?);
    let (cell, offset) = (r.f32()?, r.f32()?);
    let size = UVec2::new(r.u32()?, r.u32()?);
    let cell_count = (size.x as usize).checked_mul(size.y as usize)?;
    if cell_count.checked_mul(4)? > r.0.len() {
        return None;
    }
    let mut cells = Vec::with_capacity(cell_count);
    for _ in 0..cell_count {
        cells.push([r.u16()?, r.u16()?]);
    }
    let face = r.u32()?;
    let mut reflections = ReflectionProbes {
        face,
        probes: Vec::new(),
    };
    for _ in 0..r.count(40)? {
        let (capture, min, max) = (r.vec3()?, r.vec3()?, r.vec3()?);
        let mut texels = Vec::new();
        for _ in 0..r.count(12)? {
            texels.push(r.vec3()?);
        }
        reflections.probes.push(ReflectionProbe {
            capture,
            min,
            max,
            texels,
        });
    }
    let per_cube = reflections.texels_per_probe();
    let consistent = r.0.is_empty()
        && volumes.iter().all(|v| {
            v.counts.min_element() > 0
                && v.first
                    .checked_add(v.len())
                    .is_some_and(|end| end <= probes.len())
        })
        && cells.iter().flatten().all(|s| usize::from(*s) <= volumes.len())
        && (reflections.probes.is_empty()
            || (face > 0
                && reflections.probes.len() == volumes.len()
                && reflections.probes.iter().all(|p| p.texels.len() == per_cube)));
    consistent.then_some(IrradianceProbes {
        volumes,
        probes,
        map: RoomMap {
            origin,
            cell,
            size,
            cells,
            offset,
        },
        reflections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> IrradianceProbes {
        IrradianceProbes {
            volumes: vec![ProbeVolume {
                room: "hall".into(),
                min: Vec3::new(0.2, 0.1, 0.2),
                step: Vec3::new(1.0, 1.5, 0.9),
                counts: UVec3::new(2, 1, 1),
                first: 0,
                bottom: 0.0,
                top: 3.0,
            }],
            probes: vec![
                ShIrradiance([Vec3::new(1.0, 2.0, 3.0); 9]),
                ShIrradiance::default(),
            ],
            map: RoomMap {
                origin: Vec2::new(-0.25, -0.5),
                cell: 0.25,
                size: UVec2::new(2, 1),
                cells: vec![[1, 0], [0, 0]],
                offset: 0.3,
            },
            reflections: ReflectionProbes {
                face: 1,
                probes: vec![ReflectionProbe {
                    capture: Vec3::new(1.0, 1.6, 1.0),
                    min: Vec3::ZERO,
                    max: Vec3::new(2.0, 3.0, 2.0),
                    texels: (0..6).map(|i| Vec3::splat(i as f32)).collect(),
                }],
            },
        }
    }

    #[test]
    fn a_bake_reads_back_as_written_and_a_damaged_one_not_at_all() {
        let bytes = encode(&sample());
        assert_eq!(decode(&bytes), Some(sample()));
        for cut in [0, 7, 8, 20, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        // A volume naming probes past the end.
        let mut bad = sample();
        bad.volumes[0].counts = UVec3::new(3, 1, 1);
        assert_eq!(decode(&encode(&bad)), None);
        // A reflection cube with a texel missing.
        let mut bad = sample();
        bad.reflections.probes[0].texels.pop();
        assert_eq!(decode(&encode(&bad)), None);
        // No reflection cubes at all is a bake too (a venue without rooms).
        let mut none = sample();
        none.reflections.probes.clear();
        assert_eq!(decode(&encode(&none)), Some(none));
    }

    #[test]
    fn the_reflection_settings_are_part_of_the_key() {
        let geometry = StaticGeometry::default();
        let key_with = |settings: &BakeSettings| {
            key(&BakeInputs {
                geometry: &geometry,
                lights: &[],
                environment: &[],
                rooms: &[],
                wall_thickness: 0.2,
                settings,
            })
        };
        let defaults = BakeSettings::default();
        let larger = BakeSettings {
            reflection_size: 128,
            ..defaults
        };
        let more_rays = BakeSettings {
            reflection_samples: 64,
            ..defaults
        };
        assert_eq!(key_with(&defaults), key_with(&defaults));
        assert_ne!(key_with(&defaults), key_with(&larger));
        assert_ne!(key_with(&defaults), key_with(&more_rays));
    }
}
