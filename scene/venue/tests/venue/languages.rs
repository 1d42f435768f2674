//! `[venue] language`, `languages` and `fonts`, and captions in other languages: the
//! order a visitor reads in, and the files text is drawn with.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::venue as common;
use museion_venue::{self as venue, VenueError};
use std::path::{Path, PathBuf};

/// A room with one labelled painting translated into French and Chinese, and a tour
/// whose caption is translated into Chinese; `settings` goes into `[venue]`.
fn venue_text(settings: &str) -> String {
    format!(
        r#"[venue]
{settings}

[[rooms]]
id = "hall"
floor = [[0, 0], [6, 0], [6, 5], [0, 5]]

[[artworks]]
id = "harbour"
room = "hall"
wall = 0
offset = 3
width = 1
image = "art.png"

[artworks.metadata]
title = "Harbour"
[artworks.metadata.translations.fr]
title = "Port"
[artworks.metadata.translations.zh-CN]
title = "港口"

[[tours]]
id = "main"
[[tours.stops]]
exhibit = "harbour"
caption = "The harbour"
translations = {{ zh-CN = "港口，清晨" }}
"#
    )
}

fn write(dir: &Path, text: &str) -> PathBuf {
    common::write_png(&dir.join("art.png"), 200, 100);
    let path = dir.join("venue.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_reading_order_is_the_venues_or_the_main_text_then_the_translations() {
    let dir = tempfile::tempdir().unwrap();
    let compiled = venue::load(write(dir.path(), &venue_text(""))).unwrap();
    assert_eq!(compiled.languages, ["", "fr", "zh-CN"]);
    assert_eq!(compiled.language, None);

    let text = venue_text("language = \"en\"\nlanguages = [\"zh-CN\", \"en\"]");
    let compiled = venue::load(write(dir.path(), &text)).unwrap();
    assert_eq!(compiled.languages, ["zh-CN", "en"]);
    assert_eq!(compiled.language.as_deref(), Some("en"));
    assert!(
        compiled.report.warnings.is_empty(),
        "{:?}",
        compiled.report.warnings
    );
    let stop = &compiled.tours[0].stops[0];
    assert_eq!(stop.caption_in("zh-CN"), Some("港口，清晨"));
    assert_eq!(stop.caption_in("en"), Some("The harbour"));
    assert_eq!(stop.caption_in("fr"), Some("The harbour"));
}

#[test]
fn a_language_nothing_is_translated_into_is_a_warning_and_a_bad_code_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = venue_text("languages = [\"ja\", \"zh-CN\"]");
    let compiled = venue::load(write(dir.path(), &text)).unwrap();
    assert_eq!(compiled.languages, ["ja", "zh-CN", ""]);
    assert!(
        compiled.report.warnings.iter().any(|w| w.contains("\"ja\"")),
        "{:?}",
        compiled.report.warnings
    );

    let text = venue_text("language = \"en english\"");
    let error = venue::load(write(dir.path(), &text)).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("is not a language code"), "{message}");
    assert!(message.contains("venue.toml:2:"), "{message}");
}

#[test]
fn fonts_are_files_in_the_venues_folder_and_reload_it() {
    let dir = tempfile::tempdir().unwrap();
    let museum = dir.path().join("museum");
    std::fs::create_dir_all(museum.join("fonts")).unwrap();
    std::fs::write(museum.join("fonts/house.ttf"), b"font bytes").unwrap();
    std::fs::write(dir.path().join("outside.ttf"), b"font bytes").unwrap();

    let path = write(&museum, &venue_text("fonts = [\"fonts/house.ttf\"]"));
    let compiled = venue::load(&path).unwrap();
    assert_eq!(compiled.fonts.len(), 1);
    assert!(compiled.fonts[0].ends_with("fonts/house.ttf"));
    assert!(compiled.dependencies.contains(&compiled.fonts[0]));

    for (font, expected) in [
        ("../outside.ttf", "outside the folders"),
        ("fonts/missing.ttf", "not found"),
        ("art.png", "not a .ttf, .otf or .ttc file"),
    ] {
        let path = write(&museum, &venue_text(&format!("fonts = [{font:?}]")));
        let error: VenueError = venue::load(&path).unwrap_err();
        assert!(error.to_string().contains(expected), "{font}: {error}");
    }
}
