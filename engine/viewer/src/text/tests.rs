//! Wrapping, and the fonts the system has for the scripts of the visitors' languages
//! (Debian's fonts-noto-cjk and fonts-noto-core must be installed: `.ci/run` does).

use super::*;
use epaint::text::{FontId, Fonts, TextOptions};

#[test]
fn right_to_left_paragraphs_wrap_at_spaces_within_the_width() {
    // One unit per character.
    let measure = |s: &str| s.chars().count() as f32;
    assert_eq!(wrap("aaa bbb ccc dd", 7.0, &measure), ["aaa bbb", "ccc dd"]);
    assert_eq!(wrap("aaaaaaaaaa b", 4.0, &measure), ["aaaaaaaaaa", "b"]);
    assert_eq!(wrap("", 4.0, &measure), [""]);
}

/// egui's fonts with the system's fonts searched on demand.
fn system_fonts() -> (Fonts, Arc<MissingScripts>) {
    let missing = Arc::new(MissingScripts::default());
    let definitions = definitions(&FontOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let provider: Arc<dyn epaint::text::FontProvider> = Arc::new(SystemFonts::new(true, missing.clone()));
    let fonts = Fonts::new(TextOptions::default(), definitions).with_font_providers(vec![provider]);
    (fonts, missing)
}

fn assert_drawn(missing: &MissingScripts, what: &str) {
    let list = missing.list();
    assert!(
        list.is_empty(),
        "{what}: no font for {list:?}; install Debian's fonts-noto-cjk and fonts-noto-core (apt-get install fonts-noto-cjk fonts-noto-core)"
    );
}

#[test]
fn chinese_japanese_korean_arabic_and_hebrew_find_system_fonts() {
    let (mut fonts, missing) = system_fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    for text in [
        "清明上河图",
        "富嶽三十六景 神奈川沖浪裏",
        "김홍도 씨름",
        "الميناء عند الفجر",
        "שלום עולם",
    ] {
        let galley = view.layout_no_wrap(text.into(), FontId::proportional(14.0), epaint::Color32::WHITE);
        assert!(galley.size().x > 14.0 * 3.0, "{text}: {:?}", galley.size());
        assert_drawn(&missing, text);
    }
    assert!(
        fonts.discovered_fonts().len() >= 2,
        "{:?}",
        fonts.discovered_fonts().len()
    );
}

#[test]
fn chinese_wraps_between_ideographs_not_only_at_spaces() {
    let (mut fonts, missing) = system_fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    // A description without a single space.
    let text = "这幅画描绘了清晨的港口，渔船正驶向远方的灯塔，天空由深蓝渐变为金色。";
    let galley = view.layout(
        text.into(),
        FontId::proportional(14.0),
        epaint::Color32::WHITE,
        120.0,
    );
    assert_drawn(&missing, text);
    assert!(galley.rows.len() >= 4, "{} rows", galley.rows.len());
    for row in &galley.rows {
        assert!(row.rect().width() <= 120.5, "{}", row.rect().width());
    }
    // Closing punctuation never starts a row.
    for row in galley.rows.iter().skip(1) {
        let first = row.glyphs.first().map(|g| g.chr);
        assert!(!matches!(first, Some('，' | '。')), "{first:?}");
    }
}

#[test]
fn without_system_fonts_the_missing_script_and_its_package_are_named() {
    let missing = Arc::new(MissingScripts::default());
    let definitions = definitions(&FontOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let provider: Arc<dyn epaint::text::FontProvider> = Arc::new(SystemFonts::new(false, missing.clone()));
    let mut fonts = Fonts::new(TextOptions::default(), definitions).with_font_providers(vec![provider]);
    let mut view = fonts.with_pixels_per_point(1.0);
    let _ = view.layout_no_wrap(
        "Harbour 港口".into(),
        FontId::proportional(14.0),
        epaint::Color32::WHITE,
    );
    let list = missing.list();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(
        (list[0].script, list[0].package, list[0].example),
        ("Han", "fonts-noto-cjk", '港')
    );
}

#[test]
fn a_named_font_file_is_drawn_with_first_and_a_bad_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.ttf");
    std::fs::write(&bad, b"not a font").unwrap_or_else(|e| panic!("{e}"));
    let options = FontOptions {
        files: vec![bad],
        system: false,
    };
    let error = definitions(&options)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("not a TrueType or OpenType font"), "{error}");
    let missing = FontOptions {
        files: vec![dir.path().join("missing.ttf")],
        system: false,
    };
    assert!(matches!(definitions(&missing), Err(FontError::Read { .. })));

    // A real font (the system's, found by the test) goes first in both families.
    let mut database = fontdb::Database::new();
    database.load_system_fonts();
    let Some(path) = database.faces().find_map(|f| match &f.source {
        fontdb::Source::File(p) if p.extension().is_some_and(|e| e == "ttf") => Some(p.clone()),
        _ => None,
    }) else {
        panic!("no .ttf font on this machine: install fonts-noto-core");
    };
    let options = FontOptions {
        files: vec![path.clone()],
        system: false,
    };
    let definitions = definitions(&options).unwrap_or_else(|e| panic!("{e}"));
    let first = &definitions.families[&epaint::text::FontFamily::Proportional][0];
    assert!(first.contains(&path.display().to_string()), "{first}");
}
