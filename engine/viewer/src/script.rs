//! Input scripts: key, mouse and command events fed to the viewer frame by frame (the
//! format is described in the [viewer module docs](super)).

use super::keys::ViewerKey;
use std::path::{Path, PathBuf};

/// Something a script does at a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum ScriptAction {
    /// A key goes down (`true`) or up.
    Key(ViewerKey, bool),
    /// The mouse moves by this many pixels (as with a grabbed cursor: it turns the view).
    Mouse(f32, f32),
    /// A left click at a pixel of the window, or at its centre.
    Click(Option<(f32, f32)>),
    /// The left button goes down with the cursor at a pixel (`press X Y`).
    Press(f32, f32),
    /// The cursor moves to a pixel, a button held or not (`drag X Y`).
    Drag(f32, f32),
    /// The cursor moves to a pixel and the left button comes up there (`release X Y`).
    Release(f32, f32),
    /// A file dropped on the window at a pixel (`drop PATH X Y`; relative paths resolve
    /// against the working directory): in edit mode, added as an exhibit there.
    Drop(PathBuf, f32, f32),
    /// Keys pressed in order and released in reverse, as a chord (`chord Ctrl+S`).
    Chord(Vec<ViewerKey>),
    /// Save the frame as PNG (relative paths resolve against the screenshot directory).
    Screenshot(PathBuf),
    /// End the viewer with exit status 0.
    Quit,
    /// Ask the window system for a window of this many pixels (`resize W H`).
    Resize(u32, u32),
    /// Destroy the GPU device, as a driver reset would (`lose-device`): the viewer makes
    /// a new one and goes on, for testing that it does.
    LoseDevice,
    /// A left click on the panels only (`ui-click X Y` or `ui-click NAME`), given to egui
    /// as the window gives it a user's: it focuses a field or presses a button there, and
    /// the 3D view does not see it (`click` and `press` reach the view under any panel).
    UiClick(UiTarget),
    /// Text typed (`type TEXT`: the rest of the line, trimmed), given to egui as a
    /// keyboard's text is: it goes into the field that has the keyboard, if any.
    Type(String),
}

/// Where a [`ScriptAction::UiClick`] clicks.
#[derive(Clone, Debug, PartialEq)]
pub enum UiTarget {
    /// A pixel of the window.
    Pixel(f32, f32),
    /// The middle of a named place on the panels as the last frame laid them out (such
    /// as `label.title`, the edit panel's title field; see the module docs), so that a
    /// script does not depend on where the layout puts it.
    Place(String),
}

/// One line of a script.
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptEvent {
    /// The frame it happens at, counting from 0.
    pub frame: u64,
    /// What happens.
    pub action: ScriptAction,
}

/// A parsed script, its events ordered by frame (lines of one frame keep file order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Script {
    events: Vec<ScriptEvent>,
}

