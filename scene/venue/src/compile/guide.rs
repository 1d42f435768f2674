//! The guide: its model placed at the scene's root, its walk and idle clips found by
//! name, its pace and stride from the venue or the model's `extras`, and where it
//! stands at each stop of its tour (beside the visitor's line of sight, inside the
//! room, clear of walls and exhibits).

use super::{Compiler, name_list_hint};
use crate::compiled::{Guide, Tour, TourStop};
use crate::document::{Spanned, defaults};
use crate::error::VenueError;
use crate::geometry::polygon::{contains, distance_to_edges};
use crate::tour::{TourPath, stand_candidates};
use crate::walk_floor::{WalkFloor, WalkRamp};
use glam::{Vec2, Vec3};
use museion_scene::{Node, Scene};

/// The least distance between a guide's stand point and a wall, metres.
const WALL_CLEARANCE: f32 = 0.35;
/// The least distance between a guide's stand point and an exhibit's box, metres.
const EXHIBIT_CLEARANCE: f32 = 0.3;

/// What a walking figure's file says of its walk in `extras`:
/// `{"museion": {"stride": metres, "cycle": seconds}}`, on the scene or a root node.
fn walk_facts(scene: &Scene) -> Option<(f32, f32)> {
    let read = |extras: &serde_json::Value| {
        let facts = extras.get("museion")?;
        let number = |key: &str| facts.get(key)?.as_f64().map(|v| v as f32);
        let (stride, cycle) = (number("stride")?, number("cycle")?);
        (stride.is_finite() && cycle.is_finite() && stride > 0.0 && cycle > 0.0).then_some((stride, cycle))
    };
    scene.extras.as_ref().and_then(read).or_else(|| {
        scene
            .roots()
            .iter()
            .filter_map(|r| scene.node(*r)?.extras.as_ref())
            .find_map(read)
    })
}

