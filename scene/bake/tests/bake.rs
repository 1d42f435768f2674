//! The bake against what physics says it must give: an enclosure's bounced light, light
//! through a door and never through a wall, and the cache's keys.
#![allow(clippy::unwrap_used)]

use glam::{Vec2, Vec3};
use museion_bake::{EnvironmentRadiance, bake, bake_cached, is_cached};
use museion_venue::{CompiledVenue, PlacedLight, placed_lights};
use std::path::Path;

/// An sRGB-encoded value whose linear value is `linear` (materials are written in sRGB).
fn srgb(linear: f32) -> f32 {
    if linear <= 0.003_130_8 {
        linear * 12.92
    } else {
        1.055 * linear.powf(1.0 / 2.4) - 0.055
    }
}

fn load(dir: &Path, text: &str) -> CompiledVenue {
    let path = dir.join("venue.toml");
    std::fs::write(&path, text).unwrap();
    museion_venue::load(&path).unwrap()
}

/// A closed room 6 × 4 m and 3 m high, every surface of albedo `rho`, lit by one point
/// light of 800 cd off its centre; no environment.
fn closed_box(rho: f32) -> String {
    let c = srgb(rho);
    format!(
        r#"
[venue]
environment = "none"
wall_material = "white"
floor_material = "white"
ceiling_material = "white"

[materials.white]
base_color = [{c}, {c}, {c}]
roughness = 1.0

[bake]
probe_spacing = 0.5
samples = 256
bounces = 6

[[rooms]]
id = "box"
floor = [[0, 0], [6, 0], [6, 4], [0, 4]]
height = 3.0

[[lights]]
kind = "point"
position = [2.5, 2.0, 1.8]
intensity = 800
shadows = false
"#
    )
}

/// What `light` gives `point` facing `normal`, unshadowed (the room is convex).
fn direct(light: &PlacedLight, point: Vec3, normal: Vec3) -> f32 {
    let to_light = light.position - point;
    let d = to_light.length();
    let cos = normal.dot(to_light / d).max(0.0);
    light.light.intensity * light.light.range_attenuation(d) * cos / (d * d)
}

/// Points spread evenly over the inside of the 6 × 4 × 3 m box (walls 0.2 m thick,
/// centred on the floor's edges), each with its inward normal and the area it stands for.
fn inner_surface() -> Vec<(Vec3, Vec3, f32)> {
    let (lo, hi) = (Vec3::new(0.1, 0.0, 0.1), Vec3::new(5.9, 3.0, 3.9));
    let mut points = Vec::new();
    let n = 24;
    // Each face: a corner, two edge vectors, its inward normal.
    let faces = [
        (lo, Vec3::X * (hi.x - lo.x), Vec3::Z * (hi.z - lo.z), Vec3::Y),
        (
            Vec3::new(lo.x, hi.y, lo.z),
            Vec3::X * (hi.x - lo.x),
            Vec3::Z * (hi.z - lo.z),
            Vec3::NEG_Y,
        ),
        (lo, Vec3::X * (hi.x - lo.x), Vec3::Y * hi.y, Vec3::Z),
        (
            Vec3::new(lo.x, 0.0, hi.z),
            Vec3::X * (hi.x - lo.x),
            Vec3::Y * hi.y,
            Vec3::NEG_Z,
        ),
        (lo, Vec3::Z * (hi.z - lo.z), Vec3::Y * hi.y, Vec3::X),
        (
            Vec3::new(hi.x, 0.0, lo.z),
            Vec3::Z * (hi.z - lo.z),
            Vec3::Y * hi.y,
            Vec3::NEG_X,
        ),
    ];
    for (corner, u, v, normal) in faces {
        let area = u.length() * v.length() / (n * n) as f32;
        for i in 0..n {
            for j in 0..n {
                let p = corner + u * ((i as f32 + 0.5) / n as f32) + v * ((j as f32 + 0.5) / n as f32);
                points.push((p, normal, area));
            }
        }
    }
    points
}

