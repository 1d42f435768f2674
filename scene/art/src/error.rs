//! What can go wrong when asking for an artwork.

/// A request the art generators cannot fulfil.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ArtError {
    /// An image size with a side outside [`MIN_SIDE`](super::MIN_SIDE) to
    /// [`MAX_SIDE`](super::MAX_SIDE) pixels.
    #[error(
        "cannot paint a {width}x{height} image: each side must be {min} to {max} pixels",
        min = crate::limits::MIN_SIDE,
        max = crate::limits::MAX_SIDE
    )]
    InvalidSize {
        /// The width asked for.
        width: u32,
        /// The height asked for.
        height: u32,
    },
    /// A style name that names no [`Style`](super::Style).
    #[error("unknown painting style {name:?} (known: {known})")]
    UnknownStyle {
        /// The name given.
        name: String,
        /// The known names, comma separated.
        known: String,
    },
    /// A sculpture name that names no [`SculptureKind`](super::SculptureKind).
    #[error("unknown sculpture kind {name:?} (known: {known})")]
    UnknownSculpture {
        /// The name given.
        name: String,
        /// The known names, comma separated.
        known: String,
    },
}
