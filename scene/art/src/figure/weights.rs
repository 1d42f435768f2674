//! Skin weights: each vertex belongs to the body's chains (torso, arms, legs) by how
//! near it is to each chain's own surface, softly, so a vertex where an arm meets the
//! trunk follows both; along a chain, it moves with the bones either side of the
//! nearest joint, blended over a band around the joint. At most four joints, weights
//! summing to one.

use super::body::{Body, CHAINS, Chain};
use super::skeleton::{HIPS_HEIGHT, Joint, UPPER_ARM};
use glam::{Vec3, Vec4};

/// How sharply a vertex's membership falls off with its distance from a chain's
/// surface beyond the nearest chain's, metres: within a few millimetres of a junction
/// both chains share it.
const MEMBERSHIP: f32 = 0.012;
/// Influences below this are dropped.
const NEGLIGIBLE: f32 = 1e-3;

/// A joint boundary along a chain: the coordinate where one bone hands over to the
/// next, and half the width of the band they blend over.
type Boundary = (f32, f32);

/// Weights along a chain of `bones` split at `boundaries` (one fewer, increasing), at
/// coordinate `c`: bone `i` gets the share between boundaries `i - 1` and `i`, with a
/// smooth step across each band; the shares sum to one.
fn along(bones: &[Joint], boundaries: &[Boundary], c: f32) -> Vec<(Joint, f32)> {
    let past = |b: Option<&Boundary>, default: f32| {
        b.map_or(default, |(at, half)| smoothstep(at - half, at + half, c))
    };
    bones
        .iter()
        .enumerate()
        .map(|(i, bone)| {
            let from = if i == 0 {
                1.0
            } else {
                past(boundaries.get(i - 1), 0.0)
            };
            (*bone, from - past(boundaries.get(i), 0.0))
        })
        .collect()
}

fn smoothstep(lo: f32, hi: f32, x: f32) -> f32 {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The weights of a vertex at `p` within `chain`.
fn chain_weights(chain: Chain, p: Vec3) -> Vec<(Joint, f32)> {
    match chain {
        Chain::Torso => along(
            &[Joint::Hips, Joint::Spine, Joint::Chest, Joint::Neck, Joint::Head],
            &[(1.0, 0.05), (1.18, 0.05), (1.45, 0.03), (1.55, 0.03)],
            p.y,
        ),
        Chain::ArmL | Chain::ArmR => {
            let (upper, lower) = if chain == Chain::ArmL {
                (Joint::UpperArmL, Joint::LowerArmL)
            } else {
                (Joint::UpperArmR, Joint::LowerArmR)
            };
            let axis = (lower.rest() - upper.rest()).normalize();
            along(
                &[Joint::Chest, upper, lower],
                &[(0.03, 0.05), (UPPER_ARM, 0.04)],
                (p - upper.rest()).dot(axis),
            )
        }
        Chain::LegL | Chain::LegR => {
            let bones = if chain == Chain::LegL {
                [Joint::Hips, Joint::UpperLegL, Joint::LowerLegL, Joint::FootL]
            } else {
                [Joint::Hips, Joint::UpperLegR, Joint::LowerLegR, Joint::FootR]
            };
            let down = |y: f32| HIPS_HEIGHT - y;
            along(
                &bones,
                &[(down(0.91), 0.05), (down(0.5), 0.05), (down(0.09), 0.03)],
                down(p.y),
            )
        }
    }
}

/// Joint indices and weights of a vertex at `p` (rest pose): at most four influences,
/// summing to one, the unused slots zero.
pub(crate) fn skin_weights(body: &Body, p: Vec3) -> ([u16; 4], Vec4) {
    let distances = body.chain_distances(p);
    let nearest = distances.iter().copied().fold(f32::MAX, f32::min);
    let memberships: Vec<f32> = distances
        .iter()
        .map(|d| (-(d - nearest) / MEMBERSHIP).exp())
        .collect();
    let total: f32 = memberships.iter().sum();
    let mut per_joint = [0.0f32; 15];
    for (chain, m) in CHAINS.iter().zip(&memberships) {
        if m / total < NEGLIGIBLE {
            continue;
        }
        for (joint, w) in chain_weights(*chain, p) {
            per_joint[joint.index()] += m / total * w;
        }
    }
    let mut ranked: Vec<(usize, f32)> = per_joint
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, w)| *w >= NEGLIGIBLE)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(4);
    let sum: f32 = ranked.iter().map(|(_, w)| w).sum();
    let mut joints = [0u16; 4];
    let mut weights = [0.0f32; 4];
    for (slot, (joint, w)) in ranked.iter().enumerate() {
        joints[slot] = *joint as u16;
        weights[slot] = w / sum;
    }
    if ranked.is_empty() {
        // Unreachable for a point of the body (some chain is nearest); kept whole.
        weights[0] = 1.0;
    }
    (joints, Vec4::from_array(weights))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_along_a_chain_sum_to_one_and_hand_over_at_the_joint() {
        let bones = [Joint::Hips, Joint::Spine, Joint::Chest];
        let bands = [(1.0, 0.05), (1.2, 0.05)];
        for i in 0..=40 {
            let c = 0.9 + i as f32 * 0.01;
            let w = along(&bones, &bands, c);
            let sum: f32 = w.iter().map(|(_, w)| w).sum();
            assert!(
                (sum - 1.0).abs() < 1e-6 && w.iter().all(|(_, w)| *w >= 0.0),
                "{c}: {w:?}"
            );
        }
        assert_eq!(along(&bones, &bands, 0.9)[0].1, 1.0);
        assert!((along(&bones, &bands, 1.0)[0].1 - 0.5).abs() < 1e-6);
        assert_eq!(along(&bones, &bands, 1.3)[2].1, 1.0);
    }

    #[test]
    fn a_hand_moves_with_its_forearm_and_a_knee_with_both_leg_bones() {
        let body = Body::new();
        let hand = super::super::skeleton::wrist(true) + Vec3::new(0.0, -0.05, 0.04);
        let (joints, weights) = skin_weights(&body, hand);
        assert_eq!(joints[0] as usize, Joint::LowerArmL.index());
        assert!(weights[0] > 0.99, "{joints:?} {weights}");
        let knee = Joint::LowerLegR.rest() + Vec3::new(0.0, 0.0, 0.05);
        let (joints, weights) = skin_weights(&body, knee);
        let mut shared: Vec<usize> = joints.iter().map(|j| *j as usize).collect();
        shared.truncate(2);
        shared.sort_unstable();
        assert_eq!(shared, [Joint::UpperLegR.index(), Joint::LowerLegR.index()]);
        assert!((weights[0] - 0.5).abs() < 0.1, "{weights}");
    }
}
