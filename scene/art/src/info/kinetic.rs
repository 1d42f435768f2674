//! The label of a kinetic sculpture: a title from a short list, the maker (one of
//! three kinetic artists of the late twentieth and early twenty-first centuries), the
//! medium with its motor, and a text saying how it moves.

use super::media::finish_medium;
use super::people::attribution;
use super::words::{Phrase, finish_words};
use super::{ArtworkInfo, ZH_CN, cm};
use crate::kinetic::{design, kinetic_sculpture};
use crate::{pick, rng};

/// Titles, in English, French, German and Chinese.
const TITLES: [[&str; 4]; 4] = [
    [
        "Breathing Bloom",
        "Floraison qui respire",
        "Atmende Blüte",
        "呼吸之花",
    ],
    ["Slow Tide", "Marée lente", "Langsame Gezeit", "缓潮"],
    [
        "Turning Seed",
        "Graine tournante",
        "Kreisender Samen",
        "旋转的种子",
    ],
    ["Vessel of Air", "Vaisseau d'air", "Gefäß aus Luft", "空气之器"],
];

/// The kind's group among the makers (sculpture kinds use 100 and up).
const MAKERS: u64 = 300;

/// The label of the kinetic sculpture of `seed`, the collection's `number`th work: its
/// title, maker and date, medium, size (height × width × depth of the sculpture at
/// rest), accession number and a text, with French, German and Chinese translations as
/// for every work of the collection.
pub fn kinetic_info(seed: u64, number: u32) -> ArtworkInfo {
    let (form, period, finish) = design(seed);
    let [en, fr, de, zh] = *pick(&mut rng(seed, 0x717E), &TITLES);
    let title = Phrase::new(en, fr, de, zh);
    let people = attribution(MAKERS, (1965, 2024), seed);
    let m = finish_words(finish);
    let (name, name_zh) = (&people.name, &people.name_zh);
    let (lobes, seconds) = (form.lobe_count, period as u32);
    let description = Phrase::new(
        format!(
            "A bud of {} with {lobes} lobes turns slowly on its rod, opening into a twisting flower and gathering at its waist as it goes, driven by a quiet motor in its stand. {name} made a series of these breathing sculptures; this one completes its cycle every {seconds} seconds.",
            m.en
        ),
        format!(
            "Un bouton en {} à {lobes} lobes tourne lentement sur sa tige, s'ouvrant en une fleur torse puis se resserrant à la taille, mû par un moteur silencieux logé dans son socle. {name} a réalisé une série de ces sculptures qui respirent ; celle-ci accomplit son cycle toutes les {seconds} secondes.",
            m.fr
        ),
        format!(
            "Eine Knospe aus {} mit {lobes} Lappen dreht sich langsam auf ihrem Stab, öffnet sich zu einer gedrehten Blüte und zieht sich in der Mitte wieder zusammen, angetrieben von einem leisen Motor im Sockel. {name} schuf eine Reihe solcher atmender Skulpturen; diese vollendet ihren Zyklus alle {seconds} Sekunden.",
            m.de
        ),
        format!(
            "一个由{}制成、带有{lobes}片瓣的花苞在细杆上缓缓旋转，时而绽放为扭转的花朵，时而在腰部收拢，由底座中一台安静的电机驱动。{name_zh}创作了一系列这样会“呼吸”的雕塑；这一件每{seconds}秒完成一个循环。",
            m.zh
        ),
    );
    let size = kinetic_sculpture(seed).scene.stats().bounds;
    let extent = (size.max - size.min) * 100.0;
    let dimensions = format!(
        "{} \u{d7} {} \u{d7} {} cm",
        cm(extent.y),
        cm(extent.x),
        cm(extent.z)
    );
    let (medium, medium_zh) = finish_medium(finish);
    let mut info = ArtworkInfo::new(
        title,
        description,
        people,
        (medium, medium_zh),
        dimensions,
        number,
    );
    info.medium = format!("{medium}; electric motor");
    if let Some(chinese) = info.translations.get_mut(ZH_CN) {
        chinese.medium = Some(format!("{medium_zh}；电机"));
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_is_whole_in_every_language_and_measured_on_the_sculpture() {
        let info = kinetic_info(4, 57);
        assert_eq!(info.accession, "MUS.2026.057");
        assert!(info.medium.ends_with("electric motor"));
        assert!(info.dimensions.ends_with(" cm") && info.dimensions.matches('\u{d7}').count() == 2);
        let zh = &info.translations[ZH_CN];
        for field in [&zh.title, &zh.artist, &zh.date, &zh.medium, &zh.description] {
            let text = field.as_deref().unwrap_or_default();
            assert!(
                !text.is_empty() && !text.chars().any(|c| c.is_ascii_alphabetic()),
                "{text}"
            );
        }
        let seconds = (design(4).1 as u32).to_string();
        assert!(info.description.contains(&seconds), "{}", info.description);
        for language in ["fr", "de"] {
            let t = &info.translations[language];
            assert!(t.title.is_some() && t.description.as_ref().is_some_and(|d| d.contains(&seconds)));
        }
        assert_eq!(info, kinetic_info(4, 57));
    }
}
