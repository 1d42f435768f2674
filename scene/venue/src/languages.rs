//! The languages a venue is read in: the main text's, then its translations', in the
//! order the venue asks for.

use super::compiled::{Exhibit, Tour};
use std::collections::BTreeSet;

/// Every language code a translation in `exhibits` or `tours` is written in, sorted.
pub fn translation_codes(exhibits: &[Exhibit], tours: &[Tour]) -> BTreeSet<String> {
    let labels = exhibits.iter().flat_map(|e| e.metadata.translations.keys());
    let captions = tours
        .iter()
        .flat_map(|t| &t.stops)
        .flat_map(|s| s.caption_translations.keys());
    labels.chain(captions).cloned().collect()
}

/// The order a visitor reads a venue in. `main` is the main text's code (when named),
/// `asked` the venue's own order (when given), `available` the translations' codes.
/// Without an order: the main text, then the translations in code order. The main text
/// is `""` when it has no code. Never empty.
pub fn reading_order(
    main: Option<&str>,
    asked: Option<&[String]>,
    available: &BTreeSet<String>,
) -> Vec<String> {
    let main = main.unwrap_or("").to_string();
    let mut order: Vec<String> = match asked {
        Some(asked) if !asked.is_empty() => asked.to_vec(),
        _ => std::iter::once(main.clone())
            .chain(available.iter().filter(|c| **c != main).cloned())
            .collect(),
    };
    // The main text can always be read, even when an order leaves it out.
    if !order.contains(&main) {
        order.push(main);
    }
    let mut seen = BTreeSet::new();
    order.retain(|code| seen.insert(code.clone()));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn without_an_order_the_main_text_comes_first_then_the_translations() {
        let available = codes(&["fr", "zh-CN", "de"]);
        assert_eq!(reading_order(None, None, &available), ["", "de", "fr", "zh-CN"]);
        assert_eq!(
            reading_order(Some("en"), None, &available),
            ["en", "de", "fr", "zh-CN"]
        );
        assert_eq!(reading_order(None, None, &BTreeSet::new()), [""]);
    }

    #[test]
    fn an_order_is_kept_and_the_main_text_is_never_lost() {
        let available = codes(&["fr", "zh-CN"]);
        let asked = ["zh-CN".to_string(), "en".to_string(), "zh-CN".to_string()];
        assert_eq!(
            reading_order(Some("en"), Some(&asked), &available),
            ["zh-CN", "en"]
        );
        let asked = ["fr".to_string()];
        assert_eq!(reading_order(Some("en"), Some(&asked), &available), ["fr", "en"]);
        assert_eq!(reading_order(None, Some(&asked), &available), ["fr", ""]);
    }
}
