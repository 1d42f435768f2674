//! Where the demo museum's works go: paintings spread along walls with equal gaps,
//! the largest in the tallest rooms; sculptures on pedestals in the atrium, in glass
//! cases in the gallery and in two facing rows in the sculpture hall.

use super::error::DemoError;

/// Width of the default frame moulding (the venue format's default), metres.
pub(super) const FRAME_WIDTH: f32 = 0.06;
/// Narrowest gap left between two framed works, or a work and a span's end, metres.
const MIN_GAP: f32 = 0.25;
/// Height of a picture's centre above the floor when it is small enough: eye level.
const EYE_LEVEL_CENTRE: f32 = 1.55;
/// Space kept between a picture's frame and the floor, metres.
const FLOOR_CLEARANCE: f32 = 0.45;
/// Space kept between a picture's frame and the ceiling, metres.
const CEILING_CLEARANCE: f32 = 0.15;

/// A stretch of one room's wall that pictures hang along.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wall {
    /// The room whose side the pictures face.
    pub room: &'static str,
    /// The wall's index in that room (`[[artworks]] wall`).
    pub wall: u32,
    /// Offsets along the wall (from its first corner) between which pictures hang:
    /// clear of corners and openings.
    pub from: f32,
    /// See `from`.
    pub to: f32,
    /// How many pictures hang there.
    pub count: usize,
    /// Floor to ceiling of the room, metres.
    pub room_height: f32,
}

/// The walls pictures hang on, grandest first: the largest works go to the first.
/// The rooms and openings are those of [`venue_text`](super::venue_text).
pub const WALLS: [Wall; 8] = [
    // Gallery north wall, 24 m.
    hang("gallery", 0, 0.8, 23.2, 8, GALLERY_HEIGHT),
    // Gallery south wall, 24 m from its east end; the corridor door is 4 m along.
    hang("gallery", 2, 6.0, 23.2, 7, GALLERY_HEIGHT),
    // Gallery east wall, 14 m.
    hang("gallery", 1, 0.8, 13.2, 4, GALLERY_HEIGHT),
    // Atrium north and west walls, 14 m each.
    hang("atrium", 0, 0.8, 13.2, 4, ATRIUM_HEIGHT),
    hang("atrium", 3, 0.8, 13.2, 4, ATRIUM_HEIGHT),
    // Gallery west wall, either side of the atrium door (7 m along, 2.4 m wide).
    hang("gallery", 3, 0.8, 5.4, 1, GALLERY_HEIGHT),
    hang("gallery", 3, 8.6, 13.2, 1, GALLERY_HEIGHT),
    // Corridor south wall, 52 m from its east end; the ramp fills the first 6.5 m.
    hang("corridor", 2, 8.0, 51.2, 15, CORRIDOR_HEIGHT),
];

/// Floor to ceiling of the atrium, metres.
pub(super) const ATRIUM_HEIGHT: f32 = 6.0;
/// Floor to ceiling of the painting gallery, metres.
pub(super) const GALLERY_HEIGHT: f32 = 5.0;
/// Floor to ceiling of the corridor, metres.
pub(super) const CORRIDOR_HEIGHT: f32 = 3.2;
/// Floor to ceiling of the sculpture hall, metres.
pub(super) const HALL_HEIGHT: f32 = 5.5;

const fn hang(room: &'static str, wall: u32, from: f32, to: f32, count: usize, room_height: f32) -> Wall {
    Wall {
        room,
        wall,
        from,
        to,
        count,
        room_height,
    }
}

/// Where sculptures stand: room, x, z and heading in degrees (0 faces +z). The first
/// two are in the atrium, the next two (in glass cases) in the gallery, the rest in the
/// sculpture hall, in a row facing +z and a row facing −z across the aisle from the
/// corridor's door.
const SCULPTURE_SPOTS: [(&str, f32, f32, f32); 12] = [
    ("atrium", 3.5, 6.0, 90.0),
    ("atrium", 10.5, 6.0, -90.0),
    ("gallery", 22.0, 7.0, 0.0),
    ("gallery", 30.0, 7.0, 0.0),
    ("hall", 55.5, 10.0, 0.0),
    ("hall", 58.5, 10.0, 0.0),
    ("hall", 61.5, 10.0, 0.0),
    ("hall", 64.5, 10.0, 0.0),
    ("hall", 55.5, 18.5, 180.0),
    ("hall", 58.5, 18.5, 180.0),
    ("hall", 61.5, 18.5, 180.0),
    ("hall", 64.5, 18.5, 180.0),
];

