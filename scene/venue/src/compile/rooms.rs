//! Rooms: floor polygons checked and triangulated, ceilings, and the walls each room
//! builds, with their colliders.

use super::{BuiltRoom, Compiler};
use crate::document::{Spanned, defaults};
use crate::error::VenueError;
use crate::geometry::builder::{MeshBuilder, planar_uv};
use crate::geometry::polygon::{check_simple, overlap, triangulate};
use crate::geometry::wall_mesh::piece_meshes;
use crate::geometry::walls::{RoomOutline, layout};
use glam::{Vec2, Vec3};
use museion_scene::{BodyKind, ColliderShape, ColliderSpec, MaterialId, Mesh, Node, NodeId};
use std::collections::BTreeMap;

/// Most corners a floor may have: the polygon checks take time quadratic in the corners.
const MAX_CORNERS: usize = 1000;

impl Compiler<'_> {
    /// Builds every room: outlines, openings, walls, floors, ceilings, ceiling lights.
    pub fn build_rooms(&mut self) -> Result<(), VenueError> {
        let doc = self.ctx.doc;
        for spec in &doc.rooms {
            let outline = self.outline(spec)?;
            let node = self
                .ctx
                .scene
                .add_node(Node::new().with_name(format!("room:{}", spec.id.get_ref())), None)?;
            self.rooms.push(BuiltRoom {
                outline,
                node,
                wall_pieces: 0,
            });
        }
        self.check_overlaps()?;
        let outlines: Vec<RoomOutline> = self.rooms.iter().map(|r| r.outline.clone()).collect();
        self.pieces = layout(&outlines);
        self.cut_openings()?;

        let venue = &doc.venue;
        let exterior = self.materials.get_or(
            &mut self.ctx,
            venue.wall_material.as_ref(),
            defaults::WALL_MATERIAL,
        )?;
        let mut wall_materials = Vec::with_capacity(doc.rooms.len());
        for spec in &doc.rooms {
            let name = spec.wall_material.as_ref().or(venue.wall_material.as_ref());
            wall_materials.push(
                self.materials
                    .get_or(&mut self.ctx, name, defaults::WALL_MATERIAL)?,
            );
        }
        for (index, spec) in doc.rooms.iter().enumerate() {
            let floor = spec.floor_material.as_ref().or(venue.floor_material.as_ref());
            let floor = self
                .materials
                .get_or(&mut self.ctx, floor, defaults::FLOOR_MATERIAL)?;
            self.surface(index, "floor", floor, false)?;
            if spec.ceiling.unwrap_or(true) {
                let ceiling = spec.ceiling_material.as_ref().or(venue.ceiling_material.as_ref());
                let ceiling = self
                    .materials
                    .get_or(&mut self.ctx, ceiling, defaults::CEILING_MATERIAL)?;
                self.surface(index, "ceiling", ceiling, true)?;
            }
            self.walls(index, &wall_materials, exterior)?;
            if let Some(lights) = &spec.ceiling_lights {
                self.ceiling_lights(index, lights)?;
            }
            log::debug!(
                "venue: room \"{}\" built ({} wall pieces, {} openings)",
                spec.id.get_ref(),
                self.rooms[index].wall_pieces,
                spec.openings.len()
            );
        }
        Ok(())
    }

    /// Rooms whose heights overlap may share edges but not floor area (a mezzanine above
    /// a hall may lie over it).
    fn check_overlaps(&self) -> Result<(), VenueError> {
        for (j, later) in self.rooms.iter().enumerate() {
            for (i, earlier) in self.rooms[..j].iter().enumerate() {
                let (a, b) = (&earlier.outline, &later.outline);
                if a.elevation < b.top && b.elevation < a.top && overlap(&a.points, &b.points) {
                    let spec = &self.ctx.doc.rooms[j];
                    return Err(self.ctx.source().geometry(
                        spec.floor.span(),
                        format!(
                            "the floor of room \"{}\" overlaps room \"{}\"",
                            spec.id.get_ref(),
                            self.ctx.doc.rooms[i].id.get_ref()
                        ),
                        "rooms on one level may share edges (the wall between them) but not floor area",
                    ));
                }
            }
        }
        Ok(())
    }

    fn outline(&self, spec: &crate::document::RoomSpec) -> Result<RoomOutline, VenueError> {
        let corners = spec.floor.get_ref();
        if corners.len() > MAX_CORNERS {
            return Err(self.ctx.source().value(
                spec.floor.span(),
                format!("the floor has {} corners, more than {MAX_CORNERS}", corners.len()),
                "a room's outline needs far fewer corners; split a very detailed space into rooms",
            ));
        }
        let points: Vec<Vec2> = corners.iter().map(|c| Vec2::from(*c.get_ref())).collect();
        if let Some(bad) = corners
            .iter()
            .find(|c| c.get_ref().iter().any(|v| !v.is_finite()))
        {
            return Err(self.ctx.source().value(
                bad.span(),
                "a floor corner is not a finite number",
                "write corners as [x, z] in metres",
            ));
        }
        if let Err(problem) = check_simple(&points) {
            let span = corners
                .get(problem.vertex)
                .map_or(spec.floor.span(), Spanned::span);
            return Err(self.ctx.source().geometry(
                span,
                format!("floor of room \"{}\": {}", spec.id.get_ref(), problem.message),
                "list the corners in order around the room, each once; edges may not cross or touch",
            ));
        }
        let elevation = match &spec.elevation {
            Some(e) => self.number(
                e,
                |_| true,
                "elevation must be a finite number",
                "metres, e.g. 0.15",
            )?,
            None => 0.0,
        };
        let height = match &spec.height {
            Some(h) => self.positive(h, "height", "floor-to-ceiling metres, e.g. 3.5")?,
            None => defaults::ROOM_HEIGHT,
        };
        Ok(RoomOutline {
            points,
            elevation,
            top: elevation + height,
        })
    }

    /// The floor (facing up) or ceiling (facing down) polygon of room `index`, with a
    /// static mesh collider.
    fn surface(
        &mut self,
        index: usize,
        what: &str,
        material: MaterialId,
        ceiling: bool,
    ) -> Result<(), VenueError> {
        let room = &self.rooms[index];
        let y = if ceiling {
            room.outline.top
        } else {
            room.outline.elevation
        };
        let points: Vec<Vec3> = room
            .outline
            .points
            .iter()
            .map(|p| Vec3::new(p.x, y, p.y))
            .collect();
        let normal = if ceiling { Vec3::NEG_Y } else { Vec3::Y };
        let mut builder = MeshBuilder::new();
        builder.triangles(
            &points,
            &triangulate(&room.outline.points),
            normal,
            planar_uv(Vec3::Y),
        );
        let id = self.ctx.doc.rooms[index].id.get_ref();
        let mesh = self.ctx.scene.add_mesh(Mesh::new(
            Some(format!("{what}:{id}")),
            vec![builder.primitive(material)],
        ));
        let node = self
            .ctx
            .scene
            .add_node(Node::new().with_name(what).with_mesh(mesh), Some(room.node))?;
        self.static_collider(node, ColliderShape::Mesh);
        Ok(())
    }

    /// The wall pieces room `index` owns, one primitive per material, in one mesh. Each
    /// face takes the material of the room it faces, or `exterior` (the venue's wall
    /// material) outside the building.
    fn walls(
        &mut self,
        index: usize,
        wall_materials: &[MaterialId],
        exterior: MaterialId,
    ) -> Result<(), VenueError> {
        let mut by_material: BTreeMap<MaterialId, MeshBuilder> = BTreeMap::new();
        let mut count = 0;
        for piece in self.pieces.iter().filter(|p| p.owner == index) {
            count += 1;
            let meshes = piece_meshes(piece, self.thickness);
            let owner = wall_materials[index];
            let side = |room: Option<usize>| room.map_or(exterior, |r| wall_materials[r]);
            for (material, part) in [
                (side(piece.left_room), meshes.left),
                (side(piece.right_room), meshes.right),
                (owner, meshes.edges),
            ] {
                by_material.entry(material).or_default().append(part);
            }
        }
        self.rooms[index].wall_pieces = count;
        if count == 0 {
            return Ok(()); // every wall of this room is shared with earlier rooms
        }
        let primitives = by_material
            .into_iter()
            .filter(|(_, b)| !b.is_empty())
            .map(|(material, b)| b.primitive(material))
            .collect();
        let id = self.ctx.doc.rooms[index].id.get_ref();
        let mesh = self
            .ctx
            .scene
            .add_mesh(Mesh::new(Some(format!("walls:{id}")), primitives));
        let parent = self.rooms[index].node;
        let node = self
            .ctx
            .scene
            .add_node(Node::new().with_name("walls").with_mesh(mesh), Some(parent))?;
        self.static_collider(node, ColliderShape::Mesh);
        Ok(())
    }

    /// A static collider for architecture (picks no exhibit).
    pub fn static_collider(&mut self, node: NodeId, shape: ColliderShape) {
        self.colliders.push(ColliderSpec {
            node,
            shape,
            body: BodyKind::Static,
            exhibit: None,
        });
    }
}
