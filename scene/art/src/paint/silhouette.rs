//! Portrait silhouette: a head and shoulders in profile, cut from one dark colour and
//! set in an oval on a pale ground, in the manner of cut-paper shades.

use super::super::color::{Hsl, mix, smoothstep};
use super::super::noise::fbm;
use super::super::rng;
use super::Canvas;
use glam::Vec2;
use museion_procedural::Rng;

struct Scheme {
    ground: Hsl,
    oval: Hsl,
    figure: Hsl,
}

fn scheme(seed: u64) -> Scheme {
    let mut rng = rng(seed, 0x5111);
    let hue = rng.range(0.0, 360.0);
    Scheme {
        ground: Hsl::new(hue, rng.range(0.2, 0.45), rng.range(0.3, 0.5)),
        oval: Hsl::new(rng.range(35.0, 55.0), rng.range(0.3, 0.55), rng.range(0.84, 0.92)),
        figure: Hsl::new(
            hue + rng.range(150.0, 210.0),
            rng.range(0.1, 0.35),
            rng.range(0.06, 0.14),
        ),
    }
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let s = scheme(seed);
    [s.figure, s.ground]
}

/// The outline of a head and shoulders facing left, in units of the head's height with
/// the origin near the ear and y down, from the crown around the face to the chest, across
/// the bottom and up the back. `nose`, `chin` and `brow` vary the features.
fn profile(nose: f32, chin: f32, brow: f32) -> Vec<Vec2> {
    [
        (0.05, -0.62),
        (-0.28, -0.54),
        (-0.42 - brow * 0.3, -0.3),
        (-0.46 - brow, -0.1),
        (-0.44, -0.02),
        (-0.52 - nose, 0.12),
        (-0.47, 0.18),
        (-0.455, 0.22),
        (-0.49, 0.265),
        (-0.455, 0.305),
        (-0.48, 0.345),
        (-0.43, 0.40),
        (-0.45 - chin, 0.47),
        (-0.37 - chin * 0.5, 0.56),
        (-0.2, 0.6),
        (-0.22, 0.76),
        (-0.32, 0.9),
        (-0.62, 1.02),
        (-0.82, 1.3),
        (-0.88, 2.2),
        (1.15, 2.2),
        (1.08, 1.3),
        (0.85, 1.0),
        (0.4, 0.86),
        (0.28, 0.7),
        (0.32, 0.5),
        (0.5, 0.2),
        (0.55, -0.15),
        (0.4, -0.47),
    ]
    .into_iter()
    .map(|(x, y)| Vec2::new(x, y))
    .collect()
}

/// A closed Catmull–Rom spline through `points`, `per` samples per span.
fn smooth(points: &[Vec2], per: usize) -> Vec<Vec2> {
    let n = points.len();
    let mut out = Vec::with_capacity(n * per);
    for i in 0..n {
        let [p0, p1, p2, p3] = [(i + n - 1) % n, i, (i + 1) % n, (i + 2) % n].map(|k| points[k]);
        for s in 0..per {
            let t = s as f32 / per as f32;
            let (t2, t3) = (t * t, t * t * t);
            out.push(
                0.5 * (2.0 * p1
                    + (p2 - p0) * t
                    + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2
                    + (3.0 * p1 - p0 - 3.0 * p2 + p3) * t3),
            );
        }
    }
    out
}

/// Hair: a bun at the back of the head, a fall of hair to the shoulders, or none.
fn hair(rng: &mut Rng) -> Vec<Vec<Vec2>> {
    let circle = |c: Vec2, r: f32| {
        (0..32)
            .map(|i| c + r * Vec2::from_angle(i as f32 / 32.0 * std::f32::consts::TAU))
            .collect()
    };
    match rng.below(3) {
        0 => vec![circle(Vec2::new(0.5, -0.38), rng.range(0.16, 0.22))],
        1 => vec![smooth(
            &[
                Vec2::new(0.0, -0.66),
                Vec2::new(0.5, -0.45),
                Vec2::new(0.66, 0.1),
                Vec2::new(0.7, 0.7),
                Vec2::new(0.82, 1.1),
                Vec2::new(0.45, 1.05),
                Vec2::new(0.3, 0.5),
                Vec2::new(0.1, 0.1),
            ],
            8,
        )],
        _ => Vec::new(),
    }
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let scheme = scheme(seed);
    let mut rng = rng(seed, 0x5112);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let (ground, oval, figure) = (scheme.ground.rgb(), scheme.oval.rgb(), scheme.figure.rgb());
    let centre = Vec2::new(w / 2.0, h / 2.0);
    let radii = Vec2::new(w * 0.36, h * 0.4);
    let border = unit * 0.012;
    let noise_seed = rng.next_u64() as u32;
    canvas.shade(|x, y, _| {
        let p = (Vec2::new(x, y) - centre) / radii;
        let d = (p.length() - 1.0) * radii.min_element();
        let mottle = fbm(x / unit * 6.0, y / unit * 6.0, 3, noise_seed) - 0.5;
        let outside = ground * (1.0 + 0.15 * mottle) * (1.0 - 0.25 * smoothstep(0.0, 1.0, p.length() - 1.0));
        let inside = oval * (1.0 - 0.08 * p.length_squared() + 0.05 * mottle);
        let rim = mix(oval, ground, 0.5) * 0.8;
        let colour = mix(inside, rim, smoothstep(-border - 1.0, -border, d));
        mix(colour, outside, smoothstep(-0.5, 0.5, d))
    });

    // The figure: the head about a third of the oval's height, shoulders cut by the oval.
    let head = radii.y * 2.0 * rng.range(0.3, 0.36);
    let facing = if rng.next_f32() < 0.5 { 1.0 } else { -1.0 };
    let anchor = centre + Vec2::new(-facing * radii.x * 0.08, -radii.y * 0.2);
    let place = |q: &Vec2| anchor + Vec2::new(q.x * facing, q.y) * head;
    let outline = profile(
        rng.range(-0.03, 0.05),
        rng.range(-0.03, 0.04),
        rng.range(-0.02, 0.03),
    );
    let mut shapes: Vec<Vec<Vec2>> = vec![smooth(&outline, 10)];
    shapes.extend(hair(&mut rng));
    for shape in shapes {
        let points: Vec<Vec2> = shape.iter().map(place).collect();
        clip_to_oval(canvas, &points, centre, radii, figure);
    }
}

/// Fills `outline` with `colour` only inside the oval: the fill is drawn onto a copy and
/// kept where the oval is.
fn clip_to_oval(canvas: &mut Canvas, outline: &[Vec2], centre: Vec2, radii: Vec2, colour: glam::Vec3) {
    let mut layer = Canvas::new(canvas.width as u32, canvas.height as u32, glam::Vec3::ZERO);
    layer.polygon(outline, glam::Vec3::ONE, 1.0);
    let inset = radii - Vec2::splat(canvas.unit() * 0.025);
    for y in 0..canvas.height {
        for x in 0..canvas.width {
            let cover = layer.get(x, y).x;
            if cover > 0.0 {
                let p = (Vec2::new(x as f32 + 0.5, y as f32 + 0.5) - centre) / inset;
                let inside = smoothstep(0.5, -0.5, (p.length() - 1.0) * inset.min_element());
                canvas.blend(x as i64, y as i64, colour, cover * inside);
            }
        }
    }
}