/// Where the kinetic sculpture stands: room, x, z and heading in degrees, at the east
/// end of the sculpture hall's aisle, facing west down it (the last stop of the tour).
pub const KINETIC_SPOT: (&str, f32, f32, f32) = ("hall", 66.0, 14.25, -90.0);
/// The height of the kinetic sculpture's pedestal, metres (it has a stand of its own).
pub const KINETIC_PEDESTAL: f32 = 0.3;

/// A painting hung on a wall.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedPainting {
    /// Index into the catalogue's paintings.
    pub index: usize,
    /// The wall stretch it hangs on.
    pub wall: Wall,
    /// From the wall's first corner to the picture's centre, metres.
    pub offset: f32,
    /// Height of its centre above the floor, metres.
    pub center_height: f32,
    /// Width of the picture (without frame), metres.
    pub width: f32,
}

/// A sculpture on its pedestal.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedSculpture {
    /// Index into the catalogue's sculptures.
    pub index: usize,
    /// The room it stands in.
    pub room: &'static str,
    /// Where it stands, x and z.
    pub x: f32,
    /// See `x`.
    pub z: f32,
    /// Heading, degrees about +y (0: its front faces +z).
    pub yaw_degrees: f32,
    /// Height of the pedestal, metres.
    pub pedestal_height: f32,
    /// Whether it stands in a glass case.
    pub case: bool,
}

/// Everything placed.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoLayout {
    /// Every painting, in catalogue order.
    pub paintings: Vec<PlacedPainting>,
    /// Every sculpture, in catalogue order.
    pub sculptures: Vec<PlacedSculpture>,
}

/// Places paintings of the given physical sizes (width, height in metres, catalogue
/// order) and sculptures of the given heights (metres): the tallest paintings on the
/// grandest walls, each wall's pictures spread with equal gaps.
pub fn layout(painting_sizes: &[(f32, f32)], sculpture_heights: &[f32]) -> Result<DemoLayout, DemoError> {
    let slots: usize = WALLS.iter().map(|w| w.count).sum();
    if painting_sizes.len() != slots || sculpture_heights.len() != SCULPTURE_SPOTS.len() {
        return Err(DemoError::Layout(format!(
            "the demo museum has room for {slots} paintings and {} sculptures, not {} and {}",
            SCULPTURE_SPOTS.len(),
            painting_sizes.len(),
            sculpture_heights.len()
        )));
    }
    let mut by_height: Vec<usize> = (0..painting_sizes.len()).collect();
    by_height.sort_by(|&a, &b| {
        painting_sizes[b]
            .1
            .total_cmp(&painting_sizes[a].1)
            .then(a.cmp(&b))
    });
    let mut paintings = Vec::with_capacity(slots);
    let mut next = by_height.into_iter();
    for wall in WALLS {
        // Along the wall in catalogue order, so neighbours differ in style.
        let mut chosen: Vec<usize> = next.by_ref().take(wall.count).collect();
        chosen.sort_unstable();
        paintings.extend(hang_along(wall, &chosen, painting_sizes)?);
    }
    paintings.sort_by_key(|p| p.index);
    let sculptures = sculpture_heights
        .iter()
        .zip(SCULPTURE_SPOTS)
        .enumerate()
        .map(|(index, (&height, (room, x, z, yaw_degrees)))| PlacedSculpture {
            index,
            room,
            x,
            z,
            yaw_degrees,
            pedestal_height: pedestal_height(height),
            case: room == "gallery",
        })
        .collect();
    Ok(DemoLayout {
        paintings,
        sculptures,
    })
}

/// A pedestal that brings a small work up to the eye and leaves a tall one low.
fn pedestal_height(sculpture_height: f32) -> f32 {
    if sculpture_height < 0.8 {
        1.0
    } else if sculpture_height < 1.6 {
        0.6
    } else {
        0.2
    }
}

