//! Museum metadata for every generated work: title, artist, date, medium, dimensions,
//! accession number, credit line, rights and a label text, with French and German
//! translations of the title and label and a Simplified Chinese translation of the whole
//! label but its dimensions and accession number.

mod describe;
mod describe_zh;
mod kinetic;
mod media;
mod names;
mod names_zh;
mod people;
mod titles;
mod words;

use super::paint::{Style, key_colours};
use super::sculpt::{SculptureKind, finish, sculpt};
use super::{pick, rng};
use media::{Medium, finish_medium, long_side, media};
use std::collections::BTreeMap;

pub use kinetic::kinetic_info;
use words::{Phrase, colour_name, finish_words};

/// The year of the collection's accession numbers.
const ACCESSION_YEAR: u32 = 2026;
/// The credit line of every work.
const CREDIT: &str = "Museion demo collection, gift of the Museion project, 2026";
/// The credit line in Chinese.
const CREDIT_ZH: &str = "Museion 演示馆藏，Museion 项目捐赠，2026年";
/// The rights statement of every work.
const RIGHTS: &str = "\u{a9} Museion project, CC0";
/// The rights statement in Chinese.
const RIGHTS_ZH: &str = "\u{a9} Museion 项目，CC0";

/// The language code of the Chinese translation (Simplified Chinese, as in mainland
/// China).
pub const ZH_CN: &str = "zh-CN";

/// What a museum label and catalogue entry say about a work.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArtworkInfo {
    /// The title, in English.
    pub title: String,
    /// The (invented) artist with life dates: "Sael Corvik (1921–1988)".
    pub artist: String,
    /// When the work was made: a year, or "c. " and a year.
    pub date: String,
    /// What it is made of and how: "Oil on canvas", "Bronze, lost-wax cast, …".
    pub medium: String,
    /// Its size in centimetres: height × width for pictures, height × width × depth for
    /// sculptures.
    pub dimensions: String,
    /// The accession number, unique in the collection: "MUS.2026.014".
    pub accession: String,
    /// The credit line.
    pub credit: String,
    /// The rights statement.
    pub rights: String,
    /// The label text, two or three sentences in English.
    pub description: String,
    /// The label in other languages, by language code: `"fr"` and `"de"` (title and
    /// label text), [`ZH_CN`] (everything but the dimensions and accession number).
    pub translations: BTreeMap<String, LabelTranslation>,
}

/// A label in another language: the fields translated, the others (`None`) read as in
/// the main language.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LabelTranslation {
    /// The title.
    pub title: Option<String>,
    /// The artist with life dates.
    pub artist: Option<String>,
    /// When the work was made.
    pub date: Option<String>,
    /// What it is made of and how.
    pub medium: Option<String>,
    /// The credit line.
    pub credit: Option<String>,
    /// The rights statement.
    pub rights: Option<String>,
    /// The label text.
    pub description: Option<String>,
}

impl ArtworkInfo {
    fn new(
        title: Phrase,
        description: Phrase,
        people: people::Attribution,
        medium: Medium,
        dimensions: String,
        number: u32,
    ) -> Self {
        let title_and_text = |title: String, description: String| LabelTranslation {
            title: Some(title),
            description: Some(description),
            ..LabelTranslation::default()
        };
        let chinese = LabelTranslation {
            title: Some(title.zh),
            artist: Some(people.artist_zh),
            date: Some(people.date_zh),
            medium: Some(medium.1.into()),
            credit: Some(CREDIT_ZH.into()),
            rights: Some(RIGHTS_ZH.into()),
            description: Some(description.zh),
        };
        let translations = BTreeMap::from([
            ("de".to_string(), title_and_text(title.de, description.de)),
            ("fr".to_string(), title_and_text(title.fr, description.fr)),
            (ZH_CN.to_string(), chinese),
        ]);
        Self {
            title: title.en,
            artist: people.artist,
            date: people.date,
            medium: medium.0.into(),
            dimensions,
            accession: accession(number),
            credit: CREDIT.into(),
            rights: RIGHTS.into(),
            description: description.en,
            translations,
        }
    }
}

/// The accession number of the collection's `number`th work.
fn accession(number: u32) -> String {
    format!("MUS.{ACCESSION_YEAR}.{number:03}")
}

