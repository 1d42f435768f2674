//! Words the metadata is made of, in English, French, German and Simplified Chinese:
//! colour names, the names of finishes, and a few grammatical helpers.

use super::super::color::Hsl;
use super::super::sculpt::Finish;

/// A phrase in the four languages of the labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Phrase {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
    /// German.
    pub de: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl Phrase {
    /// A phrase from its four translations.
    pub fn new(
        en: impl Into<String>,
        fr: impl Into<String>,
        de: impl Into<String>,
        zh: impl Into<String>,
    ) -> Self {
        Self {
            en: en.into(),
            fr: fr.into(),
            de: de.into(),
            zh: zh.into(),
        }
    }
}

/// A name in English, French, German and Chinese.
type Names = (&'static str, &'static str, &'static str, &'static str);

/// Colour names by hue band (degrees from, to) and then dark, middle and light:
/// `(English, French, German, Chinese)` nouns.
const HUES: [(f32, f32, [Names; 3]); 11] = [
    (
        -15.0,
        15.0,
        [
            ("maroon", "bordeaux", "Bordeauxrot", "栗红"),
            ("crimson", "cramoisi", "Karmesin", "绯红"),
            ("rose", "rose", "Rosa", "玫瑰红"),
        ],
    ),
    (
        15.0,
        40.0,
        [
            ("umber", "terre d'ombre", "Umbra", "赭褐"),
            ("orange", "orange", "Orange", "橙色"),
            ("apricot", "abricot", "Apricot", "杏黄"),
        ],
    ),
    (
        40.0,
        65.0,
        [
            ("ochre", "ocre", "Ocker", "赭黄"),
            ("cadmium yellow", "jaune de cadmium", "Kadmiumgelb", "镉黄"),
            ("lemon", "jaune citron", "Zitronengelb", "柠檬黄"),
        ],
    ),
    (
        65.0,
        95.0,
        [
            ("olive", "olive", "Oliv", "橄榄绿"),
            ("yellow green", "vert-jaune", "Gelbgrün", "黄绿"),
            ("pale green", "vert pâle", "Blassgrün", "淡绿"),
        ],
    ),
    (
        95.0,
        160.0,
        [
            ("forest green", "vert forêt", "Waldgrün", "墨绿"),
            ("green", "vert", "Grün", "绿色"),
            ("sage", "vert sauge", "Salbeigrün", "灰绿"),
        ],
    ),
    (
        160.0,
        195.0,
        [
            ("teal", "bleu canard", "Petrol", "蓝绿"),
            ("turquoise", "turquoise", "Türkis", "绿松石色"),
            ("aqua", "bleu d'eau", "Wasserblau", "水蓝"),
        ],
    ),
    (
        195.0,
        235.0,
        [
            ("Prussian blue", "bleu de Prusse", "Preußischblau", "普鲁士蓝"),
            ("cerulean", "bleu céruléen", "Coelinblau", "天青"),
            ("sky blue", "bleu ciel", "Himmelblau", "天蓝"),
        ],
    ),
    (
        235.0,
        265.0,
        [
            ("indigo", "indigo", "Indigo", "靛蓝"),
            ("ultramarine", "outremer", "Ultramarin", "群青"),
            ("lavender", "lavande", "Lavendel", "薰衣草紫"),
        ],
    ),
    (
        265.0,
        300.0,
        [
            ("aubergine", "aubergine", "Aubergine", "茄紫"),
            ("violet", "violet", "Violett", "紫罗兰色"),
            ("lilac", "lilas", "Flieder", "丁香紫"),
        ],
    ),
    (
        300.0,
        345.0,
        [
            ("plum", "prune", "Pflaume", "梅紫"),
            ("magenta", "magenta", "Magenta", "品红"),
            ("pink", "rose pâle", "Hellrosa", "粉红"),
        ],
    ),
    (
        345.0,
        375.0,
        [
            ("maroon", "bordeaux", "Bordeauxrot", "栗红"),
            ("crimson", "cramoisi", "Karmesin", "绯红"),
            ("rose", "rose", "Rosa", "玫瑰红"),
        ],
    ),
];

