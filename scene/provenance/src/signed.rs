//! A manifest with its signature: the manifest file.

use crate::canonical::canonical_json;
use crate::error::ProvenanceError;
use crate::hex;
use crate::keys::{PrivateKey, PublicKey};
use crate::manifest::{Manifest, sha256_hex};
use ed25519_dalek::Signature;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Where a venue's manifest goes unless told otherwise: beside the venue file, named
/// after it with `.manifest.json` added (`venue.toml` → `venue.toml.manifest.json`).
pub fn default_manifest_path(venue: &Path) -> PathBuf {
    let mut name = venue.as_os_str().to_owned();
    name.push(".manifest.json");
    PathBuf::from(name)
}

/// The signature algorithm manifests name: Ed25519 (RFC 8032, pure, no context).
pub const ALGORITHM: &str = "ed25519";

/// A manifest and its signature: what a manifest file holds.
///
/// The file is one JSON object with two members:
///
/// ```json
/// {"manifest":{…},"signature":{"algorithm":"ed25519","public_key":"…","value":"…"}}
/// ```
///
/// `signature.value` is the Ed25519 signature (64 bytes, hex) of the canonical JSON
/// ([`canonical_json`](crate::canonical_json)) of the `manifest` member as read, and
/// `public_key` the key that made it — informative only: a verifier checks against
/// the key it trusts, never against this one. The file is written in canonical JSON
/// too, but any spelling of the same JSON verifies.
#[derive(Clone, Debug)]
pub struct SignedManifest {
    manifest: Manifest,
    /// The canonical JSON of the manifest as read: the signed bytes.
    canonical: String,
    signature: Signature,
    signer: PublicKey,
}

impl SignedManifest {
    /// Signs `manifest` with `key`.
    pub fn sign(manifest: Manifest, key: &PrivateKey) -> Result<Self, ProvenanceError> {
        let canonical = manifest.canonical_json()?;
        let signature = key.sign(canonical.as_bytes());
        Ok(Self {
            manifest,
            canonical,
            signature,
            signer: key.public_key(),
        })
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The manifest's canonical JSON: the bytes the signature covers.
    pub fn canonical_manifest(&self) -> &str {
        &self.canonical
    }

    /// SHA-256 of [`canonical_manifest`](Self::canonical_manifest), lower-case hex:
    /// the manifest's fingerprint, for a registry to store or an export to carry.
    pub fn sha256(&self) -> String {
        sha256_hex(self.canonical.as_bytes())
    }

    /// The public key the file says signed it; only a check with a key the verifier
    /// trusts ([`is_signed_by`](Self::is_signed_by)) says whether it did.
    pub fn claimed_signer(&self) -> PublicKey {
        self.signer
    }

    /// Whether `key` made the signature over the manifest as it stands.
    pub fn is_signed_by(&self, key: &PublicKey) -> bool {
        key.verifies(self.canonical.as_bytes(), &self.signature)
    }

    /// The manifest file's text: canonical JSON and a final newline.
    pub fn to_json(&self) -> Result<String, ProvenanceError> {
        let signature = canonical_json(&json!({
            "algorithm": ALGORITHM,
            "public_key": self.signer.to_hex(),
            "value": hex::encode(&self.signature.to_bytes()),
        }))?;
        // The members in canonical order: "manifest" sorts before "signature".
        Ok(format!(
            "{{\"manifest\":{},\"signature\":{signature}}}\n",
            self.canonical
        ))
    }

    /// Reads a manifest file's text. Text that is not JSON (a file cut short), a
    /// document without its members, a signature that is not Ed25519 in hex, or a
    /// manifest that breaks the format is [`ProvenanceError::Malformed`]. The signature
    /// is not checked here.
    pub fn parse(text: &str) -> Result<Self, ProvenanceError> {
        let document: Value =
            serde_json::from_str(text).map_err(|e| ProvenanceError::malformed(format!("not JSON: {e}")))?;
        let Value::Object(mut members) = document else {
            return Err(ProvenanceError::malformed("the document is not a JSON object"));
        };
        if let Some(other) = members.keys().find(|k| *k != "manifest" && *k != "signature") {
            return Err(ProvenanceError::malformed(format!(
                "unknown member \"{other}\" (a manifest file holds \"manifest\" and \"signature\")"
            )));
        }
        let manifest = members
            .remove("manifest")
            .ok_or_else(|| ProvenanceError::malformed("there is no \"manifest\" member"))?;
        let signature = members.remove("signature").ok_or_else(|| {
            ProvenanceError::malformed("there is no \"signature\" member (the manifest is unsigned)")
        })?;
        let canonical = canonical_json(&manifest).map_err(|e| ProvenanceError::malformed(e.to_string()))?;
        let (signature, signer) = read_signature(&signature)?;
        Ok(Self {
            manifest: Manifest::from_value(manifest)?,
            canonical,
            signature,
            signer,
        })
    }

    /// Reads a manifest file; a malformed one is an error naming it.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, ProvenanceError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ProvenanceError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text).map_err(|error| match error {
            ProvenanceError::Malformed { path: None, problem } => ProvenanceError::Malformed {
                path: Some(path.to_path_buf()),
                problem,
            },
            other => other,
        })
    }
}

/// The signature and the key it names, from the `signature` member.
fn read_signature(value: &Value) -> Result<(Signature, PublicKey), ProvenanceError> {
    let text = |key: &str| {
        value.get(key).and_then(Value::as_str).ok_or_else(|| {
            ProvenanceError::malformed(format!("signature: \"{key}\" is missing or not a string"))
        })
    };
    if let Some(other) = value.as_object().and_then(|o| {
        o.keys()
            .find(|k| !["algorithm", "public_key", "value"].contains(&k.as_str()))
    }) {
        return Err(ProvenanceError::malformed(format!(
            "signature: unknown member \"{other}\""
        )));
    }
    let algorithm = text("algorithm")?;
    if algorithm != ALGORITHM {
        return Err(ProvenanceError::malformed(format!(
            "signature: algorithm \"{algorithm}\" is not \"{ALGORITHM}\""
        )));
    }
    let value = hex::decode::<64>(text("value")?)
        .map_err(|p| ProvenanceError::malformed(format!("signature: value: {p}")))?;
    let key = hex::decode::<32>(text("public_key")?)
        .map_err(|p| ProvenanceError::malformed(format!("signature: public_key: {p}")))?;
    let key = PublicKey::from_bytes(&key)
        .ok_or_else(|| ProvenanceError::malformed("signature: public_key is not an Ed25519 public key"))?;
    Ok((Signature::from_bytes(&value), key))
}
