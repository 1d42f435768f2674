//! Markers in edit mode for the venue's items that have no surface to click: each
//! hand-placed light (`[[lights]]`, at its position), each spawn (at the visitor's feet)
//! and each tour stop: at its eye (`eye = [x, y, z]`), or for a stop in front of an
//! exhibit (`exhibit = "…"`), at the eye the compiled tour puts there (moving that
//! marker makes the stop an explicit pose, see `marker_drag.rs`). A small disc is drawn by egui
//! where the item projects, when it is in front of the camera, on screen, and not behind
//! a wall or other surface (more than [`SIGHT_MARGIN`] before it); a press
//! within [`MARKER_RADIUS`] pixels of one selects that item (the marker nearest the
//! cursor wins), and a press anywhere else reaches the exhibits as before.

use super::session::screen_point;
use museion_renderer::ViewCamera;
use museion_scene::glam::{Vec2, Vec3};
use museion_venue::{CompiledVenue, ItemKind, VenueEditor};

/// How near the cursor a marker must be to be pressed, pixels; also its drawn radius.
pub const MARKER_RADIUS: f32 = 8.0;

/// How far before a marker's item a surface on the line of sight may be and not hide
/// it, metres: a spawn stands on the floor and a light may touch the ceiling.
pub const SIGHT_MARGIN: f32 = 0.25;

/// Whether a marker `distance` metres away is in sight when the line of sight to it
/// first meets a surface at `hit` metres (`None`: nothing).
pub(super) fn in_sight(distance: f32, hit: Option<f32>) -> bool {
    hit.is_none_or(|hit| hit >= distance - SIGHT_MARGIN)
}

/// An item of the venue file shown by a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Place {
    /// The file's `[[lights]]` at this place.
    Light(usize),
    /// The file's `[[spawns]]` at this place.
    Spawn(usize),
    /// Stop `stop` of the file's tour `tour` (places in the file).
    Stop { tour: usize, stop: usize },
}

impl Place {
    /// The selector that names it for `VenueEditor::select` (`lights[0]`, `spawns[1]`,
    /// `tours[0].stops[2]`).
    pub fn selector(self) -> String {
        match self {
            Self::Light(index) => format!("lights[{index}]"),
            Self::Spawn(index) => format!("spawns[{index}]"),
            Self::Stop { tour, stop } => format!("tours[{tour}].stops[{stop}]"),
        }
    }

    /// The file's field holding world axis `axis` (0 x, 1 y, 2 z) of where it stands:
    /// a light's `position[N]` (its y above its room's floor), a spawn's `position[0]`
    /// and `position[1]` (x and z: a spawn stands on the floor, so it has no y), a
    /// stop's `eye[N]`.
    pub fn field(self, axis: usize) -> Option<&'static str> {
        let fields = match self {
            Self::Light(_) => [Some("position[0]"), Some("position[1]"), Some("position[2]")],
            Self::Spawn(_) => [Some("position[0]"), None, Some("position[1]")],
            Self::Stop { .. } => [Some("eye[0]"), Some("eye[1]"), Some("eye[2]")],
        };
        fields.get(axis).copied().flatten()
    }
}

/// How long the line drawn from a marker the way its item faces is, metres.
pub const FACING_LENGTH: f32 = 0.5;

/// A marker: the item and where it stands in the world, with the height of the floor
/// its file's heights are measured from (a light's room's floor), and the way it faces
/// (a unit vector: a spawn's heading, a stop's or aimed light's way to its target).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Marker {
    pub place: Place,
    pub position: Vec3,
    pub floor: f32,
    pub facing: Option<Vec3>,
    /// For a stop the file places in front of an exhibit (`exhibit`, no `eye`): the
    /// point the compiled tour looks at from there, written as its `target` when the
    /// stop is moved and its `exhibit` becomes an `eye`.
    pub exhibit_target: Option<Vec3>,
}

