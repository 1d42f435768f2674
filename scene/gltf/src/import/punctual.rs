//! `KHR_lights_punctual` lights and glTF cameras.

use super::Warning;
use super::context::Context;
use crate::error::Error;
use glam::Vec3;
use gltf::json::extensions::scene::khr_lights_punctual as json;
use gltf::json::validation::Checked;
use museion_scene::{Camera, Projection};
use museion_scene::{Light, LightId, LightKind};
use std::f32::consts::FRAC_PI_2;

/// The lights the document defines, in order, and for each of the document's lights
/// its id among them: `None` for a light of a type this importer does not know (a newer
/// extension's), which is skipped with a warning.
pub(crate) fn lights(
    ctx: &Context,
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<Light>, Vec<Option<LightId>>), Error> {
    let Some(ext) = ctx
        .doc
        .extensions
        .as_ref()
        .and_then(|e| e.khr_lights_punctual.as_ref())
    else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut lights = Vec::with_capacity(ext.lights.len());
    let mut ids = Vec::with_capacity(ext.lights.len());
    for (index, light) in ext.lights.iter().enumerate() {
        match convert_light(ctx, index, light, warnings)? {
            Some(light) => {
                ids.push(Some(LightId(lights.len() as u32)));
                lights.push(light);
            }
            None => ids.push(None),
        }
    }
    Ok((lights, ids))
}

fn convert_light(
    ctx: &Context,
    index: usize,
    light: &json::Light,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Light>, Error> {
    let p = format!("/extensions/KHR_lights_punctual/lights/{index}");
    let color = Vec3::from_array(light.color);
    if !color.is_finite() || !light.intensity.is_finite() {
        return Err(ctx.invalid(&p, "color and intensity must be finite"));
    }
    if light.intensity < 0.0 {
        warnings.push(ctx.warning(format!("{p}/intensity"), "negative intensity; using 0"));
    }
    let kind = match light.type_ {
        Checked::Valid(json::Type::Directional) => LightKind::Directional,
        Checked::Valid(json::Type::Point) => LightKind::Point,
        Checked::Valid(json::Type::Spot) => {
            let (mut inner, mut outer) = light
                .spot
                .as_ref()
                .map_or((0.0, std::f32::consts::FRAC_PI_4), |s| {
                    (s.inner_cone_angle, s.outer_cone_angle)
                });
            if !(inner.is_finite() && outer.is_finite()) {
                return Err(ctx.invalid(format!("{p}/spot"), "cone angles must be finite"));
            }
            if !(0.0 <= inner && inner < outer && outer <= FRAC_PI_2) {
                warnings.push(ctx.warning(
                    format!("{p}/spot"),
                    format!("cone angles {inner} and {outer} break 0 ≤ inner < outer ≤ π/2; clamped"),
                ));
                outer = outer.clamp(1e-4, FRAC_PI_2);
                inner = inner.clamp(0.0, outer * 0.999);
            }
            LightKind::Spot {
                inner_cone_angle: inner,
                outer_cone_angle: outer,
            }
        }
        Checked::Invalid => {
            warnings.push(ctx.warning(
                format!("{p}/type"),
                "light type is not directional, point or spot; the light is skipped",
            ));
            return Ok(None);
        }
    };
    let range = match light.range {
        Some(range) if range.is_finite() && range > 0.0 => Some(range),
        Some(range) => {
            warnings.push(ctx.warning(
                format!("{p}/range"),
                format!("range {range} is not positive; treated as infinite"),
            ));
            None
        }
        None => None,
    };
    let cast_shadows = light
        .extras
        .as_ref()
        .and_then(|extras| serde_json::from_str::<serde_json::Value>(extras.get()).ok())
        .and_then(|extras| extras.get("castShadows")?.as_bool())
        .unwrap_or(true);
    Ok(Some(Light {
        name: light.name.clone(),
        kind,
        color,
        intensity: light.intensity.max(0.0),
        range,
        cast_shadows,
    }))
}

/// Converts camera `index`.
pub(crate) fn camera(ctx: &Context, index: usize, warnings: &mut Vec<Warning>) -> Result<Camera, Error> {
    use gltf::json::camera::Type;
    let json = &ctx.doc.cameras[index];
    let p = format!("/cameras/{index}");
    let projection = match json.type_ {
        Checked::Valid(Type::Perspective) => {
            let pp = json
                .perspective
                .as_ref()
                .ok_or_else(|| ctx.invalid(&p, "a perspective camera needs a perspective object"))?;
            if !(pp.yfov.is_finite() && pp.yfov > 0.0 && pp.znear.is_finite() && pp.znear > 0.0) {
                return Err(ctx.invalid(format!("{p}/perspective"), "yfov and znear must be positive"));
            }
            let zfar = match pp.zfar {
                Some(f) if f.is_finite() && f > pp.znear => Some(f),
                Some(f) => {
                    warnings.push(ctx.warning(
                        format!("{p}/perspective/zfar"),
                        format!("zfar {f} is not beyond znear; infinite"),
                    ));
                    None
                }
                None => None,
            };
            let aspect_ratio = pp.aspect_ratio.filter(|a| a.is_finite() && *a > 0.0);
            Projection::Perspective {
                yfov: pp.yfov,
                aspect_ratio,
                znear: pp.znear,
                zfar,
            }
        }
        Checked::Valid(Type::Orthographic) => {
            let o = json
                .orthographic
                .as_ref()
                .ok_or_else(|| ctx.invalid(&p, "an orthographic camera needs an orthographic object"))?;
            let finite = [o.xmag, o.ymag, o.znear, o.zfar].iter().all(|v| v.is_finite());
            if !finite || o.xmag == 0.0 || o.ymag == 0.0 || o.znear < 0.0 || o.zfar <= o.znear {
                return Err(ctx.invalid(
                    format!("{p}/orthographic"),
                    "xmag and ymag must be non-zero and 0 ≤ znear < zfar",
                ));
            }
            Projection::Orthographic {
                xmag: o.xmag,
                ymag: o.ymag,
                znear: o.znear,
                zfar: o.zfar,
            }
        }
        Checked::Invalid => {
            return Err(ctx.invalid(
                format!("{p}/type"),
                "camera type must be perspective or orthographic",
            ));
        }
    };
    Ok(Camera {
        name: json.name.clone(),
        projection,
    })
}
