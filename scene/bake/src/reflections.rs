//! Baking the rooms' reflection probes: per room, a cube map of the radiance arriving at
//! a capture point (the middle of the room's floor at eye height, moved to the nearest
//! free spot where the middle lies outside the floor or inside an exhibit), each texel
//! the mean of rays through random points of it. Each ray's first surface sends back
//! its emission and its albedo times the light arriving there: straight from the lamps
//! (next-event estimation, as the probes trace it) and bounced, from the irradiance
//! probes just baked (smooth, so the cube is not grainy with the few rays a texel gets);
//! where no room's probes reach (outside, through a window), bounced light is path
//! traced as the probes trace it.

use crate::Progress;
use crate::grid::floor_bounds;
use crate::sampling::{Rng, cosine_direction, sphere_direction};
use crate::transport::Transport;
use glam::{Vec2, Vec3};
use museion_scene::reflections::{CUBE_FACES, cube_direction};
use museion_scene::{IrradianceProbes, ProbeVolume, ReflectionProbe};
use museion_venue::Room;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Height of the capture point above the room's floor, metres: a standing visitor's eye,
/// whose view the reflections mostly serve.
pub const CAPTURE_HEIGHT: f32 = 1.6;
/// How far from the room's walls, floor and ceiling the capture point stays, metres.
const CAPTURE_CLEARANCE: f32 = 0.25;
/// Rays that test a capture point for standing inside a solid.
const INSIDE_RAYS: u32 = 64;
/// A capture point whose test rays meet the back of a surface this often stands inside a
/// solid.
const INSIDE_SHARE: f32 = 0.1;
/// The seed of every reflection bake (distinct from the probes').
const SEED: u64 = 0x7265_666c_6563_7421;

/// Work units of the reflection bake of `rooms` rooms with faces of `face` texels: one
/// per row of a face.
pub fn units(rooms: usize, face: u32) -> usize {
    rooms * CUBE_FACES * face as usize
}

/// The box of `room` in a venue whose walls are `thickness` thick: its floor's bounding
/// box inside the walls, floor to ceiling.
pub fn room_box(room: &Room, thickness: f32) -> (Vec3, Vec3) {
    let (lo, hi) = floor_bounds(&room.floor);
    let half = thickness / 2.0;
    let min = Vec3::new(lo.x + half, room.elevation, lo.y + half);
    let max = Vec3::new(hi.x - half, room.elevation + room.height, hi.y - half);
    (min.min(max), max.max(min))
}

/// Where `room`'s reflection is captured: the middle of its box at [`CAPTURE_HEIGHT`]
/// (kept [`CAPTURE_CLEARANCE`] under the ceiling), or, where the middle lies outside the
/// floor, too near a wall or inside a solid, the nearest point of its probe grid's
/// columns (`volume`) at that height that is none of these.
pub fn capture_point(transport: &Transport, room: &Room, volume: &ProbeVolume, thickness: f32) -> Vec3 {
    let (min, max) = room_box(room, thickness);
    let height = (room.elevation + CAPTURE_HEIGHT)
        .min(room.elevation + room.height - CAPTURE_CLEARANCE)
        .max(room.elevation + CAPTURE_CLEARANCE.min(room.height / 2.0));
    let middle = Vec3::new((min.x + max.x) / 2.0, height, (min.z + max.z) / 2.0);
    let mut candidates = vec![middle];
    for k in 0..volume.counts.z {
        for i in 0..volume.counts.x {
            let p = volume.position(glam::UVec3::new(i, 0, k));
            candidates.push(Vec3::new(p.x, height, p.z));
        }
    }
    // Nearest the middle first; the middle itself first of all.
    candidates[1..].sort_by(|a, b| a.distance_squared(middle).total_cmp(&b.distance_squared(middle)));
    let free = |p: &Vec3| {
        let on_floor = Vec2::new(p.x, p.z);
        room.contains(on_floor)
            && room.edge_distance(on_floor) >= thickness / 2.0 + CAPTURE_CLEARANCE
            && !inside_solid(transport, *p)
    };
    candidates.iter().copied().find(free).unwrap_or(middle)
}

