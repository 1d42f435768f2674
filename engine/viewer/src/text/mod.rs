//! Text in every script: fonts found for what must be drawn (and which scripts had
//! none), right-to-left lines put in the order they are seen, and a label that wraps
//! every script as it should.
//!
//! egui shapes text with HarfRust (Arabic letters join) and breaks lines between CJK
//! ideographs and kana as well as at spaces, but it does not reorder right-to-left text;
//! [`paragraph`] does that for lines that need it.

mod bidi;
mod fonts;
mod scripts;

pub use bidi::{has_rtl, is_rtl_paragraph, visual_line};
pub use fonts::{FontError, FontOptions, MissingScript, MissingScripts, SystemFonts, definitions};

use std::sync::Arc;

/// Installs the fonts of `options` into `ctx`, with the system's fonts searched (when
/// asked) for whatever they lack; scripts nothing draws are noted in `missing`.
pub fn install_fonts(
    ctx: &egui::Context,
    options: &FontOptions,
    missing: Arc<MissingScripts>,
) -> Result<(), FontError> {
    ctx.set_fonts(definitions(options)?);
    ctx.set_font_providers(vec![Arc::new(SystemFonts::new(options.system, missing))]);
    Ok(())
}

/// How a [`paragraph`] is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    /// Body text.
    Body,
    /// Bold body text (captions of fields).
    Strong,
    /// A heading.
    Heading,
    /// Larger body text (tour captions).
    Large,
}

/// Draws `text` wrapped to the width available. Left-to-right text is laid out by
/// egui; a paragraph that holds right-to-left letters is broken into lines here (at
/// spaces), each line handed over in the order it is seen, and right-aligned when the
/// paragraph reads right to left.
pub fn paragraph(ui: &mut egui::Ui, text: &str, emphasis: Emphasis) {
    if !has_rtl(text) {
        ui.add(egui::Label::new(rich(text, emphasis)).wrap());
        return;
    }
    let width = ui.available_width().max(40.0);
    let measure = |line: &str| {
        egui::WidgetText::from(rich(line, emphasis))
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            )
            .size()
            .x
    };
    let mut lines = Vec::new();
    for block in text.split('\n') {
        let rtl = is_rtl_paragraph(block);
        for line in wrap(block, width, &measure) {
            lines.push((visual_line(&line), rtl));
        }
    }
    ui.vertical(|ui| {
        for (line, rtl) in lines {
            let align = if rtl { egui::Align::Max } else { egui::Align::Min };
            ui.with_layout(egui::Layout::top_down(align), |ui| {
                ui.add(egui::Label::new(rich(&line, emphasis)).extend());
            });
        }
    });
}

fn rich(text: &str, emphasis: Emphasis) -> egui::RichText {
    let text = egui::RichText::new(text);
    match emphasis {
        Emphasis::Body => text,
        Emphasis::Strong => text.strong(),
        Emphasis::Heading => text.heading(),
        Emphasis::Large => text.size(16.0),
    }
}

/// `text` (one paragraph, logical order) broken at spaces into lines no wider than
/// `width` as `measure` measures them; a word wider than a line gets a line of its own.
pub fn wrap(text: &str, width: f32, measure: &impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_inclusive(' ') {
        let longer = format!("{line}{word}");
        if !line.is_empty() && measure(longer.trim_end()) > width {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line.push_str(word);
        } else {
            line = longer;
        }
    }
    lines.push(line.trim_end().to_string());
    lines
}

#[cfg(test)]
mod tests;
