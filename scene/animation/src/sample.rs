//! Sampling one keyframe sampler at one time: finding the keys around the time, then
//! `STEP`, `LINEAR` (shortest-path slerp for rotations) or `CUBICSPLINE` (Hermite with
//! tangents scaled by the key interval) between them, as glTF 2.0 defines them.

use crate::error::AnimationError;
use glam::{Quat, Vec4};
use museion_scene::{AnimationProperty, AnimationSampler, Interpolation};

/// How a sampled value is interpolated and finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// Component by component (translations, scales, morph weights, material factors).
    Vector,
    /// A unit quaternion `x, y, z, w`: linear keys are slerped along the shorter arc, and
    /// every result is normalised.
    Rotation,
}

impl ValueKind {
    /// The kind a node property's values are.
    pub fn of(property: AnimationProperty) -> Self {
        match property {
            AnimationProperty::Rotation => ValueKind::Rotation,
            _ => ValueKind::Vector,
        }
    }
}

/// Where a time falls among a sampler's key times: between key `from` and key `to`
/// (equal when the time is before the first key, after the last, or the sampler has one
/// key), `factor` of the way, the keys `interval` seconds apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyPosition {
    /// The key at or before the time.
    pub from: usize,
    /// The key after the time (`from` when the value holds).
    pub to: usize,
    /// How far between the two keys, 0 to 1.
    pub factor: f32,
    /// Seconds from key `from` to key `to` (0 when they are the same key).
    pub interval: f32,
}

impl KeyPosition {
    /// The position of `time` among `times` (increasing); `None` without keys. Times
    /// before the first key hold the first, times after the last hold the last; a NaN
    /// time holds the first.
    pub fn locate(times: &[f32], time: f32) -> Option<Self> {
        Self::locate_from(times, time, 0)
    }

    /// [`KeyPosition::locate`], trying the interval starting at key `hint` and the one
    /// after it before searching (playback moves little from one frame to the next).
    pub fn locate_from(times: &[f32], time: f32, hint: usize) -> Option<Self> {
        let last = times.len().checked_sub(1)?;
        let hold = |key: usize| KeyPosition {
            from: key,
            to: key,
            factor: 0.0,
            interval: 0.0,
        };
        if time.is_nan() || time <= times[0] {
            return Some(hold(0));
        }
        if time >= times[last] {
            return Some(hold(last));
        }
        // Here times[0] < time < times[last], so some key interval holds the time.
        let inside = |i: usize| i < last && times[i] <= time && time < times[i + 1];
        let from = if inside(hint) {
            hint
        } else if inside(hint + 1) {
            hint + 1
        } else {
            times
                .partition_point(|t| *t <= time)
                .saturating_sub(1)
                .min(last - 1)
        };
        let interval = times[from + 1] - times[from];
        // Keys out of order (a malformed file) give no usable interval: hold the first.
        let factor = if interval > 0.0 {
            ((time - times[from]) / interval).clamp(0.0, 1.0)
        } else {
            0.0
        };
        Some(KeyPosition {
            from,
            to: from + 1,
            factor,
            interval: interval.max(0.0),
        })
    }
}

/// Values stored per key: three values (in-tangent, value, out-tangent) for cubic
/// splines, one otherwise.
fn values_per_key(interpolation: Interpolation) -> usize {
    match interpolation {
        Interpolation::CubicSpline => 3,
        Interpolation::Linear | Interpolation::Step => 1,
    }
}

/// The number of morph weights per key of a weights sampler: its values over its keys
/// (over three values per key for cubic splines). `None` when that is not a whole
/// positive number.
pub fn morph_weight_count(sampler: &AnimationSampler) -> Option<usize> {
    let per_key = sampler.times.len() * values_per_key(sampler.interpolation);
    let count = sampler.values.len().checked_div(per_key)?;
    (count > 0 && count * per_key == sampler.values.len()).then_some(count)
}

/// Checks that `sampler` has keys and enough values for values of `components` numbers.
pub fn validate(sampler: &AnimationSampler, components: usize) -> Result<(), AnimationError> {
    if components == 0 {
        return Err(AnimationError::NoComponents);
    }
    let keys = sampler.times.len();
    if keys == 0 {
        return Err(AnimationError::NoKeys);
    }
    let needed = keys * components * values_per_key(sampler.interpolation);
    if sampler.values.len() < needed {
        return Err(AnimationError::ValuesTooShort {
            keys,
            components,
            needed,
            found: sampler.values.len(),
        });
    }
    Ok(())
}

/// Samples `sampler` at `time` seconds into `out[..components]`. Times before the first
/// key and after the last clamp to those keys; a sampler with one key holds it.
///
/// Fails, leaving `out` unchanged, when the sampler has no keys or too few values, or
/// `out` is too short.
pub fn sample(
    sampler: &AnimationSampler,
    kind: ValueKind,
    components: usize,
    time: f32,
    out: &mut [f32],
) -> Result<(), AnimationError> {
    let position = KeyPosition::locate(&sampler.times, time).ok_or(AnimationError::NoKeys)?;
    sample_at(sampler, kind, components, position, out)
}

