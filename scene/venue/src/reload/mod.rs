//! Hot reload: a venue compiled again whenever a file it was built from changes.

mod watch;

use crate::{CompiledVenue, VenueError};
use museion_files::FileScope;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use watch::FileWatch;

/// How long the files must stay quiet after a change before the venue is compiled
/// again: editors write a file in several steps (truncate, write, rename), and a
/// change to a model often touches its buffers and images too.
pub const RELOAD_DEBOUNCE: Duration = Duration::from_millis(150);

/// What happened when a venue was compiled again.
#[derive(Debug)]
pub enum ReloadEvent {
    /// The venue compiled; here it is.
    Reloaded(Box<CompiledVenue>),
    /// The venue no longer compiles; the error names the file, line and column. The
    /// files stay watched, so the next fix reloads.
    Failed(VenueError),
}

/// Loads a venue and watches every file it read (`CompiledVenue::dependencies`).
///
/// Directories are watched rather than files, so editors that save by writing a new
/// file and renaming it over the old one are seen too. After each reload the watch
/// follows the new dependency list (a model added to the venue is watched from then on).
///
/// ```no_run
/// use museion_venue::{ReloadEvent, VenueReloader};
///
/// let (mut reloader, mut venue) = VenueReloader::new("museum/venue.toml")?;
/// loop {
///     match reloader.poll() {
///         Some(ReloadEvent::Reloaded(fresh)) => venue = *fresh,
///         Some(ReloadEvent::Failed(error)) => eprintln!("{error}"),
///         None => {}
///     }
///     // … draw `venue.scene` …
/// #   break;
/// }
/// # Ok::<(), museion_venue::VenueError>(())
/// ```
pub struct VenueReloader {
    path: PathBuf,
    scope: FileScope,
    watch: FileWatch,
    /// When the last change to a watched file was seen, if no reload followed yet.
    changed_at: Option<Instant>,
}

impl VenueReloader {
    /// Loads the venue at `path` (`.toml`, `.gltf` or `.glb`) and starts watching the
    /// files it was built from.
    pub fn new(path: impl AsRef<Path>) -> Result<(Self, CompiledVenue), VenueError> {
        let path = path.as_ref();
        Self::with_scope(path, FileScope::around(path))
    }

    /// Like [`VenueReloader::new`], the venue's files lying in the folders of `scope`
    /// (see [`load_with_scope`](crate::load_with_scope)).
    pub fn with_scope(path: impl AsRef<Path>, scope: FileScope) -> Result<(Self, CompiledVenue), VenueError> {
        let path = path.as_ref().to_path_buf();
        let compiled = crate::load_with_scope(&path, &scope)?;
        let mut watch = FileWatch::new().map_err(|error| VenueError::Read {
            path: path.clone(),
            source: std::io::Error::other(format!("cannot watch the venue's files: {error}")),
        })?;
        watch.follow(&path, &compiled.dependencies);
        let reloader = Self {
            path,
            scope,
            watch,
            changed_at: None,
        };
        Ok((reloader, compiled))
    }

    /// The venue file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Non-blocking: `Some` once after watched files changed and then stayed quiet for
    /// [`RELOAD_DEBOUNCE`], `None` otherwise. Call it every frame.
    pub fn poll(&mut self) -> Option<ReloadEvent> {
        if self.watch.drain_changes() {
            self.changed_at = Some(Instant::now());
        }
        let changed_at = self.changed_at?;
        if changed_at.elapsed() < RELOAD_DEBOUNCE {
            return None;
        }
        self.changed_at = None;
        Some(self.reload())
    }

    /// Compiles the venue now, whether or not anything changed, and follows its new
    /// dependency list.
    pub fn reload(&mut self) -> ReloadEvent {
        match crate::load_with_scope(&self.path, &self.scope) {
            Ok(compiled) => {
                self.watch.follow(&self.path, &compiled.dependencies);
                ReloadEvent::Reloaded(Box::new(compiled))
            }
            Err(error) => {
                // A file named in the venue that is missing: watch for it to appear,
                // on top of everything watched before.
                if let VenueError::File { path, .. } = &error {
                    self.watch.also(path);
                }
                ReloadEvent::Failed(error)
            }
        }
    }
}
