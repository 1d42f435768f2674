//! Why the demo museum could not be written.

use std::path::PathBuf;

/// Why the demo museum could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// A painting could not be painted.
    #[error("cannot paint {what}: {source}")]
    Paint {
        /// Which painting.
        what: String,
        /// What the painter said.
        source: museion_art::ArtError,
    },
    /// A sculpture could not be written as GLB.
    #[error("cannot export {what}: {source}")]
    Export {
        /// Which sculpture.
        what: String,
        /// What the exporter said.
        source: museion::gltf::ExportError,
    },
    /// A painting could not be encoded as JPEG.
    #[error("cannot encode {}: {source}", path.display())]
    Encode {
        /// The image file.
        path: PathBuf,
        /// What the encoder said.
        source: image::ImageError,
    },
    /// A file or folder could not be written.
    #[error("cannot write {}: {}", path.display(), museion_files::io_words(source))]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The works do not fit the museum's walls and rooms (a catalogue other than the
    /// demo's, or sizes that changed).
    #[error("the demo museum's layout failed: {0}")]
    Layout(String),
    /// The options asked for an impossible picture size.
    #[error("invalid demo options: {0}")]
    Options(String),
}
