//! `museion register VENUE --key KEYFILE [--out MANIFEST]`: a venue's signed manifest.

use crate::files::{check_output, write_output};
use anyhow::Context as _;
use museion::venue;
use museion_provenance::{Manifest, PrivateKey, SignedManifest, default_manifest_path};
use std::path::PathBuf;

/// Register a venue: a manifest of every file it reads (SHA-256 and size) and of every
/// exhibit (id, title, creator, accession number, rights, credit line, the hashes of
/// its assets), in canonical JSON, signed with Ed25519. See docs/provenance.md.
#[derive(clap::Args)]
pub struct Args {
    /// The venue: a .toml venue file, or a .gltf/.glb scene. Every file it reads must
    /// lie in its folder.
    venue: PathBuf,
    /// The private key file to sign with (`museion keygen`).
    #[arg(long, value_name = "KEYFILE")]
    key: PathBuf,
    /// Where to write the manifest [default: VENUE.manifest.json, beside the venue]
    /// (never over a file the venue reads, and named .json, unless --force).
    #[arg(long, value_name = "MANIFEST")]
    out: Option<PathBuf>,
    /// Write --out even when the venue reads it or it is not named .json.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let key = PrivateKey::read(&args.key)?;
    // The compiler's errors already name the file, line and column.
    let compiled = venue::load(&args.venue)?;
    let out = args.out.unwrap_or_else(|| default_manifest_path(&args.venue));
    check_output(&out, &compiled.dependencies, "json", args.force)?;
    let manifest = Manifest::of_compiled(&args.venue, &compiled)
        .with_context(|| format!("cannot register {}", args.venue.display()))?;
    let signed = SignedManifest::sign(manifest, &key)?;
    write_output(&out, signed.to_json()?.as_bytes())?;
    let manifest = signed.manifest();
    println!(
        "{}: {} files, {} exhibits, signed by {}, sha256 {}",
        out.display(),
        manifest.files.len(),
        manifest.exhibits.len(),
        key.public_key(),
        signed.sha256()
    );
    Ok(())
}
