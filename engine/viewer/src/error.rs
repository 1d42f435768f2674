//! Why the viewer stopped.

use super::script::ScriptError;
use museion_physics::PhysicsError;
use museion_venue::VenueError;

/// Everything that ends the viewer with an error.
#[derive(Debug, thiserror::Error)]
pub enum ViewerError {
    /// The window or its event loop could not be created or run.
    #[error("window: {0}")]
    Window(String),
    /// There is no display to open a window on.
    #[error(
        "no display to open a window on: run the viewer under xvfb-run (Debian package xvfb), or use `museion render` for a picture"
    )]
    NoDisplay,
    /// A screenshot path that names an input of the venue, or not a PNG.
    #[error(transparent)]
    Output(#[from] museion_files::OutputError),
    /// A screenshot could not be written.
    #[error("cannot write {}: {}", path.display(), image_words(source))]
    WriteImage {
        /// The file.
        path: std::path::PathBuf,
        /// What the encoder said.
        source: image::ImageError,
    },
    /// Drawing failed.
    #[error(transparent)]
    Render(#[from] museion_renderer::RenderError),
    /// The GPU, its window surface or a readback failed.
    #[error(transparent)]
    Gpu(#[from] museion_renderer::GpuError),
    /// The venue (or model) could not be loaded.
    #[error(transparent)]
    Venue(#[from] VenueError),
    /// The venue file could not be opened for editing (`--edit`).
    #[error(transparent)]
    Edit(#[from] museion_venue::EditError),
    /// The input script is unreadable or malformed.
    #[error(transparent)]
    Script(#[from] ScriptError),
    /// A font file named by an option cannot be used.
    #[error(transparent)]
    Font(#[from] super::text::FontError),
    /// `--ui-lang` names a language the viewer does not speak.
    #[error(transparent)]
    UiLanguage(#[from] super::ui_text::UnknownUiLanguage),
    /// The render scale asked for is outside 0.25 to 1.
    #[error("render scale {0} (0.25 to 1)")]
    RenderScale(f32),
    /// `--variant` names a material variant the scene does not have.
    #[error("--variant: {0}")]
    Variant(museion_scene::Error),
    /// The visitor's simulation failed.
    #[error(transparent)]
    Physics(#[from] PhysicsError),
}

/// An encoder's failure, its file system errors in a person's words.
fn image_words(error: &image::ImageError) -> String {
    match error {
        image::ImageError::IoError(e) => museion_files::io_words(e),
        other => other.to_string(),
    }
}

impl ViewerError {
    /// Whether the GPU device was lost: the viewer makes a new one and goes on.
    pub fn is_device_lost(&self) -> bool {
        match self {
            ViewerError::Render(error) => error.is_device_lost(),
            ViewerError::Gpu(error) => matches!(error, museion_renderer::GpuError::DeviceLost { .. }),
            _ => false,
        }
    }

    /// The error for a window or event loop winit could not make: advice when no
    /// display is set (on Linux and the BSDs), else winit's message without the source
    /// path it puts before OS errors.
    pub(crate) fn window(error: impl std::fmt::Display) -> Self {
        if cfg!(all(unix, not(target_os = "macos"))) && !has_display(|name| std::env::var_os(name)) {
            return Self::NoDisplay;
        }
        Self::Window(plain_window_message(&error.to_string()))
    }
}

/// True when one of the variables a window system is found by is set and not empty.
fn has_display(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .any(|name| var(name).is_some_and(|v| !v.is_empty()))
}

/// winit's OS errors read "os error at /path/to/winit/src/…/mod.rs:765: what happened";
/// a person needs only what happened.
fn plain_window_message(text: &str) -> String {
    text.strip_prefix("os error at ")
        .and_then(|rest| rest.split_once(": "))
        .map_or_else(|| text.to_owned(), |(_, message)| message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_errors_read_without_winits_source_path() {
        let raw = "os error at /root/.cargo/registry/src/x/winit-0.30.13/src/platform_impl/linux/mod.rs:765: \
                   neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set.";
        assert_eq!(
            plain_window_message(raw),
            "neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set."
        );
        assert_eq!(
            plain_window_message("the event loop ended"),
            "the event loop ended"
        );
    }

    #[test]
    fn a_display_is_any_window_system_variable_that_is_set() {
        assert!(!has_display(|_| None));
        assert!(!has_display(|_| Some("".into())));
        assert!(has_display(
            |name| (name == "WAYLAND_DISPLAY").then(|| "wayland-0".into())
        ));
        let advice = ViewerError::NoDisplay.to_string();
        assert!(
            advice.contains("xvfb-run") && advice.contains("museion render"),
            "{advice}"
        );
    }
}
