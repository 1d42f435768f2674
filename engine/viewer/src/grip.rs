//! Dragging an exhibit by a handle of the gizmo (`gizmo.rs`): the handle's line (an
//! arrow's, or from the gizmo's origin to the scale knob) is met where it passes
//! nearest the cursor's ray, and only the field the handle stands for follows. An arrow
//! moves an artwork along its wall or up it (snapping as a free drag does, but only
//! along that way), or a model along x or z (lining up with the other models, or on the
//! grid); the ring turns a model freely (with Ctrl held, by steps of
//! [`ROTATION_STEP_DEGREES`]); the knob scales the exhibit by how far along its line it
//! is dragged (with Ctrl held, to a size on the 10 cm grid). Like a free drag, only the
//! exhibit's node moves while the button is held, and the release makes one edit.

use super::edit_drag::Drag;
use super::floor_drag::{ROTATION_STEP_DEGREES, level_hit};
use super::gizmo::{Gizmo, Handle, Shape};
use super::wall_drag::{GRID_STEP, Hanging, Kept, Snapping};
use museion_scene::Scene;
use museion_scene::glam::{Vec2, Vec3, Vec3Swizzles};
use museion_venue::toml_edit::Value;

/// The least and most a drag of the scale knob multiplies a size by.
pub const SCALE_LIMITS: (f32, f32) = (0.05, 20.0);

/// How far along the line through `point` along unit `axis` it passes nearest the ray
/// from `origin` along unit `direction`, metres from `point`; `None` when the two run
/// (nearly) parallel, as when the handle points at the eye.
pub(super) fn nearest_on_line(point: Vec3, axis: Vec3, origin: Vec3, direction: Vec3) -> Option<f32> {
    let across = axis.dot(direction);
    let denominator = 1.0 - across * across;
    if denominator < 1e-4 {
        return None;
    }
    let to = point - origin;
    Some((across * to.dot(direction) - to.dot(axis)) / denominator)
}

/// The heading of the level offset `v` (`(x, z)`), degrees counter-clockwise seen from
/// above from +x, as a model's `rotation[1]` turns.
fn heading(v: Vec2) -> f32 {
    (-v.y).atan2(v.x).to_degrees()
}

/// A handle of the gizmo held.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Grip {
    pub handle: Handle,
    /// The handle's line: through the gizmo's origin along the arrow, or toward the
    /// knob (for the ring, the origin, with the line up).
    origin: Vec3,
    axis: Vec3,
    /// Where it was grabbed: metres along the line, or for the ring the heading of the
    /// point grabbed (degrees).
    grab: f32,
    /// For the scale knob: the size field and its value at the start.
    size: Option<(&'static str, f64)>,
    /// What the scale knob multiplies the size by now.
    pub factor: f32,
}

