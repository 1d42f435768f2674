//! Sculptures' titles in English, French and German.

use super::super::super::sculpt::SculptureKind;
use super::{Choices, Western};

/// A sculpture's title in the European languages.
pub(super) fn western(kind: SculptureKind, choices: &Choices) -> Western {
    let (number, place) = (choices.number, choices.place);
    let t = |en: String, fr: String, de: String| (en, fr, de);
    let s = |en: &str, fr: &str, de: &str| (en.to_string(), fr.to_string(), de.to_string());
    match (kind, choices.form) {
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