#[test]
fn an_enclosure_holds_its_light_as_one_over_one_minus_its_albedo() {
    let dir = tempfile::tempdir().unwrap();
    let rho = 0.5;
    let venue = load(dir.path(), &closed_box(rho));
    let baked = bake(&venue, None, &|_, _| {}).unwrap();
    let lights = placed_lights(&venue.scene);
    assert_eq!(lights.len(), 1);
    let (mut area, mut direct_sum, mut total_sum) = (0.0, 0.0, 0.0);
    for (p, n, a) in inner_surface() {
        let e_direct = direct(&lights[0], p, n);
        let e_indirect = baked
            .probes
            .irradiance(p, n, n)
            .expect("every inner surface has probes");
        area += a;
        direct_sum += e_direct * a;
        total_sum += (e_direct + e_indirect.x) * a;
    }
    let (mean_direct, mean_total) = (direct_sum / area, total_sum / area);
    // Every watt the light sends is reflected ρ, ρ², … times before it is absorbed: the
    // mean irradiance of an enclosure's inside is its direct mean over (1 − ρ).
    let expected = mean_direct / (1.0 - rho);
    let error = (mean_total - expected).abs() / expected;
    assert!(
        error < 0.05,
        "mean irradiance {mean_total:.2} lx against E_direct/(1 - rho) = {expected:.2} lx ({:.1} %)",
        error * 100.0
    );
}

#[test]
fn a_black_enclosure_has_no_indirect_light() {
    let dir = tempfile::tempdir().unwrap();
    let venue = load(dir.path(), &closed_box(0.0));
    let baked = bake(&venue, None, &|_, _| {}).unwrap();
    assert!(!baked.probes.probes.is_empty());
    for probe in &baked.probes.probes {
        assert!(probe.0.iter().all(|c| *c == Vec3::ZERO), "{probe:?}");
    }
}

/// Two rooms 5 × 4 m side by side sharing the wall x = 5, a door in it near z = 0.8
/// (when `door`); a ceiling light in the west room only.
fn two_rooms(door: bool) -> String {
    let opening = if door {
        "[[rooms.openings]]\nwall = 1\noffset = 0.8\nwidth = 1.0\nto = \"east\"\n"
    } else {
        ""
    };
    format!(
        r#"
[venue]
environment = "none"
wall_material = "white"
floor_material = "white"
ceiling_material = "white"

[materials.white]
base_color = [0.8, 0.8, 0.8]
roughness = 1.0

[bake]
probe_spacing = 0.5
samples = 128

[[rooms]]
id = "west"
floor = [[0, 0], [5, 0], [5, 4], [0, 4]]
height = 3.0
{opening}
[[rooms]]
id = "east"
floor = [[5, 0], [10, 0], [10, 4], [5, 4]]
height = 3.0

[[lights]]
kind = "point"
position = [4.0, 2.5, 3.0]
intensity = 1500
shadows = false
"#
    )
}

#[test]
fn light_reaches_a_dark_room_through_its_door_and_never_through_the_wall() {
    let dir = tempfile::tempdir().unwrap();
    let floor_at = |venue: &CompiledVenue, x: f32, z: f32| {
        let baked = bake(venue, None, &|_, _| {}).unwrap();
        baked
            .probes
            .irradiance(Vec3::new(x, 0.0, z), Vec3::Y, Vec3::Y)
            .unwrap()
            .x
    };
    // Without the door the east room is sealed: not a glimmer of the west room's light.
    let sealed = load(dir.path(), &two_rooms(false));
    let baked = bake(&sealed, None, &|_, _| {}).unwrap();
    let east = baked.probes.volumes.iter().find(|v| v.room == "east").unwrap();
    for probe in &baked.probes.probes[east.first..east.first + east.len()] {
        assert!(
            probe.0.iter().all(|c| *c == Vec3::ZERO),
            "light through the wall: {probe:?}"
        );
    }
    // Beside the wall, on the east side, right by where the light is on the west side.
    let by_wall = baked
        .probes
        .irradiance(Vec3::new(5.1, 1.5, 3.0), Vec3::X, Vec3::X)
        .unwrap();
    assert_eq!(by_wall, Vec3::ZERO);
    let west_wall = baked
        .probes
        .irradiance(Vec3::new(4.9, 1.5, 3.0), Vec3::NEG_X, Vec3::NEG_X)
        .unwrap();
    assert!(west_wall.x > 1.0, "{west_wall}");

    let open = load(dir.path(), &two_rooms(true));
    let doorway = floor_at(&open, 5.5, 0.8);
    let far_corner = floor_at(&open, 9.6, 3.6);
    assert!(doorway > 0.0 && far_corner > 0.0, "{doorway} {far_corner}");
    assert!(
        doorway > 2.0 * far_corner,
        "doorway {doorway} lx, far corner {far_corner} lx"
    );
    let lit = floor_at(&open, 2.5, 2.0);
    assert!(lit > 4.0 * doorway, "lit room {lit} lx, doorway {doorway} lx");
}

