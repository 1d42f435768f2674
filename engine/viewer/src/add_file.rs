//! Adding an exhibit from a file in edit mode (a file dropped on the window, or a path
//! typed in the edit panel): an image (PNG or JPEG) is hung as a framed, lit artwork on
//! the wall under the cursor, its centre at eye height, sized from the image's aspect
//! ratio (only its header is read); a glTF model (`.gltf`, `.glb`) stands on the floor
//! in front of the visitor. The file must lie in the venue's folders (its own, and those
//! given with `--allow-dir`); one outside them is refused with a message saying so.

use super::wall_drag::{Hanging, Snapping, WallRoom, room_walls};
use museion_files::FileScope;
use museion_scene::glam::{Vec2, Vec3};
use museion_venue::document::defaults::ARTWORK_CENTER_HEIGHT;
use museion_venue::toml_edit::{Array, Table, value};
use museion_venue::{CompiledVenue, ItemKind, Room};
use std::path::{Path, PathBuf};

/// The longer side of an added image, without its frame, metres.
pub const ADDED_ARTWORK_SIZE: f32 = 1.0;
/// How far in front of the visitor an added model stands, metres.
pub const ADDED_MODEL_DISTANCE: f32 = 2.0;

/// What kind of exhibit a file makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    Image,
    Model,
}

/// Why a file cannot be added: the key of the viewer's words and the values to fill in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct AddRefusal {
    pub key: &'static str,
    pub values: Vec<(&'static str, String)>,
}

fn refusal(key: &'static str, values: &[(&'static str, &str)]) -> AddRefusal {
    AddRefusal {
        key,
        values: values.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
    }
}

/// The kind of exhibit a file makes, by its extension.
pub(super) fn file_kind(path: &Path) -> Option<FileKind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "png" | "jpg" | "jpeg" => Some(FileKind::Image),
        "gltf" | "glb" => Some(FileKind::Model),
        _ => None,
    }
}

/// The width of an added image of `width` × `height` pixels: its longer side
/// [`ADDED_ARTWORK_SIZE`].
pub(super) fn artwork_width(width: u32, height: u32) -> f32 {
    if width >= height {
        ADDED_ARTWORK_SIZE
    } else {
        ADDED_ARTWORK_SIZE * width as f32 / height.max(1) as f32
    }
}

/// An id made from the file's name (letters, digits, `-` and `_`), not among `taken`:
/// `stem`, else `stem-2`, `stem-3`…
pub(super) fn new_id<'a>(path: &Path, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let stem: String = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("exhibit")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = if stem.is_empty() {
        "exhibit".to_owned()
    } else {
        stem
    };
    let free = |id: &str| !taken.clone().any(|t| t == id);
    std::iter::once(stem.clone())
        .chain((2..).map(|n| format!("{stem}-{n}")))
        .find(|id| free(id))
        .unwrap_or(stem)
}

