//! Editing a venue file in place: select an item, set a field, move an artwork along
//! its wall, add, delete and duplicate items, undo and redo, and save — keeping the
//! file's comments, key order and formatting, so the saved file differs from the one
//! opened only in the lines edited (and the items added).
//!
//! Every edit is validated by the compiler that loads venues, run on the edited text:
//! an edit that would make an invalid venue is refused with the compiler's error and
//! leaves the editor as it was. The file is written only by [`VenueEditor::save`],
//! atomically, and not over a file that changed on disk since it was opened.
//!
//! ```no_run
//! use museion_venue::VenueEditor;
//!
//! let mut editor = VenueEditor::open("museum/venue.toml")?;
//! editor.apply("painting-01.offset=3.0")?;
//! editor.apply("painting-01.metadata.title=Blue Field")?;
//! let painting = editor.select("painting-01")?;
//! editor.move_along_wall(painting, 0.5)?;
//! editor.undo()?;
//! print!("{}", editor.diff());
//! editor.save()?;
//! # Ok::<(), museion_venue::EditError>(())
//! ```

mod compound;
mod diff;
mod error;
mod history;
mod ops;
mod path;
mod replace;
mod save;
mod select;
mod tables;

pub use error::EditError;
pub use ops::item_fields;
pub use select::{ItemKind, ItemRef};

use crate::compile::compile_text;
use crate::compiled::CompiledVenue;
use crate::error::{SourcePos, VenueError, line_column};
use history::History;
use museion_files::FileScope;
use std::path::{Path, PathBuf};
use toml_edit::DocumentMut;

/// A venue file open for editing: its text as a [`DocumentMut`] (which keeps comments
/// and formatting), the venue compiled from it, and the edits made, to undo.
///
/// Every state the editor holds compiles: an edit, an undo or a redo whose text does
/// not compile (the compiler's [`VenueError`], in [`EditError::Refused`]) changes
/// nothing.
#[derive(Debug)]
pub struct VenueEditor {
    path: PathBuf,
    scope: FileScope,
    /// The file's bytes as read at opening or written at the last save: what saving
    /// expects to find on disk.
    on_disk: Vec<u8>,
    text: String,
    document: DocumentMut,
    compiled: CompiledVenue,
    history: History,
}

