//! Where a lux report measures an exhibit: a grid on an artwork's canvas, grids on a
//! model's top and front.

use crate::compiled::ExhibitSurface;
use glam::Vec3;

/// Points across and up an artwork's canvas: a 5 × 5 grid.
pub const CANVAS_GRID: usize = 5;
/// Points across each face of a model's box that is measured: a 3 × 3 grid.
pub const MODEL_GRID: usize = 3;

/// A point where illuminance is measured, and the way the surface there faces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SamplePoint {
    /// World position, metres.
    pub position: Vec3,
    /// Unit normal of the surface measured.
    pub normal: Vec3,
}

/// The centres of `n` equal cells across -1..1: for 5, −0.8, −0.4, 0, 0.4, 0.8 (a cell's
/// width in from each edge, halved).
fn cell_centres(n: usize) -> impl DoubleEndedIterator<Item = f32> {
    (0..n).map(move |i| (i as f32 + 0.5) / n as f32 * 2.0 - 1.0)
}

/// The points measured on `surface`.
///
/// - A canvas: the centres of a [`CANVAS_GRID`] × [`CANVAS_GRID`] grid of equal cells
///   over it (inset from each edge by a tenth of the canvas, so the middle point is the
///   canvas's centre), facing out of the wall; rows from the top, left to right.
/// - A model's box: the centres of a [`MODEL_GRID`] × [`MODEL_GRID`] grid over its top
///   face, facing up, then of one over its front: the vertical rectangle facing the way
///   the model faces, where the box reaches furthest that way, as wide and high as the
///   box seen from the front. An empty box has no points.
pub fn sample_points(surface: &ExhibitSurface) -> Vec<SamplePoint> {
    match *surface {
        ExhibitSurface::Canvas {
            centre,
            right,
            up,
            normal,
            half_width,
            half_height,
        } => rectangle(centre, right * half_width, up * half_height, normal, CANVAS_GRID),
        ExhibitSurface::Object { bounds, front } => {
            if bounds.is_empty() {
                return Vec::new();
            }
            let centre = bounds.center();
            let half = bounds.half_extents();
            let reach = |axis: Vec3| half.x * axis.x.abs() + half.y * axis.y.abs() + half.z * axis.z.abs();
            let right = Vec3::Y.cross(front).normalize_or(Vec3::X);
            let mut points = rectangle(
                centre + Vec3::Y * half.y,
                Vec3::X * half.x,
                Vec3::NEG_Z * half.z,
                Vec3::Y,
                MODEL_GRID,
            );
            points.extend(rectangle(
                centre + front * reach(front),
                right * reach(right),
                Vec3::Y * half.y,
                front,
                MODEL_GRID,
            ));
            points
        }
    }
}

/// An `n` × `n` grid of cell centres over the rectangle `centre ± across ± down`, from
/// the `+down` edge (the top, for a wall) row by row.
fn rectangle(centre: Vec3, across: Vec3, down: Vec3, normal: Vec3, n: usize) -> Vec<SamplePoint> {
    cell_centres(n)
        .rev()
        .flat_map(|v| {
            cell_centres(n).map(move |u| SamplePoint {
                position: centre + across * u + down * v,
                normal,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::Aabb;

    #[test]
    fn a_canvas_is_sampled_on_a_grid_inset_a_tenth_from_its_edges() {
        let surface = ExhibitSurface::Canvas {
            centre: Vec3::new(0.0, 1.5, 0.0),
            right: Vec3::X,
            up: Vec3::Y,
            normal: Vec3::Z,
            half_width: 1.0,
            half_height: 0.5,
        };
        let points = sample_points(&surface);
        assert_eq!(points.len(), 25);
        assert!(points[0].position.abs_diff_eq(Vec3::new(-0.8, 1.9, 0.0), 1e-6));
        assert!(points[12].position.abs_diff_eq(Vec3::new(0.0, 1.5, 0.0), 1e-6));
        assert!(points[24].position.abs_diff_eq(Vec3::new(0.8, 1.1, 0.0), 1e-6));
        assert!(points.iter().all(|p| p.normal == Vec3::Z));
    }

    #[test]
    fn a_model_is_sampled_on_its_top_and_its_front() {
        let bounds = Aabb::from_corners(Vec3::new(-0.5, 1.0, -0.25), Vec3::new(0.5, 2.0, 0.25));
        let points = sample_points(&ExhibitSurface::Object {
            bounds,
            front: Vec3::Z,
        });
        assert_eq!(points.len(), 18);
        let (top, front) = points.split_at(9);
        assert!(top.iter().all(|p| p.normal == Vec3::Y && p.position.y == 2.0));
        assert!(front.iter().all(|p| p.normal == Vec3::Z && p.position.z == 0.25));
        assert!(front[4].position.abs_diff_eq(Vec3::new(0.0, 1.5, 0.25), 1e-6));
        assert!(
            front
                .iter()
                .all(|p| p.position.x.abs() < 0.5 && p.position.y > 1.0 && p.position.y < 2.0)
        );
        let empty = ExhibitSurface::Object {
            bounds: Aabb::EMPTY,
            front: Vec3::Z,
        };
        assert!(sample_points(&empty).is_empty());
    }
}
