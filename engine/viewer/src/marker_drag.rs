//! Dragging a marker in edit mode (see `markers.rs`): a light moves level at its height
//! (the cursor's ray against the level plane through it), or with Shift held when the
//! press began, up and down (the ray against the upright plane through it that faces the
//! camera); a spawn or tour stop moves across the floor (the level plane through it, as
//! a model does). The item stays under the cursor where it was grabbed, and with Ctrl
//! held snaps to the 10 cm grid. While the button is held only the marker moves; the
//! release makes one edit of the fields that moved (a spot light's `target` stays, so it
//! keeps shining at the point it was aimed at). A stop the file places in front of an
//! exhibit becomes an explicit pose: its `exhibit` is replaced by `eye`, where it was let
//! go, and `target`, the point it looked at, so that it still looks at the exhibit.

use super::floor_drag::level_hit;
use super::markers::{Marker, Place};
use super::wall_drag::{GRID_STEP, LEAST_MOVE};
use museion_scene::glam::Vec3;
use museion_venue::toml_edit::Value;

/// A marker being dragged.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MarkerDrag {
    /// The item dragged.
    pub place: Place,
    /// Its selector (`lights[0]`).
    pub selector: String,
    /// Where it stood at the start and stands now, world space.
    pub start: Vec3,
    pub now: Vec3,
    /// The height of the floor the file's heights are measured from.
    floor: f32,
    /// From the point the ray met at the press to the item.
    grab: Vec3,
    /// `Some(normal)`: moving up and down in the upright plane with this normal.
    upright: Option<Vec3>,
    /// For a stop placed in front of an exhibit, the point it looks at.
    exhibit_target: Option<Vec3>,
}

impl MarkerDrag {
    /// Starts dragging `marker` from the press whose ray runs from `origin` along
    /// `direction`; up and down when `height` (a light with Shift held). `None` when the
    /// ray does not meet the plane it moves in.
    pub fn start(marker: &Marker, origin: Vec3, direction: Vec3, height: bool) -> Option<Self> {
        let upright = (height && matches!(marker.place, Place::Light(_)))
            .then(|| Vec3::new(direction.x, 0.0, direction.z).normalize_or_zero())
            .filter(|normal| *normal != Vec3::ZERO);
        let mut drag = Self {
            place: marker.place,
            selector: marker.place.selector(),
            start: marker.position,
            now: marker.position,
            floor: marker.floor,
            grab: Vec3::ZERO,
            upright,
            exhibit_target: marker.exhibit_target,
        };
        drag.grab = marker.position - drag.hit(origin, direction)?;
        Some(drag)
    }

    /// Where the ray meets the plane the item moves in.
    fn hit(&self, origin: Vec3, direction: Vec3) -> Option<Vec3> {
        match self.upright {
            Some(normal) => {
                let facing = direction.dot(normal);
                if facing.abs() < 1e-6 {
                    return None;
                }
                let distance = (self.start - origin).dot(normal) / facing;
                (distance > 0.0).then(|| origin + direction * distance)
            }
            None => level_hit(origin, direction, self.start.y).map(|at| Vec3::new(at.x, self.start.y, at.y)),
        }
    }

    /// Follows the cursor's ray, on the grid when `grid`; returns whether it moved.
    pub fn follow(&mut self, origin: Vec3, direction: Vec3, grid: bool) -> bool {
        let Some(hit) = self.hit(origin, direction) else {
            return false;
        };
        let mut next = hit + self.grab;
        if grid {
            next = (next / GRID_STEP).round() * GRID_STEP;
        }
        // Level drags keep the height; upright ones keep x and z.
        next = match self.upright {
            Some(_) => Vec3::new(self.start.x, next.y, self.start.z),
            None => Vec3::new(next.x, self.start.y, next.z),
        };
        let moved = next != self.now;
        self.now = next;
        moved
    }

    /// The fields the drag changed, as the file should have them (metres rounded to the
    /// millimetre; a light's height above its room's floor); an axis moved less than
    /// [`LEAST_MOVE`] is left as it was. For a stop placed in front of an exhibit that
    /// moved: its whole `eye` and `target`, which replace its `exhibit`
    /// ([`replaced_key`](Self::replaced_key)).
    pub fn changed_fields(&self) -> Vec<(&'static str, Value)> {
        let start = self.start.to_array();
        let now = self.now.to_array();
        let moved = |axis: usize| (now[axis] - start[axis]).abs() >= LEAST_MOVE;
        if let Some(target) = self.exhibit_target {
            if !(0..3).any(moved) {
                return Vec::new();
            }
            return explicit_pose(self.now, target).to_vec();
        }
        (0..3)
            .filter(|&axis| moved(axis))
            .filter_map(|axis| {
                let field = self.place.field(axis)?;
                let value = if axis == 1 {
                    now[axis] - self.floor
                } else {
                    now[axis]
                };
                Some((field, millimetres(value)))
            })
            .collect()
    }
}

impl MarkerDrag {
    /// The key the [`changed_fields`](Self::changed_fields) replace rather than join:
    /// `exhibit` for a stop placed in front of one, `None` for any other item.
    pub fn replaced_key(&self) -> Option<&'static str> {
        self.exhibit_target.map(|_| "exhibit")
    }
}

