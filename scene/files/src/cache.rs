//! Where Museion keeps what it derives from a user's files (baked light, environments
//! taken out of exported venues) so that it need not derive it again.

use std::path::PathBuf;

/// The environment variable that overrides where derived files are kept.
pub const CACHE_DIR_ENV: &str = "MUSEION_CACHE_DIR";

/// The folder derived files go to: `$MUSEION_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/museion`, else `~/.cache/museion`; `None` when none of these is set.
/// (The same folder as the environment bake's cache in `museion-environment`.)
pub fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var(CACHE_DIR_ENV)
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("museion")))
        .or_else(|| var("HOME").map(|d| d.join(".cache").join("museion")))
}
