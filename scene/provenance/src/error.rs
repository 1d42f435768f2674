//! The one error type of the crate.

use std::fmt;
use std::path::{Path, PathBuf};

/// Which half of a key pair a key file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// The private (signing) key: `KEYFILE`, owner-only.
    Private,
    /// The public (verifying) key: `KEYFILE.pub`, to hand to whoever verifies.
    Public,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyKind::Private => "private",
            KeyKind::Public => "public",
        })
    }
}

/// What can go wrong registering a venue, reading keys and manifests, or verifying.
/// A venue that differs from its manifest is no error: [`verify`](crate::verify)
/// lists the differences as [`Mismatch`](crate::Mismatch)es.
#[derive(Debug, thiserror::Error)]
pub enum ProvenanceError {
    /// The venue did not load (the error names the file, line and column).
    #[error(transparent)]
    Venue(#[from] museion_venue::VenueError),
    /// A file could not be read.
    #[error("cannot read {}: {}", path.display(), museion_files::io_words(source))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}: {}", path.display(), museion_files::io_words(source))]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A key file is in the way: keys are never overwritten.
    #[error("{} exists already; a key is never overwritten (move it away or choose another name)", path.display())]
    KeyExists {
        /// The existing file.
        path: PathBuf,
    },
    /// The operating system's random number generator failed.
    #[error("the operating system gave no random bytes for a key: {0}")]
    Random(String),
    /// A key that is not in the key file format (`docs/provenance.md`).
    #[error("{}not a Museion {kind} key: {problem}", in_file(path.as_deref()))]
    BadKey {
        /// The key file, when the key came from one.
        path: Option<PathBuf>,
        /// The half of the pair that was expected.
        kind: KeyKind,
        /// What is wrong with it.
        problem: String,
    },
    /// A manifest that cannot be read as one: not JSON (cut short, for example), or
    /// JSON that breaks the format.
    #[error("{}malformed manifest: {problem}", in_file(path.as_deref()))]
    Malformed {
        /// The manifest file, when it came from one.
        path: Option<PathBuf>,
        /// What is wrong, where.
        problem: String,
    },
    /// A file the venue reads lies outside the venue file's folder, which a manifest
    /// cannot name.
    #[error("{} lies outside the venue's folder {}; a manifest names only files inside it", path.display(), folder.display())]
    OutsideVenue {
        /// The file.
        path: PathBuf,
        /// The venue file's folder.
        folder: PathBuf,
    },
    /// A path a manifest cannot hold: not UTF-8.
    #[error("{}: the path is not UTF-8, which a manifest cannot name", path.display())]
    NotUtf8 {
        /// The path.
        path: PathBuf,
    },
    /// Two exhibits share an id, and a manifest tells exhibits apart by id.
    #[error("two exhibits have the id \"{id}\"; a manifest tells exhibits apart by id")]
    DuplicateExhibit {
        /// The id.
        id: String,
    },
    /// A value canonical JSON cannot hold exactly: a fraction, or an integer beyond
    /// ±(2^53 − 1).
    #[error("canonical JSON holds integers of magnitude below 2^53 only, not {0}")]
    Number(String),
}

/// `"FILE: "` before a problem with a key or manifest that came from a file.
fn in_file(path: Option<&Path>) -> String {
    path.map(|p| format!("{}: ", p.display())).unwrap_or_default()
}

impl ProvenanceError {
    /// A [`ProvenanceError::Malformed`] saying `problem`.
    pub(crate) fn malformed(problem: impl Into<String>) -> Self {
        Self::Malformed {
            path: None,
            problem: problem.into(),
        }
    }
}
