//! Lights: spots aimed at exhibits, ceiling grids, and lights placed by hand.

use super::Compiler;
use crate::document::{CeilingLightKind, CeilingLightsSpec, LightKindSpec, SpotSpec, defaults};
use crate::error::VenueError;
use crate::geometry::polygon::{contains, distance_to_edges, interior_point};
use glam::{Quat, Vec2, Vec3};
use museion_scene::{Light, LightKind, Node, NodeId, Transform};

/// Most lights one room's ceiling grid may make (each costs shading time every frame).
const MAX_CEILING_LIGHTS: f64 = 256.0;

/// A spot light's place, aim, cone and intensity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Aim {
    pub position: Vec3,
    pub direction: Vec3,
    pub inner: f32,
    pub outer: f32,
    pub candela: f32,
}

/// Aims a spot from `position` at `target` so every point of `cover` is inside the full
/// cone (the falloff lies beyond it), with `lux` arriving at `target` on a surface facing
/// `surface_normal` (or facing the light, when `None`).
pub(crate) fn aim_spot(
    position: Vec3,
    target: Vec3,
    cover: &[Vec3],
    lux: f32,
    surface_normal: Option<Vec3>,
) -> Aim {
    let to_target = target - position;
    let distance = to_target.length().max(0.1);
    let direction = to_target / distance;
    let inner = cover
        .iter()
        .map(|p| direction.angle_between((*p - position).normalize_or(direction)))
        .fold(0.0f32, f32::max)
        .clamp(1f32.to_radians(), 75f32.to_radians());
    let outer = (inner * 1.2 + 2f32.to_radians()).min(85f32.to_radians());
    // E = I cos(incidence) / d²  →  I = E d² / cos(incidence).
    let cos_incidence = surface_normal.map_or(1.0, |n| (-direction).dot(n).max(0.1));
    Aim {
        position,
        direction,
        inner,
        outer,
        candela: lux * distance * distance / cos_incidence,
    }
}

/// The rotation that turns a light's -Z toward `direction`.
fn facing(direction: Vec3) -> Quat {
    Quat::from_rotation_arc(Vec3::NEG_Z, direction.normalize_or(Vec3::NEG_Y))
}

