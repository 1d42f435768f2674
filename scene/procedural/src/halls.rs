//! A museum of square rooms joined by doors, walked through at eye height.

use super::exhibits::{Exhibits, FOOTPRINT_RADIUS, WALL_HEIGHT, WALL_THICKNESS, place, plain, single};
use super::{BenchScene, CameraPath, Rng, SUN_DIRECTION, SUN_LUX, WALK_STEP, Walk, add_sun};
use glam::Vec3;
use museion_scene::shapes::cuboid;
use museion_scene::{MaterialId, MeshId, Scene};

/// Inside size of a room from wall centre to wall centre, metres.
pub const ROOM_SIZE: f32 = 24.0;
/// Width of the door between two adjacent rooms, metres.
pub const DOOR_WIDTH: f32 = 2.5;
/// Height of the doors, metres (a lintel closes the wall above).
pub const DOOR_HEIGHT: f32 = 3.0;
/// Height of the walking camera's eye, metres.
pub const EYE_HEIGHT: f32 = 1.7;

/// Space kept between exhibits and walls, metres.
const WALL_MARGIN: f32 = 2.0;
/// Least distance from an exhibit's centre to a room's centre lines, where the camera
/// walks: the footprint plus a metre of clearance.
const PATH_CLEARANCE: f32 = FOOTPRINT_RADIUS + 1.0;
/// How far from the centre of the first and last rooms the walk starts and turns back.
const END_ARM: f32 = 6.0;

/// A museum of `rooms` rooms of [`ROOM_SIZE`] on a grid `ceil(sqrt(rooms))` rooms wide,
/// each with a floor and `exhibits` exhibits (a pedestal and a seeded object: a 3,968
/// triangle sphere, a 2,208 triangle egg or a stele, in one of four materials).
///
/// Rooms fill the grid row by row, alternating direction (a serpentine), so any number of
/// rooms forms one connected chain. Every two adjacent rooms share a wall with a door of
/// [`DOOR_WIDTH`] × [`DOOR_HEIGHT`] at its middle; walls are opaque boxes closed
/// everywhere else (corner posts fill the joints), so rooms hide each other.
///
/// The camera walks at [`EYE_HEIGHT`], [`WALK_STEP`] metres per frame, along the rooms'
/// centre lines through the doors in serpentine order, then back. Exhibits stay off the
/// centre lines and 2 m from walls, so the walk never enters a wall or an exhibit.
/// Field of view 60°, near plane 0.1 m.
pub fn halls(rooms: u32, exhibits: u32, seed: u64) -> BenchScene {
    let name = format!("halls-{rooms}x{exhibits}-seed{seed}");
    let layout = Layout::new(rooms);
    let mut scene = Scene::new();
    scene.name = Some(name.clone());
    let mut rng = Rng::new(seed);
    // Drawn first, so the walk does not change with the number of exhibits.
    let walk_seed = rng.next_u64();

    let wall = plain(&mut scene, "wall", Vec3::new(0.80, 0.78, 0.74), 0.9);
    let floor = plain(&mut scene, "floor", Vec3::new(0.35, 0.30, 0.25), 0.7);
    let mut boxes = Boxes::default();
    let floor_half = Vec3::new(ROOM_SIZE / 2.0, 0.05, ROOM_SIZE / 2.0);
    let floor_mesh = boxes.get(&mut scene, "floor", floor_half, floor);
    for &(c, r) in &layout.cells {
        place(&mut scene, floor_mesh, layout.centre(c, r) - Vec3::Y * 0.05);
    }
    add_walls(&mut scene, &mut boxes, wall, &layout);

    let kit = Exhibits::new(&mut scene);
    let far = ROOM_SIZE / 2.0 - WALL_THICKNESS / 2.0 - WALL_MARGIN - FOOTPRINT_RADIUS;
    for &(c, r) in &layout.cells {
        let centre = layout.centre(c, r);
        for _ in 0..exhibits {
            // A random quadrant, so the cross of centre lines stays clear for the walk.
            let quadrant = rng.below(4);
            let sx = if quadrant & 1 == 0 { -1.0 } else { 1.0 };
            let sz = if quadrant & 2 == 0 { -1.0 } else { 1.0 };
            let x = sx * rng.range(PATH_CLEARANCE, far);
            let z = sz * rng.range(PATH_CLEARANCE, far);
            kit.add(&mut scene, &mut rng, centre + Vec3::new(x, 0.0, z));
        }
    }
    add_sun(&mut scene, SUN_DIRECTION, SUN_LUX);
    scene.update_transforms();
    BenchScene {
        scene,
        name,
        fov_y: 60f32.to_radians(),
        znear: 0.1,
        path: CameraPath::Walk(Walk::new(layout.route(), WALK_STEP, walk_seed)),
    }
}

/// Which grid cells hold rooms, in serpentine order.
struct Layout {
    columns: u32,
    rows: u32,
    cells: Vec<(u32, u32)>,
}

impl Layout {
    fn new(rooms: u32) -> Self {
        let columns = (f64::from(rooms).sqrt().ceil() as u32).max(1);
        let rows = rooms.div_ceil(columns);
        let cells = (0..rooms)
            .map(|k| {
                let (r, i) = (k / columns, k % columns);
                (if r % 2 == 0 { i } else { columns - 1 - i }, r)
            })
            .collect();
        Self { columns, rows, cells }
    }

    /// True when cell (c, r) holds a room; false off the grid.
    fn has(&self, c: i64, r: i64) -> bool {
        if c < 0 || r < 0 || c >= i64::from(self.columns) || r >= i64::from(self.rows) {
            return false;
        }
        let k = r as u32 * self.columns
            + if r % 2 == 0 {
                c as u32
            } else {
                self.columns - 1 - c as u32
            };
        k < self.cells.len() as u32
    }

