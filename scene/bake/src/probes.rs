//! Baking the probes: each probe's rays traced in parallel, their radiance projected on
//! spherical harmonics; probes that stand inside a solid or outside their room's floor
//! take their neighbours' light.

use crate::sampling::{Rng, sphere_direction};
use crate::transport::Transport;
use glam::{IVec3, UVec3, Vec3};
use museion_scene::probes::{SH_COEFFICIENTS, sh_basis};
use museion_scene::{ProbeVolume, ShIrradiance};
use std::f32::consts::PI;

/// A probe whose rays meet the back of a surface this often stands inside a solid.
const INSIDE_SHARE: f32 = 0.25;
/// The seed of every bake (a bake is the same on every run).
const SEED: u64 = 0x6d75_7365_696f_6e21;

/// One baked probe (by default dark and invalid: not traced).
#[derive(Clone, Copy, Debug, Default)]
pub struct BakedProbe {
    /// Its light.
    pub light: ShIrradiance,
    /// Whether it saw the room (not from inside a solid, not outside the floor).
    pub valid: bool,
}

impl BakedProbe {
    /// The probe whose `samples` rays, spread evenly over the sphere, brought back
    /// radiance whose projections on the harmonics sum to `radiance` (each ray standing
    /// for 4π/`samples` of solid angle), `inside` of them meeting the back of a surface.
    pub fn from_rays(radiance: [Vec3; SH_COEFFICIENTS], inside: u32, samples: u32) -> Self {
        let weight = 4.0 * PI / samples.max(1) as f32;
        Self {
            light: ShIrradiance::from_radiance(radiance.map(|c| c * weight)),
            valid: (inside as f32) < INSIDE_SHARE * samples as f32,
        }
    }
}

/// The cells of a grid, x fastest (the probes' order).
pub(crate) fn grid_cells(counts: UVec3) -> impl Iterator<Item = UVec3> {
    (0..counts.z)
        .flat_map(move |z| (0..counts.y).flat_map(move |y| (0..counts.x).map(move |x| UVec3::new(x, y, z))))
}

/// How every tracer starts the probe of random stream `stream`: its random numbers, and
/// the turn (radians) of its Fibonacci sphere of rays, the stream's first number (so
/// that tracers on any device send the same rays from it).
pub fn probe_start(stream: u64) -> (Rng, f32) {
    let mut rng = Rng::new(SEED, stream);
    let turn = rng.next_f32() * 2.0 * PI;
    (rng, turn)
}

/// The light at `position`: `samples` rays spread over the sphere, their radiance
/// projected on the harmonics (each ray standing for 4π/`samples` of solid angle).
pub fn bake_probe(transport: &Transport, position: Vec3, samples: u32, stream: u64) -> BakedProbe {
    let (mut rng, turn) = probe_start(stream);
    let mut radiance = [Vec3::ZERO; SH_COEFFICIENTS];
    let mut inside_count = 0u32;
    for i in 0..samples {
        let direction = sphere_direction(i, samples, turn);
        let arrival = transport.arriving(position, direction, &mut rng);
        inside_count += u32::from(arrival.inside);
        for (c, y) in radiance.iter_mut().zip(sh_basis(direction)) {
            *c += arrival.radiance * y;
        }
    }
    BakedProbe::from_rays(radiance, inside_count, samples)
}

/// Gives each invalid probe of `volume` the mean of its valid neighbours (along the grid's
/// axes), spreading outward until every probe has light; a grid with no valid probe is
/// left dark. Returns how many probes were invalid.
pub fn fill_invalid(volume: &ProbeVolume, probes: &mut [BakedProbe]) -> usize {
    let range = volume.first..volume.first + volume.len();
    let invalid = probes[range.clone()].iter().filter(|p| !p.valid).count();
    let counts = volume.counts.as_ivec3();
    loop {
        let mut filled = Vec::new();
        for cell in grid_cells(volume.counts) {
            if probes[volume.index(cell)].valid {
                continue;
            }
            let neighbours: Vec<ShIrradiance> = [
                IVec3::X,
                IVec3::NEG_X,
                IVec3::Y,
                IVec3::NEG_Y,
                IVec3::Z,
                IVec3::NEG_Z,
            ]
            .iter()
            .map(|d| cell.as_ivec3() + *d)
            .filter(|n| n.cmpge(IVec3::ZERO).all() && n.cmplt(counts).all())
            .map(|n| probes[volume.index(n.as_uvec3())])
            .filter(|p| p.valid)
            .map(|p| p.light)
            .collect();
            if neighbours.is_empty() {
                continue;
            }
            let scale = 1.0 / neighbours.len() as f32;
            let mean = ShIrradiance(std::array::from_fn(|i| {
                neighbours.iter().map(|n| n.0[i]).sum::<Vec3>() * scale
            }));
            filled.push((volume.index(cell), mean));
        }
        if filled.is_empty() {
            break;
        }
        for (index, light) in filled {
            probes[index] = BakedProbe { light, valid: true };
        }
    }
    // What nothing could reach (a grid with no valid probe) stays dark.
    for probe in &mut probes[range] {
        if !probe.valid {
            probe.light = ShIrradiance::default();
        }
    }
    invalid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EnvironmentRadiance;
    use crate::geometry::StaticGeometry;
    use crate::tracer::Tracer;

    /// A sky-like radiance field: brighter above, a warm glow toward +x, darker below.
    fn field(d: Vec3) -> Vec3 {
        Vec3::new(1.0, 0.9, 0.8)
            + Vec3::new(0.8, 0.9, 1.2) * d.y.max(0.0)
            + Vec3::new(0.6, 0.3, 0.1) * d.x.max(0.0).powi(2)
    }

    /// The irradiance `field` gives a surface facing `n`, integrated over a fine grid of
    /// the hemisphere.
    fn irradiance(n: Vec3) -> Vec3 {
        let (t, b) = n.any_orthonormal_pair();
        let steps = 400;
        let mut sum = Vec3::ZERO;
        for i in 0..steps {
            for j in 0..steps {
                // Cosine-weighted by construction: uniform in the unit disc's area.
                let r = ((i as f32 + 0.5) / steps as f32).sqrt();
                let phi = 2.0 * PI * (j as f32 + 0.5) / steps as f32;
                let d = t * (r * phi.cos()) + b * (r * phi.sin()) + n * (1.0 - r * r).sqrt();
                sum += field(d);
            }
        }
        sum / (steps * steps) as f32 * PI
    }

    #[test]
    fn a_probe_reproduces_the_irradiance_of_a_known_radiance_field() {
        let tracer = Tracer::new(&StaticGeometry::default());
        let environment = EnvironmentRadiance::new("test field", field);
        let transport = Transport {
            tracer: &tracer,
            lights: &[],
            environment: Some(&environment),
            bounces: 2,
        };
        let probe = bake_probe(&transport, Vec3::ZERO, 1024, 0);
        assert!(probe.valid);
        let normals = [
            Vec3::Y,
            Vec3::NEG_Y,
            Vec3::X,
            Vec3::NEG_X,
            Vec3::Z,
            Vec3::new(0.6, 0.48, -0.64),
        ];
        for n in normals {
            let expected = irradiance(n);
            let baked = probe.light.evaluate(n) * PI;
            let error = ((baked - expected).abs() / expected).max_element();
            assert!(
                error < 0.02,
                "facing {n}: baked {baked}, integrated {expected} ({:.1} %)",
                error * 100.0
            );
        }
    }
}
