//! The one error type of the crate.

use std::path::PathBuf;

/// Why a manifest could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum IiifError {
    /// The base URL is not an `http` or `https` URL.
    #[error("the IIIF base {base:?} is not an http:// or https:// URL (ids in IIIF are web addresses)")]
    BadBase {
        /// The base as given.
        base: String,
    },
    /// The venue has no artwork with an image file: a manifest needs a canvas.
    #[error(
        "the venue has no artwork with an image file of its own; a IIIF manifest needs at least one canvas"
    )]
    NoArtworks,
    /// An artwork's image could not be read to learn its size.
    #[error("cannot read the size of {}, the image of artwork \"{exhibit}\": {source}", path.display())]
    ImageSize {
        /// The artwork's id.
        exhibit: String,
        /// The image file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: image::ImageError,
    },
    /// A file could not be read or written.
    #[error("cannot {action} {}: {}", path.display(), museion_files::io_words(source))]
    Io {
        /// "read", "write" or "create the folder".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// An output would replace one of the venue's files.
    #[error(transparent)]
    Output(#[from] museion_files::OutputError),
}