    /// The floor-level position of grid corner (c, r); the grid is centred on the origin.
    fn corner(&self, c: u32, r: u32) -> Vec3 {
        let x = (c as f32 - self.columns as f32 / 2.0) * ROOM_SIZE;
        let z = (r as f32 - self.rows as f32 / 2.0) * ROOM_SIZE;
        Vec3::new(x, 0.0, z)
    }

    /// The floor-level centre of room cell (c, r).
    fn centre(&self, c: u32, r: u32) -> Vec3 {
        self.corner(c, r) + Vec3::new(ROOM_SIZE / 2.0, 0.0, ROOM_SIZE / 2.0)
    }

    /// The walk at eye height: out from the first room's centre, through each door to
    /// the next room's centre, and on into the last room.
    fn route(&self) -> Vec<Vec3> {
        let eye = Vec3::Y * EYE_HEIGHT;
        let centres: Vec<Vec3> = self.cells.iter().map(|&(c, r)| self.centre(c, r) + eye).collect();
        let (Some(first), Some(last)) = (centres.first(), centres.last()) else {
            return vec![eye];
        };
        let out = |from: Vec3, to: Vec3| (to - from).normalize_or(Vec3::X) * END_ARM;
        let mut points = vec![*first - out(*first, centres.get(1).copied().unwrap_or(*first + Vec3::X))];
        for pair in centres.windows(2) {
            points.extend([pair[0], (pair[0] + pair[1]) / 2.0]);
        }
        let before = if centres.len() > 1 {
            centres[centres.len() - 2]
        } else {
            *last - Vec3::X
        };
        points.extend([*last, *last + out(before, *last)]);
        points
    }
}

/// Box meshes by size, so walls of one size share a mesh.
#[derive(Default)]
struct Boxes(Vec<(Vec3, MeshId)>);

impl Boxes {
    fn get(&mut self, scene: &mut Scene, name: &str, half: Vec3, material: MaterialId) -> MeshId {
        if let Some((_, mesh)) = self.0.iter().find(|(h, _)| *h == half) {
            return *mesh;
        }
        let mesh = single(scene, name, cuboid(half), material);
        self.0.push((half, mesh));
        mesh
    }
}

/// Walls on every grid edge beside a room (with a door when rooms lie on both sides),
/// and a post on every grid corner beside a room. Wall pieces stop at the posts, so no
/// two boxes overlap (no coplanar faces to fight in the depth buffer).
fn add_walls(scene: &mut Scene, boxes: &mut Boxes, material: MaterialId, layout: &Layout) {
    let (h, t) = (WALL_HEIGHT / 2.0, WALL_THICKNESS / 2.0);
    let post = boxes.get(scene, "wall", Vec3::new(t, h, t), material);
    for r in 0..=layout.rows {
        for c in 0..=layout.columns {
            let (ci, ri) = (i64::from(c), i64::from(r));
            if [(0, 0), (-1, 0), (0, -1), (-1, -1)]
                .iter()
                .any(|(dc, dr)| layout.has(ci + dc, ri + dr))
            {
                place(scene, post, layout.corner(c, r) + Vec3::Y * h);
            }
            // The edge from this corner along +X, between cells (c, r - 1) and (c, r).
            let (a, b) = (layout.has(ci, ri - 1), layout.has(ci, ri));
            if c < layout.columns && (a || b) {
                let middle = layout.corner(c, r) + Vec3::X * ROOM_SIZE / 2.0;
                add_wall(scene, boxes, material, middle, Vec3::X, a && b);
            }
            // The edge from this corner along +Z, between cells (c - 1, r) and (c, r).
            let (a, b) = (layout.has(ci - 1, ri), layout.has(ci, ri));
            if r < layout.rows && (a || b) {
                let middle = layout.corner(c, r) + Vec3::Z * ROOM_SIZE / 2.0;
                add_wall(scene, boxes, material, middle, Vec3::Z, a && b);
            }
        }
    }
}

/// One wall between two posts, centred at `middle` (floor level) and running along
/// `along` (+X or +Z): a single box, or two sides and a lintel around a door.
fn add_wall(
    scene: &mut Scene,
    boxes: &mut Boxes,
    material: MaterialId,
    middle: Vec3,
    along: Vec3,
    door: bool,
) {
    let across = Vec3::ONE - along - Vec3::Y;
    // Half sizes and centre offsets in (along, up) terms, turned into a box half size.
    let half = |a: f32, up: f32| along * a + Vec3::Y * up + across * (WALL_THICKNESS / 2.0);
    let length = ROOM_SIZE - WALL_THICKNESS;
    if !door {
        let mesh = boxes.get(scene, "wall", half(length / 2.0, WALL_HEIGHT / 2.0), material);
        place(scene, mesh, middle + Vec3::Y * WALL_HEIGHT / 2.0);
        return;
    }
    let side = (length - DOOR_WIDTH) / 2.0;
    let mesh = boxes.get(scene, "wall", half(side / 2.0, WALL_HEIGHT / 2.0), material);
    for sign in [-1.0, 1.0] {
        let offset = along * sign * (DOOR_WIDTH + side) / 2.0;
        place(scene, mesh, middle + offset + Vec3::Y * WALL_HEIGHT / 2.0);
    }
    let lintel = (WALL_HEIGHT - DOOR_HEIGHT) / 2.0;
    let mesh = boxes.get(scene, "wall", half(DOOR_WIDTH / 2.0, lintel), material);
    place(scene, mesh, middle + Vec3::Y * (DOOR_HEIGHT + lintel));
}

#[cfg(test)]
#[path = "halls_tests.rs"]
mod tests;
