//! Baked indirect light from the command line: `museion bake` and its cache, `render`
//! with `--gi off|probes` and `--no-bake`, `bench --venue` with both, and a bad `[bake]`
//! table answered with one `error:` line naming its place.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::error_lines;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A closed white room 5 × 4 m lit by one spot aimed at the floor: everything above the
/// spot's cone is lit only by light bounced off the floor.
pub(crate) const VENUE: &str = r#"[venue]
environment = "none"
wall_material = "white"
floor_material = "white"
ceiling_material = "white"

[materials.white]
base_color = [0.85, 0.85, 0.85]

[bake]
probe_spacing = 1.0
samples = 64

[[rooms]]
id = "room"
floor = [[0, 0], [5, 0], [5, 4], [0, 4]]

[[lights]]
kind = "spot"
room = "room"
position = [2.5, 3.3, 2.0]
target = [2.5, 0.0, 2.0]
intensity = 2000
outer_angle = 25

[[spawns]]
id = "door"
room = "room"
position = [0.8, 0.0, 2.0]
yaw = -90
"#;

/// The venue in `dir`, and a cache folder of its own beside it.
fn venue(dir: &Path, text: &str) -> (PathBuf, PathBuf) {
    let path = dir.join("venue.toml");
    std::fs::write(&path, text).unwrap();
    (path, dir.join("cache"))
}

/// Runs `museion ARGS` with its cache in `cache`.
fn museion_with_cache(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_museion"))
        .args(args)
        .env("MUSEION_CACHE_DIR", cache)
        .env_remove("RUST_LOG")
        .output()
        .expect("the museion binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Files named `bake-*.bin` in `cache`.
fn bakes(cache: &Path) -> usize {
    std::fs::read_dir(cache).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with("bake-"))
            .count()
    })
}

fn render(cache: &Path, venue: &Path, out: &Path, options: &[&str]) -> image::RgbaImage {
    let mut args = vec![
        "render",
        venue.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--size",
        "64x48",
    ];
    args.extend_from_slice(options);
    let output = museion_with_cache(cache, &args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    image::open(out).unwrap().to_rgba8()
}

fn mean_brightness(image: &image::RgbaImage) -> f64 {
    let sum: u64 = image
        .pixels()
        .map(|p| u64::from(p.0[0]) + u64::from(p.0[1]) + u64::from(p.0[2]))
        .sum();
    sum as f64 / (image.pixels().len() * 3) as f64
}

#[test]
fn bake_fills_the_cache_once_and_render_lights_the_room_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cache) = venue(dir.path(), VENUE);
    let venue = path.to_str().unwrap();
    let first = museion_with_cache(&cache, &["bake", venue]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // On lavapipe (a CPU adapter) `auto` traces on the CPU.
    assert!(
        stdout(&first).contains("probes in 1 rooms, 1 reflection cubes of 64² texels, baked on the cpu"),
        "{}",
        stdout(&first)
    );
    assert!(
        String::from_utf8_lossy(&first.stderr).contains("bake: 100%"),
        "progress is shown"
    );
    assert_eq!(bakes(&cache), 1);
    let again = museion_with_cache(&cache, &["bake", venue]);
    assert!(
        stdout(&again).contains("up to date in the cache"),
        "{}",
        stdout(&again)
    );
    let forced = museion_with_cache(&cache, &["bake", venue, "--force"]);
    assert!(
        stdout(&forced).contains("baked on the cpu"),
        "{}",
        stdout(&forced)
    );
    assert_eq!(bakes(&cache), 1);
    // The GPU tracer on request; its bake lights the room as the CPU's did.
    let gpu = museion_with_cache(&cache, &["bake", venue, "--force", "--tracer", "gpu"]);
    assert!(
        stdout(&gpu).contains("baked on the gpu ("),
        "{}{}",
        stdout(&gpu),
        String::from_utf8_lossy(&gpu.stderr)
    );
    assert_eq!(bakes(&cache), 1);

    let off = render(&cache, &path, &dir.path().join("off.png"), &["--gi", "off"]);
    let probes = render(&cache, &path, &dir.path().join("probes.png"), &["--gi", "probes"]);
    let (dark, lit) = (mean_brightness(&off), mean_brightness(&probes));
    assert!(
        lit > dark * 1.2,
        "bounced light brightens the room: {dark:.1} without, {lit:.1} with probes"
    );
}

#[test]
fn no_bake_renders_without_probes_and_leaves_the_cache_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cache) = venue(dir.path(), VENUE);
    let off = render(&cache, &path, &dir.path().join("off.png"), &["--gi", "off"]);
    let unbaked = render(&cache, &path, &dir.path().join("unbaked.png"), &["--no-bake"]);
    assert_eq!(off, unbaked, "--no-bake without a bake draws as --gi off");
    assert_eq!(bakes(&cache), 0);
    // The first render that may bake, does, and says how far it got.
    let output = museion_with_cache(
        &cache,
        &[
            "render",
            path.to_str().unwrap(),
            "--out",
            dir.path().join("baked.png").to_str().unwrap(),
            "--size",
            "64x48",
        ],
    );
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("bake: 100%"));
    assert_eq!(bakes(&cache), 1);
}

#[test]
fn bench_runs_a_venue_with_and_without_its_probes() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("gallery");
    std::fs::create_dir_all(&room).unwrap();
    let (path, cache) = venue(&room, VENUE);
    let output = museion_with_cache(
        &cache,
        &[
            "bench",
            "--venue",
            path.to_str().unwrap(),
            "--gi",
            "off",
            "--gi",
            "probes",
            "--frames",
            "2",
            "--warmup",
            "0",
            "--size",
            "64x48",
            "--json",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scenes: Vec<String> = stdout(&output)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["scene"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(scenes, ["venue-gallery-gi-off", "venue-gallery-gi-probes"]);
}

#[test]
fn a_bad_bake_table_is_one_error_naming_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cache) = venue(dir.path(), &VENUE.replace("samples = 64", "samples = 4"));
    let output = museion_with_cache(&cache, &["bake", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let errors = error_lines(&output);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("venue.toml:12:11") && errors[0].contains("samples must be from 16"),
        "{errors:?}"
    );
    assert_eq!(bakes(&cache), 0);
}
