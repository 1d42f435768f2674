//! Words the metadata is made of, in English, French and German: colour names, the
//! names of finishes, invented places, and a few grammatical helpers.

use super::super::color::Hsl;
use super::super::sculpt::Finish;
use super::super::{Rng, pick};

/// A phrase in the three languages of the labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Tri {
    pub en: String,
    pub fr: String,
    pub de: String,
}

impl Tri {
    /// A phrase from its three translations.
    pub fn new(en: impl Into<String>, fr: impl Into<String>, de: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            fr: fr.into(),
            de: de.into(),
        }
    }

    /// The same words in every language (a name, a number).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Self::new(text.clone(), text.clone(), text)
    }
}

/// A name in English, French and German.
type Names = (&'static str, &'static str, &'static str);

/// Colour names by hue band (degrees from, to) and then dark, middle and light:
/// `(English, French, German)` nouns.
const HUES: [(f32, f32, [Names; 3]); 11] = [
    (
        -15.0,
        15.0,
        [
            ("maroon", "bordeaux", "Bordeauxrot"),
            ("crimson", "cramoisi", "Karmesin"),
            ("rose", "rose", "Rosa"),
        ],
    ),
    (
        15.0,
        40.0,
        [
            ("umber", "terre d'ombre", "Umbra"),
            ("orange", "orange", "Orange"),
            ("apricot", "abricot", "Apricot"),
        ],
    ),
    (
        40.0,
        65.0,
        [
            ("ochre", "ocre", "Ocker"),
            ("cadmium yellow", "jaune de cadmium", "Kadmiumgelb"),
            ("lemon", "jaune citron", "Zitronengelb"),
        ],
    ),
    (
        65.0,
        95.0,
        [
            ("olive", "olive", "Oliv"),
            ("yellow green", "vert-jaune", "Gelbgrün"),
            ("pale green", "vert pâle", "Blassgrün"),
        ],
    ),
    (
        95.0,
        160.0,
        [
            ("forest green", "vert forêt", "Waldgrün"),
            ("green", "vert", "Grün"),
            ("sage", "vert sauge", "Salbeigrün"),
        ],
    ),
    (
        160.0,
        195.0,
        [
            ("teal", "bleu canard", "Petrol"),
            ("turquoise", "turquoise", "Türkis"),
            ("aqua", "bleu d'eau", "Wasserblau"),
        ],
    ),
    (
        195.0,
        235.0,
        [
            ("Prussian blue", "bleu de Prusse", "Preußischblau"),
            ("cerulean", "bleu céruléen", "Coelinblau"),
            ("sky blue", "bleu ciel", "Himmelblau"),
        ],
    ),
    (
        235.0,
        265.0,
        [
            ("indigo", "indigo", "Indigo"),
            ("ultramarine", "outremer", "Ultramarin"),
            ("lavender", "lavande", "Lavendel"),
        ],
    ),
    (
        265.0,
        300.0,
        [
            ("aubergine", "aubergine", "Aubergine"),
            ("violet", "violet", "Violett"),
            ("lilac", "lilas", "Flieder"),
        ],
    ),
    (
        300.0,
        345.0,
        [
            ("plum", "prune", "Pflaume"),
            ("magenta", "magenta", "Magenta"),
            ("pink", "rose pâle", "Hellrosa"),
        ],
    ),
    (
        345.0,
        375.0,
        [
            ("maroon", "bordeaux", "Bordeauxrot"),
            ("crimson", "cramoisi", "Karmesin"),
            ("rose", "rose", "Rosa"),
        ],
    ),
];

/// The name of a colour, as a painter would give it.
pub(super) fn colour_name(c: Hsl) -> Tri {
    let named = |(en, fr, de): (&str, &str, &str)| Tri::new(en, fr, de);
    if c.l < 0.1 {
        return named(("black", "noir", "Schwarz"));
    }
    if c.l > 0.88 {
        return named(("ivory", "ivoire", "Elfenbein"));
    }
    if c.s < 0.18 {
        return named(match c.l {
            l if l < 0.4 => ("charcoal", "gris anthracite", "Anthrazit"),
            l if l < 0.7 => ("grey", "gris", "Grau"),
            _ => ("pale grey", "gris clair", "Hellgrau"),
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

/// The finish as a material after "in" / "en" / "aus" (German in the dative).
pub(super) fn finish_words(finish: Finish) -> Tri {
    let (en, fr, de) = match finish {
        Finish::Bronze => ("bronze", "bronze", "Bronze"),
        Finish::Marble => ("white marble", "marbre blanc", "weißem Marmor"),
        Finish::PatinatedCopper => (
            "copper with a green patina",
            "cuivre patiné vert",
            "grün patiniertem Kupfer",
        ),
        Finish::PolishedSteel => ("polished steel", "acier poli", "poliertem Stahl"),
        Finish::Terracotta => ("terracotta", "terre cuite", "Terrakotta"),
        Finish::Granite => ("black granite", "granit noir", "schwarzem Granit"),
        Finish::Gilded => ("gilded bronze", "bronze doré", "vergoldeter Bronze"),
    };
    Tri::new(en, fr, de)
}

/// The medium line of a label for a finish.
pub(super) fn finish_medium(finish: Finish) -> &'static str {
    match finish {
        Finish::Bronze => "Bronze, lost-wax cast, patinated and waxed",
        Finish::Marble => "White marble, honed",
        Finish::PatinatedCopper => "Copper with verdigris patina",
        Finish::PolishedSteel => "Stainless steel, mirror polished",
        Finish::Terracotta => "Terracotta, burnished",
        Finish::Granite => "Black granite, polished",
        Finish::Gilded => "Bronze, gilded with gold leaf",
    }
}

/// Beginnings, middles and ends of invented words: put together they read as names from
/// no particular country, and name nobody.
const ONSETS: [&str; 20] = [
    "Bel", "Cor", "Dal", "Fen", "Gar", "Hol", "Ker", "Lor", "Mar", "Nor", "Ost", "Pel", "Quin", "Ros", "Sel",
    "Tor", "Val", "Wen", "Ys", "Zar",
];
const MIDDLES: [&str; 8] = ["a", "e", "i", "o", "an", "en", "ar", "il"];
const ENDINGS: [&str; 16] = [
    "vik", "dor", "mann", "lund", "ska", "tti", "ez", "ova", "sen", "ard", "berg", "mont", "ren", "holm",
    "ier", "ac",
];
const FIRST: [&str; 20] = [
    "A", "E", "I", "O", "Ma", "Le", "Ri", "Sa", "To", "Ve", "Ka", "Lu", "Ne", "Da", "Fe", "Jo", "Mi", "Ra",
    "Te", "Zo",
];
const FIRST_END: [&str; 15] = [
    "na", "lia", "ro", "mir", "lo", "nia", "ren", "ta", "vin", "sa", "lan", "rik", "ena", "do", "mea",
];

/// An invented family name or place name.
pub(super) fn invented_name(rng: &mut Rng) -> String {
    let mut name = String::from(*pick(rng, &ONSETS));
    if rng.next_f32() < 0.6 {
        name.push_str(pick::<&str>(rng, &MIDDLES));
    }
    name.push_str(pick::<&str>(rng, &ENDINGS));
    name
}

/// An invented given name.
pub(super) fn given_name(rng: &mut Rng) -> String {
    format!("{}{}", pick(rng, &FIRST), pick(rng, &FIRST_END))
}

/// A number in Roman numerals (1 to 3999; others in digits).
pub(super) fn roman(mut n: u32) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in table {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_get_the_names_painters_use() {
        assert_eq!(colour_name(Hsl::new(0.0, 0.8, 0.45)).en, "crimson");
        assert_eq!(colour_name(Hsl::new(358.0, 0.8, 0.45)).de, "Karmesin");
        assert_eq!(colour_name(Hsl::new(240.0, 0.7, 0.4)).fr, "outremer");
        assert_eq!(colour_name(Hsl::new(50.0, 0.6, 0.2)).en, "ochre");
        assert_eq!(colour_name(Hsl::new(120.0, 0.05, 0.5)).en, "grey");
        assert_eq!(colour_name(Hsl::new(120.0, 0.5, 0.95)).en, "ivory");
        assert_eq!(de("ocre"), "d'ocre");
        assert_eq!(de("cramoisi"), "de cramoisi");
        assert_eq!(capital("cerulean"), "Cerulean");
        assert_eq!(title_case("cadmium yellow"), "Cadmium Yellow");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(4), "IV");
    }
}
