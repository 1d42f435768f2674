//! The gizmo edit mode draws on the picked exhibit: handles that move, turn and scale it
//! along the ways the venue file can say. An artwork hangs on its wall, so it has an
//! arrow along the wall (its `offset`), one up (its `center_height`) and a knob at its
//! top-right corner that scales it (its `width`). A model stands on the floor, so it has
//! arrows along the world's x and z (its `position`), a ring round its base that turns
//! it (its heading) and a knob above it that scales it (its `height` or `scale`). A
//! press on a handle drags the exhibit by that handle only (`grip.rs`); a press
//! elsewhere on the exhibit drags it freely as before. The handles keep their size on
//! screen at any distance.

use super::session::screen_point;
use super::wall_drag::metres_per_pixel;
use museion_renderer::ViewCamera;
use museion_scene::glam::{Mat4, Vec2, Vec3};
use museion_venue::{CompiledVenue, ExhibitKind, ExhibitSurface};

/// How long an arrow is on screen, pixels.
pub const ARROW_PIXELS: f32 = 90.0;
/// Where an arrow begins, as a part of its length from the gizmo's origin.
const ARROW_START: f32 = 0.25;
/// How near the cursor must be to a handle's line or knob to press it, pixels.
pub const HANDLE_REACH: f32 = 7.0;
/// How many straight pieces draw the ring.
const RING_PIECES: usize = 48;

/// A handle of the gizmo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Handle {
    /// An artwork along its wall.
    Along,
    /// An artwork up and down its wall.
    Up,
    /// A model along the world's x.
    X,
    /// A model along the world's z.
    Z,
    /// A model turned about the vertical through its origin.
    Turn,
    /// The exhibit scaled about its centre (an artwork) or its base (a model).
    Scale,
}

/// A handle as drawn: its polyline on the view (two points for an arrow, a closed run
/// for the ring, one for a knob).
pub(super) type ShownHandle = (Handle, Vec<Vec2>);

/// The shape of a handle in the world.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Shape {
    /// A line from `from` to `to`, on a line through the gizmo's origin. It begins a
    /// little way out, so that a press on the exhibit's middle still drags it freely.
    Arrow { from: Vec3, to: Vec3 },
    /// A level circle of `radius` about the gizmo's origin.
    Ring { radius: f32 },
    /// A square knob at `at`, on the line from the gizmo's origin.
    Knob { at: Vec3 },
}

/// The gizmo of one exhibit: its handles about `origin` (an artwork's centre on its
/// wall, the middle of the base of a model's own box, on the floor or its pedestal).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Gizmo {
    pub origin: Vec3,
    pub handles: Vec<(Handle, Shape)>,
}

impl Gizmo {
    /// The gizmo of exhibit `index` of `venue` seen from `eye`, on a view of this many
    /// pixels high and this vertical field of view; `None` for an exhibit the gizmo cannot
    /// move (a glTF venue's, with no room) or one not found.
    pub fn of(venue: &CompiledVenue, index: usize, eye: Vec3, view: (u32, f32)) -> Option<Self> {
        let exhibit = venue.exhibits.get(index)?;
        exhibit.room.as_ref()?;
        let scaled = |origin: Vec3| metres_per_pixel(eye.distance(origin), view.1, view.0) * ARROW_PIXELS;
        match (exhibit.kind, exhibit.surface) {
            (ExhibitKind::Artwork, ExhibitSurface::Canvas { right, .. }) => {
                let origin = venue.scene.world_matrix(exhibit.node)?.w_axis.truncate();
                let length = scaled(origin);
                // The frame's box (the canvas and its moulding).
                let size = exhibit.bounds.max - exhibit.bounds.min;
                let half_width = (right.x.abs() * size.x + right.z.abs() * size.z) * 0.5;
                let corner = origin + right * half_width + Vec3::Y * size.y * 0.5;
                Some(Self {
                    origin,
                    handles: vec![
                        (Handle::Along, arrow(origin, right, length)),
                        (Handle::Up, arrow(origin, Vec3::Y, length)),
                        (Handle::Scale, Shape::Knob { at: corner }),
                    ],
                })
            }
            (ExhibitKind::Model, surface) => {
                // The model's own box: its pedestal's top is where it stands.
                let bounds = match surface {
                    ExhibitSurface::Object { bounds, .. } => bounds,
                    ExhibitSurface::Canvas { .. } => exhibit.bounds,
                };
                let size = bounds.max - bounds.min;
                let centre = bounds.center();
                let origin = Vec3::new(centre.x, bounds.min.y, centre.z);
                let length = scaled(origin);
                let radius = (size.x.max(size.z) * 0.5 * 1.15).max(length * 0.6);
                Some(Self {
                    origin,
                    handles: vec![
                        (Handle::X, arrow(origin, Vec3::X, length)),
                        (Handle::Z, arrow(origin, Vec3::Z, length)),
                        (Handle::Turn, Shape::Ring { radius }),
                        (
                            Handle::Scale,
                            Shape::Knob {
                                at: origin + Vec3::Y * (size.y + length * 0.25),
                            },
                        ),
                    ],
                })
            }
            _ => None,
        }
    }

