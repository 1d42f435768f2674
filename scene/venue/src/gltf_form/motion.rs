//! What moves in a venue, in a glTF file: the clips its model exhibits loop, and its
//! guide. The clips themselves, the guide's figure (nodes, skinned mesh, skin) and its
//! walk and idle clips are ordinary glTF content; these say how to play them.
//!
//! - The scene's `extras.venue.loops`: `[{"exhibit": "kinetic", "animation": 0, "name":
//!   "turn"}, …]`, a clip by its index in the file's `animations` and its name.
//! - The guide's root node carries `extras.guide = {"walk": {"animation", "name"},
//!   "idle": {…}, "tour", "cycle", "stride", "idle_duration", "speed", "lead",
//!   "eye_height", "stands": [[x, y, z], …], "floor": {"rooms": [{"floor": [[x, z], …],
//!   "elevation"}], "ramps": [{"from": [x, y, z], "to": [x, y, z], "width"}],
//!   "wall_thickness"}}`.
//!
//! A clip is found by its index when the clip there has the name written (or none is
//! written), else by its name; a clip not found is a warning and drops the loop (or the
//! guide).

use super::Reader;
use super::rooms::{MAX_CORNERS, finite_array};
use crate::compiled::Guide;
use crate::walk_floor::{WalkFloor, WalkRamp};
use glam::Vec3;
use museion_scene::{NodeId, Scene};
use serde_json::{Map, Value, json};

/// The key marking the guide's root node.
pub(crate) const GUIDE_KEY: &str = "guide";
/// The most loops, stands, floors or ramps read from a file.
pub(crate) const MAX_ITEMS: usize = 65_536;

/// A clip as written: `{"animation": index, "name": name}`.
pub(crate) fn clip_json(scene: &Scene, animation: usize) -> Value {
    let name = scene.animations.get(animation).and_then(|a| a.name.clone());
    let mut object = Map::new();
    object.insert("animation".into(), json!(animation));
    if let Some(name) = name {
        object.insert("name".into(), json!(name));
    }
    Value::Object(object)
}

/// The clip of `scene` a `{"animation", "name"}` object names (see the module's docs).
fn clip_from_json(value: &Value, scene: &Scene, read: &mut Reader, key: &str) -> Option<usize> {
    let Some(object) = value.get(key) else {
        read.wrong(key, "a clip ({\"animation\": index, \"name\": name})");
        return None;
    };
    let index = read.count(object, "animation", u32::MAX.into());
    let name = read.string(object, "name");
    let named = |i: usize| {
        scene
            .animations
            .get(i)
            .is_some_and(|a| name.is_none() || a.name == name)
    };
    let found = index
        .and_then(|i| usize::try_from(i).ok())
        .filter(|i| named(*i))
        .or_else(|| {
            let name = name.as_deref()?;
            scene
                .animations
                .iter()
                .position(|a| a.name.as_deref() == Some(name))
        });
    if found.is_none() {
        read.wrong(key, "a clip the file has");
    }
    found
}

/// One of `extras.venue.loops`: the exhibit (by id) and the clip it loops.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LoopJson {
    /// The exhibit's id.
    pub exhibit: String,
    /// The clip, an index into the scene's animations.
    pub animation: usize,
}

/// The `extras.venue.loops` array.
pub(crate) fn loops_json(scene: &Scene, loops: &[LoopJson]) -> Value {
    Value::Array(
        loops
            .iter()
            .map(|l| {
                let mut clip = clip_json(scene, l.animation);
                clip["exhibit"] = json!(l.exhibit);
                clip
            })
            .collect(),
    )
}

/// Reads `extras.venue.loops` against `scene`'s clips; entries that name no exhibit or
/// no clip of the file are left out with a warning.
pub(crate) fn loops_from_json(value: &Value, scene: &Scene, warnings: &mut Vec<String>) -> Vec<LoopJson> {
    let mut read = Reader {
        at: "extras.venue",
        warnings,
    };
    let Some(items) = read.array(value, "loops", MAX_ITEMS) else {
        return Vec::new();
    };
    let mut loops = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("extras.venue.loops[{i}]");
        let mut read = Reader {
            at: &at,
            warnings: read.warnings,
        };
        let exhibit = read.string(item, "exhibit");
        let wrapped = json!({ "clip": item });
        let animation = clip_from_json(&wrapped, scene, &mut read, "clip");
        match (exhibit, animation) {
            (Some(exhibit), Some(animation)) => loops.push(LoopJson { exhibit, animation }),
            _ => read.warnings.push(format!(
                "{at}: a loop needs an exhibit and a clip of the file; left out"
            )),
        }
    }
    loops
}

