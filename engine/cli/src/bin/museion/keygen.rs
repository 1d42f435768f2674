//! `museion keygen --out KEYFILE`: a key pair for signing venue manifests.

use museion_provenance::{PrivateKey, write_key_pair};
use std::path::PathBuf;

/// Make an Ed25519 key pair: KEYFILE (the private key, owner-only) and KEYFILE.pub (the
/// public key, for whoever verifies). See docs/provenance.md.
#[derive(clap::Args)]
pub struct Args {
    /// The private key file to write; the public key goes beside it as KEYFILE.pub.
    /// Neither may exist: a key is never overwritten.
    #[arg(long, value_name = "KEYFILE")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let key = PrivateKey::generate()?;
    let public = write_key_pair(&key, &args.out)?;
    println!("{}: private key (owner-only; keep it secret)", args.out.display());
    println!("{}: public key {}", public.display(), key.public_key());
    Ok(())
}
