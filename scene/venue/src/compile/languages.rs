//! `[venue] language`, `languages` and `fonts`: what the venue is read in and drawn with.

use super::Compiler;
use crate::error::VenueError;
use crate::languages::reading_order;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The font files the viewer can read.
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

impl Compiler<'_> {
    /// The main text's language code and the visitor's reading order. A code in the
    /// order that nothing is translated into is a warning (the main text is shown).
    /// `available` holds the codes the venue's translations are written in.
    pub fn languages(
        &mut self,
        available: &BTreeSet<String>,
    ) -> Result<(Option<String>, Vec<String>), VenueError> {
        let venue = &self.ctx.doc.venue;
        let main = match &venue.language {
            Some(code) => Some(self.language_code(code)?),
            None => None,
        };
        let asked = match &venue.languages {
            Some(list) => {
                let mut codes = Vec::with_capacity(list.len());
                for code in list {
                    let code = self.language_code(code)?;
                    if main.as_deref() != Some(code.as_str()) && !available.contains(&code) {
                        self.ctx.report.warnings.push(format!(
                            "languages: nothing in the venue is translated into \"{code}\"; its visitors read the main text"
                        ));
                    }
                    codes.push(code);
                }
                Some(codes)
            }
            None => None,
        };
        let order = reading_order(main.as_deref(), asked.as_deref(), available);
        Ok((main, order))
    }

    /// A language code as written: letters, digits and `-` (BCP 47, `"zh-CN"`).
    fn language_code(&self, code: &toml::Spanned<String>) -> Result<String, VenueError> {
        let text = code.get_ref();
        let valid = !text.is_empty()
            && text.len() <= 35
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && text.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if !valid {
            return Err(self.ctx.source().value(
                code.span(),
                format!("\"{text}\" is not a language code"),
                "write a BCP 47 code such as \"en\", \"fr\", \"zh-CN\" or \"pt-BR\"",
            ));
        }
        Ok(text.clone())
    }

    /// The font files the venue names, each inside the venue's folders.
    pub fn fonts(&mut self) -> Result<Vec<PathBuf>, VenueError> {
        let mut fonts = Vec::new();
        for font in &self.ctx.doc.venue.fonts {
            let extension = std::path::Path::new(font.get_ref())
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if !extension.as_deref().is_some_and(|e| FONT_EXTENSIONS.contains(&e)) {
                return Err(self.ctx.source().value(
                    font.span(),
                    format!("font \"{}\" is not a .ttf, .otf or .ttc file", font.get_ref()),
                    "name a TrueType or OpenType font file (or collection)",
                ));
            }
            let (path, _) = self.ctx.existing_file(font, "font")?;
            self.ctx.depend(path.clone());
            fonts.push(path);
        }
        Ok(fonts)
    }
}
