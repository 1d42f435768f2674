//! Outlines in edit mode: the exhibit under the cursor and the picked one, each as the
//! screen rectangle its box covers, drawn by egui beneath the panels; the hovered one is
//! named beside the cursor.

use super::session::screen_point;
use museion_renderer::ViewCamera;
use museion_scene::Aabb;
use museion_scene::glam::{Vec2, Vec3};

/// What an outline marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Marked {
    /// The exhibit under the cursor.
    Hovered,
    /// The picked exhibit.
    Picked,
}

/// An outline to draw: the rectangle in pixels (`min`, `max`), what it marks and the
/// exhibit's id.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Outline {
    pub min: Vec2,
    pub max: Vec2,
    pub marked: Marked,
    pub id: String,
}

/// The pixels a box covers on a view `size` pixels large from `camera`, as `(min, max)`
/// clipped to the view; `None` when a corner lies behind the camera or the box is off
/// screen.
pub(super) fn screen_rect(bounds: &Aabb, camera: &ViewCamera, size: (u32, u32)) -> Option<(Vec2, Vec2)> {
    if size.0 == 0 || size.1 == 0 || bounds.min.cmpgt(bounds.max).any() {
        return None;
    }
    let (width, height) = (size.0 as f32, size.1 as f32);
    let (mut min, mut max) = (Vec2::splat(f32::INFINITY), Vec2::splat(f32::NEG_INFINITY));
    for corner in 0..8 {
        let pick = |bit: u32, low: f32, high: f32| if corner & bit == 0 { low } else { high };
        let point = Vec3::new(
            pick(1, bounds.min.x, bounds.max.x),
            pick(2, bounds.min.y, bounds.max.y),
            pick(4, bounds.min.z, bounds.max.z),
        );
        let pixel = screen_point(camera, size, point)?;
        min = min.min(pixel);
        max = max.max(pixel);
    }
    let (min, max) = (min.max(Vec2::ZERO), max.min(Vec2::new(width, height)));
    (min.x < max.x && min.y < max.y).then_some((min, max))
}

/// Draws the outlines beneath every panel, the hovered exhibit's id beside `cursor`.
pub(super) fn show(ctx: &egui::Context, outlines: &[Outline], cursor: Option<Vec2>) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Background,
        egui::Id::unique("edit-outlines"),
    ));
    let points = 1.0 / ctx.pixels_per_point();
    for outline in outlines {
        let rect = egui::Rect::from_min_max(
            egui::pos2(outline.min.x * points, outline.min.y * points),
            egui::pos2(outline.max.x * points, outline.max.y * points),
        );
        let stroke = match outline.marked {
            Marked::Picked => egui::Stroke::new(2.0, egui::Color32::from_rgb(255, 200, 40)),
            Marked::Hovered => egui::Stroke::new(1.0, egui::Color32::from_white_alpha(220)),
        };
        painter.rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Outside);
        if let (Marked::Hovered, Some(cursor)) = (outline.marked, cursor) {
            let at = egui::pos2(cursor.x * points + 14.0, cursor.y * points + 6.0);
            let galley = painter.layout_no_wrap(
                outline.id.clone(),
                egui::FontId::proportional(13.0),
                egui::Color32::WHITE,
            );
            let back = egui::Rect::from_min_size(at, galley.size()).expand(3.0);
            painter.rect_filled(back, 3.0, egui::Color32::from_black_alpha(180));
            painter.galley(at, galley, egui::Color32::WHITE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_ahead_covers_the_middle_of_the_view_and_one_behind_covers_nothing() {
        let eye = Vec3::new(0.0, 1.5, 4.0);
        let camera = ViewCamera::look_at(eye, eye - Vec3::Z, 1.0, 0.05);
        let ahead = Aabb {
            min: Vec3::new(-0.5, 1.0, -0.1),
            max: Vec3::new(0.5, 2.0, 0.1),
        };
        let (min, max) = screen_rect(&ahead, &camera, (320, 240)).expect("in view");
        let centre = (min + max) * 0.5;
        assert!(centre.abs_diff_eq(Vec2::new(160.0, 120.0), 1.0), "{min} {max}");
        // Square in the world, square on screen (the same scale both ways).
        let size = max - min;
        assert!((size.x - size.y).abs() < 1.0 && size.x > 10.0, "{size}");
        let behind = Aabb {
            min: Vec3::new(-0.5, 1.0, 5.0),
            max: Vec3::new(0.5, 2.0, 6.0),
        };
        assert_eq!(screen_rect(&behind, &camera, (320, 240)), None);
        assert_eq!(screen_rect(&Aabb::EMPTY, &camera, (320, 240)), None);
    }
}
