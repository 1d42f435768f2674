//! Who made a work and when: invented artists with life dates inside the period of
//! their style, and the year of each work within their career, in English and Chinese.

use super::super::paint::Style;
use super::super::rng;
use super::super::sculpt::SculptureKind;
use super::names::{given_name, invented_name};
use super::names_zh::transliterate;

/// The last year a work can be dated.
const THIS_YEAR: u32 = 2026;

/// The years a style flourished (the invented artists worked within them).
pub(super) fn style_era(style: Style) -> (u32, u32) {
    match style {
        Style::ColourField => (1949, 1972),
        Style::Grid => (1919, 1944),
        Style::Circles => (1912, 1935),
        Style::Landscape => (1855, 1925),
        Style::Seascape => (1850, 1912),
        Style::StillLife => (1630, 1690),
        Style::FlowField => (2008, 2025),
        Style::Silhouette => (1775, 1840),
        Style::StarPattern => (1985, 2025),
        Style::Pointillist => (1884, 1910),
    }
}

/// The years a sculptural form was current.
pub(super) fn sculpture_era(kind: SculptureKind) -> (u32, u32) {
    match kind {
        SculptureKind::Vase => (1890, 1960),
        SculptureKind::TwistedColumn => (1870, 1925),
        SculptureKind::TorusKnot => (1965, 2022),
        SculptureKind::EndlessColumn => (1918, 1945),
        SculptureKind::Concretion => (1930, 1965),
        SculptureKind::PiercedForm => (1932, 1975),
        SculptureKind::Crystal => (1988, 2025),
        SculptureKind::Mobius => (1958, 2018),
        SculptureKind::RecliningFigure => (1929, 1985),
    }
}

/// An artist and the year of one of their works.
pub(super) struct Attribution {
    /// Name and life dates, as on a label: "Sael Corvik (1921–1988)".
    pub artist: String,
    /// The artist's name alone.
    pub name: String,
    /// The work's date: a year, sometimes "c." before it for older works.
    pub date: String,
    /// The work's year.
    pub year: u32,
    /// Whether the year is approximate ("c.").
    pub circa: bool,
    /// Name and life dates in Chinese: "萨埃尔·科尔维克（1921–1988）".
    pub artist_zh: String,
    /// The name alone in Chinese.
    pub name_zh: String,
    /// The date in Chinese: "1921年", "约1890年".
    pub date_zh: String,
}

/// The artist of a work of seed `seed` in a style or kind identified by `group`: each
/// group has three artists, so works share makers as in a real collection.
pub(super) fn attribution(group: u64, era: (u32, u32), seed: u64) -> Attribution {
    let which = rng(seed, 0xA570).below(3) as u64;
    let mut maker = rng(group * 8 + which, 0xA571);
    let name = format!("{} {}", given_name(&mut maker), invented_name(&mut maker));
    let span = era.1.saturating_sub(era.0).max(1);
    let born = era.0 + maker.below(span) / 2 - 25 - maker.below(10);
    let died = born + 50 + maker.below(42);
    let name_zh = transliterate(&name);
    let (artist, artist_zh) = if died >= THIS_YEAR {
        (
            format!("{name} (born {born})"),
            format!("{name_zh}（生于{born}年）"),
        )
    } else {
        (
            format!("{name} ({born}\u{2013}{died})"),
            format!("{name_zh}（{born}\u{2013}{died}）"),
        )
    };
    let first = (born + 20).max(era.0);
    let last = died.min(era.1).min(THIS_YEAR).max(first);
    let mut work = rng(seed, 0xA572);
    let year = first + work.below(last - first + 1);
    let circa = year < 1900 && work.next_f32() < 0.3;
    let (date, date_zh) = if circa {
        (format!("c. {year}"), format!("约{year}年"))
    } else {
        (year.to_string(), format!("{year}年"))
    };
    Attribution {
        artist,
        name,
        date,
        year,
        circa,
        artist_zh,
        name_zh,
        date_zh,
    }
}
