//! Buffers: the GLB binary chunk, external files and data URIs, each read the first
//! time a used buffer view needs it. A buffer nothing reads is never opened, so a file
//! the glTF Validator calls valid (an unused buffer without data, or on a server) loads.

use super::context::Context;
use super::uri;
use crate::error::Error;
use std::sync::OnceLock;

/// The document's buffers, read on demand.
#[derive(Default)]
pub(crate) struct Buffers {
    /// One cell per buffer of the document; `Some(None)` for a buffer without data.
    cells: Vec<OnceLock<Option<Vec<u8>>>>,
    /// The GLB binary chunk, which buffer 0 without a uri is.
    glb_bin: Option<Vec<u8>>,
}

impl Buffers {
    /// Buffers for a document with `count` of them and the GLB binary chunk `glb_bin`.
    pub fn new(count: usize, glb_bin: Option<&[u8]>) -> Self {
        Self {
            cells: (0..count).map(|_| OnceLock::new()).collect(),
            glb_bin: glb_bin.map(<[u8]>::to_vec),
        }
    }

    /// The data of buffer `index`, checked against its `byteLength` and read the first
    /// time it is asked for; `None` for a buffer without a uri that is not the GLB
    /// binary chunk (glTF allows that; only reading from it is an error).
    pub fn get<'a>(&'a self, ctx: &Context, index: usize) -> Result<Option<&'a [u8]>, Error> {
        let Some(cell) = self.cells.get(index) else {
            return Ok(None);
        };
        if let Some(data) = cell.get() {
            return Ok(data.as_deref());
        }
        let data = self.read(ctx, index)?;
        Ok(cell.get_or_init(|| data).as_deref())
    }

    /// How many buffers were read and their bytes.
    pub fn read_so_far(&self) -> (usize, usize) {
        let read: Vec<usize> = self
            .cells
            .iter()
            .filter_map(|c| c.get().map(|d| d.as_ref().map_or(0, Vec::len)))
            .collect();
        (read.len(), read.iter().sum())
    }

    fn read(&self, ctx: &Context, index: usize) -> Result<Option<Vec<u8>>, Error> {
        let buffer = &ctx.doc.buffers[index];
        let pointer = format!("/buffers/{index}");
        let declared = buffer.byte_length.0;
        let mut bytes = match (&buffer.uri, index, &self.glb_bin) {
            (Some(uri), _, _) => uri::load(ctx, uri, &pointer, ctx.limits.max_buffer_bytes)?,
            (None, 0, Some(bin)) => bin.clone(),
            (None, _, _) => return Ok(None),
        };
        let actual = bytes.len() as u64;
        if actual < declared {
            return Err(Error::OutOfBounds {
                at: ctx.at(format!("{pointer}/byteLength")),
                message: format!("byteLength is {declared} but only {actual} bytes could be read"),
            });
        }
        // GLB chunks are padded to four bytes; a longer source is fine, but only the
        // declared bytes belong to the buffer.
        bytes.truncate(declared as usize);
        log::debug!("{}: buffer {index} read ({declared} bytes)", ctx.file.display());
        Ok(Some(bytes))
    }
}
