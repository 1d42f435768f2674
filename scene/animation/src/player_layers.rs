//! The layers of an [`AnimationPlayer`] one by one: adding clips beside the present
//! ones, their weights and times, removing them.

use crate::layer::LayerId;
use crate::player::AnimationPlayer;

impl AnimationPlayer {
    /// Plays `clip` beside the present layers, from its start, at `weight` (negative and
    /// NaN weights count as 0). It becomes the current clip only when nothing else was.
    /// `None` for an index the scene did not have.
    pub fn add_layer(&mut self, clip: usize, weight: f32) -> Option<LayerId> {
        if !self.known_clip(clip) {
            return None;
        }
        let id = self.push_layer(clip, weight.max(0.0));
        if self.current_layer_ref().is_none() {
            self.current = Some(id);
        }
        Some(id)
    }

    /// Stops a layer; false when there is no such layer. When it was the current one,
    /// the most recently added layer left becomes current.
    pub fn remove_layer(&mut self, layer: LayerId) -> bool {
        let before = self.layers.len();
        self.layers.retain(|l| l.id != layer);
        if self.current == Some(layer) {
            self.current = self.layers.last().map(|l| l.id);
        }
        self.layers.len() != before
    }

    /// Sets a layer's weight (negative and NaN count as 0), ending any ramp it was on;
    /// false when there is no such layer.
    pub fn set_layer_weight(&mut self, layer: LayerId, weight: f32) -> bool {
        self.layer_mut(layer)
            .map(|l| {
                l.weight = weight.max(0.0);
                l.fade = None;
            })
            .is_some()
    }

    /// A layer's weight now.
    pub fn layer_weight(&self, layer: LayerId) -> Option<f32> {
        self.layer(layer).map(|l| l.weight)
    }

    /// A layer's time, in seconds into its clip.
    pub fn layer_time(&self, layer: LayerId) -> Option<f32> {
        self.layer(layer).map(|l| l.time)
    }

    /// The clip a layer plays.
    pub fn layer_clip(&self, layer: LayerId) -> Option<usize> {
        self.layer(layer).map(|l| l.clip)
    }

    /// Moves one layer to `seconds` into its clip (wrapped or clamped as its looping mode
    /// says); false when there is no such layer.
    pub fn seek_layer(&mut self, layer: LayerId, seconds: f32) -> bool {
        let forwards = self.speed >= 0.0;
        let Some(index) = self.layers.iter().position(|l| l.id == layer) else {
            return false;
        };
        let duration = self.duration_of(&self.layers[index]);
        self.layers[index].set_time(seconds, duration, forwards);
        true
    }

    /// The layers playing, oldest first.
    pub fn layers(&self) -> impl Iterator<Item = LayerId> + '_ {
        self.layers.iter().map(|l| l.id)
    }
}
