//! The on-disk cache of baked environments, keyed by a hash of the source file's bytes
//! (or of the procedural environment's name) and of the bake's version.
//!
//! A file holds a header (magic, specular face size and level count, irradiance face
//! size), the irradiance cube's half-float texels, and the specular chain's level by
//! level. Files are written to a temporary name and renamed, so
//! processes baking the same environment at once never read a half-written file.

use std::io::Write as _;
use std::path::PathBuf;

pub use museion_files::{CACHE_DIR_ENV, cache_dir};

/// Changes whenever the bake's output changes, so old files are not read.
const BAKE_VERSION: u64 = 3;
const MAGIC: &[u8; 8] = b"MUSENV02";

/// A baked environment as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedBake {
    /// Face size of the specular chain's level 0.
    pub face: u32,
    /// Per specular level, the six faces' RGBA16F texels.
    pub levels: Vec<Vec<u8>>,
    /// Face size of the irradiance cube.
    pub irradiance_face: u32,
    /// The irradiance cube's six faces' RGBA16F texels.
    pub irradiance: Vec<u8>,
}

/// Bytes of the six RGBA16F faces of a cube level `size` texels a side.
fn cube_bytes(size: u32) -> usize {
    6 * (size as usize).pow(2) * 8
}

/// FNV-1a over the bake version, a kind tag and the source's bytes.
pub fn key(kind: &str, bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let version = BAKE_VERSION.to_le_bytes();
    for byte in version
        .iter()
        .chain(kind.as_bytes())
        .chain([0u8].iter())
        .chain(bytes)
    {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn path(key: u64) -> Option<PathBuf> {
    Some(cache_dir()?.join(format!("environment-{key:016x}.bin")))
}

fn encode(bake: &CachedBake) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&bake.face.to_le_bytes());
    out.extend_from_slice(&(bake.levels.len() as u32).to_le_bytes());
    out.extend_from_slice(&bake.irradiance_face.to_le_bytes());
    out.extend_from_slice(&bake.irradiance);
    for level in &bake.levels {
        out.extend_from_slice(level);
    }
    out
}

fn decode(bytes: &[u8]) -> Option<CachedBake> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let word = |i: usize| -> Option<[u8; 4]> { rest.get(i * 4..i * 4 + 4)?.try_into().ok() };
    let face = u32::from_le_bytes(word(0)?);
    let level_count = u32::from_le_bytes(word(1)?);
    let irradiance_face = u32::from_le_bytes(word(2)?);
    let sizes_ok = |size: u32| size.is_power_of_two() && size <= 4096;
    if !sizes_ok(face) || !sizes_ok(irradiance_face) || level_count == 0 || level_count > face.ilog2() + 1 {
        return None;
    }
    let mut offset = 3 * 4;
    let mut take = |len: usize| -> Option<Vec<u8>> {
        let bytes = rest.get(offset..offset + len)?.to_vec();
        offset += len;
        Some(bytes)
    };
    let irradiance = take(cube_bytes(irradiance_face))?;
    let levels = (0..level_count)
        .map(|level| take(cube_bytes(face >> level)))
        .collect::<Option<Vec<_>>>()?;
    (offset == rest.len()).then_some(CachedBake {
        face,
        levels,
        irradiance_face,
        irradiance,
    })
}

/// The cached bake for `key`, if there is a whole one.
pub fn load(key: u64) -> Option<CachedBake> {
    let path = path(key)?;
    let bytes = std::fs::read(&path).ok()?;
    let bake = decode(&bytes);
    if bake.is_none() {
        log::warn!("{}: not a baked environment; baking again", path.display());
    }
    bake
}

/// Stores a bake; failures only log (the cache is an optimisation).
pub fn store(key: u64, bake: &CachedBake) {
    let Some(path) = path(key) else {
        return;
    };
    let write = || -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(std::path::Path::new("."));
        std::fs::create_dir_all(dir)?;
        let (temp, mut file) = tempfile_in(dir)?;
        let written = file
            .write_all(&encode(bake))
            .and_then(|()| file.sync_all())
            .and_then(|()| std::fs::rename(&temp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    };
    if let Err(e) = write() {
        log::warn!("cannot cache the baked environment at {}: {e}", path.display());
    }
}

/// A new file in `dir` named after this process and a counter.
fn tempfile_in(dir: &std::path::Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!(".environment-{}-{n}.tmp", std::process::id()));
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bakes_round_trip_and_damaged_files_are_refused() {
        let bake = CachedBake {
            face: 16,
            levels: vec![vec![7; 6 * 16 * 16 * 8], vec![9; 6 * 8 * 8 * 8]],
            irradiance_face: 4,
            irradiance: (0..6 * 4 * 4 * 8).map(|i| i as u8).collect(),
        };
        let bytes = encode(&bake);
        assert_eq!(decode(&bytes), Some(bake));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(b"MUSENV00"), None);
        // A file of the previous format (harmonics, no irradiance cube) is not read.
        let mut old = bytes.clone();
        old[..8].copy_from_slice(b"MUSENV01");
        assert_eq!(decode(&old), None);
        // Nor one whose irradiance face size does not match the bytes that follow.
        let mut resized = bytes.clone();
        resized[16..20].copy_from_slice(&8u32.to_le_bytes());
        assert_eq!(decode(&resized), None);
        let mut extra = bytes.clone();
        extra.push(0);
        assert_eq!(decode(&extra), None);
        // Keys change with the content and the kind.
        assert_ne!(key("file", b"a"), key("file", b"b"));
        assert_ne!(key("file", b"a"), key("studio", b"a"));
    }
}