/// Hangs the paintings `chosen` (indices into `sizes`) along `wall` with equal gaps.
fn hang_along(wall: Wall, chosen: &[usize], sizes: &[(f32, f32)]) -> Result<Vec<PlacedPainting>, DemoError> {
    let framed = |i: usize| sizes[i].0 + 2.0 * FRAME_WIDTH;
    let total: f32 = chosen.iter().map(|&i| framed(i)).sum();
    let gap = (wall.to - wall.from - total) / (chosen.len() + 1) as f32;
    if gap < MIN_GAP {
        return Err(DemoError::Layout(format!(
            "{} framed pictures {total:.2} m wide do not fit along wall {} of {} ({:.2} m)",
            chosen.len(),
            wall.wall,
            wall.room,
            wall.to - wall.from
        )));
    }
    let mut at = wall.from;
    let mut placed = Vec::with_capacity(chosen.len());
    for &index in chosen {
        let (width, height) = sizes[index];
        at += gap;
        let half_framed = height / 2.0 + FRAME_WIDTH;
        let center_height = EYE_LEVEL_CENTRE.max(half_framed + FLOOR_CLEARANCE);
        if center_height + half_framed > wall.room_height - CEILING_CLEARANCE {
            return Err(DemoError::Layout(format!(
                "a picture {height:.2} m tall does not fit on wall {} of {}",
                wall.wall, wall.room
            )));
        }
        placed.push(PlacedPainting {
            index,
            wall,
            offset: at + framed(index) / 2.0,
            center_height,
            width,
        });
        at += framed(index);
    }
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(n: usize, width: f32, height: f32) -> Vec<(f32, f32)> {
        vec![(width, height); n]
    }

    #[test]
    fn pictures_spread_with_equal_gaps_inside_their_stretch() {
        let placed = layout(&sizes(44, 0.8, 0.6), &[1.0; 12]).expect("they fit");
        assert_eq!(placed.paintings.len(), 44);
        for wall in WALLS {
            let mut on_wall: Vec<&PlacedPainting> =
                placed.paintings.iter().filter(|p| p.wall == wall).collect();
            assert_eq!(on_wall.len(), wall.count, "{wall:?}");
            on_wall.sort_by(|a, b| a.offset.total_cmp(&b.offset));
            let half = 0.4 + FRAME_WIDTH;
            let mut edges = vec![wall.from];
            for p in &on_wall {
                edges.push(p.offset - half);
                edges.push(p.offset + half);
            }
            edges.push(wall.to);
            let gaps: Vec<f32> = edges.chunks(2).map(|pair| pair[1] - pair[0]).collect();
            for gap in &gaps {
                assert!((gap - gaps[0]).abs() < 1e-4 && *gap >= MIN_GAP, "{gaps:?}");
            }
        }
    }

    #[test]
    fn the_tallest_pictures_go_to_the_grandest_wall_and_small_ones_at_eye_level() {
        let mut sizes = sizes(44, 0.5, 0.4);
        sizes[30] = (1.6, 2.4);
        let placed = layout(&sizes, &[1.0; 12]).expect("they fit");
        let big = &placed.paintings[30];
        assert_eq!(big.wall, WALLS[0]);
        assert!((big.center_height - (1.2 + FRAME_WIDTH + FLOOR_CLEARANCE)).abs() < 1e-5);
        assert_eq!(placed.paintings[0].center_height, EYE_LEVEL_CENTRE);
    }

    #[test]
    fn too_much_for_a_wall_or_a_ceiling_is_an_error() {
        assert!(matches!(
            layout(&sizes(44, 3.0, 1.0), &[1.0; 12]),
            Err(DemoError::Layout(_))
        ));
        assert!(matches!(
            layout(&sizes(44, 0.5, 4.9), &[1.0; 12]),
            Err(DemoError::Layout(_))
        ));
        assert!(matches!(
            layout(&sizes(43, 0.5, 0.5), &[1.0; 12]),
            Err(DemoError::Layout(_))
        ));
    }

    #[test]
    fn small_sculptures_stand_higher_and_gallery_ones_are_cased() {
        let heights = [0.5, 1.0, 2.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
        let placed = layout(&sizes(44, 0.5, 0.5), &heights).expect("it fits");
        let pedestals: Vec<f32> = placed.sculptures[..3].iter().map(|s| s.pedestal_height).collect();
        assert_eq!(pedestals, [1.0, 0.6, 0.2]);
        let cased: Vec<usize> = placed
            .sculptures
            .iter()
            .filter(|s| s.case)
            .map(|s| s.index)
            .collect();
        assert_eq!(cased, [2, 3]);
    }
}
