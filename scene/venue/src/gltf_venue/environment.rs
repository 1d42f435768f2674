//! The environment a glTF venue names in `extras.venue.environment`: a built-in one, a
//! file embedded in the GLB (taken out into the cache), or a file by its name beside
//! the glTF file.

use crate::gltf_form::EnvironmentJson;
use crate::gltf_form::embedded::{self, EmbeddedJson};
use museion_files::FileScope;
use museion_scene::{EnvironmentChoice, EnvironmentSource};
use std::path::{Path, PathBuf};

/// The environment `written` names; a file neither embedded nor beside the glTF file
/// (inside `scope`), or a source not known, is a note and the studio.
pub(super) fn environment(
    written: &EnvironmentJson,
    path: &Path,
    scope: &FileScope,
    dependencies: &mut Vec<PathBuf>,
    notes: &mut Vec<String>,
) -> EnvironmentChoice {
    let source = match (written.source.as_str(), &written.file) {
        ("studio", _) => EnvironmentSource::Studio,
        ("sky", _) => EnvironmentSource::Sky,
        ("none", _) => EnvironmentSource::None,
        ("file", name) => {
            let embedded = written
                .embedded
                .as_ref()
                .and_then(|e| take_out(e, written, path, notes));
            match (embedded, name) {
                (Some(file), _) => EnvironmentSource::File(file),
                (None, Some(name)) => beside(name, path, scope, dependencies, notes),
                (None, None) => {
                    notes.push(
                        "extras.venue.environment names no file and embeds none; the studio lights it instead"
                            .into(),
                    );
                    EnvironmentSource::Studio
                }
            }
        }
        (other, _) => {
            notes.push(format!(
                "extras.venue.environment.source {other:?} is not studio, sky, none or a file; the studio lights it instead"
            ));
            EnvironmentSource::Studio
        }
    };
    EnvironmentChoice {
        source,
        intensity: written.intensity,
    }
}

/// The embedded environment's bytes written into the cache; `None`, with a note, when
/// the view cannot be read or the cache written.
fn take_out(
    embedded: &EmbeddedJson,
    written: &EnvironmentJson,
    path: &Path,
    notes: &mut Vec<String>,
) -> Option<PathBuf> {
    let data = match std::fs::read(path) {
        Ok(data) => data,
        Err(e) => {
            notes.push(format!("cannot read the embedded environment again: {e}"));
            return None;
        }
    };
    let extracted = museion_gltf::glb_buffer_view(path, &data, embedded.view)
        .map_err(|e| format!("the embedded environment cannot be read: {e}"))
        .and_then(|bytes| embedded::extract(&embedded::file_name(written, embedded.media_type), bytes));
    match extracted {
        Ok(file) => {
            log::debug!(
                "{}: embedded environment taken out to {}",
                path.display(),
                file.display()
            );
            Some(file)
        }
        Err(note) => {
            notes.push(note);
            None
        }
    }
}

/// A file environment looked for by its plain name beside the glTF file.
fn beside(
    name: &str,
    path: &Path,
    scope: &FileScope,
    dependencies: &mut Vec<PathBuf>,
    notes: &mut Vec<String>,
) -> EnvironmentSource {
    let beside = path.parent().unwrap_or(Path::new("")).join(name);
    let plain_name = Path::new(name).file_name() == Some(std::ffi::OsStr::new(name));
    match scope.check(&beside) {
        Ok(file) if plain_name && file.is_file() => {
            dependencies.push(file.clone());
            EnvironmentSource::File(file)
        }
        _ => {
            notes.push(format!(
                "the environment file {name:?} is not beside the glTF file; the studio lights it instead"
            ));
            EnvironmentSource::Studio
        }
    }
}
