//! Ramps between levels, and dynamic props.

use super::Compiler;
use crate::document::{PropShape, RampSpec, defaults};
use crate::error::VenueError;
use crate::geometry::builder::{MeshBuilder, planar_uv};
use glam::{Vec2, Vec3};
use museion_scene::shapes::uv_sphere;
use museion_scene::{BodyKind, Bounds, ColliderShape, ColliderSpec, Mesh, Node, Transform};
use std::f32::consts::{PI, TAU};

impl Compiler<'_> {
    /// Builds every ramp as a solid wedge with a mesh collider.
    pub fn build_ramps(&mut self) -> Result<(), VenueError> {
        for (n, spec) in self.ctx.doc.ramps.iter().enumerate() {
            self.ramp(n, spec)?;
        }
        Ok(())
    }

    fn ramp(&mut self, n: usize, spec: &RampSpec) -> Result<(), VenueError> {
        let source = self.ctx.source();
        let (from, to) = (Vec3::from(*spec.from.get_ref()), Vec3::from(*spec.to.get_ref()));
        let width = self.positive(&spec.width, "width", "the ramp's width in metres, e.g. 1.5")?;
        let run = Vec2::new(to.x - from.x, to.z - from.z);
        if !from.is_finite() || !to.is_finite() || run.length() < 0.1 {
            return Err(source.geometry(
                spec.to.span(),
                "the ramp's ends are less than 0.1 m apart across the floor",
                "from and to are the centres of its two ends, [x, y, z] in metres",
            ));
        }
        let slope = (to.y - from.y).abs().atan2(run.length()).to_degrees();
        let max = self.visitor.max_slope_degrees;
        if slope > max {
            let needed = (to.y - from.y).abs() / max.to_radians().tan();
            return Err(source.geometry(
                spec.to.span(),
                format!("the ramp rises at {slope:.1}° but visitors climb at most {max}°"),
                format!("make it at least {needed:.2} m long across the floor, or raise [visitor] max_slope"),
            ));
        }
        let floor = spec
            .material
            .as_ref()
            .or(self.ctx.doc.venue.floor_material.as_ref());
        let material = self
            .materials
            .get_or(&mut self.ctx, floor, defaults::FLOOR_MATERIAL)?;
        let along = run.normalize();
        let side = Vec3::new(-along.y, 0.0, along.x) * (width * 0.5);
        let low = from.y.min(to.y);
        let (fl, fr, tl, tr) = (from + side, from - side, to + side, to - side);
        let down = |p: Vec3| Vec3::new(p.x, low, p.z);
        let mut b = MeshBuilder::new();
        let slope_dir = to - from;
        let mut up = side.cross(slope_dir).normalize();
        if up.y < 0.0 {
            up = -up;
        }
        b.face(&[fl, tl, tr, fr], up, planar_uv(Vec3::Y));
        let outward = side.normalize();
        b.face(&[down(fl), down(tl), tl, fl], outward, planar_uv(outward));
        b.face(&[down(fr), down(tr), tr, fr], -outward, planar_uv(outward));
        let ahead = Vec3::new(along.x, 0.0, along.y);
        b.face(&[down(tl), down(tr), tr, tl], ahead, planar_uv(ahead));
        b.face(&[down(fl), down(fr), fr, fl], -ahead, planar_uv(ahead));
        let name = spec.id.clone().unwrap_or_else(|| format!("ramp {n}"));
        let mesh = self
            .ctx
            .scene
            .add_mesh(Mesh::new(Some(name.clone()), vec![b.primitive(material)]));
        let node = self.ctx.scene.add_node(
            Node::new().with_name(format!("ramp:{name}")).with_mesh(mesh),
            None,
        )?;
        self.static_collider(node, ColliderShape::Mesh);
        Ok(())
    }

    /// Builds every prop as a root node with a dynamic collider.
    pub fn build_props(&mut self) -> Result<(), VenueError> {
        for spec in &self.ctx.doc.props {
            let r = self.room(&spec.room)?;
            let position = Vec3::from(*spec.position.get_ref());
            let what = format!("prop \"{}\"", spec.id.get_ref());
            self.inside_room(r, Vec2::new(position.x, position.z), spec.position.span(), &what)?;
            let mass = match &spec.mass {
                Some(m) => self.positive(m, "mass", "kilograms, e.g. 0.45")?,
                None => defaults::PROP_MASS,
            };
            let material = self
                .materials
                .get_or(&mut self.ctx, spec.material.as_ref(), "fabric")?;
            let (primitive, half_height, shape) = match spec.shape {
                PropShape::Ball => {
                    let radius = match &spec.radius {
                        Some(r) => self.positive(r, "radius", "metres, e.g. 0.11")?,
                        None => defaults::BALL_RADIUS,
                    };
                    let mut ball = uv_sphere(24, 16);
                    for p in &mut ball.positions {
                        *p *= radius;
                    }
                    ball.bounds = Bounds::from_points(&ball.positions);
                    // UVs in metres: around the equator and from pole to pole.
                    if let Some(uvs) = ball.uv0.as_mut() {
                        for uv in uvs {
                            *uv *= Vec2::new(TAU * radius, PI * radius);
                        }
                    }
                    ball.material = Some(material);
                    ball.generate_tangents(0);
                    (ball, radius, ColliderShape::ConvexHull)
                }
                PropShape::Box => {
                    let size = match &spec.size {
                        Some(s) if s.get_ref().iter().all(|v| v.is_finite() && *v > 0.0) => {
                            Vec3::from(*s.get_ref())
                        }
                        Some(s) => {
                            return Err(self.ctx.source().value(
                                s.span(),
                                "every side of a box prop must be more than 0",
                                "size is [x, y, z] in metres",
                            ));
                        }
                        None => Vec3::splat(0.4),
                    };
                    let mut b = MeshBuilder::new();
                    b.cuboid(-size * 0.5, size * 0.5, true);
                    (b.primitive(material), size.y * 0.5, ColliderShape::Box)
                }
            };
            let mesh = self
                .ctx
                .scene
                .add_mesh(Mesh::new(Some(spec.id.get_ref().clone()), vec![primitive]));
            let floor = self.rooms[r].outline.elevation;
            let at = Vec3::new(position.x, floor + position.y + half_height, position.z);
            let node = Node::new()
                .with_name(format!("prop:{}", spec.id.get_ref()))
                .with_mesh(mesh)
                .with_transform(Transform::from_translation(at));
            let node = self.ctx.scene.add_node(node, None)?;
            self.colliders.push(ColliderSpec {
                node,
                shape,
                body: BodyKind::Dynamic { mass },
                exhibit: None,
            });
        }
        Ok(())
    }
}
