//! Titles in the manner of each style, in four languages: colour titles for
//! abstraction, places for landscapes, numbered studies, named sitters. The random
//! choices are made here; `paintings` and `sculptures` word them in English, French and
//! German, `zh` in Chinese.

mod paintings;
mod sculptures;
mod zh;

use super::super::paint::Style;
use super::super::sculpt::SculptureKind;
use super::super::{Rng, rng};
use super::names::{given_name, invented_name};
use super::names_zh::transliterate;
use super::words::Phrase;

/// Colours named in a title: nouns in every language.
pub(super) struct Colours<'a> {
    /// The first key colour.
    pub first: &'a Phrase,
    /// The second key colour.
    pub second: &'a Phrase,
}

/// What a title is made of besides its colours: the form chosen (one of three per
/// style or kind), a number, an invented place and, for some portraits, a sitter.
pub(super) struct Choices<'a> {
    /// Which of the forms of the style or kind.
    pub form: u32,
    /// A number from 1 to 40.
    pub number: u32,
    /// An invented place name.
    pub place: &'a str,
    /// A sitter's name (empty when the title names none).
    pub sitter: &'a str,
}

/// An English, French and German title.
pub(super) type Western = (String, String, String);

/// Chooses one of `n` title forms.
fn form(rng: &mut Rng, n: u32) -> u32 {
    rng.below(n)
}

/// The title of a painting of `style` from `seed`.
pub(super) fn painting(style: Style, seed: u64, colours: &Colours) -> Phrase {
    let mut rng = rng(seed, 0x7171);
    let number = 1 + rng.below(40);
    let place = invented_name(&mut rng);
    let form = form(&mut rng, 3);
    let sitter = if style == Style::Silhouette && form < 2 {
        format!("{} {}", given_name(&mut rng), invented_name(&mut rng))
    } else {
        String::new()
    };
    let choices = Choices {
        form,
        number,
        place: &place,
        sitter: &sitter,
    };
    let (en, fr, de) = paintings::western(style, &choices, colours);
    let (place_zh, sitter_zh) = (transliterate(&place), transliterate(&sitter));
    let zh_choices = Choices {
        place: &place_zh,
        sitter: &sitter_zh,
        ..choices
    };
    let zh = zh::painting(style, &zh_choices, &colours.first.zh, &colours.second.zh);
    Phrase::new(en, fr, de, zh)
}

/// The title of a sculpture of `kind` from `seed`.
pub(super) fn sculpture(kind: SculptureKind, seed: u64) -> Phrase {
    let mut rng = rng(seed, 0x7172);
    let number = 1 + rng.below(40);
    let place = invented_name(&mut rng);
    let choices = Choices {
        form: form(&mut rng, 3),
        number,
        place: &place,
        sitter: "",
    };
    let (en, fr, de) = sculptures::western(kind, &choices);
    let place_zh = transliterate(&place);
    let zh = zh::sculpture(
        kind,
        &Choices {
            place: &place_zh,
            ..choices
        },
    );
    Phrase::new(en, fr, de, zh)
}