impl Compiler<'_> {
    /// The venue's guide, if it has a `[guide]`: placed where its tour begins.
    pub fn guide(&mut self, tours: &[Tour]) -> Result<Option<Guide>, VenueError> {
        let Some(table) = &self.ctx.doc.guide else {
            return Ok(None);
        };
        let source = self.ctx.source();
        let spec = table.get_ref();
        let ids: Vec<String> = tours.iter().map(|t| t.id.clone()).collect();
        let tour = match &spec.tour {
            Some(id) => tours.iter().find(|t| t.id == *id.get_ref()).ok_or_else(|| {
                source.reference(
                    id.span(),
                    format!("tour \"{}\" does not exist", id.get_ref()),
                    name_list_hint("tours", id.get_ref(), &ids),
                )
            })?,
            None => tours.first().ok_or_else(|| {
                source.reference(
                    table.span(),
                    "the guide has no tour to walk",
                    "add a [[tours]] with stops, or remove [guide]",
                )
            })?,
        };
        if tour.stops.is_empty() {
            let span = spec.tour.as_ref().map_or(table.span(), |t| t.span());
            return Err(source.value(
                span,
                format!("tour \"{}\" has no stops for the guide to walk", tour.id),
                "give the tour [[tours.stops]]",
            ));
        }
        let lead = match &spec.lead {
            Some(lead) => self.number(
                lead,
                |v| v >= 0.0,
                "lead must be 0 or more",
                "metres the guide walks ahead of the visitor, e.g. 1.5",
            )?,
            None => defaults::GUIDE_LEAD,
        };
        let speed = match &spec.speed {
            Some(speed) => Some(self.positive(
                speed,
                "speed",
                "the guide's walking pace in metres per second, e.g. 1.2",
            )?),
            None => None,
        };
        let model = self.ctx.model(&spec.model)?;
        let node = self.ctx.scene.add_node(Node::new().with_name("guide"), None)?;
        let first_clip = self.ctx.scene.animations.len();
        self.ctx.place_model(&model, node)?;
        let placed = first_clip..self.ctx.scene.animations.len();
        let named = |name: &Option<Spanned<String>>, default: &str| {
            name.clone()
                .unwrap_or_else(|| Spanned::new(table.span(), default.to_owned()))
        };
        let owner = "the guide's model";
        let walk = self.clip(
            placed.clone(),
            &named(&spec.walk, defaults::GUIDE_WALK),
            &spec.model,
            owner,
        )?;
        let idle = self.clip(
            placed,
            &named(&spec.idle, defaults::GUIDE_IDLE),
            &spec.model,
            owner,
        )?;
        let animations = &self.ctx.scene.animations;
        let facts = walk_facts(&model.scene);
        let cycle = facts.map_or(animations[walk].duration(), |(_, cycle)| cycle);
        if cycle <= 0.0 {
            return Err(source.value(
                spec.walk.as_ref().map_or(table.span(), |w| w.span()),
                "the guide's walk clip lasts no time",
                "the walk must be a clip of at least two keys: one cycle of a walk in place",
            ));
        }
        let speed = speed.unwrap_or(facts.map_or(defaults::GUIDE_SPEED, |(stride, cycle)| stride / cycle));
        let stride = facts.map_or(speed * cycle, |(stride, _)| stride);
        if speed < crate::WALKING_PACE {
            self.ctx.report.warnings.push(format!(
                "the guide walks at {speed:.2} m/s, slower than the tour's pace ({} m/s): it will hurry on ahead of the visitor",
                crate::WALKING_PACE
            ));
        }
        let floor = self.walk_floor();
        let stands = tour.stops.iter().map(|stop| self.stand(stop, &floor)).collect();
        let guide = Guide {
            node,
            walk,
            idle,
            cycle,
            stride,
            idle_duration: animations[idle].duration(),
            speed,
            lead,
            tour: tour.id.clone(),
            eye_height: self.visitor.eye_height,
            floor,
            stands,
        };
        if let Ok(path) = TourPath::new(tour) {
            let start = guide.state(&path, 0.0);
            self.ctx.scene.set_transform(node, start.transform)?;
        }
        log::debug!("venue: a guide walks tour \"{}\"", tour.id);
        Ok(Some(guide))
    }

    /// Where the guide stands at `stop`: the first of its candidates inside the stop's
    /// room, clear of the walls and of every exhibit, on the floor there.
    fn stand(&self, stop: &TourStop, floor: &WalkFloor) -> Vec3 {
        let half_size = stop.exhibit.map_or(0.5, |i| self.views[i].half_size);
        let candidates = stand_candidates(stop.eye, stop.target, self.visitor.eye_height, half_size);
        let eye = Vec2::new(stop.eye.x, stop.eye.z);
        let room = stop
            .exhibit
            .map(|i| self.views[i].room)
            .or_else(|| self.rooms.iter().position(|r| contains(&r.outline.points, eye)));
        let clear = |p: &Vec3| {
            let at = Vec2::new(p.x, p.z);
            let inside = room.is_none_or(|r| {
                let floor = &self.rooms[r].outline.points;
                contains(floor, at) && distance_to_edges(floor, at) >= WALL_CLEARANCE
            });
            inside
                && self.exhibits.iter().all(|e| {
                    let (min, max) = (e.bounds.min, e.bounds.max);
                    at.x < min.x - EXHIBIT_CLEARANCE
                        || at.x > max.x + EXHIBIT_CLEARANCE
                        || at.y < min.z - EXHIBIT_CLEARANCE
                        || at.y > max.z + EXHIBIT_CLEARANCE
                })
        };
        let at = candidates
            .iter()
            .find(|p| clear(p))
            .or(candidates.first())
            .copied()
            .unwrap_or(stop.eye);
        Vec3::new(at.x, floor.height(at.x, at.z, at.y).unwrap_or(at.y), at.z)
    }

    /// The rooms' floors and the ramps.
    fn walk_floor(&self) -> WalkFloor {
        WalkFloor {
            rooms: self
                .rooms
                .iter()
                .map(|r| (r.outline.points.clone(), r.outline.elevation))
                .collect(),
            ramps: self
                .ctx
                .doc
                .ramps
                .iter()
                .map(|ramp| WalkRamp {
                    from: Vec3::from(*ramp.from.get_ref()),
                    to: Vec3::from(*ramp.to.get_ref()),
                    width: *ramp.width.get_ref(),
                })
                .collect(),
            wall_thickness: self.thickness,
        }
    }
}
