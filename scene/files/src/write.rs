//! Files written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `path` through `fill`: first into a hidden temporary file beside it, which
/// is synced and then renamed over `path`. A failure at any step leaves `path` as it
/// was (an old file stays whole) and removes the temporary file.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let partial = partial_path(path);
    let written = std::fs::File::create(&partial).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        fill(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&partial, path)
    });
    if written.is_err() {
        // Best effort: the partial file is ours and useless now.
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// `dir/name.png` → `dir/.name.png.partial`.
fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.partial"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_files_sit_beside_the_target() {
        assert_eq!(
            partial_path(Path::new("out/venue.glb")),
            Path::new("out/.venue.glb.partial")
        );
    }

    #[test]
    fn a_file_is_written_whole_or_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.png");
        write_atomic(&path, |out| out.write_all(b"first")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        let failed = write_atomic(&path, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("the encoder gave up"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["out.png"], "no partial file is left behind");
    }

    #[test]
    fn a_folder_that_does_not_exist_is_an_error() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("missing/out.png");
        assert!(write_atomic(&path, |out| out.write_all(b"x")).is_err());
    }
}
