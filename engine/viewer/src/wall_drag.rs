//! Dragging an artwork along the walls of its room in edit mode: the ray from the
//! cursor meets the nearest wall facing it, the point met becomes the artwork's offset
//! along that wall and its height, and the result snaps to the wall's ends, its middle
//! and eye height (or, with Ctrl held, to a grid). Past a corner the ray meets the
//! neighbouring wall, and the artwork goes onto it. While the button is held only the
//! artwork's node moves (a preview); the release makes one edit.

use museion_scene::glam::{Mat3, Mat4, Quat, Vec2, Vec3};
use museion_scene::{NodeId, Scene, Transform};
use museion_venue::document::defaults::ARTWORK_CENTER_HEIGHT;
use museion_venue::toml_edit::Value;
use museion_venue::{CompiledVenue, ExhibitSurface};

/// How near, in pixels on screen, a dragged exhibit snaps to a wall's end, its middle
/// or eye height.
pub const SNAP_PIXELS: f32 = 6.0;
/// The grid a drag snaps to with Ctrl held, metres.
pub const GRID_STEP: f32 = 0.1;
/// A drag that moves an exhibit less than this along an axis leaves that axis's field
/// as the file has it, metres: the cursor's ray is unprojected in single precision, and
/// a level drag should not write a height (or depth) a millimetre off.
pub const LEAST_MOVE: f32 = 0.005;

/// One wall of a room: from corner `a` to corner `b` of its floor (`(x, z)`), its face
/// `inward` (unit, into the room) of the wall's centre line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Wall {
    pub a: Vec2,
    pub b: Vec2,
    pub inward: Vec2,
}

impl Wall {
    fn length(&self) -> f32 {
        self.a.distance(self.b)
    }

    fn direction(&self) -> Vec2 {
        (self.b - self.a).normalize_or_zero()
    }
}

/// The walls of a floor polygon, their inward sides taken from one wall whose inward
/// normal is known (`known`, `known_inward`): the polygon's corners go round one way, so
/// every wall's inside is on the same hand.
pub(super) fn room_walls(floor: &[Vec2], known: usize, known_inward: Vec2) -> Vec<Wall> {
    let n = floor.len();
    let left = |a: Vec2, b: Vec2| (b - a).normalize_or_zero().perp();
    let hand = if n > 1 && left(floor[known % n], floor[(known + 1) % n]).dot(known_inward) < 0.0 {
        -1.0
    } else {
        1.0
    };
    (0..n)
        .map(|i| {
            let (a, b) = (floor[i], floor[(i + 1) % n]);
            Wall {
                a,
                b,
                inward: left(a, b) * hand,
            }
        })
        .collect()
}

/// Where an artwork hangs: the wall's index, the offset of its centre from the wall's
/// first corner and the height of its centre above the floor, metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Hanging {
    pub wall: usize,
    pub offset: f32,
    pub height: f32,
}

/// How many metres a pixel spans at `distance` from a camera with vertical field of
/// view `yfov` on a view `height` pixels high.
pub(super) fn metres_per_pixel(distance: f32, yfov: f32, height: u32) -> f32 {
    2.0 * distance * (yfov * 0.5).tan() / height.max(1) as f32
}

/// What [`ArtworkDrag::place`] keeps as asked, unsnapped: a handle that moves an artwork
/// along its wall keeps its height, one that moves it up keeps its offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kept {
    Neither,
    Offset,
    Height,
}

/// How a drag snaps: within `radius` metres to its targets, or with `grid` to
/// [`GRID_STEP`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Snapping {
    pub radius: f32,
    pub grid: bool,
}

impl Snapping {
    /// The snapping radius for a point `distance` metres from a camera with vertical
    /// field of view `yfov` on a view `height` pixels high: [`SNAP_PIXELS`] there.
    pub fn on_screen(distance: f32, yfov: f32, height: u32, grid: bool) -> Self {
        Self {
            radius: SNAP_PIXELS * metres_per_pixel(distance, yfov, height),
            grid,
        }
    }