impl VenueEditor {
    /// Opens a `.toml` venue file for editing; the files it names must lie in its
    /// folder (see [`open_with_scope`](Self::open_with_scope)). The file must compile.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, EditError> {
        let path = path.as_ref();
        Self::open_with_scope(path, FileScope::around(path))
    }

    /// Opens a `.toml` venue file whose files may lie in the folders of `scope`.
    pub fn open_with_scope(path: impl AsRef<Path>, scope: FileScope) -> Result<Self, EditError> {
        let path = path.as_ref().to_path_buf();
        let is_toml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if !is_toml {
            return Err(EditError::NotToml { path });
        }
        let read_error = |source| {
            EditError::Open(Box::new(VenueError::Read {
                path: path.clone(),
                source,
            }))
        };
        let on_disk = std::fs::read(&path).map_err(read_error)?;
        let text = String::from_utf8(on_disk.clone())
            .map_err(|e| read_error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
        let compiled = compile_text(&text, &path, &scope).map_err(|e| EditError::Open(Box::new(e)))?;
        let document = parse_document(&text, &path)?;
        let rendered = document.to_string();
        if rendered != text {
            let line = text
                .lines()
                .zip(rendered.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| text.lines().count().min(rendered.lines().count()));
            return Err(EditError::NotPreserved {
                path,
                hint: format!(
                    "line {} would change; edit this file in a text editor, or write it without that construct",
                    line + 1
                ),
            });
        }
        log::debug!("editing {}", path.display());
        Ok(Self {
            path,
            scope,
            on_disk,
            text,
            document,
            compiled,
            history: History::default(),
        })
    }

    /// The venue file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text as edited (what [`save`](Self::save) writes).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as a TOML document, comments and formatting included.
    pub fn document(&self) -> &DocumentMut {
        &self.document
    }

    /// The venue compiled from the edited text.
    pub fn compiled(&self) -> &CompiledVenue {
        &self.compiled
    }

    /// Whether the edited text differs from the file as opened or last saved.
    pub fn is_modified(&self) -> bool {
        self.text.as_bytes() != self.on_disk.as_slice()
    }

    /// The lines changed since the file was opened or last saved, as a unified diff
    /// without context lines (empty when nothing changed).
    pub fn diff(&self) -> String {
        let before = String::from_utf8_lossy(&self.on_disk);
        diff::unified(&self.path.display().to_string(), &before, &self.text)
    }

    /// The item a selector names: an id (`painting-01`), an id of one kind when kinds
    /// share it (`spawn:gallery`), a place in a list (`lights[0]`), or an item inside a
    /// tour or room (`highlights.stops[1]`, `atrium.openings[0]`).
    pub fn select(&self, selector: &str) -> Result<ItemRef, EditError> {
        select::select(&self.document, selector)
    }

    /// How an item is named in selectors and messages: its id, or its place
    /// (`lights[2]`, `highlights.stops[1]`).
    pub fn name(&self, item: ItemRef) -> String {
        select::name(&self.document, item)
    }

    /// The descriptions of the edits [`undo`](Self::undo) can take back, oldest first.
    pub fn undo_list(&self) -> impl Iterator<Item = &str> {
        self.history.done()
    }

    /// The descriptions of the edits [`redo`](Self::redo) can make again, the next first.
    pub fn redo_list(&self) -> impl Iterator<Item = &str> {
        self.history.undone_descriptions()
    }

    /// Takes back the last edit, restoring the text before it byte for byte; returns its
    /// description, or `None` when there is nothing to undo. Unlimited while the editor
    /// is open. Refused (and nothing changes) when the restored text no longer
    /// compiles, as when a file it names was deleted meanwhile.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        self.travel(Direction::Back)
    }

    /// Makes the last undone edit again; returns its description, or `None` when there
    /// is nothing to redo. A new edit clears what could be redone.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        self.travel(Direction::Forward)
    }

    /// One step through the history, kept only when the text it gives compiles.
    fn travel(&mut self, direction: Direction) -> Result<Option<String>, EditError> {
        let found = match direction {
            Direction::Back => self.history.undo_text(&self.text),
            Direction::Forward => self.history.redo_text(&self.text),
        };
        let Some((text, description)) = found else {
            return Ok(None);
        };
        let description = description.to_owned();
        let verb = match direction {
            Direction::Back => "undo",
            Direction::Forward => "redo",
        };
        self.replace_text(text, &format!("{verb} {description}"))?;
        match direction {
            Direction::Back => self.history.undone(),
            Direction::Forward => self.history.redone(),
        }
        Ok(Some(description))
    }

    /// Edits a copy of the document with `edit`; when the copy's text compiles, it
    /// becomes the editor's and the edit is recorded under `description`. An edit that
    /// changes no byte records nothing.
    fn change(
        &mut self,
        description: String,
        edit: impl FnOnce(&mut DocumentMut) -> Result<(), EditError>,
    ) -> Result<(), EditError> {
        let mut draft = self.document.clone();
        edit(&mut draft)?;
        let text = draft.to_string();
        if text == self.text {
            return Ok(());
        }
        let old = self.text.clone();
        self.replace_text(text, &description)?;
        log::debug!("{}: {description}", self.path.display());
        self.history.record(description, &old, &self.text);
        Ok(())
    }

    /// Compiles `text` and, when it compiles, makes it the editor's text.
    fn replace_text(&mut self, text: String, description: &str) -> Result<(), EditError> {
        let refused = |source| EditError::Refused {
            edit: description.to_owned(),
            source: Box::new(source),
        };
        let compiled = compile_text(&text, &self.path, &self.scope).map_err(refused)?;
        self.document = parse_document(&text, &self.path)?;
        self.compiled = compiled;
        self.text = text;
        Ok(())
    }
}

/// Which way [`VenueEditor::travel`] steps through the history.
#[derive(Clone, Copy)]
enum Direction {
    Back,
    Forward,
}

/// The text as a TOML document; its errors are the venue parser's (which reads the
/// same TOML), so this fails only where that would have.
fn parse_document(text: &str, path: &Path) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>().map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
        EditError::Open(Box::new(VenueError::Syntax {
            at: SourcePos {
                file: path.to_path_buf(),
                line,
                column,
            },
            message: e.message().to_owned(),
            hint: "check the TOML syntax here".into(),
        }))
    })
}
