//! What every subcommand that reads a user's file or writes an output shares: the
//! folders its files may lie in (`--allow-dir`), and outputs that neither replace an
//! input nor take another format's name (`--force`), written whole or not at all.

use anyhow::Context as _;
use museion::venue::FileScope;
use std::path::{Path, PathBuf};

/// `--allow-dir DIR`, repeatable.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ScopeArgs {
    /// Also let the file read files from DIR (by default a glTF file or venue may read
    /// only files in its own folder and below). Repeatable.
    #[arg(long = "allow-dir", value_name = "DIR")]
    allow_dirs: Vec<PathBuf>,
}

impl ScopeArgs {
    /// The folder of `opened` and every `--allow-dir`.
    pub fn scope(&self, opened: &Path) -> FileScope {
        self.allow_dirs
            .iter()
            .fold(FileScope::around(opened), |scope, dir| scope.allow_dir(dir))
    }
}

/// Refuses `out` when it is one of `inputs` or does not end in `.extension`, unless
/// `force`.
pub fn check_output(out: &Path, inputs: &[PathBuf], extension: &str, force: bool) -> anyhow::Result<()> {
    if force {
        return Ok(());
    }
    museion_files::check_output(out, inputs, extension)
        .map_err(|e| anyhow::anyhow!("{e}; --force writes it anyway"))
}

/// Writes `bytes` to `out` through a temporary file renamed over it.
pub fn write_output(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    museion_files::write_atomic(out, |file| file.write_all(bytes))
        .with_context(|| format!("cannot write {}", out.display()))
}
