//! museion-files: how Museion touches the file system on a user's behalf.
//!
//! A glTF file or a venue names other files — buffers, images, models, environments —
//! and those names come from whoever made the file. [`FileScope`] keeps every such
//! reference inside the folder of the file the user opened (and any folder they allow
//! besides), judged after symbolic links and `..` are resolved, so that opening a file
//! cannot read the rest of the disk. [`check_output`] keeps an output from replacing
//! one of its inputs or taking a name that says another format, and [`write_atomic`]
//! writes a file whole or not at all.
//!
//! ```
//! use museion_files::FileScope;
//!
//! # let dir = tempfile::tempdir()?;
//! # std::fs::write(dir.path().join("venue.toml"), "")?;
//! # std::fs::write(dir.path().join("bust.glb"), "")?;
//! let venue = dir.path().join("venue.toml");
//! let scope = FileScope::around(&venue);
//! assert!(scope.check(&dir.path().join("bust.glb")).is_ok());
//! assert!(scope.check(&dir.path().join("../secret.bin")).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cache;
mod output;
mod scope;
mod words;
mod write;

pub use cache::{CACHE_DIR_ENV, cache_dir};
pub use output::{OutputError, check_output};
pub use scope::{FileScope, ScopeError};
pub use words::io_words;
pub use write::write_atomic;
