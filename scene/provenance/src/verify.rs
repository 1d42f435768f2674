//! Verification: a venue as it stands against its signed manifest.

use crate::error::ProvenanceError;
use crate::keys::PublicKey;
use crate::manifest::{ExhibitRecord, FileRecord, Manifest, hash_file};
use crate::signed::SignedManifest;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// A field of an exhibit's record that can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExhibitField {
    /// Artwork or model.
    Kind,
    /// The title.
    Title,
    /// The creator (the label's artist).
    Creator,
    /// The accession number.
    AccessionNumber,
    /// The rights statement.
    Rights,
    /// The credit line.
    CreditLine,
    /// Which files the work is made of (their contents are checked as files).
    Assets,
}

impl ExhibitField {
    /// The field's key in the manifest.
    pub fn key(self) -> &'static str {
        match self {
            ExhibitField::Kind => "kind",
            ExhibitField::Title => "title",
            ExhibitField::Creator => "creator",
            ExhibitField::AccessionNumber => "accession_number",
            ExhibitField::Rights => "rights",
            ExhibitField::CreditLine => "credit_line",
            ExhibitField::Assets => "assets",
        }
    }
}

/// One way a venue differs from its manifest, or the manifest from its signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// The signature is not the given key's over the manifest: another key signed it,
    /// or the manifest changed after signing.
    BadSignature {
        /// The key the verifier trusts (hex).
        expected: String,
        /// The key the manifest file names (hex).
        claimed: String,
    },
    /// A registered file's bytes changed.
    ChangedFile {
        /// Its path relative to the venue's folder.
        path: String,
        /// The registered SHA-256.
        registered: String,
        /// The SHA-256 now.
        now: String,
        /// The registered size, bytes.
        registered_size: u64,
        /// The size now, bytes.
        size: u64,
    },
    /// A registered file is gone.
    MissingFile {
        /// Its path relative to the venue's folder.
        path: String,
    },
    /// The venue reads a file the manifest does not list.
    UnregisteredFile {
        /// Its path relative to the venue's folder.
        path: String,
    },
    /// The venue has an exhibit the manifest does not list.
    AddedExhibit {
        /// The exhibit's id.
        id: String,
    },
    /// A registered exhibit is no longer in the venue.
    RemovedExhibit {
        /// The exhibit's id.
        id: String,
    },
    /// A field of a registered exhibit changed.
    ChangedExhibit {
        /// The exhibit's id.
        id: String,
        /// Which field.
        field: ExhibitField,
        /// The registered value (`None`: the field was empty).
        registered: Option<String>,
        /// The value now.
        now: Option<String>,
    },
    /// The venue no longer loads, so its exhibits and the files it reads could not be
    /// compared (the registered files still are).
    VenueDoesNotLoad {
        /// The load's error, on one line.
        error: String,
    },
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::BadSignature { expected, claimed } if expected == claimed => write!(
                f,
                "bad signature: the manifest changed after key {expected} signed it"
            ),
            Mismatch::BadSignature { expected, claimed } => write!(
                f,
                "bad signature: the manifest is not signed by key {expected} (it names key {claimed})"
            ),
            Mismatch::ChangedFile {
                path,
                registered,
                now,
                registered_size,
                size,
            } => write!(
                f,
                "changed file: {path} (sha256 {registered}, {registered_size} bytes registered; {now}, {size} bytes now)"
            ),
            Mismatch::MissingFile { path } => write!(f, "missing file: {path}"),
            Mismatch::UnregisteredFile { path } => write!(f, "unregistered file: {path}"),
            Mismatch::AddedExhibit { id } => write!(f, "added exhibit: {id}"),
            Mismatch::RemovedExhibit { id } => write!(f, "removed exhibit: {id}"),
            Mismatch::ChangedExhibit {
                id,
                field,
                registered,
                now,
            } => write!(
                f,
                "changed exhibit: {id}: {} {} registered, {} now",
                field.key(),
                quoted(registered.as_deref()),
                quoted(now.as_deref())
            ),
            Mismatch::VenueDoesNotLoad { error } => {
                write!(f, "venue does not load, its exhibits were not compared: {error}")
            }
        }
    }
}

