//! The language a visitor reads a venue in first.

use museion_venue::CompiledVenue;

/// The language a visitor reads `venue` in first: `asked` (`--lang`) when the venue
/// has it, else the venue's first. A code the venue lacks matches one of its codes with
/// the same primary language (`zh` → `zh-CN`), or is a warning.
pub(super) fn first_language(venue: &CompiledVenue, asked: Option<&str>) -> String {
    let first = venue.languages.first().cloned().unwrap_or_default();
    let Some(asked) = asked else {
        return first;
    };
    let primary = |code: &str| code.split('-').next().unwrap_or("").to_ascii_lowercase();
    let found = venue
        .languages
        .iter()
        .find(|code| code.eq_ignore_ascii_case(asked))
        .or_else(|| {
            venue
                .languages
                .iter()
                .find(|code| primary(code) == primary(asked))
        });
    match found {
        Some(code) => code.clone(),
        None => {
            let names: Vec<&str> = venue.languages.iter().map(|c| shown(c)).collect();
            log::warn!(
                "viewer: the venue is not translated into \"{asked}\" (it has {}); showing {}",
                names.join(", "),
                shown(&first)
            );
            first
        }
    }
}

/// A reading language as the log names it: its code, or "the main text" for a main
/// text whose language the venue does not name (`""`).
pub(super) fn shown(code: &str) -> &str {
    if code.is_empty() { "the main text" } else { code }
}
