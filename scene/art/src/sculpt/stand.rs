//! The mount of a free-standing form: a round plinth and a rod rising into the form.

use super::builder::{Builder, Shading};
use super::sweep::lathe;
use glam::{Vec2, Vec3};

/// Height of the plinth, metres.
pub(super) const PLINTH_HEIGHT: f32 = 0.03;

/// Adds a plinth of `radius` centred under `top` on y = 0, and a rod of `rod_radius`
/// from the plinth up to `top`.
pub(super) fn stand(b: &mut Builder, top: Vec3, radius: f32, rod_radius: f32) {
    let start = b.point_count();
    let bevel = PLINTH_HEIGHT * 0.25;
    let plinth = [
        Vec2::new(0.0, 0.0),
        Vec2::new(radius, 0.0),
        Vec2::new(radius, PLINTH_HEIGHT - bevel),
        Vec2::new(radius - bevel, PLINTH_HEIGHT),
        Vec2::new(0.0, PLINTH_HEIGHT),
    ];
    lathe(b, &plinth, 48, |_| 0.0, |_, _| 1.0, Shading::Smooth);
    // The rod starts inside the plinth so the two read as one piece.
    let rod = [
        Vec2::new(0.0, PLINTH_HEIGHT * 0.5),
        Vec2::new(rod_radius, PLINTH_HEIGHT * 0.5),
        Vec2::new(rod_radius, top.y),
        Vec2::new(0.0, top.y),
    ];
    lathe(b, &rod, 16, |_| 0.0, |_, _| 1.0, Shading::Smooth);
    b.map_points_from(start, |p| p + Vec3::new(top.x, 0.0, top.z));
}
