//! Skinning influences: `JOINTS_0`/`WEIGHTS_0` and the fifth to eighth influences
//! (`JOINTS_1`/`WEIGHTS_1`) settled into a primitive's arrays with each vertex's weights
//! summing to 1, and the joint indices checked against the skins of the nodes that
//! draw the mesh.

use super::Warning;
use super::context::Context;
use glam::Vec4;
use museion_scene::{Mesh, NodeId, Primitive, Skin};

/// How far from 1 a vertex's weight sum may be and still count as normalised: the
/// glTF Validator's tolerance.
pub(crate) const SUM_TOLERANCE: f32 = 2e-3;

/// A primitive's joints and weights, both sets, as read from the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Influences {
    /// `JOINTS_0`.
    pub joints: Option<Vec<[u16; 4]>>,
    /// `WEIGHTS_0`.
    pub weights: Option<Vec<Vec4>>,
    /// `JOINTS_1`.
    pub joints_1: Option<Vec<[u16; 4]>>,
    /// `WEIGHTS_1`.
    pub weights_1: Option<Vec<Vec4>>,
}

/// What [`normalise`] changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Normalised {
    /// Vertices whose weights were scaled to sum to 1.
    pub scaled: usize,
    /// Vertices whose weights are all zero (left so: the vertex is not skinned).
    pub zero: usize,
    /// Weights that were negative or not finite, taken as 0.
    pub invalid: usize,
}

impl Influences {
    /// Drops a second set that cannot be used (with a warning at `pointer`): one half of
    /// a pair without the other, or a second set without a complete first one. Then
    /// normalises the weights of a skinned primitive, with one warning for the
    /// vertices scaled and one for the vertices without any weight.
    pub fn settle(mut self, ctx: &Context, pointer: &str, warnings: &mut Vec<Warning>) -> Self {
        let first = self.joints.is_some() && self.weights.is_some();
        let second = self.joints_1.is_some() || self.weights_1.is_some();
        if second && !(first && self.joints_1.is_some() && self.weights_1.is_some()) {
            let why = if first {
                "JOINTS_1 and WEIGHTS_1 must come together"
            } else {
                "a second set of influences needs JOINTS_0 and WEIGHTS_0"
            };
            warnings.push(ctx.warning(
                format!("{pointer}/attributes"),
                format!("{why}; JOINTS_1/WEIGHTS_1 ignored"),
            ));
            self.joints_1 = None;
            self.weights_1 = None;
        }
        if !first {
            return self;
        }
        let Some(weights) = self.weights.as_mut() else {
            return self;
        };
        let done = normalise(weights, self.weights_1.as_deref_mut());
        let sets = if self.weights_1.is_some() {
            "WEIGHTS_0 and WEIGHTS_1"
        } else {
            "WEIGHTS_0"
        };
        if done.scaled > 0 {
            let invalid = if done.invalid > 0 {
                format!(" ({} negative or non-finite weights taken as 0)", done.invalid)
            } else {
                String::new()
            };
            warnings.push(ctx.warning(
                format!("{pointer}/attributes"),
                format!(
                    "the {sets} of {} vertices did not sum to 1{invalid}; normalised",
                    done.scaled
                ),
            ));
        }
        if done.zero > 0 {
            warnings.push(ctx.warning(
                format!("{pointer}/attributes"),
                format!(
                    "{} vertices have no weight in {sets}; they are not skinned",
                    done.zero
                ),
            ));
        }
        self
    }
}

/// Scales each vertex's weights (over both sets) to sum to 1 where they are more than
/// [`SUM_TOLERANCE`] away from it; negative and non-finite weights become 0 first. A
/// vertex left with no positive weight stays all zero.
pub(crate) fn normalise(weights: &mut [Vec4], mut weights_1: Option<&mut [Vec4]>) -> Normalised {
    let mut done = Normalised::default();
    for (v, w0) in weights.iter_mut().enumerate() {
        let mut w1 = weights_1.as_deref_mut().and_then(|w| w.get_mut(v));
        let mut invalid = 0;
        let mut clean = |w: &mut Vec4| {
            for x in w.as_mut() {
                if !(x.is_finite() && *x >= 0.0) {
                    *x = 0.0;
                    invalid += 1;
                }
            }
            w.element_sum()
        };
        let sum = clean(w0) + w1.as_deref_mut().map_or(0.0, &mut clean);
        done.invalid += invalid;
        if sum == 0.0 {
            done.zero += 1;
        } else if (sum - 1.0).abs() > SUM_TOLERANCE || invalid > 0 {
            *w0 /= sum;
            if let Some(w1) = w1 {
                *w1 /= sum;
            }
            done.scaled += 1;
        }
    }
    done
}

/// Bytes one vertex's influences take, for the geometry budget.
pub(crate) fn bytes_per_vertex(p: &Primitive) -> usize {
    let joints = |j: &Option<Vec<[u16; 4]>>| j.as_ref().map_or(0, |_| 8);
    let weights = |w: &Option<Vec<Vec4>>| w.as_ref().map_or(0, |_| 16);
    joints(&p.joints) + weights(&p.weights) + joints(&p.joints_1) + weights(&p.weights_1)
}

