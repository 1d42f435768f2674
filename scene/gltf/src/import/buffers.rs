//! Buffers: the GLB binary chunk, external files and data URIs.

use super::context::Context;
use super::uri;
use crate::error::Error;

/// Loads every buffer of the document, checking each against its `byteLength`. A
/// buffer without a uri that is not the GLB binary chunk has no data (`None`): glTF
/// allows that, and only reading from it is an error.
pub(crate) fn load(ctx: &Context, glb_bin: Option<&[u8]>) -> Result<Vec<Option<Vec<u8>>>, Error> {
    let mut buffers = Vec::with_capacity(ctx.doc.buffers.len());
    for (index, buffer) in ctx.doc.buffers.iter().enumerate() {
        let pointer = format!("/buffers/{index}");
        let declared = buffer.byte_length.0;
        let mut bytes = match (&buffer.uri, index, glb_bin) {
            (Some(uri), _, _) => uri::load(ctx, uri, &pointer, ctx.limits.max_buffer_bytes)?,
            (None, 0, Some(bin)) => bin.to_vec(),
            (None, _, _) => {
                buffers.push(None);
                continue;
            }
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
        buffers.push(Some(bytes));
    }
    Ok(buffers)
}