    /// The gizmo moved, turned and scaled with its exhibit by `change` (a drag under
    /// way; the ring keeps its radius).
    pub fn moved(mut self, change: Mat4) -> Self {
        self.origin = change.transform_point3(self.origin);
        for (_, shape) in &mut self.handles {
            match shape {
                Shape::Arrow { from, to } => {
                    *from = change.transform_point3(*from);
                    *to = change.transform_point3(*to);
                }
                Shape::Knob { at } => *at = change.transform_point3(*at),
                Shape::Ring { .. } => {}
            }
        }
        self
    }

    /// The handles as drawn on a view `size` pixels large from `camera`: each handle's
    /// polyline (two points for an arrow, a closed run for the ring, one for a knob).
    /// A handle with a point behind the camera is left out.
    pub fn on_screen(&self, camera: &ViewCamera, size: (u32, u32)) -> Vec<ShownHandle> {
        let to_screen = |point: Vec3| screen_point(camera, size, point);
        self.handles
            .iter()
            .filter_map(|(handle, shape)| {
                let points: Option<Vec<Vec2>> = match *shape {
                    Shape::Arrow { from, to } => [from, to].into_iter().map(to_screen).collect(),
                    Shape::Knob { at } => to_screen(at).map(|p| vec![p]),
                    Shape::Ring { radius } => (0..=RING_PIECES)
                        .map(|i| {
                            let angle = i as f32 / RING_PIECES as f32 * std::f32::consts::TAU;
                            to_screen(self.origin + Vec3::new(angle.cos(), 0.0, angle.sin()) * radius)
                        })
                        .collect(),
                };
                Some((*handle, points?))
            })
            .collect()
    }
}

/// An arrow from `origin` along unit `way`, `length` long but for its start.
fn arrow(origin: Vec3, way: Vec3, length: f32) -> Shape {
    Shape::Arrow {
        from: origin + way * length * ARROW_START,
        to: origin + way * length,
    }
}

