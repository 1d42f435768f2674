//! The demo museum's venue file, written as a person would write it: the building
//! first, then the works room by room, then the visitor's way in, the tour and the
//! guide who walks it.

use super::conservation::{painting_spot_lux, sensitivity};
use super::layout::{
    ATRIUM_HEIGHT, CORRIDOR_HEIGHT, DemoLayout, GALLERY_HEIGHT, HALL_HEIGHT, KINETIC_PEDESTAL, KINETIC_SPOT,
};
use super::{GUIDE_FILE, KINETIC_FILE, KINETIC_ID, painting_file, sculpture_file};
use museion_art::kinetic::TURN_CLIP;
use museion_art::{ArtworkInfo, Catalogue, PAINTINGS, SCULPTURES, kinetic_info};
use std::fmt::Write as _;

/// The building: venue settings, materials, rooms with their openings and lights, the
/// ramp, a ball, the spawn points. Coordinates in metres; x runs east, z south.
const BUILDING: &str = r#"[venue]
name = "Museion Demo Museum"
language = "en"
languages = ["en", "zh-CN", "fr", "de"]
environment = "studio"
environment_intensity = 0.5
wall_thickness = 0.2
wall_material = "plaster"
floor_material = "wood"

[visitor]
eye_height = 1.65
walk_speed = 1.4
run_speed = 3.5

[materials.gallery_green]
base_color = [0.16, 0.3, 0.25]
roughness = 0.9

[materials.warm_plaster]
based_on = "plaster"
base_color = [0.95, 0.9, 0.82]

[materials.pale_stone]
based_on = "concrete"
base_color = [0.92, 0.9, 0.86]

# Ceiling lights are dim beside the works' own spots, so that works on paper (50 lx at
# most) stay within their limits wherever they hang: check with `museion lux`.

# The atrium: the way in, two sculptures and eight paintings.
[[rooms]]
id = "atrium"
name = "Atrium"
floor = [[0, 0], [14, 0], [14, 14], [0, 14]]
height = ATRIUM_HEIGHT
wall_material = "warm_plaster"
floor_material = "marble"
ceiling_lights = { kind = "spot", spacing = 4.5, intensity = 400 }

[[rooms.openings]]
wall = 1
offset = 7
width = 2.4
height = 3.0
to = "gallery"

[[rooms.openings]]
wall = 2
offset = 7
width = 2.0
to = "corridor"

# The painting gallery: green walls, the largest canvases, two cased sculptures.
[[rooms]]
id = "gallery"
name = "Painting Gallery"
floor = [[14, 0], [38, 0], [38, 14], [14, 14]]
height = GALLERY_HEIGHT
wall_material = "gallery_green"
ceiling_lights = { kind = "point", spacing = 6, intensity = 120 }

[[rooms.openings]]
wall = 2
offset = 4
width = 2.2
to = "corridor"

# The corridor of works on paper: a step up from the atrium and the gallery, a ramp
# up to the sculpture hall at its east end.
[[rooms]]
id = "corridor"
name = "Long Corridor"
floor = [[0, 14], [52, 14], [52, 18], [0, 18]]
elevation = 0.15
height = CORRIDOR_HEIGHT
floor_material = "pale_stone"
ceiling_lights = { kind = "spot", spacing = 5, intensity = 300 }

[[rooms.openings]]
wall = 1
offset = 2
width = 1.8
to = "hall"

# The sculpture hall: eight sculptures in two rows either side of the aisle.
[[rooms]]
id = "hall"
name = "Sculpture Hall"
floor = [[52, 4], [68, 4], [68, 22], [52, 22]]
elevation = 0.75
height = HALL_HEIGHT
wall_material = "warm_plaster"
floor_material = "concrete"
ceiling_lights = { kind = "spot", spacing = 5, intensity = 1200 }

[[ramps]]
id = "hall ramp"
from = [45.5, 0.15, 16]
to = [51.9, 0.75, 16]
width = 1.8
material = "pale_stone"

[[props]]
id = "ball"
room = "atrium"
shape = "ball"
position = [9.5, 0, 10.5]

[[spawns]]
id = "entrance"
room = "atrium"
position = [7, 11.5]
yaw = 0

[[spawns]]
id = "gallery"
room = "gallery"
position = [16, 7]
yaw = 270

[[spawns]]
id = "hall"
room = "hall"
position = [53.5, 14.5]
yaw = 270
"#;

