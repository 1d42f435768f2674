//! The demo museum: what `museion demo` writes compiles into a venue with the rooms,
//! works, labels (in English and Simplified Chinese, titles and texts in French and
//! German too), lights, tour, turning kinetic sculpture and walking guide it promises,
//! and the copy in `assets/demo/` is that venue (so what is checked here of the one is
//! true of the other).

use museion::gltf;
use museion::scene::glam::{Vec2, Vec3Swizzles};
use museion::scene::{AnimationProperty, LightKind};
use museion::venue::{self as venue, CompiledVenue, ExhibitKind, TourPath};
use museion_art::catalogue;
use museion_art::figure::{WALK_CYCLE, WALK_STRIDE};
use museion_cli::demo::{self, DemoOptions};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The demo written once with small paintings (the layout does not depend on their
/// pixel size), and compiled.
fn small_demo() -> &'static (tempfile::TempDir, CompiledVenue) {
    static DEMO: OnceLock<(tempfile::TempDir, CompiledVenue)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let options = DemoOptions {
            long_side_px: 48,
            ..DemoOptions::default()
        };
        let mut lines = 0;
        let written = demo::write_demo(dir.path(), &options, |_| lines += 1).expect("the demo is written");
        assert_eq!(written.files.len(), 1 + 44 + 12 + 2, "{:?}", written.files);
        assert!(lines >= 44 + 12 + 2, "progress was reported {lines} times");
        let compiled = venue::load(&written.venue).expect("the demo venue compiles");
        (dir, compiled)
    })
}

/// Whether `text` is Chinese: at least one CJK ideograph, and no Latin letters but the
/// project's name and its licence.
fn is_chinese(text: &str) -> bool {
    let ideograph = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let rest = text.replace("Museion", "").replace("CC0", "");
    ideograph && !rest.chars().any(|c| c.is_ascii_alphabetic())
}

#[test]
fn the_demo_has_its_four_rooms_and_every_work_with_a_full_label() {
    let (_, demo) = small_demo();
    let rooms: Vec<&str> = demo.rooms.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rooms, ["atrium", "gallery", "corridor", "hall"]);
    assert!(demo.report.warnings.is_empty(), "{:?}", demo.report.warnings);
    let artworks = demo
        .exhibits
        .iter()
        .filter(|e| e.kind == ExhibitKind::Artwork)
        .count();
    let models = demo
        .exhibits
        .iter()
        .filter(|e| e.kind == ExhibitKind::Model)
        .count();
    assert!(
        artworks >= 40 && models >= 10,
        "{artworks} artworks, {models} sculptures"
    );
    for exhibit in &demo.exhibits {
        let label = &exhibit.metadata;
        let fields = [
            &label.title,
            &label.artist,
            &label.date,
            &label.medium,
            &label.dimensions,
            &label.accession_number,
            &label.credit_line,
            &label.rights,
            &label.description,
        ];
        assert!(
            fields
                .iter()
                .all(|f| f.as_ref().is_some_and(|t| !t.trim().is_empty())),
            "{}: {label:?}",
            exhibit.id
        );
        let languages: Vec<&str> = exhibit.metadata.translations.keys().map(String::as_str).collect();
        assert_eq!(languages, ["de", "fr", "zh-CN"], "{}", exhibit.id);
        let zh = &exhibit.metadata.translations["zh-CN"];
        for (field, value) in [
            ("title", &zh.title),
            ("artist", &zh.artist),
            ("date", &zh.date),
            ("medium", &zh.medium),
            ("credit_line", &zh.credit_line),
            ("rights", &zh.rights),
            ("description", &zh.description),
        ] {
            let value = value.as_deref().unwrap_or_default();
            assert!(is_chinese(value), "{} zh-CN {field}: {value:?}", exhibit.id);
        }
        assert!(exhibit.room.is_some(), "{}", exhibit.id);
    }
    let accessions: std::collections::BTreeSet<_> = demo
        .exhibits
        .iter()
        .map(|e| e.metadata.accession_number.clone())
        .collect();
    assert_eq!(accessions.len(), demo.exhibits.len(), "accession numbers repeat");
}

