//! Registering and verifying venues: the documented example venue registered, then
//! tampered with one way at a time, each change reported as the mismatch it is; keys
//! that did not sign; manifests that are not manifests.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

mod malformed;
mod register;
mod tamper;

use museion_provenance::{Mismatch, PrivateKey, SignedManifest, verify};
use std::path::{Path, PathBuf};

/// The documented example venue (`art/sunflowers.png`, `models/bust.glb`) written into
/// a folder of its own, registered with a new key.
pub struct Registered {
    /// The venue's folder.
    pub dir: tempfile::TempDir,
    /// The venue file.
    pub venue: PathBuf,
    /// The key that signed it.
    pub key: PrivateKey,
    /// Its manifest as registered.
    pub signed: SignedManifest,
}

impl Registered {
    /// Writes and registers the example.
    pub fn example() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let venue = museion_testkit::venue::write_example(dir.path());
        let key = PrivateKey::generate().unwrap();
        let signed = museion_provenance::register(&venue, &key).unwrap_or_else(|e| panic!("{e}"));
        Self {
            dir,
            venue,
            key,
            signed,
        }
    }

    /// A file of the venue.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// The venue checked against its manifest, written out and read back, with the
    /// registering key.
    pub fn verify(&self) -> Vec<Mismatch> {
        let read = SignedManifest::parse(&self.signed.to_json().unwrap()).unwrap();
        verify(&self.venue, &read, &self.key.public_key()).unwrap()
    }

    /// Replaces `from` with `to` in the venue file, which must contain it.
    pub fn edit_venue(&self, from: &str, to: &str) {
        let text = std::fs::read_to_string(&self.venue).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&self.venue, text.replacen(from, to, 1)).unwrap();
    }
}

/// SHA-256 of the file at `path` in lower-case hex, computed here on its own.
pub fn sha256_of(path: &Path) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(std::fs::read(path).unwrap());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The change the venue file's edit makes: the venue file's bytes.
pub fn venue_file_changed(mismatch: &Mismatch) -> bool {
    matches!(mismatch, Mismatch::ChangedFile { path, .. } if path == "venue.toml")
}