/// Why a script could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    /// The file could not be read.
    #[error("cannot read script {}: {}", path.display(), museion_files::io_words(source))]
    Read {
        /// The script.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A line does not follow the format.
    #[error("{}:{line}: {message} (expected e.g. `frame 10: key W down`)", path.display())]
    Syntax {
        /// The script.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl Script {
    /// Reads and parses a script file.
    pub fn load(path: &Path) -> Result<Self, ScriptError> {
        let text = std::fs::read_to_string(path).map_err(|source| ScriptError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Parses script text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ScriptError> {
        let mut events = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let event = parse_line(line).map_err(|message| ScriptError::Syntax {
                path: path.to_path_buf(),
                line: index + 1,
                message,
            })?;
            events.push(event);
        }
        // Stable: lines of one frame keep their order.
        events.sort_by_key(|e| e.frame);
        Ok(Self { events })
    }

    /// The events of `frame`, in file order.
    pub fn events_at(&self, frame: u64) -> impl Iterator<Item = &ScriptAction> {
        let start = self.events.partition_point(|e| e.frame < frame);
        self.events[start..]
            .iter()
            .take_while(move |e| e.frame == frame)
            .map(|e| &e.action)
    }

    /// Every event, ordered by frame.
    pub fn events(&self) -> &[ScriptEvent] {
        &self.events
    }
}

/// A window side: a whole number from 1 to 16384.
fn pixels(word: &str) -> Result<u32, String> {
    word.parse::<u32>()
        .ok()
        .filter(|n| (1..=16384).contains(n))
        .ok_or_else(|| format!("`{word}` is not a window side (1 to 16384 pixels)"))
}

fn parse_line(line: &str) -> Result<ScriptEvent, String> {
    let Some((head, body)) = line.split_once(':') else {
        return Err("no `:` after the frame number".into());
    };
    let mut head_words = head.split_whitespace();
    let frame = match (head_words.next(), head_words.next(), head_words.next()) {
        (Some(word), Some(n), None) if word.eq_ignore_ascii_case("frame") => n
            .parse::<u64>()
            .map_err(|_| format!("`{n}` is not a frame number (0 or more)"))?,
        _ => return Err(format!("`{head}` should be `frame N`")),
    };
    if let Some(text) = typed_text(body) {
        return Ok(ScriptEvent {
            frame,
            action: ScriptAction::Type(text.to_owned()),
        });
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    let action = match words.as_slice() {
        ["key", name, state] => {
            let key = key_named(name)?;
            let down = match state.to_ascii_lowercase().as_str() {
                "down" => true,
                "up" => false,
                _ => return Err(format!("key state `{state}` should be `down` or `up`")),
            };
            ScriptAction::Key(key, down)
        }
        ["chord", keys] => ScriptAction::Chord(keys.split('+').map(key_named).collect::<Result<_, _>>()?),
        ["mouse", dx, dy] => ScriptAction::Mouse(number(dx)?, number(dy)?),
        ["click"] => ScriptAction::Click(None),
        ["click", x, y] => ScriptAction::Click(Some((number(x)?, number(y)?))),
        ["press", x, y] => ScriptAction::Press(number(x)?, number(y)?),
        ["drag", x, y] => ScriptAction::Drag(number(x)?, number(y)?),
        ["release", x, y] => ScriptAction::Release(number(x)?, number(y)?),
        ["drop", path, x, y] => ScriptAction::Drop(PathBuf::from(path), number(x)?, number(y)?),
        ["screenshot", file] => ScriptAction::Screenshot(PathBuf::from(file)),
        ["quit"] => ScriptAction::Quit,
        ["lose-device"] => ScriptAction::LoseDevice,
        ["resize", width, height] => ScriptAction::Resize(pixels(width)?, pixels(height)?),
        ["ui-click", x, y] => ScriptAction::UiClick(UiTarget::Pixel(number(x)?, number(y)?)),
        ["ui-click", name] => ScriptAction::UiClick(UiTarget::Place((*name).to_owned())),
        ["type"] => return Err("nothing to type after `type`".into()),
        [] => return Err("nothing after `:`".into()),
        [command, ..] => {
            return Err(format!(
                "`{}` is not an action: key NAME down|up, chord KEY+KEY, mouse DX DY, click [X Y], press X Y, drag X Y, release X Y, drop PATH X Y, ui-click X Y|NAME, type TEXT, screenshot FILE, resize W H, lose-device, quit",
                command.trim()
            ));
        }
    };
    Ok(ScriptEvent { frame, action })
}

/// The text of a `type TEXT` line's body (the part after the frame's `:`): what follows
/// the word `type` and a space, trimmed; `None` for any other action.
fn typed_text(body: &str) -> Option<&str> {
    let rest = body.trim_start().strip_prefix("type")?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim())
        .filter(|text| !text.is_empty())
}

/// The key of a script's name for it.
fn key_named(name: &str) -> Result<ViewerKey, String> {
    ViewerKey::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = ViewerKey::ALL.iter().map(|k| k.name()).collect();
        format!("unknown key `{name}` (keys: {})", known.join(", "))
    })
}

