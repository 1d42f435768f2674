//! Paintings' titles in English, French and German.

use super::super::super::paint::Style;
use super::super::names::roman;
use super::super::words::{capital, title_case};
use super::{Choices, Colours, Western};

/// A painting's title in the European languages.
pub(super) fn western(style: Style, choices: &Choices, colours: &Colours) -> Western {
    let (number, place, sitter) = (choices.number, choices.place, choices.sitter);
    let (a, b) = (colours.first, colours.second);
    let (a_en, b_en) = (title_case(&a.en), title_case(&b.en));
    let t = |en: String, fr: String, de: String| (en, fr, de);
    match (style, choices.form) {
        (Style::ColourField, 0) => t(
            format!("Untitled ({a_en} over {b_en})"),
            format!("Sans titre ({} sur {})", a.fr, b.fr),
            format!("Ohne Titel ({} über {})", a.de, b.de),
        ),
        (Style::ColourField, 1) => t(
            format!("No. {number} ({a_en}, {b_en})"),
            format!("N° {number} ({}, {})", a.fr, b.fr),
            format!("Nr. {number} ({}, {})", a.de, b.de),
        ),
        (Style::ColourField, _) => t(
            format!("{a_en} and {b_en}"),
            format!("{} et {}", capital(&a.fr), b.fr),
            format!("{} und {}", a.de, b.de),
        ),
        (Style::Grid, 0) => t(
            format!("Composition No. {}", roman(number)),
            format!("Composition n° {}", roman(number)),
            format!("Komposition Nr. {}", roman(number)),
        ),
        (Style::Grid, 1) => t(
            format!("Composition with {a_en} and {b_en}"),
            format!("Composition avec {} et {}", a.fr, b.fr),
            format!("Komposition mit {} und {}", a.de, b.de),
        ),
        (Style::Grid, _) => {
            let tableau = format!("Tableau {}", roman(number));
            (tableau.clone(), tableau.clone(), tableau)
        }
        (Style::Circles, 0) => t(
            "Colour Study: Squares with Concentric Circles".into(),
            "Étude de couleurs : carrés aux cercles concentriques".into(),
            "Farbstudie: Quadrate mit konzentrischen Ringen".into(),
        ),
        (Style::Circles, 1) => t(
            format!("Circles in {a_en}"),
            format!("Cercles en {}", a.fr),
            format!("Kreise in {}", a.de),
        ),
        (Style::Circles, _) => t(
            format!("Several Circles, {number}"),
            format!("Quelques cercles, {number}"),
            format!("Einige Kreise, {number}"),
        ),
        (Style::Landscape, 0) => t(
            format!("Hills near {place}"),
            format!("Collines près de {place}"),
            format!("Hügel bei {place}"),
        ),
        (Style::Landscape, 1) => t(
            format!("The Valley of {place}"),
            format!("La vallée de {place}"),
            format!("Das Tal von {place}"),
        ),
        (Style::Landscape, _) => t(
            format!("View of {place}"),
            format!("Vue de {place}"),
            format!("Blick auf {place}"),
        ),
        (Style::Seascape, 0) => t(
            format!("The Sea at {place}"),
            format!("La mer à {place}"),
            format!("Das Meer bei {place}"),
        ),
        (Style::Seascape, 1) => t(
            format!("Calm Sea, {place}"),
            format!("Mer calme, {place}"),
            format!("Ruhige See, {place}"),
        ),
        (Style::Seascape, _) => t(
            format!("Horizon ({a_en})"),
            format!("Horizon ({})", a.fr),
            format!("Horizont ({})", a.de),
        ),
        (Style::StillLife, 0) => t(
            format!("Still Life with Fruit No. {number}"),
            format!("Nature morte aux fruits n° {number}"),
            format!("Stillleben mit Früchten Nr. {number}"),
        ),
        (Style::StillLife, 1) => t(
            "Still Life with a Bowl".into(),
            "Nature morte au bol".into(),
            "Stillleben mit Schale".into(),
        ),
        (Style::StillLife, _) => t(
            format!("Table Piece in {a_en}"),
            format!("Pièce de table en {}", a.fr),
            format!("Tischstück in {}", a.de),
        ),
        (Style::FlowField, 0) => t(
            format!("Currents {number}"),
            format!("Courants {number}"),
            format!("Strömungen {number}"),
        ),
        (Style::FlowField, 1) => t(
            format!("Field Lines ({b_en})"),
            format!("Lignes de champ ({})", b.fr),
            format!("Feldlinien ({})", b.de),
        ),
        (Style::FlowField, _) => t(
            format!("Drift, {place}"),
            format!("Dérive, {place}"),
            format!("Drift, {place}"),
        ),
        (Style::Silhouette, 0) => t(
            format!("Portrait of {sitter}"),
            format!("Portrait de {sitter}"),
            format!("Bildnis {sitter}"),
        ),
        (Style::Silhouette, 1) => t(
            format!("Shade of {sitter}"),
            format!("Silhouette de {sitter}"),
            format!("Schattenriss von {sitter}"),
        ),
        (Style::Silhouette, _) => t(
            "Profile of a Sitter".into(),
            "Profil d'un modèle".into(),
            "Profil eines Modells".into(),
        ),
        (Style::StarPattern, 0) => t(
            format!("Star Pattern ({a_en} and {b_en})"),
            format!("Motif d'étoiles ({} et {})", a.fr, b.fr),
            format!("Sternmuster ({} und {})", a.de, b.de),
        ),
        (Style::StarPattern, 1) => t(
            format!("Girih Study {number}"),
            format!("Étude de girih {number}"),
            format!("Girih-Studie {number}"),
        ),
        (Style::StarPattern, _) => t(
            format!("Tile Panel from {place}"),
            format!("Panneau de carreaux de {place}"),
            format!("Fliesentafel aus {place}"),
        ),
        (Style::Pointillist, 0) => t(
            format!("Afternoon on the River at {place}"),
            format!("Après-midi sur la rivière à {place}"),
            format!("Nachmittag am Fluss bei {place}"),
        ),
        (Style::Pointillist, 1) => t(
            format!("Riverbank, {place}"),
            format!("Berge, {place}"),
            format!("Flussufer, {place}"),
        ),
        (Style::Pointillist, _) => t(
            "A Sunday by the Water".into(),
            "Un dimanche au bord de l'eau".into(),
            "Ein Sonntag am Wasser".into(),
        ),
    }
}
