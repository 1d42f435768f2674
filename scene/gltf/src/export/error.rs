//! The error type of the GLB writer.

use std::path::PathBuf;

/// Everything that can stop a scene from being written as GLB.
///
/// Scene objects are named as the [`Scene`](museion_scene::Scene) knows them (`mesh 3`,
/// `node 5v0 "Door"`); an `at` that starts with `/` is a JSON pointer into the document
/// being written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output file could not be written.
    #[error("cannot write {}: {}", path.display(), museion_files::io_words(source))]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An object refers to another one the scene does not have.
    #[error("{from} refers to {kind} {index}, but the scene has {count}")]
    DanglingReference {
        /// The object holding the reference.
        from: String,
        /// What kind of object is referred to (`mesh`, `material`, …).
        kind: &'static str,
        /// The index given.
        index: usize,
        /// How many such objects the scene has.
        count: usize,
    },
    /// A per-vertex array whose length is not the primitive's vertex count.
    #[error("{at}: {attribute} has {len} entries for {vertex_count} vertices")]
    AttributeLength {
        /// The primitive (or morph target).
        at: String,
        /// The attribute (`NORMAL`, `TEXCOORD_0`, …).
        attribute: &'static str,
        /// Entries in the array.
        len: usize,
        /// Vertices of the primitive.
        vertex_count: usize,
    },
    /// A vertex index that is not below the vertex count.
    #[error("{at}: index {value} at position {position} is not below the vertex count {vertex_count}")]
    VertexIndexOutOfRange {
        /// The primitive.
        at: String,
        /// Position in the index list.
        position: usize,
        /// The offending index.
        value: u32,
        /// Vertices of the primitive.
        vertex_count: usize,
    },
    /// An index list that is not a whole number of triangles or lines.
    #[error("{at}: {count} indices do not make whole {what}")]
    IndexCount {
        /// The primitive.
        at: String,
        /// The number of indices.
        count: usize,
        /// `triangles` or `lines`.
        what: &'static str,
    },
    /// Morph target data that does not agree within a mesh or with a node.
    #[error("{at}: {message}")]
    MorphTargets {
        /// The mesh or node.
        at: String,
        /// What disagrees.
        message: String,
    },
    /// A NaN or infinite number, which glTF cannot hold.
    #[error("{at}: value is not a finite number")]
    NonFinite {
        /// The object, or the JSON pointer of the value in the document being written.
        at: String,
    },
    /// A value outside what glTF allows (a light with negative intensity, a camera with
    /// a far plane before its near plane, …).
    #[error("{at}: {message}")]
    Invalid {
        /// The object.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// Pixel data whose length is not `width * height * 4`.
    #[error("image {image}: {len} bytes of pixels for {width}x{height} RGBA8")]
    ImageSize {
        /// The image index.
        image: usize,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// Bytes of pixel data.
        len: usize,
    },
    /// PNG encoding failed.
    #[error("image {image}: cannot encode PNG: {message}")]
    ImageEncode {
        /// The image index.
        image: usize,
        /// What the encoder said.
        message: String,
    },
    /// The file would be larger than GLB's 32-bit lengths allow (4 GiB).
    #[error("the {what} would take {bytes} bytes, more than GLB's limit of 4 GiB")]
    TooLarge {
        /// What is too large (`binary chunk`, `file`).
        what: &'static str,
        /// Its size.
        bytes: u64,
    },
    /// The JSON document could not be serialised.
    #[error("cannot serialise the glTF JSON: {0}")]
    Json(#[from] serde_json::Error),
}
