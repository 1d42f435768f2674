//! The manifest of a venue: every file its load reads, every exhibit's label fields and
//! asset hashes — built from a compiled venue, and checked when read back.

use crate::canonical::canonical_json;
use crate::error::ProvenanceError;
use crate::hex;
use museion_venue::{CompiledVenue, Exhibit, ExhibitKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

/// The value of every manifest's `format` key: the version of the format this crate
/// writes and reads.
pub const FORMAT: &str = "museion-provenance/1";

/// A venue's manifest: what is signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The venue file, relative to its own folder (its name).
    pub venue: String,
    /// Every file the venue's load reads — the venue file, images, models with their
    /// buffers and images, the environment, fonts — each once, sorted by path.
    pub files: Vec<FileRecord>,
    /// Every exhibit, in the venue's order.
    pub exhibits: Vec<ExhibitRecord>,
}

/// A file of the venue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRecord {
    /// The path relative to the venue file's folder, components joined by `/`.
    pub path: String,
    /// SHA-256 of the file's bytes, 64 lower-case hex digits.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// An exhibit: who made it, who owns the rights, and the files it is made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExhibitRecord {
    /// The exhibit's id in the venue.
    pub id: String,
    /// `"artwork"` (an image on a wall) or `"model"`.
    pub kind: String,
    /// The label's title.
    pub title: Option<String>,
    /// The label's artist or maker.
    pub creator: Option<String>,
    /// The museum's accession number.
    pub accession_number: Option<String>,
    /// The rights statement.
    pub rights: Option<String>,
    /// The credit line.
    pub credit_line: Option<String>,
    /// The files the work is made of (each also in [`Manifest::files`], with the same
    /// hash): an artwork's image; a model's file, then its buffers and images. Empty
    /// for an exhibit of a glTF venue, which is part of the venue file.
    pub assets: Vec<AssetRecord>,
}

/// One file of an exhibit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetRecord {
    /// The path relative to the venue file's folder, as in [`FileRecord::path`].
    pub path: String,
    /// SHA-256 of the file, as in [`FileRecord::sha256`].
    pub sha256: String,
}

impl Manifest {
    /// Loads the venue at `venue` (every file confined to its folder) and makes its
    /// manifest.
    pub fn of_venue(venue: impl AsRef<Path>) -> Result<Self, ProvenanceError> {
        let venue = venue.as_ref();
        let compiled = museion_venue::load(venue)?;
        Self::of_compiled(venue, &compiled)
    }

    /// The manifest of `compiled`, loaded from the venue file `venue`: every file in
    /// its dependencies hashed. Each must lie in the venue file's folder.
    pub fn of_compiled(venue: &Path, compiled: &CompiledVenue) -> Result<Self, ProvenanceError> {
        let mut files = Files::new(venue)?;
        let venue_name = files.record(venue)?.path;
        for dependency in &compiled.dependencies {
            files.record(dependency)?;
        }
        let mut ids = BTreeSet::new();
        let mut exhibits = Vec::with_capacity(compiled.exhibits.len());
        for exhibit in &compiled.exhibits {
            if !ids.insert(exhibit.id.as_str()) {
                return Err(ProvenanceError::DuplicateExhibit {
                    id: exhibit.id.clone(),
                });
            }
            exhibits.push(files.exhibit(exhibit)?);
        }
        Ok(Self {
            format: FORMAT.into(),
            venue: venue_name,
            files: files.by_path.into_values().collect(),
            exhibits,
        })
    }

    /// The manifest in canonical JSON (`docs/provenance.md`): the bytes a signature
    /// covers.
    pub fn canonical_json(&self) -> Result<String, ProvenanceError> {
        let value = serde_json::to_value(self).map_err(|e| ProvenanceError::malformed(e.to_string()))?;
        canonical_json(&value)
    }

    /// The file registered at `path`.
    pub fn file(&self, path: &str) -> Option<&FileRecord> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The exhibit registered as `id`.
    pub fn exhibit(&self, id: &str) -> Option<&ExhibitRecord> {
        self.exhibits.iter().find(|e| e.id == id)
    }

    /// A manifest from its JSON value, checked: the format is [`FORMAT`]; every path is
    /// relative, plain (no `.`, `..` or empty components) and listed once; every hash
    /// is 64 lower-case hex digits; the venue file is among the files; exhibit ids are
    /// unique; every asset is a registered file with the same hash.
    pub(crate) fn from_value(value: serde_json::Value) -> Result<Self, ProvenanceError> {
        match value.get("format") {
            Some(serde_json::Value::String(format)) if format == FORMAT => {}
            Some(other) => {
                return Err(ProvenanceError::malformed(format!(
                    "format {other} is not \"{FORMAT}\", the format this version reads"
                )));
            }
            None => return Err(ProvenanceError::malformed("the manifest has no \"format\"")),
        }
        let manifest: Self = serde_json::from_value(value)
            .map_err(|e| ProvenanceError::malformed(format!("manifest: {e}")))?;
        manifest.check().map_err(ProvenanceError::malformed)?;
        Ok(manifest)
    }