/// The folder the venue file lies in: its parent, or `.` for a bare file name (a venue
/// opened as `venue.toml` from its own folder).
fn venue_folder(venue: &Path) -> &Path {
    venue
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The file as the venue should name it: relative to the venue's folder (with `/`) when
/// inside it, else the absolute path; refused when it is outside `scope`.
pub(super) fn venue_path(file: &Path, venue: &Path, scope: &FileScope) -> Result<String, AddRefusal> {
    let shown = file.display().to_string();
    if !file.is_file() {
        return Err(refusal("edit.add_missing", &[("path", &shown)]));
    }
    let resolved = scope.check(file).map_err(|_| {
        let folder = file
            .parent()
            .map_or_else(String::new, |p| p.display().to_string());
        refusal("edit.add_outside", &[("path", &shown), ("folder", &folder)])
    })?;
    let base = std::fs::canonicalize(venue_folder(venue)).ok();
    Ok(match base.as_ref().and_then(|b| resolved.strip_prefix(b).ok()) {
        Some(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        None => resolved.display().to_string(),
    })
}

/// A room's walls, their inward sides found by which side of its first wall lies inside.
pub(super) fn wall_room(room: &Room, wall_thickness: f32) -> WallRoom {
    let floor = &room.floor;
    let known_inward = match floor.as_slice() {
        [a, b, ..] => {
            let left = (*b - *a).normalize_or_zero().perp();
            let middle = (*a + *b) * 0.5;
            if room.contains(middle + left * 0.01) {
                left
            } else {
                -left
            }
        }
        _ => Vec2::Y,
    };
    WallRoom {
        walls: room_walls(floor, 0, known_inward),
        elevation: room.elevation,
        height: room.height,
        face: wall_thickness * 0.5,
    }
}

/// The first room whose floor holds `point` (`(x, z)`).
fn room_at(venue: &CompiledVenue, point: Vec2) -> Option<&Room> {
    venue.rooms.iter().find(|room| room.contains(point))
}

/// The fields of an image hung where the ray from `eye` along `direction` meets a wall of
/// the room the eye stands in: at the point met along the wall (kept on it), at eye height.
pub(super) fn image_fields(
    venue: &CompiledVenue,
    id: &str,
    image: &str,
    pixels: (u32, u32),
    eye: Vec3,
    direction: Vec3,
) -> Result<(ItemKind, Table), AddRefusal> {
    let room = room_at(venue, Vec2::new(eye.x, eye.z)).ok_or_else(|| refusal("edit.add_no_wall", &[]))?;
    let walls = wall_room(room, venue.wall_thickness);
    let hit = walls
        .hit(eye, direction)
        .ok_or_else(|| refusal("edit.add_no_wall", &[]))?;
    let width = artwork_width(pixels.0, pixels.1);
    let height = width * pixels.1 as f32 / pixels.0.max(1) as f32;
    // The frame's default moulding on each side, as the format adds it.
    let frame = 2.0 * museion_venue::document::defaults::FRAME_WIDTH;
    let kept = walls
        .snapped(
            Hanging {
                wall: hit.wall,
                offset: hit.along,
                height: ARTWORK_CENTER_HEIGHT,
            },
            Vec2::new(width + frame, height + frame) * 0.5,
            Snapping {
                radius: 0.0,
                grid: false,
            },
        )
        .ok_or_else(|| refusal("edit.add_no_wall", &[]))?;
    let millimetres = |metres: f32| (f64::from(metres) * 1000.0).round() / 1000.0;
    let mut fields = Table::new();
    fields.insert("id", value(id));
    fields.insert("room", value(room.id.as_str()));
    fields.insert("wall", value(kept.wall as i64));
    fields.insert("offset", value(millimetres(kept.offset)));
    fields.insert("center_height", value(millimetres(kept.height)));
    fields.insert("width", value(millimetres(width)));
    fields.insert("image", value(image));
    Ok((ItemKind::Artwork, fields))
}

/// The fields of a model standing on the floor [`ADDED_MODEL_DISTANCE`] in front of a
/// visitor at `eye` looking along `forward`.
pub(super) fn model_fields(
    venue: &CompiledVenue,
    id: &str,
    model: &str,
    eye: Vec3,
    forward: Vec3,
) -> Result<(ItemKind, Table), AddRefusal> {
    let ahead = Vec2::new(forward.x, forward.z).normalize_or_zero();
    let eye = Vec2::new(eye.x, eye.z);
    let spot = eye + ahead * ADDED_MODEL_DISTANCE;
    let room = room_at(venue, spot)
        .or_else(|| room_at(venue, eye))
        .ok_or_else(|| refusal("edit.add_no_floor", &[]))?;
    let spot = if room.contains(spot) { spot } else { eye };
    let millimetres = |metres: f32| (f64::from(metres) * 1000.0).round() / 1000.0;
    let mut fields = Table::new();
    fields.insert("id", value(id));
    fields.insert("room", value(room.id.as_str()));
    fields.insert("model", value(model));
    fields.insert(
        "position",
        value(Array::from_iter([millimetres(spot.x), 0.0, millimetres(spot.y)])),
    );
    Ok((ItemKind::Model, fields))
}

/// The image's size in pixels from its header, or the words that say it cannot be read.
pub(super) fn image_pixels(path: &Path) -> Result<(u32, u32), AddRefusal> {
    image::image_dimensions(path).map_err(|e| {
        refusal(
            "edit.add_unreadable",
            &[("path", &path.display().to_string()), ("error", &e.to_string())],
        )
    })
}

/// A path typed or dropped, as a path (quotes and spaces around it taken away).
pub(super) fn typed_path(text: &str) -> PathBuf {
    PathBuf::from(text.trim().trim_matches(|c| c == '"' || c == '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_extension() {
        assert_eq!(file_kind(Path::new("a/Bather.JPG")), Some(FileKind::Image));
        assert_eq!(file_kind(Path::new("bust.glb")), Some(FileKind::Model));
        assert_eq!(file_kind(Path::new("notes.txt")), None);
        assert_eq!(file_kind(Path::new("no-extension")), None);
    }

    #[test]
    fn an_image_s_longer_side_is_one_metre() {
        assert_eq!(artwork_width(1200, 900), 1.0);
        assert!((artwork_width(600, 1200) - 0.5).abs() < 1e-6);
        assert_eq!(artwork_width(0, 0), 1.0);
    }

    #[test]
    fn ids_come_from_the_name_and_are_not_taken() {
        let taken = ["bather", "bather-2", "x"];
        assert_eq!(
            new_id(Path::new("/a/Bather.png"), taken.iter().copied()),
            "Bather"
        );
        assert_eq!(new_id(Path::new("bather.png"), taken.iter().copied()), "bather-3");
        assert_eq!(
            new_id(Path::new("my fig (1).jpg"), taken.iter().copied()),
            "my-fig--1-"
        );
        assert_eq!(typed_path("  'art/a b.png' "), PathBuf::from("art/a b.png"));
    }

    #[test]
    fn a_venue_opened_by_its_bare_name_lies_in_the_current_folder() {
        assert_eq!(venue_folder(Path::new("venue.toml")), Path::new("."));
        assert_eq!(venue_folder(Path::new("demo/venue.toml")), Path::new("demo"));
        assert_eq!(
            venue_folder(Path::new("/srv/demo/venue.toml")),
            Path::new("/srv/demo")
        );
    }

    #[test]
    fn files_outside_the_venue_s_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (inside, outside) = (dir.path().join("venue"), dir.path().join("elsewhere"));
        for folder in [&inside, &outside] {
            std::fs::create_dir_all(folder.join("art")).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(folder.join("art/a.png"), b"x").unwrap_or_else(|e| panic!("{e}"));
        }
        let venue = inside.join("venue.toml");
        let scope = FileScope::around(&venue);
        assert_eq!(
            venue_path(&inside.join("art/a.png"), &venue, &scope),
            Ok("art/a.png".into())
        );
        let refused = venue_path(&outside.join("art/a.png"), &venue, &scope).unwrap_err();
        assert_eq!(refused.key, "edit.add_outside");
        let missing = venue_path(&inside.join("art/b.png"), &venue, &scope).unwrap_err();
        assert_eq!(missing.key, "edit.add_missing");
        // With the folder allowed, the file is named by its absolute path.
        let wider = FileScope::around(&venue).allow_dir(&outside);
        let named = venue_path(&outside.join("art/a.png"), &venue, &wider).unwrap_or_default();
        assert!(
            Path::new(&named).is_absolute() && named.ends_with("art/a.png"),
            "{named}"
        );
    }
}
