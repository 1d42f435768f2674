//! Which lights get shadow maps this frame, and the projection of each map: cascades for
//! directional lights, one perspective view for spots, six for point lights.

use super::ShadowSettings;
use crate::camera::{CameraProjection, ViewCamera};
use glam::camera::rh::proj::directx;
use glam::camera::rh::view::look_to_mat4;
use glam::{Mat4, Vec3};
use museion_gpu::gpu_types::GpuLight;
use museion_gpu::shaders::constants::light_kind;
use museion_scene::Aabb;

/// One shadow map's projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ShadowView {
    /// World to clip space, depth 0 to 1.
    pub view_proj: Mat4,
    /// Texel size in world units (per unit of distance for perspective views).
    pub texel: f32,
    pub perspective: bool,
}

/// The shadow maps of a frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ShadowPlan {
    pub views: Vec<ShadowView>,
    /// Per light, its first view plus one (0: no shadow).
    pub first_view: Vec<u32>,
    /// View-space distances where the cascades end.
    pub splits: [f32; 4],
    pub cascades: u32,
    /// Lights that wanted shadows but did not fit the budget.
    pub over_budget: usize,
}

/// The view-space distances where each of `count` cascades between `near` and `far`
/// ends: Nvidia's practical split scheme, a blend of logarithmic and uniform splits.
pub(crate) fn cascade_splits(near: f32, far: f32, count: u32) -> [f32; 4] {
    const LOGARITHMIC_SHARE: f32 = 0.75;
    let mut splits = [far; 4];
    for (i, split) in splits.iter_mut().enumerate().take(count as usize) {
        let t = (i + 1) as f32 / count as f32;
        let logarithmic = near * (far / near).powf(t);
        let uniform = near + (far - near) * t;
        *split = LOGARITHMIC_SHARE * logarithmic + (1.0 - LOGARITHMIC_SHARE) * uniform;
    }
    splits
}

/// The world-space corners of the part of `camera`'s view between view distances `a`
/// and `b`.
fn slice_corners(camera: &ViewCamera, aspect: f32, a: f32, b: f32) -> [Vec3; 8] {
    let world = camera.view.inverse();
    let mut corners = [Vec3::ZERO; 8];
    for (i, corner) in corners.iter_mut().enumerate() {
        let distance = if i < 4 { a } else { b };
        let (sx, sy) = (
            if i & 1 == 0 { -1.0 } else { 1.0 },
            if i & 2 == 0 { -1.0 } else { 1.0 },
        );
        let (half_w, half_h) = match camera.projection {
            CameraProjection::Perspective { yfov, .. } => {
                let h = (yfov * 0.5).tan() * distance;
                (h * aspect, h)
            }
            CameraProjection::Orthographic { half_height, .. } => (half_height * aspect, half_height),
        };
        *corner = world.transform_point3(Vec3::new(sx * half_w, sy * half_h, -distance));
    }
    corners
}

/// A view looking along `direction` from `eye`, with an up vector that is never
/// parallel to it.
fn look_along(eye: Vec3, direction: Vec3) -> Mat4 {
    let up = if direction.y.abs() > 0.99 {
        Vec3::Z
    } else {
        Vec3::Y
    };
    look_to_mat4(eye, direction, up)
}