    /// How a drag snaps at each distance on a `view` of this many pixels high and this
    /// vertical field of view, on the grid when `grid` (see [`Self::on_screen`]).
    pub fn on_view(view: (u32, f32), grid: bool) -> impl Fn(f32) -> Self + Copy {
        let (height, yfov) = view;
        move |distance| Self::on_screen(distance, yfov, height, grid)
    }

    /// `value` snapped (to the grid, or the nearest of `targets` within the radius),
    /// then kept within `min..=max`.
    pub fn snap(&self, value: f32, min: f32, max: f32, targets: &[f32]) -> f32 {
        let snapped = if self.grid {
            (value / GRID_STEP).round() * GRID_STEP
        } else {
            targets
                .iter()
                .copied()
                .filter(|t| (t - value).abs() <= self.radius)
                .min_by(|a, b| (a - value).abs().total_cmp(&(b - value).abs()))
                .unwrap_or(value)
        };
        if min <= max {
            snapped.clamp(min, max)
        } else {
            value
        }
    }
}

/// A room's walls with the heights a drag needs.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct WallRoom {
    pub walls: Vec<Wall>,
    /// Height of the floor, metres.
    pub elevation: f32,
    /// Floor to ceiling, metres.
    pub height: f32,
    /// How far a wall's face stands off its centre line: half its thickness, metres.
    pub face: f32,
}

/// Where a ray meets a wall: which wall, how far along it and above the floor, and how
/// far from the ray's origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct WallHit {
    pub wall: usize,
    pub along: f32,
    pub up: f32,
    pub distance: f32,
}

impl WallRoom {
    /// The nearest wall face the ray from `origin` along `direction` meets from inside
    /// the room, within the wall's length.
    pub fn hit(&self, origin: Vec3, direction: Vec3) -> Option<WallHit> {
        self.walls
            .iter()
            .enumerate()
            .filter_map(|(index, wall)| {
                let normal = Vec3::new(wall.inward.x, 0.0, wall.inward.y);
                let facing = direction.dot(normal);
                if facing >= -1e-6 {
                    return None;
                }
                let on_face = wall.a + wall.inward * self.face;
                let point = Vec3::new(on_face.x, self.elevation, on_face.y);
                let distance = (point - origin).dot(normal) / facing;
                let at = origin + direction * distance;
                let along = (Vec2::new(at.x, at.z) - wall.a).dot(wall.direction());
                (distance > 0.0 && (0.0..=wall.length()).contains(&along)).then_some(WallHit {
                    wall: index,
                    along,
                    up: at.y - self.elevation,
                    distance,
                })
            })
            .min_by(|a, b| a.distance.total_cmp(&b.distance))
    }

    /// An artwork of half extents `half` (width, height, frame included) at `hanging`,
    /// snapped and kept on its wall and between floor and ceiling; `None` for a wall the
    /// room lacks. The targets: each end with the frame's edge at the face of the wall
    /// beside it, the middle of the wall, and the centre at eye height (the format's
    /// default `center_height`).
    pub fn snapped(&self, hanging: Hanging, half: Vec2, snapping: Snapping) -> Option<Hanging> {
        let wall = self.walls.get(hanging.wall)?;
        let length = wall.length();
        let (low, high) = (half.x, length - half.x);
        let ends = [low + self.face, high - self.face, length * 0.5];
        let offset = snapping.snap(hanging.offset, low, high, &ends);
        let height = snapping.snap(
            hanging.height,
            half.y,
            self.height - half.y,
            &[ARTWORK_CENTER_HEIGHT],
        );
        Some(Hanging {
            wall: hanging.wall,
            offset,
            height,
        })
    }