/// The markers of the items of the file open in `editor`, placed with the rooms of the
/// shown `venue` (whose floors give a light's or spawn's height, and whose tours the
/// pose of a stop in front of an exhibit). A directional light without `position` has
/// none.
pub(super) fn markers(editor: &VenueEditor, venue: &CompiledVenue) -> Vec<Marker> {
    let floor_of = |selector: &str| {
        let item = editor.select(selector).ok()?;
        let room = editor.string(item, "room")?;
        venue.rooms.iter().find(|r| r.id == room).map(|r| r.elevation)
    };
    let read = |place: Place| -> Option<Marker> {
        let selector = place.selector();
        let item = editor.select(&selector).ok()?;
        let floor = floor_of(&selector).unwrap_or(0.0);
        let axis = |axis: usize| -> Option<f32> {
            match place.field(axis) {
                Some(field) => editor.number(item, field).map(|v| v as f32),
                None => Some(0.0),
            }
        };
        let Some(local) = axis(0)
            .zip(axis(1))
            .zip(axis(2))
            .map(|((x, y), z)| Vec3::new(x, y, z))
        else {
            return at_exhibit(editor, venue, place);
        };
        let lift = match place {
            Place::Stop { .. } => 0.0,
            Place::Light(_) | Place::Spawn(_) => floor,
        };
        let position = local + Vec3::Y * lift;
        let number = |field: &str| editor.number(item, field).map(|v| v as f32);
        let target = match (number("target[0]"), number("target[1]"), number("target[2]")) {
            (Some(x), Some(y), Some(z)) => Some(Vec3::new(x, y + lift, z)),
            _ => None,
        };
        let facing = match place {
            Place::Spawn(_) => {
                let yaw = number("yaw").unwrap_or(0.0).to_radians();
                Some(Vec3::new(-yaw.sin(), 0.0, -yaw.cos()))
            }
            // A stop without a target looks 1 m toward -z.
            Place::Stop { .. } => target.map_or(Some(-Vec3::Z), |t| (t - position).try_normalize()),
            Place::Light(_) => target.and_then(|t| (t - position).try_normalize()),
        };
        Some(Marker {
            place,
            position,
            floor: lift,
            facing,
            exhibit_target: None,
        })
    };
    let lights = (0..editor.count(ItemKind::Light)).map(Place::Light);
    let spawns = (0..editor.count(ItemKind::Spawn)).map(Place::Spawn);
    let stops = (0..editor.count(ItemKind::Tour)).flat_map(|tour| {
        (0..)
            .map(move |stop| Place::Stop { tour, stop })
            .take_while(|place| editor.select(&place.selector()).is_ok())
    });
    lights.chain(spawns).chain(stops).filter_map(read).collect()
}

/// The marker of tour stop `place` when the file places it in front of an exhibit
/// (`exhibit`, no `eye`): at the eye the compiled `venue`'s tour uses, facing the point
/// it looks at. `None` for any other item, or a stop the venue does not have.
fn at_exhibit(editor: &VenueEditor, venue: &CompiledVenue, place: Place) -> Option<Marker> {
    let Place::Stop { tour, stop } = place else {
        return None;
    };
    let item = editor.select(&place.selector()).ok()?;
    editor.string(item, "exhibit")?;
    let compiled = venue.tours.get(tour)?.stops.get(stop)?;
    Some(Marker {
        place,
        position: compiled.eye,
        floor: 0.0,
        facing: (compiled.target - compiled.eye).try_normalize(),
        exhibit_target: Some(compiled.target),
    })
}

/// Where `point` is drawn on a view `size` pixels large from `camera`, in pixels from
/// the top left; `None` when it is behind the camera or off screen.
pub(super) fn project(point: Vec3, camera: &ViewCamera, size: (u32, u32)) -> Option<Vec2> {
    let pixel = screen_point(camera, size, point)?;
    let corner = Vec2::new(size.0 as f32, size.1 as f32);
    (pixel.cmpge(Vec2::ZERO).all() && pixel.cmple(corner).all()).then_some(pixel)
}

/// The level world offset that moves a marked item `right` metres to the right and
/// `ahead` metres away as seen from `camera`, each along the world axis (x or z) nearest
/// that way, so that the arrow keys change one field of the file by the step.
pub(super) fn nudge_offset(camera: &ViewCamera, right: f32, ahead: f32) -> Vec3 {
    let backward = camera.view.inverse().z_axis.truncate();
    let forward = Vec3::new(-backward.x, 0.0, -backward.z);
    let forward = if forward.x.abs() > forward.z.abs() {
        Vec3::X * forward.x.signum()
    } else {
        Vec3::Z * forward.z.signum()
    };
    let to_right = Vec3::new(-forward.z, 0.0, forward.x);
    to_right * right + forward * ahead
}

/// A marker as drawn: its item, its pixel, and the pixel [`FACING_LENGTH`] the way it
/// faces (when that is in view).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Shown {
    pub place: Place,
    pub pixel: Vec2,
    pub facing: Option<Vec2>,
}

