//! The `museion` command-line tool run as a process: `inspect`, `render`, `export`,
//! `edit`, `bake`, `bench`, `demo`, `lux`, `keygen`, `register` and `verify`, and `view` in a real
//! window (under Xvfb when no display is set), with the exit status and `error:` line
//! contract of every subcommand. One test binary, so the suite links once.

mod bench;
mod demo_museum;
mod edit;
mod export_venue;
mod files;
mod gi;
mod iiif;
mod inspect;
mod lux;
mod provenance;
mod render;
mod soak;
mod support;
mod venue;
mod view_languages;
mod view_lux;
mod view_window;
mod viewer_gizmo;
mod viewer_markers;
mod viewer_script;
