//! Still life: a bottle or jug, a bowl and pieces of fruit on a table before a dark wall,
//! lit from the upper left, with soft cast shadows (the chiaroscuro of a studio piece).

use super::super::color::{Hsl, mix};
use super::super::noise::fbm;
use super::super::rng;
use super::Canvas;
use glam::{Vec2, Vec3};
use museion_procedural::Rng;
use std::f32::consts::PI;

/// What stands on the table.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Bottle,
    Jug,
    Bowl,
    /// A round fruit with its x and y radii relative to its size (apple, lemon, plum).
    Fruit(f32, f32),
    Pear,
}

struct Object {
    kind: Kind,
    colour: Hsl,
    /// Across the table, 0 to 1.
    x: f32,
    /// Into the table, 0 (back) to 1 (front).
    depth: f32,
    /// Size in units of the picture's shorter side.
    size: f32,
}

struct Plan {
    wall: Hsl,
    table: Hsl,
    objects: Vec<Object>,
}

fn fruit(rng: &mut Rng) -> (Kind, Hsl) {
    match rng.below(5) {
        0 => (
            Kind::Fruit(1.0, 0.95),
            Hsl::new(rng.range(350.0, 368.0), 0.7, 0.4),
        ),
        1 => (
            Kind::Fruit(1.15, 0.9),
            Hsl::new(rng.range(48.0, 56.0), 0.85, 0.55),
        ),
        2 => (Kind::Fruit(1.0, 1.0), Hsl::new(rng.range(24.0, 32.0), 0.9, 0.5)),
        3 => (Kind::Pear, Hsl::new(rng.range(60.0, 85.0), 0.55, 0.45)),
        _ => (
            Kind::Fruit(0.85, 0.95),
            Hsl::new(rng.range(280.0, 300.0), 0.35, 0.27),
        ),
    }
}

fn plan(seed: u64) -> Plan {
    let mut rng = rng(seed, 0x571F);
    let wall = if rng.next_f32() < 0.6 {
        Hsl::new(rng.range(20.0, 45.0), rng.range(0.25, 0.45), rng.range(0.12, 0.2))
    } else {
        Hsl::new(
            rng.range(90.0, 220.0),
            rng.range(0.12, 0.3),
            rng.range(0.14, 0.24),
        )
    };
    let table = match rng.below(3) {
        0 => Hsl::new(45.0, 0.2, 0.82),
        1 => Hsl::new(rng.range(200.0, 230.0), 0.35, 0.4),
        _ => Hsl::new(rng.range(20.0, 32.0), rng.range(0.35, 0.5), rng.range(0.25, 0.35)),
    };
    let tall_x = rng.range(0.28, 0.72);
    let mut objects = vec![if rng.next_f32() < 0.5 {
        Object {
            kind: Kind::Bottle,
            colour: Hsl::new(rng.range(120.0, 200.0), 0.45, 0.2),
            x: tall_x,
            depth: 0.1,
            size: rng.range(0.5, 0.62),
        }
    } else {
        Object {
            kind: Kind::Jug,
            colour: if rng.next_f32() < 0.5 {
                Hsl::new(rng.range(18.0, 30.0), 0.5, 0.42)
            } else {
                Hsl::new(rng.range(205.0, 225.0), 0.45, 0.55)
            },
            x: tall_x,
            depth: 0.12,
            size: rng.range(0.36, 0.46),
        }
    }];
    let side = if tall_x > 0.5 { -1.0 } else { 1.0 };
    objects.push(Object {
        kind: Kind::Bowl,
        colour: if rng.next_f32() < 0.5 {
            Hsl::new(40.0, 0.25, 0.82)
        } else {
            Hsl::new(rng.range(190.0, 230.0), 0.5, 0.45)
        },
        x: tall_x + side * rng.range(0.22, 0.3),
        depth: 0.35,
        size: rng.range(0.16, 0.2),
    });
    for _ in 0..2 + rng.below(3) {
        let (kind, colour) = fruit(&mut rng);
        objects.push(Object {
            kind,
            colour,
            x: rng.range(0.15, 0.85),
            depth: rng.range(0.5, 0.95),
            size: rng.range(0.06, 0.085),
        });
    }
    objects.sort_by(|a, b| a.depth.total_cmp(&b.depth));
    Plan { wall, table, objects }
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let plan = plan(seed);
    let fruit = plan
        .objects
        .iter()
        .find(|o| matches!(o.kind, Kind::Fruit(..) | Kind::Pear));
    [plan.wall, fruit.map_or(plan.table, |o| o.colour)]
}

