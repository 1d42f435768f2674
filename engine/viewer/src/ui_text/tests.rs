use super::*;
use std::collections::BTreeSet;

/// The viewer's sources (where keys are used), without this module.
fn sources() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut text = String::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.map(|e| e.path()).unwrap_or_default();
            if path.is_dir() && !path.ends_with("ui_text") {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                text += &std::fs::read_to_string(&path).unwrap_or_default();
            }
        }
    }
    text
}

#[test]
fn both_tables_parse_and_have_the_same_keys() {
    for (code, text) in TABLES {
        let parsed: Result<BTreeMap<String, String>, _> = toml::from_str(text);
        assert!(parsed.is_ok(), "{code}: {parsed:?}");
    }
    let english: BTreeSet<_> = table("en").into_keys().collect();
    let chinese: BTreeSet<_> = table("zh-CN").into_keys().collect();
    assert!(english.len() > 20, "{english:?}");
    assert_eq!(
        english.symmetric_difference(&chinese).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "keys in one table only"
    );
    // Every placeholder of the English words is in the Chinese ones.
    let zh = table("zh-CN");
    for (key, words) in table("en") {
        for name in words.split('{').skip(1).filter_map(|s| s.split('}').next()) {
            assert!(zh[&key].contains(&format!("{{{name}}}")), "{key}: {{{name}}}");
        }
    }
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let sources = sources();
    let english = table("en");
    for key in english.keys() {
        assert!(sources.contains(&format!("\"{key}\"")), "{key} is not used");
    }
    // Keys are passed to get/fill (or kept in lists) as string literals with a dot.
    for used in sources.split('"').skip(1).step_by(2) {
        let looks_like_key = [
            "panel.", "mode.", "stats.", "help.", "tour.", "notice.", "reload.", "fonts.", "lux.", "edit.",
        ]
        .iter()
        .any(|prefix| used.starts_with(prefix))
            && !used.contains(' ');
        if looks_like_key {
            assert!(english.contains_key(used), "\"{used}\" is used but in no table");
        }
    }
}

#[test]
fn locales_pick_a_table_and_missing_words_fall_back_to_english() {
    assert_eq!(UiText::new("zh_CN.UTF-8").map(|t| t.code()).ok(), Some("zh-CN"));
    assert_eq!(UiText::new("zh-Hans").map(|t| t.code()).ok(), Some("zh-CN"));
    assert_eq!(UiText::new("en_GB.UTF-8").map(|t| t.code()).ok(), Some("en"));
    assert_eq!(UiText::new("C").map(|t| t.code()).ok(), Some("en"));
    let error = UiText::new("fr").map(|t| t.code()).unwrap_err();
    assert!(error.to_string().contains("en, zh-CN"), "{error}");

    let zh = UiText::new("zh-CN").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(zh.get("panel.artist"), "艺术家");
    assert_eq!(zh.fill("notice.walking_off", &[("error", "x")]), "无法行走：x");
    assert_eq!(zh.get("no.such.key"), "no.such.key");
    let mut partial = zh.clone();
    partial.words.remove("panel.artist");
    assert_eq!(partial.get("panel.artist"), "Artist");
}
