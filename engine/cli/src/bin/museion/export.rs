//! `museion export VENUE --out FILE.glb`: a venue compiled into one self-contained GLB,
//! carrying its provenance; `--iiif DIR`: its artworks as a IIIF Presentation 3.0
//! manifest with their images.

use crate::files::{ScopeArgs, check_output, write_output};
use anyhow::Context as _;
use museion::venue::{self, CompiledVenue};
use museion_iiif::Manifest;
use museion_provenance::Manifest as ProvenanceManifest;
use std::path::{Path, PathBuf};

/// Compile a venue (.toml, or a .gltf/.glb scene) and write it as one self-contained
/// GLB: architecture, exhibits with their metadata in node extras (`"exhibit"`), lights
/// and images embedded, spawns and tours as camera nodes with the visitor's settings,
/// the rooms, the bake's settings, the exhibits' animation loops, the guide and a file
/// environment embedded (see docs/venue-format.md, "A glTF file as a venue"), and the venue's provenance in
/// extras (`"provenance"`: the fingerprint of its manifest on the scene, each exhibit's
/// asset hashes on its node; see docs/provenance.md). With --iiif DIR, also (or instead)
/// a IIIF Presentation 3.0 manifest of its artworks, DIR/manifest.json with their images
/// in DIR/images, for IIIF viewers and collection systems.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("outputs").required(true).multiple(true).args(["out", "iiif"])))]
pub struct Args {
    /// The venue: a .toml venue file, or a .gltf/.glb scene.
    venue: PathBuf,
    /// Where to write the .glb file (never over the venue or a file it uses, and named
    /// .glb, unless --force).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write a IIIF Presentation 3.0 manifest of the artworks into this folder
    /// (manifest.json, images/…), created when missing; never over a file the venue
    /// reads.
    #[arg(long, value_name = "DIR")]
    iiif: Option<PathBuf>,
    /// The http(s) URL DIR will be served at: every id of the manifest begins with it.
    #[arg(
        long,
        value_name = "URL",
        default_value = "http://localhost:8000/",
        requires = "iiif"
    )]
    iiif_base: String,
    /// Write --out even when it is an input or not named .glb.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let compiled = venue::load_with_scope(&args.venue, &args.files.scope(&args.venue))?;
    if let Some(out) = &args.out {
        check_output(out, &compiled.dependencies, "glb", args.force)?;
    }
    for warning in &compiled.report.warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(dir) = &args.iiif {
        write_iiif(&compiled, dir, &args.iiif_base)?;
    }
    match &args.out {
        Some(out) => write_glb(&args.venue, compiled, out),
        None => Ok(()),
    }
}

/// The venue's artworks as a IIIF manifest in `dir`, with their images.
fn write_iiif(compiled: &CompiledVenue, dir: &Path, base: &str) -> anyhow::Result<()> {
    let manifest = Manifest::of_venue(compiled, base)?;
    for id in &manifest.left_out {
        eprintln!(
            "warning: IIIF: artwork \"{id}\" has no image file of its own (it is inside a glTF file); left out"
        );
    }
    let path = manifest.write(dir, &compiled.dependencies)?;
    println!(
        "{}: IIIF Presentation 3.0 manifest, {} canvases, {} images copied, ids from {}",
        path.display(),
        manifest.canvases(),
        manifest.images.len(),
        manifest.json["id"].as_str().unwrap_or(base)
    );
    Ok(())
}

/// The venue as one GLB at `out`, with its provenance, spawns, tours and labels.
fn write_glb(venue_path: &Path, mut compiled: CompiledVenue, out: &Path) -> anyhow::Result<()> {
    let fingerprint = stamp_provenance(venue_path, &mut compiled);
    let stats = compiled.scene.stats();
    let exhibits = compiled.exhibits.len();
    let spawns = compiled.spawns.len();
    let tours = compiled.tours.len();
    let rooms = compiled.rooms.len();
    let guide = if compiled.guide.is_some() { ", a guide" } else { "" };
    let embedded = match &compiled.environment.source {
        venue::EnvironmentSource::File(path) => format!(", environment {} embedded", path.display()),
        _ => String::new(),
    };
    let (meshes, lights, images) = (
        compiled.scene.meshes.len(),
        compiled.scene.lights.len(),
        compiled.scene.images.len(),
    );
    let bytes =
        venue::export_glb(compiled).with_context(|| format!("cannot export {}", venue_path.display()))?;
    write_output(out, &bytes)?;
    let provenance = fingerprint.map_or_else(String::new, |f| format!(", manifest sha256 {f}"));
    println!(
        "{}: {} nodes, {meshes} meshes, {} triangles, {lights} lights, {images} images, {exhibits} exhibits, {spawns} spawns, {tours} tours, {rooms} rooms{guide}{embedded}, {} bytes{provenance}",
        out.display(),
        stats.nodes,
        stats.triangles,
        bytes.len()
    );
    Ok(())
}

/// Writes the venue's provenance into its scene (`Manifest::stamp`) and returns the
/// manifest's fingerprint; a venue whose manifest cannot be made (a file outside its
/// folder, allowed with --allow-dir) is exported without, with a warning.
fn stamp_provenance(venue: &Path, compiled: &mut CompiledVenue) -> Option<String> {
    let stamped =
        ProvenanceManifest::of_compiled(venue, compiled).and_then(|manifest| manifest.stamp(compiled));
    match stamped {
        Ok(fingerprint) => Some(fingerprint),
        Err(error) => {
            eprintln!("warning: the export carries no provenance: {error}");
            None
        }
    }
}
