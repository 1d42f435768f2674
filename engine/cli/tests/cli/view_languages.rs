//! `museion view` in the visitor's script: a venue labelled in Chinese, its panel
//! opened by a click and captured by a script screenshot (which holds the overlay, as
//! the window shows it). With the system's fonts (Debian's fonts-noto-cjk, installed by
//! `.ci/run`) the panel's characters are many different shapes; with
//! `--no-system-fonts` they are all the same missing-glyph box, and the log names the
//! missing script and the package that brings it.

use crate::support::viewer_command;
use std::collections::HashSet;
use std::path::Path;

const VENUE: &str = r#"[venue]
name = "多语言展厅"
language = "zh-CN"
languages = ["zh-CN", "en"]

[[rooms]]
id = "hall"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]

[[artworks]]
id = "harbour"
room = "hall"
wall = 2
offset = 3
width = 1.6
image = "art.png"

[artworks.metadata]
title = "清晨的港口"
artist = "张择端（1085–1145）"
date = "约1120年"
medium = "绢本设色"
credit_line = "故宫博物院藏"
description = "这幅画描绘了清晨的港口，渔船正驶向远方的灯塔，天空由深蓝渐变为金色。画家以细腻的笔触表现了水面的波光与薄雾中的城市轮廓。"

[artworks.metadata.translations.en]
title = "Harbour at Dawn"

[[spawns]]
id = "entrance"
room = "hall"
position = [3, 2.5]
yaw = 180
"#;

/// Click the painting ahead, capture, step to the next language, quit.
const SCRIPT: &str = "\
frame 5: click
frame 20: screenshot panel.png
frame 21: key L down
frame 22: key L up
frame 24: quit
";

/// Runs the viewer on the venue in `dir` with `extra` options; returns its log and
/// the captured panel.
fn capture(dir: &Path, extra: &[&str]) -> (String, image::RgbaImage) {
    let shots = dir.join(format!("shots{}", extra.len()));
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let output = viewer_command()
        .env("RUST_LOG", "museion_viewer=info")
        .arg("view")
        .arg(dir.join("venue.toml"))
        .args([
            "--size",
            "640x360",
            "--msaa",
            "1",
            "--no-shadows",
            "--no-ao",
            "--ui-lang",
            "zh-CN",
        ])
        .args(extra)
        .arg("--script")
        .arg(dir.join("click.script"))
        .arg("--screenshot-dir")
        .arg(&shots)
        .output()
        .expect("run the viewer");
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{extra:?}: {log}");
    let image = image::open(shots.join("panel.png"))
        .unwrap_or_else(|e| panic!("{extra:?}: the screenshot: {e}\n{log}"))
        .to_rgba8();
    (log, image)
}

/// The number of different shapes among the bright marks (text) of the panel, which
/// sits at the window's top right (300 points wide at 640 × 360, below its title bar).
fn glyph_shapes(image: &image::RgbaImage) -> usize {
    let (x0, x1, y0, y1) = (image.width() - 300, image.width() - 20, 36, image.height() - 40);
    let ink = |x: u32, y: u32| {
        let p = image.get_pixel(x, y).0;
        (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3 > 110
    };
    let mut seen = HashSet::new();
    let mut shapes = HashSet::new();
    for y in y0..y1 {
        for x in x0..x1 {
            if !ink(x, y) || seen.contains(&(x, y)) {
                continue;
            }
            // One mark: the 8-connected bright pixels around (x, y).
            let mut stack = vec![(x, y)];
            let mut pixels = Vec::new();
            seen.insert((x, y));
            while let Some((px, py)) = stack.pop() {
                pixels.push((px, py));
                for (dx, dy) in [
                    (-1i32, -1i32),
                    (0, -1),
                    (1, -1),
                    (-1, 0),
                    (1, 0),
                    (-1, 1),
                    (0, 1),
                    (1, 1),
                ] {
                    let (nx, ny) = (px as i32 + dx, py as i32 + dy);
                    if nx < x0 as i32 || ny < y0 as i32 || nx >= x1 as i32 || ny >= y1 as i32 {
                        continue;
                    }
                    let (nx, ny) = (nx as u32, ny as u32);
                    if ink(nx, ny) && seen.insert((nx, ny)) {
                        stack.push((nx, ny));
                    }
                }
            }
            let left = pixels.iter().map(|p| p.0).min().unwrap_or(0);
            let top = pixels.iter().map(|p| p.1).min().unwrap_or(0);
            let mut shape: Vec<(u32, u32)> = pixels.iter().map(|(px, py)| (px - left, py - top)).collect();
            shape.sort_unstable();
            shapes.insert(shape);
        }
    }
    shapes.len()
}

#[test]
fn chinese_labels_are_drawn_in_glyphs_and_a_missing_font_is_named() {
    let dir = tempfile::tempdir().expect("temporary directory");
    museion_testkit::venue::write_png(&dir.path().join("art.png"), 200, 150);
    std::fs::write(dir.path().join("venue.toml"), VENUE).expect("write the venue");
    std::fs::write(dir.path().join("click.script"), SCRIPT).expect("write the script");

    let (log, with_fonts) = capture(dir.path(), &[]);
    assert!(log.contains("picked harbour"), "{log}");
    assert!(log.contains("reading in zh-CN; the viewer speaks zh-CN"), "{log}");
    assert!(
        log.contains("reading in en"),
        "L steps to the next language: {log}"
    );
    assert!(
        !log.contains("no font draws"),
        "install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk): {log}"
    );
    let (log_without, boxes) = capture(dir.path(), &["--no-system-fonts"]);
    assert!(
        log_without.contains("no font draws Han text") && log_without.contains("fonts-noto-cjk"),
        "{log_without}"
    );

    let (glyphs, tofu) = (glyph_shapes(&with_fonts), glyph_shapes(&boxes));
    eprintln!("panel: {glyphs} shapes with fonts, {tofu} as boxes");
    // About 60 different characters; as boxes, they are one shape.
    assert!(
        glyphs >= 40 && glyphs >= tofu + 25,
        "{glyphs} shapes with fonts, {tofu} as boxes"
    );
}
