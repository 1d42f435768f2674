//! `museion export VENUE --out FILE.glb`: a venue compiled into one self-contained GLB,
//! carrying its provenance.

use crate::files::{ScopeArgs, check_output, write_output};
use anyhow::Context as _;
use museion::gltf as gltf_export;
use museion::venue::{self, CompiledVenue};
use museion_provenance::Manifest;
use std::path::{Path, PathBuf};

/// Compile a venue (.toml, or a .gltf/.glb scene) and write it as one self-contained
/// GLB: architecture, exhibits with their metadata in node extras (`"exhibit"`), lights
/// and images embedded, spawns and tours as camera nodes with the visitor's settings
/// (see docs/venue-format.md, "A glTF file as a venue"), and the venue's provenance in
/// extras (`"provenance"`: the fingerprint of its manifest on the scene, each exhibit's
/// asset hashes on its node; see docs/provenance.md).
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
    let mut compiled = venue::load_with_scope(&args.venue, &args.files.scope(&args.venue))?;
    check_output(&args.out, &compiled.dependencies, "glb", args.force)?;
    for warning in &compiled.report.warnings {
        eprintln!("warning: {warning}");
    }
    let fingerprint = stamp_provenance(&args.venue, &mut compiled);
    let stats = compiled.scene.stats();
    let exhibits = compiled.exhibits.len();
    let spawns = compiled.spawns.len();
    let tours = compiled.tours.len();
    let scene = venue::export_scene(compiled);
    let bytes = gltf_export::to_glb_bytes(&scene)
        .with_context(|| format!("cannot export {}", args.venue.display()))?;
    write_output(&args.out, &bytes)?;
    let provenance = fingerprint.map_or_else(String::new, |f| format!(", manifest sha256 {f}"));
    println!(
        "{}: {} nodes, {} meshes, {} triangles, {} lights, {} images, {exhibits} exhibits, {spawns} spawns, {tours} tours, {} bytes{provenance}",
        args.out.display(),
        stats.nodes,
        scene.meshes.len(),
        stats.triangles,
        scene.lights.len(),
        scene.images.len(),
        bytes.len()
    );
    Ok(())
}

/// Writes the venue's provenance into its scene (`Manifest::stamp`) and returns the
/// manifest's fingerprint; a venue whose manifest cannot be made (a file outside its
/// folder, allowed with --allow-dir) is exported without, with a warning.
fn stamp_provenance(venue: &Path, compiled: &mut CompiledVenue) -> Option<String> {
    let stamped = Manifest::of_compiled(venue, compiled).and_then(|manifest| manifest.stamp(compiled));
    match stamped {
        Ok(fingerprint) => Some(fingerprint),
        Err(error) => {
            eprintln!("warning: the export carries no provenance: {error}");
            None
        }
    }
}
