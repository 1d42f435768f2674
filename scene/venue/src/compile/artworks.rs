//! Artworks: an image on a quad of the image's aspect ratio (varnished if asked), in a
//! frame, hung on a room's wall, lit by a spot from the ceiling in front of it.

use super::lights::aim_spot;
use super::{Compiler, ExhibitView};
use crate::compiled::{Exhibit, ExhibitKind, ExhibitSurface};
use crate::document::{ArtworkSpec, FrameSpec, SpotSpec, VarnishSpec, defaults};
use crate::error::VenueError;
use crate::geometry::builder::MeshBuilder;
use crate::geometry::walls::{LINE_TOLERANCE, collinear_overlap};
use crate::sensitivity::LightSensitivity;
use crate::toggle::Toggle;
use glam::{Mat3, Quat, Vec2, Vec3};
use museion_scene::{
    BodyKind, ColliderShape, ColliderSpec, ColorSpace, Material, Mesh, Node, TextureRef, TextureTransform,
    Transform,
};

/// How far the canvas stands off the wall (inside the frame's depth), metres.
const CANVAS_OFFSET: f32 = 0.01;
/// Angle of an artwork's spot light from the vertical: the museum rule of thumb that
/// lights the whole canvas without glare toward the visitor.
const SPOT_ANGLE_DEGREES: f32 = 30.0;

