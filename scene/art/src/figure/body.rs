//! The figure's body: rounded cones and ellipsoids around the skeleton's rest pose,
//! blended into one smooth surface (smooth unions of their distance fields) limb by
//! limb, so the legs and arms stay apart from each other and from the body, and
//! polygonised where it stands.

use super::skeleton::{FOREARM, Joint, UPPER_ARM, wrist};
use crate::sculpt::builder::{Builder, Shading};
use crate::sculpt::implicit::polygonize;
use glam::Vec3;
use museion_scene::Mesh;

/// The skinned chains of the body, which the skin weights keep apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Chain {
    /// Pelvis, trunk, neck and head.
    Torso,
    /// The left arm and hand.
    ArmL,
    /// The right arm and hand.
    ArmR,
    /// The left leg and foot.
    LegL,
    /// The right leg and foot.
    LegR,
}

/// Every chain, in the order [`Body::chain_distances`] gives them.
pub(crate) const CHAINS: [Chain; 5] = [Chain::Torso, Chain::ArmL, Chain::ArmR, Chain::LegL, Chain::LegR];

/// What a part of the body is dressed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cover {
    /// Face, neck and hands.
    Skin,
    /// Jacket: trunk and sleeves.
    Jacket,
    /// Trousers: pelvis and legs.
    Trousers,
    /// Shoes.
    Shoes,
}

/// A solid: a cone from `a` to `b` with rounded ends of radius `ra` and `rb`, or an
/// ellipsoid.
#[derive(Clone, Copy, Debug)]
enum Shape {
    Cone { a: Vec3, b: Vec3, ra: f32, rb: f32 },
    Ellipsoid { centre: Vec3, radii: Vec3 },
}

impl Shape {
    /// Distance to the surface (negative inside), close to exact near it.
    fn distance(&self, p: Vec3) -> f32 {
        match *self {
            Shape::Cone { a, b, ra, rb } => {
                let ab = b - a;
                let t = ((p - a).dot(ab) / ab.length_squared().max(1e-12)).clamp(0.0, 1.0);
                (p - (a + ab * t)).length() - (ra + (rb - ra) * t)
            }
            Shape::Ellipsoid { centre, radii } => {
                let least = radii.min_element();
                ((p - centre) / radii).length() * least - least
            }
        }
    }
}

/// A part of the body: its shape and what covers it. (The chain it moves with follows
/// from its place in [`Body::new`]'s list.)
#[derive(Clone, Copy, Debug)]
struct Part {
    shape: Shape,
    cover: Cover,
}

/// Polynomial smooth minimum (Quílez): the two fields blend over a width `k`.
fn smooth_min(a: f32, b: f32, k: f32) -> f32 {
    let h = (k - (a - b).abs()).max(0.0) / k;
    a.min(b) - h * h * k * 0.25
}

/// Height of the jacket's collar: skin above it.
const COLLAR: f32 = 1.465;
/// Height of the jacket's hem: trousers below it.
const HEM: f32 = 0.985;
/// Height of the shoes' tops.
const SHOE_TOP: f32 = 0.1;

/// The centre of the head.
pub(crate) const HEAD_CENTRE: Vec3 = Vec3::new(0.0, 1.6, 0.015);

/// The body around the rest pose.
pub(crate) struct Body {
    parts: Vec<Part>,
}

impl Body {
    /// The parts, in a fixed order the field below relies on: pelvis, waist, chest,
    /// shoulders, neck, head, nose; then each arm (upper, fore, hand) and each leg
    /// (thigh, calf, shin, foot), left first.
    pub fn new() -> Self {
        use Chain::*;
        use Cover::*;
        let cone = |a, b, ra, rb| Shape::Cone { a, b, ra, rb };
        let ellipsoid = |centre, radii| Shape::Ellipsoid { centre, radii };
        let part = |shape, _chain: Chain, cover| Part { shape, cover };
        let v = Vec3::new;
        let mut parts = vec![
            part(
                ellipsoid(v(0.0, 0.93, 0.0), v(0.165, 0.11, 0.11)),
                Torso,
                Trousers,
            ),
            part(ellipsoid(v(0.0, 1.1, 0.0), v(0.135, 0.13, 0.095)), Torso, Jacket),
            part(ellipsoid(v(0.0, 1.29, 0.0), v(0.17, 0.17, 0.105)), Torso, Jacket),
            part(
                cone(v(-0.15, 1.39, -0.01), v(0.15, 1.39, -0.01), 0.06, 0.06),
                Torso,
                Jacket,
            ),
            part(
                cone(v(0.0, 1.42, 0.0), v(0.0, 1.54, 0.0), 0.05, 0.048),
                Torso,
                Skin,
            ),
            part(ellipsoid(HEAD_CENTRE, v(0.085, 0.105, 0.1)), Torso, Skin),
            part(
                ellipsoid(v(0.0, 1.585, 0.108), v(0.014, 0.025, 0.02)),
                Torso,
                Skin,
            ),
        ];
        for (chain, upper, lower, left) in [
            (ArmL, Joint::UpperArmL, Joint::LowerArmL, true),
            (ArmR, Joint::UpperArmR, Joint::LowerArmR, false),
        ] {
            let (shoulder, elbow, hand) = (upper.rest(), lower.rest(), wrist(left));
            let down = (hand - elbow).normalize();
            parts.push(part(cone(shoulder, elbow, 0.05, 0.04), chain, Jacket));
            parts.push(part(cone(elbow, hand, 0.04, 0.031), chain, Jacket));
            parts.push(part(
                ellipsoid(hand + down * 0.07, v(0.022, 0.072, 0.045)),
                chain,
                Skin,
            ));
        }
        for (chain, hip, knee, ankle) in [
            (LegL, Joint::UpperLegL, Joint::LowerLegL, Joint::FootL),
            (LegR, Joint::UpperLegR, Joint::LowerLegR, Joint::FootR),
        ] {
            let (hip, knee, ankle) = (hip.rest(), knee.rest(), ankle.rest());
            parts.push(part(cone(hip, knee, 0.075, 0.052), chain, Trousers));
            parts.push(part(
                ellipsoid(knee + v(0.0, -0.15, -0.012), v(0.05, 0.11, 0.05)),
                chain,
                Trousers,
            ));
            parts.push(part(cone(knee, ankle, 0.052, 0.036), chain, Trousers));
            parts.push(part(
                cone(v(ankle.x, 0.045, -0.045), v(ankle.x, 0.04, 0.15), 0.045, 0.04),
                chain,
                Shoes,
            ));
        }
        Self { parts }
    }

