//! The demo museum's guided tour, its captions in English and Simplified Chinese.

use super::KINETIC_ID;
use super::layout::DemoLayout;
use super::venue_text::{KINETIC_NUMBER, number, painting_id, quoted, sculpture_id};
use museion_art::{ArtworkInfo, Catalogue, ZH_CN, kinetic_info};
use std::fmt::Write as _;

/// The guided tour: two sculptures of the atrium and the gallery's best, a work on
/// paper in the corridor, then up the ramp to the sculpture hall and its kinetic
/// sculpture. Poses at the doors keep the glide between rooms going through them.
pub(super) fn tour(text: &mut String, catalogue: &Catalogue, layout: &DemoLayout, seed: u64) {
    text.push_str("\n[[tours]]\nid = \"highlights\"\nname = \"Highlights of the collection\"\n");
    let on_wall = |room: &str, wall: u32| {
        let mut works: Vec<_> = layout
            .paintings
            .iter()
            .filter(|p| p.wall.room == room && p.wall.wall == wall)
            .collect();
        works.sort_by(|a, b| a.offset.total_cmp(&b.offset));
        works
    };
    let middle = |works: Vec<&super::PlacedPainting>| works.get(works.len() / 2).map(|p| p.index);
    let in_room = |room: &'static str| {
        layout
            .sculptures
            .iter()
            .filter(move |s| s.room == room)
            .map(|s| s.index)
    };
    let painting_stop = |text: &mut String, index: Option<usize>, dwell: u32| {
        if let Some(index) = index {
            exhibit_stop(text, &painting_id(index), dwell, &catalogue.paintings[index].info);
        }
    };
    let sculpture_stop = |text: &mut String, index: Option<usize>, dwell: u32| {
        if let Some(index) = index {
            exhibit_stop(
                text,
                &sculpture_id(index),
                dwell,
                &catalogue.sculptures[index].info,
            );
        }
    };
    sculpture_stop(text, in_room("atrium").next(), 8);
    pose_stop(
        text,
        [12.5, 1.65, 7.0],
        [20.0, 1.65, 7.0],
        2,
        ["Into the painting gallery.", "进入绘画展厅。"],
    );
    painting_stop(text, middle(on_wall("gallery", 0)), 10);
    sculpture_stop(text, in_room("gallery").next(), 8);
    painting_stop(text, middle(on_wall("gallery", 1)), 10);
    pose_stop(
        text,
        [34.0, 1.65, 12.5],
        [34.0, 1.8, 20.0],
        2,
        ["On to the corridor of works on paper.", "前往纸上作品长廊。"],
    );
    painting_stop(text, on_wall("corridor", 2).get(2).map(|p| p.index), 8);
    // At the top of the ramp, just inside the hall (its floor 0.75 m up), so the glide
    // from the corridor runs straight up the ramp and through the door.
    pose_stop(
        text,
        [53.5, 2.4, 16.0],
        [60.0, 2.4, 13.0],
        2,
        ["Up the ramp into the sculpture hall.", "沿坡道上行，进入雕塑厅。"],
    );
    sculpture_stop(text, in_room("hall").next(), 8);
    sculpture_stop(text, in_room("hall").next_back(), 8);
    exhibit_stop(text, KINETIC_ID, 12, &kinetic_info(seed, KINETIC_NUMBER));
}

/// A stop at an exhibit, captioned with its title, artist and date, in English and in
/// Chinese (the title in 《》, as Chinese writes titles of works).
fn exhibit_stop(text: &mut String, id: &str, dwell: u32, info: &ArtworkInfo) {
    let caption = format!("{} — {}, {}", info.title, info.artist, info.date);
    let zh = info.translations.get(ZH_CN).cloned().unwrap_or_default();
    let caption_zh = format!(
        "《{}》，{}，{}",
        zh.title.as_deref().unwrap_or(&info.title),
        zh.artist.as_deref().unwrap_or(&info.artist),
        zh.date.as_deref().unwrap_or(&info.date),
    );
    let _ = write!(text, "\n[[tours.stops]]\nexhibit = \"{id}\"\ndwell = {dwell}\n");
    captions(text, [&caption, &caption_zh]);
}

/// A stop at a viewpoint, captioned `[English, Chinese]`.
fn pose_stop(text: &mut String, eye: [f32; 3], target: [f32; 3], dwell: u32, caption: [&str; 2]) {
    let point = |p: [f32; 3]| format!("[{}, {}, {}]", number(p[0]), number(p[1]), number(p[2]));
    let _ = write!(
        text,
        "\n[[tours.stops]]\neye = {}\ntarget = {}\ndwell = {dwell}\n",
        point(eye),
        point(target),
    );
    captions(text, caption);
}

/// A stop's caption, `[English, Chinese]`.
fn captions(text: &mut String, [en, zh]: [&str; 2]) {
    let _ = writeln!(text, "caption = {}", quoted(en));
    let _ = writeln!(text, "translations = {{ {ZH_CN} = {} }}", quoted(zh));
}
