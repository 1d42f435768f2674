//! The rooms and the bake's settings in a glTF file: what `museion bake` needs of a
//! venue beside its geometry.
//!
//! - A room's node (`room:ID`, holding its floor, ceiling, walls and lights) carries
//!   `extras.room = {"id", "name", "floor": [[x, z], …], "elevation", "height",
//!   "wall_pieces"}`.
//! - The scene's `extras.venue` carries `"wall_thickness"` and `"bake": {"probe_spacing",
//!   "samples", "bounces"}`.

use super::Reader;
use crate::compiled::{BakeSettings, Room};
use glam::Vec2;
use museion_scene::NodeId;
use serde_json::{Map, Value, json};

/// The key marking a room's node.
pub(crate) const ROOM_KEY: &str = "room";
/// The most corners a room's floor read from a file may have.
pub(crate) const MAX_CORNERS: usize = 4096;

/// The `extras.room` object of a room's node.
pub(crate) fn room_json(room: &Room) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(room.id));
    if let Some(name) = &room.name {
        object.insert("name".into(), json!(name));
    }
    let floor: Vec<[f32; 2]> = room.floor.iter().map(|p| p.to_array()).collect();
    object.insert("floor".into(), json!(floor));
    object.insert("elevation".into(), json!(room.elevation));
    object.insert("height".into(), json!(room.height));
    object.insert("wall_pieces".into(), json!(room.wall_pieces));
    Value::Object(object)
}

/// Reads a node's `extras.room`; `at` names it in warnings. A room without an id, a
/// floor of at least three corners (and at most [`MAX_CORNERS`]) or a positive height is
/// left out, with a warning.
pub(crate) fn room_from_json(
    value: &Value,
    node: NodeId,
    at: &str,
    warnings: &mut Vec<String>,
) -> Option<Room> {
    let mut read = Reader { at, warnings };
    let id = read.string(value, "id");
    let name = read.string(value, "name");
    let floor = read.points2(value, "floor", MAX_CORNERS);
    let elevation = read.number(value, "elevation", |_| true);
    let height = read.number(value, "height", |h| h > 0.0);
    let wall_pieces = read.count(value, "wall_pieces", u32::MAX.into()).unwrap_or(0);
    let (Some(id), Some(floor), Some(height)) = (id, floor, height) else {
        read.warnings.push(format!(
            "{at}: a room needs an id, a floor of 3 or more [x, z] corners and a height; left out"
        ));
        return None;
    };
    if floor.len() < 3 {
        read.warnings.push(format!(
            "{at}: a floor of {} corners is no room; left out",
            floor.len()
        ));
        return None;
    }
    Some(Room {
        id,
        name,
        node,
        floor,
        elevation: elevation.unwrap_or(0.0),
        height,
        wall_pieces: wall_pieces as usize,
    })
}

/// The `extras.venue.bake` object.
pub(crate) fn bake_json(bake: &BakeSettings) -> Value {
    json!({
        "probe_spacing": bake.probe_spacing,
        "samples": bake.samples,
        "bounces": bake.bounces,
        "reflection_size": bake.reflection_size,
        "reflection_samples": bake.reflection_samples,
    })
}

/// Reads `extras.venue.bake`: each member in the range the venue file allows, else its
/// default, with a warning.
pub(crate) fn bake_from_json(value: &Value, warnings: &mut Vec<String>) -> BakeSettings {
    let mut read = Reader {
        at: "extras.venue.bake",
        warnings,
    };
    if !value.is_object() {
        read.not_object();
        return BakeSettings::default();
    }
    let spacing = read.number(value, "probe_spacing", |s| {
        BakeSettings::PROBE_SPACING_RANGE.contains(&s)
    });
    let samples = read.integer(value, "samples", BakeSettings::SAMPLES_RANGE);
    let bounces = read.integer(value, "bounces", BakeSettings::BOUNCES_RANGE);
    // An export written before reflection cubes has neither key: the defaults, quietly.
    let reflection_size = value
        .get("reflection_size")
        .and_then(|_| read.integer(value, "reflection_size", BakeSettings::REFLECTION_SIZE_RANGE))
        .filter(|size| {
            let allowed = BakeSettings::is_reflection_size(*size);
            if !allowed {
                read.wrong("reflection_size", "a power of two from 16 to 256");
            }
            allowed
        });
    let reflection_samples = value.get("reflection_samples").and_then(|_| {
        read.integer(
            value,
            "reflection_samples",
            BakeSettings::REFLECTION_SAMPLES_RANGE,
        )
    });
    BakeSettings {
        probe_spacing: spacing.unwrap_or(BakeSettings::PROBE_SPACING),
        samples: samples.unwrap_or(BakeSettings::SAMPLES),
        bounces: bounces.unwrap_or(BakeSettings::BOUNCES),
        reflection_size: reflection_size.unwrap_or(BakeSettings::REFLECTION_SIZE),
        reflection_samples: reflection_samples.unwrap_or(BakeSettings::REFLECTION_SAMPLES),
    }
}

