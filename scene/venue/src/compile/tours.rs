//! Spawn points and guided tours; a stop at an exhibit gets a camera pose computed from
//! the exhibit's size and facing, inside its room.

use super::{Compiler, ExhibitView, name_list_hint};
use crate::compiled::{Spawn, Tour, TourStop};
use crate::document::{StopSpec, defaults};
use crate::error::VenueError;
use crate::geometry::polygon::{contains, distance_to_edges, interior_point};
use glam::{Quat, Vec2, Vec3};

/// Half the vertical field of view a framed exhibit should fill, radians (a 50° lens).
const HALF_FOV: f32 = 25.0 * std::f32::consts::PI / 180.0;

impl Compiler<'_> {
    /// The spawn points; a venue without any gets one in the middle of its first room.
    pub fn spawns(&self) -> Result<Vec<Spawn>, VenueError> {
        let mut spawns = Vec::new();
        for spec in &self.ctx.doc.spawns {
            let r = self.room(&spec.room)?;
            let p = Vec2::from(*spec.position.get_ref());
            self.inside_room(
                r,
                p,
                spec.position.span(),
                &format!("spawn \"{}\"", spec.id.get_ref()),
            )?;
            spawns.push(Spawn {
                id: spec.id.get_ref().clone(),
                position: Vec3::new(p.x, self.rooms[r].outline.elevation, p.y),
                yaw: spec.yaw.unwrap_or(0.0).to_radians(),
            });
        }
        if spawns.is_empty() {
            let first = &self.rooms[0].outline;
            let p = interior_point(&first.points);
            spawns.push(Spawn {
                id: "default".into(),
                position: Vec3::new(p.x, first.elevation, p.y),
                yaw: 0.0,
            });
        }
        Ok(spawns)
    }

    /// The tours, every stop resolved to a pose.
    pub fn tours(&self) -> Result<Vec<Tour>, VenueError> {
        let mut tours = Vec::new();
        for spec in &self.ctx.doc.tours {
            let stops = spec
                .stops
                .iter()
                .map(|stop| self.stop(stop))
                .collect::<Result<_, _>>()?;
            tours.push(Tour {
                id: spec.id.get_ref().clone(),
                name: spec.name.clone(),
                stops,
            });
        }
        Ok(tours)
    }

    fn stop(&self, stop: &crate::document::Spanned<StopSpec>) -> Result<TourStop, VenueError> {
        let source = self.ctx.source();
        let spec = stop.get_ref();
        let dwell = match &spec.dwell {
            Some(d) => self.positive(d, "dwell", "seconds to stay at the stop, e.g. 12")?,
            None => defaults::DWELL_SECONDS,
        };
        let (exhibit, eye, target) = match (&spec.exhibit, &spec.eye) {
            (Some(name), None) => {
                if let Some(target) = &spec.target {
                    return Err(source.value(target.span(), "a stop at an exhibit takes no target", "the pose is computed from the exhibit; use eye and target instead of exhibit to set it by hand"));
                }
                let Some(&index) = self.exhibit_ids.get(name.get_ref()) else {
                    let mut ids: Vec<String> = self.exhibits.iter().map(|e| e.id.clone()).collect();
                    ids.sort();
                    return Err(source.reference(
                        name.span(),
                        format!("exhibit \"{}\" does not exist", name.get_ref()),
                        name_list_hint("exhibits", name.get_ref(), &ids),
                    ));
                };
                let (eye, target) = self.pose(&self.views[index]);
                (Some(index), eye, target)
            }
            (None, Some(eye)) => {
                let at = Vec3::from(*eye.get_ref());
                let target = spec
                    .target
                    .as_ref()
                    .map_or(at + Vec3::NEG_Z, |t| Vec3::from(*t.get_ref()));
                if target.distance(at) < 1e-3 {
                    let span = spec.target.as_ref().map_or(eye.span(), |t| t.span());
                    return Err(source.value(
                        span,
                        "the stop looks at its own eye point",
                        "target is the point looked at, away from eye",
                    ));
                }
                (None, at, target)
            }
            (Some(name), Some(_)) => {
                return Err(source.value(
                    name.span(),
                    "a stop is an exhibit or an eye position, not both",
                    "remove `exhibit` or `eye`",
                ));
            }
            (None, None) => {
                return Err(source.value(
                    stop.span(),
                    "a stop needs `exhibit` or `eye`",
                    "name an exhibit, or give eye = [x, y, z] and target = [x, y, z]",
                ));
            }
        };
        Ok(TourStop {
            exhibit,
            eye,
            target,
            dwell,
            caption: spec.caption.clone(),
            caption_translations: spec.translations.clone(),
        })
    }

    /// Where to stand to see an exhibit whole: in front of it at eye height, far enough
    /// for it to fill a 50° view, turned and pulled in as needed to stay in its room.
    fn pose(&self, view: &ExhibitView) -> (Vec3, Vec3) {
        let room = &self.rooms[view.room].outline;
        let eye_y = room.elevation + self.visitor.eye_height;
        let ideal = (view.half_size / HALF_FOV.tan() * 1.15).max(1.2);
        let clearance = self.visitor.radius + 0.05;
        let fits = |p: Vec2| contains(&room.points, p) && distance_to_edges(&room.points, p) >= clearance;
        let focus = Vec2::new(view.focus.x, view.focus.z);
        for turn in [
            0.0f32, 20.0, -20.0, 45.0, -45.0, 90.0, -90.0, 135.0, -135.0, 180.0,
        ] {
            let front = Quat::from_rotation_y(turn.to_radians()) * view.front;
            let front = Vec2::new(front.x, front.z);
            let mut distance = ideal;
            while distance >= 0.6 {
                let p = focus + front * distance;
                if fits(p) {
                    return (Vec3::new(p.x, eye_y, p.y), view.focus);
                }
                distance *= 0.9;
            }
        }
        let p = focus + Vec2::new(view.front.x, view.front.z) * ideal;
        (Vec3::new(p.x, eye_y, p.y), view.focus)
    }
}
