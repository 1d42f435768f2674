//! `KHR_animation_pointer`: the JSON pointers of the glTF properties Museion animates,
//! read into what they name ([`parse`]) and written back ([`format`]), from one table
//! per object kind so that the two directions cannot drift apart.

use museion_scene::{
    AnimationProperty, Camera, CameraId, CameraProperty, Light, LightId, LightProperty, Material, MaterialId,
    MaterialProperty, PointerTarget, Projection, Scene, TextureTransformPart,
};

/// The extension's name.
pub(crate) const EXTENSION: &str = "KHR_animation_pointer";

/// Which of a camera's projection objects a pointer goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProjectionKind {
    /// `perspective`.
    Perspective,
    /// `orthographic`.
    Orthographic,
}

/// What a pointer names, by the document's indices (which [`PointerTarget`] leaves to
/// the importer to map onto scene ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DocTarget {
    /// A node's translation, rotation, scale or morph weights.
    Node {
        node: usize,
        property: AnimationProperty,
    },
    /// A material factor.
    Material {
        material: usize,
        property: MaterialProperty,
    },
    /// A part of a texture slot's `KHR_texture_transform` (slot in
    /// [`Material::texture_slot_table`] order).
    TextureTransform {
        material: usize,
        slot: usize,
        part: TextureTransformPart,
    },
    /// A `KHR_lights_punctual` light property.
    Light { light: usize, property: LightProperty },
    /// A camera property, through the projection object the pointer names.
    Camera {
        camera: usize,
        projection: ProjectionKind,
        property: CameraProperty,
    },
}

const NODE_PROPERTIES: [(AnimationProperty, &str); 4] = [
    (AnimationProperty::Translation, "translation"),
    (AnimationProperty::Rotation, "rotation"),
    (AnimationProperty::Scale, "scale"),
    (AnimationProperty::MorphWeights, "weights"),
];

/// Every [`MaterialProperty`] and its path under `/materials/N/`.
const MATERIAL_PROPERTIES: [(MaterialProperty, &str); 26] = {
    use MaterialProperty::*;
    [
        (BaseColorFactor, "pbrMetallicRoughness/baseColorFactor"),
        (MetallicFactor, "pbrMetallicRoughness/metallicFactor"),
        (RoughnessFactor, "pbrMetallicRoughness/roughnessFactor"),
        (NormalScale, "normalTexture/scale"),
        (OcclusionStrength, "occlusionTexture/strength"),
        (EmissiveFactor, "emissiveFactor"),
        (AlphaCutoff, "alphaCutoff"),
        (
            EmissiveStrength,
            "extensions/KHR_materials_emissive_strength/emissiveStrength",
        ),
        (Ior, "extensions/KHR_materials_ior/ior"),
        (SpecularFactor, "extensions/KHR_materials_specular/specularFactor"),
        (
            SpecularColorFactor,
            "extensions/KHR_materials_specular/specularColorFactor",
        ),
        (
            ClearcoatFactor,
            "extensions/KHR_materials_clearcoat/clearcoatFactor",
        ),
        (
            ClearcoatRoughnessFactor,
            "extensions/KHR_materials_clearcoat/clearcoatRoughnessFactor",
        ),
        (
            SheenColorFactor,
            "extensions/KHR_materials_sheen/sheenColorFactor",
        ),
        (
            SheenRoughnessFactor,
            "extensions/KHR_materials_sheen/sheenRoughnessFactor",
        ),
        (
            TransmissionFactor,
            "extensions/KHR_materials_transmission/transmissionFactor",
        ),
        (ThicknessFactor, "extensions/KHR_materials_volume/thicknessFactor"),
        (
            AttenuationDistance,
            "extensions/KHR_materials_volume/attenuationDistance",
        ),
        (
            AttenuationColor,
            "extensions/KHR_materials_volume/attenuationColor",
        ),
        (
            IridescenceFactor,
            "extensions/KHR_materials_iridescence/iridescenceFactor",
        ),
        (
            IridescenceIor,
            "extensions/KHR_materials_iridescence/iridescenceIor",
        ),
        (
            IridescenceThicknessMinimum,
            "extensions/KHR_materials_iridescence/iridescenceThicknessMinimum",
        ),
        (
            IridescenceThicknessMaximum,
            "extensions/KHR_materials_iridescence/iridescenceThicknessMaximum",
        ),
        (
            AnisotropyStrength,
            "extensions/KHR_materials_anisotropy/anisotropyStrength",
        ),
        (
            AnisotropyRotation,
            "extensions/KHR_materials_anisotropy/anisotropyRotation",
        ),
        (Dispersion, "extensions/KHR_materials_dispersion/dispersion"),
    ]
};

