//! Where the probes go: a grid per room over its floor's bounding box, from just above
//! the floor to just under the ceiling, inside the walls; and the floor-plan map of which
//! room's grid lights which point.

use glam::{UVec2, UVec3, Vec2, Vec3};
use museion_scene::{ProbeVolume, RoomMap};
use museion_venue::Room;

/// How far inside a room's surfaces (wall faces, floor, ceiling) the outermost probes
/// stand, metres.
const INSET: f32 = 0.1;
/// The side of the room map's cells, metres.
pub const MAP_CELL: f32 = 0.25;

/// The probe grid of `room` at about `spacing` metres, its first probe at index `first`,
/// in a venue whose walls are `thickness` thick.
pub fn room_volume(room: &Room, spacing: f32, thickness: f32, first: usize) -> ProbeVolume {
    let (lo, hi) = floor_bounds(&room.floor);
    let margin = thickness / 2.0 + INSET;
    let min = Vec3::new(lo.x + margin, room.elevation + INSET, lo.y + margin);
    let max = Vec3::new(hi.x - margin, room.elevation + room.height - INSET, hi.y - margin);
    let extent = (max - min).max(Vec3::ZERO);
    // Enough probes that none is further than `spacing` from the next, and at least two
    // along each axis that has room for them.
    let counts = (extent / spacing).ceil().as_uvec3() + UVec3::ONE;
    let counts = UVec3::select(
        extent.cmpgt(Vec3::splat(1e-3)),
        counts.max(UVec3::splat(2)),
        UVec3::ONE,
    );
    let step = extent / (counts.max(UVec3::splat(2)) - UVec3::ONE).as_vec3();
    ProbeVolume {
        room: room.id.clone(),
        min: Vec3::select(extent.cmpgt(Vec3::splat(1e-3)), min, (min + max) / 2.0),
        step,
        counts,
        first,
        bottom: room.elevation,
        top: room.elevation + room.height,
    }
}

/// The corners of the bounding box of a floor polygon (x, z).
pub fn floor_bounds(floor: &[Vec2]) -> (Vec2, Vec2) {
    floor
        .iter()
        .fold((Vec2::splat(f32::MAX), Vec2::splat(f32::MIN)), |(lo, hi), p| {
            (lo.min(*p), hi.max(*p))
        })
}

/// The room map of `rooms` (the `i`th room's grid is volume `i`), and the rooms that
/// found no slot at some cell (a third room stacked over the same floor).
pub fn room_map(rooms: &[Room], thickness: f32) -> (RoomMap, Vec<usize>) {
    let mut crowded = Vec::new();
    if rooms.is_empty() {
        return (RoomMap::default(), crowded);
    }
    let (lo, hi) = rooms.iter().map(|r| floor_bounds(&r.floor)).fold(
        (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN)),
        |(lo, hi), (a, b)| (lo.min(a), hi.max(b)),
    );
    let origin = lo - Vec2::splat(MAP_CELL);
    let size = ((hi - origin) / MAP_CELL).ceil().as_uvec2() + UVec2::ONE;
    let mut cells = vec![[0u16; 2]; (size.x * size.y) as usize];
    for (index, room) in rooms.iter().enumerate() {
        let (a, b) = floor_bounds(&room.floor);
        let first = ((a - origin) / MAP_CELL).floor().as_uvec2();
        let last = (((b - origin) / MAP_CELL).ceil().as_uvec2()).min(size - UVec2::ONE);
        for z in first.y..=last.y {
            for x in first.x..=last.x {
                let centre = origin + (UVec2::new(x, z).as_vec2() + 0.5) * MAP_CELL;
                if !room.contains(centre) {
                    continue;
                }
                let slots = &mut cells[(x + z * size.x) as usize];
                match slots.iter_mut().find(|s| **s == 0) {
                    Some(slot) => *slot = index as u16 + 1,
                    None if !crowded.contains(&index) => crowded.push(index),
                    None => {}
                }
            }
        }
    }
    let map = RoomMap {
        origin,
        cell: MAP_CELL,
        size,
        cells,
        // Past the half wall a wall's face stands on, and far enough that the cell the
        // point falls in has its centre inside the room.
        offset: (MAP_CELL * std::f32::consts::FRAC_1_SQRT_2 - thickness / 2.0).max(0.0) + 0.1,
    };
    (map, crowded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::{Node, Scene};

    fn room(id: &str, floor: &[[f32; 2]], elevation: f32) -> Room {
        Room {
            id: id.into(),
            name: None,
            node: Scene::new().add_node(Node::default(), None).unwrap(),
            floor: floor.iter().map(|p| Vec2::from(*p)).collect(),
            elevation,
            height: 3.0,
            wall_pieces: 0,
        }
    }

    #[test]
    fn a_grid_fills_the_room_inside_its_walls() {
        let hall = room("hall", &[[0.0, 0.0], [6.2, 0.0], [6.2, 4.2], [0.0, 4.2]], 1.0);
        let volume = room_volume(&hall, 1.0, 0.2, 5);
        assert_eq!(volume.first, 5);
        assert!(
            (volume.min - Vec3::new(0.2, 1.1, 0.2)).length() < 1e-5,
            "{}",
            volume.min
        );
        let far = volume.position(volume.counts - UVec3::ONE);
        assert!((far - Vec3::new(6.0, 3.9, 4.0)).length() < 1e-4, "{far}");
        assert!(
            volume.step.max_element() <= 1.0 && volume.step.min_element() > 0.9,
            "{}",
            volume.step
        );
    }

    #[test]
    fn the_map_knows_each_room_and_stacks_two() {
        let rooms = [
            room("west", &[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]], 0.0),
            room("east", &[[4.0, 0.0], [8.0, 0.0], [8.0, 4.0], [4.0, 4.0]], 0.0),
            room("gallery", &[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]], 3.0),
        ];
        let (map, crowded) = room_map(&rooms, 0.2);
        assert!(crowded.is_empty());
        let at = |x: f32, z: f32| {
            let cell = ((Vec2::new(x, z) - map.origin) / map.cell).floor().as_uvec2();
            map.cells[(cell.x + cell.y * map.size.x) as usize]
        };
        assert_eq!(at(1.0, 1.0), [1, 3]);
        assert_eq!(at(6.0, 1.0), [2, 0]);
        assert_eq!(at(-0.1, 1.0), [0, 0]);
        assert!(rooms[0].contains(Vec2::new(3.9, 0.1)));
        assert!((rooms[0].edge_distance(Vec2::new(3.0, 1.0)) - 1.0).abs() < 1e-6);
    }
}
