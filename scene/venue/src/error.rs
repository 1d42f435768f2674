//! Errors of venue files: where in the file, what is wrong, and a hint to fix it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in a venue file: the file, and a 1-based line and column (in characters).
/// Line 0 means the position is unknown (a document built in code, not parsed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePos {
    /// The venue file.
    pub file: PathBuf,
    /// 1-based line, or 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, or 0 when unknown.
    pub column: usize,
}

impl fmt::Display for SourcePos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file.display())
        } else {
            write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
        }
    }
}

/// Everything that can be wrong with a venue.
///
/// Every error about the content of a venue file carries the [`SourcePos`] of the
/// offending value and a hint; [`Display`](fmt::Display) reads like a compiler's:
/// `venue.toml:12:9: room "galery" does not exist` and, on the next line,
/// `  hint: rooms are "atrium", "gallery"`. (Whoever prints it says it is an error:
/// the command line as `error: venue.toml:12:9: …`.)
#[derive(Debug, thiserror::Error)]
pub enum VenueError {
    /// The venue file itself could not be read.
    #[error("{}: cannot read the venue file: {}\n  hint: check the path and its permissions", path.display(), museion_files::io_words(source))]
    Read {
        /// The venue file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is neither a venue (`.toml`) nor a glTF scene (`.gltf`, `.glb`).
    #[error("{}: not a venue file\n  hint: venues are .toml files, or .gltf/.glb scenes", path.display())]
    UnsupportedFile {
        /// The file given.
        path: PathBuf,
    },
    /// TOML that does not parse, or does not have the venue format's shape: a wrong
    /// type, an unknown key, a missing key.
    #[error("{at}: {message}\n  hint: {hint}")]
    Syntax {
        /// Where.
        at: SourcePos,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// A name that refers to nothing (a room, material or exhibit), or an id used twice.
    #[error("{at}: {message}\n  hint: {hint}")]
    Reference {
        /// Where.
        at: SourcePos,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// Geometry that cannot be built: a degenerate or self-crossing floor, an opening
    /// that does not line up with the room it leads to, an artwork wider than its wall…
    #[error("{at}: {message}\n  hint: {hint}")]
    Geometry {
        /// Where.
        at: SourcePos,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// A number outside its allowed range (a negative width, a roughness above 1…).
    #[error("{at}: {message}\n  hint: {hint}")]
    Value {
        /// Where.
        at: SourcePos,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// A model, image, texture or environment file that is missing or cannot be read.
    #[error("{at}: {message}\n  hint: {hint}")]
    File {
        /// Where the file is named.
        at: SourcePos,
        /// The file, resolved against the venue's folder.
        path: PathBuf,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// A `.gltf`/`.glb` given as a venue that does not import (the error names the file
    /// and JSON pointer).
    #[error(transparent)]
    Import(#[from] museion_gltf::Error),
    /// A scene graph operation that failed.
    #[error(transparent)]
    Scene(#[from] museion_scene::Error),
    /// The environment file an export embeds could not be read.
    #[error("{}: cannot read the environment file to embed it: {source}\n  hint: check that the venue's environment file is still there", path.display())]
    EmbedEnvironment {
        /// The environment file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The venue's scene could not be written as GLB.
    #[error("cannot write the venue as GLB: {0}")]
    Export(#[from] museion_gltf::ExportError),
}

impl VenueError {
    /// The position in the venue file, for errors about its content.
    pub fn position(&self) -> Option<&SourcePos> {
        match self {
            VenueError::Syntax { at, .. }
            | VenueError::Reference { at, .. }
            | VenueError::Geometry { at, .. }
            | VenueError::Value { at, .. }
            | VenueError::File { at, .. } => Some(at),
            VenueError::Read { .. }
            | VenueError::UnsupportedFile { .. }
            | VenueError::Import(_)
            | VenueError::Scene(_)
            | VenueError::EmbedEnvironment { .. }
            | VenueError::Export(_) => None,
        }
    }

    /// The hint, for errors about the content of a venue file.
    pub fn hint(&self) -> Option<&str> {
        match self {
            VenueError::Syntax { hint, .. }
            | VenueError::Reference { hint, .. }
            | VenueError::Geometry { hint, .. }
            | VenueError::Value { hint, .. }
            | VenueError::File { hint, .. } => Some(hint),
            VenueError::Read { .. }
            | VenueError::UnsupportedFile { .. }
            | VenueError::Import(_)
            | VenueError::Scene(_)
            | VenueError::EmbedEnvironment { .. }
            | VenueError::Export(_) => None,
        }
    }
}

/// The text a document was parsed from, to turn byte spans into lines and columns.
///
/// It is where a document came from, not part of what it says: two documents with the
/// same content are equal whatever their sources.
#[derive(Clone, Debug, Default)]
pub struct SourceText {
    path: PathBuf,
    text: Option<Arc<str>>,
}

impl PartialEq for SourceText {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl SourceText {
    /// The source of a parsed document.
    pub(crate) fn new(path: &Path, text: &str) -> Self {
        Self {
            path: path.to_path_buf(),
            text: Some(Arc::from(text)),
        }
    }

    /// The file the document was read from (empty for a document built in code).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The position of a byte offset (line 0 when the text is unknown).
    pub(crate) fn pos(&self, offset: usize) -> SourcePos {
        let (line, column) = match &self.text {
            Some(text) => line_column(text, offset),
            None => (0, 0),
        };
        SourcePos {
            file: self.path.clone(),
            line,
            column,
        }
    }

    /// The position of the start of a span.
    pub(crate) fn at(&self, span: &Range<usize>) -> SourcePos {
        self.pos(span.start)
    }
}

impl SourceText {
    /// A [`VenueError::Reference`] at `span`.
    pub(crate) fn reference(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> VenueError {
        VenueError::Reference {
            at: self.at(&span),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A [`VenueError::Geometry`] at `span`.
    pub(crate) fn geometry(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> VenueError {
        VenueError::Geometry {
            at: self.at(&span),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A [`VenueError::Value`] at `span`.
    pub(crate) fn value(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> VenueError {
        VenueError::Value {
            at: self.at(&span),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A [`VenueError::File`] at `span`.
    pub(crate) fn file(
        &self,
        span: Range<usize>,
        path: &Path,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> VenueError {
        VenueError::File {
            at: self.at(&span),
            path: path.to_path_buf(),
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset, clamped to the text.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_lines_and_character_columns() {
        let text = "a = 1\n[b]\nnom = \"é\" x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (1, 5));
        assert_eq!(line_column(text, 6), (2, 1));
        // "é" is two bytes but one column.
        let x = text.find('x').unwrap_or(0);
        assert_eq!(line_column(text, x), (3, 11));
        assert_eq!(line_column(text, 10_000).0, 4);
    }

    #[test]
    fn display_reads_like_a_compiler_message() {
        let err = VenueError::Reference {
            at: SourcePos {
                file: "venue.toml".into(),
                line: 12,
                column: 9,
            },
            message: "room \"galery\" does not exist".into(),
            hint: "rooms are \"atrium\", \"gallery\"".into(),
        };
        assert_eq!(
            err.to_string(),
            "venue.toml:12:9: room \"galery\" does not exist\n  hint: rooms are \"atrium\", \"gallery\""
        );
        assert_eq!(err.position().map(|p| (p.line, p.column)), Some((12, 9)));
    }
}
