//! Playing a venue's animations: the clips its model exhibits loop, and its guide
//! walking the tour. Viewers and headless renders pose the scene with one
//! [`VenueAnimator`] each frame (or once, at a chosen time). Exhibits that are copies of
//! one model looping one clip (a flock of the same animated bird) are played by a
//! [`CrowdPlayer`] and posed in bulk; the others by one player of layers.

use crate::compiled::CompiledVenue;
use crate::tour::{GuideWalk, TourPath};
use museion_animation::{AnimationPlayer, CrowdCopy, CrowdPlayer, Looping};
use museion_scene::{NodeId, Scene};

/// Seconds over which the guide's walk and idle blend when it starts or stops walking.
pub const GUIDE_BLEND_SECONDS: f32 = 0.25;

/// The guide's figure and its walk along the tour.
struct GuideRig {
    node: NodeId,
    player: AnimationPlayer,
    walk: GuideWalk,
}

/// Plays a compiled venue's looping exhibit clips (each looping on its own) and poses
/// its guide along its tour.
pub struct VenueAnimator {
    loops: AnimationPlayer,
    /// Copies of one model looping one clip, posed in bulk.
    crowds: Vec<CrowdPlayer>,
    guide: Option<GuideRig>,
    /// Seconds the loops have played.
    time: f32,
    paused: bool,
}

impl VenueAnimator {
    /// An animator for `venue`; `None` when it has nothing to animate.
    ///
    /// The guide walks its tour's path; a guide whose tour cannot be made into a path
    /// (no stops, a bad pose) stands still, with a log warning.
    pub fn new(venue: &CompiledVenue) -> Option<Self> {
        let scene = &venue.scene;
        let clips: Vec<usize> = venue.animations.iter().map(|a| a.animation).collect();
        let guide = venue.guide.as_ref().and_then(|guide| {
            let tour = venue.tours.iter().find(|t| t.id == guide.tour)?;
            match TourPath::new(tour) {
                Ok(path) => {
                    let mut player = AnimationPlayer::with_clips(scene, [guide.walk, guide.idle]);
                    player.play(guide.idle);
                    Some(GuideRig {
                        node: guide.node,
                        player,
                        walk: guide.walk_along(&path),
                    })
                }
                Err(e) => {
                    log::warn!(
                        "guide: tour {:?} has no path ({e}); the guide stays put",
                        guide.tour
                    );
                    None
                }
            }
        });
        if clips.is_empty() && guide.is_none() {
            return None;
        }
        let (crowds, clips) = crowds(venue, &clips);
        let mut loops = AnimationPlayer::with_clips(scene, clips.iter().copied());
        for clip in clips {
            loops.add_layer(clip, 1.0);
        }
        loops.set_looping(Looping::Repeat);
        Some(Self {
            loops,
            crowds,
            guide,
            time: 0.0,
            paused: false,
        })
    }

    /// Seconds the exhibits' loops have played.
    pub fn time(&self) -> f32 {
        self.time
    }

    /// Stops or restarts the exhibits' loops (the guide follows the tour's time).
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    /// Whether the loops are paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Moves the loops `dt` seconds on (nothing while paused).
    pub fn advance(&mut self, dt: f32) {
        if !self.paused {
            self.time += dt.max(0.0);
            self.loops.advance(dt.max(0.0));
            for crowd in &mut self.crowds {
                crowd.advance(dt.max(0.0));
            }
        }
    }

    /// Puts every loop at `seconds` (each wraps at its own length).
    pub fn seek(&mut self, seconds: f32) {
        self.time = seconds.max(0.0);
        let layers: Vec<_> = self.loops.layers().collect();
        for layer in layers {
            self.loops.seek_layer(layer, self.time);
        }
        for crowd in &mut self.crowds {
            for copy in 0..crowd.len() {
                crowd.seek(copy, self.time);
            }
        }
    }

    /// How many exhibits loop in crowds (posed in bulk), and how many crowds.
    pub fn crowd_counts(&self) -> (usize, usize) {
        (self.crowds.iter().map(CrowdPlayer::len).sum(), self.crowds.len())
    }

    /// Poses `scene` as it is `seconds` into the venue's life, for a still image: every
    /// loop at `seconds`, the guide where it is `seconds` into its tour, with no blend.
    pub fn pose_at(&mut self, scene: &mut Scene, seconds: f32) {
        self.seek(seconds);
        if let Some(guide) = &mut self.guide {
            let clip = guide.walk.state(seconds).clip;
            guide.player.play(clip);
        }
        self.apply(scene, seconds);
    }

    /// Poses `scene`: the loops as they are, the guide where it is `tour_seconds` into
    /// its tour (0: waiting at the first stop), blending between walking and idling
    /// over [`GUIDE_BLEND_SECONDS`]. Updates world transforms.
    pub fn apply(&mut self, scene: &mut Scene, tour_seconds: f32) {
        self.loops.apply(scene);
        if let Some(guide) = &mut self.guide {
            let state = guide.walk.state(tour_seconds);
            if guide.player.current_clip() != Some(state.clip) {
                guide.player.cross_fade(state.clip, GUIDE_BLEND_SECONDS);
            }
            guide.player.seek(state.clip_seconds);
            guide.player.apply(scene);
            if scene.set_transform(guide.node, state.transform).is_err() {
                log::warn!("guide: its node is gone from the scene");
            }
        }
        scene.update_transforms();
        // Last, so that their joint matrices stay current for the renderer.
        for crowd in &mut self.crowds {
            crowd.pose(scene);
        }
    }

    /// Advances the guide's cross-fade by `dt` (call once per frame with the frame time).
    pub fn advance_guide(&mut self, dt: f32) {
        if let Some(guide) = &mut self.guide {
            guide.player.advance(dt.max(0.0));
        }
    }
}

/// The crowds of `clips` (the looping clips of the venue's animations, in order): each
/// exhibit a copy of its placed model (the children of its `model` node) playing its
/// clip; models placed at least twice with the same clip make a crowd, whose copies
/// start playing. The clips left to the player of layers come back with them.
fn crowds(venue: &CompiledVenue, clips: &[usize]) -> (Vec<CrowdPlayer>, Vec<usize>) {
    let scene = &venue.scene;
    let mut candidates = Vec::new();
    let mut left = Vec::new();
    for (animation, &clip) in venue.animations.iter().zip(clips) {
        let roots = venue
            .exhibits
            .get(animation.exhibit)
            .and_then(|e| scene.node(e.node))
            .and_then(|n| {
                n.children()
                    .iter()
                    .find(|c| scene.node(**c).and_then(|c| c.name.as_deref()) == Some("model"))
            })
            .and_then(|wrapper| scene.node(*wrapper))
            .map(|wrapper| wrapper.children().to_vec());
        match roots {
            Some(roots) if !roots.is_empty() => candidates.push(CrowdCopy {
                roots,
                clips: vec![clip],
            }),
            _ => left.push(clip),
        }
    }
    let groups = CrowdPlayer::group(scene, &candidates, 2);
    left.extend(groups.others.iter().map(|&k| candidates[k].clips[0]));
    let crowds = groups
        .crowds
        .into_iter()
        .map(|(mut crowd, _)| {
            for copy in 0..crowd.len() {
                crowd.play(copy, 0);
            }
            crowd
        })
        .collect();
    (crowds, left)
}