/// Whether `p` stands inside a solid: many of the rays from it meet a surface's back.
fn inside_solid(transport: &Transport, p: Vec3) -> bool {
    let backs = (0..INSIDE_RAYS)
        .filter(|i| {
            transport
                .tracer
                .nearest(p, sphere_direction(*i, INSIDE_RAYS, 0.0), 1e5)
                .is_some_and(|hit| !hit.front)
        })
        .count();
    backs as f32 > INSIDE_SHARE * INSIDE_RAYS as f32
}

/// How far off a surface its light is looked up and its bounced light traced from, metres.
const RAY_OFFSET: f32 = 1e-3;

/// Bakes the reflection cube (faces of `face` texels, `samples` rays a texel) of each of
/// `rooms`, lit by `light` (their irradiance probes, one grid per room), calling
/// `progress` as rows of faces finish. Once `progress` is cancelled the rows left are
/// not traced (and the result is not to be used).
pub fn bake_reflections(
    transport: &Transport,
    rooms: &[Room],
    light: &IrradianceProbes,
    thickness: f32,
    (face, samples): (u32, u32),
    progress: &dyn Progress,
) -> Vec<ReflectionProbe> {
    let captures: Vec<Vec3> = rooms
        .iter()
        .zip(&light.volumes)
        .map(|(room, volume)| capture_point(transport, room, volume, thickness))
        .collect();
    let rows: Vec<(usize, u32, u32)> = (0..rooms.len())
        .flat_map(|r| (0..CUBE_FACES as u32).flat_map(move |f| (0..face).map(move |y| (r, f, y))))
        .collect();
    let done = AtomicUsize::new(0);
    let step = (rows.len() / 100).max(1);
    let traced: Vec<Vec<Vec3>> = rows
        .par_iter()
        .enumerate()
        .map(|(index, (room, cube_face, y))| {
            let row = if progress.cancelled() {
                vec![Vec3::ZERO; face as usize]
            } else {
                bake_row(
                    transport,
                    light,
                    captures[*room],
                    (*cube_face, *y),
                    (face, samples),
                    index as u64,
                )
            };
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if finished.is_multiple_of(step) || finished == rows.len() {
                progress.report(finished, rows.len());
            }
            row
        })
        .collect();
    let per_room = CUBE_FACES * face as usize;
    rooms
        .iter()
        .enumerate()
        .map(|(r, room)| {
            let (min, max) = room_box(room, thickness);
            ReflectionProbe {
                capture: captures[r],
                min,
                max,
                texels: traced[r * per_room..(r + 1) * per_room].concat(),
            }
        })
        .collect()
}

/// Row `y` of face `cube_face` of a cube of `face` texels captured at `capture`: each
/// texel the mean radiance of `samples` rays through random points of it.
fn bake_row(
    transport: &Transport,
    light: &IrradianceProbes,
    capture: Vec3,
    (cube_face, y): (u32, u32),
    (face, samples): (u32, u32),
    stream: u64,
) -> Vec<Vec3> {
    let mut rng = Rng::new(SEED, stream);
    (0..face)
        .map(|x| {
            let mut sum = Vec3::ZERO;
            for _ in 0..samples {
                let jitter = [rng.next_f32(), rng.next_f32()];
                let d = cube_direction(cube_face, x, y, face, jitter);
                sum += arriving(transport, light, capture, d, &mut rng);
            }
            sum / samples as f32
        })
        .collect()
}