/// The `extras.guide` object of the guide's root node.
pub(crate) fn guide_json(scene: &Scene, guide: &Guide) -> Value {
    let floor = &guide.floor;
    let rooms: Vec<Value> = floor
        .rooms
        .iter()
        .map(|(corners, elevation)| {
            let corners: Vec<[f32; 2]> = corners.iter().map(|p| p.to_array()).collect();
            json!({ "floor": corners, "elevation": elevation })
        })
        .collect();
    let ramps: Vec<Value> = floor
        .ramps
        .iter()
        .map(|r| json!({ "from": r.from.to_array(), "to": r.to.to_array(), "width": r.width }))
        .collect();
    let stands: Vec<[f32; 3]> = guide.stands.iter().map(|s| s.to_array()).collect();
    json!({
        "walk": clip_json(scene, guide.walk),
        "idle": clip_json(scene, guide.idle),
        "tour": guide.tour,
        "cycle": guide.cycle,
        "stride": guide.stride,
        "idle_duration": guide.idle_duration,
        "speed": guide.speed,
        "lead": guide.lead,
        "eye_height": guide.eye_height,
        "stands": stands,
        "floor": { "rooms": rooms, "ramps": ramps, "wall_thickness": floor.wall_thickness },
    })
}

/// Reads the guide's `extras.guide` on `node`, its clips from `scene`; `None`, with a
/// warning, when a clip, the tour or a positive cycle, stride or speed is missing.
pub(crate) fn guide_from_json(
    value: &Value,
    node: NodeId,
    scene: &Scene,
    eye_height: f32,
    warnings: &mut Vec<String>,
) -> Option<Guide> {
    let at = format!("node {node}: extras.guide");
    let mut read = Reader { at: &at, warnings };
    if !value.is_object() {
        read.not_object();
        return None;
    }
    let walk = clip_from_json(value, scene, &mut read, "walk");
    let idle = clip_from_json(value, scene, &mut read, "idle");
    let tour = read.string(value, "tour");
    let positive = |read: &mut Reader, key: &str| read.number(value, key, |x| x > 0.0);
    let cycle = positive(&mut read, "cycle");
    let stride = positive(&mut read, "stride");
    let speed = positive(&mut read, "speed");
    let (Some(walk), Some(idle), Some(tour), Some(cycle), Some(stride), Some(speed)) =
        (walk, idle, tour, cycle, stride, speed)
    else {
        read.warnings.push(format!(
            "{at}: a guide needs its walk and idle clips, a tour and a positive cycle, stride and speed; the figure stands still"
        ));
        return None;
    };
    let idle_duration = read
        .number(value, "idle_duration", |x| x >= 0.0)
        .unwrap_or_else(|| scene.animations.get(idle).map_or(0.0, |a| a.duration()));
    let lead = read
        .number(value, "lead", |x| x >= 0.0)
        .unwrap_or(crate::document::defaults::GUIDE_LEAD);
    let eye_height = read
        .number(value, "eye_height", |x| x > 0.0)
        .unwrap_or(eye_height);
    let stands = read
        .array(value, "stands", MAX_ITEMS)
        .map(|items| {
            items
                .iter()
                .filter_map(|p| finite_array::<3>(p).map(Vec3::from_array))
                .collect()
        })
        .unwrap_or_default();
    let floor = match value.get("floor") {
        Some(floor) => read.walk_floor(floor),
        None => WalkFloor::default(),
    };
    Some(Guide {
        node,
        walk,
        idle,
        cycle,
        stride,
        idle_duration,
        speed,
        lead,
        tour,
        eye_height,
        floor,
        stands,
    })
}

impl Reader<'_> {
    /// A guide's `floor`: rooms and ramps of the wrong shape are left out.
    fn walk_floor(&mut self, floor: &Value) -> WalkFloor {
        let rooms = self
            .array(floor, "rooms", MAX_ITEMS)
            .unwrap_or_default()
            .iter()
            .filter_map(|room| {
                let corners = self.points2(room, "floor", MAX_CORNERS)?;
                let elevation = self.number(room, "elevation", |_| true).unwrap_or(0.0);
                (corners.len() >= 3).then_some((corners, elevation))
            })
            .collect();
        let ramps = self
            .array(floor, "ramps", MAX_ITEMS)
            .unwrap_or_default()
            .iter()
            .filter_map(|ramp| {
                let end = |key: &str| ramp.get(key).and_then(finite_array::<3>).map(Vec3::from_array);
                let width = ramp.get("width")?.as_f64().map(|w| w as f32);
                Some(WalkRamp {
                    from: end("from")?,
                    to: end("to")?,
                    width: width.filter(|w| w.is_finite() && *w > 0.0)?,
                })
            })
            .collect();
        WalkFloor {
            rooms,
            ramps,
            wall_thickness: self
                .number(floor, "wall_thickness", |t| t >= 0.0)
                .unwrap_or(crate::document::defaults::WALL_THICKNESS),
        }
    }
}