/// Centimetres with at most one decimal: "130", "162.5".
fn cm(value: f32) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// The English title a painting of `style` from `seed` gets.
pub(super) fn painting_title(style: Style, seed: u64) -> String {
    let [first, second] = key_colours(style, seed).map(colour_name);
    titles::painting(
        style,
        seed,
        &titles::Colours {
            first: &first,
            second: &second,
        },
    )
    .en
}

/// The English title a sculpture of `kind` from `seed` gets.
pub(super) fn sculpture_title(kind: SculptureKind, seed: u64) -> String {
    titles::sculpture(kind, seed).en
}

/// The metadata of a painting of `style` from `seed`, `width_px` × `height_px` pixels
/// (its physical size keeps that aspect), the collection's `number`th work (which sets
/// the accession number). Everything follows from the arguments.
pub fn painting_info(style: Style, seed: u64, width_px: u32, height_px: u32, number: u32) -> ArtworkInfo {
    let [first, second] = key_colours(style, seed).map(colour_name);
    let colours = titles::Colours {
        first: &first,
        second: &second,
    };
    let title = titles::painting(style, seed, &colours);
    let people = people::attribution(style as u64, people::style_era(style), seed);
    let description = describe::painting(style, [&first, &second], &people, seed);
    let (medium, width, height) = medium_and_size(style, seed, width_px, height_px);
    let dimensions = format!("{} \u{d7} {} cm", cm(height), cm(width));
    ArtworkInfo::new(title, description, people, medium, dimensions, number)
}

/// The physical size, width and height in centimetres, of a painting of `style` from
/// `seed` whose picture is `width_px` × `height_px` (the size its label gives).
pub fn painting_size_cm(style: Style, seed: u64, width_px: u32, height_px: u32) -> (f32, f32) {
    let (_, width, height) = medium_and_size(style, seed, width_px, height_px);
    (width, height)
}

/// A painting's medium and its width and height in centimetres (one random stream, so
/// that both follow from the seed together).
fn medium_and_size(style: Style, seed: u64, width_px: u32, height_px: u32) -> (Medium, f32, f32) {
    let mut rng = rng(seed, 0x1F0);
    let medium = *pick(&mut rng, media(style));
    let (lo, hi) = long_side(style);
    let long = rng.range(lo, hi);
    let (w, h) = (width_px.max(1) as f32, height_px.max(1) as f32);
    if w >= h {
        (medium, long, long * h / w)
    } else {
        (medium, long * w / h, long)
    }
}

/// The metadata of a sculpture of `kind` from `seed`, the collection's `number`th work.
/// The dimensions are measured on the generated mesh.
pub fn sculpture_info(kind: SculptureKind, seed: u64, number: u32) -> ArtworkInfo {
    let finish = finish(kind, seed);
    let title = titles::sculpture(kind, seed);
    let people = people::attribution(100 + kind as u64, people::sculpture_era(kind), seed);
    let description = describe::sculpture(kind, &finish_words(finish), &people, seed);
    let size = sculpt(kind, seed).bounds.aabb;
    let extent = (size.max - size.min) * 100.0;
    let dimensions = format!(
        "{} \u{d7} {} \u{d7} {} cm",
        cm(extent.y),
        cm(extent.x),
        cm(extent.z)
    );
    ArtworkInfo::new(
        title,
        description,
        people,
        finish_medium(finish),
        dimensions,
        number,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sculpture_dimensions_are_measured_on_the_mesh() {
        let info = sculpture_info(SculptureKind::TwistedColumn, 5, 45);
        let aabb = sculpt(SculptureKind::TwistedColumn, 5).bounds.aabb;
        let size = (aabb.max - aabb.min) * 100.0;
        let numbers: Vec<f32> = info
            .dimensions
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|s| s.parse().ok())
            .collect();
        assert_eq!(numbers.len(), 3, "{}", info.dimensions);
        for (n, expected) in numbers.iter().zip([size.y, size.x, size.z]) {
            assert!((n - expected).abs() < 0.06, "{} vs {size}", info.dimensions);
        }
        assert_eq!(info.accession, "MUS.2026.045");
        assert_eq!(cm(130.0), "130");
        assert_eq!(cm(162.46), "162.5");
    }
}

#[cfg(test)]
mod tests_zh;
