//! Outputs that do not replace their inputs.

use crate::scope::FileScope;
use std::path::{Path, PathBuf};

/// Why an output path was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    /// The output would replace a file it is made from.
    #[error("refusing to write {}: it is {}, which this run reads", out.display(), input.display())]
    ReplacesInput {
        /// The output as given.
        out: PathBuf,
        /// The input it resolves to.
        input: PathBuf,
    },
    /// The output's name says another format than the one written.
    #[error(
        "refusing to write {} data to {}: its name does not end in .{expected}",
        expected.to_uppercase(),
        out.display()
    )]
    WrongExtension {
        /// The output as given.
        out: PathBuf,
        /// The extension of what is written, lower case.
        expected: String,
    },
}

/// Checks an output path before anything is written to it: `out` must not be one of
/// `inputs` (after symbolic links and `..` are resolved, so another spelling of the same
/// file is caught) and its extension must be `extension` (any case).
pub fn check_output(out: &Path, inputs: &[PathBuf], extension: &str) -> Result<(), OutputError> {
    let target = resolved(out);
    if let Some(input) = inputs.iter().find(|input| resolved(input) == target) {
        return Err(OutputError::ReplacesInput {
            out: out.to_path_buf(),
            input: input.clone(),
        });
    }
    let matches = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if !matches {
        return Err(OutputError::WrongExtension {
            out: out.to_path_buf(),
            expected: extension.to_ascii_lowercase(),
        });
    }
    Ok(())
}

fn resolved(path: &Path) -> PathBuf {
    // Anywhere: resolution only, no confinement.
    FileScope::anywhere()
        .check(path)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_may_not_be_an_input_under_any_spelling() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let fox = dir.path().join("Fox.glb");
        std::fs::create_dir_all(dir.path().join("art")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&fox, "glTF").unwrap_or_else(|e| panic!("{e}"));
        let inputs = [fox.clone(), dir.path().join("art/painting-01.jpg")];
        for out in [fox.clone(), dir.path().join("art/../Fox.glb")] {
            assert!(
                matches!(
                    check_output(&out, &inputs, "glb"),
                    Err(OutputError::ReplacesInput { .. })
                ),
                "{}",
                out.display()
            );
        }
        let error = check_output(&dir.path().join("art/painting-01.jpg"), &inputs, "png");
        assert!(matches!(error, Err(OutputError::ReplacesInput { .. })));
        assert!(check_output(&dir.path().join("fox.png"), &inputs, "png").is_ok());
        assert!(check_output(&dir.path().join("FOX.PNG"), &inputs, "png").is_ok());
    }

    #[test]
    fn an_output_named_for_another_format_is_refused() {
        let out = Path::new("venue.toml");
        let error = check_output(out, &[], "glb");
        assert!(matches!(error, Err(OutputError::WrongExtension { .. })));
        let text = error.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.contains("GLB data") && text.contains("end in .glb"),
            "{text}"
        );
        assert!(check_output(Path::new("noextension"), &[], "png").is_err());
    }
}