/// The demo museum's venue file for `catalogue` placed by `layout`, with the kinetic
/// sculpture and the guide of `seed`.
pub fn venue_text(catalogue: &Catalogue, layout: &DemoLayout, seed: u64) -> String {
    let mut text = String::from(
        "# The Museion demo museum, written by `museion demo` (seed and layout in\n\
         # engine/src/demo). Edit it freely: `museion view` reloads it on save.\n\n",
    );
    text.push_str(
        &BUILDING
            .replace("ATRIUM_HEIGHT", &number(ATRIUM_HEIGHT))
            .replace("GALLERY_HEIGHT", &number(GALLERY_HEIGHT))
            .replace("CORRIDOR_HEIGHT", &number(CORRIDOR_HEIGHT))
            .replace("HALL_HEIGHT", &number(HALL_HEIGHT)),
    );
    for placed in &layout.paintings {
        let spec = &catalogue.paintings[placed.index];
        let _ = write!(
            text,
            "\n[[artworks]]\nid = \"{}\"\nroom = \"{}\"\nwall = {}\noffset = {}\ncenter_height = {}\nwidth = {}\nimage = \"{}\"\n",
            painting_id(placed.index),
            placed.wall.room,
            placed.wall.wall,
            number(placed.offset),
            number(placed.center_height),
            number(placed.width),
            painting_file(placed.index),
        );
        let class = sensitivity(&spec.info.medium);
        let (width, height) = spec.size_m();
        let _ = writeln!(text, "light_sensitivity = \"{class}\"");
        if let Some(lux) = painting_spot_lux(
            class,
            width,
            height,
            placed.center_height,
            placed.wall.room_height,
        ) {
            let _ = writeln!(text, "light = {{ lux = {} }}", number(lux));
        }
        metadata(&mut text, "artworks", &spec.info);
    }
    for placed in &layout.sculptures {
        let spec = &catalogue.sculptures[placed.index];
        let _ = write!(
            text,
            "\n[[models]]\nid = \"{}\"\nroom = \"{}\"\nmodel = \"{}\"\nposition = [{}, 0, {}]\nrotation = [0, {}, 0]\npedestal = {{ height = {} }}\n",
            sculpture_id(placed.index),
            placed.room,
            sculpture_file(placed.index),
            number(placed.x),
            number(placed.z),
            number(placed.yaw_degrees),
            number(placed.pedestal_height),
        );
        if placed.case {
            text.push_str("case = true\n");
        }
        text.push_str("collider = \"convex\"\nlight = true\n");
        let _ = writeln!(text, "light_sensitivity = \"{}\"", sensitivity(&spec.info.medium));
        metadata(&mut text, "models", &spec.info);
    }
    kinetic(&mut text, seed);
    super::tour_text::tour(&mut text, catalogue, layout, seed);
    text.push_str(&GUIDE.replace("GUIDE_FILE", GUIDE_FILE));
    text
}

/// The gallery guide: Museion's walking figure, on the tour.
const GUIDE: &str = r#"
# The gallery guide walks the tour a step and a half ahead of the visitor and waits at
# each stop (its stride and walk cycle are in the model's extras).
[guide]
model = "GUIDE_FILE"
tour = "highlights"
lead = 1.5
"#;

/// The kinetic sculpture at the end of the sculpture hall, its `turn` clip looping.
fn kinetic(text: &mut String, seed: u64) {
    let (room, x, z, yaw) = KINETIC_SPOT;
    let _ = write!(
        text,
        "\n[[models]]\nid = \"{KINETIC_ID}\"\nroom = \"{room}\"\nmodel = \"{KINETIC_FILE}\"\nposition = [{}, 0, {}]\nrotation = [0, {}, 0]\npedestal = {{ height = {} }}\nlight = true\nanimation = \"{TURN_CLIP}\"\n",
        number(x),
        number(z),
        number(yaw),
        number(KINETIC_PEDESTAL),
    );
    let info = kinetic_info(seed, KINETIC_NUMBER);
    let _ = writeln!(text, "light_sensitivity = \"{}\"", sensitivity(&info.medium));
    metadata(text, "models", &info);
}

/// The kinetic sculpture's place in the collection's numbering: after every painting
/// and sculpture of the catalogue.
pub(super) const KINETIC_NUMBER: u32 = (PAINTINGS + SCULPTURES + 1) as u32;

/// The exhibit id of painting `index` (from 0).
pub(super) fn painting_id(index: usize) -> String {
    format!("painting-{:02}", index + 1)
}

/// The exhibit id of sculpture `index` (from 0).
pub(super) fn sculpture_id(index: usize) -> String {
    format!("sculpture-{:02}", index + 1)
}

/// The label of a work, as `[SECTION.metadata]` with its translations (French, German,
/// Simplified Chinese), each with the fields it translates.
fn metadata(text: &mut String, section: &str, info: &ArtworkInfo) {
    let _ = writeln!(text, "\n[{section}.metadata]");
    let fields = [
        ("title", &info.title),
        ("artist", &info.artist),
        ("date", &info.date),
        ("medium", &info.medium),
        ("dimensions", &info.dimensions),
        ("accession_number", &info.accession),
        ("credit_line", &info.credit),
        ("rights", &info.rights),
        ("description", &info.description),
    ];
    for (key, value) in fields {
        let _ = writeln!(text, "{key} = {}", quoted(value));
    }
    for (language, t) in &info.translations {
        let _ = writeln!(text, "\n[{section}.metadata.translations.{language}]");
        let fields = [
            ("title", &t.title),
            ("artist", &t.artist),
            ("date", &t.date),
            ("medium", &t.medium),
            ("credit_line", &t.credit),
            ("rights", &t.rights),
            ("description", &t.description),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                let _ = writeln!(text, "{key} = {}", quoted(value));
            }
        }
    }
}

/// A TOML string literal.
pub(super) fn quoted(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

/// A number rounded to the millimetre, without trailing zeros.
pub(super) fn number(value: f32) -> String {
    let text = format!("{:.3}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_strings_are_quoted_for_toml() {
        assert_eq!(number(7.0), "7");
        assert_eq!(number(1.2345), "1.235");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(-90.0), "-90");
        let text = format!("s = {}", quoted("A \"quoted\" \\ title\nnext"));
        let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
        assert_eq!(parsed["s"].as_str(), Some("A \"quoted\" \\ title\nnext"));
    }
}
