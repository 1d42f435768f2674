//! `KHR_lights_punctual` lights and cameras.

use super::error::ExportError;
use super::json::{name_and_extras, num, nums};
use glam::Vec3;
use museion_scene::Scene;
use museion_scene::{Camera, Projection};
use museion_scene::{Light, LightKind};
use serde_json::{Map, Value, json};
use std::cmp::Ordering;
use std::f32::consts::FRAC_PI_2;

/// Every light, in the extension's units (lux for directional lights, candela for
/// point and spot lights, as Museion keeps them).
pub(crate) fn lights(scene: &Scene) -> Result<Vec<Value>, ExportError> {
    scene
        .lights
        .iter()
        .enumerate()
        .map(|(index, light)| self::light(light, &format!("light {index}")))
        .collect()
}

/// True for numbers above zero; false for NaN.
fn positive(x: f32) -> bool {
    x > 0.0
}

fn invalid(at: &str, message: String) -> ExportError {
    ExportError::Invalid {
        at: at.to_owned(),
        message,
    }
}

fn light(light: &Light, at: &str) -> Result<Value, ExportError> {
    if light.intensity < 0.0 {
        return Err(invalid(at, format!("intensity {} is negative", light.intensity)));
    }
    let (color, intensity) = color_and_intensity(light.color, light.intensity, at);
    let mut object = Map::new();
    let kind = match light.kind {
        LightKind::Directional => "directional",
        LightKind::Point => "point",
        LightKind::Spot {
            inner_cone_angle,
            outer_cone_angle,
        } => {
            if !(0.0 <= inner_cone_angle
                && inner_cone_angle < outer_cone_angle
                && outer_cone_angle <= FRAC_PI_2)
            {
                return Err(invalid(
                    at,
                    format!(
                        "cone angles {inner_cone_angle} and {outer_cone_angle} break 0 ≤ inner < outer ≤ π/2"
                    ),
                ));
            }
            object.insert(
                "spot".into(),
                json!({
                    "innerConeAngle": num(inner_cone_angle),
                    "outerConeAngle": num(outer_cone_angle),
                }),
            );
            "spot"
        }
    };
    object.insert("type".into(), json!(kind));
    object.insert("color".into(), nums(color.to_array()));
    object.insert("intensity".into(), num(intensity));
    if let Some(range) = light.range {
        // Directional lights have no range in the extension; Museion ignores it too.
        if light.kind != LightKind::Directional {
            if !positive(range) {
                return Err(invalid(at, format!("range {range} is not positive")));
            }
            object.insert("range".into(), num(range));
        }
    }
    let extras = (!light.cast_shadows).then(|| json!({ "castShadows": false }));
    name_and_extras(&mut object, light.name.as_ref(), extras.as_ref());
    Ok(Value::Object(object))
}

/// The extension keeps colours in [0, 1]: a brighter colour is scaled into it and the
/// intensity up by as much (the light is the same); negative components become 0.
fn color_and_intensity(color: Vec3, intensity: f32, at: &str) -> (Vec3, f32) {
    let mut color = color;
    if color.min_element() < 0.0 {
        log::warn!("{at}: negative colour {color}; clamped to 0");
        color = color.max(Vec3::ZERO);
    }
    let peak = color.max_element();
    if peak > 1.0 && peak.is_finite() {
        return (color / peak, intensity * peak);
    }
    (color, intensity)
}

/// Every camera.
pub(crate) fn cameras(scene: &Scene) -> Result<Vec<Value>, ExportError> {
    scene
        .cameras
        .iter()
        .enumerate()
        .map(|(index, camera)| self::camera(camera, &format!("camera {index}")))
        .collect()
}