fn number(text: &str) -> Result<f32, String> {
    text.parse::<f32>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("`{text}` is not a finite number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action of `script`, in order.
    fn actions(script: &Script) -> Vec<ScriptAction> {
        script.events().iter().map(|e| e.action.clone()).collect()
    }

    fn parse(text: &str) -> Result<Script, ScriptError> {
        Script::parse(text, Path::new("walk.script"))
    }

    #[test]
    fn events_come_out_by_frame_in_file_order() {
        let script = parse(
            "# a walk\nframe 40: mouse 120 -3.5\nframe 10: key w down\n\nframe 40: screenshot a.png # first\nframe 10: click\nframe 50: click 4 5\nframe 55: chord ctrl+Shift+Z\nframe 56: press 10 20\nframe 57: drag 30.5 20\nframe 58: release 40 21\nframe 59: drop art/new.png 5 6\nframe 60: quit\n",
        )
        .expect("valid script");
        let at_10: Vec<_> = script.events_at(10).cloned().collect();
        assert_eq!(
            at_10,
            vec![ScriptAction::Key(ViewerKey::W, true), ScriptAction::Click(None)]
        );
        let at_40: Vec<_> = script.events_at(40).cloned().collect();
        assert_eq!(
            at_40,
            vec![
                ScriptAction::Mouse(120.0, -3.5),
                ScriptAction::Screenshot(PathBuf::from("a.png"))
            ]
        );
        assert_eq!(script.events_at(11).count(), 0);
        assert_eq!(
            script.events_at(50).cloned().collect::<Vec<_>>(),
            vec![ScriptAction::Click(Some((4.0, 5.0)))]
        );
        assert_eq!(
            script.events_at(55).cloned().collect::<Vec<_>>(),
            vec![ScriptAction::Chord(vec![
                ViewerKey::Ctrl,
                ViewerKey::Shift,
                ViewerKey::Z
            ])]
        );
        assert_eq!(
            script
                .events()
                .iter()
                .filter(|e| (56..=58).contains(&e.frame))
                .map(|e| e.action.clone())
                .collect::<Vec<_>>(),
            vec![
                ScriptAction::Press(10.0, 20.0),
                ScriptAction::Drag(30.5, 20.0),
                ScriptAction::Release(40.0, 21.0)
            ]
        );
        assert_eq!(
            script.events_at(59).cloned().collect::<Vec<_>>(),
            vec![ScriptAction::Drop(PathBuf::from("art/new.png"), 5.0, 6.0)]
        );
        assert_eq!(script.events().len(), 11);
        assert_eq!(script.events().last().map(|e| e.frame), Some(60));
        let script = parse(
            "frame 3: resize 1 1
frame 4: lose-device
",
        )
        .expect("valid script");
        assert_eq!(
            actions(&script),
            vec![ScriptAction::Resize(1, 1), ScriptAction::LoseDevice]
        );
    }

    #[test]
    fn typed_text_keeps_its_inner_spaces_and_panel_clicks_take_a_pixel_or_a_name() {
        let script = parse(
            "frame 1: ui-click 640 120.5\nframe 2: ui-click label.title\n\
             frame 3: type   The  Bather, 1890  # a comment\nframe 4: key Enter down\n",
        )
        .expect("valid script");
        assert_eq!(
            actions(&script),
            vec![
                ScriptAction::UiClick(UiTarget::Pixel(640.0, 120.5)),
                ScriptAction::UiClick(UiTarget::Place("label.title".into())),
                ScriptAction::Type("The  Bather, 1890".into()),
                ScriptAction::Key(ViewerKey::Enter, true),
            ]
        );
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let cases = [
            ("frame 1: key W down\nframe x: quit", 2, "not a frame number"),
            ("frame 1 key W down", 1, "no `:`"),
            ("frame 1: key Q down", 1, "unknown key `Q`"),
            ("frame 1: key W sideways", 1, "`down` or `up`"),
            ("frame 1: chord Ctrl+Q", 1, "unknown key `Q`"),
            ("frame 1: mouse 1 nan", 1, "not a finite number"),
            ("frame 1: jump", 1, "not an action"),
            ("frame 1: resize 0 10", 1, "not a window side"),
            ("frame 1: drag 3", 1, "not an action"),
            ("frame 1: type   ", 1, "nothing to type"),
            ("frame 1: typewriter", 1, "not an action"),
            ("frame 1: ui-click 3 nan", 1, "not a finite number"),
            ("frame 1: press 3 inf", 1, "not a finite number"),
            ("frame 1: resize 20000 10", 1, "not a window side"),
            ("frame 1:", 1, "nothing after"),
            ("at 1: quit", 1, "should be `frame N`"),
        ];
        for (text, line, needle) in cases {
            match parse(text) {
                Err(ScriptError::Syntax {
                    line: got, message, ..
                }) => {
                    assert_eq!(got, line, "{text}");
                    assert!(message.contains(needle), "{text}: {message}");
                }
                other => panic!("{text}: expected a syntax error, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_missing_file_is_a_read_error() {
        let error = Script::load(Path::new("/nonexistent/walk.script")).expect_err("missing file");
        assert!(matches!(error, ScriptError::Read { .. }));
        assert!(error.to_string().contains("/nonexistent/walk.script"));
    }
}