/// Samples `sampler` at a [`KeyPosition`] found among its times (or among equal times of
/// another sampler) into `out[..components]`; fails as [`sample`] does.
pub fn sample_at(
    sampler: &AnimationSampler,
    kind: ValueKind,
    components: usize,
    position: KeyPosition,
    out: &mut [f32],
) -> Result<(), AnimationError> {
    validate(sampler, components)?;
    if out.len() < components {
        return Err(AnimationError::OutputTooShort {
            components,
            found: out.len(),
        });
    }
    if kind == ValueKind::Rotation && components != 4 {
        return Err(AnimationError::RotationComponents(components));
    }
    let last = sampler.times.len() - 1;
    let (from, to) = (position.from.min(last), position.to.min(last));
    let holds = from == to || position.factor <= 0.0;
    let out = &mut out[..components];
    let values = &sampler.values;
    match sampler.interpolation {
        Interpolation::Step => out.copy_from_slice(key(values, components, 1, from, 0)),
        Interpolation::Linear if holds => out.copy_from_slice(key(values, components, 1, from, 0)),
        Interpolation::Linear => {
            let a = key(values, components, 1, from, 0);
            let b = key(values, components, 1, to, 0);
            match kind {
                ValueKind::Rotation => {
                    let q = slerp(quat(a), quat(b), position.factor);
                    out.copy_from_slice(&q.to_array());
                }
                ValueKind::Vector => {
                    let u = position.factor;
                    for ((o, a), b) in out.iter_mut().zip(a).zip(b) {
                        *o = a + (b - a) * u;
                    }
                }
            }
        }
        Interpolation::CubicSpline if holds => out.copy_from_slice(key(values, components, 3, from, 1)),
        Interpolation::CubicSpline => {
            let v0 = key(values, components, 3, from, 1);
            let b0 = key(values, components, 3, from, 2);
            let a1 = key(values, components, 3, to, 0);
            let v1 = key(values, components, 3, to, 1);
            let [h00, h10, h01, h11] = hermite_basis(position.factor);
            let dt = position.interval;
            for i in 0..components {
                out[i] = h00 * v0[i] + h10 * dt * b0[i] + h01 * v1[i] + h11 * dt * a1[i];
            }
        }
    }
    let slerped = sampler.interpolation == Interpolation::Linear && !holds;
    if kind == ValueKind::Rotation && !slerped {
        let q = normalized(quat(out));
        out.copy_from_slice(&q.to_array());
    }
    Ok(())
}

/// The part `part` (of `parts` per key) of key `k`'s values.
fn key(values: &[f32], components: usize, parts: usize, k: usize, part: usize) -> &[f32] {
    let start = (k * parts + part) * components;
    &values[start..start + components]
}

/// The cubic Hermite basis at `u`: the weights of the first value, the first key's
/// out-tangent, the second value and the second key's in-tangent.
pub fn hermite_basis(u: f32) -> [f32; 4] {
    let (u2, u3) = (u * u, u * u * u);
    [
        2.0 * u3 - 3.0 * u2 + 1.0,
        u3 - 2.0 * u2 + u,
        -2.0 * u3 + 3.0 * u2,
        u3 - u2,
    ]
}

fn quat(v: &[f32]) -> Quat {
    Quat::from_xyzw(v[0], v[1], v[2], v[3])
}

/// `q` normalised; the identity when it has no direction (zero or not finite).
pub(crate) fn normalized(q: Quat) -> Quat {
    let v = Vec4::from(q);
    let length = v.length();
    if length > 0.0 && length.is_finite() {
        Quat::from_vec4(v / length)
    } else {
        Quat::IDENTITY
    }
}

/// Spherical linear interpolation from `a` to `b` along the shorter arc: `b`'s sign is
/// flipped when the two point into opposite hemispheres. Nearly equal rotations are
/// interpolated linearly (then normalised), where slerp's division loses precision.
pub fn slerp(a: Quat, b: Quat, u: f32) -> Quat {
    let (a, mut b) = (Vec4::from(a), Vec4::from(b));
    let mut dot = a.dot(b);
    if dot < 0.0 {
        b = -b;
        dot = -dot;
    }
    let v = if dot > 0.9995 {
        a + (b - a) * u
    } else {
        // Turn `a` by u·θ towards the unit vector orthogonal to it in the plane of `a`
        // and `b` (|b - a·cos θ| = sin θ): the same as the two-sine form with one sine.
        let theta = dot.acos();
        let (sin, cos) = (u * theta).sin_cos();
        let orthogonal = b - a * dot;
        a * cos + orthogonal * (sin / orthogonal.length())
    };
    normalized(Quat::from_vec4(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_is_used_and_a_wrong_hint_still_finds_the_interval() {
        let times = [0.0, 1.0, 2.0, 3.0];
        for hint in [0, 1, 2, 3, 10] {
            let p = KeyPosition::locate_from(&times, 2.5, hint).unwrap();
            assert_eq!((p.from, p.to), (2, 3), "hint {hint}");
            assert!((p.factor - 0.5).abs() < 1e-6);
        }
        assert_eq!(KeyPosition::locate(&[], 1.0), None);
        assert_eq!(KeyPosition::locate(&times, f32::NAN).unwrap().from, 0);
    }

    #[test]
    fn weight_counts_come_from_values_over_keys() {
        let sampler = |values: usize, interpolation| AnimationSampler {
            times: vec![0.0, 1.0],
            values: vec![0.0; values],
            interpolation,
        };
        assert_eq!(morph_weight_count(&sampler(16, Interpolation::Linear)), Some(8));
        assert_eq!(
            morph_weight_count(&sampler(12, Interpolation::CubicSpline)),
            Some(2)
        );
        assert_eq!(morph_weight_count(&sampler(7, Interpolation::Linear)), None);
        assert_eq!(morph_weight_count(&sampler(0, Interpolation::Step)), None);
    }
}