/// The studio light: from the upper left and in front (screen axes, y down, z towards
/// the viewer), and the half vector for highlights.
fn light() -> (Vec3, Vec3) {
    let l = Vec3::new(-0.55, -0.55, 0.63).normalize();
    (l, (l + Vec3::Z).normalize())
}

/// A surface colour under the studio light: ambient, Lambert, light bounced up from the
/// table, and a highlight of the given strength and sharpness.
fn lit(base: Vec3, n: Vec3, gloss: f32, sharpness: f32) -> Vec3 {
    let (l, half) = light();
    let diffuse = n.dot(l).max(0.0);
    let bounce = n.y.max(0.0) * 0.18;
    base * (0.2 + 0.95 * diffuse + bounce) + Vec3::ONE * gloss * n.dot(half).max(0.0).powf(sharpness)
}

/// Draws a shaded ellipsoid seen from the front: centre, radii in pixels.
fn ellipsoid(canvas: &mut Canvas, centre: Vec2, radii: Vec2, base: Vec3, gloss: f32) {
    let (lo, hi) = (centre - radii - 1.0, centre + radii + 1.0);
    for y in lo.y.max(0.0) as i64..hi.y.max(0.0) as i64 {
        for x in lo.x.max(0.0) as i64..hi.x.max(0.0) as i64 {
            let p = (Vec2::new(x as f32 + 0.5, y as f32 + 0.5) - centre) / radii;
            let d = p.length();
            let cover = ((1.0 - d) * radii.min_element() + 0.5).clamp(0.0, 1.0);
            if cover > 0.0 {
                let n = Vec3::new(p.x, p.y, (1.0 - d * d).max(0.0).sqrt()).normalize_or(Vec3::Z);
                canvas.blend(x, y, lit(base, n, gloss, 24.0), cover);
            }
        }
    }
}

/// Draws a turned vessel standing at `base` (bottom centre), `height` tall, its radius
/// at each height given by `radius(t)`, t from 0 at the foot to 1 at the lip.
fn vessel(
    canvas: &mut Canvas,
    base: Vec2,
    height: f32,
    radius: impl Fn(f32) -> f32,
    colour: Vec3,
    gloss: f32,
) {
    let widest = (0..=32).map(|i| radius(i as f32 / 32.0)).fold(0.0f32, f32::max);
    let foot = radius(0.0) * 0.22;
    for y in (base.y - height).max(0.0) as i64..(base.y + foot + 1.0).max(0.0) as i64 {
        let py = y as f32 + 0.5;
        let t = ((base.y - py) / height).clamp(0.0, 1.0);
        let r = radius(t).max(0.5);
        // The foot is an ellipse seen from slightly above.
        let below = (py - (base.y - foot)).max(0.0) / foot.max(0.5);
        let r = if below > 0.0 {
            r * (1.0 - below * below).max(0.0).sqrt()
        } else {
            r
        };
        let top_cover = (py - (base.y - height)).clamp(0.0, 1.0);
        for x in (base.x - widest - 1.0).max(0.0) as i64..(base.x + widest + 1.0).max(0.0) as i64 {
            let dx = (x as f32 + 0.5 - base.x) / r;
            let cover = ((1.0 - dx.abs()) * r + 0.5).clamp(0.0, 1.0) * top_cover;
            if cover > 0.0 {
                let n = Vec3::new(dx, below * 0.5, (1.0 - dx * dx).max(0.0).sqrt()).normalize_or(Vec3::Z);
                canvas.blend(x, y, lit(colour, n, gloss, 60.0), cover);
            }
        }
    }
}

