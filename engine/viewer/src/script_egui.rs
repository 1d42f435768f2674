//! A script's input as egui sees it: the keys a script presses (with the modifiers it
//! holds), its panel clicks and its typed text become the egui events the window would
//! make of a user's, so that they reach the panels the same way (`script_input.rs`
//! hands them over).

use super::keys::ViewerKey;

/// The modifiers a script holds down, and the egui events of its actions.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ScriptedEgui {
    modifiers: egui::Modifiers,
}

impl ScriptedEgui {
    /// The egui event of `key` going down (`down`) or up: for Ctrl and Shift, the
    /// modifiers held changing.
    pub fn key(&mut self, key: ViewerKey, down: bool) -> egui::Event {
        match (key, egui_key(key)) {
            (_, Some(key)) => egui::Event::Key {
                key,
                physical_key: None,
                pressed: down,
                repeat: false,
                modifiers: self.modifiers,
            },
            (ViewerKey::Shift, None) => {
                self.modifiers.shift = down;
                egui::Event::ModifiersChanged(self.modifiers)
            }
            (_, None) => {
                self.modifiers.ctrl = down;
                // egui's shortcuts ask for `command`, which is Ctrl off the Mac.
                self.modifiers.command = down;
                egui::Event::ModifiersChanged(self.modifiers)
            }
        }
    }

    /// A left click at `at` (in points): the pointer moves there and the button goes
    /// down and up, with the modifiers held.
    pub fn click(&self, at: egui::Pos2) -> [egui::Event; 3] {
        let button = |pressed| egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: self.modifiers,
        };
        [egui::Event::PointerMoved(at), button(true), button(false)]
    }
}

/// egui's key for a viewer key (`None`: a modifier).
fn egui_key(key: ViewerKey) -> Option<egui::Key> {
    use egui::Key;
    Some(match key {
        ViewerKey::W => Key::W,
        ViewerKey::A => Key::A,
        ViewerKey::S => Key::S,
        ViewerKey::D => Key::D,
        ViewerKey::Tab => Key::Tab,
        ViewerKey::T => Key::T,
        ViewerKey::F => Key::F,
        ViewerKey::L => Key::L,
        ViewerKey::V => Key::V,
        ViewerKey::I => Key::I,
        ViewerKey::Space => Key::Space,
        ViewerKey::Escape => Key::Escape,
        ViewerKey::F3 => Key::F3,
        ViewerKey::F12 => Key::F12,
        ViewerKey::E => Key::E,
        ViewerKey::Left => Key::ArrowLeft,
        ViewerKey::Right => Key::ArrowRight,
        ViewerKey::Up => Key::ArrowUp,
        ViewerKey::Down => Key::ArrowDown,
        ViewerKey::Z => Key::Z,
        ViewerKey::Delete => Key::Delete,
        ViewerKey::R => Key::R,
        ViewerKey::Plus => Key::Plus,
        ViewerKey::Minus => Key::Minus,
        ViewerKey::BracketLeft => Key::OpenBracket,
        ViewerKey::BracketRight => Key::CloseBracket,
        ViewerKey::Enter => Key::Enter,
        ViewerKey::Ctrl | ViewerKey::Shift => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_held_makes_a_command_chord_and_letting_go_ends_it() {
        let mut scripted = ScriptedEgui::default();
        assert_eq!(
            scripted.key(ViewerKey::Ctrl, true),
            egui::Event::ModifiersChanged(egui::Modifiers::COMMAND | egui::Modifiers::CTRL)
        );
        let egui::Event::Key {
            key,
            pressed,
            modifiers,
            ..
        } = scripted.key(ViewerKey::A, true)
        else {
            panic!("A makes a key event");
        };
        assert_eq!((key, pressed), (egui::Key::A, true));
        assert!(modifiers.command && modifiers.ctrl && !modifiers.shift);
        assert_eq!(
            scripted.key(ViewerKey::Ctrl, false),
            egui::Event::ModifiersChanged(egui::Modifiers::NONE)
        );
        assert!(matches!(
            scripted.key(ViewerKey::Enter, false),
            egui::Event::Key {
                key: egui::Key::Enter,
                pressed: false,
                modifiers: egui::Modifiers::NONE,
                ..
            }
        ));
    }

    #[test]
    fn every_key_but_the_modifiers_has_an_egui_key() {
        for key in ViewerKey::ALL {
            let modifier = matches!(key, ViewerKey::Ctrl | ViewerKey::Shift);
            assert_eq!(egui_key(key).is_none(), modifier, "{key:?}");
        }
    }

    #[test]
    fn a_click_moves_the_pointer_then_presses_and_releases_there() {
        let mut scripted = ScriptedEgui::default();
        scripted.key(ViewerKey::Shift, true);
        let at = egui::pos2(40.0, 12.5);
        let events = scripted.click(at);
        assert_eq!(events[0], egui::Event::PointerMoved(at));
        for (event, down) in events[1..].iter().zip([true, false]) {
            let egui::Event::PointerButton {
                pos,
                button,
                pressed,
                modifiers,
            } = event
            else {
                panic!("{event:?} is not a button event");
            };
            assert_eq!(
                (*pos, *button, *pressed),
                (at, egui::PointerButton::Primary, down)
            );
            assert!(modifiers.shift);
        }
    }
}
