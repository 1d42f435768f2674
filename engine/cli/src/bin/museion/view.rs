//! `museion view FILE`: a window on a venue (walk through it) or a model (orbit it).

use crate::UsageError;
use crate::bake::GiArgs;
use crate::files::ScopeArgs;
use crate::shading::ShadingArgs;
use anyhow::Context as _;
use museion::viewer::{self, FontOptions, QualityOptions, Script, StartMode, ViewerError, ViewerOptions};
use museion_cli::options::{check_target_memory, parse_render_scale, parse_resize, parse_size};
use museion_provenance::{ExhibitVerdicts, PublicKey, SignedManifest, default_manifest_path, verify};
use std::path::{Path, PathBuf};

/// Open a venue (.toml) or a glTF file (.gltf, .glb) in a window. Venues (and glTF files
/// a venue was exported to) start in walk mode (WASD, mouse look, Shift runs), models in
/// orbit mode (drag, right-drag, wheel);
/// Tab switches. Click an exhibit for its label and its lux figures; L steps through the
/// venue's languages; V through a model's material variants; I shows the illuminance on
/// every surface in false colour (1 to 1,000 lx, with the CIE limits 50 and 200 lx marked);
/// F3 statistics, F12 screenshot. Text in any script is drawn with the system's fonts
/// (Debian: fonts-noto-cjk, fonts-noto-core, fonts-noto-color-emoji). On a CPU adapter
/// (lavapipe) the viewer draws lighter unless told otherwise: render scale 0.5, no ambient
/// occlusion, no multisampling (--render-scale 1, --ao, --msaa 4 restore them).
#[derive(clap::Args)]
pub struct Args {
    /// The venue (.toml) or glTF file (.gltf or .glb).
    file: PathBuf,
    /// Window size, WxH.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    size: (u32, u32),
    #[command(flatten)]
    shading: ShadingArgs,
    /// Draw the 3D frame at this share of the window's size (0.25 to 1) and stretch it
    /// to the window; the overlay stays sharp [default: 1; on a CPU adapter 0.5].
    #[arg(long, value_name = "S", value_parser = parse_render_scale)]
    render_scale: Option<f32>,
    /// Start walking even in a plain glTF file (which starts in orbit mode).
    #[arg(long)]
    walk: bool,
    /// Close after this many frames (for scripts and tests).
    #[arg(long)]
    frames: Option<u64>,
    /// Resize the window to WxH after frame N: WxH@N (for scripts and tests).
    #[arg(long, value_parser = parse_resize)]
    resize: Option<((u32, u32), u64)>,
    /// Save the last frame as PNG when the window closes.
    #[arg(long)]
    screenshot: Option<PathBuf>,
    /// Where F12 and script screenshots go (default: the current directory).
    #[arg(long, default_value = ".")]
    screenshot_dir: PathBuf,
    /// Replay key and mouse events from this file, one frame at a time with a fixed frame
    /// time (format: `frame 10: key W down`; see the viewer docs).
    #[arg(long)]
    script: Option<PathBuf>,
    /// Read labels and captions in this language first (a code of the venue's, e.g.
    /// zh-CN; default: the venue's first).
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// The language of the viewer's own words: en or zh-CN (default: the system's
    /// locale, English when it is neither).
    #[arg(long, value_name = "CODE")]
    ui_lang: Option<String>,
    /// A font file (.ttf, .otf, .ttc) to draw text with before the built-in and system
    /// fonts; may be repeated.
    #[arg(long, value_name = "FILE")]
    font: Vec<PathBuf>,
    /// Show the material variant of this name first (KHR_materials_variants); V steps
    /// through the variants, and the variants panel lists them.
    #[arg(long, value_name = "NAME")]
    variant: Option<String>,
    /// Open the venue file for editing: click an artwork, ← and → move it along its wall
    /// (Shift: finer), Ctrl+Z undo, Ctrl+Shift+Z redo, Ctrl+S save (comments and
    /// formatting kept); every edit is checked like loading. E turns edit mode off and on.
    #[arg(long)]
    edit: bool,
    /// Draw only with the built-in fonts and those named by --font or the venue (for
    /// reproducible screenshots; scripts they lack show as boxes, and the log says so).
    #[arg(long)]
    no_system_fonts: bool,
    /// Check the venue against its signed manifest (`museion register`) and mark, in
    /// each exhibit's panel, whether it matches; needs --pubkey.
    #[arg(long, requires = "pubkey")]
    verify: bool,
    /// With --verify: the signed manifest [default: VENUE.manifest.json].
    #[arg(long, value_name = "MANIFEST", requires = "verify")]
    manifest: Option<PathBuf>,
    /// With --verify: the public key file to trust (KEYFILE.pub of `museion keygen`).
    #[arg(long, value_name = "KEY", requires = "verify")]
    pubkey: Option<PathBuf>,
    #[command(flatten)]
    gi: GiArgs,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    check_target_memory(args.size, args.shading.msaa()).map_err(UsageError)?;
    if args.edit && !museion::venue::is_venue_file(&args.file) {
        return Err(UsageError("--edit: only .toml venue files can be edited".into()).into());
    }
    let script = args.script.as_deref().map(Script::load).transpose()?;
    let provenance = match (&args.verify, &args.pubkey) {
        (true, Some(pubkey)) => Some(verdicts(&args.file, args.manifest.as_deref(), pubkey)?),
        _ => None,
    };
    let title = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let start = if args.walk {
        StartMode::Walk
    } else {
        StartMode::Auto
    };
    let ran = viewer::run(
        &args.file,
        ViewerOptions {
            title,
            size: args.size,
            settings: args.shading.settings(true),
            start,
            frames: args.frames,
            resize: args.resize,
            screenshot: args.screenshot,
            screenshot_dir: args.screenshot_dir,
            script,
            scope: Some(args.files.scope(&args.file)),
            language: args.lang,
            ui_language: args.ui_lang,
            variant: args.variant,
            fonts: FontOptions {
                files: args.font,
                system: !args.no_system_fonts,
            },
            quality: QualityOptions {
                render_scale: args.render_scale,
                ambient_occlusion: args.shading.ao_given(),
                msaa: args.shading.msaa_given(),
            },
            provenance,
            gi: args.gi.options(args.frames.is_some() || args.script.is_some()),
            edit: args.edit,
        },
    );
    match ran {
        // An unknown variant is a mistake in the options: exit status 2.
        Err(ViewerError::Variant(error)) => Err(UsageError(format!("--variant: {error}")).into()),
        other => Ok(other?),
    }
}

/// The exhibits of `venue` that do not match its signed manifest, and why.
fn verdicts(venue: &Path, manifest: Option<&Path>, pubkey: &Path) -> anyhow::Result<ExhibitVerdicts> {
    let key = PublicKey::read(pubkey)?;
    let path = manifest.map_or_else(|| default_manifest_path(venue), Path::to_path_buf);
    let signed = SignedManifest::read(&path)?;
    let mismatches =
        verify(venue, &signed, &key).with_context(|| format!("cannot verify {}", venue.display()))?;
    Ok(ExhibitVerdicts::of(&signed, &mismatches))
}
