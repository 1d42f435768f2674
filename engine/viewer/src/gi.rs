//! The venue's baked indirect light in the viewer: read from the cache, or baked on a
//! thread of its own when the venue opens or reloads (the view goes on meanwhile, lit
//! as before, with the bake's progress in a band), then handed to the renderer. A
//! reload keeps the last bake's light until the new one is done.

use museion_bake::{BakeError, Baked, Progress};
use museion_renderer::EnvironmentSettings;
use museion_renderer::environment::bake_radiance;
use museion_scene::IrradianceProbes;
use museion_venue::CompiledVenue;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

/// Whether and how the viewer lights rooms with baked probes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GiOptions {
    /// Light a venue's rooms with its baked probes (`--gi probes`); else the
    /// environment alone (`--gi off`).
    pub probes: bool,
    /// Bake a venue whose bake is missing or out of date (else, `--no-bake`, only a
    /// bake in the cache is used).
    pub bake: bool,
    /// Wait for the bake before drawing on (for scripts and tests, whose frames must not
    /// depend on how fast the bake ran); else the view goes on while it bakes.
    pub wait: bool,
}

impl Default for GiOptions {
    fn default() -> Self {
        Self {
            probes: true,
            bake: true,
            wait: false,
        }
    }
}

/// How far a bake on its thread got, and whether the viewer still wants it.
#[derive(Default)]
struct Shared {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress for Shared {
    fn report(&self, done: usize, total: usize) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A bake on its thread.
struct Baking {
    shared: Arc<Shared>,
    handle: JoinHandle<Result<Option<Baked>, GiError>>,
}

/// The state of the shown venue's bake.
pub(super) struct BakedLight {
    baking: Option<Baking>,
    /// Probes finished and not yet handed to the renderer (`Some(None)`: go back to
    /// none).
    pending: Option<Option<IrradianceProbes>>,
}

impl BakedLight {
    /// Starts reading or baking `venue`'s light (nothing for a venue without rooms, or
    /// with `--gi off`; with `--no-bake` only what the cache holds).
    pub fn start(venue: &CompiledVenue, options: GiOptions) -> Self {
        if !options.probes || venue.rooms.is_empty() {
            return Self {
                baking: None,
                pending: Some(None),
            };
        }
        let shared = Arc::new(Shared::default());
        let venue = venue.clone();
        let progress = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("light bake".into())
            .spawn(move || bake_or_read(&venue, options.bake, progress.as_ref()));
        match spawned {
            Ok(handle) => {
                let mut light = Self {
                    baking: Some(Baking { shared, handle }),
                    pending: None,
                };
                if options.wait {
                    light.finish();
                }
                light
            }
            Err(error) => {
                log::warn!("viewer: cannot start the light bake: {error}");
                Self {
                    baking: None,
                    pending: None,
                }
            }
        }
    }

    /// The bake's progress, 0 to 1, while one runs and has started tracing.
    pub fn progress(&self) -> Option<f32> {
        let shared = &self.baking.as_ref()?.shared;
        let total = shared.total.load(Ordering::Relaxed);
        (total > 0).then(|| shared.done.load(Ordering::Relaxed) as f32 / total as f32)
    }

    /// The probes to hand to the renderer now, if a bake finished since the last call
    /// (`Some(None)`: light without probes).
    pub fn take(&mut self) -> Option<Option<IrradianceProbes>> {
        if self.baking.as_ref().is_some_and(|b| b.handle.is_finished()) {
            self.finish();
        }
        self.pending.take()
    }

    /// Waits for the bake running, if any, and keeps its probes for [`BakedLight::take`].
    fn finish(&mut self) {
        if let Some(baking) = self.baking.take() {
            match baking.handle.join() {
                Ok(Ok(Some(baked))) => self.pending = Some(Some(baked.probes)),
                Ok(Ok(None)) => {
                    log::info!("viewer: --no-bake and no bake of this venue in the cache: no probes")
                }
                // A bake stopped because it was no longer wanted.
                Ok(Err(GiError::Bake(BakeError::Cancelled))) => {}
                Ok(Err(error)) => log::warn!("viewer: the light bake failed: {error}"),
                Err(_) => log::warn!("viewer: the light bake failed"),
            }
        }
    }
}

impl Drop for BakedLight {
    /// A bake no longer wanted (the venue changed again, the viewer closes) stops early.
    fn drop(&mut self) {
        if let Some(baking) = &self.baking {
            baking.shared.cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// Reasons a bake could not start.
#[derive(Debug, thiserror::Error)]
enum GiError {
    #[error("the venue's environment: {0}")]
    Environment(#[from] museion_renderer::environment::EnvironmentError),
    #[error(transparent)]
    Bake(#[from] BakeError),
}

/// The bake of `venue` from the cache, else (when `bake`) baked now and cached; `None`
/// when it is not in the cache and `bake` is off.
fn bake_or_read(
    venue: &CompiledVenue,
    bake: bool,
    progress: &dyn Progress,
) -> Result<Option<Baked>, GiError> {
    let settings = EnvironmentSettings::from(&venue.environment);
    let environment = bake_radiance(&settings.source, settings.intensity)?;
    let dir = museion_renderer::cache_dir();
    if !bake {
        return Ok(museion_bake::read_cached(
            venue,
            environment.as_ref(),
            dir.as_deref(),
        ));
    }
    Ok(Some(museion_bake::bake_cached(
        venue,
        environment.as_ref(),
        dir.as_deref(),
        progress,
    )?))
}