const TRANSFORM_PARTS: [(TextureTransformPart, &str); 3] = [
    (TextureTransformPart::Offset, "offset"),
    (TextureTransformPart::Rotation, "rotation"),
    (TextureTransformPart::Scale, "scale"),
];

const LIGHT_PROPERTIES: [(LightProperty, &str); 5] = [
    (LightProperty::Color, "color"),
    (LightProperty::Intensity, "intensity"),
    (LightProperty::Range, "range"),
    (LightProperty::SpotInnerConeAngle, "spot/innerConeAngle"),
    (LightProperty::SpotOuterConeAngle, "spot/outerConeAngle"),
];

const PERSPECTIVE_PROPERTIES: [(CameraProperty, &str); 4] = [
    (CameraProperty::Yfov, "yfov"),
    (CameraProperty::AspectRatio, "aspectRatio"),
    (CameraProperty::Znear, "znear"),
    (CameraProperty::Zfar, "zfar"),
];

const ORTHOGRAPHIC_PROPERTIES: [(CameraProperty, &str); 4] = [
    (CameraProperty::Xmag, "xmag"),
    (CameraProperty::Ymag, "ymag"),
    (CameraProperty::Znear, "znear"),
    (CameraProperty::Zfar, "zfar"),
];

/// The object holding a texture slot (by its name in [`Material::texture_slot_table`]),
/// as a path under `/materials/N/` (empty for the material itself).
fn slot_parent(slot: &str) -> Option<&'static str> {
    Some(match slot {
        "baseColorTexture" | "metallicRoughnessTexture" => "pbrMetallicRoughness",
        "normalTexture" | "occlusionTexture" | "emissiveTexture" => "",
        "specularTexture" | "specularColorTexture" => "extensions/KHR_materials_specular",
        "clearcoatTexture" | "clearcoatRoughnessTexture" | "clearcoatNormalTexture" => {
            "extensions/KHR_materials_clearcoat"
        }
        "sheenColorTexture" | "sheenRoughnessTexture" => "extensions/KHR_materials_sheen",
        "transmissionTexture" => "extensions/KHR_materials_transmission",
        "thicknessTexture" => "extensions/KHR_materials_volume",
        "iridescenceTexture" | "iridescenceThicknessTexture" => "extensions/KHR_materials_iridescence",
        "anisotropyTexture" => "extensions/KHR_materials_anisotropy",
        _ => return None,
    })
}

/// The path of texture slot `slot`'s transform part under `/materials/N/`.
fn transform_path(slot: usize, part: TextureTransformPart) -> Option<String> {
    let (name, _) = *Material::default().texture_slot_table().get(slot)?;
    let parent = slot_parent(name)?;
    let (_, part) = TRANSFORM_PARTS.iter().find(|(p, _)| *p == part)?;
    let slot_path = if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}/{name}")
    };
    Some(format!("{slot_path}/extensions/KHR_texture_transform/{part}"))
}

/// The texture slot (in [`Material::texture_slot_table`] order) and transform part that
/// `rest`, the tokens after `/materials/N/`, name.
fn texture_transform(rest: &[String]) -> Option<(usize, TextureTransformPart)> {
    let [slot_path @ .., extensions, name, part] = rest else {
        return None;
    };
    if extensions != "extensions" || name != "KHR_texture_transform" {
        return None;
    }
    let part = find(&TRANSFORM_PARTS, std::slice::from_ref(part))?;
    let [parent @ .., slot_name] = slot_path else {
        return None;
    };
    let slots = Material::default();
    let slot = slots
        .texture_slot_table()
        .iter()
        .position(|(n, _)| n == slot_name)?;
    let home = slot_parent(slot_name)?;
    let at_home = if home.is_empty() {
        parent.is_empty()
    } else {
        spells(parent, home)
    };
    at_home.then_some((slot, part))
}

