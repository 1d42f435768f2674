//! Ed25519 key pairs and their files.

use crate::error::{KeyKind, ProvenanceError};
use crate::hex;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The first line of a private key file.
pub const PRIVATE_KEY_HEADER: &str = "museion ed25519 private key";
/// The first line of a public key file.
pub const PUBLIC_KEY_HEADER: &str = "museion ed25519 public key";

/// An Ed25519 private key: what signs manifests. Its bytes are wiped from memory when
/// it is dropped.
///
/// Its file is two lines of text: the header [`PRIVATE_KEY_HEADER`], then the 32-byte
/// secret seed of RFC 8032 as 64 hex digits (written lower-case, read in either case).
/// Lines may end in `\n` or `\r\n`; nothing but empty lines may follow.
///
/// ```text
/// museion ed25519 private key
/// 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
/// ```
pub struct PrivateKey(SigningKey);

/// An Ed25519 public key: what checks a manifest's signature.
///
/// Its file (`KEYFILE.pub`) is the header [`PUBLIC_KEY_HEADER`], then the 32-byte
/// public key as 64 hex digits, in the form of a [`PrivateKey`]'s file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PrivateKey {
    /// A new key from the operating system's random number generator.
    pub fn generate() -> Result<Self, ProvenanceError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| ProvenanceError::Random(e.to_string()))?;
        let key = Self(SigningKey::from_bytes(&seed));
        seed.fill(0);
        Ok(key)
    }

    /// The public half.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// The key file's text: the header line, then the seed in hex.
    pub fn to_file_text(&self) -> String {
        format!("{PRIVATE_KEY_HEADER}\n{}\n", hex::encode(self.0.as_bytes()))
    }

    /// Reads a key from a private key file's text; `path` names the file in errors.
    pub fn from_file_text(text: &str, path: Option<&Path>) -> Result<Self, ProvenanceError> {
        let seed = key_bytes(text, KeyKind::Private, path)?;
        Ok(Self(SigningKey::from_bytes(&seed)))
    }

    /// Reads a private key file.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, ProvenanceError> {
        let path = path.as_ref();
        Self::from_file_text(&read_text(path)?, Some(path))
    }

    /// Signs `message`.
    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.0.sign(message)
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the secret.
        f.debug_tuple("PrivateKey").field(&self.public_key()).finish()
    }
}

impl PublicKey {
    /// The key from its 32 bytes; `None` when they are no point of the curve.
    pub fn from_bytes(bytes: &[u8; 32]) -> Option<Self> {
        VerifyingKey::from_bytes(bytes).ok().map(Self)
    }

    /// The key's 32 bytes in lower-case hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }

    /// The key file's text: the header line, then the key in hex.
    pub fn to_file_text(&self) -> String {
        format!("{PUBLIC_KEY_HEADER}\n{}\n", self.to_hex())
    }

    /// Reads a key from a public key file's text; `path` names the file in errors.
    pub fn from_file_text(text: &str, path: Option<&Path>) -> Result<Self, ProvenanceError> {
        let bytes = key_bytes(text, KeyKind::Public, path)?;
        Self::from_bytes(&bytes).ok_or_else(|| ProvenanceError::BadKey {
            path: path.map(Path::to_path_buf),
            kind: KeyKind::Public,
            problem: "the 32 bytes are not an Ed25519 public key".into(),
        })
    }

    /// Reads a public key file.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, ProvenanceError> {
        let path = path.as_ref();
        Self::from_file_text(&read_text(path)?, Some(path))
    }

    /// Whether `signature` is this key's over `message` (the strict check of RFC 8032,
    /// which refuses weak keys and malleable signatures).
    pub(crate) fn verifies(&self, message: &[u8], signature: &Signature) -> bool {
        self.0.verify_strict(message, signature).is_ok()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Where the public key of the private key file `path` goes: `path` with `.pub`
/// added to its name.
pub fn public_key_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// Writes `key` to `path` (owner-only: mode 0600 on unix) and its public key to
/// [`public_key_path`]`(path)`; returns that path. Neither file may exist: a key is
/// never overwritten, and when either is in the way nothing is written.
pub fn write_key_pair(key: &PrivateKey, path: impl AsRef<Path>) -> Result<PathBuf, ProvenanceError> {
    let path = path.as_ref();
    let public = public_key_path(path);
    for existing in [path, &public] {
        if existing.symlink_metadata().is_ok() {
            return Err(ProvenanceError::KeyExists {
                path: existing.to_path_buf(),
            });
        }
    }
    write_new(path, &key.to_file_text(), true)?;
    if let Err(error) = write_new(&public, &key.public_key().to_file_text(), false) {
        // Best effort: the private key just written is useless without its pair.
        let _ = std::fs::remove_file(path);
        return Err(error);
    }
    Ok(public)
}

/// Writes `text` to `path`, which must not exist yet; owner-only when `private`.
fn write_new(path: &Path, text: &str, private: bool) -> Result<(), ProvenanceError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let written = options.open(path).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    written.map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => ProvenanceError::KeyExists {
            path: path.to_path_buf(),
        },
        _ => ProvenanceError::Write {
            path: path.to_path_buf(),
            source,
        },
    })
}

