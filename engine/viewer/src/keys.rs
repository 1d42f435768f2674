//! The keys the viewer reacts to, named once for the window and for input scripts.

use winit::keyboard::{Key, KeyCode, NamedKey, PhysicalKey};

/// A key with a meaning in the viewer. Letters are matched by position (the physical
/// key), so WASD walks on any keyboard layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViewerKey {
    /// Walk forward.
    W,
    /// Step left.
    A,
    /// Walk back.
    S,
    /// Step right.
    D,
    /// Run while held.
    Shift,
    /// Switch between walking and orbiting.
    Tab,
    /// Start (or stop) the guided tour.
    T,
    /// Frame the whole scene (orbit mode).
    F,
    /// Next language of the info panel.
    L,
    /// Next material variant (after the last, every primitive's own material).
    V,
    /// Show or hide the illuminance (lux) overlay.
    I,
    /// Pause or resume the animations.
    Space,
    /// Release the cursor; close the info panel.
    Escape,
    /// Show or hide the statistics overlay.
    F3,
    /// Save a screenshot.
    F12,
    /// Turn edit mode off and on (with `--edit`).
    E,
    /// Edit mode: move the selected artwork left along its wall.
    Left,
    /// Edit mode: move the selected artwork right along its wall.
    Right,
    /// Edit mode: move the light, spawn or tour stop selected by its marker away.
    Up,
    /// Edit mode: move the light, spawn or tour stop selected by its marker nearer.
    Down,
    /// Edit mode, with Ctrl: undo (with Shift too: redo).
    Z,
    /// Held for the edit chords: Ctrl+S saves, Ctrl+Z undoes, Ctrl+Shift+Z redoes,
    /// Ctrl+D duplicates; held while dragging, snaps to the grid.
    Ctrl,
    /// Edit mode: delete the selected exhibit.
    Delete,
    /// Edit mode: turn the selected model (with Shift: the other way).
    R,
    /// Edit mode: brighten the light chosen in the edit panel (`=`/`+`, or keypad `+`).
    Plus,
    /// Edit mode: dim the light chosen in the edit panel (`-`, or keypad `-`).
    Minus,
    /// Edit mode: make the selected exhibit smaller (`[`).
    BracketLeft,
    /// Edit mode: make the selected exhibit larger (`]`).
    BracketRight,
    /// Commits the edit panel's single-line field that has the keyboard (egui's key:
    /// the viewer itself gives it no meaning).
    Enter,
}

impl ViewerKey {
    /// Every key, in the order the docs list them.
    pub const ALL: [ViewerKey; 29] = [
        Self::W,
        Self::A,
        Self::S,
        Self::D,
        Self::Shift,
        Self::Tab,
        Self::T,
        Self::F,
        Self::L,
        Self::V,
        Self::I,
        Self::Space,
        Self::Escape,
        Self::F3,
        Self::F12,
        Self::E,
        Self::Left,
        Self::Right,
        Self::Up,
        Self::Down,
        Self::Z,
        Self::Ctrl,
        Self::Delete,
        Self::R,
        Self::Plus,
        Self::Minus,
        Self::BracketLeft,
        Self::BracketRight,
        Self::Enter,
    ];

