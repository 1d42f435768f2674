//! Dragging a model across the floor in edit mode: the ray from the cursor meets the
//! level plane through the point of the model's box where it was grabbed (so the model
//! stays under the cursor), and the model's origin follows the point met. It lines up
//! with the other models of its room (their pedestals' centres) and the room's middle
//! when it comes within [`SNAP_PIXELS`](super::wall_drag::SNAP_PIXELS) of them, or with
//! Ctrl held stays on a 10 cm grid. R and Shift+R turn it by [`ROTATION_STEP_DEGREES`]
//! while it is held; the gizmo's ring (`gizmo.rs`) turns it freely. The model keeps its
//! height above the floor or its pedestal's top (the venue file's `position[1]`), so it
//! always stands on them: the format puts a pedestal under its own model only, so a
//! model is not moved onto another's. While the button is held only the model's node
//! moves; the release makes one edit of its `position` (and `rotation`).

use super::wall_drag::{LEAST_MOVE, Snapping};
use museion_scene::glam::{Mat4, Quat, Vec2, Vec3};
use museion_scene::{Aabb, NodeId, Scene, Transform};
use museion_venue::toml_edit::{Array, Value};
use museion_venue::{CompiledVenue, ExhibitSurface};

/// How far R and Shift+R turn a model, degrees.
pub const ROTATION_STEP_DEGREES: f32 = 15.0;

/// A model being dragged.
#[derive(Clone, Debug)]
pub(super) struct FloorDrag {
    /// The model's id.
    pub id: String,
    pub node: NodeId,
    /// The world transforms of the node's parent (the room) and of the node at the start.
    parent: Mat4,
    pub start_world: Mat4,
    /// The height of the plane the cursor's ray meets: where it was grabbed.
    plane: f32,
    /// The middle of the base of the model's box at the start.
    base: Vec3,
    /// From the point grabbed to the model's origin, `(x, z)`.
    grab: Vec2,
    /// The model's origin `(x, z)` as the file gives it, at the start and now.
    pub start: Vec2,
    pub now: Vec2,
    /// The file's heading (`rotation[1]`, degrees), if it gives one.
    start_yaw: Option<f32>,
    /// Degrees turned since the start (positive: counter-clockwise seen from above).
    pub turned: f32,
    /// What the model's `x` and `z` line up with: those of the other models of its room
    /// and the room's middle.
    lines: (Vec<f32>, Vec<f32>),
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
        let mut drag = Self::held(venue, index, position, yaw)?;
        let bounds = &venue.exhibits.get(index)?.bounds;
        drag.plane = box_entry(origin, direction, bounds).map_or(bounds.center().y, |p| p.y);
        drag.grab = position - level_hit(origin, direction, drag.plane)?;
        Some(drag)
    }

    /// Starts dragging exhibit `index` of `venue` as [`Self::start`] does, by a handle
    /// of the gizmo (see [`Self::place`] and [`Self::turned`]).
    pub fn held(venue: &CompiledVenue, index: usize, position: Vec2, yaw: Option<f32>) -> Option<Self> {
        let exhibit = venue.exhibits.get(index)?;
        let node = exhibit.node;
        let world = venue.scene.world_matrix(node)?;
        let local = venue.scene.local_transform(node)?.matrix();
        // The model's own box, above its pedestal: it scales about its base.
        let bounds = match exhibit.surface {
            ExhibitSurface::Object { bounds, .. } => bounds,
            ExhibitSurface::Canvas { .. } => exhibit.bounds,
        };
        Some(Self {
            id: exhibit.id.clone(),
            node,
            parent: world * local.inverse(),
            start_world: world,
            plane: exhibit.bounds.min.y,
            base: Vec3::new(bounds.center().x, bounds.min.y, bounds.center().z),
            grab: Vec2::ZERO,
            start: position,
            now: position,
            start_yaw: yaw,
            turned: 0.0,
            lines: (Vec::new(), Vec::new()),
        })
    }

    /// Lines the model up with `others` (the `(x, z)` of the other models of its room)
    /// and the middle of the room's `floor` polygon.
    pub fn line_up_with(mut self, others: &[Vec2], floor: &[Vec2]) -> Self {
        let (xs, zs): (Vec<f32>, Vec<f32>) = others.iter().map(|p| (p.x, p.y)).unzip();
        self.lines = (xs, zs);
        if let Some(first) = floor.first() {
            let (min, max) = floor
                .iter()
                .fold((*first, *first), |(lo, hi), p| (lo.min(*p), hi.max(*p)));
            let middle = (min + max) * 0.5;
            self.lines.0.push(middle.x);
            self.lines.1.push(middle.y);
        }
        self
    }

    /// Follows the cursor's ray; `snapping` gives the snapping radius for a distance
    /// (see [`Snapping::on_screen`]). Returns whether the model moved.
    pub fn follow(&mut self, origin: Vec3, direction: Vec3, snapping: impl Fn(f32) -> Snapping) -> bool {
        let Some(hit) = level_hit(origin, direction, self.plane) else {
            return false;
        };
        let distance = origin.distance(Vec3::new(hit.x, self.plane, hit.y));
        self.place(hit + self.grab, snapping(distance), (true, true))
    }

    /// Puts the model's origin at `at` (`(x, z)`), lined up or on the grid by
    /// `snapping` along the axes `snapped` says (x, z; the others stay as `at` has them,
    /// so that a handle along x does not move the model along z); returns whether it
    /// moved.
    pub fn place(&mut self, at: Vec2, snapping: Snapping, snapped: (bool, bool)) -> bool {
        let snap = |value: f32, lines: &[f32], on: bool| {
            if on {
                snapping.snap(value, f32::NEG_INFINITY, f32::INFINITY, lines)
            } else {
                value
            }
        };
        let next = Vec2::new(
            snap(at.x, &self.lines.0, snapped.0),
            snap(at.y, &self.lines.1, snapped.1),
        );
        let moved = next != self.now;
        self.now = next;
        moved
    }

    /// Turns the model by `steps` of [`ROTATION_STEP_DEGREES`].
    pub fn turn(&mut self, steps: i32) {
        self.turned += steps as f32 * ROTATION_STEP_DEGREES;
    }

    /// Moves the model's node to where the drag has it now.
    pub fn preview(&self, scene: &mut Scene) {
        self.show(scene, self.now, self.turned, 1.0);
    }

    /// Moves the model's node to where the drag has it now, `factor` times its size about
    /// the middle of its box's base (the gizmo's scale handle; its pedestal is scaled
    /// with it until the release compiles it as the file then says).
    pub fn preview_scaled(&self, scene: &mut Scene, factor: f32) {
        self.show(scene, self.now, self.turned, factor);
    }

    /// Puts the model's node back where the drag began.
    pub fn cancel(&self, scene: &mut Scene) {
        self.show(scene, self.start, 0.0, 1.0);
    }

    fn show(&self, scene: &mut Scene, at: Vec2, turned: f32, factor: f32) {
        let pivot = self.start_world.w_axis.truncate();
        let moved = Vec3::new(at.x - self.start.x, 0.0, at.y - self.start.y);
        let about = |point: Vec3, change: Mat4| {
            Mat4::from_translation(point) * change * Mat4::from_translation(-point)
        };
        let world = Mat4::from_translation(moved)
            * about(self.base, Mat4::from_scale(Vec3::splat(factor)))
            * about(pivot, Mat4::from_quat(Quat::from_rotation_y(turned.to_radians())))
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
        if self.turned.abs() >= HEADING_PRECISION {
            fields.push(heading_field(self.start_yaw, self.turned));
        }
        fields
    }
}

