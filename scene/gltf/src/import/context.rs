//! State shared by the converters of one import: the document, its buffers, the file
//! for error messages, the limits and the allocation budget.

use super::basis::BasisTarget;
use super::buffers::Buffers;
use super::meshopt::Views;
use super::raw_channels::TakenChannels;
use super::{ImportLimits, Warning};
use crate::error::{Error, Location};
use gltf::json::Root;
use museion_files::FileScope;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A running total of bytes the importer is about to allocate, with its limit.
pub(crate) struct Budget {
    used: AtomicU64,
    limit: u64,
    what: &'static str,
}

impl Budget {
    fn new(limit: u64, what: &'static str) -> Self {
        Self {
            used: AtomicU64::new(0),
            limit,
            what,
        }
    }
}

/// What every converter reads from.
pub(crate) struct Context {
    pub file: PathBuf,
    /// Directory that relative URIs resolve against (`None` for in-memory input without one).
    pub base_dir: Option<PathBuf>,
    pub doc: Root,
    /// Buffer data, read when a used view first needs it.
    pub buffers: Buffers,
    /// Meshopt-compressed buffer views, decoded when first read.
    pub views: Views,
    pub limits: ImportLimits,
    /// The folders URIs may name files in.
    pub scope: FileScope,
    /// Decoded vertex, index and animation data.
    pub geometry: Budget,
    /// Decoded RGBA8 images and transcoded Basis Universal textures.
    pub pixels: Budget,
    /// What Basis Universal textures become.
    pub basis_target: BasisTarget,
    /// Per animation, the channels taken out of the JSON before the typed parse
    /// (`KHR_animation_pointer` channels among them).
    pub raw_channels: Vec<TakenChannels>,
}

impl Context {
    pub fn new(
        file: &Path,
        base_dir: Option<PathBuf>,
        doc: Root,
        limits: ImportLimits,
        scope: FileScope,
    ) -> Self {
        let views = Views::new(doc.buffer_views.len());
        Self {
            file: file.to_path_buf(),
            base_dir,
            doc,
            buffers: Buffers::default(),
            views,
            limits,
            scope,
            geometry: Budget::new(limits.max_geometry_bytes, "decoded geometry (bytes)"),
            pixels: Budget::new(limits.max_image_bytes, "decoded images (bytes)"),
            basis_target: BasisTarget::default(),
            raw_channels: Vec::new(),
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

    /// Bytes of `budget` not yet reserved.
    pub fn remaining(&self, budget: &Budget) -> u64 {
        budget.limit.saturating_sub(budget.used.load(Ordering::Relaxed))
    }

    /// Reserves `bytes` of `budget` before they are allocated, so that no file can make
    /// the importer allocate without bound.
    pub fn charge(&self, budget: &Budget, bytes: u64, pointer: &str) -> Result<(), Error> {
        let total = budget
            .used
            .fetch_add(bytes, Ordering::Relaxed)
            .saturating_add(bytes);
        if total > budget.limit {
            return Err(Error::LimitExceeded {
                at: self.at(pointer),
                what: budget.what.into(),
                value: total,
                limit: budget.limit,
            });
        }
        Ok(())
    }
}
