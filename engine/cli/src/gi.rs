//! Baked indirect light for the commands that open venues: the venue's environment as
//! the bake traces it, and the bake itself through the cache, with progress on stderr.

use museion::bake::{self, BakeError, Baked, EnvironmentRadiance};
use museion::renderer::EnvironmentSettings;
use museion::renderer::environment::{EnvironmentError, bake_radiance};
use museion::scene::EnvironmentChoice;
use museion::venue::CompiledVenue;
use std::sync::Mutex;

/// Why a venue's light could not be baked.
#[derive(Debug, thiserror::Error)]
pub enum GiError {
    /// The venue's environment image could not be read.
    #[error(transparent)]
    Environment(#[from] EnvironmentError),
    /// The bake refused the venue.
    #[error(transparent)]
    Bake(#[from] BakeError),
}

/// The venue's environment as the bake traces it (as the renderer lights with it:
/// unturned, times the venue's `environment_intensity`), or `None` for `"none"`.
pub fn environment_radiance(
    choice: &EnvironmentChoice,
) -> Result<Option<EnvironmentRadiance>, EnvironmentError> {
    let settings = EnvironmentSettings::from(choice);
    bake_radiance(&settings.source, settings.intensity)
}

/// Reports a bake's progress on stderr, a line at every tenth.
pub fn progress_printer() -> impl Fn(usize, usize) + Sync {
    let last = Mutex::new(0usize);
    move |done, total| {
        let tenth = done * 10 / total.max(1);
        if let Ok(mut last) = last.lock()
            && tenth > *last
        {
            *last = tenth;
            eprintln!("bake: {}% ({done} of {total} probes)", tenth * 10);
        }
    }
}

/// `venue`'s baked indirect light: from the cache when it has it, else baked now with
/// progress on stderr (and cached). Without a cache folder the bake is made and not
/// kept.
pub fn baked_light(venue: &CompiledVenue) -> Result<Baked, GiError> {
    let environment = environment_radiance(&venue.environment)?;
    let progress = progress_printer();
    Ok(match museion::renderer::cache_dir() {
        Some(dir) => bake::bake_cached(venue, environment.as_ref(), &dir, &progress)?,
        None => bake::bake(venue, environment.as_ref(), &progress)?,
    })
}

/// `venue`'s light baked now whatever the cache holds, with progress on stderr, and
/// written to the cache (replacing what it held).
pub fn rebake(venue: &CompiledVenue) -> Result<Baked, GiError> {
    let environment = environment_radiance(&venue.environment)?;
    let baked = bake::bake(venue, environment.as_ref(), &progress_printer())?;
    if let Some(dir) = museion::renderer::cache_dir() {
        let key = bake::cache_key(venue, environment.as_ref());
        let path = bake::cache::path(&dir, &key);
        if let Err(e) = bake::cache::write(&path, &baked.probes) {
            log::warn!("cannot keep the bake in {}: {e}", path.display());
        }
    }
    Ok(baked)
}

/// Whether the cache holds `venue`'s bake as it is now (an environment that cannot be
/// read has no bake).
pub fn is_baked(venue: &CompiledVenue) -> bool {
    let Ok(environment) = environment_radiance(&venue.environment) else {
        return false;
    };
    museion::renderer::cache_dir().is_some_and(|dir| bake::is_cached(venue, environment.as_ref(), &dir))
}
