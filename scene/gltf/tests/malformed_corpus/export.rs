//! Writing the corpus out as seeds for the `gltf_import` fuzz target (`fuzz/run.sh`):
//! with `MUSEION_CORPUS_EXPORT=<dir>`, every unmodified seed and every case is also
//! written to `<dir>` as one file in the fuzz target's packed form — the document, then
//! for each external file it names (`\n--museion-file:NAME\n` and the file's bytes), see
//! `fuzz/src/lib.rs`. Files over [`MAX_EXPORT`] are left out, as the fuzzer is run with
//! that `-max_len`. The test runs and checks as usual; the export only adds files.

use crate::run::{Case, Input};
use std::path::{Path, PathBuf};

/// The environment variable naming the folder to export into.
pub(crate) const EXPORT_ENV: &str = "MUSEION_CORPUS_EXPORT";
/// Largest packed file written, in bytes (the fuzzer's `-max_len`).
pub(crate) const MAX_EXPORT: usize = 1 << 20;
/// The separator in front of every packed file (`museion_fuzz::SECTION`).
const SECTION: &[u8] = b"\n--museion-file:";

/// The export folder, when one was asked for (created if missing).
pub(crate) fn export_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os(EXPORT_ENV)?);
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

/// Writes `case` to `dir` as `<name>`; returns whether it was written (not too large,
/// readable, written).
pub(crate) fn export_case(dir: &Path, name: &str, case: &Case) -> bool {
    let Some(packed) = pack(&case.input) else {
        return false;
    };
    packed.len() <= MAX_EXPORT && std::fs::write(dir.join(name), packed).is_ok()
}

/// The case's input in packed form: a file's bytes with the external files it names
/// (flat names only, as the fuzz target's folder has no subfolders), or the bytes given
/// to `import_slice` as they are.
fn pack(input: &Input) -> Option<Vec<u8>> {
    match input {
        Input::Bytes { bytes, .. } => Some(bytes.clone()),
        Input::Path(path) => {
            let mut out = std::fs::read(path).ok()?;
            for file in museion_gltf::external_files(path) {
                let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                let Ok(bytes) = std::fs::read(&file) else {
                    continue;
                };
                out.extend_from_slice(SECTION);
                out.extend_from_slice(name.as_bytes());
                out.push(b'\n');
                out.extend_from_slice(&bytes);
                if out.len() > MAX_EXPORT {
                    return None;
                }
            }
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_a_gltf_with_the_files_it_names() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let gltf = dir.path().join("a.gltf");
        let json = br#"{"asset":{"version":"2.0"},"buffers":[{"uri":"a.bin","byteLength":2}]}"#;
        std::fs::write(&gltf, json).expect("write gltf");
        std::fs::write(dir.path().join("a.bin"), [7u8, 8]).expect("write bin");
        let packed = pack(&Input::Path(gltf)).expect("packed");
        let mut expected = json.to_vec();
        expected.extend_from_slice(b"\n--museion-file:a.bin\n\x07\x08");
        assert_eq!(packed, expected);
    }
}