/// A room with a painting whose label is `title`, and a spot at `light_x`.
fn labelled(dir: &Path, title: &str, light_x: f32) -> CompiledVenue {
    let image = image::RgbaImage::from_pixel(4, 3, image::Rgba([180, 60, 40, 255]));
    image.save(dir.join("painting.png")).unwrap();
    load(
        dir,
        &format!(
            r#"
[venue]
environment = "studio"

[bake]
probe_spacing = 2.0
samples = 32

[[rooms]]
id = "room"
floor = [[0, 0], [4, 0], [4, 4], [0, 4]]

[[artworks]]
id = "painting"
room = "room"
wall = 0
offset = 2.0
width = 0.8
image = "painting.png"
light = false
metadata = {{ title = "{title}" }}

[[lights]]
kind = "point"
position = [{light_x}, 3.0, 2.0]
intensity = 300
"#
        ),
    )
}

#[test]
fn the_cache_rebakes_for_a_moved_light_and_not_for_a_new_label() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let environment = EnvironmentRadiance::uniform(Vec3::splat(0.3));
    let first = labelled(dir.path(), "Blue Field", 2.0);
    assert!(!is_cached(&first, Some(&environment), &cache));
    let baked = bake_cached(&first, Some(&environment), Some(&cache), &|_, _| {}).unwrap();
    assert!(!baked.cached);
    let again = bake_cached(&first, Some(&environment), Some(&cache), &|_, _| {}).unwrap();
    assert!(again.cached);
    assert_eq!(again.probes, baked.probes);

    let relabelled = labelled(dir.path(), "Red Field", 2.0);
    assert!(is_cached(&relabelled, Some(&environment), &cache));
    let moved = labelled(dir.path(), "Blue Field", 1.0);
    assert!(!is_cached(&moved, Some(&environment), &cache));
    let brighter = EnvironmentRadiance::uniform(Vec3::splat(0.6));
    assert!(!is_cached(&first, Some(&brighter), &cache));
    let rebaked = bake_cached(&moved, Some(&environment), Some(&cache), &|_, _| {}).unwrap();
    assert!(!rebaked.cached);
    assert_ne!(rebaked.probes, baked.probes);
}

#[test]
fn probes_fill_each_room_inside_its_walls() {
    let dir = tempfile::tempdir().unwrap();
    let venue = load(dir.path(), &two_rooms(true));
    let baked = bake(&venue, None, &|_, _| {}).unwrap();
    assert_eq!(baked.probes.volumes.len(), 2);
    for volume in &baked.probes.volumes {
        let far = volume.position(volume.counts - glam::UVec3::ONE);
        let (lo, hi) = (Vec2::new(volume.min.x, volume.min.z), Vec2::new(far.x, far.z));
        let room = venue.rooms.iter().find(|r| r.id == volume.room).unwrap();
        for corner in [lo, hi] {
            assert!(
                room.floor.iter().any(|p| p.distance(corner) < 0.3),
                "{} {corner}",
                volume.room
            );
        }
    }
    assert_eq!(baked.filled, 0, "every probe of two empty boxes sees its room");
}

/// A progress that asks the bake to stop once it has heard of `after` probes.
struct StopAfter(usize, std::sync::atomic::AtomicUsize);

impl museion_bake::Progress for StopAfter {
    fn report(&self, done: usize, _total: usize) {
        self.1.store(done, std::sync::atomic::Ordering::Relaxed);
    }
    fn cancelled(&self) -> bool {
        self.1.load(std::sync::atomic::Ordering::Relaxed) >= self.0
    }
}

#[test]
fn a_bake_no_longer_wanted_stops_and_caches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let venue = load(dir.path(), &two_rooms(true));
    let stop = StopAfter(10, Default::default());
    let result = bake_cached(&venue, None, Some(&dir.path().join("cache")), &stop);
    assert!(
        matches!(result, Err(museion_bake::BakeError::Cancelled)),
        "{result:?}"
    );
    assert!(!is_cached(&venue, None, &dir.path().join("cache")));
}

/// The solid angle of texel (`x`, `y`) of a cube face of `size` texels, approximately:
/// its area on the unit cube over the cube of its distance.
fn texel_weight(x: u32, y: u32, size: u32) -> f32 {
    let u = (x as f32 + 0.5) / size as f32 * 2.0 - 1.0;
    let v = (y as f32 + 0.5) / size as f32 * 2.0 - 1.0;
    (1.0 + u * u + v * v).powf(-1.5)
}

