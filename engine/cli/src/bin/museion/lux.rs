//! `museion lux VENUE [--json] [--hours-per-day H] [--days-per-year D]`: the conservation
//! lux report.

use crate::bake::GiMode;
use crate::files::ScopeArgs;
use anyhow::Context as _;
use museion::venue::{self, DEFAULT_DAYS_PER_YEAR, DEFAULT_HOURS_PER_DAY, LightSensitivity, LuxSettings};
use museion_cli::lux::{LuxPrint, environment_illuminance};
use museion_cli::options::{parse_days_per_year, parse_hours_per_day, parse_sensitivity};
use std::path::PathBuf;

/// Whether every work is within the limits of its light sensitivity.
pub enum Outcome {
    /// Every work is within its limits: exit status 0.
    Within,
    /// At least one work takes more light than its class allows: exit status 3.
    Over,
}

/// Measure the light on every artwork and model of a venue — illuminance in lux from
/// every light (shadows included) and the environment, over a grid of points on each
/// work — and the annual exposure in lux-hours, against the limits of each work's
/// `light_sensitivity` (CIE 157:2004). See docs/lux.md.
#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 when every work is within its limits; 3 when any is over \
(max lux above its class's lux limit, or lux-hours a year above its exposure limit); \
2 for options that cannot be used; 1 on any other failure, with one `error:` line."
)]
pub struct Args {
    /// The venue: a .toml venue file, or a .gltf/.glb scene.
    venue: PathBuf,
    /// Print one JSON document instead of the table.
    #[arg(long)]
    json: bool,
    /// Hours a day the lights are on (above 0, at most 24).
    #[arg(long, value_name = "H", default_value_t = DEFAULT_HOURS_PER_DAY, value_parser = parse_hours_per_day)]
    hours_per_day: f32,
    /// Days a year the venue is open (above 0, at most 366).
    #[arg(long, value_name = "D", default_value_t = DEFAULT_DAYS_PER_YEAR, value_parser = parse_days_per_year)]
    days_per_year: f32,
    /// The class of works whose venue gives no `light_sensitivity`: high, medium, low or
    /// none.
    #[arg(long, value_name = "CLASS", default_value = "none", value_parser = parse_sensitivity)]
    default_sensitivity: LightSensitivity,
    /// Leave the environment's light out (count only the venue's lights).
    #[arg(long)]
    no_environment: bool,
    /// Count the venue's baked indirect light too (`probes`: light bounced off its
    /// surfaces, from its bake, baked first when the cache lacks it), in a column of its
    /// own; where probes reach, they stand in for the environment, as the renderer
    /// lights with them.
    #[arg(long, value_enum, default_value_t = GiMode::Off)]
    gi: GiMode,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    // The compiler's errors already name the file, line and column.
    let compiled = venue::load_with_scope(&args.venue, &args.files.scope(&args.venue))?;
    let environment = if args.no_environment {
        None
    } else {
        environment_illuminance(&compiled.environment)
            .with_context(|| format!("cannot read the environment of {}", args.venue.display()))?
    };
    let settings = LuxSettings {
        hours_per_day: args.hours_per_day,
        days_per_year: args.days_per_year,
        default_sensitivity: args.default_sensitivity,
        environment,
        indirect: match args.gi {
            GiMode::Off => None,
            GiMode::Probes => Some(museion_cli::gi::baked_light(&compiled)?.probes),
        },
        ..LuxSettings::default()
    };
    let started = std::time::Instant::now();
    let report = venue::lux_report(&compiled, &settings);
    log::info!(
        "lux: {} exhibits, {} lights measured in {:.2} s",
        report.exhibits.len(),
        report.lights.len(),
        started.elapsed().as_secs_f64()
    );
    let print = LuxPrint {
        file: &args.venue,
        venue: &compiled,
        settings: &settings,
        report: &report,
    };
    if args.json {
        println!("{}", print.to_json());
    } else {
        print!("{}", print.to_text());
    }
    Ok(if report.within_limits() {
        Outcome::Within
    } else {
        Outcome::Over
    })
}
