//! State shared by the converters of one import: the document, its buffers, the file
//! for error messages, the limits and the allocation budget.

use super::{ImportLimits, Warning};
use crate::error::{Error, Location};
use gltf::json::Root;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What every converter reads from.
pub(crate) struct Context {
    pub file: PathBuf,
    /// Directory that relative URIs resolve against (`None` for in-memory input without one).
    pub base_dir: Option<PathBuf>,
    pub doc: Root,
    pub buffers: Vec<Vec<u8>>,
    pub limits: ImportLimits,
    budget: AtomicU64,
}

impl Context {
    pub fn new(file: &Path, base_dir: Option<PathBuf>, doc: Root, limits: ImportLimits) -> Self {
        Self {
            file: file.to_path_buf(),
            base_dir,
            doc,
            buffers: Vec::new(),
            limits,
            budget: AtomicU64::new(0),
        }
    }

    /// A location in this document.
    pub fn at(&self, pointer: impl Into<String>) -> Box<Location> {
        Box::new(Location {
            file: self.file.clone(),
            pointer: pointer.into(),
        })
    }

    /// An [`Error::Invalid`] at `pointer`.
    pub fn invalid(&self, pointer: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid {
            at: self.at(pointer),
            message: message.into(),
        }
    }

    /// A warning at `pointer`.
    pub fn warning(&self, pointer: impl Into<String>, message: impl Into<String>) -> Warning {
        let warning = Warning {
            pointer: pointer.into(),
            message: message.into(),
        };
        log::debug!("{}: {warning}", self.file.display());
        warning
    }

    /// Looks up `list[index]`, or fails naming the reference at `pointer`.
    pub fn get<'a, T>(
        &self,
        list: &'a [T],
        index: u32,
        kind: &'static str,
        pointer: impl Into<String>,
    ) -> Result<&'a T, Error> {
        list.get(index as usize).ok_or_else(|| Error::IndexOutOfRange {
            at: self.at(pointer),
            kind,
            index: u64::from(index),
            count: list.len(),
        })
    }

    /// Reserves `bytes` of the decoded-geometry budget before allocating them, so that
    /// no file can make the importer allocate without bound.
    pub fn charge(&self, bytes: u64, pointer: &str) -> Result<(), Error> {
        let before = self.budget.fetch_add(bytes, Ordering::Relaxed);
        let total = before.saturating_add(bytes);
        if total > self.limits.max_geometry_bytes {
            return Err(Error::LimitExceeded {
                at: self.at(pointer),
                what: "decoded geometry (bytes)".into(),
                value: total,
                limit: self.limits.max_geometry_bytes,
            });
        }
        Ok(())
    }
}