fn camera(camera: &Camera, at: &str) -> Result<Value, ExportError> {
    let mut object = Map::new();
    match camera.projection {
        Projection::Perspective {
            yfov,
            aspect_ratio,
            znear,
            zfar,
        } => {
            if !(positive(yfov) && positive(znear)) {
                return Err(invalid(
                    at,
                    format!("yfov {yfov} and znear {znear} must be positive"),
                ));
            }
            let mut p = json!({ "yfov": num(yfov), "znear": num(znear) });
            if let Some(aspect) = aspect_ratio {
                if !positive(aspect) {
                    return Err(invalid(at, format!("aspect ratio {aspect} is not positive")));
                }
                p["aspectRatio"] = num(aspect);
            }
            if let Some(zfar) = zfar {
                if zfar.partial_cmp(&znear) != Some(Ordering::Greater) {
                    return Err(invalid(at, format!("zfar {zfar} is not beyond znear {znear}")));
                }
                p["zfar"] = num(zfar);
            }
            object.insert("type".into(), json!("perspective"));
            object.insert("perspective".into(), p);
        }
        Projection::Orthographic {
            xmag,
            ymag,
            znear,
            zfar,
        } => {
            if xmag == 0.0 || ymag == 0.0 || !(znear >= 0.0 && zfar > znear) {
                return Err(invalid(
                    at,
                    format!(
                        "xmag {xmag} and ymag {ymag} must be non-zero and 0 ≤ znear {znear} < zfar {zfar}"
                    ),
                ));
            }
            object.insert("type".into(), json!("orthographic"));
            object.insert(
                "orthographic".into(),
                json!({ "xmag": num(xmag), "ymag": num(ymag), "znear": num(znear), "zfar": num(zfar) }),
            );
        }
    }
    name_and_extras(&mut object, camera.name.as_ref(), None);
    Ok(Value::Object(object))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(inner: f32, outer: f32) -> Light {
        Light {
            name: Some("s".into()),
            kind: LightKind::Spot {
                inner_cone_angle: inner,
                outer_cone_angle: outer,
            },
            color: Vec3::new(2.0, 1.0, 0.5),
            intensity: 10.0,
            range: Some(5.0),
            cast_shadows: false,
        }
    }

    #[test]
    fn lights_keep_colour_in_unit_range_and_their_product() {
        let json = light(&spot(0.1, 0.5), "l").expect("valid");
        assert_eq!(json["type"], "spot");
        assert_eq!(json["color"], json!([1.0, 0.5, 0.25]));
        assert_eq!(json["intensity"], json!(20.0));
        assert_eq!(json["range"], json!(5.0));
        assert_eq!(json["spot"]["outerConeAngle"], json!(0.5));
        assert_eq!(json["extras"], json!({ "castShadows": false }));
        assert!(matches!(
            light(&spot(0.5, 0.5), "l"),
            Err(ExportError::Invalid { .. })
        ));
        let mut dark = spot(0.1, 0.5);
        dark.intensity = -1.0;
        assert!(matches!(light(&dark, "l"), Err(ExportError::Invalid { .. })));
    }

    #[test]
    fn cameras_with_impossible_planes_are_refused() {
        let perspective = |zfar| Camera {
            name: None,
            projection: Projection::Perspective {
                yfov: 1.0,
                aspect_ratio: None,
                znear: 0.5,
                zfar,
            },
        };
        let ok = camera(&perspective(Some(10.0)), "c").expect("valid");
        assert_eq!(
            ok["perspective"],
            json!({ "yfov": 1.0, "znear": 0.5, "zfar": 10.0 })
        );
        assert!(
            camera(&perspective(None), "c").expect("valid")["perspective"]
                .get("zfar")
                .is_none()
        );
        assert!(matches!(
            camera(&perspective(Some(0.1)), "c"),
            Err(ExportError::Invalid { .. })
        ));
        let flat = Camera {
            name: None,
            projection: Projection::Orthographic {
                xmag: 0.0,
                ymag: 1.0,
                znear: 0.0,
                zfar: 1.0,
            },
        };
        assert!(matches!(camera(&flat, "c"), Err(ExportError::Invalid { .. })));
    }
}
