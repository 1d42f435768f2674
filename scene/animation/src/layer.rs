//! A layer of a player: one clip with its own time, weight and weight ramp, and how its
//! time moves (looping or once, forwards or backwards).

/// What a clip does at its end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Looping {
    /// Start again from the other end (the default).
    #[default]
    Repeat,
    /// Stop at the end (at the start when playing backwards) and hold the last pose.
    Once,
}

/// A handle to a layer of an [`AnimationPlayer`](crate::AnimationPlayer), valid until the
/// layer is removed (by [`play`](crate::AnimationPlayer::play), a finished cross-fade or
/// [`remove_layer`](crate::AnimationPlayer::remove_layer)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LayerId(pub(crate) u32);

/// A linear ramp of a layer's weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Fade {
    pub from: f32,
    pub to: f32,
    pub elapsed: f32,
    pub duration: f32,
}

impl Fade {
    fn weight(&self) -> f32 {
        let u = (self.elapsed / self.duration).clamp(0.0, 1.0);
        self.from + (self.to - self.from) * u
    }

    fn done(&self) -> bool {
        self.elapsed >= self.duration
    }
}

/// One clip playing in a player.
#[derive(Clone, Debug)]
pub(crate) struct Layer {
    pub id: LayerId,
    /// The animation index in the scene.
    pub clip: usize,
    /// Index into the player's bound clips, once bound.
    pub bound: Option<usize>,
    /// Seconds into the clip (kept inside `[0, duration]` once the duration is known).
    pub time: f32,
    pub weight: f32,
    pub fade: Option<Fade>,
    pub looping: Looping,
    /// Whether a `Once` layer has reached its end.
    pub finished: bool,
    /// The key interval found last, per key-time group of the clip (a search hint).
    pub cursors: Vec<usize>,
}

impl Layer {
    pub fn new(id: LayerId, clip: usize, weight: f32, looping: Looping) -> Self {
        Self {
            id,
            clip,
            bound: None,
            time: 0.0,
            weight,
            fade: None,
            looping,
            finished: false,
            cursors: Vec::new(),
        }
    }

    /// Ramps the weight from where it is to `to` over `seconds`.
    pub fn fade_to(&mut self, to: f32, seconds: f32) {
        self.fade = Some(Fade {
            from: self.weight,
            to,
            elapsed: 0.0,
            duration: seconds,
        });
    }

    /// Moves the weight ramp on by `seconds`; true when the layer has faded out and
    /// should go.
    pub fn advance_fade(&mut self, seconds: f32) -> bool {
        let Some(fade) = &mut self.fade else {
            return false;
        };
        fade.elapsed += seconds;
        self.weight = fade.weight();
        if fade.done() {
            let gone = fade.to <= 0.0;
            self.fade = None;
            return gone;
        }
        false
    }

    /// Sets the time to `seconds`, brought into the clip (`duration`, when known) as the
    /// looping mode says; `forwards` tells which end finishes a `Once` layer.
    pub fn set_time(&mut self, seconds: f32, duration: Option<f32>, forwards: bool) {
        let Some(duration) = duration else {
            self.time = seconds;
            return;
        };
        match self.looping {
            Looping::Repeat => {
                self.time = wrap(seconds, duration);
                self.finished = false;
            }
            Looping::Once => {
                self.time = seconds.clamp(0.0, duration);
                self.finished = if forwards {
                    self.time >= duration
                } else {
                    self.time <= 0.0
                };
            }
        }
    }
}

/// `seconds` wrapped into `[0, duration)`; 0 for a clip without length.
pub(crate) fn wrap(seconds: f32, duration: f32) -> f32 {
    if duration > 0.0 && seconds.is_finite() {
        let t = seconds.rem_euclid(duration);
        // rem_euclid may round up to `duration` itself for tiny negative inputs.
        if t >= duration { 0.0 } else { t }
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_stays_inside_the_clip() {
        assert_eq!(wrap(2.5, 1.0), 0.5);
        assert_eq!(wrap(-0.25, 1.0), 0.75);
        assert_eq!(wrap(-1e-9, 1.0), 0.0);
        assert_eq!(wrap(3.0, 0.0), 0.0);
    }

    #[test]
    fn a_fade_reaches_its_target_and_says_when_a_layer_has_gone() {
        let mut layer = Layer::new(LayerId(0), 0, 1.0, Looping::Repeat);
        layer.fade_to(0.0, 2.0);
        assert!(!layer.advance_fade(1.0));
        assert!((layer.weight - 0.5).abs() < 1e-6);
        assert!(layer.advance_fade(1.5));
        assert_eq!(layer.weight, 0.0);
    }
}
