//! The illuminance at a point of a scene, light by light: each punctual light in its
//! physical units with the falloffs the renderer shades with, stopped by the scene's
//! geometry, and the environment's share.

use glam::Vec3;
use museion_scene::{AlphaMode, IrradianceProbes, Light, LightKind, NodeId, Scene, TriangleHit};
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

/// How far off a surface a shadow ray starts, metres: clear of the surface it samples,
/// far below any gap that matters for light.
const RAY_OFFSET: f32 = 1e-3;
/// How far a directional light's shadow ray looks, metres (past any venue).
const DIRECTIONAL_REACH: f32 = 1e5;
/// Most surfaces a shadow ray passes through (glass) before the light counts as
/// reaching the point anyway.
const MAX_PASSES: usize = 64;

/// The environment's illuminance on a surface facing a direction, lux: the
/// cosine-weighted integral of its radiance over the hemisphere the surface faces.
///
/// The environment lives in the renderer's layer (its images and built-in skies), so
/// whoever has it supplies this function; [`EnvironmentIlluminance::uniform`] is an
/// environment of the same radiance everywhere.
#[derive(Clone)]
pub struct EnvironmentIlluminance(Arc<dyn Fn(Vec3) -> f32 + Send + Sync>);

impl EnvironmentIlluminance {
    /// An environment whose illuminance on a surface of unit normal `n` is `lux(n)`.
    pub fn new(lux: impl Fn(Vec3) -> f32 + Send + Sync + 'static) -> Self {
        Self(Arc::new(lux))
    }

    /// An environment of `radiance` (cd/m²) from every direction: π · `radiance` lux on
    /// any surface.
    pub fn uniform(radiance: f32) -> Self {
        Self::new(move |_| std::f32::consts::PI * radiance)
    }

    /// The illuminance on a surface facing `normal` (unit length), lux.
    pub fn illuminance(&self, normal: Vec3) -> f32 {
        (self.0)(normal)
    }
}

impl fmt::Debug for EnvironmentIlluminance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvironmentIlluminance(..)")
    }
}

/// A punctual light where the scene puts it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLight {
    /// Its index in the scene's lights.
    pub index: usize,
    /// The light as the scene holds it: kind, cone, range, colour, intensity.
    pub light: Light,
    /// The node that places it.
    pub node: NodeId,
    /// The light's name, else its node's, else `light N` (N its index).
    pub name: String,
    /// World position (point and spot lights).
    pub position: Vec3,
    /// The unit direction it shines in (spot and directional lights): its node's -Z.
    pub direction: Vec3,
    /// Its intensity (candela, or lux for a directional light) times the luminance of
    /// its linear colour (Rec. 709: 0.2126 R + 0.7152 G + 0.0722 B), so that a white
    /// light counts its intensity and a tinted one the share of it the eye sees.
    pub luminous_intensity: f32,
}

/// The light arriving at one point.
#[derive(Clone, Debug, PartialEq)]
pub struct PointLux {
    /// Lux from each light, in the order of [`LuxProbe::lights`]; 0 where a light is
    /// shadowed, behind the surface, outside its cone or past its range.
    pub lights: Vec<f32>,
    /// Lux from the environment (0 without one, and where baked probes stand in for it).
    pub environment: f32,
    /// Lux of the baked indirect light (0 without probes, and where none reach): light
    /// bounced off the venue's surfaces, and the environment's through its openings.
    pub indirect: f32,
}

impl PointLux {
    /// All of it, lux.
    pub fn total(&self) -> f32 {
        self.lights.iter().sum::<f32>() + self.environment + self.indirect
    }
}

/// Measures illuminance anywhere in a scene.
///
/// Each point or spot light gives `I · cos θ / d²` (`I` its luminous intensity, θ the
/// angle of incidence, `d` the distance), times `KHR_lights_punctual`'s range falloff
/// ([`Light::range_attenuation`](museion_scene::Light::range_attenuation)) and, for a
/// spot, its cone falloff ([`Light::cone_attenuation`](museion_scene::Light::cone_attenuation)),
/// as the renderer's shading does; a directional light gives its lux times `cos θ`. A
/// light counts only where nothing of the scene lies between it and the point — whether
/// or not the renderer draws its shadows, which are a budget: a wall stops light. Glass
/// (transmissive or alpha-blended materials) lets it through, its small reflection
/// loss ignored; the subtrees left out at [`LuxProbe::new`] (a walking figure) stop
/// nothing. The environment, when given, adds its illuminance unshadowed, as the
/// renderer lights with it.
#[derive(Clone, Debug)]
pub struct LuxProbe<'a> {
    scene: &'a Scene,
    lights: Vec<PlacedLight>,
    see_through: HashSet<NodeId>,
    environment: Option<EnvironmentIlluminance>,
    indirect: Option<IrradianceProbes>,
}

impl<'a> LuxProbe<'a> {
    /// A probe of `scene` as it is posed now, in which the subtrees of `leave_out` stop
    /// no light.
    pub fn new(scene: &'a Scene, leave_out: &[NodeId], environment: Option<EnvironmentIlluminance>) -> Self {
        let see_through = leave_out
            .iter()
            .flat_map(|node| scene.descendants(*node))
            .collect();
        Self {
            scene,
            lights: placed_lights(scene),
            see_through,
            environment,
            indirect: None,
        }
    }

