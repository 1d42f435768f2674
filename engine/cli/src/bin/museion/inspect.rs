//! `museion inspect FILE [--json] [--scene N]`.

use crate::files::ScopeArgs;
use museion::gltf::{self as gltf, ImportOptions};
use museion_cli::inspect::InspectSummary;
use std::path::PathBuf;

/// Load a glTF 2.0 file (.gltf or .glb) and print a summary of it.
#[derive(clap::Args)]
pub struct Args {
    /// The file to load.
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