/// The name of a colour, as a painter would give it.
pub(super) fn colour_name(c: Hsl) -> Phrase {
    let named = |(en, fr, de, zh): Names| Phrase::new(en, fr, de, zh);
    if c.l < 0.1 {
        return named(("black", "noir", "Schwarz", "黑色"));
    }
    if c.l > 0.88 {
        return named(("ivory", "ivoire", "Elfenbein", "象牙白"));
    }
    if c.s < 0.18 {
        return named(match c.l {
            l if l < 0.4 => ("charcoal", "gris anthracite", "Anthrazit", "炭灰"),
            l if l < 0.7 => ("grey", "gris", "Grau", "灰色"),
            _ => ("pale grey", "gris clair", "Hellgrau", "浅灰"),
        });
    }
    let band = HUES
        .iter()
        .find(|(from, to, _)| (*from..*to).contains(&c.h) || (*from..*to).contains(&(c.h - 360.0)))
        .map_or(HUES[0].2, |(_, _, names)| *names);
    named(
        band[if c.l < 0.3 {
            0
        } else if c.l < 0.62 {
            1
        } else {
            2
        }],
    )
}

/// The first letter in upper case (English title case for colour names).
pub(super) fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Every word with a capital first letter (English titles): "Prussian Blue".
pub(super) fn title_case(phrase: &str) -> String {
    phrase.split(' ').map(capital).collect::<Vec<_>>().join(" ")
}

/// French "de" before a noun, elided before a vowel: "de cramoisi", "d'ocre".
pub(super) fn de(word: &str) -> String {
    let elide = word.chars().next().is_some_and(|c| "aeiouhéèêAEIOUH".contains(c));
    if elide {
        format!("d'{word}")
    } else {
        format!("de {word}")
    }
}

/// The finish as a material after "in" / "en" / "aus" (German in the dative), and in
/// Chinese before the noun it makes ("青铜器皿").
pub(super) fn finish_words(finish: Finish) -> Phrase {
    let (en, fr, de, zh) = match finish {
        Finish::Bronze => ("bronze", "bronze", "Bronze", "青铜"),
        Finish::Marble => ("white marble", "marbre blanc", "weißem Marmor", "白色大理石"),
        Finish::PatinatedCopper => (
            "copper with a green patina",
            "cuivre patiné vert",
            "grün patiniertem Kupfer",
            "带绿色铜锈的铜",
        ),
        Finish::PolishedSteel => ("polished steel", "acier poli", "poliertem Stahl", "抛光钢"),
        Finish::Terracotta => ("terracotta", "terre cuite", "Terrakotta", "赤陶"),
        Finish::Granite => ("black granite", "granit noir", "schwarzem Granit", "黑色花岗岩"),
        Finish::Gilded => ("gilded bronze", "bronze doré", "vergoldeter Bronze", "鎏金青铜"),
    };
    Phrase::new(en, fr, de, zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_get_the_names_painters_use() {
        assert_eq!(colour_name(Hsl::new(0.0, 0.8, 0.45)).en, "crimson");
        assert_eq!(colour_name(Hsl::new(358.0, 0.8, 0.45)).de, "Karmesin");
        assert_eq!(colour_name(Hsl::new(240.0, 0.7, 0.4)).fr, "outremer");
        assert_eq!(colour_name(Hsl::new(240.0, 0.7, 0.4)).zh, "群青");
        assert_eq!(colour_name(Hsl::new(50.0, 0.6, 0.2)).en, "ochre");
        assert_eq!(colour_name(Hsl::new(50.0, 0.6, 0.2)).zh, "赭黄");
        assert_eq!(colour_name(Hsl::new(120.0, 0.05, 0.5)).en, "grey");
        assert_eq!(colour_name(Hsl::new(120.0, 0.5, 0.95)).en, "ivory");
        assert_eq!(de("ocre"), "d'ocre");
        assert_eq!(de("cramoisi"), "de cramoisi");
        assert_eq!(capital("cerulean"), "Cerulean");
        assert_eq!(title_case("cadmium yellow"), "Cadmium Yellow");
    }
}