/// The orthographic views of one directional light's cascades, traveling along
/// `direction`. Each cascade is fitted to the bounding sphere of its slice of the view
/// (whose size does not change as the camera turns) and snapped to whole texels in
/// light space (so it does not crawl as the camera moves); depth covers all of `bounds`.
fn cascade_views(
    camera: &ViewCamera,
    aspect: f32,
    direction: Vec3,
    bounds: &Aabb,
    splits: &[f32],
    resolution: u32,
) -> Vec<ShadowView> {
    let light_view = look_along(Vec3::ZERO, direction);
    let (mut z_min, mut z_max) = (f32::MAX, f32::MIN);
    for corner in bounds.corners() {
        let z = light_view.transform_point3(corner).z;
        z_min = z_min.min(z);
        z_max = z_max.max(z);
    }
    let margin = (z_max - z_min).max(1e-3) * 0.01;
    let (near, far) = (-z_max - margin, -z_min + margin);
    let mut start = camera_near(camera);
    splits
        .iter()
        .map(|&end| {
            let corners = slice_corners(camera, aspect, start, end);
            start = end;
            let centre = corners.iter().copied().sum::<Vec3>() / 8.0;
            let radius = corners.iter().map(|c| c.distance(centre)).fold(0.0f32, f32::max);
            // Rounded up, so float noise in the radius does not change the texel size.
            let radius = (radius * 16.0).ceil() / 16.0;
            let texel = 2.0 * radius / resolution as f32;
            let light_centre = light_view.transform_point3(centre);
            let snapped = (light_centre.truncate() / texel).floor() * texel;
            let projection = directx::orthographic(
                snapped.x - radius,
                snapped.x + radius,
                snapped.y - radius,
                snapped.y + radius,
                near,
                far,
            );
            ShadowView {
                view_proj: projection * light_view,
                texel,
                perspective: false,
            }
        })
        .collect()
}

fn camera_near(camera: &ViewCamera) -> f32 {
    match camera.projection {
        CameraProjection::Perspective { znear, .. } => znear,
        CameraProjection::Orthographic { znear, .. } => znear.max(0.0),
    }
}

/// Largest distance from `p` to a corner of `bounds`.
fn farthest(p: Vec3, bounds: &Aabb) -> f32 {
    bounds.corners().iter().map(|c| c.distance(p)).fold(0.0, f32::max)
}

/// A perspective view from `eye` along `direction` with full field of view `fov`,
/// reaching `far`.
fn perspective_view(eye: Vec3, direction: Vec3, fov: f32, far: f32, resolution: u32) -> ShadowView {
    let near = (far * 1e-3).max(1e-4);
    ShadowView {
        view_proj: directx::perspective(fov, 1.0, near, far) * look_along(eye, direction),
        texel: 2.0 * (fov * 0.5).tan() / resolution as f32,
        perspective: true,
    }
}

/// The faces of a point light's cube, in the order light_shadow (lighting.wgsl) picks
/// them: +X, -X, +Y, -Y, +Z, -Z.
const CUBE_FACES: [Vec3; 6] = [Vec3::X, Vec3::NEG_X, Vec3::Y, Vec3::NEG_Y, Vec3::Z, Vec3::NEG_Z];

