//! Right-to-left text (Arabic, Hebrew) for a text stack that shapes but does not
//! reorder: egui shapes each run of one font in its script's direction, so a line is
//! handed to it in the order it is seen, with each right-to-left word kept in logical
//! order for the shaper to join and reverse.

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// Keeps pieces apart that egui would otherwise shape as one run (it draws nothing).
const WORD_JOINER: char = '\u{2060}';

/// True when `text` holds a right-to-left letter.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(is_rtl_letter)
}

/// True when `text` reads right to left: its first strong character does.
pub fn is_rtl_paragraph(text: &str) -> bool {
    BidiInfo::new(text, None)
        .paragraphs
        .first()
        .is_some_and(|p| p.level.is_rtl())
}

fn is_rtl_letter(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// `line` (one line, logical order) in the order it is seen from left to right, for
/// a shaper that reverses each right-to-left word itself: runs at a left-to-right
/// level stay as they are; in a right-to-left run, its words keep their letters'
/// order, everything else is reversed and brackets are mirrored.
pub fn visual_line(line: &str) -> String {
    if !has_rtl(line) {
        return line.to_string();
    }
    let info = BidiInfo::new(line, None);
    let Some(paragraph) = info.paragraphs.first() else {
        return line.to_string();
    };
    let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
    let mut out = String::with_capacity(line.len() + 8);
    for run in runs {
        let text = &line[run.clone()];
        if levels[run.start].is_ltr() {
            out.push_str(text);
            continue;
        }
        let mut pieces = rtl_pieces(text);
        pieces.reverse();
        for piece in pieces {
            if !out.is_empty() {
                out.push(WORD_JOINER);
            }
            out.push_str(&piece);
        }
    }
    out
}

/// A right-to-left run cut into its words (right-to-left letters with their marks) and
/// its other characters one by one, mirrored where they have a mirror image.
fn rtl_pieces(text: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut in_word = false;
    for c in text.chars() {
        let class = bidi_class(c);
        let continues_word = in_word && (is_rtl_letter(c) || class == BidiClass::NSM);
        match pieces.last_mut() {
            Some(word) if continues_word => word.push(c),
            _ => pieces.push(mirrored(c).to_string()),
        }
        in_word = is_rtl_letter(c) || continues_word;
    }
    pieces
}

/// The mirror image of a paired punctuation mark, as drawn in right-to-left text.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line without the joiners, as the eye reads its pieces.
    fn seen(line: &str) -> String {
        visual_line(line).replace(WORD_JOINER, "")
    }

    #[test]
    fn left_to_right_text_is_untouched() {
        assert_eq!(visual_line("Harbour at dusk (1889)"), "Harbour at dusk (1889)");
        assert!(!has_rtl("港口 Harbour"));
    }

    #[test]
    fn right_to_left_words_are_ordered_from_the_right_and_keep_their_letters() {
        // "the harbour at dawn" in Arabic: the first word is drawn rightmost, and each
        // word keeps its logical letters for the shaper to join.
        let line = "الميناء عند الفجر";
        assert!(has_rtl(line) && is_rtl_paragraph(line));
        assert_eq!(seen(line), "الفجر عند الميناء");
        assert_eq!(visual_line(line).matches(WORD_JOINER).count(), 4);
        // Hebrew with a number: the digits keep their order.
        assert_eq!(seen("שלום 1889 עולם"), "עולם 1889 שלום");
        // Brackets are mirrored inside right-to-left runs.
        assert_eq!(seen("שלום (עולם)"), "(עולם) שלום");
    }

    #[test]
    fn an_embedded_right_to_left_phrase_in_a_left_to_right_line() {
        assert!(!is_rtl_paragraph("Title: שלום עולם"));
        assert_eq!(seen("Title: שלום עולם"), "Title: עולם שלום");
    }
}
