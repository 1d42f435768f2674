//! A script's keys, panel clicks and typed text handed to the viewer as a window's
//! would be: egui first (`script_egui.rs` makes its events), the viewer what egui does
//! not keep.

use super::app::App;
use super::keys::{ViewerKey, key_reaches_viewer};
use super::script::UiTarget;

impl App {
    /// A script's key going down or up: egui sees it first, as it sees a window's, and a
    /// press reaches the viewer only when no field has the keyboard. Tab, as a window's
    /// (see `Overlay::on_window_event`), is the viewer's unless a field has the keyboard.
    pub(super) fn scripted_key(&mut self, key: ViewerKey, down: bool) {
        let typing = self.running.as_ref().is_some_and(|r| r.overlay.wants_keyboard());
        if key == ViewerKey::Tab && !typing {
            self.key(key, down);
            return;
        }
        let event = self.scripted.key(key, down);
        let consumed = self.running.as_mut().is_some_and(|running| {
            running.overlay.push_scripted([event]);
            running.overlay.wants_keyboard()
        });
        if key_reaches_viewer(consumed, down) {
            self.key(key, down);
        }
    }

    /// A script's click on the panels, at a pixel or a named place.
    pub(super) fn ui_click(&mut self, target: &UiTarget) {
        let Some(running) = &mut self.running else {
            return;
        };
        let at = match target {
            UiTarget::Pixel(x, y) => running.overlay.point_of(*x, *y),
            UiTarget::Place(name) => match running.overlay.place_centre(name) {
                Some(at) => at,
                None => {
                    log::warn!("viewer: script: no panel place `{name}` in the last frame");
                    return;
                }
            },
        };
        log::info!("viewer: script: panel click at ({:.0}, {:.0}) points", at.x, at.y);
        let events = self.scripted.click(at);
        running.overlay.push_scripted(events);
    }

    /// Text a script types, for the field that has the keyboard.
    pub(super) fn type_text(&mut self, text: &str) {
        if let Some(running) = &mut self.running {
            let event = egui::Event::Text(text.to_owned());
            running.overlay.push_scripted([event]);
        }
    }
}