impl Compiler<'_> {
    /// Adds a light node under `parent`.
    pub fn add_light(
        &mut self,
        parent: Option<NodeId>,
        light: Light,
        position: Vec3,
        direction: Vec3,
    ) -> Result<NodeId, VenueError> {
        let name = light.name.clone().unwrap_or_else(|| "light".into());
        let id = self.ctx.scene.add_light(light);
        let mut node = Node::new().with_name(name).with_transform(Transform {
            translation: position,
            rotation: facing(direction),
            scale: Vec3::ONE,
        });
        node.light = Some(id);
        Ok(self.ctx.scene.add_node(node, parent)?)
    }

    /// Adds an exhibit's spot light from `aim`.
    pub fn add_spot(
        &mut self,
        parent: NodeId,
        name: String,
        aim: Aim,
        spec: &SpotSpec,
    ) -> Result<NodeId, VenueError> {
        let light = Light {
            name: Some(name),
            kind: LightKind::Spot {
                inner_cone_angle: aim.inner,
                outer_cone_angle: aim.outer,
            },
            color: Vec3::from(spec.color.unwrap_or([1.0, 1.0, 1.0])),
            intensity: aim.candela,
            range: None,
            cast_shadows: spec.shadows.unwrap_or(false),
        };
        self.add_light(Some(parent), light, aim.position, aim.direction)
    }

    /// The illuminance a spot spec asks for.
    pub fn spot_lux(&self, spec: &SpotSpec, default: f32) -> Result<f32, VenueError> {
        match &spec.lux {
            Some(lux) => self.positive(
                lux,
                "lux",
                "illuminance in lux: 50 for works on paper, 150–300 for paintings",
            ),
            None => Ok(default),
        }
    }

    /// A grid of ceiling lights over room `index`.
    pub fn ceiling_lights(&mut self, index: usize, spec: &CeilingLightsSpec) -> Result<(), VenueError> {
        let spacing = match &spec.spacing {
            Some(s) => self.number(
                s,
                |v| v >= 0.5,
                "spacing must be at least 0.5 m",
                "metres between lights, e.g. 3",
            )?,
            None => defaults::CEILING_LIGHT_SPACING,
        };
        let candela = match (&spec.intensity, spec.kind) {
            (Some(i), _) => self.number(
                i,
                |v| v >= 0.0,
                "intensity must be 0 or more",
                "candela per light, e.g. 300",
            )?,
            (None, CeilingLightKind::Point) => defaults::CEILING_POINT_CANDELA,
            (None, CeilingLightKind::Spot) => defaults::CEILING_SPOT_CANDELA,
        };
        let room = &self.rooms[index];
        let points = &room.outline.points;
        let (min, max) = points
            .iter()
            .fold((Vec2::INFINITY, Vec2::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(*p), hi.max(*p))
            });
        let (nx, nz) = (
            ((max.x - min.x) / spacing).floor().max(1.0),
            ((max.y - min.y) / spacing).floor().max(1.0),
        );
        let count = f64::from(nx) * f64::from(nz);
        if count > MAX_CEILING_LIGHTS {
            let span = spec
                .spacing
                .as_ref()
                .map_or(self.ctx.doc.rooms[index].id.span(), |s| s.span());
            return Err(self.ctx.source().value(
                span,
                format!("ceiling lights {spacing} m apart would make {count:.0} lights, more than {MAX_CEILING_LIGHTS}"),
                "space them further apart, or place the lights by hand with [[lights]]",
            ));
        }
        // At most MAX_CEILING_LIGHTS along each axis now, so the casts are exact.
        let (nx, nz) = (nx as i32, nz as i32);
        let centre = (min + max) * 0.5;
        let mut spots: Vec<Vec2> = Vec::new();
        for i in 0..nx {
            for k in 0..nz {
                let p = centre
                    + Vec2::new(i as f32 - (nx - 1) as f32 * 0.5, k as f32 - (nz - 1) as f32 * 0.5) * spacing;
                if contains(points, p) && distance_to_edges(points, p) >= 0.3 {
                    spots.push(p);
                }
            }
        }
        if spots.is_empty() {
            spots.push(interior_point(points));
        }
        let (y, parent, id) = (
            room.outline.top - 0.05,
            room.node,
            self.ctx.doc.rooms[index].id.get_ref(),
        );
        let kind = match spec.kind {
            CeilingLightKind::Point => LightKind::Point,
            CeilingLightKind::Spot => LightKind::Spot {
                inner_cone_angle: 40f32.to_radians(),
                outer_cone_angle: 60f32.to_radians(),
            },
        };
        for (n, p) in spots.into_iter().enumerate() {
            let light = Light {
                name: Some(format!("ceiling light {n} of {id}")),
                kind,
                color: Vec3::from(spec.color.unwrap_or([1.0, 1.0, 1.0])),
                intensity: candela,
                range: None,
                cast_shadows: spec.shadows.unwrap_or(false),
            };
            self.add_light(Some(parent), light, Vec3::new(p.x, y, p.y), Vec3::NEG_Y)?;
        }
        Ok(())
    }

    /// The `[[lights]]` of the file.
    pub fn build_lights(&mut self) -> Result<(), VenueError> {
        let source = self.ctx.source();
        for (n, spec) in self.ctx.doc.lights.iter().enumerate() {
            let kind = *spec.kind.get_ref();
            let (parent, floor) = match &spec.room {
                Some(room) => {
                    let r = self.room(room)?;
                    (Some(self.rooms[r].node), self.rooms[r].outline.elevation)
                }
                None => (None, 0.0),
            };
            let lift = |p: [f32; 3]| Vec3::new(p[0], p[1] + floor, p[2]);
            let position = match (spec.position, kind) {
                (Some(p), _) => lift(p),
                (None, LightKindSpec::Directional) => Vec3::ZERO,
                (None, _) => {
                    return Err(source.value(
                        spec.kind.span(),
                        "a point or spot light needs a position",
                        "add `position = [x, y, z]`",
                    ));
                }
            };
            let direction = match spec.target {
                Some(t) => lift(t) - position,
                None => Vec3::NEG_Y,
            };
            if direction.length() < 1e-4 {
                return Err(source.value(
                    spec.kind.span(),
                    "the light's target is where the light is",
                    "aim it at another point",
                ));
            }
            let intensity = self.number(
                &spec.intensity,
                |v| v >= 0.0,
                "intensity must be 0 or more",
                "candela for point and spot lights, lux for directional ones",
            )?;
            let range = match &spec.range {
                Some(r) => Some(self.positive(r, "range", "metres where the light ends")?),
                None => None,
            };
            let light_kind = match kind {
                LightKindSpec::Point => LightKind::Point,
                LightKindSpec::Directional => LightKind::Directional,
                LightKindSpec::Spot => {
                    let angle = |a: &Option<crate::document::Spanned<f32>>, default: f32| match a {
                        Some(a) => self.number(
                            a,
                            |v| v > 0.0 && v <= 90.0,
                            "a cone angle must be more than 0 and at most 90 degrees",
                            "degrees from the axis",
                        ),
                        None => Ok(default),
                    };
                    let outer = angle(&spec.outer_angle, 30.0)?;
                    let inner = angle(&spec.inner_angle, outer * 0.75)?;
                    if inner > outer {
                        let span = spec.inner_angle.as_ref().map_or(spec.kind.span(), |a| a.span());
                        return Err(source.value(
                            span,
                            "inner_angle is wider than outer_angle",
                            "the falloff starts at inner_angle and ends at outer_angle",
                        ));
                    }
                    LightKind::Spot {
                        inner_cone_angle: inner.to_radians(),
                        outer_cone_angle: outer.to_radians(),
                    }
                }
            };
            let light = Light {
                name: Some(format!("light {n}")),
                kind: light_kind,
                color: Vec3::from(spec.color.unwrap_or([1.0, 1.0, 1.0])),
                intensity,
                range,
                cast_shadows: spec.shadows.unwrap_or(true),
            };
            self.add_light(parent, light, position, direction)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spot_covers_its_points_and_delivers_the_asked_illuminance() {
        let target = Vec3::new(0.0, 1.5, 0.0);
        let position = Vec3::new(0.0, 3.9, 1.4);
        let normal = Vec3::Z;
        let cover = [Vec3::new(-0.6, 1.0, 0.0), Vec3::new(0.6, 2.0, 0.0)];
        let aim = aim_spot(position, target, &cover, 200.0, Some(normal));
        for p in cover {
            assert!(aim.direction.angle_between(p - position) <= aim.inner + 1e-5);
        }
        assert!(aim.outer > aim.inner);
        let d = (target - position).length();
        let lux = aim.candela * (-aim.direction).dot(normal) / (d * d);
        assert!((lux - 200.0).abs() < 1e-2, "{lux}");
        // The light's -Z ends up along the aim.
        let turned = facing(aim.direction) * Vec3::NEG_Z;
        assert!(turned.abs_diff_eq(aim.direction, 1e-5));
    }
}
