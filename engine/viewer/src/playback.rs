//! The animations the viewer plays: a venue's looping exhibit clips and its guide, or,
//! for a glTF file opened on its own, the file's clips (the first one playing, any other
//! picked in the panel). Space pauses and resumes.

use museion_animation::AnimationPlayer;
use museion_scene::Scene;
use museion_venue::{CompiledVenue, VenueAnimator};

/// A glTF file's clips, one playing.
struct ModelClips {
    player: AnimationPlayer,
    names: Vec<String>,
}

/// What the viewer animates.
pub(super) struct Playback {
    venue: Option<VenueAnimator>,
    model: Option<ModelClips>,
    paused: bool,
}

/// The name a clip is listed under: its own, or "clip N".
fn clip_name(scene: &Scene, index: usize) -> String {
    scene.animations[index]
        .name
        .clone()
        .unwrap_or_else(|| format!("clip {index}"))
}

impl Playback {
    /// The playback of `venue`: its exhibit loops and guide when it names any; a glTF
    /// file's first clip when it is a model on its own (no rooms) with clips.
    pub fn new(venue: &CompiledVenue) -> Self {
        let animator = VenueAnimator::new(venue);
        let scene = &venue.scene;
        let model =
            (animator.is_none() && venue.rooms.is_empty() && !scene.animations.is_empty()).then(|| {
                let mut player = AnimationPlayer::new(scene);
                player.play(0);
                log::info!("viewer: playing {:?}", clip_name(scene, 0));
                ModelClips {
                    player,
                    names: (0..scene.animations.len()).map(|i| clip_name(scene, i)).collect(),
                }
            });
        Self {
            venue: animator,
            model,
            paused: false,
        }
    }

    /// Whether anything plays at all.
    pub fn is_empty(&self) -> bool {
        self.venue.is_none() && self.model.is_none()
    }

    /// Moves on by `dt` seconds (unless paused) and poses `scene`; the guide stands where
    /// it is `tour_seconds` into its tour.
    pub fn step(&mut self, scene: &mut Scene, dt: f32, tour_seconds: f32) {
        if let Some(venue) = &mut self.venue {
            if !self.paused {
                venue.advance(dt);
            }
            venue.advance_guide(dt);
            venue.apply(scene, tour_seconds);
        }
        if let Some(model) = &mut self.model {
            if !self.paused {
                model.player.advance(dt);
            }
            model.player.apply(scene);
            scene.update_transforms();
        }
    }

    /// Pauses or resumes; returns whether it is paused now.
    pub fn toggle_pause(&mut self) -> bool {
        self.paused = !self.paused && !self.is_empty();
        self.paused
    }

    /// The clips a model on its own offers (empty for venues).
    pub fn clip_names(&self) -> &[String] {
        self.model.as_ref().map_or(&[], |m| m.names.as_slice())
    }

    /// The model's clip playing now.
    pub fn current_clip(&self) -> Option<usize> {
        self.model.as_ref()?.player.current_clip()
    }

    /// Plays the model's clip `clip` from its start.
    pub fn select(&mut self, clip: usize) {
        if let Some(model) = &mut self.model
            && clip < model.names.len()
        {
            model.player.play(clip);
            log::info!("viewer: playing {:?}", model.names[clip]);
        }
    }

    /// For the statistics: what plays and where it is ("Walk 0.42 s"), and whether it
    /// is paused; `None` when nothing plays.
    pub fn status(&self) -> Option<(String, f32, bool)> {
        if let Some(model) = &self.model {
            let name = model
                .player
                .current_clip()
                .and_then(|c| model.names.get(c))
                .cloned()
                .unwrap_or_default();
            return Some((name, model.player.time(), self.paused));
        }
        let venue = self.venue.as_ref()?;
        Some((String::new(), venue.time(), self.paused))
    }
}
