//! The files a glTF document refers to, without importing it.

use std::path::{Path, PathBuf};

/// The external files (buffers and images) a `.gltf` file refers to by relative URI,
/// resolved against its folder: what a watcher must follow besides the file itself. None
/// for `.glb` files with everything inside, or for files that cannot be read or parsed.
pub fn external_files(path: &Path) -> Vec<PathBuf> {
    let is_gltf = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gltf"));
    if !is_gltf {
        return Vec::new();
    }
    let Ok(text) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let base = path.parent().unwrap_or(Path::new(""));
    let mut files = Vec::new();
    for list in ["buffers", "images"] {
        let uris = json.get(list).and_then(|v| v.as_array()).into_iter().flatten();
        for uri in uris.filter_map(|item| item.get("uri").and_then(|u| u.as_str())) {
            if uri.starts_with("data:") || uri.contains("://") {
                continue;
            }
            let decoded = percent_encoding::percent_decode_str(uri).decode_utf8_lossy();
            let file = base.join(decoded.as_ref());
            if !files.contains(&file) {
                files.push(file);
            }
        }
    }
    files
}
