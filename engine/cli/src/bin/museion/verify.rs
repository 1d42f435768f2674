//! `museion verify VENUE --manifest MANIFEST --pubkey KEY`: a venue against its signed
//! manifest.

use anyhow::Context as _;
use museion_provenance::{PublicKey, SignedManifest, default_manifest_path, verify};
use std::path::PathBuf;

/// Whether the venue is what was registered.
pub enum Outcome {
    /// The signature is the key's and every file and exhibit matches: exit status 0.
    Valid,
    /// At least one mismatch, each printed on a line of its own: exit status 4.
    Mismatched,
}

/// Check a venue against its signed manifest: the signature (with the public key you
/// trust), every registered file's SHA-256 and size, the files the venue reads now, and
/// every exhibit's fields. See docs/provenance.md.
#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 when the signature is valid and every file and exhibit \
matches; 4 when anything differs, one line per mismatch on stdout (changed, missing or \
unregistered file; added or removed exhibit; changed exhibit field; bad signature; a venue \
that no longer loads); 1 on any other failure (a malformed manifest or key among them), \
with one `error:` line."
)]
pub struct Args {
    /// The venue: a .toml venue file, or a .gltf/.glb scene.
    venue: PathBuf,
    /// The signed manifest (`museion register`) [default: VENUE.manifest.json].
    #[arg(long, value_name = "MANIFEST")]
    manifest: Option<PathBuf>,
    /// The public key file to trust (KEYFILE.pub of `museion keygen`).
    #[arg(long, value_name = "KEY")]
    pubkey: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let key = PublicKey::read(&args.pubkey)?;
    let path = args
        .manifest
        .unwrap_or_else(|| default_manifest_path(&args.venue));
    let signed = SignedManifest::read(&path)?;
    let mismatches = verify(&args.venue, &signed, &key)
        .with_context(|| format!("cannot verify {}", args.venue.display()))?;
    if mismatches.is_empty() {
        let manifest = signed.manifest();
        println!(
            "{}: valid: {} files and {} exhibits as registered in {}, signed by {key}",
            args.venue.display(),
            manifest.files.len(),
            manifest.exhibits.len(),
            path.display()
        );
        return Ok(Outcome::Valid);
    }
    for mismatch in &mismatches {
        println!("{mismatch}");
    }
    Ok(Outcome::Mismatched)
}