    /// The artwork node's world transform at `hanging`, as the venue compiler places it:
    /// its origin on the wall's face, +Z into the room, +X to the visitor's right.
    pub fn transform(&self, hanging: Hanging) -> Option<Transform> {
        let wall = self.walls.get(hanging.wall)?;
        let on_wall = wall.a + wall.direction() * hanging.offset + wall.inward * self.face;
        let normal = Vec3::new(wall.inward.x, 0.0, wall.inward.y);
        let right = Vec3::Y.cross(normal);
        Some(Transform {
            translation: Vec3::new(on_wall.x, self.elevation + hanging.height, on_wall.y),
            rotation: Quat::from_mat3(&Mat3::from_cols(right, Vec3::Y, normal)),
            scale: Vec3::ONE,
        })
    }
}

/// An artwork being dragged.
#[derive(Clone, Debug)]
pub(super) struct ArtworkDrag {
    /// The artwork's id.
    pub id: String,
    pub node: NodeId,
    room: WallRoom,
    /// Half the framed artwork's width and height.
    half: Vec2,
    /// From the point grabbed to the artwork's centre: along the wall and up.
    grab: Vec2,
    /// Where it hung when the drag began.
    pub start: Hanging,
    /// Where it hangs now (shown by the preview).
    pub now: Hanging,
    /// The world transform of the node's parent (the room).
    parent: Mat4,
}

impl ArtworkDrag {
    /// Starts dragging exhibit `index` of `venue`, an artwork on wall `wall` of its
    /// room, grabbed where the ray from `origin` along `direction` meets that wall.
    /// `None` when it is no artwork or the ray misses its wall.
    pub fn start(
        venue: &CompiledVenue,
        index: usize,
        wall: usize,
        origin: Vec3,
        direction: Vec3,
    ) -> Option<Self> {
        let mut drag = Self::held(venue, index, wall)?;
        let hit = drag.room.hit(origin, direction).filter(|h| h.wall == wall)?;
        drag.grab = Vec2::new(drag.start.offset - hit.along, drag.start.height - hit.up);
        Some(drag)
    }

    /// Starts dragging exhibit `index` of `venue`, an artwork on wall `wall` of its
    /// room, by a handle of the gizmo (see [`Self::place`]); `None` when it is no
    /// artwork.
    pub fn held(venue: &CompiledVenue, index: usize, wall: usize) -> Option<Self> {
        let exhibit = venue.exhibits.get(index)?;
        let ExhibitSurface::Canvas { normal, right, .. } = exhibit.surface else {
            return None;
        };
        let room = venue
            .rooms
            .iter()
            .find(|r| Some(&r.id) == exhibit.room.as_ref())?;
        let room = WallRoom {
            walls: room_walls(&room.floor, wall, Vec2::new(normal.x, normal.z)),
            elevation: room.elevation,
            height: room.height,
            face: venue.wall_thickness * 0.5,
        };
        let node = exhibit.node;
        let world = venue.scene.world_matrix(node)?;
        let local = venue.scene.local_transform(node)?.matrix();
        let parent = world * local.inverse();
        let centre = world.w_axis.truncate();
        let on_wall = room.walls.get(wall)?;
        let start = Hanging {
            wall,
            offset: (Vec2::new(centre.x, centre.z) - on_wall.a).dot(on_wall.direction()),
            height: centre.y - room.elevation,
        };
        let size = exhibit.bounds.max - exhibit.bounds.min;
        let half = Vec2::new(
            (right.x.abs() * size.x + right.z.abs() * size.z) * 0.5,
            size.y * 0.5,
        );
        Some(Self {
            id: exhibit.id.clone(),
            node,
            room,
            half,
            grab: Vec2::ZERO,
            start,
            now: start,
            parent,
        })
    }

    /// The artwork node's world matrix where the drag began.
    pub fn start_world(&self) -> Mat4 {
        self.room
            .transform(self.start)
            .map_or(Mat4::IDENTITY, |t| t.matrix())
    }

    /// The way the artwork's `offset` grows along its wall at the start, in the world.
    pub fn along(&self) -> Vec3 {
        self.room.walls.get(self.start.wall).map_or(Vec3::X, |wall| {
            Vec3::new(wall.direction().x, 0.0, wall.direction().y)
        })
    }

