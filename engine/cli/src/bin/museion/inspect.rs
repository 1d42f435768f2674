//! `museion inspect FILE [--json] [--scene N]`.

use crate::UsageError;
use crate::files::ScopeArgs;
use museion::gltf::{self as gltf, ImportOptions};
use museion::venue;
use museion_cli::inspect::InspectSummary;
use museion_cli::inspect_venue::VenueSummary;
use std::path::PathBuf;

/// Load a glTF 2.0 file (.gltf or .glb) or a venue (.toml) and print a summary of it.
#[derive(clap::Args)]
pub struct Args {
    /// The file to load: a .gltf or .glb file, or a venue's .toml file.
    file: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Import this scene of the file instead of its default one.
    #[arg(long)]
    scene: Option<usize>,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if venue::is_venue_file(&args.file) {
        if args.scene.is_some() {
            return Err(UsageError("--scene chooses a scene of a glTF file; a venue has one".into()).into());
        }
        // The compiler's errors already name the file, line and column.
        let compiled = venue::load_with_scope(&args.file, &args.files.scope(&args.file))?;
        let summary = VenueSummary::new(&args.file, &compiled);
        if args.json {
            println!("{}", summary.to_json());
        } else {
            print!("{}", summary.to_text());
        }
        return Ok(());
    }
    let options = ImportOptions {
        scene: args.scene,
        scope: Some(args.files.scope(&args.file)),
        ..ImportOptions::default()
    };
    // The importer's errors already name the file and the JSON pointer.
    let imported = gltf::import_with(&args.file, &options)?;
    let summary = InspectSummary::new(&args.file, &imported);
    if args.json {
        println!("{}", summary.to_json());
    } else {
        print!("{}", summary.to_text());
    }
    Ok(())
}