impl Grip {
    /// Grips `handle` of `gizmo` where the cursor's ray from `origin` along `direction`
    /// meets it; `size` is the field the scale knob changes and its value. `None` when
    /// the ray runs along the handle's line, misses the ring's level, or the gizmo has
    /// no such handle.
    pub fn start(
        handle: Handle,
        gizmo: &Gizmo,
        size: Option<(&'static str, f64)>,
        origin: Vec3,
        direction: Vec3,
    ) -> Option<Self> {
        let shape = gizmo.handles.iter().find(|(h, _)| *h == handle)?.1;
        let axis = match shape {
            Shape::Arrow { to, .. } | Shape::Knob { at: to } => (to - gizmo.origin).try_normalize()?,
            Shape::Ring { .. } => Vec3::Y,
        };
        let grab = match shape {
            Shape::Ring { .. } => heading(level_hit(origin, direction, gizmo.origin.y)? - gizmo.origin.xz()),
            Shape::Knob { at } => nearest_on_line(gizmo.origin, axis, origin, direction)?
                .max((at - gizmo.origin).length() * SCALE_LIMITS.0),
            Shape::Arrow { .. } => nearest_on_line(gizmo.origin, axis, origin, direction)?,
        };
        Some(Self {
            handle,
            origin: gizmo.origin,
            axis,
            grab,
            size: size.filter(|_| handle == Handle::Scale),
            factor: 1.0,
        })
    }

    /// Follows the cursor's ray with the exhibit of `drag` (begun with `Drag::held`),
    /// shown in `scene`; `snapping` gives the snapping radius for a distance and whether
    /// Ctrl is held. Returns whether the exhibit moved, turned or was scaled.
    pub fn follow(
        &mut self,
        drag: &mut Drag,
        scene: &mut Scene,
        origin: Vec3,
        direction: Vec3,
        snapping: impl Fn(f32) -> Snapping,
    ) -> bool {
        let moved = if self.handle == Handle::Turn {
            self.turn(drag, origin, direction, &snapping)
        } else {
            let Some(t) = nearest_on_line(self.origin, self.axis, origin, direction) else {
                return false;
            };
            let snapping = snapping(origin.distance(self.origin + self.axis * t));
            let along = t - self.grab;
            match (self.handle, &mut *drag) {
                (Handle::Along, Drag::Wall(artwork)) => {
                    let wanted = Hanging {
                        offset: artwork.start.offset + along * self.axis.dot(artwork.along()),
                        ..artwork.start
                    };
                    artwork.place(wanted, snapping, Kept::Height)
                }
                (Handle::Up, Drag::Wall(artwork)) => {
                    let wanted = Hanging {
                        height: artwork.start.height + along,
                        ..artwork.start
                    };
                    artwork.place(wanted, snapping, Kept::Offset)
                }
                (Handle::X | Handle::Z, Drag::Floor(model)) => {
                    let at = model.start + Vec2::new(self.axis.x, self.axis.z) * along;
                    model.place(at, snapping, (self.handle == Handle::X, self.handle == Handle::Z))
                }
                (Handle::Scale, _) => self.scale(t, snapping.grid),
                _ => false,
            }
        };
        if moved {
            match drag {
                Drag::Wall(artwork) => artwork.preview_scaled(scene, self.factor),
                Drag::Floor(model) => model.preview_scaled(scene, self.factor),
                Drag::Marker(_) => {}
            }
        }
        moved
    }

    /// The ring: the model's heading follows the heading of the point where the ray
    /// meets the ring's level.
    fn turn(
        &self,
        drag: &mut Drag,
        origin: Vec3,
        direction: Vec3,
        snapping: &impl Fn(f32) -> Snapping,
    ) -> bool {
        let Drag::Floor(model) = drag else {
            return false;
        };
        let Some(hit) = level_hit(origin, direction, self.origin.y) else {
            return false;
        };
        let mut turned = (heading(hit - self.origin.xz()) - self.grab + 180.0).rem_euclid(360.0) - 180.0;
        if snapping(origin.distance(self.origin)).grid {
            turned = (turned / ROTATION_STEP_DEGREES).round() * ROTATION_STEP_DEGREES;
        }
        let moved = turned != model.turned;
        model.turned = turned;
        moved
    }

    /// The knob at `t` metres along its line: the size is `t / grab` times what it was.
    fn scale(&mut self, t: f32, grid: bool) -> bool {
        let Some((_, start)) = self.size else {
            return false;
        };
        let mut factor = (t / self.grab).clamp(SCALE_LIMITS.0, SCALE_LIMITS.1);
        if grid && start > 0.0 {
            let step = f64::from(GRID_STEP);
            let size = ((start * f64::from(factor) / step).round() * step).max(step);
            factor = (size / start) as f32;
        }
        let moved = factor != self.factor;
        self.factor = factor;
        moved
    }

    /// The size field the knob changed and its new value (rounded to the thousandth, as
    /// the scale keys write it); none when it is unchanged.
    pub fn changed_fields(&self) -> Vec<(&'static str, Value)> {
        let Some((field, start)) = self.size else {
            return Vec::new();
        };
        let value = ((start * f64::from(self.factor) * 1000.0).round() / 1000.0).max(0.001);
        if (value - start).abs() < 0.0005 {
            return Vec::new();
        }
        vec![(field, Value::from(value))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit_drag::written;

    #[test]
    fn the_nearest_point_on_a_handle_follows_the_ray_and_none_along_it() {
        // A handle along x through the origin; a ray straight down at x = 2.
        let t = nearest_on_line(Vec3::ZERO, Vec3::X, Vec3::new(2.0, 5.0, 0.0), -Vec3::Y);
        assert!((t.expect("across") - 2.0).abs() < 1e-5);
        // A slanted ray from (0, 2, 4) through (-1.5, 0, 1): nearest the x axis where
        // (2 - 2u)² + (4 - 3u)² is least, u = 16/13, at x = -1.5 u.
        let eye = Vec3::new(0.0, 2.0, 4.0);
        let toward = (Vec3::new(-1.5, 0.0, 1.0) - eye).normalize();
        let t = nearest_on_line(Vec3::ZERO, Vec3::X, eye, toward).expect("across");
        assert!((t + 1.5 * 16.0 / 13.0).abs() < 1e-4, "{t}");
        assert_eq!(
            nearest_on_line(Vec3::ZERO, Vec3::X, Vec3::new(-3.0, 0.0, 0.0), Vec3::X),
            None
        );
    }

    #[test]
    fn headings_turn_counter_clockwise_seen_from_above() {
        assert!(heading(Vec2::new(1.0, 0.0)).abs() < 1e-5);
        // -z is 90° counter-clockwise from +x seen from above (+y).
        assert!((heading(Vec2::new(0.0, -1.0)) - 90.0).abs() < 1e-5);
        assert!((heading(Vec2::new(0.0, 1.0)) + 90.0).abs() < 1e-5);
    }

    #[test]
    fn the_knob_scales_by_how_far_it_is_dragged_and_on_the_grid_with_ctrl() {
        let gizmo = Gizmo {
            origin: Vec3::ZERO,
            handles: vec![(
                Handle::Scale,
                Shape::Knob {
                    at: Vec3::new(0.0, 2.0, 0.0),
                },
            )],
        };
        let eye = Vec3::new(0.0, 1.0, 5.0);
        let at = |y: f32| (Vec3::new(0.0, y, 0.0) - eye).normalize();
        let mut grip =
            Grip::start(Handle::Scale, &gizmo, Some(("height", 1.2)), eye, at(2.0)).expect("gripped");
        assert!(grip.scale(3.0, false));
        assert!((grip.factor - 1.5).abs() < 1e-4, "{}", grip.factor);
        assert_eq!(written(grip.changed_fields()), vec![("height", "1.8".to_owned())]);
        // 1.2 × 1.4 = 1.68 m, on the grid 1.7 m.
        assert!(grip.scale(2.8, true));
        assert_eq!(written(grip.changed_fields()), vec![("height", "1.7".to_owned())]);
        // Back where it began: no edit.
        grip.scale(2.0, false);
        assert!(grip.changed_fields().is_empty());
        // Far past the limits.
        grip.scale(1000.0, false);
        assert_eq!(grip.factor, SCALE_LIMITS.1);
    }
}