    /// Follows the cursor's ray; `snapping` gives the snapping radius for a distance
    /// (see [`Snapping::on_screen`]). Returns whether the artwork moved. A ray that
    /// meets no wall leaves it where it is.
    pub fn follow(&mut self, origin: Vec3, direction: Vec3, snapping: impl Fn(f32) -> Snapping) -> bool {
        let Some(hit) = self.room.hit(origin, direction) else {
            return false;
        };
        let wanted = Hanging {
            wall: hit.wall,
            offset: hit.along + self.grab.x,
            height: hit.up + self.grab.y,
        };
        self.place(wanted, snapping(hit.distance), Kept::Neither)
    }

    /// Moves the artwork to `wanted`, snapped by `snapping` but for what `kept` says to
    /// keep as `wanted` has it; returns whether it moved.
    pub fn place(&mut self, wanted: Hanging, snapping: Snapping, kept: Kept) -> bool {
        let Some(mut next) = self.room.snapped(wanted, self.half, snapping) else {
            return false;
        };
        match kept {
            Kept::Offset => next.offset = wanted.offset,
            Kept::Height => next.height = wanted.height,
            Kept::Neither => {}
        }
        let moved = next != self.now;
        self.now = next;
        moved
    }

    /// Moves the artwork's node to where the drag has it now.
    pub fn preview(&self, scene: &mut Scene) {
        self.show(scene, self.now, 1.0);
    }

    /// Moves the artwork's node to where the drag has it now, `factor` times its size
    /// about its centre (the gizmo's scale handle).
    pub fn preview_scaled(&self, scene: &mut Scene, factor: f32) {
        self.show(scene, self.now, factor);
    }

    /// Puts the artwork's node back where the drag began.
    pub fn cancel(&self, scene: &mut Scene) {
        self.show(scene, self.start, 1.0);
    }

    fn show(&self, scene: &mut Scene, hanging: Hanging, factor: f32) {
        let Some(mut world) = self.room.transform(hanging) else {
            return;
        };
        world.scale *= factor;
        let local = Transform::from_matrix(self.parent.inverse() * world.matrix());
        if scene.set_transform(self.node, local).is_ok() {
            scene.update_transforms();
        }
    }