#[test]
fn a_reflection_cube_shows_the_walls_lit_as_their_albedo_and_irradiance_say() {
    let dir = tempfile::tempdir().unwrap();
    let rho = 0.5;
    let text = closed_box(rho).replace(
        "bounces = 6",
        "bounces = 6\nreflection_size = 16\nreflection_samples = 32",
    );
    let venue = load(dir.path(), &text);
    let baked = bake(&venue, None, &|_, _| {}).unwrap();
    let lights = placed_lights(&venue.scene);
    let reflections = &baked.probes.reflections;
    assert_eq!((reflections.face, reflections.probes.len()), (16, 1));
    let cube = &reflections.probes[0];
    // The middle of the room inside its walls, at eye height.
    assert!(
        (cube.capture - Vec3::new(3.0, 1.6, 2.0)).length() < 1e-4,
        "{}",
        cube.capture
    );
    assert!(
        (cube.min - Vec3::new(0.1, 0.0, 0.1)).length() < 1e-5,
        "{}",
        cube.min
    );
    assert!(
        (cube.max - Vec3::new(5.9, 3.0, 3.9)).length() < 1e-5,
        "{}",
        cube.max
    );
    // Each texel sees a point x of a wall, floor or ceiling, which reflects
    // ρ/π (E_direct(x) + E_indirect(x)): the light's, and the probes' bounced light.
    let size = reflections.face;
    let (mut weight, mut seen, mut predicted) = (0.0, 0.0, 0.0);
    for face in 0..6 {
        for y in 0..size {
            for x in 0..size {
                let d = museion_scene::reflections::cube_direction(face, x, y, size, [0.5, 0.5]);
                let far = Vec3::select(d.cmpgt(Vec3::ZERO), cube.max, cube.min);
                let t = (far - cube.capture) / d;
                let t = Vec3::select(d.abs().cmpgt(Vec3::splat(1e-6)), t, Vec3::splat(f32::MAX));
                let distance = t.min_element();
                let point = cube.capture + d * distance;
                // The inward normal of the face the ray met.
                let axis = if t.x == distance {
                    Vec3::X
                } else if t.y == distance {
                    Vec3::Y
                } else {
                    Vec3::Z
                };
                let normal = -axis * d.dot(axis).signum();
                let e_indirect = baked.probes.irradiance(point, normal, normal).unwrap().x;
                let e = direct(&lights[0], point, normal) + e_indirect;
                let w = texel_weight(x, y, size);
                weight += w;
                seen += cube.texels[((face * size + y) * size + x) as usize].x * w;
                predicted += rho / std::f32::consts::PI * e * w;
            }
        }
    }
    let (seen, predicted) = (seen / weight, predicted / weight);
    let error = (seen - predicted).abs() / predicted;
    // And against the irradiance probes' own view from the capture point, path traced
    // independently: their band-0 coefficient is ∫ L Y₀₀ dω = 0.282095 · 4π · mean L,
    // and 4π · 0.282095² = 1.
    let volume = baked.probes.volume_at(cube.capture).unwrap();
    let probe = baked.probes.probe_at(volume, cube.capture);
    let probe_mean = probe.0[0].x * 0.282_095;
    let probe_error = (seen - probe_mean).abs() / probe_mean;
    eprintln!(
        "reflection cube mean {seen:.4} against rho E / pi {predicted:.4} and the probes' mean {probe_mean:.4}"
    );
    assert!(
        error < 0.05,
        "mean radiance of the cube {seen:.3} against rho E / pi {predicted:.3} ({:.1} %)",
        error * 100.0
    );
    assert!(
        probe_error < 0.05,
        "mean radiance of the cube {seen:.3} against the probes' {probe_mean:.3} ({:.1} %)",
        probe_error * 100.0
    );
}

#[test]
fn progress_counts_probes_then_reflection_rows_and_a_stop_in_the_reflections_holds() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_rooms(true).replace("[bake]", "[bake]\nreflection_size = 16");
    let venue = load(dir.path(), &text);
    let last = std::sync::Mutex::new((0usize, 0usize));
    let baked = bake(&venue, None, &|done: usize, total: usize| {
        let mut last = last.lock().unwrap();
        *last = (done.max(last.0), total);
    })
    .unwrap();
    let probes = baked.probes.probes.len();
    // Two rooms, six faces of 16 rows each.
    assert_eq!(*last.lock().unwrap(), (probes + 2 * 6 * 16, probes + 2 * 6 * 16));
    assert_eq!(baked.probes.reflections.probes.len(), 2);
    let stop = StopAfter(probes + 20, Default::default());
    let result = bake_cached(&venue, None, Some(&dir.path().join("cache")), &stop);
    assert!(
        matches!(result, Err(museion_bake::BakeError::Cancelled)),
        "{result:?}"
    );
    assert!(!is_cached(&venue, None, &dir.path().join("cache")));
}
