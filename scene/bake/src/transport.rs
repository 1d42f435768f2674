//! Light transport: the radiance arriving along a ray, by path tracing with diffuse
//! bounces — next-event estimation toward the punctual lights (one light per surface
//! point, chosen in proportion to what it would give unshadowed), emission where a path
//! meets an emissive surface, the environment where it leaves the geometry.

use crate::EnvironmentRadiance;
use crate::sampling::{Rng, cosine_direction};
use crate::tracer::Tracer;
use glam::Vec3;
use museion_scene::LightKind;
use museion_venue::PlacedLight;
use std::f32::consts::PI;

/// How far off a surface a ray continues, metres.
const RAY_OFFSET: f32 = 1e-3;
/// How far rays look, metres (past any venue).
const REACH: f32 = 1e5;

/// Rec. 709 luminance.
fn luminance(c: Vec3) -> f32 {
    c.dot(Vec3::new(0.2126, 0.7152, 0.0722))
}

/// What a ray brings back.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Arrival {
    /// Radiance arriving along the ray, per channel.
    pub radiance: Vec3,
    /// Whether the ray's first hit was the back of a one-sided surface: the ray started
    /// inside a solid.
    pub inside: bool,
}

/// The scene as light sees it: geometry, lights, environment.
#[derive(Clone, Copy)]
pub struct Transport<'a> {
    /// The static geometry.
    pub tracer: &'a Tracer,
    /// The punctual lights.
    pub lights: &'a [PlacedLight],
    /// The environment, if any.
    pub environment: Option<&'a EnvironmentRadiance>,
    /// Diffuse bounces followed after the first surface met.
    pub bounces: u32,
}

impl Transport<'_> {
    /// The radiance arriving at `origin` from the unit direction opposite `direction`
    /// (that is, along the ray from `origin` toward `direction`).
    pub fn arriving(&self, origin: Vec3, direction: Vec3, rng: &mut Rng) -> Arrival {
        let mut arrival = Arrival::default();
        let (mut origin, mut direction) = (origin, direction);
        let mut throughput = Vec3::ONE;
        for depth in 0..=self.bounces {
            let Some(hit) = self.tracer.nearest(origin, direction, REACH) else {
                if let Some(environment) = self.environment {
                    arrival.radiance += throughput * environment.radiance(direction);
                }
                break;
            };
            if !hit.front {
                arrival.inside |= depth == 0;
                break;
            }
            let surface = hit.surface;
            let point = origin + direction * hit.distance + hit.normal * RAY_OFFSET;
            arrival.radiance += throughput * surface.emission;
            if surface.albedo.max_element() <= 0.0 {
                break;
            }
            throughput *= surface.albedo;
            arrival.radiance += throughput / PI * self.direct(point, hit.normal, rng);
            if depth == self.bounces {
                break;
            }
            // Cosine-weighted sampling: the Lambertian lobe's cosine and 1/π cancel
            // against the sample's density, leaving the albedo (already taken).
            direction = cosine_direction(hit.normal, rng);
            origin = point;
        }
        arrival
    }

    /// An estimate of the irradiance the punctual lights give `point` (on a surface of
    /// unit normal `normal`), per channel: one light chosen in proportion to its
    /// unshadowed luminance there, tested for shadow, divided by the chance of choosing it.
    pub fn direct(&self, point: Vec3, normal: Vec3, rng: &mut Rng) -> Vec3 {
        let mut total = 0.0;
        let pick = rng.next_f32();
        // Two passes over the lights (no allocation): sum, then find the chosen one.
        for light in self.lights {
            total += luminance(unshadowed(light, point, normal).irradiance);
        }
        if total <= 0.0 {
            return Vec3::ZERO;
        }
        let mut running = 0.0;
        let target = pick * total;
        for light in self.lights {
            let arriving = unshadowed(light, point, normal);
            let share = luminance(arriving.irradiance);
            if share <= 0.0 {
                continue;
            }
            running += share;
            if running >= target {
                if self.tracer.blocked(point, arriving.toward, arriving.reach) {
                    return Vec3::ZERO;
                }
                return arriving.irradiance * (total / share);
            }
        }
        Vec3::ZERO
    }
}

/// A light's unshadowed arrival at a point.
struct Unshadowed {
    /// Irradiance per channel.
    irradiance: Vec3,
    /// Unit direction toward the light.
    toward: Vec3,
    /// Distance to the light (a directional light: past the venue).
    reach: f32,
}

/// What `light` gives `point` facing `normal` with nothing in the way: as the renderer
/// shades it (inverse square, `KHR_lights_punctual`'s range and cone falloffs).
fn unshadowed(light: &PlacedLight, point: Vec3, normal: Vec3) -> Unshadowed {
    let color = light.light.color * light.light.intensity;
    if let LightKind::Directional = light.light.kind {
        let toward = -light.direction;
        return Unshadowed {
            irradiance: color * normal.dot(toward).max(0.0),
            toward,
            reach: REACH,
        };
    }
    let to_light = light.position - point;
    let distance_sq = to_light.length_squared().max(1e-8);
    let distance = distance_sq.sqrt();
    let toward = to_light / distance;
    let cos = normal.dot(toward).max(0.0);
    let falloff = light.light.range_attenuation(distance) / distance_sq
        * light.light.cone_attenuation(light.direction.dot(-toward));
    Unshadowed {
        irradiance: color * (falloff * cos),
        toward,
        reach: (distance - RAY_OFFSET).max(0.0),
    }
}