/// Plans the shadow maps of a frame: lights in order, while the budget lasts.
pub(crate) fn plan(
    lights: &[GpuLight],
    casts: &[bool],
    camera: &ViewCamera,
    aspect: f32,
    bounds: Option<&Aabb>,
    settings: &ShadowSettings,
) -> ShadowPlan {
    let mut plan = ShadowPlan {
        first_view: vec![0; lights.len()],
        ..ShadowPlan::default()
    };
    let Some(bounds) = bounds.filter(|_| settings.enabled) else {
        return plan;
    };
    let cascades = settings.cascades.clamp(1, 4);
    // Cascades reach no farther than the scene does from the camera.
    let near = camera_near(camera).max(1e-3);
    let far = settings
        .max_distance
        .min(farthest(camera.position(), bounds))
        .max(near * 2.0);
    plan.cascades = cascades;
    plan.splits = cascade_splits(near, far, cascades);
    let resolution = settings.resolution;
    for (index, light) in lights.iter().enumerate() {
        if !casts.get(index).copied().unwrap_or(false) {
            continue;
        }
        let position = Vec3::from(light.position);
        let direction = Vec3::from(light.direction);
        let reach = if light.range > 0.0 {
            light.range
        } else {
            farthest(position, bounds)
        };
        let views = match light.kind {
            light_kind::DIRECTIONAL => cascade_views(
                camera,
                aspect,
                direction,
                bounds,
                &plan.splits[..cascades as usize],
                resolution,
            ),
            light_kind::POINT => CUBE_FACES
                .iter()
                .map(|&face| perspective_view(position, face, std::f32::consts::FRAC_PI_2, reach, resolution))
                .collect(),
            _ => {
                // cos(outer) = -offset / scale; the map covers the outer cone.
                let cos_outer = (-light.spot_offset / light.spot_scale).clamp(-1.0, 1.0);
                let fov = (2.0 * cos_outer.acos() + 0.02).min(3.0);
                vec![perspective_view(position, direction, fov, reach, resolution)]
            }
        };
        if plan.views.len() + views.len() > settings.max_maps as usize {
            plan.over_budget += 1;
            continue;
        }
        plan.first_view[index] = plan.views.len() as u32 + 1;
        plan.views.extend(views);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sun(direction: Vec3) -> GpuLight {
        let mut light = GpuLight::new(
            &museion_scene::Light {
                name: None,
                kind: museion_scene::LightKind::Directional,
                color: Vec3::ONE,
                intensity: 1.0,
                range: None,
                cast_shadows: true,
            },
            Mat4::IDENTITY,
        );
        light.direction = direction.normalize().to_array();
        light
    }

    #[test]
    fn splits_grow_and_end_at_the_far_distance() {
        let splits = cascade_splits(0.1, 100.0, 3);
        assert!(splits[0] > 0.1 && splits[0] < splits[1] && splits[1] < splits[2]);
        assert!((splits[2] - 100.0).abs() < 1e-3);
        assert_eq!(cascade_splits(0.1, 50.0, 1)[0], 50.0);
    }

    #[test]
    fn cascades_keep_their_size_as_the_camera_turns_and_snap_to_texels() {
        let bounds = Aabb::from_corners(Vec3::splat(-50.0), Vec3::splat(50.0));
        let settings = ShadowSettings::default();
        let lights = [sun(Vec3::new(-0.3, -1.0, -0.2))];
        let texels = |yaw: f32, shift: f32| {
            let eye = Vec3::new(shift, 1.7, 0.0);
            let target = eye + Vec3::new(yaw.sin(), -0.1, -yaw.cos());
            let camera = ViewCamera::look_at(eye, target, 1.0, 0.1);
            let plan = plan(&lights, &[true], &camera, 1.5, Some(&bounds), &settings);
            assert_eq!(plan.views.len(), 3);
            assert_eq!(plan.first_view, vec![1]);
            plan.views
        };
        let a = texels(0.0, 0.0);
        let b = texels(1.1, 0.0);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                x.texel, y.texel,
                "the texel size does not change as the camera turns"
            );
        }
        // Moving by a fraction of a texel moves the map by whole texels: the projection
        // of a fixed world point lands on the same sub-texel position.
        let c = texels(0.0, 0.013);
        for (x, y) in a.iter().zip(&c) {
            let p = glam::Vec4::new(3.0, 0.0, -2.0, 1.0);
            let (px, py) = (x.view_proj * p, y.view_proj * p);
            let size = settings.resolution as f32 / 2.0;
            let frac = |v: f32| (v * size).rem_euclid(1.0);
            assert!((frac(px.x) - frac(py.x)).abs() < 1e-2 || (frac(px.x) - frac(py.x)).abs() > 0.99);
        }
    }

    #[test]
    fn the_budget_limits_the_maps_and_lights_can_opt_out() {
        let bounds = Aabb::from_corners(Vec3::splat(-5.0), Vec3::splat(5.0));
        let camera = ViewCamera::look_at(Vec3::new(0.0, 1.0, 8.0), Vec3::ZERO, 1.0, 0.1);
        let mut point = sun(Vec3::NEG_Y);
        point.kind = light_kind::POINT;
        let settings = ShadowSettings {
            max_maps: 8,
            ..ShadowSettings::default()
        };
        let lights = [sun(Vec3::NEG_Y), point, point];
        let plan = plan(
            &lights,
            &[true, true, true],
            &camera,
            1.0,
            Some(&bounds),
            &settings,
        );
        // 3 cascades + 6 faces would be 9 > 8: the point lights get none.
        assert_eq!(plan.first_view, vec![1, 0, 0]);
        assert_eq!(plan.over_budget, 2);
        let plan2 = super::plan(
            &lights,
            &[false, true, false],
            &camera,
            1.0,
            Some(&bounds),
            &settings,
        );
        assert_eq!(plan2.first_view, vec![0, 1, 0]);
        assert_eq!(plan2.views.len(), 6);
    }
}
