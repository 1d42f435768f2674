//! A manifest written into a folder with the images it paints.

use crate::error::IiifError;
use crate::manifest::{MANIFEST_FILE, Manifest};
use std::path::{Path, PathBuf};

impl Manifest {
    /// Writes the manifest into `dir` (created when missing) as `manifest.json`, pretty
    /// printed, with a copy of each image it paints at its `name` (`images/…`). No file
    /// is written over one of `inputs` (the venue's files: a folder that holds the
    /// venue is fine, its files are not replaced); each file is written whole or not at
    /// all, the images first, so a `manifest.json` always names images that are there.
    /// Returns the manifest's path.
    pub fn write(&self, dir: &Path, inputs: &[PathBuf]) -> Result<PathBuf, IiifError> {
        let manifest = dir.join(MANIFEST_FILE);
        museion_files::check_output(&manifest, inputs, "json")?;
        let copies: Vec<(PathBuf, &PathBuf)> = self
            .images
            .iter()
            .map(|image| (dir.join(&image.name), &image.source))
            .collect();
        for (target, source) in &copies {
            let extension = source.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !extension.is_empty() {
                museion_files::check_output(target, inputs, extension)?;
            } else if let Some(input) = inputs.iter().find(|input| same_file(input, target)) {
                return Err(museion_files::OutputError::ReplacesInput {
                    out: target.clone(),
                    input: input.clone(),
                }
                .into());
            }
        }
        for (target, source) in &copies {
            let folder = target.parent().unwrap_or(dir);
            std::fs::create_dir_all(folder).map_err(|e| io("create the folder", folder, e))?;
            let bytes = std::fs::read(source).map_err(|e| io("read", source, e))?;
            museion_files::write_atomic(target, |out| out.write_all(&bytes))
                .map_err(|e| io("write", target, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| io("create the folder", dir, e))?;
        let mut text = serde_json::to_vec_pretty(&self.json).map_err(|e| io("write", &manifest, e.into()))?;
        text.push(b'\n');
        museion_files::write_atomic(&manifest, |out| out.write_all(&text))
            .map_err(|e| io("write", &manifest, e))?;
        Ok(manifest)
    }
}

fn io(action: &'static str, path: &Path, source: std::io::Error) -> IiifError {
    IiifError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Whether two paths name the same file, after links and `..` are resolved.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
