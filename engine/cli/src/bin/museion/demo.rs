//! `museion demo --out DIR`: write the demo museum; and the demo that `museion` with no
//! arguments opens.

use crate::UsageError;
use anyhow::Context as _;
use museion_cli::demo::{self, DemoOptions};
use std::path::PathBuf;

/// Write the demo museum — venue file, paintings, sculptures, guide — into a folder.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to write into (created if needed; files of the same names are replaced).
    #[arg(long)]
    out: PathBuf,
    /// Seed of the collection.
    #[arg(long, default_value_t = demo::DEMO_SEED)]
    seed: u64,
    /// Longer side of every painting, pixels.
    #[arg(long, default_value_t = DemoOptions::default().long_side_px)]
    painting_size: u32,
    /// JPEG quality of the paintings, 1 to 100.
    #[arg(long, default_value_t = DemoOptions::default().jpeg_quality)]
    quality: u8,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let options = DemoOptions {
        seed: args.seed,
        long_side_px: args.painting_size,
        jpeg_quality: args.quality,
    };
    // Bad options are found before anything is written, and exit 2 as the parser's do.
    let written =
        demo::write_demo(&args.out, &options, |line| eprintln!("demo: {line}")).map_err(|e| match e {
            demo::DemoError::Options(message) => anyhow::Error::from(UsageError(message)),
            other => other.into(),
        })?;
    println!(
        "{}: {} files, {} bytes",
        written.venue.display(),
        written.files.len(),
        written.bytes
    );
    Ok(())
}

/// The demo museum's venue file: the one in the checkout's `assets/demo/`, else a copy
/// made once in the cache folder.
pub fn venue() -> anyhow::Result<PathBuf> {
    if let Some(bundled) = demo::bundled_venue() {
        return Ok(bundled);
    }
    let options = DemoOptions::default();
    let cache = museion::renderer::cache_dir().context(
        "the demo museum is not beside this binary and there is no cache folder to make it in \
         (set MUSEION_CACHE_DIR or HOME)",
    )?;
    let dir = cache.join(format!("demo-{}-{}", options.seed, env!("CARGO_PKG_VERSION")));
    let venue = dir.join(demo::VENUE_FILE);
    if !venue.is_file() {
        eprintln!("demo: making the demo museum in {} (once)", dir.display());
        demo::write_demo(&dir, &options, |line| eprintln!("demo: {line}"))?;
    }
    Ok(venue)
}
