//! A clip as a crowd plays it: its channels resolved to the nodes of the crowd's model
//! (indices into the model's node order, alike in every copy), its keyframes shared by
//! every copy, and its linear rotations prepared per key interval (the sign flip, the
//! angle and the orthogonal part that slerp works out from the keys alone), so that
//! sampling one copy takes one `sin_cos` and a normalisation.
//!
//! The results are those of [`sample_at`] followed by a player's blend at full weight,
//! to the bit: the same key search, the same operations of shortest-path slerp, the
//! same two normalisations of rotations.

use crate::sample::{KeyPosition, ValueKind, normalized, sample_at, validate};
use glam::{Quat, Vec3, Vec4};
use museion_scene::{AnimationProperty, AnimationSampler, Interpolation, Transform};

/// A part of a node's transform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Part {
    Translation,
    Rotation,
    Scale,
}

impl Part {
    /// The part a channel drives; `None` for morph weights.
    pub fn of(property: AnimationProperty) -> Option<Self> {
        match property {
            AnimationProperty::Translation => Some(Part::Translation),
            AnimationProperty::Rotation => Some(Part::Rotation),
            AnimationProperty::Scale => Some(Part::Scale),
            AnimationProperty::MorphWeights => None,
        }
    }

    /// Numbers in the part's value.
    pub fn len(self) -> usize {
        match self {
            Part::Rotation => 4,
            Part::Translation | Part::Scale => 3,
        }
    }

    /// The part's value in `t`.
    pub fn read(self, t: &Transform) -> [f32; 4] {
        match self {
            Part::Translation => t.translation.extend(0.0).to_array(),
            Part::Rotation => t.rotation.to_array(),
            Part::Scale => t.scale.extend(0.0).to_array(),
        }
    }

    /// Sets the part of `t` to `v` (its first [`Part::len`] numbers).
    pub fn write(self, t: &mut Transform, v: &[f32]) {
        match self {
            Part::Translation => t.translation = Vec3::new(v[0], v[1], v[2]),
            Part::Rotation => t.rotation = Quat::from_xyzw(v[0], v[1], v[2], v[3]),
            Part::Scale => t.scale = Vec3::new(v[0], v[1], v[2]),
        }
    }
}

/// One key interval of a linear rotation, with what [`slerp`](crate::sample::slerp)
/// works out from its two keys alone done once: the sign flip, the angle `θ` and the
/// part of the second key orthogonal to the first. The value at `u` of the way is
/// `from·cos(u·θ) + orthogonal·(sin(u·θ) / |orthogonal|)`, normalised; with `θ = 0`
/// (nearly parallel keys) it is `from + orthogonal·u`, normalised — the very operations
/// of `slerp`, so the results are the same to the bit.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Arc {
    from: Vec4,
    orthogonal: Vec4,
    length: f32,
    theta: f32,
}

impl Arc {
    /// The interval from key `a` to key `b`, as `slerp` would take it.
    fn new(a: Vec4, b: Vec4) -> Self {
        let (mut b, mut dot) = (b, a.dot(b));
        if dot < 0.0 {
            b = -b;
            dot = -dot;
        }
        if dot > 0.9995 {
            return Self {
                from: a,
                orthogonal: b - a,
                length: 1.0,
                theta: 0.0,
            };
        }
        let orthogonal = b - a * dot;
        Self {
            from: a,
            orthogonal,
            length: orthogonal.length(),
            theta: dot.acos(),
        }
    }

    fn at(&self, u: f32) -> Quat {
        let v = if self.theta == 0.0 {
            self.from + self.orthogonal * u
        } else {
            let (sin, cos) = (u * self.theta).sin_cos();
            self.from * cos + self.orthogonal * (sin / self.length)
        };
        normalized(Quat::from_vec4(v))
    }
}

/// How a channel's values are found.
#[derive(Clone, Debug, PartialEq)]
enum Values {
    /// Linear rotations: the keys, and one arc per key interval.
    LinearRotation { keys: Vec<Vec4>, arcs: Vec<Arc> },
    /// Linear translations or scales: three numbers per key.
    LinearVector(Vec<f32>),
    /// Anything else (`STEP`, `CUBICSPLINE`): sampled as a player samples it.
    Sampler(AnimationSampler),
}

/// One channel of a crowd clip.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CrowdChannel {
    /// The driven node, an index into the model's nodes.
    pub node: u32,
    pub part: Part,
    /// Its key-time group (an index into [`CrowdClip::groups`]).
    group: u32,
    values: Values,
}

/// A clip of the crowd's model, resolved against the model's nodes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CrowdClip {
    /// The time of its last key.
    pub duration: f32,
    /// The distinct key-time lists of its channels.
    pub groups: Vec<Vec<f32>>,
    pub channels: Vec<CrowdChannel>,
    /// Node parts some other clip of the model drives and this one does not: they show
    /// their rest values while this clip plays (node, part).
    pub rest_parts: Vec<(u32, Part)>,
}