/// `"text"` with JSON's escapes (so a value stays on one line), or `(none)`.
fn quoted(value: Option<&str>) -> String {
    value.map_or_else(|| "(none)".into(), |v| serde_json::Value::from(v).to_string())
}

/// Checks the venue at `venue` against `signed`, trusting `key`: the signature, every
/// registered file (in the venue file's folder), the files the venue reads now, and its
/// exhibits. Returns every difference, the signature's first, then the files' in path
/// order, then the exhibits'; empty when the venue is what was registered.
///
/// A venue that no longer loads is a [`Mismatch::VenueDoesNotLoad`] (a missing or
/// damaged file usually explains it); an error is only what stops the check itself,
/// such as a registered file that exists but cannot be read.
pub fn verify(
    venue: &Path,
    signed: &SignedManifest,
    key: &PublicKey,
) -> Result<Vec<Mismatch>, ProvenanceError> {
    let registered = signed.manifest();
    let mut mismatches = Vec::new();
    if !signed.is_signed_by(key) {
        mismatches.push(Mismatch::BadSignature {
            expected: key.to_hex(),
            claimed: signed.claimed_signer().to_hex(),
        });
    }
    // A load that fails reads best after the files that explain it.
    let mut load_failure = None;
    let current = match museion_venue::load(venue) {
        Ok(compiled) => Some(Manifest::of_compiled(venue, &compiled)?),
        Err(error) => {
            let error = error.to_string();
            load_failure = Some(Mismatch::VenueDoesNotLoad {
                error: error.lines().map(str::trim).collect::<Vec<_>>().join("; "),
            });
            None
        }
    };
    let folder = venue.parent().unwrap_or(Path::new(""));
    let mut files = compare_files(folder, registered, current.as_ref())?;
    files.sort_by(|a, b| file_of(a).cmp(file_of(b)));
    mismatches.extend(files);
    mismatches.extend(load_failure);
    if let Some(current) = &current {
        mismatches.extend(compare_exhibits(&registered.exhibits, &current.exhibits));
    }
    Ok(mismatches)
}

/// The path a file mismatch is about, for ordering.
fn file_of(mismatch: &Mismatch) -> &str {
    match mismatch {
        Mismatch::ChangedFile { path, .. }
        | Mismatch::MissingFile { path }
        | Mismatch::UnregisteredFile { path } => path,
        _ => "",
    }
}

/// Every registered file against its bytes now (hashed from disk unless the current
/// manifest hashed it already), and the files the venue reads now that are not
/// registered.
fn compare_files(
    folder: &Path,
    registered: &Manifest,
    current: Option<&Manifest>,
) -> Result<Vec<Mismatch>, ProvenanceError> {
    let now: BTreeMap<&str, &FileRecord> = current
        .map(|c| c.files.iter().map(|f| (f.path.as_str(), f)).collect())
        .unwrap_or_default();
    let mut mismatches = Vec::new();
    for file in &registered.files {
        let (sha256, size) = match now.get(file.path.as_str()) {
            Some(record) => (record.sha256.clone(), record.size),
            None => {
                let path = folder.join(&file.path);
                match hash_file(&path) {
                    Ok(hashed) => hashed,
                    Err(ProvenanceError::Read { source, .. })
                        if source.kind() == std::io::ErrorKind::NotFound =>
                    {
                        mismatches.push(Mismatch::MissingFile {
                            path: file.path.clone(),
                        });
                        continue;
                    }
                    Err(error) => return Err(error),
                }
            }
        };
        if sha256 != file.sha256 || size != file.size {
            mismatches.push(Mismatch::ChangedFile {
                path: file.path.clone(),
                registered: file.sha256.clone(),
                now: sha256,
                registered_size: file.size,
                size,
            });
        }
    }
    for path in now.keys() {
        if registered.file(path).is_none() {
            mismatches.push(Mismatch::UnregisteredFile {
                path: (*path).to_owned(),
            });
        }
    }
    Ok(mismatches)
}

