//! Dragging a model across the floor in edit mode: the ray from the cursor meets the
//! level plane through the point of the model's box where it was grabbed (so the model
//! stays under the cursor), and the model's origin
//! follows the point met (with Ctrl held, on a 10 cm grid). R and Shift+R turn it by
//! [`ROTATION_STEP_DEGREES`] while it is held. The model keeps its height above the floor
//! or its pedestal's top (the venue file's `position[1]`), so it always stands on them.
//! While the button is held only the model's node moves; the release makes one edit of
//! its `position` (and `rotation`).

use super::wall_drag::{GRID_STEP, LEAST_MOVE};
use museion_scene::glam::{Mat4, Quat, Vec2, Vec3};
use museion_scene::{Aabb, NodeId, Scene, Transform};
use museion_venue::CompiledVenue;
use museion_venue::toml_edit::{Array, Value};

/// How far R and Shift+R turn a model, degrees.
pub const ROTATION_STEP_DEGREES: f32 = 15.0;

/// A model being dragged.
#[derive(Clone, Debug)]
pub(super) struct FloorDrag {
    /// The model's id.
    pub id: String,
    node: NodeId,
    /// The world transforms of the node's parent (the room) and of the node at the start.
    parent: Mat4,
    start_world: Mat4,
    /// The height of the plane the cursor's ray meets: where it was grabbed.
    plane: f32,
    /// From the point grabbed to the model's origin, `(x, z)`.
    grab: Vec2,
    /// The model's origin `(x, z)` as the file gives it, at the start and now.
    pub start: Vec2,
    pub now: Vec2,
    /// The file's heading (`rotation[1]`, degrees), if it gives one.
    start_yaw: Option<f32>,
    /// Steps of [`ROTATION_STEP_DEGREES`] turned since the start (positive: counter-clockwise
    /// seen from above).
    turns: i32,
}

/// Where the ray from `origin` along `direction` meets the level plane at `height`, as
/// `(x, z)`; `None` when it runs parallel to it or away from it.
pub(super) fn level_hit(origin: Vec3, direction: Vec3, height: f32) -> Option<Vec2> {
    if direction.y.abs() < 1e-6 {
        return None;
    }
    let distance = (height - origin.y) / direction.y;
    let at = origin + direction * distance;
    (distance > 0.0).then_some(Vec2::new(at.x, at.z))
}

/// Where the ray from `origin` along `direction` enters `bounds` (or the origin, when
/// it starts inside); `None` when it misses.
pub(super) fn box_entry(origin: Vec3, direction: Vec3, bounds: &Aabb) -> Option<Vec3> {
    let inverse = direction.recip();
    let (a, b) = ((bounds.min - origin) * inverse, (bounds.max - origin) * inverse);
    let (near, far) = (a.min(b), a.max(b));
    let enter = near.max_element().max(0.0);
    let leave = far.min_element();
    (enter <= leave && enter.is_finite()).then(|| origin + direction * enter)
}

impl FloorDrag {
    /// Starts dragging exhibit `index` of `venue`, a model whose file gives its origin at
    /// `position` (`(x, z)`) and heading `yaw` (degrees, if given), grabbed where the ray
    /// from `origin` along `direction` enters its box (its middle, if it misses it).
    pub fn start(
        venue: &CompiledVenue,
        index: usize,
        position: Vec2,
        yaw: Option<f32>,
        origin: Vec3,
        direction: Vec3,
    ) -> Option<Self> {
        let exhibit = venue.exhibits.get(index)?;
        let node = exhibit.node;
        let world = venue.scene.world_matrix(node)?;
        let local = venue.scene.local_transform(node)?.matrix();
        let plane = box_entry(origin, direction, &exhibit.bounds).map_or(exhibit.bounds.center().y, |p| p.y);
        let hit = level_hit(origin, direction, plane)?;
        Some(Self {
            id: exhibit.id.clone(),
            node,
            parent: world * local.inverse(),
            start_world: world,
            plane,
            grab: position - hit,
            start: position,
            now: position,
            start_yaw: yaw,
            turns: 0,
        })
    }

    /// Follows the cursor's ray, on the grid when `grid`; returns whether the model moved.
    pub fn follow(&mut self, origin: Vec3, direction: Vec3, grid: bool) -> bool {
        let Some(hit) = level_hit(origin, direction, self.plane) else {
            return false;
        };
        let mut next = hit + self.grab;
        if grid {
            next = (next / GRID_STEP).round() * GRID_STEP;
        }
        let moved = next != self.now;
        self.now = next;
        moved
    }

    /// Turns the model by `steps` of [`ROTATION_STEP_DEGREES`].
    pub fn turn(&mut self, steps: i32) {
        self.turns += steps;
    }

