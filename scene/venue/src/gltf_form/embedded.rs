//! A file environment embedded in an exported venue, so that the GLB lights as the venue
//! did without the image beside it: the `.hdr` or `.exr` file's bytes, unchanged, in a
//! buffer view of the GLB's binary chunk, named by
//! `extras.venue.environment.embedded = {"bufferView": 7, "media_type":
//! "image/vnd.radiance", "byte_length": 1234}` beside the environment's `"file"` name.
//!
//! Loading takes the bytes out into the cache (`$MUSEION_CACHE_DIR/environments/HASH/NAME`,
//! HASH a hash of the bytes, NAME the file's name), where the renderer opens it as any
//! environment file; an extracted file already there with the same bytes is used as it
//! is.

use super::EnvironmentJson;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The media type of a Radiance `.hdr` image.
pub(crate) const HDR: &str = "image/vnd.radiance";
/// The media type of an OpenEXR `.exr` image.
pub(crate) const EXR: &str = "image/x-exr";
/// The folder of the cache extracted environments go to.
const CACHE_FOLDER: &str = "environments";

/// An embedded environment as written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EmbeddedJson {
    /// The buffer view holding the file's bytes.
    pub view: usize,
    /// [`HDR`] or [`EXR`].
    pub media_type: &'static str,
}

/// The media type of an environment file, by its extension; `None` for neither.
pub(crate) fn media_type(path: &Path) -> Option<&'static str> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "hdr" => Some(HDR),
        "exr" => Some(EXR),
        _ => None,
    }
}

/// The `embedded` object of a file of `bytes` bytes; its `bufferView` is set when the
/// bytes are stored.
pub(crate) fn embedded_json(media_type: &str, bytes: usize) -> Value {
    json!({ "media_type": media_type, "byte_length": bytes })
}

/// Reads `environment.embedded`, if there is one; members of the wrong type are
/// warnings (and no embedded file).
pub(crate) fn embedded_from_json(environment: &Value, warnings: &mut Vec<String>) -> Option<EmbeddedJson> {
    let embedded = environment.get("embedded")?;
    let view = embedded
        .get("bufferView")
        .and_then(Value::as_u64)
        .and_then(|v| usize::try_from(v).ok());
    let media_type = match embedded.get("media_type").and_then(Value::as_str) {
        Some(HDR) => Some(HDR),
        Some(EXR) => Some(EXR),
        _ => None,
    };
    match (view, media_type) {
        (Some(view), Some(media_type)) => Some(EmbeddedJson { view, media_type }),
        _ => {
            warnings.push(format!(
                "extras.venue.environment.embedded needs a bufferView index and a media_type of \"{HDR}\" or \"{EXR}\"; ignored"
            ));
            None
        }
    }
}

/// The name to give an extracted environment: the file name written when it is a plain
/// name with the extension its media type has, else `environment.hdr` / `.exr`.
pub(crate) fn file_name(written: &EnvironmentJson, kind: &str) -> String {
    let extension = if kind == EXR { "exr" } else { "hdr" };
    written
        .file
        .as_deref()
        .filter(|name| {
            let path = Path::new(name);
            path.file_name() == Some(std::ffi::OsStr::new(name))
                && !name.starts_with('.')
                && name.chars().all(|c| !c.is_control())
                && media_type(path) == Some(kind)
        })
        .map_or_else(|| format!("environment.{extension}"), str::to_owned)
}

/// Writes `bytes` as `name` into the cache's folder for them (see the module's docs) and
/// returns the file's path; a file already there with these bytes is kept.
pub(crate) fn extract(name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let cache = museion_files::cache_dir().ok_or_else(|| {
        format!(
            "there is no cache folder to take the embedded environment out into (set {} or HOME)",
            museion_files::CACHE_DIR_ENV
        )
    })?;
    let dir = cache.join(CACHE_FOLDER).join(format!("{:016x}", fnv1a(bytes)));
    let path = dir.join(name);
    if std::fs::read(&path).is_ok_and(|there| there == bytes) {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir)
        .and_then(|()| museion_files::write_atomic(&path, |out| out.write_all(bytes)))
        .map_err(|e| format!("cannot write the embedded environment to {}: {e}", path.display()))?;
    Ok(path)
}

/// FNV-1a, 64 bits: names the folder of an extracted file (its bytes are compared
/// before it is used, so a collision costs a rewrite, never a wrong image).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(file: Option<&str>) -> EnvironmentJson {
        EnvironmentJson {
            source: "file".into(),
            file: file.map(str::to_owned),
            intensity: 1.0,
            embedded: None,
        }
    }

    #[test]
    fn an_extracted_file_keeps_a_plain_name_of_its_kind() {
        assert_eq!(file_name(&written(Some("hall.hdr")), HDR), "hall.hdr");
        assert_eq!(file_name(&written(Some("Hall.EXR")), EXR), "Hall.EXR");
        for odd in ["../x.hdr", "a/b.hdr", ".hdr", "x.exr", "x\n.hdr"] {
            assert_eq!(file_name(&written(Some(odd)), HDR), "environment.hdr", "{odd:?}");
        }
        assert_eq!(file_name(&written(None), EXR), "environment.exr");
    }

    #[test]
    fn embedded_members_of_the_wrong_type_are_a_warning() {
        let mut warnings = Vec::new();
        let good = json!({ "embedded": { "bufferView": 3, "media_type": HDR } });
        assert_eq!(
            embedded_from_json(&good, &mut warnings),
            Some(EmbeddedJson {
                view: 3,
                media_type: HDR
            })
        );
        assert_eq!(embedded_from_json(&json!({}), &mut warnings), None);
        assert!(warnings.is_empty());
        let odd = json!({ "embedded": { "bufferView": -1, "media_type": "image/png" } });
        assert_eq!(embedded_from_json(&odd, &mut warnings), None);
        assert_eq!(warnings.len(), 1);
    }
}
