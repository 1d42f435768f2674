//! Helpers shared by the fuzz targets: the import limits they run under, a small virtual
//! file system (extra files packed after the document, written into a temporary folder
//! so that URIs resolve to them) and a GLB writer.
//!
//! Packed input: the document, then any number of sections, each
//! `\n--museion-file:NAME\n` followed by the file's bytes up to the next section. NAME is
//! kept when it is 1 to 64 characters of `[A-Za-z0-9._-]` not starting with `.`; other
//! sections are dropped. A document without sections is imported as it is, so raw glTF
//! and GLB files are valid seeds.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use museion_gltf::{ImportLimits, ImportOptions};

/// The separator in front of every packed file.
pub const SECTION: &[u8] = b"\n--museion-file:";

/// The most files one input may pack.
pub const MAX_FILES: usize = 8;

/// Limits well below the importer's defaults, so that an input which allocates more than
/// libFuzzer's `-rss_limit_mb=2048` has escaped the limits rather than used them.
pub fn options() -> ImportOptions {
    ImportOptions {
        limits: ImportLimits {
            max_image_dimension: 4096,
            max_image_bytes: 256 << 20,
            max_geometry_bytes: 256 << 20,
            max_buffer_bytes: 256 << 20,
        },
        ..ImportOptions::default()
    }
}

/// An empty folder, made once per process, for inputs that pack no files: URIs then
/// resolve into it (and find nothing) instead of the fuzzer's working directory.
pub fn empty_dir() -> &'static Path {
    static DIR: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    match DIR.get_or_init(|| tempfile::tempdir().ok()) {
        Some(dir) => dir.path(),
        None => Path::new("/nonexistent-museion-fuzz"),
    }
}

/// A packed input split into its document and its named files.
pub struct Packed<'a> {
    /// The glTF JSON or GLB bytes.
    pub document: &'a [u8],
    /// The files, by name, in input order (a later one of the same name wins).
    pub files: Vec<(&'a str, &'a [u8])>,
}

/// Splits `data` into its document and files (see the crate documentation).
pub fn unpack(data: &[u8]) -> Packed<'_> {
    let mut parts = split_all(data, SECTION);
    let document = parts.next().unwrap_or(&[]);
    let mut files = Vec::new();
    for part in parts {
        if files.len() == MAX_FILES {
            break;
        }
        let Some(newline) = part.iter().position(|&b| b == b'\n') else {
            continue;
        };
        let (name, bytes) = (&part[..newline], &part[newline + 1..]);
        if let Some(name) = valid_name(name) {
            files.push((name, bytes));
        }
    }
    Packed { document, files }
}

fn valid_name(name: &[u8]) -> Option<&str> {
    let ok = (1..=64).contains(&name.len())
        && name[0] != b'.'
        && name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok { std::str::from_utf8(name).ok() } else { None }
}

fn split_all<'a>(data: &'a [u8], separator: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.windows(separator.len()).position(|w| w == separator) {
            Some(at) => {
                rest = Some(&current[at + separator.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The folder the packed files were written to: a fresh temporary one when there are
/// files (removed on drop), else [`empty_dir`].
pub enum Folder {
    /// A temporary folder holding the files.
    Temp(tempfile::TempDir),
    /// The shared empty folder.
    Empty,
}

impl Folder {
    /// Writes `files` into a new temporary folder, or picks the empty one; `None` when
    /// the files cannot be written.
    pub fn with(files: &[(&str, &[u8])]) -> Option<Self> {
        if files.is_empty() {
            return Some(Self::Empty);
        }
        let dir = tempfile::tempdir().ok()?;
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).ok()?;
        }
        Some(Self::Temp(dir))
    }

    /// The folder's path.
    pub fn path(&self) -> PathBuf {
        match self {
            Self::Temp(dir) => dir.path().to_path_buf(),
            Self::Empty => empty_dir().to_path_buf(),
        }
    }
}

/// The GLB magic, `glTF`.
pub const GLB_MAGIC: &[u8; 4] = b"glTF";

/// A GLB container of a JSON chunk (padded with spaces) and, when given, a BIN chunk
/// (padded with zeros).
pub fn glb(json: &[u8], bin: Option<&[u8]>) -> Vec<u8> {
    let mut chunks = Vec::new();
    push_chunk(&mut chunks, *b"JSON", json, b' ');
    if let Some(bin) = bin {
        push_chunk(&mut chunks, *b"BIN\0", bin, 0);
    }
    let mut out = Vec::with_capacity(12 + chunks.len());
    out.extend_from_slice(GLB_MAGIC);
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&u32_len(12 + chunks.len()).to_le_bytes());
    out.extend_from_slice(&chunks);
    out
}

/// Imports the glTF document `doc` as a GLB with `bin` as its binary chunk, after giving
/// it one mesh of `primitive` on one node of the default scene (what every structured
/// target draws). Nothing outside the container can be read.
pub fn import_primitive(mut doc: serde_json::Value, primitive: serde_json::Value, bin: &[u8]) {
    doc["meshes"] = serde_json::json!([{"primitives": [primitive]}]);
    doc["nodes"] = serde_json::json!([{"mesh": 0}]);
    doc["scenes"] = serde_json::json!([{"nodes": [0]}]);
    doc["scene"] = serde_json::json!(0);
    let Ok(text) = serde_json::to_vec(&doc) else {
        return;
    };
    let bytes = glb(&text, Some(bin));
    let _ = museion_gltf::import_slice(&bytes, "fuzz.glb", Some(empty_dir()), &options());
}

fn push_chunk(out: &mut Vec<u8>, kind: [u8; 4], data: &[u8], pad: u8) {
    let padded = data.len().div_ceil(4) * 4;
    out.extend_from_slice(&u32_len(padded).to_le_bytes());
    out.extend_from_slice(&kind);
    out.extend_from_slice(data);
    out.resize(out.len() + (padded - data.len()), pad);
}

fn u32_len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacks_document_and_named_files() {
        let data = b"{}\n--museion-file:a.bin\n\x01\x02\n--museion-file:../x\nz\n--museion-file:b.png\n";
        let packed = unpack(data);
        assert_eq!(packed.document, b"{}");
        assert_eq!(
            packed.files,
            vec![("a.bin", &b"\x01\x02"[..]), ("b.png", &b""[..])]
        );
    }

    #[test]
    fn glb_pads_chunks_and_states_the_length() {
        let out = glb(b"{}", Some(&[1, 2, 3, 4, 5]));
        assert_eq!(out.len(), 12 + 8 + 4 + 8 + 8);
        assert_eq!(&out[8..12], &u32_len(out.len()).to_le_bytes());
    }
}