/// A soft shadow cast to the right of an object standing at `base`.
fn shadow(canvas: &mut Canvas, base: Vec2, width: f32) {
    let centre = base + Vec2::new(width * 0.45, 0.0);
    let radii = Vec2::new(width * 0.95, width * 0.16);
    let (lo, hi) = (centre - radii, centre + radii);
    for y in lo.y.max(0.0) as i64..hi.y.max(0.0) as i64 {
        for x in lo.x.max(0.0) as i64..hi.x.max(0.0) as i64 {
            let d = ((Vec2::new(x as f32, y as f32) - centre) / radii).length();
            canvas.blend(x, y, Vec3::ZERO, 0.4 * (1.0 - d).clamp(0.0, 1.0).powf(0.7));
        }
    }
}

fn draw(canvas: &mut Canvas, object: &Object, base: Vec2, unit: f32, rng: &mut Rng) {
    let colour = object.colour.rgb();
    let s = object.size * unit;
    match object.kind {
        Kind::Bottle => {
            shadow(canvas, base, s * 0.25);
            let profile = |t: f32| {
                let shoulder = ((t - 0.55) / 0.18).clamp(0.0, 1.0);
                let body = 1.0 - 0.72 * (0.5 - 0.5 * (shoulder * PI).cos());
                let lip = if t > 0.94 { 1.25 } else { 1.0 };
                s * 0.11 * body * lip
            };
            vessel(canvas, base, s, profile, colour, 0.9);
        }
        Kind::Jug => {
            shadow(canvas, base, s * 0.4);
            let handle_side = if rng.next_f32() < 0.5 { -1.0 } else { 1.0 };
            // The handle: an arc of thick strokes behind the body's edge.
            let centre = base + Vec2::new(handle_side * s * 0.2, -s * 0.62);
            let mut previous = None;
            for i in 0..=16 {
                let a = -PI / 2.0 + PI * i as f32 / 16.0;
                let p = centre + Vec2::new(handle_side * a.cos() * s * 0.16, a.sin() * s * 0.2);
                if let Some(q) = previous {
                    canvas.line(
                        q,
                        p,
                        s * 0.045,
                        lit(colour, Vec3::new(handle_side, 0.0, 0.4).normalize(), 0.2, 20.0),
                        1.0,
                    );
                }
                previous = Some(p);
            }
            let profile =
                |t: f32| s * (0.17 + 0.11 * (PI * t.powf(0.85)).sin() + 0.05 * ((t - 0.85) / 0.15).max(0.0));
            vessel(canvas, base, s, profile, colour, 0.35);
        }
        Kind::Bowl => {
            shadow(canvas, base, s * 0.9);
            let rim = base - Vec2::Y * s * 0.55;
            let radii = Vec2::new(s, s * 0.28);
            // The inside, lit on the far right wall, then fruit resting in it, then the
            // outer body in front.
            let inner = colour * 0.55;
            ellipsoid(canvas, rim, radii, inner, 0.0);
            for i in 0..2 {
                let (_, fruit_colour) = fruit(rng);
                let c = rim + Vec2::new((i as f32 - 0.5) * s * 0.6, -s * 0.12);
                ellipsoid(canvas, c, Vec2::splat(s * 0.32), fruit_colour.rgb(), 0.3);
            }
            let depth = s * 0.55;
            for y in rim.y.max(0.0) as i64..(rim.y + depth + 1.0).max(0.0) as i64 {
                for x in (rim.x - s - 1.0).max(0.0) as i64..(rim.x + s + 1.0).max(0.0) as i64 {
                    let p = Vec2::new((x as f32 + 0.5 - rim.x) / s, (y as f32 + 0.5 - rim.y) / depth);
                    let d = p.length();
                    let cover = ((1.0 - d) * depth + 0.5).clamp(0.0, 1.0);
                    if cover > 0.0 {
                        let n = Vec3::new(p.x, p.y, (1.0 - d * d).max(0.0).sqrt()).normalize_or(Vec3::Z);
                        canvas.blend(x, y, lit(colour, n, 0.5, 30.0), cover);
                    }
                }
            }
        }
        Kind::Fruit(rx, ry) => {
            shadow(canvas, base, s * 1.1);
            let radii = Vec2::new(rx, ry) * s;
            ellipsoid(canvas, base - Vec2::Y * radii.y * 0.95, radii, colour, 0.35);
            if rx < 1.1 {
                let top = base - Vec2::Y * radii.y * 1.9;
                canvas.line(
                    top,
                    top + Vec2::new(s * 0.08, -s * 0.2),
                    (s * 0.05).max(1.0),
                    Vec3::new(0.2, 0.13, 0.06),
                    1.0,
                );
            }
        }
        Kind::Pear => {
            shadow(canvas, base, s * 1.1);
            let body = base - Vec2::Y * s * 0.95;
            let neck = body + Vec2::new(s * 0.15, -s * 0.95);
            ellipsoid(canvas, neck, Vec2::splat(s * 0.58), colour, 0.25);
            ellipsoid(canvas, body, Vec2::splat(s), colour, 0.25);
            let top = neck - Vec2::Y * s * 0.5;
            canvas.line(
                top,
                top + Vec2::new(s * 0.1, -s * 0.3),
                (s * 0.06).max(1.0),
                Vec3::new(0.2, 0.13, 0.06),
                1.0,
            );
        }
    }
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let plan = plan(seed);
    let mut rng = rng(seed, 0x5720);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let (wall, table) = (plan.wall.rgb(), plan.table.rgb());
    let back = h * rng.range(0.56, 0.64);
    let front = h * rng.range(0.84, 0.9);
    let glow = Vec2::new(w * 0.22, h * 0.2);
    let noise_seed = rng.next_u64() as u32;
    canvas.shade(|x, y, _| {
        let (nx, ny) = (x / unit, y / unit);
        let texture = fbm(nx * 9.0, ny * 9.0, 3, noise_seed) - 0.5;
        if y < back {
            // The wall: light falls off away from the window at the upper left.
            let falloff = (-(Vec2::new(x, y) - glow).length() / (unit * 0.8)).exp();
            wall * (0.55 + 0.9 * falloff) * (1.0 + 0.25 * texture)
        } else if y < front {
            let t = (y - back) / (front - back);
            let grain = fbm(nx * 1.5, ny * 40.0, 3, noise_seed ^ 3) - 0.5;
            table * (0.7 + 0.35 * t) * (1.0 + 0.12 * grain + 0.1 * texture)
        } else {
            // The table's front edge, in shadow.
            table * 0.45 * (1.0 + 0.1 * texture)
        }
    });
    canvas.line(
        Vec2::new(0.0, front),
        Vec2::new(w, front),
        (unit * 0.006).max(1.0),
        table * 1.15,
        0.8,
    );
    for object in &plan.objects {
        let base = Vec2::new(object.x * w, back + (front - back) * (0.08 + 0.85 * object.depth));
        draw(canvas, object, base, unit, &mut rng);
    }
    // Brushwork over everything, and a darkening towards the corners.
    let (centre, reach) = (Vec2::new(w, h) / 2.0, Vec2::new(w, h).length() / 2.0);
    canvas.shade(|x, y, c| {
        let strokes = fbm(x / unit * 30.0, y / unit * 12.0, 2, noise_seed ^ 7) - 0.5;
        let vignette = 1.0 - 0.35 * ((Vec2::new(x, y) - centre).length() / reach).powi(2);
        mix(c, c * (1.0 + 0.2 * strokes), 0.6) * vignette
    });
}