/// The markers seen on a view `size` pixels large from `camera`.
pub(super) fn shown(markers: &[Marker], camera: &ViewCamera, size: (u32, u32)) -> Vec<Shown> {
    markers
        .iter()
        .filter_map(|m| {
            Some(Shown {
                place: m.place,
                pixel: project(m.position, camera, size)?,
                facing: m
                    .facing
                    .and_then(|way| project(m.position + way * FACING_LENGTH, camera, size)),
            })
        })
        .collect()
}

/// The marker a press at `pixel` falls on: the nearest within [`MARKER_RADIUS`].
pub(super) fn marker_at(shown: &[Shown], pixel: Vec2) -> Option<Place> {
    shown
        .iter()
        .map(|s| (s.place, s.pixel.distance(pixel)))
        .filter(|(_, distance)| *distance <= MARKER_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(place, _)| place)
}

/// Draws the markers beneath every panel: lights yellow, spawns green, tour stops blue,
/// the `selected` one ringed in amber and named.
pub(super) fn show(ctx: &egui::Context, shown: &[Shown], selected: Option<Place>) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Background,
        egui::Id::unique("edit-markers"),
    ));
    let points = 1.0 / ctx.pixels_per_point();
    for marker in shown {
        let centre = egui::pos2(marker.pixel.x * points, marker.pixel.y * points);
        let radius = MARKER_RADIUS * points * 0.7;
        let fill = match marker.place {
            Place::Light(_) => egui::Color32::from_rgb(255, 230, 90),
            Place::Spawn(_) => egui::Color32::from_rgb(110, 220, 120),
            Place::Stop { .. } => egui::Color32::from_rgb(110, 170, 255),
        };
        if let Some(tip) = marker.facing {
            let tip = egui::pos2(tip.x * points, tip.y * points);
            painter.line_segment([centre, tip], egui::Stroke::new(2.0, fill));
        }
        painter.circle(
            centre,
            radius,
            fill,
            egui::Stroke::new(1.0, egui::Color32::from_black_alpha(200)),
        );
        if Some(marker.place) == selected {
            painter.circle_stroke(
                centre,
                radius + 3.0,
                egui::Stroke::new(2.0, egui::Color32::from_rgb(255, 200, 40)),
            );
            painter.text(
                centre + egui::vec2(radius + 6.0, 0.0),
                egui::Align2::LEFT_CENTER,
                marker.place.selector(),
                egui::FontId::proportional(13.0),
                egui::Color32::WHITE,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_ahead_projects_where_the_view_looks_and_one_behind_or_aside_is_not_shown() {
        let eye = Vec3::new(3.0, 1.6, 3.0);
        let camera = ViewCamera::look_at(eye, eye - Vec3::Z, 40f32.to_radians(), 0.05);
        let size = (160, 120);
        let ahead = project(eye - Vec3::Z * 2.0, &camera, size).expect("ahead");
        assert!(ahead.abs_diff_eq(Vec2::new(80.0, 60.0), 1e-3), "{ahead}");
        // 0.5 m right and 0.6 m up at 2.5 m: (60 / tan 20°) / 2.5 pixels a metre.
        let per_metre = 60.0 / 20f32.to_radians().tan() / 2.5;
        let aside = project(Vec3::new(3.5, 2.2, 0.5), &camera, size).expect("in view");
        let expected = Vec2::new(80.0 + 0.5 * per_metre, 60.0 - 0.6 * per_metre);
        assert!(aside.abs_diff_eq(expected, 1e-2), "{aside} {expected}");
        assert_eq!(project(eye + Vec3::Z, &camera, size), None, "behind");
        assert_eq!(
            project(Vec3::new(13.0, 1.6, 0.0), &camera, size),
            None,
            "off screen"
        );
    }

    #[test]
    fn the_arrows_move_along_the_world_axis_nearest_the_view() {
        let eye = Vec3::new(3.0, 1.6, 3.0);
        // Looking toward -z, a little to the left of it and down.
        let camera = ViewCamera::look_at(eye, eye + Vec3::new(-0.3, -0.4, -1.0), 1.0, 0.05);
        let right = nudge_offset(&camera, 0.1, 0.0);
        assert!(right.abs_diff_eq(Vec3::new(0.1, 0.0, 0.0), 1e-6), "{right}");
        let ahead = nudge_offset(&camera, 0.0, -0.01);
        assert!(ahead.abs_diff_eq(Vec3::new(0.0, 0.0, 0.01), 1e-6), "{ahead}");
        // Looking toward +x: right is +z.
        let camera = ViewCamera::look_at(eye, eye + Vec3::X, 1.0, 0.05);
        let right = nudge_offset(&camera, 0.1, 0.0);
        assert!(right.abs_diff_eq(Vec3::new(0.0, 0.0, 0.1), 1e-6), "{right}");
    }

    #[test]
    fn a_marker_behind_a_surface_is_out_of_sight_and_one_on_it_is_not() {
        assert!(in_sight(5.0, None));
        assert!(in_sight(5.0, Some(4.9)), "a spawn on the floor the ray meets");
        assert!(!in_sight(5.0, Some(3.0)), "a wall between");
    }

    #[test]
    fn a_press_selects_the_nearest_marker_within_its_radius_and_nothing_farther() {
        let shown = [
            Shown {
                place: Place::Light(0),
                pixel: Vec2::new(50.0, 50.0),
                facing: None,
            },
            Shown {
                place: Place::Spawn(1),
                pixel: Vec2::new(58.0, 50.0),
                facing: None,
            },
        ];
        assert_eq!(marker_at(&shown, Vec2::new(52.0, 51.0)), Some(Place::Light(0)));
        assert_eq!(marker_at(&shown, Vec2::new(56.0, 50.0)), Some(Place::Spawn(1)));
        assert_eq!(
            marker_at(&shown, Vec2::new(50.0, 50.0 + MARKER_RADIUS + 0.5)),
            None
        );
        assert_eq!(marker_at(&[], Vec2::new(50.0, 50.0)), None);
    }

    #[test]
    fn markers_stand_where_the_file_places_lights_spawns_and_stops() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("venue.toml");
        let text = "[[rooms]]\nid = \"low\"\nfloor = [[0, 0], [4, 0], [4, 4], [0, 4]]\n\n\
                    [[rooms]]\nid = \"high\"\nelevation = 1\nfloor = [[4, 0], [8, 0], [8, 4], [4, 4]]\n\n\
                    [[lights]]\nkind = \"point\"\nroom = \"high\"\nposition = [6, 2, 2]\nintensity = 80\n\n\
                    [[lights]]\nkind = \"directional\"\ntarget = [0, -1, 0]\nintensity = 5\n\n\
                    [[spawns]]\nid = \"door\"\nroom = \"high\"\nposition = [5, 1]\nyaw = 90\n\n\
                    [[tours]]\nid = \"walk\"\n\n[[tours.stops]]\neye = [1, 1.6, 2]\n\n\
                    [[tours.stops]]\neye = [2, 1.5, 3]\ntarget = [2, 1.5, 0]\n";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let editor = VenueEditor::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<(Place, Vec3)> = markers(&editor, editor.compiled())
            .iter()
            .map(|m| (m.place, m.position))
            .collect();
        assert_eq!(
            found,
            vec![
                (Place::Light(0), Vec3::new(6.0, 3.0, 2.0)),
                (Place::Spawn(0), Vec3::new(5.0, 1.0, 1.0)),
                (Place::Stop { tour: 0, stop: 0 }, Vec3::new(1.0, 1.6, 2.0)),
                (Place::Stop { tour: 0, stop: 1 }, Vec3::new(2.0, 1.5, 3.0)),
            ]
        );
        // A point light faces nowhere; the spawn turned 90° faces -x; the stops face -z
        // (one without a target, one looking at it).
        let facing: Vec<Option<Vec3>> = markers(&editor, editor.compiled())
            .iter()
            .map(|m| m.facing)
            .collect();
        let expected = [None, Some(-Vec3::X), Some(-Vec3::Z), Some(-Vec3::Z)];
        assert_eq!(facing.len(), expected.len());
        for (found, expected) in facing.iter().zip(expected) {
            match (found, expected) {
                (Some(found), Some(expected)) => assert!(found.abs_diff_eq(expected, 1e-6), "{facing:?}"),
                _ => assert_eq!(*found, expected, "{facing:?}"),
            }
        }
        assert_eq!(Place::Stop { tour: 0, stop: 1 }.selector(), "tours[0].stops[1]");
        assert!(editor.select(&Place::Spawn(0).selector()).is_ok());
    }
}