    fn check(&self) -> Result<(), String> {
        let mut paths = BTreeMap::new();
        for file in &self.files {
            check_path(&file.path)?;
            check_hash(&file.path, &file.sha256)?;
            if paths.insert(file.path.as_str(), file.sha256.as_str()).is_some() {
                return Err(format!("file \"{}\" is listed twice", file.path));
            }
        }
        if !paths.contains_key(self.venue.as_str()) {
            return Err(format!(
                "the venue file \"{}\" is not among the files",
                self.venue
            ));
        }
        let mut ids = BTreeSet::new();
        for exhibit in &self.exhibits {
            if !ids.insert(exhibit.id.as_str()) {
                return Err(format!("exhibit \"{}\" is listed twice", exhibit.id));
            }
            for asset in &exhibit.assets {
                match paths.get(asset.path.as_str()) {
                    Some(hash) if *hash == asset.sha256 => {}
                    Some(_) => {
                        return Err(format!(
                            "exhibit \"{}\": asset \"{}\" has another hash than the file",
                            exhibit.id, asset.path
                        ));
                    }
                    None => {
                        return Err(format!(
                            "exhibit \"{}\": asset \"{}\" is not among the files",
                            exhibit.id, asset.path
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

impl ExhibitRecord {
    /// The record of `exhibit`, made of the files `assets`.
    fn new(exhibit: &Exhibit, assets: Vec<AssetRecord>) -> Self {
        let label = &exhibit.metadata;
        Self {
            id: exhibit.id.clone(),
            kind: match exhibit.kind {
                ExhibitKind::Artwork => "artwork",
                ExhibitKind::Model => "model",
            }
            .into(),
            title: label.title.clone(),
            creator: label.artist.clone(),
            accession_number: label.accession_number.clone(),
            rights: label.rights.clone(),
            credit_line: label.credit_line.clone(),
            assets,
        }
    }
}

/// The files of a venue being registered, hashed once each.
struct Files {
    /// The venue file's folder, canonical.
    folder: PathBuf,
    by_path: BTreeMap<String, FileRecord>,
}

impl Files {
    fn new(venue: &Path) -> Result<Self, ProvenanceError> {
        let parent = match venue.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let folder = parent.canonicalize().map_err(|source| ProvenanceError::Read {
            path: parent.to_path_buf(),
            source,
        })?;
        Ok(Self {
            folder,
            by_path: BTreeMap::new(),
        })
    }

    /// The record of the file at `path`, hashed the first time it is asked for.
    fn record(&mut self, path: &Path) -> Result<FileRecord, ProvenanceError> {
        let relative = self.relative(path)?;
        if let Some(record) = self.by_path.get(&relative) {
            return Ok(record.clone());
        }
        let (sha256, size) = hash_file(path)?;
        let record = FileRecord {
            path: relative.clone(),
            sha256,
            size,
        };
        self.by_path.insert(relative, record.clone());
        Ok(record)
    }

    fn exhibit(&mut self, exhibit: &Exhibit) -> Result<ExhibitRecord, ProvenanceError> {
        let assets = exhibit
            .assets
            .iter()
            .map(|asset| {
                self.record(asset).map(|r| AssetRecord {
                    path: r.path,
                    sha256: r.sha256,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(ExhibitRecord::new(exhibit, assets))
    }

    /// `path` relative to the venue's folder (after symbolic links), joined by `/`.
    fn relative(&self, path: &Path) -> Result<String, ProvenanceError> {
        let canonical = path.canonicalize().map_err(|source| ProvenanceError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let outside = || ProvenanceError::OutsideVenue {
            path: path.to_path_buf(),
            folder: self.folder.clone(),
        };
        let inside = canonical.strip_prefix(&self.folder).map_err(|_| outside())?;
        let mut parts = Vec::new();
        for component in inside.components() {
            let Component::Normal(part) = component else {
                return Err(outside());
            };
            let part = part.to_str().ok_or_else(|| ProvenanceError::NotUtf8 {
                path: path.to_path_buf(),
            })?;
            parts.push(part);
        }
        if parts.is_empty() {
            return Err(outside());
        }
        Ok(parts.join("/"))
    }
}

/// SHA-256 (lower-case hex) and size of the file at `path`, read in pieces.
pub(crate) fn hash_file(path: &Path) -> Result<(String, u64), ProvenanceError> {
    let read_error = |source| ProvenanceError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(e)),
        };
        hasher.update(&buffer[..read]);
        size += read as u64;
    }
    Ok((hex::encode(&hasher.finalize()), size))
}

/// SHA-256 of `bytes` in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes))
}

/// A manifest path must stay inside the venue's folder on every system: relative,
/// `/`-separated plain names.
fn check_path(path: &str) -> Result<(), String> {
    let plain =
        |part: &str| !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', ':', '\0']);
    if path.split('/').all(plain) {
        Ok(())
    } else {
        Err(format!(
            "file path \"{path}\" is not a plain relative path (names joined by /, no . or .., no \\ or :)"
        ))
    }
}

fn check_hash(path: &str, sha256: &str) -> Result<(), String> {
    if hex::is_lower_hex(sha256, 32) {
        Ok(())
    } else {
        Err(format!(
            "file \"{path}\": sha256 \"{sha256}\" is not 64 lower-case hex digits"
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn valid() -> serde_json::Value {
        let hash = "ab".repeat(32);
        json!({
            "format": FORMAT,
            "venue": "venue.toml",
            "files": [
                { "path": "art/a.png", "sha256": hash, "size": 10 },
                { "path": "venue.toml", "sha256": hash, "size": 20 }
            ],
            "exhibits": [{
                "id": "a", "kind": "artwork", "title": "A", "creator": null,
                "accession_number": null, "rights": "CC0", "credit_line": null,
                "assets": [{ "path": "art/a.png", "sha256": hash }]
            }]
        })
    }

    fn problem(value: serde_json::Value) -> String {
        match Manifest::from_value(value) {
            Err(ProvenanceError::Malformed { problem, .. }) => problem,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_valid_manifest_reads_back_to_the_same_canonical_json() {
        let manifest = Manifest::from_value(valid()).unwrap();
        assert_eq!(manifest.exhibit("a").unwrap().rights.as_deref(), Some("CC0"));
        assert_eq!(manifest.file("art/a.png").unwrap().size, 10);
        let text = manifest.canonical_json().unwrap();
        assert_eq!(text, canonical_json(&valid()).unwrap());
        assert!(
            text.starts_with(r#"{"exhibits":[{"accession_number":null,"assets":[{"path":"art/a.png","#),
            "{text}"
        );
    }

    #[test]
    fn a_manifest_that_breaks_the_format_is_refused_with_the_reason() {
        let mut v = valid();
        v["format"] = json!("museion-provenance/2");
        assert!(problem(v).contains("is not \"museion-provenance/1\""));
        let mut v = valid();
        v.as_object_mut().unwrap().remove("format");
        assert!(problem(v).contains("no \"format\""));
        for bad in [
            "../secret",
            "/etc/passwd",
            "art//a.png",
            "art/./a.png",
            "c:\\x",
            "",
        ] {
            let mut v = valid();
            v["files"][0]["path"] = json!(bad);
            assert!(problem(v).contains("not a plain relative path"), "{bad}");
        }
        let mut v = valid();
        v["files"][0]["sha256"] = json!("AB".repeat(32));
        assert!(problem(v).contains("64 lower-case hex digits"));
        let mut v = valid();
        v["files"][1]["path"] = json!("art/a.png");
        assert!(problem(v).contains("listed twice"));
        let mut v = valid();
        v["venue"] = json!("other.toml");
        assert!(problem(v).contains("not among the files"));
        let mut v = valid();
        v["exhibits"][0]["assets"][0]["sha256"] = json!("cd".repeat(32));
        assert!(problem(v).contains("another hash than the file"));
        let mut v = valid();
        v["exhibits"][0]["assets"][0]["path"] = json!("art/b.png");
        assert!(problem(v).contains("asset \"art/b.png\" is not among the files"));
        let mut v = valid();
        v["exhibits"][0]["colour"] = json!("red");
        assert!(problem(v).contains("unknown field `colour`"));
        let mut v = valid();
        v["files"][0]["size"] = json!(-1);
        assert!(problem(v).contains("invalid value"));
        let mut v = valid();
        v["exhibits"] = json!([valid()["exhibits"][0], valid()["exhibits"][0]]);
        assert!(problem(v).contains("exhibit \"a\" is listed twice"));
    }

    #[test]
    fn hashes_are_sha256_in_lower_case_hex() {
        // FIPS 180-2's example "abc".
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, "abc").unwrap();
        assert_eq!(hash_file(&path).unwrap(), (sha256_hex(b"abc"), 3));
    }
}
