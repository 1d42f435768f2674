//! Openings: each must fit its wall, and when it leads to another room, line up with a
//! wall of that room; then it is cut through the wall pieces on its line (once, even
//! when both rooms declare it).

use super::{Compiler, CutOpening};
use crate::document::{OpeningSpec, defaults};
use crate::error::VenueError;
use crate::geometry::walls::{LINE_TOLERANCE, collinear_overlap, cut_opening};
use glam::Vec2;

impl Compiler<'_> {
    /// Checks every opening and cuts it into the walls.
    pub fn cut_openings(&mut self) -> Result<(), VenueError> {
        let doc = self.ctx.doc;
        for (r, spec) in doc.rooms.iter().enumerate() {
            for opening in &spec.openings {
                let cut = self.check_opening(r, opening)?;
                if let Some(cut) = cut {
                    self.check_step(r, opening, &cut)?;
                    let direction = (cut.b - cut.a).normalize_or_zero();
                    let centre = (cut.a + cut.b) * 0.5;
                    let width = cut.a.distance(cut.b);
                    if cut_opening(&mut self.pieces, centre, direction, width, cut.bottom, cut.top) == 0 {
                        self.ctx.report.warnings.push(format!(
                            "opening in wall {} of room \"{}\" cut no wall",
                            opening.wall.get_ref(),
                            spec.id.get_ref()
                        ));
                    }
                    self.openings.push(cut);
                }
            }
        }
        Ok(())
    }

    /// Warns about a step at an opening higher than the visitor climbs, unless a ramp
    /// arrives at its sill.
    fn check_step(&mut self, r: usize, opening: &OpeningSpec, cut: &CutOpening) -> Result<(), VenueError> {
        let mut low = self.rooms[r].outline.elevation;
        if let Some(to) = &opening.to {
            low = low.min(self.rooms[self.room(to)?].outline.elevation);
        }
        let step = cut.bottom - low;
        let centre = (cut.a + cut.b) * 0.5;
        let ramp_arrives = self.ctx.doc.ramps.iter().any(|ramp| {
            [*ramp.from.get_ref(), *ramp.to.get_ref()]
                .iter()
                .any(|[x, y, z]| (y - cut.bottom).abs() < 0.05 && Vec2::new(*x, *z).distance(centre) < 1.0)
        });
        if step > self.visitor.step_height + 1e-4 && !ramp_arrives {
            self.ctx.report.warnings.push(format!(
                "the opening in wall {} of room \"{}\" has a {step:.2} m step, higher than visitors climb ({} m): add a ramp up to it",
                opening.wall.get_ref(),
                self.ctx.doc.rooms[r].id.get_ref(),
                self.visitor.step_height
            ));
        }
        Ok(())
    }

    /// Where an opening goes, or `None` when the same opening was already declared from
    /// the other side.
    fn check_opening(&self, r: usize, opening: &OpeningSpec) -> Result<Option<CutOpening>, VenueError> {
        let source = self.ctx.source();
        let spec = &self.ctx.doc.rooms[r];
        let room = &self.rooms[r].outline;
        let wall = self.wall_index(r, &opening.wall)?;
        let width = self.positive(&opening.width, "width", "the opening's width in metres, e.g. 1.2")?;
        let (a, b) = room.edge(wall);
        let length = a.distance(b);
        if width > length + LINE_TOLERANCE {
            return Err(source.geometry(
                opening.width.span(),
                format!(
                    "the opening is {width} m wide, wider than wall {wall} of room \"{}\" ({length:.2} m)",
                    spec.id.get_ref()
                ),
                "make it narrower, or put it in a longer wall",
            ));
        }
        let offset = *opening.offset.get_ref();
        if !offset.is_finite()
            || offset - width * 0.5 < -LINE_TOLERANCE
            || offset + width * 0.5 > length + LINE_TOLERANCE
        {
            return Err(source.geometry(
                opening.offset.span(),
                format!("the opening reaches past the ends of wall {wall} of room \"{}\"", spec.id.get_ref()),
                format!(
                    "wall {wall} is {length:.2} m long and offset is to the opening's centre, so for a width of {width} it must be from {:.2} to {:.2}",
                    width * 0.5,
                    length - width * 0.5
                ),
            ));
        }
        let direction = (b - a) / length;
        let (start, end) = (
            a + direction * (offset - width * 0.5),
            a + direction * (offset + width * 0.5),
        );
        let (mut bottom, mut ceiling) = (room.elevation, room.top);
        if let Some(to) = &opening.to {
            let target = self.room(to)?;
            if target == r {
                return Err(source.geometry(
                    to.span(),
                    "an opening cannot lead to its own room",
                    "name the room on the other side of the wall",
                ));
            }
            let other = &self.rooms[target].outline;
            let lines_up = (0..other.points.len()).any(|j| {
                let (c, d) = other.edge(j);
                collinear_overlap(c, d, start, end)
                    .is_some_and(|(u0, u1)| u1 - u0 >= width - 2.0 * LINE_TOLERANCE)
            });
            if !lines_up {
                let centre = (start + end) * 0.5;
                let (nearest, distance) = (0..other.points.len())
                    .map(|j| {
                        let (c, d) = other.edge(j);
                        (j, distance_to_segment(centre, c, d))
                    })
                    .min_by(|x, y| x.1.total_cmp(&y.1))
                    .unwrap_or((0, f32::INFINITY));
                return Err(source.geometry(
                    to.span(),
                    format!(
                        "the opening in wall {wall} of room \"{}\" does not line up with a wall of room \"{}\"",
                        spec.id.get_ref(),
                        to.get_ref()
                    ),
                    format!(
                        "the nearest wall of \"{}\" is wall {nearest}, {distance:.2} m from the opening's centre; connected rooms share a wall line (neighbouring floors share the edge)",
                        to.get_ref()
                    ),
                ));
            }
            bottom = bottom.max(other.elevation);
            ceiling = ceiling.min(other.top);
        }
        let height = match &opening.height {
            Some(h) => self.positive(h, "height", "clear height in metres, e.g. 2.2")?,
            None => defaults::OPENING_HEIGHT,
        };
        if bottom + height > ceiling + LINE_TOLERANCE {
            let span = opening.height.as_ref().map_or(opening.wall.span(), |h| h.span());
            return Err(source.geometry(
                span,
                format!(
                    "the opening is {height} m high but only {:.2} m fit under the lower ceiling",
                    ceiling - bottom
                ),
                format!(
                    "its height is measured from the higher floor ({bottom} m); make it at most {:.2}",
                    ceiling - bottom
                ),
            ));
        }
        let cut = CutOpening {
            a: start,
            b: end,
            bottom,
            top: bottom + height,
        };
        for (k, earlier) in self.openings.iter().enumerate() {
            let Some((u0, u1)) = collinear_overlap(earlier.a, earlier.b, cut.a, cut.b) else {
                continue;
            };
            let same_place = (cut.a.distance(earlier.a) < LINE_TOLERANCE
                && cut.b.distance(earlier.b) < LINE_TOLERANCE)
                || (cut.a.distance(earlier.b) < LINE_TOLERANCE && cut.b.distance(earlier.a) < LINE_TOLERANCE);
            if same_place
                && (cut.bottom - earlier.bottom).abs() < LINE_TOLERANCE
                && (cut.top - earlier.top).abs() < LINE_TOLERANCE
            {
                return Ok(None); // the other room declares the same opening
            }
            if u1 - u0 > LINE_TOLERANCE {
                return Err(source.geometry(
                    opening.offset.span(),
                    format!("this opening overlaps opening {k} on the same wall line"),
                    "move one of them along the wall; the same door declared from both rooms must match exactly (same ends and height)",
                ));
            }
        }
        Ok(Some(cut))
    }

    /// A wall index of room `r`, checked.
    pub fn wall_index(&self, r: usize, wall: &crate::document::Spanned<usize>) -> Result<usize, VenueError> {
        let count = self.rooms[r].outline.points.len();
        let index = *wall.get_ref();
        if index >= count {
            let id = self.ctx.doc.rooms[r].id.get_ref();
            return Err(self.ctx.source().geometry(
                wall.span(),
                format!("room \"{id}\" has no wall {index}"),
                format!(
                    "its walls are numbered 0 to {}: wall i runs from floor corner i to corner i + 1",
                    count - 1
                ),
            ));
        }
        Ok(index)
    }
}

fn distance_to_segment(p: Vec2, a: Vec2, b: Vec2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_squared().max(1e-12)).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}
