//! Titles in the manner of each style, in three languages: colour titles for
//! abstraction, places for landscapes, numbered studies, named sitters.

use super::super::paint::Style;
use super::super::sculpt::SculptureKind;
use super::super::{Rng, rng};
use super::words::{Tri, capital, given_name, invented_name, roman, title_case};

/// Colours named in a title: English, French and German nouns.
pub(super) struct Colours<'a> {
    pub first: &'a Tri,
    pub second: &'a Tri,
}

/// Chooses one of `n` title forms.
fn form(rng: &mut Rng, n: u32) -> u32 {
    rng.below(n)
}

pub(super) fn painting(style: Style, seed: u64, colours: &Colours) -> Tri {
    let mut rng = rng(seed, 0x7171);
    let number = 1 + rng.below(40);
    let place = invented_name(&mut rng);
    let (a, b) = (colours.first, colours.second);
    let (a_en, b_en) = (title_case(&a.en), title_case(&b.en));
    let t = |en: String, fr: String, de: String| Tri::new(en, fr, de);
    match (style, form(&mut rng, 3)) {
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
        (Style::Grid, _) => Tri::same(format!("Tableau {}", roman(number))),
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
        (Style::Silhouette, 0) => {
            let sitter = format!("{} {}", given_name(&mut rng), invented_name(&mut rng));
            t(
                format!("Portrait of {sitter}"),
                format!("Portrait de {sitter}"),
                format!("Bildnis {sitter}"),
            )
        }
        (Style::Silhouette, 1) => {
            let sitter = format!("{} {}", given_name(&mut rng), invented_name(&mut rng));
            t(
                format!("Shade of {sitter}"),
                format!("Silhouette de {sitter}"),
                format!("Schattenriss von {sitter}"),
            )
        }
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

pub(super) fn sculpture(kind: SculptureKind, seed: u64) -> Tri {
    let mut rng = rng(seed, 0x7172);
    let number = 1 + rng.below(40);
    let place = invented_name(&mut rng);
    let t = |en: String, fr: String, de: String| Tri::new(en, fr, de);
    let s = |en: &str, fr: &str, de: &str| Tri::new(en, fr, de);
    match (kind, form(&mut rng, 3)) {
        (SculptureKind::Vase, 0) => t(
            format!("Vessel No. {number}"),
            format!("Vase n° {number}"),
            format!("Gefäß Nr. {number}"),
        ),
        (SculptureKind::Vase, 1) => t(
            format!("Urn, {place}"),
            format!("Urne, {place}"),
            format!("Urne, {place}"),
        ),
        (SculptureKind::Vase, _) => t(
            format!("Turned Form {number}"),
            format!("Forme tournée {number}"),
            format!("Gedrehte Form {number}"),
        ),
        (SculptureKind::TwistedColumn, 0) => s("Twisted Column", "Colonne torse", "Gedrehte Säule"),
        (SculptureKind::TwistedColumn, 1) => t(
            format!("Column for {place}"),
            format!("Colonne pour {place}"),
            format!("Säule für {place}"),
        ),
        (SculptureKind::TwistedColumn, _) => t(
            format!("Spiral Column {number}"),
            format!("Colonne spirale {number}"),
            format!("Spiralsäule {number}"),
        ),
        (SculptureKind::TorusKnot, 0) => s("Endless Knot", "Nœud sans fin", "Endloser Knoten"),
        (SculptureKind::TorusKnot, 1) => t(
            format!("Knot {number}"),
            format!("Nœud {number}"),
            format!("Knoten {number}"),
        ),
        (SculptureKind::TorusKnot, _) => s("Tied Form", "Forme nouée", "Geknotete Form"),
        (SculptureKind::EndlessColumn, 0) => s("Column Without End", "Colonne sans fin", "Säule ohne Ende"),
        (SculptureKind::EndlessColumn, 1) => t(
            format!("Endless Column, Study {number}"),
            format!("Colonne sans fin, étude {number}"),
            format!("Endlose Säule, Studie {number}"),
        ),
        (SculptureKind::EndlessColumn, _) => t(
            format!("Rising Column ({place})"),
            format!("Colonne montante ({place})"),
            format!("Steigende Säule ({place})"),
        ),
        (SculptureKind::Concretion, 0) => {
            s("Human Concretion", "Concrétion humaine", "Menschliche Konkretion")
        }
        (SculptureKind::Concretion, 1) => t(
            format!("Concretion {number}"),
            format!("Concrétion {number}"),
            format!("Konkretion {number}"),
        ),
        (SculptureKind::Concretion, _) => s("Seed Form", "Forme-graine", "Samenform"),
        (SculptureKind::PiercedForm, 0) => s("Pierced Form", "Forme percée", "Durchbrochene Form"),
        (SculptureKind::PiercedForm, 1) => s("Oval with a Hole", "Ovale percé", "Oval mit Öffnung"),
        (SculptureKind::PiercedForm, _) => t(
            format!("Single Form ({place})"),
            format!("Forme unique ({place})"),
            format!("Einzelform ({place})"),
        ),
        (SculptureKind::Crystal, 0) => s("Crystal Cluster", "Groupe de cristaux", "Kristallgruppe"),
        (SculptureKind::Crystal, 1) => t(
            format!("Geode {number}"),
            format!("Géode {number}"),
            format!("Geode {number}"),
        ),
        (SculptureKind::Crystal, _) => t(
            format!("Growth, {place}"),
            format!("Croissance, {place}"),
            format!("Wachstum, {place}"),
        ),
        (SculptureKind::Mobius, 0) => s("Möbius Band", "Ruban de Möbius", "Möbiusband"),
        (SculptureKind::Mobius, 1) => s("One-Sided Surface", "Surface à une face", "Einseitige Fläche"),
        (SculptureKind::Mobius, _) => t(
            format!("Continuity {number}"),
            format!("Continuité {number}"),
            format!("Kontinuität {number}"),
        ),
        (SculptureKind::RecliningFigure, 0) => s("Reclining Figure", "Figure allongée", "Liegende Figur"),
        (SculptureKind::RecliningFigure, 1) => t(
            format!("Reclining Figure No. {number}"),
            format!("Figure allongée n° {number}"),
            format!("Liegende Figur Nr. {number}"),
        ),
        (SculptureKind::RecliningFigure, _) => s(
            "Figure on One Elbow",
            "Figure accoudée",
            "Auf den Ellbogen gestützte Figur",
        ),
    }
}
