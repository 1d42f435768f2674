//! The folders a scene's files may be read from.

use std::path::{Component, Path, PathBuf};

/// The folders that the files a scene refers to may lie in: by default the folder of
/// the file the user opened, plus any folder allowed explicitly; or, only when asked
/// for, anywhere.
///
/// A path is inside when it is, after symbolic links and `.`/`..` are resolved, within
/// one of those folders (also resolved). A path that does not exist yet is judged by
/// its nearest existing ancestor, so a missing file inside reads as missing, not as
/// outside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileScope {
    folders: Vec<PathBuf>,
    anywhere: bool,
}

/// A reference to a file outside the folders of its [`FileScope`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} is outside the folders files may be read from ({}); --allow-dir DIR allows another",
    path.display(),
    folders_text(folders)
)]
pub struct ScopeError {
    /// The path referred to, as resolved.
    pub path: PathBuf,
    /// The folders it may lie in, as resolved.
    pub folders: Vec<PathBuf>,
}

fn folders_text(folders: &[PathBuf]) -> String {
    match folders {
        [] => "none".into(),
        [one] => one.display().to_string(),
        many => many
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

impl FileScope {
    /// The folder of `opened` (the file the user opened): what it refers to must lie
    /// in that folder or below it.
    pub fn around(opened: &Path) -> Self {
        let folder = match opened.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Self::within(folder)
    }

    /// The folder `folder` and what lies below it.
    pub fn within(folder: impl Into<PathBuf>) -> Self {
        Self {
            folders: vec![folder.into()],
            anywhere: false,
        }
    }

    /// No confinement: any path is inside. For applications that read files they trust
    /// from wherever they are; never the default.
    pub fn anywhere() -> Self {
        Self {
            folders: Vec::new(),
            anywhere: true,
        }
    }

    /// This scope and `folder` besides (the command line's `--allow-dir`).
    pub fn allow_dir(mut self, folder: impl Into<PathBuf>) -> Self {
        self.folders.push(folder.into());
        self
    }

    /// The folders, as given.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Whether every path is inside.
    pub fn is_anywhere(&self) -> bool {
        self.anywhere
    }

    /// `path` resolved (symbolic links followed, `.` and `..` taken away) when it lies
    /// inside the scope, else an error naming it and the folders.
    pub fn check(&self, path: &Path) -> Result<PathBuf, ScopeError> {
        let resolved = resolve(path);
        if self.anywhere {
            return Ok(resolved);
        }
        let folders: Vec<PathBuf> = self.folders.iter().map(|f| resolve(f)).collect();
        if folders.iter().any(|folder| resolved.starts_with(folder)) {
            Ok(resolved)
        } else {
            Err(ScopeError {
                path: resolved,
                folders,
            })
        }
    }
}

/// `path` made absolute, its existing part canonical (symbolic links followed) and the
/// rest, which does not exist, with `.` and `..` taken away.
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut out = canonical;
            for component in missing.iter().rev() {
                push_component(&mut out, *component);
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                missing.push(last);
                existing = parent;
            }
            _ => return lexical(&absolute),
        }
    }
}

fn push_component(out: &mut PathBuf, component: Component<'_>) {
    match component {
        Component::ParentDir => {
            out.pop();
        }
        Component::CurDir => {}
        other => out.push(other.as_os_str()),
    }
}

/// `.` and `..` taken away without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        push_component(&mut out, component);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        std::fs::create_dir_all(dir.path().join("museum/models")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("museum/venue.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("museum/models/bust.glb"), "").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("secret.bin"), "secret").unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    #[test]
    fn files_below_the_opened_file_are_inside_and_the_rest_of_the_disk_is_not() {
        let dir = folder();
        let museum = dir.path().join("museum");
        let scope = FileScope::around(&museum.join("venue.toml"));
        assert!(scope.check(&museum.join("models/bust.glb")).is_ok());
        assert!(scope.check(&museum.join("models/../venue.toml")).is_ok());
        // Missing files inside are inside: reading them will say they are missing.
        assert!(scope.check(&museum.join("art/missing.png")).is_ok());
        for outside in [
            museum.join("../secret.bin"),
            museum.join("models/../../secret.bin"),
            museum.join("missing/../../secret.bin"),
            PathBuf::from("/etc/passwd"),
        ] {
            let error = scope
                .check(&outside)
                .err()
                .unwrap_or_else(|| panic!("{} is inside", outside.display()));
            assert!(error.to_string().contains("--allow-dir"), "{error}");
        }
        let error = scope.check(&museum.join("../secret.bin")).err();
        assert_eq!(
            error.map(|e| e.path),
            Some(resolve(&dir.path().join("secret.bin")))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_judged_by_what_it_points_at() {
        let dir = folder();
        let museum = dir.path().join("museum");
        std::os::unix::fs::symlink(dir.path().join("secret.bin"), museum.join("innocent.bin"))
            .unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(dir.path(), museum.join("up")).unwrap_or_else(|e| panic!("{e}"));
        let scope = FileScope::around(&museum.join("venue.toml"));
        assert!(scope.check(&museum.join("innocent.bin")).is_err());
        assert!(scope.check(&museum.join("up/secret.bin")).is_err());
        // A link from outside into the scope is fine: what counts is where it leads.
        std::os::unix::fs::symlink(museum.join("models"), dir.path().join("models-link"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(scope.check(&dir.path().join("models-link/bust.glb")).is_ok());
    }

    #[test]
    fn allowed_folders_and_anywhere_widen_the_scope() {
        let dir = folder();
        let museum = dir.path().join("museum");
        let secret = dir.path().join("secret.bin");
        let scope = FileScope::around(&museum.join("venue.toml"));
        assert!(scope.check(&secret).is_err());
        assert!(scope.clone().allow_dir(dir.path()).check(&secret).is_ok());
        assert!(FileScope::anywhere().check(&secret).is_ok());
        assert!(FileScope::anywhere().is_anywhere());
        assert_eq!(scope.folders(), [museum]);
    }

    #[test]
    fn a_bare_file_name_is_around_the_current_folder() {
        assert_eq!(
            FileScope::around(Path::new("venue.toml")).folders(),
            [PathBuf::from(".")]
        );
    }
}