    fn d(&self, i: usize, p: Vec3) -> f32 {
        let d = self.parts[i].shape.distance(p);
        if self.parts[i].cover == Cover::Shoes {
            // Soles flat on the floor.
            d.max(-p.y)
        } else {
            d
        }
    }

    /// Each chain's own field at `p`, in [`CHAINS`] order.
    pub fn chain_distances(&self, p: Vec3) -> [f32; 5] {
        let d = |i: usize| self.d(i, p);
        let trunk = smooth_min(smooth_min(d(0), d(1), 0.06), d(2), 0.06);
        let trunk = smooth_min(trunk, d(3), 0.05);
        let head = smooth_min(smooth_min(d(4), d(5), 0.035), d(6), 0.02);
        let torso = smooth_min(trunk, head, 0.04);
        let arm = |first: usize| smooth_min(smooth_min(d(first), d(first + 1), 0.025), d(first + 2), 0.02);
        let leg = |first: usize| {
            let thigh = smooth_min(d(first), d(first + 1), 0.04);
            smooth_min(smooth_min(thigh, d(first + 2), 0.03), d(first + 3), 0.03)
        };
        [torso, arm(7), arm(10), leg(13), leg(17)]
    }

    /// The body's field: the limbs blended into the torso, the legs and arms kept
    /// apart from each other.
    pub fn field(&self, p: Vec3) -> f32 {
        let [torso, arm_l, arm_r, leg_l, leg_r] = self.chain_distances(p);
        let upper = smooth_min(torso, arm_l.min(arm_r), 0.035);
        smooth_min(upper, leg_l.min(leg_r), 0.05)
    }

    /// What covers the body at `p`, by the chain it belongs to and where along it:
    /// the jacket down to the hips and the wrists, skin above the collar and on the
    /// hands, shoes up to just over the ankles; and whether it is hair (over the top
    /// and back of the head).
    pub fn cover(&self, p: Vec3) -> (Cover, bool) {
        let distances = self.chain_distances(p);
        let chain = (0..CHAINS.len())
            .min_by(|a, b| distances[*a].total_cmp(&distances[*b]))
            .map_or(Chain::Torso, |i| CHAINS[i]);
        let cover = match chain {
            Chain::Torso if p.y >= COLLAR => Cover::Skin,
            Chain::Torso if p.y >= HEM => Cover::Jacket,
            Chain::Torso => Cover::Trousers,
            Chain::ArmL | Chain::ArmR => {
                let (upper, lower) = if chain == Chain::ArmL {
                    (Joint::UpperArmL, Joint::LowerArmL)
                } else {
                    (Joint::UpperArmR, Joint::LowerArmR)
                };
                let along = (p - upper.rest()).dot((lower.rest() - upper.rest()).normalize());
                if along > UPPER_ARM + FOREARM + 0.005 {
                    Cover::Skin
                } else {
                    Cover::Jacket
                }
            }
            Chain::LegL | Chain::LegR if p.y < SHOE_TOP => Cover::Shoes,
            Chain::LegL | Chain::LegR => Cover::Trousers,
        };
        let from_head = (p - HEAD_CENTRE).normalize_or_zero();
        let hair = cover == Cover::Skin
            && p.y > COLLAR + 0.06
            && (from_head.y > 0.3 || (from_head.z < -0.35 && from_head.y > -0.45));
        (cover, hair)
    }

    /// The polygonised surface, where the skeleton stands (feet on y = 0, facing +z).
    pub fn mesh(&self, cell: f32) -> Mesh {
        let mut builder = Builder::new();
        polygonize(
            &mut builder,
            |p| self.field(p),
            Vec3::new(-0.42, -0.02, -0.2),
            Vec3::new(0.42, 1.74, 0.25),
            cell,
            Shading::Smooth,
        );
        let mut mesh = builder.finish_in_place("guide");
        for primitive in &mut mesh.primitives {
            // An untextured material needs neither texture coordinates nor tangents;
            // they would only weigh on the file.
            primitive.tangents = None;
            primitive.uv0 = None;
        }
        mesh
    }
}
