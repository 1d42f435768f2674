//! `museion export VENUE --out FILE.glb`: a venue compiled into one self-contained GLB.

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
    /// Where to write the .glb file.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let compiled = venue::load(&args.venue)?;
    for warning in &compiled.report.warnings {
        eprintln!("warning: {warning}");
    }
    let bytes = gltf_export::to_glb_bytes(&compiled.scene)
        .with_context(|| format!("cannot export {}", args.venue.display()))?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("cannot write {}", args.out.display()))?;
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