    /// The key's name in input scripts.
    pub fn name(self) -> &'static str {
        match self {
            Self::W => "W",
            Self::A => "A",
            Self::S => "S",
            Self::D => "D",
            Self::Shift => "Shift",
            Self::Tab => "Tab",
            Self::T => "T",
            Self::F => "F",
            Self::L => "L",
            Self::V => "V",
            Self::I => "I",
            Self::Space => "Space",
            Self::Escape => "Escape",
            Self::F3 => "F3",
            Self::F12 => "F12",
            Self::E => "E",
            Self::Left => "Left",
            Self::Right => "Right",
            Self::Up => "Up",
            Self::Down => "Down",
            Self::Z => "Z",
            Self::Ctrl => "Ctrl",
            Self::Delete => "Delete",
            Self::R => "R",
            Self::Plus => "Plus",
            Self::Minus => "Minus",
            Self::BracketLeft => "BracketLeft",
            Self::BracketRight => "BracketRight",
            Self::Enter => "Enter",
        }
    }

    /// The key named `name` (case-insensitive; `Esc` is accepted for `Escape`).
    pub fn from_name(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("esc") {
            return Some(Self::Escape);
        }
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }

    /// The viewer key of a winit key event, if it has one.
    pub fn from_winit(physical: PhysicalKey, logical: &Key) -> Option<Self> {
        if let PhysicalKey::Code(code) = physical {
            let key = match code {
                KeyCode::KeyW => Some(Self::W),
                KeyCode::KeyA => Some(Self::A),
                KeyCode::KeyS => Some(Self::S),
                KeyCode::KeyD => Some(Self::D),
                KeyCode::KeyT => Some(Self::T),
                KeyCode::KeyF => Some(Self::F),
                KeyCode::KeyL => Some(Self::L),
                KeyCode::KeyV => Some(Self::V),
                KeyCode::KeyI => Some(Self::I),
                KeyCode::ShiftLeft | KeyCode::ShiftRight => Some(Self::Shift),
                KeyCode::Tab => Some(Self::Tab),
                KeyCode::Space => Some(Self::Space),
                KeyCode::Escape => Some(Self::Escape),
                KeyCode::F3 => Some(Self::F3),
                KeyCode::F12 => Some(Self::F12),
                KeyCode::KeyE => Some(Self::E),
                KeyCode::KeyZ => Some(Self::Z),
                KeyCode::KeyR => Some(Self::R),
                KeyCode::Delete => Some(Self::Delete),
                KeyCode::Equal | KeyCode::NumpadAdd => Some(Self::Plus),
                KeyCode::Minus | KeyCode::NumpadSubtract => Some(Self::Minus),
                KeyCode::BracketLeft => Some(Self::BracketLeft),
                KeyCode::BracketRight => Some(Self::BracketRight),
                KeyCode::ArrowLeft => Some(Self::Left),
                KeyCode::ArrowRight => Some(Self::Right),
                KeyCode::ArrowUp => Some(Self::Up),
                KeyCode::ArrowDown => Some(Self::Down),
                KeyCode::ControlLeft | KeyCode::ControlRight => Some(Self::Ctrl),
                KeyCode::Enter | KeyCode::NumpadEnter => Some(Self::Enter),
                _ => None,
            };
            if key.is_some() {
                return key;
            }
        }
        match logical {
            Key::Named(NamedKey::Shift) => Some(Self::Shift),
            Key::Named(NamedKey::Tab) => Some(Self::Tab),
            Key::Named(NamedKey::Space) => Some(Self::Space),
            Key::Named(NamedKey::Escape) => Some(Self::Escape),
            Key::Named(NamedKey::F3) => Some(Self::F3),
            Key::Named(NamedKey::F12) => Some(Self::F12),
            Key::Named(NamedKey::ArrowLeft) => Some(Self::Left),
            Key::Named(NamedKey::ArrowRight) => Some(Self::Right),
            Key::Named(NamedKey::ArrowUp) => Some(Self::Up),
            Key::Named(NamedKey::ArrowDown) => Some(Self::Down),
            Key::Named(NamedKey::Control) => Some(Self::Ctrl),
            Key::Named(NamedKey::Delete) => Some(Self::Delete),
            Key::Named(NamedKey::Enter) => Some(Self::Enter),
            _ => None,
        }
    }

    /// True for the keys that move the visitor (they also end a tour).
    pub fn is_movement(self) -> bool {
        matches!(self, Self::W | Self::A | Self::S | Self::D)
    }
}

/// Whether a key event reaches the viewer when egui `consumed` it (a text field has the
/// keyboard): a press does not (it types), a release always does, so that a key held
/// before the field took the keyboard (W walking, Ctrl) is let go of.
pub(super) fn key_reaches_viewer(consumed: bool, down: bool) -> bool {
    !consumed || !down
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_field_takes_presses_but_releases_still_reach_the_viewer() {
        assert!(key_reaches_viewer(false, true));
        assert!(key_reaches_viewer(false, false));
        assert!(!key_reaches_viewer(true, true), "typed into the field");
        assert!(key_reaches_viewer(true, false), "a held key is let go of");
    }

    #[test]
    fn every_key_is_found_by_its_name_in_any_case() {
        for key in ViewerKey::ALL {
            assert_eq!(ViewerKey::from_name(key.name()), Some(key));
            assert_eq!(ViewerKey::from_name(&key.name().to_lowercase()), Some(key));
        }
        assert_eq!(ViewerKey::from_name("Esc"), Some(ViewerKey::Escape));
        assert_eq!(ViewerKey::from_name("Q"), None);
    }

    #[test]
    fn letters_follow_the_physical_key() {
        let logical = Key::Character("z".into());
        assert_eq!(
            ViewerKey::from_winit(PhysicalKey::Code(KeyCode::KeyW), &logical),
            Some(ViewerKey::W)
        );
        assert_eq!(
            ViewerKey::from_winit(PhysicalKey::Code(KeyCode::KeyQ), &logical),
            None
        );
    }
}