/// A stop's explicit pose: `eye` and `target` (world space; a stop's heights are
/// absolute), rounded to the millimetre.
pub(super) fn explicit_pose(eye: Vec3, target: Vec3) -> [(&'static str, Value); 2] {
    [
        ("eye", millimetre_array(eye)),
        ("target", millimetre_array(target)),
    ]
}

/// `metres` rounded to the millimetre, as a TOML value.
pub(super) fn millimetres(metres: f32) -> Value {
    Value::from(rounded(metres))
}

/// A point's coordinates rounded to the millimetre, as a TOML array `[x, y, z]`.
fn millimetre_array(point: Vec3) -> Value {
    Value::Array(point.to_array().into_iter().map(rounded).collect())
}

fn rounded(metres: f32) -> f64 {
    (f64::from(metres) * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit_drag::written;

    fn light() -> Marker {
        Marker {
            place: Place::Light(0),
            position: Vec3::new(3.0, 2.7, 0.5),
            floor: 0.5,
            facing: None,
            exhibit_target: None,
        }
    }

    #[test]
    fn a_light_moves_level_and_with_shift_up_and_down_under_the_cursor() {
        let eye = Vec3::new(3.0, 1.7, 3.0);
        let toward = |point: Vec3| (point - eye).normalize();
        // Grabbed on itself, dragged to a point 0.75 m to the right at its height.
        let mut drag = MarkerDrag::start(&light(), eye, toward(light().position), false).expect("a drag");
        assert!(drag.follow(eye, toward(Vec3::new(3.75, 2.7, 0.5)), false));
        assert!(
            drag.now.abs_diff_eq(Vec3::new(3.75, 2.7, 0.5), 1e-4),
            "{}",
            drag.now
        );
        let fields = written(drag.changed_fields());
        assert_eq!(fields, vec![("position[0]", "3.75".to_owned())]);

        // With Shift: only the height, written above the room's floor.
        let mut drag = MarkerDrag::start(&light(), eye, toward(light().position), true).expect("a drag");
        drag.follow(eye, toward(Vec3::new(3.0, 2.2, 0.5)), false);
        assert!(
            drag.now.abs_diff_eq(Vec3::new(3.0, 2.2, 0.5), 1e-4),
            "{}",
            drag.now
        );
        let fields = written(drag.changed_fields());
        assert_eq!(fields, vec![("position[1]", "1.7".to_owned())]);
    }

    #[test]
    fn a_spawn_moves_across_the_floor_and_writes_x_and_z() {
        let spawn = Marker {
            place: Place::Spawn(2),
            position: Vec3::new(2.0, 0.0, 1.0),
            floor: 0.0,
            facing: None,
            exhibit_target: None,
        };
        let eye = Vec3::new(2.0, 1.6, 4.0);
        let toward = |point: Vec3| (point - eye).normalize();
        // Shift does nothing to a spawn: it stays on the floor.
        let mut drag = MarkerDrag::start(&spawn, eye, toward(spawn.position), true).expect("a drag");
        drag.follow(eye, toward(Vec3::new(1.234, 0.0, 1.5)), false);
        let fields = written(drag.changed_fields());
        assert_eq!(
            fields,
            vec![
                ("position[0]", "1.234".to_owned()),
                ("position[1]", "1.5".to_owned())
            ]
        );
        // Let go where it began: nothing to write.
        drag.follow(eye, toward(spawn.position), false);
        assert!(drag.changed_fields().is_empty());
    }

    #[test]
    fn a_stop_at_an_exhibit_moved_becomes_an_eye_and_the_target_it_looked_at() {
        let target = Vec3::new(3.0, 1.5, 0.1);
        let stop = Marker {
            place: Place::Stop { tour: 0, stop: 1 },
            position: Vec3::new(3.0, 1.6, 2.5),
            floor: 0.0,
            facing: (target - Vec3::new(3.0, 1.6, 2.5)).try_normalize(),
            exhibit_target: Some(target),
        };
        let eye = Vec3::new(3.0, 2.0, 5.0);
        let toward = |point: Vec3| (point - eye).normalize();
        let mut drag = MarkerDrag::start(&stop, eye, toward(stop.position), false).expect("a drag");
        assert_eq!(drag.replaced_key(), Some("exhibit"));
        // Let go where it began: nothing to write, the stop stays at its exhibit.
        drag.follow(eye, toward(stop.position), false);
        assert!(drag.changed_fields().is_empty());
        // Moved level 0.4 m to the right: the whole pose, at its eye's height.
        drag.follow(eye, toward(Vec3::new(3.4, 1.6, 2.5)), false);
        let fields = written(drag.changed_fields());
        assert_eq!(
            fields,
            vec![
                ("eye", "[3.4, 1.6, 2.5]".to_owned()),
                ("target", "[3.0, 1.5, 0.1]".to_owned())
            ]
        );
        // Any other marker replaces nothing.
        let spawn = Marker {
            exhibit_target: None,
            ..stop
        };
        let other = MarkerDrag::start(&spawn, eye, toward(spawn.position), false).expect("a drag");
        assert_eq!(other.replaced_key(), None);
    }
}
