//! Saving: the edited text written whole or not at all, never over changes someone
//! else saved meanwhile.

use super::{EditError, VenueEditor};
use std::io::ErrorKind;

impl VenueEditor {
    /// Writes the edited text to the venue file: into a temporary file in the same
    /// folder, then renamed over it, so the file is at every moment either the old one
    /// or the new one. Refused with [`EditError::ChangedOnDisk`] when the file's bytes
    /// differ from those read at opening (or written at the last save), or when it was
    /// deleted; [`save_forced`](Self::save_forced) writes anyway. Nothing is written
    /// when nothing was edited.
    pub fn save(&mut self) -> Result<(), EditError> {
        self.write(false)
    }

    /// Writes the edited text even over a file that changed on disk since it was
    /// opened (after the user said so).
    pub fn save_forced(&mut self) -> Result<(), EditError> {
        self.write(true)
    }

    /// Whether the file on disk is no longer the text opened (or last saved) — changed
    /// or deleted by someone else —, so that [`save`](Self::save) would be refused with
    /// [`EditError::ChangedOnDisk`]. A caller answers that with
    /// [`save_forced`](Self::save_forced) (their changes are lost) or
    /// [`reload`](Self::reload) (the edits made here are).
    pub fn changed_on_disk(&self) -> Result<bool, EditError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => Ok(bytes != self.on_disk),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(true),
            Err(source) => Err(EditError::Write {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// Opens the file again as it now is on disk, dropping the edits not saved and the
    /// history; returns the descriptions of the edits dropped, oldest first (to show, or
    /// to make again). Refused, and the editor kept as it was, when the file on disk
    /// cannot be read or does not compile ([`EditError::Open`]) or would not be kept
    /// byte for byte ([`EditError::NotPreserved`]).
    pub fn reload(&mut self) -> Result<Vec<String>, EditError> {
        let fresh = VenueEditor::open_with_scope(&self.path, self.scope.clone())?;
        let dropped = self.history.done().map(str::to_owned).collect();
        log::info!("{}: reloaded from disk", self.path.display());
        *self = fresh;
        Ok(dropped)
    }

    fn write(&mut self, force: bool) -> Result<(), EditError> {
        if !self.is_modified() && !force {
            return Ok(());
        }
        let write_error = |source| EditError::Write {
            path: self.path.clone(),
            source,
        };
        let now = match std::fs::read(&self.path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => return Err(write_error(e)),
        };
        if !force && now.as_deref() != Some(self.on_disk.as_slice()) {
            return Err(EditError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        // Through a symbolic link to the file it names; with the file's permissions.
        let target = std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
        let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
        museion_files::write_atomic(&target, |out| out.write_all(self.text.as_bytes()))
            .map_err(write_error)?;
        if let Some(permissions) = permissions
            && let Err(e) = std::fs::set_permissions(&target, permissions)
        {
            log::warn!(
                "{}: saved, but its permissions could not be kept: {e}",
                target.display()
            );
        }
        self.on_disk = self.text.as_bytes().to_vec();
        log::info!(
            "saved {} after {} edits",
            self.path.display(),
            self.history.done().count()
        );
        Ok(())
    }
}