fn read_text(path: &Path) -> Result<String, ProvenanceError> {
    std::fs::read_to_string(path).map_err(|source| ProvenanceError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The 32 bytes of a key file of `kind`, or what is wrong with it.
fn key_bytes(text: &str, kind: KeyKind, path: Option<&Path>) -> Result<[u8; 32], ProvenanceError> {
    let bad = |problem: String| ProvenanceError::BadKey {
        path: path.map(Path::to_path_buf),
        kind,
        problem,
    };
    let (header, other) = match kind {
        KeyKind::Private => (PRIVATE_KEY_HEADER, PUBLIC_KEY_HEADER),
        KeyKind::Public => (PUBLIC_KEY_HEADER, PRIVATE_KEY_HEADER),
    };
    let mut lines = text.lines().map(str::trim_end);
    match lines.next() {
        Some(first) if first == header => {}
        Some(first) if first == other => {
            return Err(bad(match kind {
                KeyKind::Public => "it is a private key file; give its public half, KEYFILE.pub".into(),
                KeyKind::Private => "it is a public key file; signing takes the private key file".into(),
            }));
        }
        _ => return Err(bad(format!("the first line is not \"{header}\""))),
    }
    let Some(digits) = lines.next() else {
        return Err(bad("the key line after the header is missing".into()));
    };
    if lines.any(|line| !line.is_empty()) {
        return Err(bad("there is more after the key line".into()));
    }
    hex::decode::<32>(digits.trim_start()).map_err(|problem| bad(format!("the key line: {problem}")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_key_pair_round_trips_through_its_files_and_the_private_file_is_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("museum.key");
        let key = PrivateKey::generate().unwrap();
        let public = write_key_pair(&key, &path).unwrap();
        assert_eq!(public, dir.path().join("museum.key.pub"));
        let again = PrivateKey::read(&path).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        assert_eq!(PublicKey::read(&public).unwrap(), key.public_key());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("museion ed25519 private key\n"), "{text}");
        assert_eq!(text.lines().nth(1).unwrap().len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
    }

    #[test]
    fn two_generated_keys_differ() {
        let (a, b) = (PrivateKey::generate().unwrap(), PrivateKey::generate().unwrap());
        assert_ne!(a.public_key(), b.public_key());
    }

    #[test]
    fn an_existing_key_is_never_overwritten_and_nothing_is_written_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("museum.key");
        std::fs::write(public_key_path(&path), "old").unwrap();
        let error = write_key_pair(&PrivateKey::generate().unwrap(), &path).unwrap_err();
        assert!(
            matches!(&error, ProvenanceError::KeyExists { path: p } if p.ends_with("museum.key.pub")),
            "{error}"
        );
        assert!(!path.exists());
        assert_eq!(std::fs::read_to_string(public_key_path(&path)).unwrap(), "old");

        std::fs::remove_file(public_key_path(&path)).unwrap();
        std::fs::write(&path, "old").unwrap();
        let error = write_key_pair(&PrivateKey::generate().unwrap(), &path).unwrap_err();
        assert!(matches!(error, ProvenanceError::KeyExists { .. }), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(!public_key_path(&path).exists());
    }

    #[test]
    fn the_rfc_8032_test_key_gives_its_public_key() {
        // RFC 8032 section 7.1, test 1.
        let text = "museion ed25519 private key\r\n\
                    9D61B19DEFFD5A60BA844AF492EC2CC44449C5697B326919703BAC031CAE7F60\r\n\n";
        let key = PrivateKey::from_file_text(text, None).unwrap();
        assert_eq!(
            key.public_key().to_hex(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
    }

    #[test]
    fn key_files_that_are_not_keys_say_what_is_wrong() {
        let key = PrivateKey::generate().unwrap();
        let private = key.to_file_text();
        let public = key.public_key().to_file_text();
        let problem = |result: Result<(), ProvenanceError>| match result {
            Err(ProvenanceError::BadKey { problem, .. }) => problem,
            other => panic!("{other:?}"),
        };
        let as_public = |text: &str| PublicKey::from_file_text(text, None).map(|_| ());
        let as_private = |text: &str| PrivateKey::from_file_text(text, None).map(|_| ());
        assert!(problem(as_public(&private)).contains("private key file"));
        assert!(problem(as_private(&public)).contains("public key file"));
        assert!(problem(as_public("")).contains("first line"));
        assert!(problem(as_public(PUBLIC_KEY_HEADER)).contains("missing"));
        // Ten characters cut off: the newline and nine digits.
        let cut = &public[..public.len() - 10];
        assert_eq!(
            problem(as_public(cut)),
            "the key line: 55 hex digits where 64 are needed"
        );
        assert!(problem(as_public(&format!("{public}extra\n"))).contains("more after"));
        let path = Path::new("keys/museum.key.pub");
        let error = PublicKey::from_file_text("nonsense", Some(path))
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "keys/museum.key.pub: not a Museion public key: the first line is not \"museion ed25519 public key\""
        );
    }
}
