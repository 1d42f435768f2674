//! The Chinese labels of the whole demo collection: every translated field is Chinese
//! (no English left over), and the same seed writes the same words.

use super::{ArtworkInfo, LabelTranslation, ZH_CN, painting_info, sculpture_info};
use crate::catalogue;

/// Whether `text` is Chinese: at least one CJK ideograph, and no Latin letters but the
/// project's name and its licence.
fn is_chinese(text: &str) -> bool {
    let ideograph = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let rest = text.replace("Museion", "").replace("CC0", "");
    ideograph && !rest.chars().any(|c| c.is_ascii_alphabetic())
}

fn chinese(info: &ArtworkInfo) -> &LabelTranslation {
    info.translations
        .get(ZH_CN)
        .unwrap_or_else(|| panic!("{}: no Chinese label", info.accession))
}

#[test]
fn every_work_has_a_chinese_label() {
    let collection = catalogue(2026);
    let infos = collection
        .paintings
        .iter()
        .map(|p| &p.info)
        .chain(collection.sculptures.iter().map(|s| &s.info));
    let mut titles = std::collections::BTreeSet::new();
    for info in infos {
        let zh = chinese(info);
        for (field, value) in [
            ("title", &zh.title),
            ("artist", &zh.artist),
            ("date", &zh.date),
            ("medium", &zh.medium),
            ("credit", &zh.credit),
            ("rights", &zh.rights),
            ("description", &zh.description),
        ] {
            let value = value.as_deref().unwrap_or_default();
            assert!(is_chinese(value), "{} {field}: {value:?}", info.accession);
        }
        let title = zh.title.clone().unwrap_or_default();
        assert!(titles.insert(title.clone()), "{}: {title} twice", info.accession);
        // The label text names the artist as the artist line does.
        let artist = zh.artist.as_deref().unwrap_or_default();
        let name = artist.split('（').next().unwrap_or_default();
        let description = zh.description.as_deref().unwrap_or_default();
        assert!(description.contains(name), "{}: {description}", info.accession);
        assert!(description.ends_with('。'), "{}: {description}", info.accession);
        for language in ["fr", "de"] {
            let translation = &info.translations[language];
            assert!(translation.artist.is_none() && translation.medium.is_none());
        }
    }
}

#[test]
fn chinese_labels_follow_from_the_seed() {
    use crate::{SculptureKind, Style};
    for seed in [1, 7, 2026] {
        for style in Style::ALL {
            let (a, b) = (
                painting_info(style, seed, 800, 600, 3),
                painting_info(style, seed, 800, 600, 3),
            );
            assert_eq!(chinese(&a), chinese(&b));
            assert!(is_chinese(chinese(&a).title.as_deref().unwrap_or_default()));
        }
        for kind in SculptureKind::ALL {
            let zh = sculpture_info(kind, seed, 1).translations[ZH_CN].clone();
            assert_eq!(&zh, chinese(&sculpture_info(kind, seed, 1)));
            assert!(is_chinese(zh.description.as_deref().unwrap_or_default()));
        }
    }
    let info = painting_info(Style::Landscape, 7, 96, 64, 1);
    assert_eq!(
        chinese(&info).credit.as_deref(),
        Some("Museion 演示馆藏，Museion 项目捐赠，2026年")
    );
    assert_eq!(chinese(&info).rights.as_deref(), Some("\u{a9} Museion 项目，CC0"));
    assert!(!is_chinese("Oil on canvas") && !is_chinese("布面 oil") && is_chinese("布面油画"));
}
