//! The error type of glTF import.

use std::fmt;
use std::path::PathBuf;

/// Where in an input an error was found: the file, and a JSON pointer into its glTF
/// document (empty when the error concerns the file as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The glTF (or GLB) file being read.
    pub file: PathBuf,
    /// A JSON pointer such as `/accessors/3/bufferView`, or empty.
    pub pointer: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}", self.file.display())
        } else {
            write!(f, "{} at {}", self.file.display(), self.pointer)
        }
    }
}

/// Everything that can go wrong importing a glTF file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Building the scene failed (a node hierarchy the scene graph refuses).
    #[error(transparent)]
    Scene(#[from] museion_scene::Error),
    /// A file (the document, or a buffer or image it refers to) could not be read.
    #[error("{}: {}", read_target(at, path), museion_files::io_words(source))]
    Io {
        /// The document and JSON pointer that led to the file.
        at: Box<Location>,
        /// The file that could not be read.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is neither JSON text nor a GLB container: not a glTF file at all.
    #[error(
        "{at}: not a glTF file (it is neither JSON text nor a GLB container); museion opens .gltf and .glb models and .toml venues"
    )]
    NotGltf {
        /// The file.
        at: Box<Location>,
    },
    /// The JSON is malformed or does not have glTF's shape.
    #[error("{at}: invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// The document.
        at: Box<Location>,
        /// 1-based line of the problem in the JSON text.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said.
        message: String,
    },
    /// The binary glTF container is malformed.
    #[error("{at}: invalid GLB: {message}")]
    Glb {
        /// The document.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// The asset is not glTF 2.x.
    #[error("{at}: unsupported glTF version {version:?} (Museion reads glTF 2.x)")]
    UnsupportedVersion {
        /// The document and `/asset/version`.
        at: Box<Location>,
        /// The version the file states.
        version: String,
    },
    /// An extension in `extensionsRequired` that Museion does not implement.
    #[error("{at}: required extension {name} is not supported")]
    UnsupportedExtension {
        /// The document and the pointer into `extensionsRequired`.
        at: Box<Location>,
        /// The extension's name.
        name: String,
    },
    /// A reference to an object that does not exist.
    #[error("{at}: {kind} index {index} is out of range (the file has {count})")]
    IndexOutOfRange {
        /// Where the reference is.
        at: Box<Location>,
        /// What kind of object is referred to (`accessor`, `node`, …).
        kind: &'static str,
        /// The index given.
        index: u64,
        /// How many such objects exist.
        count: usize,
    },
    /// A byte range (of a buffer view, accessor or image) reaches past its data.
    #[error("{at}: {message}")]
    OutOfBounds {
        /// The object whose range is wrong.
        at: Box<Location>,
        /// The range and the size of the data.
        message: String,
    },
    /// A vertex index in index data that is not below the vertex count.
    #[error("{at}: index {value} at position {position} is not below the vertex count {vertex_count}")]
    VertexIndexOutOfRange {
        /// The indices accessor.
        at: Box<Location>,
        /// Position in the index list.
        position: usize,
        /// The offending index.
        value: u32,
        /// The number of vertices of the primitive.
        vertex_count: usize,
    },
    /// A `KHR_draco_mesh_compression` stream the Draco decoder refuses (truncated,
    /// corrupt, or larger than the import limits allow).
    #[error("{at}: cannot decode Draco geometry: {message}")]
    Draco {
        /// The primitive's extension object.
        at: Box<Location>,
        /// What the decoder said.
        message: String,
    },
    /// An `EXT_meshopt_compression` or `KHR_meshopt_compression` stream the meshopt
    /// decoder refuses (truncated, corrupt, or of an unknown version).
    #[error("{at}: cannot decode meshopt data: {message}")]
    Meshopt {
        /// The buffer view's extension object.
        at: Box<Location>,
        /// What the decoder said.
        message: String,
    },
    /// Decompressed data whose size differs from what the JSON declares for it (an
    /// accessor's count, a buffer view's length).
    #[error("{at}: {what}: the file declares {declared} but the compressed data holds {decoded}")]
    DecodedSize {
        /// The accessor or buffer view whose declaration does not match.
        at: Box<Location>,
        /// What was counted (`vertices`, `indices`, `bytes`, …).
        what: String,
        /// The size the JSON declares.
        declared: u64,
        /// The size the decoder produced or would produce.
        decoded: u64,
    },
    /// A `data:` URI whose payload is not valid base64.
    #[error("{at}: invalid base64 in data URI: {message}")]
    Base64 {
        /// The buffer or image with the URI.
        at: Box<Location>,
        /// What the decoder said.
        message: String,
    },
    /// A URI Museion cannot load (a network scheme, a non-base64 data URI, …).
    #[error("{at}: cannot load URI {uri:?}: {message}")]
    Uri {
        /// The buffer or image with the URI.
        at: Box<Location>,
        /// The URI as written.
        uri: String,
        /// Why it cannot be loaded.
        message: String,
    },
    /// A URI naming a file outside the folders the import may read (the folder of the
    /// file opened, unless `ImportOptions::scope` allows more).
    #[error("{at}: URI {uri:?} leads outside: {source}")]
    Outside {
        /// The buffer or image with the URI.
        at: Box<Location>,
        /// The URI as written.
        uri: String,
        /// Where it leads, and the folders allowed.
        source: museion_files::ScopeError,
    },
    /// The node hierarchy has a cycle, or a node with two parents.
    #[error("{at}: {message}")]
    NodeHierarchy {
        /// The node where the problem was found.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// A count or size beyond the import limits (see `ImportLimits`).
    #[error("{at}: {what} of {value} exceeds the limit of {limit}")]
    LimitExceeded {
        /// The object that is too large.
        at: Box<Location>,
        /// What was measured.
        what: String,
        /// The measured value.
        value: u64,
        /// The limit.
        limit: u64,
    },
    /// Image data that cannot be decoded.
    #[error("{at}: cannot decode image: {message}")]
    Image {
        /// The image.
        at: Box<Location>,
        /// What the decoder said.
        message: String,
    },
    /// A value that breaks a rule of the glTF specification.
    #[error("{at}: {message}")]
    Invalid {
        /// Where the value is.
        at: Box<Location>,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// The file and JSON pointer of the problem (`None` for scene graph errors).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Scene(_) => None,
            Error::Io { at, .. }
            | Error::NotGltf { at }
            | Error::Json { at, .. }
            | Error::Glb { at, .. }
            | Error::UnsupportedVersion { at, .. }
            | Error::UnsupportedExtension { at, .. }
            | Error::IndexOutOfRange { at, .. }
            | Error::OutOfBounds { at, .. }
            | Error::VertexIndexOutOfRange { at, .. }
            | Error::Draco { at, .. }
            | Error::Meshopt { at, .. }
            | Error::DecodedSize { at, .. }
            | Error::Base64 { at, .. }
            | Error::Uri { at, .. }
            | Error::Outside { at, .. }
            | Error::NodeHierarchy { at, .. }
            | Error::LimitExceeded { at, .. }
            | Error::Image { at, .. }
            | Error::Invalid { at, .. } => Some(at),
        }
    }
}

/// "model.gltf at /buffers/0: cannot read model.bin", or "cannot read model.gltf" when
/// the file that failed is the document itself (rather than naming it twice).
fn read_target(at: &Location, path: &std::path::Path) -> String {
    if at.pointer.is_empty() && at.file == path {
        format!("cannot read {}", path.display())
    } else {
        format!("{at}: cannot read {}", path.display())
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