/// The radiance arriving at `origin` along the unit direction `direction` (from the
/// surface it meets): emission, plus albedo / π times the lamps' irradiance there (one
/// shadow ray) and the probes' bounced irradiance (path traced where no room's probes
/// reach); the environment where it meets nothing; nothing where it meets a surface's
/// back.
fn arriving(
    transport: &Transport,
    light: &IrradianceProbes,
    origin: Vec3,
    direction: Vec3,
    rng: &mut Rng,
) -> Vec3 {
    let Some(hit) = transport.tracer.nearest(origin, direction, 1e5) else {
        return transport
            .environment
            .map_or(Vec3::ZERO, |environment| environment.radiance(direction));
    };
    if !hit.front {
        return Vec3::ZERO;
    }
    let surface = hit.surface;
    if surface.albedo.max_element() <= 0.0 {
        return surface.emission;
    }
    let point = origin + direction * hit.distance;
    let lifted = point + hit.normal * RAY_OFFSET;
    let direct = transport.direct(lifted, hit.normal, rng);
    let bounced = match light.irradiance(point, hit.normal, hit.normal) {
        Some(e) => e,
        // E = π × the mean cosine-weighted radiance: one path, as the probes trace it.
        None if transport.bounces > 0 => {
            let onward = Transport {
                bounces: transport.bounces - 1,
                ..*transport
            };
            onward
                .arriving(lifted, cosine_direction(hit.normal, rng), rng)
                .radiance
                * std::f32::consts::PI
        }
        None => Vec3::ZERO,
    };
    surface.emission + surface.albedo / std::f32::consts::PI * (direct + bounced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{StaticGeometry, Surface};
    use crate::grid::room_volume;
    use crate::tracer::Tracer;
    use museion_scene::reflections::cube_texel;
    use museion_scene::{Light, LightKind, Node, Scene};
    use museion_venue::PlacedLight;

    /// The inside of the box `lo`..`hi` (twelve triangles facing inward), the face at
    /// x = hi.x of surface 1, the others of surface 0.
    fn inside_of_box(lo: Vec3, hi: Vec3, surfaces: [Surface; 2]) -> StaticGeometry {
        let c = |x: usize, y: usize, z: usize| Vec3::new([lo.x, hi.x][x], [lo.y, hi.y][y], [lo.z, hi.z][z]);
        // Each face's corners, counter-clockwise seen from outside (turned over below, to face
        // inward), and its surface.
        let faces = [
            ([c(0, 0, 0), c(0, 0, 1), c(0, 1, 1), c(0, 1, 0)], 0), // x = lo
            ([c(1, 0, 0), c(1, 1, 0), c(1, 1, 1), c(1, 0, 1)], 1), // x = hi
            ([c(0, 0, 0), c(1, 0, 0), c(1, 0, 1), c(0, 0, 1)], 0), // floor
            ([c(0, 1, 0), c(0, 1, 1), c(1, 1, 1), c(1, 1, 0)], 0), // ceiling
            ([c(0, 0, 0), c(0, 1, 0), c(1, 1, 0), c(1, 0, 0)], 0), // z = lo
            ([c(0, 0, 1), c(1, 0, 1), c(1, 1, 1), c(0, 1, 1)], 0), // z = hi
        ];
        let mut geometry = StaticGeometry {
            surfaces: surfaces.to_vec(),
            ..StaticGeometry::default()
        };
        for ([a, b, c, d], surface) in faces {
            geometry.triangles.extend([[a, c, b], [a, d, c]]);
            geometry.surface_of.extend([surface, surface]);
        }
        geometry
    }

    fn room(floor: &[[f32; 2]], height: f32) -> Room {
        Room {
            id: "room".into(),
            name: None,
            node: Scene::new().add_node(Node::default(), None).unwrap(),
            floor: floor.iter().map(|p| Vec2::from(*p)).collect(),
            elevation: 0.0,
            height,
            wall_pieces: 0,
        }
    }

    #[test]
    fn the_texels_facing_a_coloured_wall_carry_its_colour_and_the_others_not() {
        let grey = Surface {
            albedo: Vec3::splat(0.5),
            ..Surface::default()
        };
        let red = Surface {
            albedo: Vec3::new(0.8, 0.05, 0.05),
            ..Surface::default()
        };
        let (lo, hi) = (Vec3::ZERO, Vec3::new(6.0, 3.0, 4.0));
        let tracer = Tracer::new(&inside_of_box(lo, hi, [grey, red]));
        let light = PlacedLight {
            index: 0,
            light: Light {
                name: None,
                kind: LightKind::Point,
                color: Vec3::ONE,
                intensity: 500.0,
                range: None,
                cast_shadows: true,
            },
            node: Scene::new().add_node(Node::default(), None).unwrap(),
            name: "lamp".into(),
            position: Vec3::new(3.0, 2.8, 2.0),
            direction: Vec3::NEG_Y,
            luminous_intensity: 500.0,
        };
        let lights = [light];
        let transport = Transport {
            tracer: &tracer,
            lights: &lights,
            environment: None,
            bounces: 2,
        };
        let rooms = [room(&[[0.0, 0.0], [6.0, 0.0], [6.0, 4.0], [0.0, 4.0]], 3.0)];
        // No probes' light: the bounced light is path traced.
        let light = IrradianceProbes {
            volumes: vec![room_volume(&rooms[0], 1.0, 0.0, 0)],
            ..IrradianceProbes::default()
        };
        let face = 8;
        let cubes = bake_reflections(&transport, &rooms, &light, 0.0, (face, 16), &|_, _| {});
        let cube = &cubes[0];
        assert!(
            (cube.capture - Vec3::new(3.0, 1.6, 2.0)).length() < 1e-5,
            "{}",
            cube.capture
        );
        assert_eq!((cube.min, cube.max), (lo, hi));
        // The mean of the middle 4 × 4 texels of face `f`.
        let mean = |f: u32| {
            let mut sum = Vec3::ZERO;
            for y in 2..6 {
                for x in 2..6 {
                    sum += cube.texels[(f * face * face + y * face + x) as usize];
                }
            }
            sum / 16.0
        };
        // +X looks at the red wall: red; -X at the grey wall opposite, lit a little
        // redder by light bounced off the red wall, but grey.
        let (toward, away) = (mean(0), mean(1));
        assert!(toward.x > 4.0 * toward.y, "+X face {toward}");
        assert!(away.x < 1.5 * away.y && away.y > 0.0, "-X face {away}");
        // The texel straight toward the red wall's middle is red; straight down, the
        // floor, is not.
        let texel = |d: Vec3| {
            let (f, x, y) = cube_texel(d, face);
            cube.texels[(f * face * face + y * face + x) as usize]
        };
        let wall = texel(Vec3::new(1.0, 0.01, 0.01));
        let floor = texel(Vec3::new(0.01, -1.0, 0.01));
        assert!(wall.x > 4.0 * wall.y, "toward the red wall {wall}");
        assert!(floor.x < 1.5 * floor.y, "toward the floor {floor}");
    }

    #[test]
    fn a_capture_point_inside_an_exhibit_moves_to_the_nearest_free_spot() {
        let grey = Surface {
            albedo: Vec3::splat(0.5),
            ..Surface::default()
        };
        // The room 6 × 4 × 3 m, and a closed block (faces outward) 1 m on a side round
        // the middle from the floor to 2 m.
        let mut geometry = inside_of_box(Vec3::ZERO, Vec3::new(6.0, 3.0, 4.0), [grey, grey]);
        let block = inside_of_box(Vec3::new(2.5, 0.0, 1.5), Vec3::new(3.5, 2.0, 2.5), [grey, grey]);
        for tri in block.triangles {
            geometry.triangles.push([tri[0], tri[2], tri[1]]);
            geometry.surface_of.push(0);
        }
        let tracer = Tracer::new(&geometry);
        let transport = Transport {
            tracer: &tracer,
            lights: &[],
            environment: None,
            bounces: 0,
        };
        let room = room(&[[0.0, 0.0], [6.0, 0.0], [6.0, 4.0], [0.0, 4.0]], 3.0);
        let volume = room_volume(&room, 1.0, 0.0, 0);
        let capture = capture_point(&transport, &room, &volume, 0.0);
        let in_block = capture.x > 2.5 && capture.x < 3.5 && capture.z > 1.5 && capture.z < 2.5;
        assert!(!in_block, "{capture}");
        assert!((capture.y - 1.6).abs() < 1e-5);
        assert!(capture.distance(Vec3::new(3.0, 1.6, 2.0)) < 1.5, "{capture}");
    }
}
