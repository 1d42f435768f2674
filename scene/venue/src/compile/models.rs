//! Models: a glTF file placed in a room, resting on the floor or a pedestal, optionally
//! in a glass case and under a spot light.

use super::artworks::exhibit_extras;
use super::lights::aim_spot;
use super::{Compiler, ExhibitView};
use crate::compiled::{Exhibit, ExhibitKind, ExhibitSurface, VenueAnimation};
use crate::document::{CaseSpec, ColliderChoice, ModelSpec, PedestalSpec, SpotSpec, defaults};
use crate::error::VenueError;
use crate::geometry::builder::MeshBuilder;
use crate::geometry::polygon::interior_point;
use crate::toggle::Toggle;
use glam::{EulerRot, Mat4, Quat, Vec2, Vec3};
use museion_scene::{Aabb, BodyKind, ColliderShape, ColliderSpec, Mesh, Node, NodeId, Transform};

/// Space around a model's footprint on a pedestal of default width, metres a side.
const PEDESTAL_MARGIN: f32 = 0.1;

impl Compiler<'_> {
    /// Places every model.
    pub fn build_models(&mut self) -> Result<(), VenueError> {
        for spec in &self.ctx.doc.models {
            self.model(spec)?;
        }
        Ok(())
    }

    fn model(&mut self, spec: &ModelSpec) -> Result<(), VenueError> {
        let source = self.ctx.source();
        let r = self.room(&spec.room)?;
        let position = Vec3::from(*spec.position.get_ref());
        if !position.is_finite() {
            return Err(source.value(
                spec.position.span(),
                "position is not finite",
                "write [x, y, z] in metres",
            ));
        }
        self.inside_room(
            r,
            Vec2::new(position.x, position.z),
            spec.position.span(),
            &format!("model \"{}\"", spec.id.get_ref()),
        )?;
        let model = self.ctx.model(&spec.model)?;
        let scale = match (&spec.scale, &spec.height) {
            (Some(_), Some(height)) => {
                return Err(source.value(
                    height.span(),
                    "give `scale` or `height`, not both",
                    "height scales the model to that many metres tall",
                ));
            }
            (Some(scale), None) => {
                self.positive(scale, "scale", "a uniform factor, 1 for the file's size")?
            }
            (None, Some(height)) => {
                let metres = self.positive(height, "height", "the model's height in metres")?;
                metres / model.bounds.size().y.max(1e-6)
            }
            (None, None) => 1.0,
        };
        let [rx, ry, rz] = spec.rotation.unwrap_or([0.0; 3]).map(f32::to_radians);
        let rotation = Quat::from_euler(EulerRot::YXZ, ry, rx, rz);
        // The model's box once scaled and turned (about its own origin).
        let turned = model.bounds.transformed(&Mat4::from_scale_rotation_translation(
            Vec3::splat(scale),
            rotation,
            Vec3::ZERO,
        ));
        let floor = self.rooms[r].outline.elevation;
        let pedestal = Toggle::<PedestalSpec>::settings(spec.pedestal.as_ref(), false);
        let pedestal_height = match pedestal.as_ref().and_then(|p| p.height.as_ref()) {
            Some(h) => self.positive(h, "pedestal height", "metres, e.g. 1.0")?,
            None if pedestal.is_some() => defaults::PEDESTAL_HEIGHT,
            None => 0.0,
        };
        // The exhibit node stands on the floor at (x, z); the model's lowest point rests
        // `position.y` above the floor or pedestal top.
        let rest = pedestal_height + position.y;
        let room_node = self.rooms[r].node;
        let index = self.exhibits.len();
        let metadata = spec.metadata.clone().unwrap_or_default();
        let mut exhibit = Node::new()
            .with_name(format!("model:{}", spec.id.get_ref()))
            .with_transform(Transform::from_translation(Vec3::new(
                position.x, floor, position.z,
            )));
        exhibit.extras = Some(exhibit_extras(
            spec.id.get_ref(),
            "model",
            spec.room.get_ref(),
            &metadata,
            spec.light_sensitivity,
        ));
        let exhibit = self.ctx.scene.add_node(exhibit, Some(room_node))?;
        let wrapper = Node::new().with_name("model").with_transform(Transform {
            translation: Vec3::new(0.0, rest - turned.min.y, 0.0),
            rotation,
            scale: Vec3::splat(scale),
        });
        let wrapper = self.ctx.scene.add_node(wrapper, Some(exhibit))?;
        let first_clip = self.ctx.scene.animations.len();
        self.ctx.place_model(&model, wrapper)?;
        if let Some(name) = &spec.animation {
            let placed = first_clip..self.ctx.scene.animations.len();
            let owner = format!("model \"{}\"", spec.id.get_ref());
            let animation = self.clip(placed, name, &spec.model, &owner)?;
            self.animations.push(VenueAnimation {
                animation,
                exhibit: index,
            });
        }
        self.colliders.push(ColliderSpec {
            node: wrapper,
            shape: match spec.collider.unwrap_or_default() {
                ColliderChoice::Box => ColliderShape::Box,
                ColliderChoice::Convex => ColliderShape::ConvexHull,
                ColliderChoice::Mesh => ColliderShape::Mesh,
            },
            body: BodyKind::Static,
            exhibit: Some(index),
        });

        // The model's box in exhibit space, where the pedestal and case are built.
        let lift = rest - turned.min.y;
        let (low, high) = (turned.min + Vec3::Y * lift, turned.max + Vec3::Y * lift);
        if let Some(p) = &pedestal {
            self.pedestal(p, exhibit, index, low, high, pedestal_height)?;
        }
        if let Some(case) = Toggle::<CaseSpec>::settings(spec.case.as_ref(), false) {
            self.case(&case, exhibit, index, low, high, pedestal_height)?;
        }
        self.ctx.scene.update_transforms();
        let bounds = self.ctx.scene.subtree_bounds(exhibit);
        if bounds.max.y > self.rooms[r].outline.top + 1e-3 {
            self.ctx.report.warnings.push(format!(
                "model \"{}\" reaches {:.2} m above the ceiling of room \"{}\"",
                spec.id.get_ref(),
                bounds.max.y - self.rooms[r].outline.top,
                spec.room.get_ref()
            ));
        }
        let placed = Vec3::new(position.x, floor, position.z);
        let focus = (low + high) * 0.5 + placed;
        let front = self.model_front(r, rotation, focus);
        if let Some(spot) = Toggle::<SpotSpec>::settings(spec.light.as_ref(), false) {
            let lux = self.spot_lux(&spot, defaults::MODEL_LUX)?;
            let vertical = (self.rooms[r].outline.top - 0.1 - focus.y).max(0.3);
            let light_at = focus + front * (vertical * 35f32.to_radians().tan()) + Vec3::Y * vertical;
            let aim = aim_spot(light_at, focus, &bounds.corners(), lux, None);
            self.add_spot(room_node, format!("spot:{}", spec.id.get_ref()), aim, &spot)?;
        }
        self.exhibit_ids.insert(spec.id.get_ref().clone(), index);
        self.exhibits.push(Exhibit {
            id: spec.id.get_ref().clone(),
            kind: ExhibitKind::Model,
            node: exhibit,
            room: Some(spec.room.get_ref().clone()),
            metadata,
            bounds,
            surface: ExhibitSurface::Object {
                bounds: Aabb::from_corners(low + placed, high + placed),
                front,
            },
            light_sensitivity: spec.light_sensitivity,
            assets: model.files.clone(),
        });
        self.views.push(ExhibitView {
            focus,
            front,
            half_size: (high - low).length() * 0.5,
            room: r,
        });
        log::debug!(
            "venue: model \"{}\" placed in room \"{}\"",
            spec.id.get_ref(),
            spec.room.get_ref()
        );
        Ok(())
    }

    /// The horizontal direction the model faces (its +Z turned by its rotation; glTF
    /// models face +Z), or toward the room's middle when it points straight up or down.
    fn model_front(&self, r: usize, rotation: Quat, focus: Vec3) -> Vec3 {
        let turned = rotation * Vec3::Z;
        let flat = Vec3::new(turned.x, 0.0, turned.z);
        if flat.length() > 1e-3 {
            return flat.normalize();
        }
        let middle = interior_point(&self.rooms[r].outline.points);
        Vec3::new(middle.x - focus.x, 0.0, middle.y - focus.z).normalize_or(Vec3::Z)
    }

    /// A box from the floor to `height` under the model's footprint `low`–`high`.
    fn pedestal(
        &mut self,
        spec: &PedestalSpec,
        exhibit: NodeId,
        index: usize,
        low: Vec3,
        high: Vec3,
        height: f32,
    ) -> Result<(), VenueError> {
        let side = match &spec.width {
            Some(w) => self.positive(w, "pedestal width", "metres, the side of its square top")?,
            None => (high.x - low.x).max(high.z - low.z) + 2.0 * PEDESTAL_MARGIN,
        };
        let material =
            self.materials
                .get_or(&mut self.ctx, spec.material.as_ref(), defaults::PEDESTAL_MATERIAL)?;
        let centre = (low + high) * 0.5;
        let mut builder = MeshBuilder::new();
        builder.cuboid(
            Vec3::new(centre.x - side * 0.5, 0.0, centre.z - side * 0.5),
            Vec3::new(centre.x + side * 0.5, height, centre.z + side * 0.5),
            false,
        );
        let mesh = self.ctx.scene.add_mesh(Mesh::new(
            Some("pedestal".into()),
            vec![builder.primitive(material)],
        ));
        let node = self
            .ctx
            .scene
            .add_node(Node::new().with_name("pedestal").with_mesh(mesh), Some(exhibit))?;
        self.colliders.push(ColliderSpec {
            node,
            shape: ColliderShape::Box,
            body: BodyKind::Static,
            exhibit: Some(index),
        });
        Ok(())
    }

    /// Glass panes around the model, from the pedestal top (or floor) to above it.
    fn case(
        &mut self,
        spec: &CaseSpec,
        exhibit: NodeId,
        index: usize,
        low: Vec3,
        high: Vec3,
        base: f32,
    ) -> Result<(), VenueError> {
        let margin = match &spec.margin {
            Some(m) => self.positive(
                m,
                "case margin",
                "metres between the model and the glass, e.g. 0.08",
            )?,
            None => defaults::CASE_MARGIN,
        };
        let material =
            self.materials
                .get_or(&mut self.ctx, spec.material.as_ref(), defaults::CASE_MATERIAL)?;
        let mut builder = MeshBuilder::new();
        builder.cuboid(
            Vec3::new(low.x - margin, base, low.z - margin),
            Vec3::new(high.x + margin, high.y + margin, high.z + margin),
            false,
        );
        let mesh = self
            .ctx
            .scene
            .add_mesh(Mesh::new(Some("case".into()), vec![builder.primitive(material)]));
        let node = self
            .ctx
            .scene
            .add_node(Node::new().with_name("case").with_mesh(mesh), Some(exhibit))?;
        self.colliders.push(ColliderSpec {
            node,
            shape: ColliderShape::Box,
            body: BodyKind::Static,
            exhibit: Some(index),
        });
        Ok(())
    }
}
