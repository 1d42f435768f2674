//! A view as the culling passes see it, and the CPU versions of their per-instance
//! decisions (the `cpu` mode runs these; the GPU shaders mirror them).

use crate::camera::{CameraProjection, ViewCamera};
use glam::{Mat4, Vec3};
use museion_gpu::gpu_types::GpuCullView;
use museion_gpu::shaders::constants::cull_flags;
use museion_scene::{Frustum, Sphere};

/// What culling needs to know about one view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CullView {
    /// World to view.
    pub view: Mat4,
    /// The view frustum (the scene crate's reference planes).
    pub frustum: Frustum,
    /// Projection scale along x and y (`projection[0][0]`, `projection[1][1]`).
    pub scale: [f32; 2],
    /// Near plane distance.
    pub near: f32,
    /// `Some((a, b))` for orthographic views, whose depth is `z_view · a + b`.
    pub orthographic: Option<(f32, f32)>,
    /// Viewport size in pixels.
    pub viewport: (u32, u32),
}

impl CullView {
    /// The view of `camera` on a viewport of `viewport` pixels.
    pub fn new(camera: &ViewCamera, viewport: (u32, u32)) -> Self {
        let aspect = viewport.0 as f32 / viewport.1.max(1) as f32;
        let projection = camera.projection_matrix(aspect);
        let (near, orthographic) = match camera.projection {
            CameraProjection::Perspective { znear, .. } => (znear, None),
            CameraProjection::Orthographic { znear, .. } => {
                (znear, Some((projection.z_axis.z, projection.w_axis.z)))
            }
        };
        Self {
            view: camera.view,
            frustum: Frustum::from_view_projection(&(projection * camera.view)),
            scale: [projection.x_axis.x, projection.y_axis.y],
            near,
            orthographic,
            viewport,
        }
    }

    /// Projected diameter of a world-space sphere, in pixels (the same formula as
    /// `projected_pixels` in cull.wgsl).
    pub fn projected_pixels(&self, center: Vec3, radius: f32) -> f32 {
        let diameter = 2.0 * radius * self.scale[1] * 0.5 * self.viewport.1 as f32;
        if self.orthographic.is_some() {
            return diameter;
        }
        let depth = (-self.view.transform_point3(center).z).max(1e-6);
        diameter / depth
    }

    /// The uniform record for a cull pass over `instance_count` instances.
    pub(crate) fn record(
        &self,
        instance_count: u32,
        pyramid: Option<(u32, (u32, u32))>,
        settings: &super::CullSettings,
        row: u32,
        exact_depth: bool,
    ) -> GpuCullView {
        let mut flags = 0;
        if exact_depth {
            flags |= cull_flags::EXACT_DEPTH;
        }
        if settings.small_object_pixels > 0.0 {
            flags |= cull_flags::SMALL_OBJECTS;
        }
        if settings.lod {
            flags |= cull_flags::LOD;
        }
        if self.orthographic.is_some() {
            flags |= cull_flags::ORTHOGRAPHIC;
        }
        let (a, b) = self.orthographic.unwrap_or((0.0, 0.0));
        let (levels, size) = pyramid.unwrap_or((1, (1, 1)));
        GpuCullView {
            view: self.view.to_cols_array_2d(),
            planes: self.frustum.planes.map(|p| p.to_array()),
            projection: [self.scale[0], self.scale[1], self.near, 0.0],
            ortho_depth: [a, b, 0.0, 0.0],
            viewport: [
                self.viewport.0 as f32,
                self.viewport.1 as f32,
                size.0 as f32,
                size.1 as f32,
            ],
            instance_count,
            pyramid_levels: levels,
            small_object_pixels: settings.small_object_pixels,
            flags,
            dispatch: [row, 0, 0, 0],
        }
    }

    /// The CPU reference decision for one instance: `None` when culled, else the level
    /// of detail to draw. Frustum first (the scene crate's test), then small objects,
    /// then LOD selection, as cull.wgsl does.
    pub fn classify(
        &self,
        sphere: [f32; 4],
        settings: &super::CullSettings,
        lod_pixels: f32,
        lod_count: u32,
    ) -> Option<u32> {
        let center = Vec3::new(sphere[0], sphere[1], sphere[2]);
        let bounds = Sphere {
            center,
            radius: sphere[3],
        };
        if !self.frustum.intersects_sphere(&bounds) {
            return None;
        }
        let needs_size = settings.small_object_pixels > 0.0 || (settings.lod && lod_count > 1);
        let pixels = if needs_size {
            self.projected_pixels(center, sphere[3])
        } else {
            0.0
        };
        if settings.small_object_pixels > 0.0 && pixels < settings.small_object_pixels {
            return None;
        }
        Some(if settings.lod {
            select_lod(pixels, lod_pixels, lod_count)
        } else {
            0
        })
    }
}

/// The uniform record for a frustum-only cull of the view `view_proj` (a shadow map's):
/// every non-blended instance whose bounding sphere meets its frustum (the same test as
/// [`CullView::classify`]), at the finest level of detail, none dropped for its size.
pub(crate) fn frustum_record(view_proj: &Mat4, instance_count: u32, row: u32) -> GpuCullView {
    GpuCullView {
        view: Mat4::IDENTITY.to_cols_array_2d(),
        planes: Frustum::from_view_projection(view_proj)
            .planes
            .map(|p| p.to_array()),
        projection: [1.0, 1.0, 0.0, 0.0],
        ortho_depth: [0.0; 4],
        viewport: [1.0; 4],
        instance_count,
        pyramid_levels: 1,
        small_object_pixels: 0.0,
        flags: 0,
        dispatch: [row, 0, 0, 0],
    }
}

/// The level of detail for a projected diameter: each level has about half the
/// triangles of the one before, so it takes over below 1/√2 of the size (half the
/// area) at which the one before did, starting at `lod_pixels`.
pub fn select_lod(pixels: f32, lod_pixels: f32, lod_count: u32) -> u32 {
    if lod_count <= 1 {
        return 0;
    }
    let steps = 2.0 * (lod_pixels / pixels.max(1e-6)).max(1.0).log2();
    (steps as u32).min(lod_count - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lod_halves_area_per_level() {
        assert_eq!(select_lod(400.0, 200.0, 4), 0);
        assert_eq!(select_lod(200.0, 200.0, 4), 0);
        assert_eq!(select_lod(141.0, 200.0, 4), 1);
        assert_eq!(select_lod(99.0, 200.0, 4), 2);
        assert_eq!(select_lod(1.0, 200.0, 4), 3);
        assert_eq!(select_lod(1.0, 200.0, 1), 0);
    }

    #[test]
    fn projected_size_shrinks_with_distance() {
        let camera = ViewCamera::look_at(Vec3::ZERO, -Vec3::Z, 90f32.to_radians(), 0.1);
        let view = CullView::new(&camera, (200, 100));
        // 90° vertical field of view: a sphere of radius 1 at distance 10 spans 1/10 of
        // half the height.
        let near = view.projected_pixels(Vec3::new(0.0, 0.0, -10.0), 1.0);
        assert!((near - 10.0).abs() < 1e-3, "{near}");
        let far = view.projected_pixels(Vec3::new(0.0, 0.0, -20.0), 1.0);
        assert!((far - 5.0).abs() < 1e-3, "{far}");
    }
}