    /// The same probe, with the venue's baked indirect light: where `probes` cover a
    /// point, they give its [`PointLux::indirect`] and stand in for the environment (as
    /// the renderer lights with them; the environment's light reaches a room through
    /// its openings, baked in), elsewhere the environment counts as before.
    pub fn with_indirect(mut self, probes: IrradianceProbes) -> Self {
        self.indirect = Some(probes);
        self
    }

    /// Every light of the scene, where it is.
    pub fn lights(&self) -> &[PlacedLight] {
        &self.lights
    }

    /// The light arriving at `point` on a surface facing `normal` (unit length).
    pub fn illuminance(&self, point: Vec3, normal: Vec3) -> PointLux {
        let lights = self
            .lights
            .iter()
            .map(|light| self.from_light(light, point, normal))
            .collect();
        let baked = self
            .indirect
            .as_ref()
            .and_then(|probes| probes.irradiance(point, normal, normal));
        match baked {
            Some(irradiance) => PointLux {
                lights,
                environment: 0.0,
                indirect: irradiance.dot(Vec3::new(0.2126, 0.7152, 0.0722)),
            },
            None => PointLux {
                lights,
                environment: self
                    .environment
                    .as_ref()
                    .map_or(0.0, |environment| environment.illuminance(normal)),
                indirect: 0.0,
            },
        }
    }

    /// Lux from one light at `point` on a surface facing `normal`, shadows included.
    pub fn from_light(&self, light: &PlacedLight, point: Vec3, normal: Vec3) -> f32 {
        let (toward, reach, lux) = unshadowed(light, point, normal);
        if lux <= 0.0 {
            return 0.0;
        }
        let origin = point + normal * RAY_OFFSET;
        let reach = match light.light.kind {
            LightKind::Directional => reach,
            _ => (light.position - origin).length(),
        };
        if self.reaches(origin, toward, reach) {
            lux
        } else {
            0.0
        }
    }

    /// Whether a ray from `origin` along `direction` (unit) travels `reach` metres
    /// without meeting anything that stops light.
    fn reaches(&self, mut origin: Vec3, direction: Vec3, mut reach: f32) -> bool {
        for _ in 0..MAX_PASSES {
            let Some(hit) = self.nearest(origin, direction, reach) else {
                return true;
            };
            if self.stops_light(&hit) {
                return false;
            }
            let step = hit.distance + RAY_OFFSET;
            origin += direction * step;
            reach -= step;
            if reach <= 0.0 {
                return true;
            }
        }
        true
    }

    fn nearest(&self, origin: Vec3, direction: Vec3, reach: f32) -> Option<TriangleHit> {
        self.scene
            .roots()
            .iter()
            .filter_map(|root| self.scene.cast_ray_posed(*root, origin, direction, reach))
            .min_by(|a, b| a.distance.total_cmp(&b.distance))
    }

    /// Whether the surface hit is opaque: not glass, not left out.
    fn stops_light(&self, hit: &TriangleHit) -> bool {
        if self.see_through.contains(&hit.node) {
            return false;
        }
        let material = self
            .scene
            .node(hit.node)
            .and_then(|n| n.mesh)
            .and_then(|m| self.scene.meshes.get(m.index()))
            .and_then(|mesh| mesh.primitives.get(hit.primitive))
            .and_then(|p| p.material)
            .and_then(|m| self.scene.materials.get(m.index()));
        match material {
            Some(m) => {
                let transmissive = m.transmission.is_some_and(|t| t.factor > 0.0);
                !(transmissive || m.alpha_mode == AlphaMode::Blend)
            }
            None => true,
        }
    }
}

/// The direction toward the light (unit), how far to look for shadows, and the lux it
/// gives at `point` facing `normal` if nothing is in the way.
fn unshadowed(light: &PlacedLight, point: Vec3, normal: Vec3) -> (Vec3, f32, f32) {
    if let LightKind::Directional = light.light.kind {
        let toward = -light.direction;
        let cos = normal.dot(toward).clamp(0.0, 1.0);
        return (toward, DIRECTIONAL_REACH, light.luminous_intensity * cos);
    }
    let to_light = light.position - point;
    let distance_sq = to_light.length_squared().max(1e-8);
    let distance = distance_sq.sqrt();
    let toward = to_light / distance;
    let cos = normal.dot(toward).clamp(0.0, 1.0);
    let falloff = light.light.range_attenuation(distance) / distance_sq
        * light.light.cone_attenuation(light.direction.dot(-toward));
    (toward, distance, light.luminous_intensity * falloff * cos)
}

/// Every light node of `scene`, placed by its world matrix (as the scene is posed now).
pub fn placed_lights(scene: &Scene) -> Vec<PlacedLight> {
    scene
        .nodes()
        .filter_map(|(node, n)| {
            let index = n.light?.index();
            let light = scene.lights.get(index)?;
            let world = scene.world_matrix(node)?;
            let color = light.color;
            let luminance = 0.2126 * color.x + 0.7152 * color.y + 0.0722 * color.z;
            Some(PlacedLight {
                index,
                light: light.clone(),
                node,
                name: light
                    .name
                    .clone()
                    .or_else(|| n.name.clone())
                    .unwrap_or_else(|| format!("light {index}")),
                position: world.transform_point3(Vec3::ZERO),
                direction: world.transform_vector3(Vec3::NEG_Z).normalize_or(Vec3::NEG_Z),
                luminous_intensity: light.intensity * luminance.max(0.0),
            })
        })
        .collect()
}