/// Decodes a JSON pointer (RFC 6901) into its reference tokens: `~1` is `/`, `~0` is
/// `~`, and any other `~` makes the pointer invalid.
pub(crate) fn decode(pointer: &str) -> Result<Vec<String>, String> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err("a JSON pointer starts with '/'".into());
    };
    rest.split('/')
        .map(|token| {
            let mut out = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                if c != '~' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('0') => out.push('~'),
                    Some('1') => out.push('/'),
                    _ => return Err(format!("{token:?} has a '~' not followed by 0 or 1")),
                }
            }
            Ok(out)
        })
        .collect()
}

/// Escapes a reference token for a JSON pointer.
fn encode(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The path of `key` in `table`, its keys escaped.
fn path<T: PartialEq>(table: &[(T, &str)], key: T) -> Option<String> {
    let (_, path) = table.iter().find(|(k, _)| *k == key)?;
    Some(path.split('/').map(encode).collect::<Vec<_>>().join("/"))
}

/// An array index token: `0` or digits without a leading zero (RFC 6901).
fn index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if !digits || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

/// Whether `tokens` spell `path` (keys separated by `/`; no key of the tables holds one).
fn spells(tokens: &[String], path: &str) -> bool {
    tokens.iter().map(String::as_str).eq(path.split('/'))
}

fn find<T: Copy>(table: &[(T, &str)], tokens: &[String]) -> Option<T> {
    table
        .iter()
        .find(|(_, path)| spells(tokens, path))
        .map(|(t, _)| *t)
}

/// What `pointer` names, or why it names nothing Museion animates.
pub(crate) fn parse(pointer: &str) -> Result<DocTarget, String> {
    let tokens = decode(pointer)?;
    let unsupported = || Err("names no property Museion can animate".to_owned());
    let indexed = |at: usize| tokens.get(at).and_then(|t| index(t));
    let from = |at: usize| tokens.get(at..).unwrap_or_default();
    match tokens.first().map(String::as_str) {
        Some("nodes") => {
            let (Some(node), Some(property)) = (indexed(1), find(&NODE_PROPERTIES, from(2))) else {
                return unsupported();
            };
            Ok(DocTarget::Node { node, property })
        }
        Some("materials") => {
            let Some(material) = indexed(1) else {
                return unsupported();
            };
            let rest = from(2);
            if let Some(property) = find(&MATERIAL_PROPERTIES, rest) {
                return Ok(DocTarget::Material { material, property });
            }
            match texture_transform(rest) {
                Some((slot, part)) => Ok(DocTarget::TextureTransform { material, slot, part }),
                None => unsupported(),
            }
        }
        Some("extensions") => {
            let lights = from(1).starts_with(&["KHR_lights_punctual".to_owned(), "lights".to_owned()]);
            let (true, Some(light)) = (lights, indexed(3)) else {
                return unsupported();
            };
            match find(&LIGHT_PROPERTIES, from(4)) {
                Some(property) => Ok(DocTarget::Light { light, property }),
                None => unsupported(),
            }
        }
        Some("cameras") => {
            let Some(camera) = indexed(1) else {
                return unsupported();
            };
            let (projection, table) = match tokens.get(2).map(String::as_str) {
                Some("perspective") => (ProjectionKind::Perspective, &PERSPECTIVE_PROPERTIES),
                Some("orthographic") => (ProjectionKind::Orthographic, &ORTHOGRAPHIC_PROPERTIES),
                _ => return unsupported(),
            };
            match find(table, from(3)) {
                Some(property) => Ok(DocTarget::Camera {
                    camera,
                    projection,
                    property,
                }),
                None => unsupported(),
            }
        }
        _ => unsupported(),
    }
}

/// The pointer of `target`: the inverse of [`parse`]. `None` only for a pairing no
/// glTF property has (a texture slot past the table, an orthographic `yfov`).
pub(crate) fn format(target: DocTarget) -> Option<String> {
    Some(match target {
        DocTarget::Node { node, property } => format!("/nodes/{node}/{}", path(&NODE_PROPERTIES, property)?),
        DocTarget::Material { material, property } => {
            format!("/materials/{material}/{}", path(&MATERIAL_PROPERTIES, property)?)
        }
        DocTarget::TextureTransform { material, slot, part } => {
            format!("/materials/{material}/{}", transform_path(slot, part)?)
        }
        DocTarget::Light { light, property } => format!(
            "/extensions/KHR_lights_punctual/lights/{light}/{}",
            path(&LIGHT_PROPERTIES, property)?
        ),
        DocTarget::Camera {
            camera,
            projection,
            property,
        } => match projection {
            ProjectionKind::Perspective => format!(
                "/cameras/{camera}/perspective/{}",
                path(&PERSPECTIVE_PROPERTIES, property)?
            ),
            ProjectionKind::Orthographic => format!(
                "/cameras/{camera}/orthographic/{}",
                path(&ORTHOGRAPHIC_PROPERTIES, property)?
            ),
        },
    })
}

/// The document target of a scene pointer target, with materials, lights and cameras
/// numbered as in the scene (as the exporter writes them). `None` when the camera does
/// not exist, or the property is not one its projection has.
pub(crate) fn doc_target(scene: &Scene, target: PointerTarget) -> Option<DocTarget> {
    Some(match target {
        PointerTarget::Material { material, property } => DocTarget::Material {
            material: material.index(),
            property,
        },
        PointerTarget::TextureTransform { material, slot, part } => DocTarget::TextureTransform {
            material: material.index(),
            slot,
            part,
        },
        PointerTarget::Light { light, property } => DocTarget::Light {
            light: light.index(),
            property,
        },
        PointerTarget::Camera { camera, property } => {
            let projection = match scene.cameras.get(camera.index())?.projection {
                Projection::Perspective { .. } => ProjectionKind::Perspective,
                Projection::Orthographic { .. } => ProjectionKind::Orthographic,
            };
            DocTarget::Camera {
                camera: camera.index(),
                projection,
                property,
            }
        }
    })
}

/// Whether [`Scene::apply_pointer`] can write `target` into these objects (whether the
/// property exists: the object, its extension, its texture slot, its kind of light or
/// projection): tried on a scene holding a copy of only the object concerned.
pub(crate) fn applies(
    target: PointerTarget,
    materials: &[Material],
    lights: &[Light],
    cameras: &[Camera],
) -> bool {
    let mut scratch = Scene::new();
    let target = match target {
        PointerTarget::Material { material, property } => {
            let Some(m) = materials.get(material.index()) else {
                return false;
            };
            scratch.materials.push(m.clone());
            PointerTarget::Material {
                material: MaterialId(0),
                property,
            }
        }
        PointerTarget::TextureTransform { material, slot, part } => {
            let Some(m) = materials.get(material.index()) else {
                return false;
            };
            scratch.materials.push(m.clone());
            PointerTarget::TextureTransform {
                material: MaterialId(0),
                slot,
                part,
            }
        }
        PointerTarget::Light { light, property } => {
            let Some(l) = lights.get(light.index()) else {
                return false;
            };
            scratch.lights.push(l.clone());
            PointerTarget::Light {
                light: LightId(0),
                property,
            }
        }
        PointerTarget::Camera { camera, property } => {
            let Some(c) = cameras.get(camera.index()) else {
                return false;
            };
            scratch.cameras.push(c.clone());
            PointerTarget::Camera {
                camera: CameraId(0),
                property,
            }
        }
    };
    scratch.apply_pointer(target, &[0.0; 4])
}

/// The `KHR_animation_pointer` JSON pointer of a pointer channel's target, as
/// [`write_glb`](crate::write_glb) writes it: materials, lights and cameras numbered as
/// in the scene, a camera property under its camera's projection (`perspective` or
/// `orthographic`). `None` when the target's camera does not exist or its projection
/// has no such property (an orthographic camera's `yfov`).
pub fn animation_pointer(scene: &Scene, target: PointerTarget) -> Option<String> {
    format(doc_target(scene, target)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unescaped_tilde_one_before_tilde_zero() {
        assert_eq!(decode("/a~1b/c~0d").unwrap(), ["a/b", "c~d"]);
        // "~01" is "~" then "1", never "/".
        assert_eq!(decode("/~01").unwrap(), ["~1"]);
        assert_eq!(decode("/").unwrap(), [""]);
        assert!(decode("nodes/0/rotation").is_err());
        assert!(decode("/a~2").is_err());
        assert!(decode("/a~").is_err());
        assert_eq!(encode("a/b~c"), "a~1b~0c");
    }

    #[test]
    fn array_indices_have_no_leading_zeros_or_signs() {
        assert_eq!(index("0"), Some(0));
        assert_eq!(index("17"), Some(17));
        for bad in ["", "01", "-1", "+1", "1.0", "x"] {
            assert_eq!(index(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_texture_slot_has_a_home_in_the_document() {
        for (slot, (name, _)) in Material::default().texture_slot_table().iter().enumerate() {
            assert!(slot_parent(name).is_some(), "slot {slot} {name}");
        }
        assert_eq!(
            transform_path(0, TextureTransformPart::Offset).as_deref(),
            Some("pbrMetallicRoughness/baseColorTexture/extensions/KHR_texture_transform/offset")
        );
        assert_eq!(
            transform_path(2, TextureTransformPart::Rotation).as_deref(),
            Some("normalTexture/extensions/KHR_texture_transform/rotation")
        );
        assert_eq!(
            transform_path(museion_scene::TEXTURE_SLOT_COUNT, TextureTransformPart::Scale),
            None
        );
    }

    /// Every target the tables know, with indices 0 and 12.
    fn every_target() -> Vec<DocTarget> {
        let mut all = Vec::new();
        for i in [0, 12] {
            all.extend(NODE_PROPERTIES.map(|(property, _)| DocTarget::Node { node: i, property }));
            all.extend(MATERIAL_PROPERTIES.map(|(property, _)| DocTarget::Material {
                material: i,
                property,
            }));
            for slot in 0..museion_scene::TEXTURE_SLOT_COUNT {
                all.extend(TRANSFORM_PARTS.map(|(part, _)| DocTarget::TextureTransform {
                    material: i,
                    slot,
                    part,
                }));
            }
            all.extend(LIGHT_PROPERTIES.map(|(property, _)| DocTarget::Light { light: i, property }));
            for (projection, table) in [
                (ProjectionKind::Perspective, PERSPECTIVE_PROPERTIES),
                (ProjectionKind::Orthographic, ORTHOGRAPHIC_PROPERTIES),
            ] {
                all.extend(table.map(|(property, _)| DocTarget::Camera {
                    camera: i,
                    projection,
                    property,
                }));
            }
        }
        all
    }

    #[test]
    fn parse_is_the_inverse_of_format_for_every_target() {
        let all = every_target();
        assert_eq!(all.len(), 2 * (4 + 26 + 17 * 3 + 5 + 8));
        let mut pointers = std::collections::HashSet::new();
        for target in all {
            let pointer = format(target).unwrap_or_else(|| panic!("{target:?} has a pointer"));
            assert_eq!(parse(&pointer), Ok(target), "{pointer}");
            assert!(
                pointers.insert(pointer.clone()),
                "{pointer} is written for two targets"
            );
        }
    }

    #[test]
    fn the_spec_examples_and_near_misses() {
        assert_eq!(
            parse("/materials/0/pbrMetallicRoughness/baseColorFactor"),
            Ok(DocTarget::Material {
                material: 0,
                property: MaterialProperty::BaseColorFactor
            })
        );
        assert_eq!(
            parse("/extensions/KHR_lights_punctual/lights/3/spot/outerConeAngle"),
            Ok(DocTarget::Light {
                light: 3,
                property: LightProperty::SpotOuterConeAngle
            })
        );
        for bad in [
            "/nodes/0/matrix",
            "/nodes/01/rotation",
            "/nodes/0",
            "/nodes/0/rotation/1",
            "/materials/0/pbrMetallicRoughness~1baseColorFactor",
            "/materials/0/doubleSided",
            "/materials/0/extensions/KHR_texture_transform/offset",
            "/materials/0/baseColorTexture/extensions/KHR_texture_transform/offset",
            "/materials/0/extensions/KHR_materials_clearcoat/normalTexture/extensions/KHR_texture_transform/offset",
            "/materials/0/normalTexture/extensions/KHR_texture_transform/skew",
            "/cameras/0/perspective/xmag",
            "/cameras/0/orthographic/yfov",
            "/extensions/KHR_lights_punctual/lights/0",
            "/extensions/KHR_lights_punctual/lights/0/spot",
            "/meshes/0/weights",
            "",
            "/",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