/// Why a clip cannot be played by a crowd.
pub(crate) type Unfit = String;

impl CrowdClip {
    /// A clip of `duration` with no channels yet.
    pub fn new(duration: f32) -> Self {
        Self {
            duration,
            groups: Vec::new(),
            channels: Vec::new(),
            rest_parts: Vec::new(),
        }
    }

    /// Adds a channel driving `part` of model node `node` with `sampler`.
    pub fn add(&mut self, node: u32, part: Part, sampler: &AnimationSampler) -> Result<(), Unfit> {
        let len = part.len();
        validate(sampler, len).map_err(|e| e.to_string())?;
        if self.channels.iter().any(|c| c.node == node && c.part == part) {
            return Err("two channels drive one property".into());
        }
        let group = match self.groups.iter().position(|t| *t == sampler.times) {
            Some(g) => g,
            None => {
                self.groups.push(sampler.times.clone());
                self.groups.len() - 1
            }
        };
        let keys = sampler.times.len();
        let values = match (sampler.interpolation, part) {
            (Interpolation::Linear, Part::Rotation) => {
                let keys: Vec<Vec4> = sampler.values[..keys * 4]
                    .chunks_exact(4)
                    .map(Vec4::from_slice)
                    .collect();
                let arcs = keys.windows(2).map(|w| Arc::new(w[0], w[1])).collect();
                Values::LinearRotation { keys, arcs }
            }
            (Interpolation::Linear, _) => Values::LinearVector(sampler.values[..keys * 3].to_vec()),
            _ => Values::Sampler(sampler.clone()),
        };
        self.channels.push(CrowdChannel {
            node,
            part,
            group: group as u32,
            values,
        });
        Ok(())
    }

    /// The key position of `time` in every key-time group, starting the search at
    /// `cursors` (one per group, updated).
    pub fn locate(&self, time: f32, cursors: &mut [u32], positions: &mut Vec<KeyPosition>) {
        positions.clear();
        for (times, cursor) in self.groups.iter().zip(cursors.iter_mut()) {
            let position = KeyPosition::locate_from(times, time, *cursor as usize).unwrap_or(KeyPosition {
                from: 0,
                to: 0,
                factor: 0.0,
                interval: 0.0,
            });
            *cursor = position.from as u32;
            positions.push(position);
        }
    }
}

impl CrowdChannel {
    /// Sets this channel's part of `local` to its value at `position` (in its group).
    pub fn pose(&self, position: KeyPosition, local: &mut Transform) {
        let holds = position.from == position.to || position.factor <= 0.0;
        match &self.values {
            Values::LinearRotation { keys, arcs } => {
                let q = if holds {
                    keys.get(position.from).map(|k| normalized(Quat::from_vec4(*k)))
                } else {
                    arcs.get(position.from).map(|arc| arc.at(position.factor))
                };
                // A player normalises the blend once more.
                if let Some(q) = q {
                    local.rotation = normalized(q);
                }
            }
            Values::LinearVector(values) => {
                let key = |k: usize| values.get(k * 3..k * 3 + 3).map(Vec3::from_slice);
                let v = if holds {
                    key(position.from)
                } else {
                    key(position.from)
                        .zip(key(position.to))
                        .map(|(a, b)| a + (b - a) * position.factor)
                };
                if let Some(v) = v {
                    self.part.write(local, &v.to_array());
                }
            }
            Values::Sampler(sampler) => {
                let kind = match self.part {
                    Part::Rotation => ValueKind::Rotation,
                    _ => ValueKind::Vector,
                };
                let mut value = [0.0; 4];
                if sample_at(sampler, kind, self.part.len(), position, &mut value).is_ok() {
                    if kind == ValueKind::Rotation {
                        normalized(Quat::from_slice(&value)).write_to_slice(&mut value);
                    }
                    self.part.write(local, &value);
                }
            }
        }
    }

    /// The key-time group of the channel.
    pub fn group(&self) -> usize {
        self.group as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::slerp;

    #[test]
    fn arcs_give_slerp_whatever_the_angle_and_sign() {
        let a = Quat::from_rotation_y(0.3);
        for (b, what) in [
            (Quat::from_rotation_x(2.5), "wide"),
            (-Quat::from_rotation_z(1.0), "flipped"),
            (Quat::from_rotation_y(0.31), "nearly parallel"),
        ] {
            let arc = Arc::new(Vec4::from(a), Vec4::from(b));
            for u in [0.0, 0.1, 0.5, 0.77, 1.0] {
                let ours = arc.at(u);
                let theirs = slerp(a, b, u);
                assert_eq!(ours, theirs, "{what} at {u}");
            }
        }
    }
}
