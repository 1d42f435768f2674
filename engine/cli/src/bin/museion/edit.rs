//! `museion edit VENUE SELECTOR.FIELD=VALUE… [--dry-run]`: edits of a venue file made
//! through the venue editor, for scripts and CI.

use crate::files::ScopeArgs;
use anyhow::Context as _;
use museion::venue::VenueEditor;
use std::path::PathBuf;

/// Change fields of a venue file in place, keeping its comments, key order and
/// formatting: each edit is validated like loading the venue, all are applied in order,
/// then the file is saved once (atomically). A refused edit leaves the file untouched.
#[derive(clap::Args)]
#[command(after_help = "\
An item is named by its id (painting-01), by kind and id where kinds share an id \
(spawn:gallery, room:gallery), by its place in a list (lights[0], ramps[1]), inside a \
tour or room (highlights.stops[1], atrium.openings[0]), or as one of the file's tables: \
venue, visitor, guide, bake (or [guide] where an item has that id), materials.NAME, \
materials[N]. A field is a key, a dotted path or a \
list position (offset, metadata.title, light.lux, position[0]). A value is TOML (3.0, \
\"Blue Field\", [1, 0, 2], false); text that is not TOML, or given to a field that takes \
text, is taken as a string (Blue Field). See docs/editing.md.

Exit status: 0 when every edit was applied and saved (or, with --dry-run, printed); 1 with one `error:` line naming \
the edit and the compiler's message when one is refused (the file is then untouched); \
2 for options that cannot be used.")]
pub struct Args {
    /// The venue file (.toml).
    venue: PathBuf,
    /// The edits, in order: `painting-01.offset=3.0` `'painting-01.metadata.title=Blue Field'`.
    #[arg(required = true, value_name = "SELECTOR.FIELD=VALUE")]
    edits: Vec<String>,
    /// Print the lines the edits change, as a diff, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Save even when the venue file changed on disk while the edits were made (the
    /// other changes are then lost); without it such a file is not overwritten (exit 1).
    #[arg(long, conflicts_with = "dry_run")]
    force: bool,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    // The editor's errors name the file, line and column, or the edit refused.
    let mut editor = VenueEditor::open_with_scope(&args.venue, args.files.scope(&args.venue))?;
    for edit in &args.edits {
        editor.apply(edit)?;
    }
    let changed = editor.is_modified();
    if args.dry_run {
        print!("{}", editor.diff());
    } else if changed {
        let saved = if args.force {
            editor.save_forced()
        } else {
            editor.save()
        };
        saved.with_context(|| format!("{} not saved", count(args.edits.len())))?;
    }
    let outcome = match (changed, args.dry_run) {
        (false, _) => "nothing changed",
        (true, true) => "not saved (--dry-run)",
        (true, false) => "saved",
    };
    let summary = format!("{}: {}, {outcome}", args.venue.display(), count(args.edits.len()));
    log::info!("edit {summary}");
    if !args.dry_run {
        println!("{summary}");
    }
    Ok(())
}

/// "1 edit", "3 edits".
fn count(edits: usize) -> String {
    if edits == 1 {
        "1 edit".into()
    } else {
        format!("{edits} edits")
    }
}