impl Compiler<'_> {
    /// Hangs every artwork.
    pub fn build_artworks(&mut self) -> Result<(), VenueError> {
        for spec in &self.ctx.doc.artworks {
            self.artwork(spec)?;
        }
        Ok(())
    }

    fn artwork(&mut self, spec: &ArtworkSpec) -> Result<(), VenueError> {
        let source = self.ctx.source();
        let r = self.room(&spec.room)?;
        let wall = self.wall_index(r, &spec.wall)?;
        let width = self.positive(&spec.width, "width", "the image's width on the wall, in metres")?;
        let frame = Toggle::settings(spec.frame.as_ref(), true);
        let (frame_width, frame_depth) = match &frame {
            Some(f) => self.frame_size(f)?,
            None => (0.0, 0.0),
        };
        let image = self.ctx.image(&spec.image)?;
        let height = width * image.height as f32 / image.width.max(1) as f32;
        let (outer_w, outer_h) = (width + 2.0 * frame_width, height + 2.0 * frame_width);

        let outline = &self.rooms[r].outline;
        let (a, b) = outline.edge(wall);
        let length = a.distance(b);
        let room_id = spec.room.get_ref();
        if outer_w > length {
            return Err(source.geometry(
                spec.width.span(),
                format!(
                    "artwork \"{}\" is {outer_w:.2} m wide with its frame, wider than wall {wall} of room \"{room_id}\" ({length:.2} m)",
                    spec.id.get_ref()
                ),
                "make it narrower, or hang it on a longer wall",
            ));
        }
        let offset = *spec.offset.get_ref();
        if !offset.is_finite()
            || offset < outer_w * 0.5 - LINE_TOLERANCE
            || offset > length - outer_w * 0.5 + LINE_TOLERANCE
        {
            return Err(source.geometry(
                spec.offset.span(),
                format!("artwork \"{}\" reaches past the ends of wall {wall}", spec.id.get_ref()),
                format!(
                    "offset is to the artwork's centre: for this wall ({length:.2} m) and width it must be from {:.2} to {:.2}",
                    outer_w * 0.5,
                    length - outer_w * 0.5
                ),
            ));
        }
        let centre_height = match &spec.center_height {
            Some(h) => *h.get_ref(),
            None => defaults::ARTWORK_CENTER_HEIGHT,
        };
        let room_height = outline.top - outline.elevation;
        if outer_h > room_height {
            return Err(source.geometry(
                spec.width.span(),
                format!(
                    "artwork \"{}\" is {outer_h:.2} m high with its frame, taller than room \"{room_id}\" ({room_height:.2} m)",
                    spec.id.get_ref()
                ),
                "make it smaller, or hang it in a taller room",
            ));
        }
        if !centre_height.is_finite()
            || centre_height - outer_h * 0.5 < 0.0
            || centre_height + outer_h * 0.5 > room_height
        {
            let span = spec
                .center_height
                .as_ref()
                .map_or(spec.width.span(), |h| h.span());
            return Err(source.geometry(
                span,
                format!("artwork \"{}\" ({outer_h:.2} m high with its frame) does not fit between floor and ceiling", spec.id.get_ref()),
                format!("center_height is above the floor; here it must be from {:.2} to {:.2}", outer_h * 0.5, room_height - outer_h * 0.5),
            ));
        }
        let dir = (b - a) / length;
        let (left_end, right_end) = (
            a + dir * (offset - outer_w * 0.5),
            a + dir * (offset + outer_w * 0.5),
        );
        let (bottom, top) = (
            outline.elevation + centre_height - outer_h * 0.5,
            outline.elevation + centre_height + outer_h * 0.5,
        );
        let covers_opening = self.openings.iter().any(|o| {
            collinear_overlap(o.a, o.b, left_end, right_end).is_some_and(|(u0, u1)| u1 - u0 > LINE_TOLERANCE)
                && o.bottom < top
                && bottom < o.top
        });
        if covers_opening {
            return Err(source.geometry(
                spec.offset.span(),
                format!(
                    "artwork \"{}\" covers an opening in wall {wall}",
                    spec.id.get_ref()
                ),
                "move it along the wall, clear of doors and passages",
            ));
        }

        // The exhibit node: origin at the artwork's centre on the wall's face, +Z into
        // the room, +Y up, +X to the visitor's right.
        let inward = outline.inward_normal(wall);
        let normal = Vec3::new(inward.x, 0.0, inward.y);
        let on_wall: Vec2 = a + dir * offset + inward * (self.thickness * 0.5);
        let centre = Vec3::new(on_wall.x, outline.elevation + centre_height, on_wall.y);
        let right = Vec3::Y.cross(normal);
        let rotation = Quat::from_mat3(&Mat3::from_cols(right, Vec3::Y, normal));

        let varnish = match Toggle::<VarnishSpec>::settings(spec.varnish.as_ref(), false) {
            Some(settings) => Some(crate::materials::varnish(source, &settings)?),
            None => None,
        };
        let canvas_material = self.ctx.scene.add_material(Material {
            name: Some(format!("artwork:{}", spec.id.get_ref())),
            base_color_texture: Some(TextureRef {
                texture: image.texture,
                tex_coord: 0,
                transform: TextureTransform::IDENTITY,
                color_space: ColorSpace::Srgb,
            }),
            metallic_factor: 0.0,
            roughness_factor: 0.7,
            clearcoat: varnish,
            ..Material::default()
        });
        let (hw, hh) = (width * 0.5, height * 0.5);
        let z = if frame.is_some() { CANVAS_OFFSET } else { 0.005 };
        let mut canvas = MeshBuilder::new();
        let corners = [
            Vec3::new(-hw, -hh, z),
            Vec3::new(hw, -hh, z),
            Vec3::new(hw, hh, z),
            Vec3::new(-hw, hh, z),
        ];
        canvas.face(&corners, Vec3::Z, |p| {
            Vec2::new(p.x / width + 0.5, 0.5 - p.y / height)
        });
        let mut primitives = vec![canvas.primitive(canvas_material)];
        if let Some(frame) = &frame {
            let material =
                self.materials
                    .get_or(&mut self.ctx, frame.material.as_ref(), defaults::FRAME_MATERIAL)?;
            let (ow, oh, fw, d) = (outer_w * 0.5, outer_h * 0.5, frame_width, frame_depth);
            let mut bars = MeshBuilder::new();
            bars.cuboid(Vec3::new(-ow, hh, 0.0), Vec3::new(ow, oh, d), true);
            bars.cuboid(Vec3::new(-ow, -oh, 0.0), Vec3::new(ow, -hh, d), true);
            bars.cuboid(Vec3::new(-ow, -hh, 0.0), Vec3::new(-ow + fw, hh, d), true);
            bars.cuboid(Vec3::new(ow - fw, -hh, 0.0), Vec3::new(ow, hh, d), true);
            primitives.push(bars.primitive(material));
        }
        let mesh = self.ctx.scene.add_mesh(Mesh::new(
            Some(format!("artwork:{}", spec.id.get_ref())),
            primitives,
        ));
        let metadata = spec.metadata.clone().unwrap_or_default();
        let index = self.exhibits.len();
        let mut node = Node::new()
            .with_name(format!("artwork:{}", spec.id.get_ref()))
            .with_mesh(mesh)
            .with_transform(Transform {
                translation: centre,
                rotation,
                scale: Vec3::ONE,
            });
        node.extras = Some(exhibit_extras(
            spec.id.get_ref(),
            "artwork",
            room_id,
            &metadata,
            spec.light_sensitivity,
        ));
        let room_node = self.rooms[r].node;
        let node = self.ctx.scene.add_node(node, Some(room_node))?;
        self.colliders.push(ColliderSpec {
            node,
            shape: ColliderShape::Box,
            body: BodyKind::Static,
            exhibit: Some(index),
        });

        if let Some(spot) = Toggle::<SpotSpec>::settings(spec.light.as_ref(), true) {
            let lux = self.spot_lux(&spot, defaults::ARTWORK_LUX)?;
            let vertical = (outline.top - 0.1 - centre.y).max(0.3);
            let position =
                centre + normal * (vertical * SPOT_ANGLE_DEGREES.to_radians().tan()) + Vec3::Y * vertical;
            let cover: Vec<Vec3> = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
                .iter()
                .map(|(sx, sy)| centre + right * (sx * outer_w * 0.5) + Vec3::Y * (sy * outer_h * 0.5))
                .collect();
            let aim = aim_spot(position, centre, &cover, lux, Some(normal));
            self.add_spot(room_node, format!("spot:{}", spec.id.get_ref()), aim, &spot)?;
        }

        let bounds = self.ctx.scene.subtree_bounds(node);
        self.exhibit_ids.insert(spec.id.get_ref().clone(), index);
        self.exhibits.push(Exhibit {
            id: spec.id.get_ref().clone(),
            kind: ExhibitKind::Artwork,
            node,
            room: Some(room_id.clone()),
            metadata,
            bounds,
            surface: ExhibitSurface::Canvas {
                centre: centre + normal * z,
                right,
                up: Vec3::Y,
                normal,
                half_width: hw,
                half_height: hh,
            },
            light_sensitivity: spec.light_sensitivity,
            assets: vec![image.path],
        });
        self.views.push(ExhibitView {
            focus: centre,
            front: normal,
            half_size: outer_w.max(outer_h) * 0.5,
            room: r,
        });
        log::debug!(
            "venue: artwork \"{}\" hung ({width:.2} × {height:.2} m)",
            spec.id.get_ref()
        );
        Ok(())
    }

    fn frame_size(&self, frame: &FrameSpec) -> Result<(f32, f32), VenueError> {
        let width = match &frame.width {
            Some(w) => self.positive(w, "frame width", "the moulding's width in metres, e.g. 0.06")?,
            None => defaults::FRAME_WIDTH,
        };
        let depth = match &frame.depth {
            Some(d) => self.number(
                d,
                |v| v > CANVAS_OFFSET,
                "frame depth must be more than 0.01 m",
                "how far the frame stands off the wall, e.g. 0.04",
            )?,
            None => defaults::FRAME_DEPTH,
        };
        Ok((width, depth))
    }
}

/// The `extras` of an exhibit node: `{"exhibit": {"id", "kind", "room", …metadata}}`,
/// with `"light_sensitivity"` when the venue gives one.
pub(crate) fn exhibit_extras(
    id: &str,
    kind: &str,
    room: &str,
    metadata: &crate::ExhibitMetadata,
    sensitivity: Option<LightSensitivity>,
) -> serde_json::Value {
    let mut exhibit = metadata.to_json();
    if let Some(object) = exhibit.as_object_mut() {
        object.insert("id".into(), id.into());
        object.insert("kind".into(), kind.into());
        object.insert("room".into(), room.into());
        if let Some(sensitivity) = sensitivity {
            object.insert("light_sensitivity".into(), sensitivity.as_str().into());
        }
    }
    serde_json::json!({ "exhibit": exhibit })
}