/// The largest joint index a primitive's vertices use with a positive weight, and
/// whether it comes from the second set.
fn largest_joint(p: &Primitive) -> Option<(u16, bool)> {
    let set = |joints: &Option<Vec<[u16; 4]>>, weights: &Option<Vec<Vec4>>| {
        let (Some(j), Some(w)) = (joints, weights) else {
            return None;
        };
        j.iter()
            .zip(w)
            .flat_map(|(j, w)| j.iter().zip(w.to_array()))
            .filter(|(_, w)| *w > 0.0)
            .map(|(j, _)| *j)
            .max()
    };
    let first = set(&p.joints, &p.weights).map(|j| (j, false));
    let second = set(&p.joints_1, &p.weights_1).map(|j| (j, true));
    first.into_iter().chain(second).max_by_key(|(j, _)| *j)
}

/// Warns, once per node and primitive, where a skinned node's mesh weights a joint
/// index its skin does not have (such an influence moves with no joint). Skins left
/// empty at import (already warned about) are passed over.
pub(crate) fn check_joint_ranges(
    ctx: &Context,
    meshes: &[Mesh],
    skins: &[Skin],
    ids: &[Option<NodeId>],
    warnings: &mut Vec<Warning>,
) {
    for (n, node) in ctx.doc.nodes.iter().enumerate() {
        let (Some(mesh), Some(skin), Some(Some(_))) = (node.mesh, node.skin, ids.get(n)) else {
            continue;
        };
        let (Some(mesh), Some(skin)) = (meshes.get(mesh.value()), skins.get(skin.value())) else {
            continue;
        };
        let count = skin.joints.len();
        if count == 0 {
            continue;
        }
        for (p, primitive) in mesh.primitives.iter().enumerate() {
            if let Some((joint, second)) = largest_joint(primitive)
                && usize::from(joint) >= count
            {
                let set = if second { "JOINTS_1" } else { "JOINTS_0" };
                warnings.push(ctx.warning(
                    format!("/nodes/{n}/skin"),
                    format!(
                        "primitive {p} of mesh {} weights joint {joint} ({set}) but skin {} has {count} \
                         joints; that influence follows no joint",
                        node.mesh.map_or(0, |m| m.value()),
                        node.skin.map_or(0, |s| s.value())
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_scaled_over_both_sets_and_zero_stays_zero() {
        let mut w0 = vec![
            Vec4::new(0.25, 0.25, 0.0, 0.0),
            Vec4::new(0.5, 0.5, 0.0, 0.0),
            Vec4::ZERO,
            Vec4::new(0.5, 0.0, 0.0, 0.0),
            Vec4::new(0.999, 0.0, 0.0, 0.0),
            Vec4::new(1.0, -0.5, f32::NAN, 0.0),
        ];
        let mut w1 = vec![
            Vec4::ZERO,
            Vec4::ZERO,
            Vec4::ZERO,
            Vec4::new(0.5, 0.5, 0.0, 0.0),
            Vec4::ZERO,
            Vec4::ZERO,
        ];
        let done = normalise(&mut w0, Some(&mut w1));
        assert_eq!(
            done,
            Normalised {
                scaled: 3,
                zero: 1,
                invalid: 2
            }
        );
        assert_eq!(w0[0], Vec4::new(0.5, 0.5, 0.0, 0.0));
        assert_eq!(w0[1], Vec4::new(0.5, 0.5, 0.0, 0.0), "already normalised");
        assert_eq!(w0[2], Vec4::ZERO);
        assert_eq!(w0[3], Vec4::new(0.5, 0.0, 0.0, 0.0) / 1.5);
        assert_eq!(w1[3], Vec4::new(0.5, 0.5, 0.0, 0.0) / 1.5);
        assert_eq!(w0[4].x, 0.999, "within the tolerance: kept");
        assert_eq!(w0[5], Vec4::new(1.0, 0.0, 0.0, 0.0));
    }

    #[test]
    fn the_largest_weighted_joint_ignores_zero_weights() {
        let mut p = Primitive::new(
            museion_scene::Topology::Points,
            vec![glam::Vec3::ZERO],
            Vec::new(),
            vec![0],
        );
        p.joints = Some(vec![[1, 9, 0, 0]]);
        p.weights = Some(vec![Vec4::new(1.0, 0.0, 0.0, 0.0)]);
        assert_eq!(largest_joint(&p), Some((1, false)));
        p.joints_1 = Some(vec![[4, 30, 0, 0]]);
        p.weights_1 = Some(vec![Vec4::new(0.0, 0.5, 0.0, 0.0)]);
        assert_eq!(largest_joint(&p), Some((30, true)));
        assert_eq!(bytes_per_vertex(&p), 48);
    }
}
