//! What the visitor reads in, as the app changes it: the next language (`L`), the
//! tour's text in it, and the fonts it is drawn with (the options' files, the venue's,
//! the system's).

use super::app::App;
use super::language::shown;
use super::text::{FontOptions, MissingScripts};
use std::sync::Arc;

impl App {
    /// Steps to the venue's next language (`L`).
    pub(super) fn next_language(&mut self) {
        let languages = &self.session.venue.languages;
        if languages.is_empty() {
            return;
        }
        let at = languages.iter().position(|c| *c == self.language);
        self.language = languages[at.map_or(0, |i| (i + 1) % languages.len())].clone();
        log::info!("viewer: reading in {}", shown(&self.language));
    }

    /// The tour band's text now (see [`super::tour::TourPlayer::text`]), when touring.
    pub(super) fn tour_text(&self) -> Option<(String, Option<String>)> {
        let tour = self.tour.as_ref()?;
        Some(tour.text(&self.session.venue.tours, &self.language, &self.words))
    }

    /// The fonts for the current venue: the options' files, then the venue's.
    pub(super) fn font_options(&self) -> FontOptions {
        let mut options = self.options.fonts.clone();
        options.files.extend(self.session.venue.fonts.iter().cloned());
        options
    }

    /// Installs the fonts of the current venue into the overlay (again after a reload
    /// that changed them). A venue font that cannot be used is a note, and the venue is
    /// drawn without it.
    pub(super) fn install_fonts(&mut self) -> Result<(), super::ViewerError> {
        let wanted = self.font_options();
        let Some(running) = &self.running else {
            return Ok(());
        };
        // A venue's font files may have changed on disk even when their names did not.
        if self.fonts.as_ref() == Some(&wanted) && self.session.venue.fonts.is_empty() {
            return Ok(());
        }
        // What no font drew may be drawn now.
        self.missing_fonts = Arc::new(MissingScripts::default());
        match running.overlay.install_fonts(&wanted, self.missing_fonts.clone()) {
            Ok(()) => self.fonts = Some(wanted),
            Err(error) => {
                log::warn!("viewer: {error}; drawing without the venue's fonts");
                self.notice = Some(error.to_string());
                running
                    .overlay
                    .install_fonts(&self.options.fonts, self.missing_fonts.clone())?;
                self.fonts = Some(self.options.fonts.clone());
            }
        }
        Ok(())
    }
}
