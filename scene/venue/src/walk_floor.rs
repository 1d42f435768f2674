//! The floor a figure walks on: the rooms' floors and the ramps over them, to find the
//! height under a point.

use glam::{Vec2, Vec3};

/// A ramp's walking surface: its top runs straight from `from` to `to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WalkRamp {
    /// Centre of the top edge at one end.
    pub from: Vec3,
    /// Centre of the top edge at the other end.
    pub to: Vec3,
    /// Width, metres.
    pub width: f32,
}

/// The floors of a venue: each room's floor polygon (`[x, z]` corners) and elevation,
/// the ramps, and how thick the walls between rooms are (a doorway's sill is the
/// higher of the floors either side).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WalkFloor {
    /// Room floors: corners and height.
    pub rooms: Vec<(Vec<Vec2>, f32)>,
    /// Ramps, walked on top of whatever floor they rest on.
    pub ramps: Vec<WalkRamp>,
    /// Thickness of the walls, centred on the rooms' edges, metres.
    pub wall_thickness: f32,
}

/// The highest step up to a neighbouring room's floor taken as a doorway's sill,
/// metres; a floor further up (a gallery above) is not stepped onto.
const MAX_SILL: f32 = 1.0;

impl WalkFloor {
    /// The height of the floor under `(x, z)`: the top of a ramp there, else the floor
    /// of a room there nearest to `near` (rooms may lie above one another), raised to
    /// a neighbouring room's floor within the wall between them (a doorway's sill);
    /// `None` outside every room and ramp.
    pub fn height(&self, x: f32, z: f32, near: f32) -> Option<f32> {
        let at = Vec2::new(x, z);
        let closest = |a: f32, b: f32| {
            if (a - near).abs() <= (b - near).abs() {
                a
            } else {
                b
            }
        };
        let on_ramp = self
            .ramps
            .iter()
            .filter_map(|ramp| {
                let start = Vec2::new(ramp.from.x, ramp.from.z);
                let run = Vec2::new(ramp.to.x, ramp.to.z) - start;
                let along = (at - start).dot(run) / run.length_squared().max(1e-9);
                let across = (at - start - run * along).length();
                ((0.0..=1.0).contains(&along) && across <= ramp.width / 2.0)
                    .then_some(ramp.from.y + (ramp.to.y - ramp.from.y) * along)
            })
            .reduce(closest);
        if on_ramp.is_some() {
            return on_ramp;
        }
        let room = self
            .rooms
            .iter()
            .filter(|(corners, _)| inside(corners, at))
            .map(|(_, elevation)| *elevation)
            .reduce(closest)?;
        let half = self.wall_thickness / 2.0;
        Some(
            self.rooms
                .iter()
                .filter(|(corners, elevation)| {
                    *elevation > room && *elevation - room <= MAX_SILL && edge_distance(corners, at) <= half
                })
                .fold(room, |sill, (_, elevation)| sill.max(*elevation)),
        )
    }
}

/// The distance from `p` to the nearest edge of the polygon.
fn edge_distance(corners: &[Vec2], p: Vec2) -> f32 {
    (0..corners.len())
        .map(|i| {
            let (a, b) = (corners[i], corners[(i + 1) % corners.len()]);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_squared().max(1e-12)).clamp(0.0, 1.0);
            p.distance(a + ab * t)
        })
        .fold(f32::MAX, f32::min)
}

/// Whether `p` lies inside the polygon (even-odd rule).
fn inside(corners: &[Vec2], p: Vec2) -> bool {
    let mut odd = false;
    for (i, a) in corners.iter().enumerate() {
        let b = corners[(i + 1) % corners.len()];
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
            odd = !odd;
        }
    }
    odd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ramp_is_walked_on_top_and_stacked_rooms_by_the_nearer_floor() {
        let square = |x: f32| {
            vec![
                Vec2::new(x, 0.0),
                Vec2::new(x + 4.0, 0.0),
                Vec2::new(x + 4.0, 4.0),
                Vec2::new(x, 4.0),
            ]
        };
        let floor = WalkFloor {
            rooms: vec![(square(0.0), 0.0), (square(0.0), 3.0), (square(4.0), 0.5)],
            ramps: vec![WalkRamp {
                from: Vec3::new(1.0, 0.0, 2.0),
                to: Vec3::new(3.0, 0.5, 2.0),
                width: 1.0,
            }],
            wall_thickness: 0.2,
        };
        // In the wall between the low room and the next, the higher floor: the sill.
        assert_eq!(floor.height(3.95, 1.0, 0.0), Some(0.5));
        assert_eq!(floor.height(3.85, 1.0, 0.0), Some(0.0));
        assert_eq!(floor.height(2.0, 2.0, 0.0), Some(0.25));
        assert_eq!(floor.height(2.0, 2.6, 0.0), Some(0.0));
        assert_eq!(floor.height(2.0, 3.5, 2.5), Some(3.0));
        assert_eq!(floor.height(6.0, 1.0, 0.0), Some(0.5));
        assert_eq!(floor.height(9.0, 1.0, 0.0), None);
    }
}