/// Registered exhibits against the venue's now: removed ones, changed fields (in the
/// registered order), then added ones (in the venue's order).
fn compare_exhibits(registered: &[ExhibitRecord], now: &[ExhibitRecord]) -> Vec<Mismatch> {
    let mut mismatches = Vec::new();
    for old in registered {
        let Some(new) = now.iter().find(|e| e.id == old.id) else {
            mismatches.push(Mismatch::RemovedExhibit { id: old.id.clone() });
            continue;
        };
        for (field, was, is) in fields(old)
            .into_iter()
            .zip(fields(new))
            .map(|((f, a), (_, b))| (f, a, b))
        {
            if was != is {
                mismatches.push(Mismatch::ChangedExhibit {
                    id: old.id.clone(),
                    field,
                    registered: was,
                    now: is,
                });
            }
        }
    }
    for new in now {
        if !registered.iter().any(|e| e.id == new.id) {
            mismatches.push(Mismatch::AddedExhibit { id: new.id.clone() });
        }
    }
    mismatches
}

/// An exhibit's comparable fields, in a fixed order; the assets as their paths (their
/// contents are compared as files).
fn fields(exhibit: &ExhibitRecord) -> [(ExhibitField, Option<String>); 7] {
    let assets = exhibit
        .assets
        .iter()
        .map(|a| a.path.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    [
        (ExhibitField::Kind, Some(exhibit.kind.clone())),
        (ExhibitField::Title, exhibit.title.clone()),
        (ExhibitField::Creator, exhibit.creator.clone()),
        (ExhibitField::AccessionNumber, exhibit.accession_number.clone()),
        (ExhibitField::Rights, exhibit.rights.clone()),
        (ExhibitField::CreditLine, exhibit.credit_line.clone()),
        (ExhibitField::Assets, (!assets.is_empty()).then_some(assets)),
    ]
}

/// What a verification means for each exhibit: which cannot be trusted, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExhibitVerdicts {
    /// Why no exhibit can be trusted (a bad signature, a venue that does not load), if so.
    pub nothing_verified: Option<String>,
    /// Per exhibit id, the mismatches that concern it: its fields changed, it was added,
    /// or a file it is made of changed or went missing.
    pub unverified: BTreeMap<String, Vec<String>>,
}

impl ExhibitVerdicts {
    /// Sorts `mismatches` (from [`verify`] of `signed`) by the exhibits they concern.
    pub fn of(signed: &SignedManifest, mismatches: &[Mismatch]) -> Self {
        let mut verdicts = Self::default();
        for mismatch in mismatches {
            let concerned: Vec<&str> = match mismatch {
                Mismatch::BadSignature { .. } | Mismatch::VenueDoesNotLoad { .. } => {
                    verdicts
                        .nothing_verified
                        .get_or_insert_with(|| mismatch.to_string());
                    Vec::new()
                }
                Mismatch::AddedExhibit { id } | Mismatch::ChangedExhibit { id, .. } => vec![id.as_str()],
                Mismatch::ChangedFile { path, .. } | Mismatch::MissingFile { path } => signed
                    .manifest()
                    .exhibits
                    .iter()
                    .filter(|e| e.assets.iter().any(|a| &a.path == path))
                    .map(|e| e.id.as_str())
                    .collect(),
                Mismatch::UnregisteredFile { .. } | Mismatch::RemovedExhibit { .. } => Vec::new(),
            };
            for id in concerned {
                verdicts
                    .unverified
                    .entry(id.to_owned())
                    .or_default()
                    .push(mismatch.to_string());
            }
        }
        verdicts
    }

    /// Why exhibit `id` cannot be trusted; empty when it is verified.
    pub fn reasons(&self, id: &str) -> Vec<String> {
        match (&self.nothing_verified, self.unverified.get(id)) {
            (Some(all), _) => vec![all.clone()],
            (None, Some(reasons)) => reasons.clone(),
            (None, None) => Vec::new(),
        }
    }
}