#[test]
fn every_work_has_its_gallery_light_and_the_tour_visits_every_room() {
    let (_, demo) = small_demo();
    let spots = demo
        .scene
        .lights
        .iter()
        .filter(|l| matches!(l.kind, LightKind::Spot { .. }))
        .count();
    assert!(
        spots >= demo.exhibits.len(),
        "{spots} spot lights for {} exhibits",
        demo.exhibits.len()
    );
    assert_eq!(demo.tours.len(), 1);
    let tour = &demo.tours[0];
    assert!(tour.stops.len() >= 8, "{} stops", tour.stops.len());
    let rooms: std::collections::BTreeSet<&str> = tour
        .stops
        .iter()
        .filter_map(|s| s.exhibit)
        .filter_map(|index| demo.exhibits.get(index))
        .filter_map(|e| e.room.as_deref())
        .collect();
    assert_eq!(
        rooms.into_iter().collect::<Vec<_>>(),
        ["atrium", "corridor", "gallery", "hall"]
    );
    assert!(tour.stops.iter().all(|s| s.caption.is_some()));
    for (i, stop) in tour.stops.iter().enumerate() {
        let zh = stop.caption_translations.get("zh-CN").map_or("", String::as_str);
        assert!(
            is_chinese(zh),
            "stop {i}: {:?} has no Chinese caption",
            stop.caption
        );
    }
    // Chinese is offered first after the main text, which is English.
    assert_eq!(demo.language.as_deref(), Some("en"));
    assert_eq!(demo.languages, ["en", "zh-CN", "fr", "de"]);
    assert_eq!(demo.spawns.first().map(|s| s.id.as_str()), Some("entrance"));
}

#[test]
fn sculptures_are_glb_files_other_tools_can_open() {
    let (dir, _) = small_demo();
    let collection = catalogue(demo::DEMO_SEED);
    for (index, spec) in collection.sculptures.iter().enumerate() {
        let path = dir.path().join(demo::sculpture_file(index));
        let imported = gltf::import(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let triangles: usize = spec.mesh().primitives.iter().map(|p| p.triangle_count()).sum();
        assert_eq!(
            imported.scene.stats().triangles as usize,
            triangles,
            "{}",
            path.display()
        );
        assert_eq!(imported.scene.materials.len(), 1, "{}", path.display());
        let node = imported
            .scene
            .nodes()
            .find(|(_, n)| n.mesh.is_some())
            .map(|(_, n)| n.name.clone());
        assert_eq!(node, Some(Some(spec.info.title.clone())), "{}", path.display());
    }
}

#[test]
fn the_bundled_demo_is_what_the_generator_writes() {
    let (dir, _) = small_demo();
    let bundled = museion_testkit::workspace_root().join("assets/demo");
    let read =
        |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        read(&bundled.join(demo::VENUE_FILE)),
        read(&dir.path().join(demo::VENUE_FILE)),
        "assets/demo/venue.toml is out of date: run `museion demo --out assets/demo`"
    );
    let canonical = |path: PathBuf| path.canonicalize().unwrap_or(path);
    assert_eq!(
        demo::bundled_venue().map(canonical),
        Some(canonical(bundled.join(demo::VENUE_FILE)))
    );
    // The sculptures and the guide do not depend on the painting size: byte for byte
    // the same.
    let files = [0, 11]
        .map(demo::sculpture_file)
        .into_iter()
        .chain([demo::KINETIC_FILE, demo::GUIDE_FILE].map(String::from));
    for file in files {
        let same = std::fs::read(bundled.join(&file)).ok() == std::fs::read(dir.path().join(&file)).ok();
        assert!(same, "assets/demo/{file} differs from what the generator writes");
    }
    // Every bundled painting decodes at the demo's full size.
    let long_side = DemoOptions::default().long_side_px;
    for index in 0..44 {
        let path = bundled.join(demo::painting_file(index));
        let (w, h) = image::image_dimensions(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(w.max(h), long_side, "{}", path.display());
    }
}

#[test]
fn the_kinetic_sculpture_loops_its_turn_and_the_guide_walks_the_tour() {
    let (_, demo) = small_demo();
    assert_eq!(demo.animations.len(), 1);
    let looped = &demo.animations[0];
    assert_eq!(demo.exhibits[looped.exhibit].id, demo::KINETIC_ID);
    let turn = &demo.scene.animations[looped.animation];
    assert_eq!(turn.name.as_deref(), Some("turn"));
    assert!(
        turn.channels
            .iter()
            .any(|c| c.property == AnimationProperty::MorphWeights)
    );
    let guide = demo.guide.as_ref().expect("the demo has a guide");
    let clip = |i: usize| demo.scene.animations[i].name.as_deref();
    assert_eq!((clip(guide.walk), clip(guide.idle)), (Some("walk"), Some("idle")));
    // The figure's own stride and cycle, read from its extras: a walk at the tour's pace.
    assert_eq!((guide.stride, guide.cycle), (WALK_STRIDE, WALK_CYCLE));
    assert!((guide.speed - venue::WALKING_PACE).abs() < 1e-6);
    let tour = &demo.tours[0];
    assert_eq!(
        (guide.tour.as_str(), guide.stands.len()),
        (tour.id.as_str(), tour.stops.len())
    );
    // It stands on the floor of the room of each stop's work, inside it.
    for (stop, stand) in tour.stops.iter().zip(&guide.stands) {
        let Some(exhibit) = stop.exhibit else { continue };
        let room = demo.exhibits[exhibit].room.as_deref();
        let room = demo
            .rooms
            .iter()
            .find(|r| Some(r.id.as_str()) == room)
            .expect("its room");
        assert!((stand.y - room.elevation).abs() < 1e-4, "{stand} in {}", room.id);
        assert!(inside(&room.floor, stand.xz()), "{stand} outside {}", room.id);
    }
    // Along the whole tour it keeps near the visitor and never leaves the building.
    let path = TourPath::new(tour).expect("a path");
    let walk = guide.walk_along(&path);
    let mut t = 0.0;
    while t < path.duration() {
        let (camera, state) = (path.sample(t), walk.state(t));
        let at = state.transform.translation;
        let away = (at - camera.eye).xz().length();
        assert!(away < 6.0, "at {t} s the guide is {away} m from the visitor");
        assert!(
            demo.rooms.iter().any(|r| inside(&r.floor, at.xz())),
            "at {t} s the guide is outside at {at}"
        );
        t += 0.25;
    }
}

/// Whether `p` lies inside the polygon `floor` (even-odd rule).
fn inside(floor: &[Vec2], p: Vec2) -> bool {
    let mut odd = false;
    for (i, a) in floor.iter().enumerate() {
        let b = floor[(i + 1) % floor.len()];
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
            odd = !odd;
        }
    }
    odd
}

