//! museion-provenance: a venue's provenance, signed and checked.
//!
//! A digital exhibition shows other people's works: scans lent by a museum, images
//! under licence, models made for the show. This crate registers what a venue is made
//! of and proves later that what is shown is what was registered:
//!
//! - a [`Manifest`] lists every file the venue's load reads (the venue file, images,
//!   models with their buffers and images, the environment, fonts) with its path
//!   relative to the venue file's folder, SHA-256 and size, and every exhibit with its
//!   id, title, creator, accession number, rights, credit line and the hashes of its
//!   assets;
//! - it is written in canonical JSON (RFC 8785's form: sorted keys, no insignificant
//!   whitespace) and signed with Ed25519 ([`SignedManifest`]), with keys kept in small
//!   text files ([`PrivateKey`], [`PublicKey`], [`write_key_pair`]);
//! - [`verify`] compares a venue as it stands with a signed manifest and lists every
//!   difference as a typed [`Mismatch`];
//! - [`Manifest::stamp`] writes the manifest's fingerprint and each exhibit's asset
//!   hashes into the venue's scene as glTF `extras`, so that an exported GLB carries
//!   them.
//!
//! The manifest is a plain format that any registry can store (a database, a
//! transparency log); Museion runs none. The format, key files and commands
//! (`museion keygen`, `register`, `verify`) are documented in `docs/provenance.md`.
//!
//! ```no_run
//! use museion_provenance::{PrivateKey, SignedManifest, verify, write_key_pair};
//!
//! let key = PrivateKey::generate()?;
//! write_key_pair(&key, "museum.key")?;
//! let venue = std::path::Path::new("museum/venue.toml");
//! let signed = museion_provenance::register(venue, &key)?;
//! let manifest = museion_provenance::default_manifest_path(venue); // venue.toml.manifest.json
//! std::fs::write(&manifest, signed.to_json()?)?;
//!
//! // Later, elsewhere, with only the public key:
//! let signed = SignedManifest::read(&manifest)?;
//! let mismatches = verify(venue, &signed, &key.public_key())?;
//! for mismatch in &mismatches {
//!     println!("{mismatch}");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod canonical;
mod error;
mod hex;
mod keys;
mod manifest;
mod signed;
mod stamp;
mod verify;

pub use canonical::canonical_json;
pub use error::{KeyKind, ProvenanceError};
pub use keys::{
    PRIVATE_KEY_HEADER, PUBLIC_KEY_HEADER, PrivateKey, PublicKey, public_key_path, write_key_pair,
};
pub use manifest::{AssetRecord, ExhibitRecord, FORMAT, FileRecord, Manifest};
pub use signed::{ALGORITHM, SignedManifest, default_manifest_path};
pub use stamp::EXTRAS_KEY;
pub use verify::{ExhibitField, ExhibitVerdicts, Mismatch, verify};

use std::path::Path;

/// Loads the venue at `venue` (its files confined to its folder), makes its manifest
/// and signs it with `key`.
pub fn register(venue: impl AsRef<Path>, key: &PrivateKey) -> Result<SignedManifest, ProvenanceError> {
    SignedManifest::sign(Manifest::of_venue(venue)?, key)
}
