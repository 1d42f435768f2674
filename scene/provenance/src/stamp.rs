//! A venue's provenance written into its scene as glTF `extras`, for an export to carry.

use crate::error::ProvenanceError;
use crate::manifest::{FORMAT, Manifest, sha256_hex};
use museion_venue::CompiledVenue;
use serde_json::{Value, json};

/// The key of the provenance in the `extras` of the scene and of each exhibit's node.
pub const EXTRAS_KEY: &str = "provenance";

impl Manifest {
    /// SHA-256 of the manifest's canonical JSON, lower-case hex: its fingerprint, the
    /// same as [`SignedManifest::sha256`](crate::SignedManifest::sha256) once signed.
    pub fn sha256(&self) -> Result<String, ProvenanceError> {
        Ok(sha256_hex(self.canonical_json()?.as_bytes()))
    }

    /// Writes the manifest into the scene of `compiled`, the venue it was made of, as
    /// glTF `extras` under `"provenance"`, and returns its fingerprint:
    ///
    /// - on the scene: `{"format", "venue", "manifest_sha256"}`, the manifest's
    ///   format, the venue file's name and its fingerprint;
    /// - on each exhibit's node: `{"id", "assets"}`, the exhibit's id and its assets
    ///   as in the manifest (`[{"path", "sha256"}]`).
    ///
    /// Other `extras` members stay; `extras` that are not a JSON object (which glTF
    /// advises against) are replaced. A GLB exported from the scene then carries what a
    /// registry needs to find the venue's registration: the fingerprint is the one
    /// `museion register` prints for the venue as it is.
    pub fn stamp(&self, compiled: &mut CompiledVenue) -> Result<String, ProvenanceError> {
        let fingerprint = self.sha256()?;
        put(
            &mut compiled.scene.extras,
            json!({ "format": FORMAT, "venue": self.venue, "manifest_sha256": fingerprint }),
        );
        for exhibit in &compiled.exhibits {
            let Some(record) = self.exhibit(&exhibit.id) else {
                continue;
            };
            if let Some(node) = compiled.scene.node_mut(exhibit.node) {
                put(
                    &mut node.extras,
                    json!({ "id": record.id, "assets": record.assets }),
                );
            }
        }
        Ok(fingerprint)
    }
}

/// Sets `extras.provenance`, keeping the other members of an object.
fn put(extras: &mut Option<Value>, provenance: Value) {
    match extras {
        Some(Value::Object(members)) => {
            members.insert(EXTRAS_KEY.into(), provenance);
        }
        other => *other = Some(json!({ EXTRAS_KEY: provenance })),
    }
}
