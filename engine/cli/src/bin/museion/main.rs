//! The `museion` command-line tool.

mod bake;
mod bench;
mod demo;
mod edit;
mod export;
mod files;
mod inspect;
mod keygen;
mod lux;
mod register;
mod render;
mod shading;
mod verify;
mod view;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Museion: a real-time 3D engine for digital museums, exhibition halls and venues.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Without a command, the demo museum opens in a window (`museion view` on it).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Load a glTF 2.0 file (.gltf or .glb) and print a summary of it.
    Inspect(inspect::Args),
    /// Render a glTF file or a venue to a PNG image.
    Render(render::Args),
    /// Open a venue (.toml) or a glTF file (.gltf, .glb) in a window: walk through a venue,
    /// orbit a model.
    View(view::Args),
    /// Bake a venue's indirect light (bounced light in irradiance probes per room) into
    /// the cache.
    Bake(bake::Args),
    /// Render benchmarks: procedural scenes in each culling mode, JSON lines for CI.
    Bench(bench::Args),
    /// Compile a venue and write it as one self-contained GLB, exhibit metadata in node extras.
    Export(export::Args),
    /// Change fields of a venue file in place (SELECTOR.FIELD=VALUE…), each edit validated,
    /// comments and formatting kept.
    Edit(edit::Args),
    /// Write the demo museum (venue file, paintings, sculptures) into a folder.
    Demo(demo::Args),
    /// Conservation lux report: the light on every work of a venue against the limits of
    /// its light sensitivity (exit status 3 when any is over).
    Lux(lux::Args),
    /// Make an Ed25519 key pair for signing venue manifests: KEYFILE (owner-only) and
    /// KEYFILE.pub.
    Keygen(keygen::Args),
    /// Register a venue: a signed manifest of every file it reads and every exhibit's
    /// rights, credits and asset hashes.
    Register(register::Args),
    /// Check a venue against its signed manifest (exit status 4 when anything differs).
    Verify(verify::Args),
}

/// Exit status of a benchmark whose figures regressed past the allowed limit.
const REGRESSION_EXIT: u8 = 2;
/// Exit status of options that cannot be used (as clap's own usage errors).
const USAGE_EXIT: u8 = 2;
/// Exit status of a lux report with a work over the limits of its light sensitivity.
const OVER_LIMIT_EXIT: u8 = 3;
/// Exit status of a venue that differs from its signed manifest (or a bad signature).
const MISMATCH_EXIT: u8 = 4;

/// Options that passed the parser but cannot be used, found before any work starts:
/// exit status 2, like the parser's own errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = match cli.command {
        Some(command) => command,
        None => {
            let venue = demo::venue()?;
            let view = Cli::try_parse_from([
                std::ffi::OsStr::new("museion"),
                "view".as_ref(),
                venue.as_os_str(),
            ])?;
            view.command.context("`museion view` on the demo")?
        }
    };
    match command {
        Command::Demo(args) => demo::run(args)?,
        Command::Inspect(args) => inspect::run(args)?,
        Command::Render(args) => render::run(args)?,
        Command::View(args) => view::run(args)?,
        Command::Export(args) => export::run(args)?,
        Command::Bake(args) => bake::run(args)?,
        Command::Edit(args) => edit::run(args)?,
        Command::Lux(args) => {
            if let lux::Outcome::Over = lux::run(args)? {
                return Ok(ExitCode::from(OVER_LIMIT_EXIT));
            }
        }
        Command::Keygen(args) => keygen::run(args)?,
        Command::Register(args) => register::run(args)?,
        Command::Verify(args) => {
            if let verify::Outcome::Mismatched = verify::run(args)? {
                return Ok(ExitCode::from(MISMATCH_EXIT));
            }
        }
        Command::Bench(args) => {
            if let bench::Outcome::Regressed = bench::run(args)? {
                return Ok(ExitCode::from(REGRESSION_EXIT));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The error and its causes on one line, skipping causes the text already includes
/// (many errors quote their source in their own message).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace('\n', " ")
}

/// Mesa's Vulkan drivers load libwayland, which prints "error: XDG_RUNTIME_DIR is
/// invalid or not set" to stderr on machines without that variable (headless CI), and
/// that would break the promise of one `error:` line on failure. Point the variable at
/// an empty private directory: there is no display there to find, and nothing is
/// printed.
#[allow(unsafe_code)]
fn quiet_wayland_probe() {
    if std::env::var_os("XDG_RUNTIME_DIR").is_some() {
        return;
    }
    let dir = std::env::temp_dir().join("museion-runtime");
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    if builder.create(&dir).is_ok() {
        // SAFETY: called first thing in `main`, before any other thread exists, so no
        // one can read the environment while it changes.
        unsafe { std::env::set_var("XDG_RUNTIME_DIR", &dir) };
    }
}

fn main() -> ExitCode {
    quiet_wayland_probe();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    // A bug must still end with one `error:` line and exit code 1, never a panic trace.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("error: internal error{place}: {message}");
    }));
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(error)) => {
            eprintln!("error: {}", one_line(&error));
            if error.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(USAGE_EXIT)
            } else {
                ExitCode::FAILURE
            }
        }
        Err(_) => ExitCode::FAILURE,
    }
}