    /// Moves the model's node to where the drag has it now.
    pub fn preview(&self, scene: &mut Scene) {
        self.show(scene, self.now, self.turns);
    }

    /// Puts the model's node back where the drag began.
    pub fn cancel(&self, scene: &mut Scene) {
        self.show(scene, self.start, 0);
    }

    fn show(&self, scene: &mut Scene, at: Vec2, turns: i32) {
        let pivot = self.start_world.w_axis.truncate();
        let moved = Vec3::new(at.x - self.start.x, 0.0, at.y - self.start.y);
        let turn = Quat::from_rotation_y((turns as f32 * ROTATION_STEP_DEGREES).to_radians());
        let world = Mat4::from_translation(pivot + moved)
            * Mat4::from_quat(turn)
            * Mat4::from_translation(-pivot)
            * self.start_world;
        let local = Transform::from_matrix(self.parent.inverse() * world);
        if scene.set_transform(self.node, local).is_ok() {
            scene.update_transforms();
        }
    }

    /// The fields the drag changed, as the file should have them (metres rounded to the
    /// millimetre): `position[0]`, `position[2]`, and the heading; empty when nothing
    /// changed. An axis moved less than [`LEAST_MOVE`] is left as it was.
    pub fn changed_fields(&self) -> Vec<(&'static str, Value)> {
        let millimetres = |metres: f32| Value::from((f64::from(metres) * 1000.0).round() / 1000.0);
        let mut fields = Vec::new();
        if (self.now.x - self.start.x).abs() >= LEAST_MOVE {
            fields.push(("position[0]", millimetres(self.now.x)));
        }
        if (self.now.y - self.start.y).abs() >= LEAST_MOVE {
            fields.push(("position[2]", millimetres(self.now.y)));
        }
        if self.turns != 0 {
            fields.push(heading_field(self.start_yaw, self.turns));
        }
        fields
    }
}

/// The field that turns a model whose file gives heading `yaw` (degrees, if it does) by
/// `steps` of [`ROTATION_STEP_DEGREES`]: `rotation[1]`, or a whole `rotation` where the
/// file has none. The heading is kept within ±180°.
pub(super) fn heading_field(yaw: Option<f32>, steps: i32) -> (&'static str, Value) {
    let turned = yaw.unwrap_or(0.0) + steps as f32 * ROTATION_STEP_DEGREES;
    let wrapped = f64::from((turned + 180.0).rem_euclid(360.0) - 180.0);
    let degrees = (wrapped * 1000.0).round() / 1000.0;
    match yaw {
        Some(_) => ("rotation[1]", Value::from(degrees)),
        None => ("rotation", Value::Array(Array::from_iter([0.0, degrees, 0.0]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_meets_the_level_plane_ahead_only() {
        let eye = Vec3::new(0.0, 1.6, 0.0);
        let down_ahead = Vec3::new(0.0, -1.0, -1.0).normalize();
        let hit = level_hit(eye, down_ahead, 0.6).expect("ahead");
        assert!(hit.abs_diff_eq(Vec2::new(0.0, -1.0), 1e-5), "{hit}");
        assert_eq!(level_hit(eye, Vec3::new(0.0, 1.0, -1.0).normalize(), 0.6), None);
        assert_eq!(level_hit(eye, -Vec3::Z, 0.6), None);
    }

    #[test]
    fn the_grab_is_where_the_ray_enters_the_box() {
        let bounds = Aabb {
            min: Vec3::new(-0.5, 0.0, -0.5),
            max: Vec3::new(0.5, 2.0, 0.5),
        };
        let eye = Vec3::new(0.0, 1.5, 3.0);
        let entry = box_entry(eye, -Vec3::Z, &bounds).expect("ahead");
        assert!(entry.abs_diff_eq(Vec3::new(0.0, 1.5, 0.5), 1e-5), "{entry}");
        assert_eq!(box_entry(eye, Vec3::Z, &bounds), None, "behind");
        assert_eq!(
            box_entry(eye, Vec3::new(1.0, 0.0, -1.0).normalize(), &bounds),
            None
        );
        let inside = Vec3::new(0.0, 1.0, 0.0);
        assert_eq!(box_entry(inside, Vec3::X, &bounds), Some(inside));
    }

    #[test]
    fn a_turn_writes_the_heading_the_file_has_or_a_whole_rotation() {
        let (field, value) = heading_field(Some(-90.0), 1);
        assert_eq!((field, value.to_string()), ("rotation[1]", "-75.0".to_owned()));
        let (field, value) = heading_field(Some(170.0), 2);
        assert_eq!((field, value.to_string()), ("rotation[1]", "-160.0".to_owned()));
        let (field, value) = heading_field(None, -1);
        assert_eq!(
            (field, value.to_string()),
            ("rotation", "[0.0, -15.0, 0.0]".to_owned())
        );
    }
}
