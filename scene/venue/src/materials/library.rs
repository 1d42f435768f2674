//! The material library venues can name without defining: architecture and display
//! materials with procedural textures made by [`patterns`](super::patterns).

use super::patterns::Pattern;

/// One library material.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LibraryEntry {
    /// The name a venue uses.
    pub name: &'static str,
    /// The base-colour texture, if any.
    pub pattern: Option<Pattern>,
    /// Metres covered by one repeat of the texture.
    pub tile: f32,
    /// Linear RGBA factor (multiplies the texture; alpha is the opacity).
    pub base_color: [f32; 4],
    /// Perceptual roughness.
    pub roughness: f32,
    /// Metalness.
    pub metallic: f32,
    /// Back faces drawn too.
    pub double_sided: bool,
    /// Share of light passing through, thin-walled (glass).
    pub transmission: f32,
    /// A clear lacquer layer: strength and roughness.
    pub clearcoat: Option<[f32; 2]>,
    /// A cloth sheen: linear colour and roughness.
    pub sheen: Option<([f32; 3], f32)>,
}

const fn entry(
    name: &'static str,
    pattern: Option<Pattern>,
    tile: f32,
    roughness: f32,
    metallic: f32,
) -> LibraryEntry {
    LibraryEntry {
        name,
        pattern,
        tile,
        base_color: [1.0; 4],
        roughness,
        metallic,
        double_sided: false,
        transmission: 0.0,
        clearcoat: None,
        sheen: None,
    }
}

/// Every library material.
pub(crate) const LIBRARY: [LibraryEntry; 10] = [
    // Oak boards 30 cm wide (four boards per 1.2 m tile).
    entry("wood", Some(Pattern::Wood), 1.2, 0.55, 0.0),
    entry("plaster", Some(Pattern::Plaster), 2.0, 0.9, 0.0),
    entry("marble", Some(Pattern::Marble), 1.5, 0.25, 0.0),
    entry("concrete", Some(Pattern::Concrete), 2.0, 0.85, 0.0),
    LibraryEntry {
        // Clear float glass: thin-walled and fully transmissive (ior 1.5, the glTF
        // default), faintly green, nearly mirror-smooth, seen from both sides.
        base_color: [0.95, 0.98, 0.97, 1.0],
        transmission: 1.0,
        double_sided: true,
        ..entry("glass", None, 1.0, 0.05, 0.0)
    },
    entry("brushed_metal", Some(Pattern::BrushedMetal), 0.5, 0.35, 1.0),
    entry("gilded_frame", Some(Pattern::Gilded), 0.3, 0.3, 1.0),
    entry("fabric", Some(Pattern::Fabric), 0.25, 0.9, 0.0),
    LibraryEntry {
        // Upholstery velvet: the woven fabric with a soft, pale-red sheen at grazing
        // angles.
        sheen: Some(([0.8, 0.35, 0.35], 0.5)),
        ..entry("velvet", Some(Pattern::Fabric), 0.25, 0.9, 0.0)
    },
    LibraryEntry {
        // Oak under a glossy lacquer, for frames and furniture.
        clearcoat: Some([1.0, 0.05]),
        ..entry("lacquered_wood", Some(Pattern::Wood), 1.2, 0.55, 0.0)
    },
];

/// The library material called `name`.
pub(crate) fn find(name: &str) -> Option<&'static LibraryEntry> {
    LIBRARY.iter().find(|e| e.name == name)
}

/// The names of the library's materials.
pub fn library_material_names() -> Vec<&'static str> {
    LIBRARY.iter().map(|e| e.name).collect()
}