    /// The fields the drag changed, as the file should have them (metres rounded to
    /// the millimetre); empty when it ends where it began. An axis moved less than
    /// [`LEAST_MOVE`] is left as it was.
    pub fn changed_fields(&self) -> Vec<(&'static str, Value)> {
        let millimetres = |metres: f32| Value::from((f64::from(metres) * 1000.0).round() / 1000.0);
        let other_wall = self.now.wall != self.start.wall;
        let mut fields = Vec::new();
        if other_wall {
            fields.push(("wall", Value::from(self.now.wall as i64)));
        }
        if other_wall || (self.now.offset - self.start.offset).abs() >= LEAST_MOVE {
            fields.push(("offset", millimetres(self.now.offset)));
        }
        if (self.now.height - self.start.height).abs() >= LEAST_MOVE {
            fields.push(("center_height", millimetres(self.now.height)));
        }
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 6 × 5 m room, corners counter-clockwise from (0, 0); wall 0 runs along x
    /// with the room on its +z side.
    fn room() -> WallRoom {
        let floor = [
            Vec2::new(0.0, 0.0),
            Vec2::new(6.0, 0.0),
            Vec2::new(6.0, 5.0),
            Vec2::new(0.0, 5.0),
        ];
        WallRoom {
            walls: room_walls(&floor, 0, Vec2::Y),
            elevation: 0.0,
            height: 3.0,
            face: 0.1,
        }
    }

    #[test]
    fn every_wall_faces_into_the_room() {
        let room = room();
        let inward: Vec<Vec2> = room.walls.iter().map(|w| w.inward).collect();
        assert!(inward[0].abs_diff_eq(Vec2::Y, 1e-6), "{inward:?}");
        assert!(inward[1].abs_diff_eq(-Vec2::X, 1e-6), "{inward:?}");
        assert!(inward[2].abs_diff_eq(-Vec2::Y, 1e-6), "{inward:?}");
        assert!(inward[3].abs_diff_eq(Vec2::X, 1e-6), "{inward:?}");
        // Told from the other hand, the same walls face the other way.
        let outside = room_walls(&[Vec2::ZERO, Vec2::X, Vec2::ONE], 0, -Vec2::Y);
        assert!(outside[0].inward.abs_diff_eq(-Vec2::Y, 1e-6));
    }

    #[test]
    fn a_ray_meets_the_nearest_wall_facing_it_and_round_the_corner_the_next() {
        let room = room();
        let eye = Vec3::new(3.0, 1.5, 3.0);
        let hit = room.hit(eye, -Vec3::Z).expect("the south wall");
        assert_eq!(hit.wall, 0);
        assert!((hit.along - 3.0).abs() < 1e-5 && (hit.up - 1.5).abs() < 1e-5);
        assert!((hit.distance - 2.9).abs() < 1e-5, "{hit:?}");
        // Toward the south-east corner, past the south wall's end: the east wall.
        let hit = room
            .hit(eye, Vec3::new(4.0, 0.0, -2.95).normalize())
            .expect("the east wall");
        assert_eq!(hit.wall, 1);
        assert!(hit.along < 1.0, "{hit:?}");
        // Straight up meets no wall.
        assert_eq!(room.hit(eye, Vec3::Y), None);
    }

    #[test]
    fn drags_snap_to_the_ends_the_middle_and_eye_height_or_to_the_grid() {
        let room = room();
        let half = Vec2::new(0.5, 0.4);
        let loose = Snapping {
            radius: 0.05,
            grid: false,
        };
        let at = |offset, height| Hanging {
            wall: 0,
            offset,
            height,
        };
        let snapped = |h, s| room.snapped(h, half, s).expect("wall 0");
        let near = |a: f32, b: f32| (a - b).abs() < 1e-5;
        // Near the west end: the frame's edge at the face of the west wall.
        assert!(near(snapped(at(0.63, 1.7), loose).offset, 0.6));
        assert!(near(snapped(at(5.38, 1.7), loose).offset, 5.4));
        assert!(near(snapped(at(3.04, 1.7), loose).offset, 3.0));
        assert!(near(snapped(at(3.04, 1.53), loose).height, 1.5));
        // Away from every target the value stays; past the end it is held at it.
        assert_eq!(snapped(at(2.2, 1.7), loose), at(2.2, 1.7));
        assert_eq!(snapped(at(-3.0, 9.0), loose), at(0.5, 2.6));
        // The grid wins over the targets.
        let grid = Snapping {
            radius: 0.05,
            grid: true,
        };
        let h = snapped(at(2.26, 1.53), grid);
        assert!(
            (h.offset - 2.3).abs() < 1e-5 && (h.height - 1.5).abs() < 1e-5,
            "{h:?}"
        );
        // The radius grows with the distance seen.
        let near = Snapping::on_screen(1.0, 0.7, 600, false).radius;
        let far = Snapping::on_screen(4.0, 0.7, 600, false).radius;
        assert!((far / near - 4.0).abs() < 1e-4 && near > 0.0);
    }

    #[test]
    fn the_preview_transform_is_the_compilers_placement() {
        let room = room();
        let t = room
            .transform(Hanging {
                wall: 1,
                offset: 2.0,
                height: 1.5,
            })
            .expect("wall 1");
        // The east wall's face, 2 m north of its first corner, facing west.
        assert!(t.translation.abs_diff_eq(Vec3::new(5.9, 1.5, 2.0), 1e-5), "{t:?}");
        assert!((t.rotation * Vec3::Z).abs_diff_eq(-Vec3::X, 1e-5));
        assert!((t.rotation * Vec3::X).abs_diff_eq(Vec3::Z, 1e-5));
    }
}
