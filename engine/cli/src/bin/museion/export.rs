//! `museion export VENUE --out FILE.glb`: a venue compiled into one self-contained GLB.

use crate::files::{ScopeArgs, check_output, write_output};
use anyhow::Context as _;
use museion::gltf as gltf_export;
use museion::venue;
use std::path::PathBuf;

/// Compile a venue (.toml, or a .gltf/.glb scene) and write it as one self-contained
/// GLB: architecture, exhibits with their metadata in node extras (`"exhibit"`), lights
/// and images embedded.
#[derive(clap::Args)]
pub struct Args {
    /// The venue: a .toml venue file, or a .gltf/.glb scene.
    venue: PathBuf,
    /// Where to write the .glb file (never over the venue or a file it uses, and named
    /// .glb, unless --force).
    #[arg(long)]
    out: PathBuf,
    /// Write --out even when it is an input or not named .glb.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let compiled = venue::load_with_scope(&args.venue, &args.files.scope(&args.venue))?;
    check_output(&args.out, &compiled.dependencies, "glb", args.force)?;
    for warning in &compiled.report.warnings {
        eprintln!("warning: {warning}");
    }
    let bytes = gltf_export::to_glb_bytes(&compiled.scene)
        .with_context(|| format!("cannot export {}", args.venue.display()))?;
    write_output(&args.out, &bytes)?;
    let stats = compiled.scene.stats();
    println!(
        "{}: {} nodes, {} meshes, {} triangles, {} lights, {} images, {} exhibits, {} bytes",
        args.out.display(),
        stats.nodes,
        compiled.scene.meshes.len(),
        stats.triangles,
        compiled.scene.lights.len(),
        compiled.scene.images.len(),
        compiled.exhibits.len(),
        bytes.len()
    );
    Ok(())
}
