//! Why an edit of a venue file did not happen.

use crate::error::VenueError;
use std::path::PathBuf;

/// Everything that can stop an edit, an undo or a save. An edit that fails leaves the
/// editor as it was: the text, the document, the compiled venue and the history.
///
/// A second error type beside [`VenueError`] (as [`TourError`](crate::TourError) is):
/// these are about an editing session — a selector, a field path, a file changed on
/// disk — and wrap the compiler's [`VenueError`] where the compiler refused an edit.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The venue could not be opened: unreadable, not a `.toml` venue, or not a valid
    /// venue as it stands (the compiler's error).
    #[error(transparent)]
    Open(Box<VenueError>),
    /// The file is not a `.toml` venue file: a `.gltf`/`.glb` scene is a venue too, but
    /// not one written by hand.
    #[error("{}: only .toml venue files can be edited\n  hint: a .gltf or .glb venue is edited in a 3D modelling tool", path.display())]
    NotToml {
        /// The file given.
        path: PathBuf,
    },
    /// The file does not come out of the TOML editor byte for byte as it went in, so an
    /// edit would change lines nobody edited.
    #[error("{}: the TOML editor would rewrite lines of this file that are not edited\n  hint: {hint}", path.display())]
    NotPreserved {
        /// The venue file.
        path: PathBuf,
        /// The first line that would change, and how to avoid it.
        hint: String,
    },
    /// The edited venue does not compile: the edit is refused with the compiler's error
    /// (file, line and column in the edited text, and a hint).
    #[error("{edit}: {source}")]
    Refused {
        /// The edit, as the caller would write it (`painting-01.offset=3.0`,
        /// `delete painting-01`).
        edit: String,
        /// The compiler's error.
        source: Box<VenueError>,
    },
    /// A selector that names no item, or more than one.
    #[error("{edit}: {message}\n  hint: {hint}")]
    Select {
        /// The edit or selector given.
        edit: String,
        /// What is wrong.
        message: String,
        /// How to name an item.
        hint: String,
    },
    /// A field path or value that cannot be applied: a list indexed past its end, a key
    /// into a number, an operation the item's kind does not have.
    #[error("{edit}: {message}\n  hint: {hint}")]
    Field {
        /// The edit given.
        edit: String,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The file changed on disk since it was opened (or last saved): saving would throw
    /// those changes away.
    /// Answered by [`VenueEditor::reload`](crate::VenueEditor::reload) (the edits
    /// made in the editor are dropped) or
    /// [`VenueEditor::save_forced`](crate::VenueEditor::save_forced) (the changes on
    /// disk are).
    #[error("{}: the file changed on disk since it was opened; not overwritten\n  hint: reload it to edit the new text, or save anyway (`museion edit --force`) to replace it", path.display())]
    ChangedOnDisk {
        /// The venue file.
        path: PathBuf,
    },
    /// The venue file could not be written (or read back before writing).
    #[error("{}: cannot save the venue file: {}", path.display(), museion_files::io_words(source))]
    Write {
        /// The venue file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

impl EditError {
    /// The compiler's error, when the compiler refused the edit or the opening.
    pub fn venue_error(&self) -> Option<&VenueError> {
        match self {
            EditError::Open(e) | EditError::Refused { source: e, .. } => Some(e.as_ref()),
            EditError::NotToml { .. }
            | EditError::NotPreserved { .. }
            | EditError::Select { .. }
            | EditError::Field { .. }
            | EditError::ChangedOnDisk { .. }
            | EditError::Write { .. } => None,
        }
    }
}