#[test]
fn the_guide_and_the_kinetic_sculpture_are_glb_files_with_their_clips() {
    let (dir, _) = small_demo();
    let guide = gltf::import(dir.path().join(demo::GUIDE_FILE))
        .expect("the guide imports")
        .scene;
    assert_eq!(guide.skins.len(), 1);
    assert_eq!(guide.skins[0].joints.len(), 15);
    let names: Vec<_> = guide.animations.iter().map(|a| a.name.as_deref()).collect();
    assert_eq!(names, [Some("walk"), Some("idle")]);
    let body = guide
        .meshes
        .iter()
        .flat_map(|m| &m.primitives)
        .find(|p| p.is_skinned())
        .expect("a skinned body");
    assert!(
        body.weights
            .as_ref()
            .is_some_and(|w| w.iter().all(|w| (w.element_sum() - 1.0).abs() < 1e-3))
    );
    let kinetic = gltf::import(dir.path().join(demo::KINETIC_FILE))
        .expect("the sculpture imports")
        .scene;
    assert!(
        kinetic
            .meshes
            .iter()
            .flat_map(|m| &m.primitives)
            .any(|p| p.morph_targets.len() == 2)
    );
    assert_eq!(
        kinetic.animations.first().and_then(|a| a.name.as_deref()),
        Some("turn")
    );
}

#[test]
fn impossible_options_are_errors_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for options in [
        DemoOptions {
            long_side_px: 4,
            ..DemoOptions::default()
        },
        DemoOptions {
            jpeg_quality: 0,
            ..DemoOptions::default()
        },
    ] {
        let error = demo::write_demo(dir.path(), &options, |_| {}).expect_err("refused");
        assert!(matches!(error, demo::DemoError::Options(_)), "{error}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0);
    // On the command line: one error line and exit 2, as for the parser's own errors.
    let out = dir.path().join("demo");
    for option in [["--painting-size", "0"], ["--quality", "0"]] {
        let output = crate::support::museion(&[
            "demo",
            "--out",
            out.to_str().expect("UTF-8"),
            option[0],
            option[1],
        ]);
        let errors = crate::support::error_lines(&output);
        assert_eq!(output.status.code(), Some(2), "{option:?}: {errors:?}");
        assert_eq!(errors.len(), 1, "{option:?}: {errors:?}");
        assert!(!out.exists(), "{option:?}: nothing is written");
    }
}