/// The heading's precision in the file, degrees: a turn is written rounded to it, and a
/// smaller one is no turn.
pub const HEADING_PRECISION: f32 = 0.1;

/// The field that turns a model whose file gives heading `yaw` (degrees, if it does) by
/// `turned` degrees: `rotation[1]`, or a whole `rotation` where the file has none. The
/// heading is kept within ±180° and rounded to [`HEADING_PRECISION`].
pub(super) fn heading_field(yaw: Option<f32>, turned: f32) -> (&'static str, Value) {
    let heading = yaw.unwrap_or(0.0) + turned;
    let wrapped = f64::from((heading + 180.0).rem_euclid(360.0) - 180.0);
    let degrees = (wrapped * 10.0).round() / 10.0;
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
        let (field, value) = heading_field(Some(-90.0), 15.0);
        assert_eq!((field, value.to_string()), ("rotation[1]", "-75.0".to_owned()));
        let (field, value) = heading_field(Some(170.0), 30.0);
        assert_eq!((field, value.to_string()), ("rotation[1]", "-160.0".to_owned()));
        let (field, value) = heading_field(Some(10.0), 12.34);
        assert_eq!((field, value.to_string()), ("rotation[1]", "22.3".to_owned()));
        let (field, value) = heading_field(None, -15.0);
        assert_eq!(
            (field, value.to_string()),
            ("rotation", "[0.0, -15.0, 0.0]".to_owned())
        );
    }
}