/// The distance in pixels from `pixel` to the segment from `a` to `b`.
fn to_segment(pixel: Vec2, a: Vec2, b: Vec2) -> f32 {
    let along = b - a;
    let t = if along.length_squared() > 0.0 {
        ((pixel - a).dot(along) / along.length_squared()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    pixel.distance(a + along * t)
}

/// The handle of `shown` (as from [`Gizmo::on_screen`]) within [`HANDLE_REACH`] of
/// `pixel`: a knob before an arrow before the ring, the nearest of a kind.
pub(super) fn handle_at(shown: &[ShownHandle], pixel: Vec2) -> Option<Handle> {
    let reach = |points: &Vec<Vec2>| match points.as_slice() {
        [knob] => {
            let d = (pixel - *knob).abs();
            (d.max_element() <= HANDLE_REACH).then_some((0, d.max_element()))
        }
        [a, b] => {
            let d = to_segment(pixel, *a, *b);
            (d <= HANDLE_REACH).then_some((1, d))
        }
        ring => {
            let d = ring
                .windows(2)
                .map(|w| to_segment(pixel, w[0], w[1]))
                .fold(f32::INFINITY, f32::min);
            (d <= HANDLE_REACH).then_some((2, d))
        }
    };
    shown
        .iter()
        .filter_map(|(handle, points)| reach(points).map(|rank| (*handle, rank)))
        .min_by(|(_, a), (_, b)| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(handle, _)| handle)
}

/// Draws the `shown` handles beneath every panel, `active` (hovered or held) brighter.
pub(super) fn show(ctx: &egui::Context, shown: &[ShownHandle], active: Option<Handle>) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Background,
        egui::Id::unique("edit-gizmo"),
    ));
    let points = 1.0 / ctx.pixels_per_point();
    let pos = |p: Vec2| egui::pos2(p.x * points, p.y * points);
    for (handle, line) in shown {
        let colour = match handle {
            Handle::Along | Handle::X => egui::Color32::from_rgb(230, 70, 60),
            Handle::Up => egui::Color32::from_rgb(90, 200, 80),
            Handle::Z => egui::Color32::from_rgb(70, 130, 240),
            Handle::Turn => egui::Color32::from_rgb(240, 200, 60),
            Handle::Scale => egui::Color32::from_rgb(240, 240, 240),
        };
        let width = if Some(*handle) == active { 4.0 } else { 2.0 };
        let stroke = egui::Stroke::new(width, colour);
        match line.as_slice() {
            [knob] => {
                let rect = egui::Rect::from_center_size(pos(*knob), egui::vec2(10.0, 10.0) * points);
                painter.rect_filled(rect.expand(width - 2.0), 1.0, colour);
            }
            [a, b] => {
                painter.line_segment([pos(*a), pos(*b)], stroke);
                // The arrow's head: two short strokes back from its tip.
                let back = (*a - *b).normalize_or_zero() * 12.0;
                for side in [-0.45f32, 0.45] {
                    let wing = Vec2::from_angle(side).rotate(back);
                    painter.line_segment([pos(*b), pos(*b + wing)], stroke);
                }
            }
            ring => {
                painter.add(egui::Shape::line(ring.iter().map(|p| pos(*p)).collect(), stroke));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown() -> Vec<ShownHandle> {
        vec![
            (Handle::X, vec![Vec2::new(100.0, 100.0), Vec2::new(190.0, 100.0)]),
            (Handle::Z, vec![Vec2::new(100.0, 100.0), Vec2::new(100.0, 190.0)]),
            (
                Handle::Turn,
                (0..=48)
                    .map(|i| {
                        let a = i as f32 / 48.0 * std::f32::consts::TAU;
                        Vec2::new(100.0, 100.0) + Vec2::new(a.cos(), a.sin()) * 60.0
                    })
                    .collect(),
            ),
            (Handle::Scale, vec![Vec2::new(100.0, 40.0)]),
        ]
    }

    #[test]
    fn a_press_takes_the_handle_under_it_a_knob_before_an_arrow_before_the_ring() {
        let shown = shown();
        assert_eq!(handle_at(&shown, Vec2::new(150.0, 103.0)), Some(Handle::X));
        assert_eq!(handle_at(&shown, Vec2::new(98.0, 150.0)), Some(Handle::Z));
        // Where the x arrow crosses the ring, the arrow wins.
        assert_eq!(handle_at(&shown, Vec2::new(160.0, 101.0)), Some(Handle::X));
        assert_eq!(
            handle_at(&shown, Vec2::new(100.0 - 61.0, 100.0)),
            Some(Handle::Turn)
        );
        // The knob sits on the ring's top: the knob wins.
        assert_eq!(handle_at(&shown, Vec2::new(103.0, 42.0)), Some(Handle::Scale));
        assert_eq!(handle_at(&shown, Vec2::new(130.0, 130.0)), None);
        assert_eq!(
            handle_at(&shown, Vec2::new(100.0 + HANDLE_REACH + 1.0, 150.0)),
            None
        );
    }

    #[test]
    fn a_pixel_spans_more_metres_farther_away_and_on_a_lower_view() {
        let near = metres_per_pixel(2.0, 1.0, 720);
        assert!((metres_per_pixel(4.0, 1.0, 720) - 2.0 * near).abs() < 1e-7);
        assert!((metres_per_pixel(2.0, 1.0, 360) - 2.0 * near).abs() < 1e-7);
        assert!((near - 2.0 * 2.0 * 0.5f32.tan() / 720.0).abs() < 1e-7);
    }
}
