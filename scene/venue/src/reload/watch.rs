//! A set of files watched through the directories that hold them.

use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

/// How often the fallback watcher looks at modification times, where the system's
/// own notifications cannot be had (inotify out of watches, network file systems).
const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Watches files by watching their directories.
///
/// A watch on a file itself dies when an editor saves by renaming a new file over it;
/// a watch on its directory sees the rename. Events are kept when they name one of the
/// files, all others (the directory's other files, reads) are dropped.
pub(crate) struct FileWatch {
    watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    /// Directories watched, canonical where they exist.
    directories: HashSet<PathBuf>,
    /// Files of interest, as their watched directory joined with their name (the form
    /// the watcher reports them in).
    files: HashSet<PathBuf>,
}

impl FileWatch {
    /// A watch on nothing yet: the system's notifications, else polling.
    pub(crate) fn new() -> notify::Result<Self> {
        let (sender, events) = channel();
        let watcher: Box<dyn Watcher + Send> = match notify::recommended_watcher(sender.clone()) {
            Ok(watcher) => Box::new(watcher),
            Err(error) => {
                log::warn!("file notifications unavailable ({error}); polling for venue changes instead");
                let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
                Box::new(notify::PollWatcher::new(sender, config)?)
            }
        };
        Ok(Self {
            watcher,
            events,
            directories: HashSet::new(),
            files: HashSet::new(),
        })
    }

    /// Watches exactly `main` and `files` from now on (what was watched before and is
    /// not among them is let go).
    pub(crate) fn follow(&mut self, main: &Path, files: &[PathBuf]) {
        let wanted: Vec<(PathBuf, PathBuf)> = std::iter::once(main)
            .chain(files.iter().map(PathBuf::as_path))
            .filter_map(watch_key)
            .collect();
        let directories: HashSet<PathBuf> = wanted.iter().map(|(dir, _)| dir.clone()).collect();
        for gone in self.directories.difference(&directories) {
            // The directory may be gone already, taking its watch with it.
            if let Err(error) = self.watcher.unwatch(gone) {
                log::debug!("unwatching {}: {error}", gone.display());
            }
        }
        let mut watched = HashSet::new();
        for directory in directories {
            if self.directories.contains(&directory) || self.watch_directory(&directory) {
                watched.insert(directory);
            }
        }
        self.directories = watched;
        self.files = wanted.into_iter().map(|(_, file)| file).collect();
    }

    /// Watches `file` as well, keeping everything watched already.
    pub(crate) fn also(&mut self, file: &Path) {
        let Some((directory, key)) = watch_key(file) else {
            return;
        };
        if !self.directories.contains(&directory) && self.watch_directory(&directory) {
            self.directories.insert(directory);
        }
        self.files.insert(key);
    }

    /// Whether a watched file changed since the last call (every pending event is
    /// consumed).
    pub(crate) fn drain_changes(&mut self) -> bool {
        let mut changed = false;
        loop {
            match self.events.try_recv() {
                Ok(Ok(event)) => {
                    // Opening and reading (the venue's own loading among them) change
                    // nothing.
                    if !matches!(event.kind, EventKind::Access(_))
                        && event.paths.iter().any(|p| self.files.contains(p))
                    {
                        changed = true;
                    }
                }
                Ok(Err(error)) => log::warn!("watching venue files: {error}"),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return changed,
            }
        }
    }

    /// Starts watching `directory`; `false` (with a warning) when that fails.
    fn watch_directory(&mut self, directory: &Path) -> bool {
        match self.watcher.watch(directory, RecursiveMode::NonRecursive) {
            Ok(()) => true,
            Err(error) => {
                log::warn!("cannot watch {} for changes: {error}", directory.display());
                false
            }
        }
    }
}

/// The directory to watch for `file` (absolute, canonical where it exists, so that two
/// spellings of one folder are one watch) and the path events will name the file by.
fn watch_key(file: &Path) -> Option<(PathBuf, PathBuf)> {
    let absolute = std::path::absolute(file).ok()?;
    let name = absolute.file_name()?.to_owned();
    let parent = absolute.parent()?;
    let directory = parent.canonicalize().unwrap_or_else(|_| parent.to_path_buf());
    let key = directory.join(name);
    Some((directory, key))
}