impl Reader<'_> {
    /// An array of `[x, z]` pairs of finite numbers, at most `most` of them.
    pub(super) fn points2(&mut self, object: &Value, key: &str, most: usize) -> Option<Vec<Vec2>> {
        let items = self.array(object, key, most)?;
        let points: Option<Vec<Vec2>> = items
            .iter()
            .map(|p| finite_array::<2>(p).map(Vec2::from_array))
            .collect();
        if points.is_none() {
            self.wrong(key, "a list of [x, z] pairs of numbers");
        }
        points
    }

    /// An array under `key` of at most `most` items (more is a warning: `None`).
    pub(super) fn array<'v>(&mut self, object: &'v Value, key: &str, most: usize) -> Option<&'v [Value]> {
        match object.get(key)? {
            Value::Array(items) if items.len() <= most => Some(items),
            Value::Array(items) => {
                let count = items.len();
                self.wrong(key, &format!("a list of at most {most} items (it has {count})"));
                None
            }
            _ => {
                self.wrong(key, "a list");
                None
            }
        }
    }

    /// A whole number in `range`.
    pub(super) fn integer(
        &mut self,
        object: &Value,
        key: &str,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let value = object.get(key)?;
        let number = value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| range.contains(n));
        if number.is_none() {
            self.wrong(
                key,
                &format!("a whole number from {} to {}", range.start(), range.end()),
            );
        }
        number
    }

    /// A count or index: a whole number no larger than `most`.
    pub(super) fn count(&mut self, object: &Value, key: &str, most: u64) -> Option<u64> {
        let value = object.get(key)?;
        let number = value.as_u64().filter(|n| *n <= most);
        if number.is_none() {
            self.wrong(key, &format!("a whole number up to {most}"));
        }
        number
    }
}

/// `[a, b, …]` of `N` finite numbers.
pub(super) fn finite_array<const N: usize>(value: &Value) -> Option<[f32; N]> {
    let items = value.as_array().filter(|items| items.len() == N)?;
    let mut out = [0.0; N];
    for (slot, item) in out.iter_mut().zip(items) {
        *slot = item.as_f64().map(|x| x as f32).filter(|x| x.is_finite())?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> NodeId {
        let mut scene = museion_scene::Scene::new();
        scene.add_node(museion_scene::Node::new(), None).expect("a root")
    }

    fn room() -> Room {
        Room {
            id: "atrium".into(),
            name: Some("Atrium".into()),
            node: node(),
            floor: vec![Vec2::ZERO, Vec2::new(4.0, 0.0), Vec2::new(4.0, 3.0)],
            elevation: 0.15,
            height: 3.5,
            wall_pieces: 5,
        }
    }

    #[test]
    fn a_room_round_trips_and_a_broken_one_is_left_out_with_a_warning() {
        let mut warnings = Vec::new();
        let read = room_from_json(&room_json(&room()), node(), "n", &mut warnings);
        assert_eq!(read, Some(room()));
        assert!(warnings.is_empty(), "{warnings:?}");
        for odd in [
            json!({ "id": "a", "floor": [[0, 0], [1, 0]], "height": 3 }),
            json!({ "id": "a", "floor": [[0, 0], [1, "x"], [1, 1]], "height": 3 }),
            json!({ "id": "a", "floor": [[0, 0], [1, 0], [1, 1]], "height": -3 }),
            json!({ "floor": [[0, 0], [1, 0], [1, 1]], "height": 3 }),
            json!({ "id": "a", "floor": vec![[0, 0]; MAX_CORNERS + 1], "height": 3 }),
            json!("atrium"),
        ] {
            let mut warnings = Vec::new();
            assert_eq!(room_from_json(&odd, node(), "n", &mut warnings), None, "{odd}");
            assert!(!warnings.is_empty(), "{odd}");
        }
    }

    #[test]
    fn bake_settings_round_trip_and_out_of_range_members_take_their_defaults() {
        let bake = BakeSettings {
            probe_spacing: 0.5,
            samples: 64,
            bounces: 1,
            reflection_size: 32,
            reflection_samples: 8,
        };
        let mut warnings = Vec::new();
        assert_eq!(bake_from_json(&bake_json(&bake), &mut warnings), bake);
        assert!(warnings.is_empty());
        let odd = json!({ "probe_spacing": 0.01, "samples": 1e12, "bounces": -1 });
        assert_eq!(bake_from_json(&odd, &mut warnings), BakeSettings::default());
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert_eq!(bake_from_json(&json!([]), &mut warnings), BakeSettings::default());
    }
}
