//! The figure's skeleton: fifteen joints in a standing rest pose (every rest rotation
//! the identity, so a joint's rest transform is its offset from its parent), and the
//! two-bone inverse kinematics that plants a foot where a clip wants it.

use glam::{Mat3, Quat, Vec3};

/// A joint of the skeleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Joint {
    Hips,
    Spine,
    Chest,
    Neck,
    Head,
    UpperArmL,
    LowerArmL,
    UpperArmR,
    LowerArmR,
    UpperLegL,
    LowerLegL,
    FootL,
    UpperLegR,
    LowerLegR,
    FootR,
}

/// Joints in skin order: every parent before its children.
pub(crate) const JOINTS: [Joint; 15] = [
    Joint::Hips,
    Joint::Spine,
    Joint::Chest,
    Joint::Neck,
    Joint::Head,
    Joint::UpperArmL,
    Joint::LowerArmL,
    Joint::UpperArmR,
    Joint::LowerArmR,
    Joint::UpperLegL,
    Joint::LowerLegL,
    Joint::FootL,
    Joint::UpperLegR,
    Joint::LowerLegR,
    Joint::FootR,
];

/// Height of the hips joint (the middle of the pelvis) standing, metres.
pub(crate) const HIPS_HEIGHT: f32 = 0.95;
/// Half the distance between the hip joints, metres.
pub(crate) const HIP_HALF_WIDTH: f32 = 0.095;
/// How far the hip joints sit below the hips joint, metres.
pub(crate) const HIP_DROP: f32 = 0.03;
/// Hip to knee, metres.
pub(crate) const THIGH: f32 = 0.42;
/// Knee to ankle, metres.
pub(crate) const SHIN: f32 = 0.42;
/// Height of the ankle above the sole, metres.
pub(crate) const ANKLE_HEIGHT: f32 = HIPS_HEIGHT - HIP_DROP - THIGH - SHIN;
/// The farthest a hip reaches: the leg all but straight (a straight knee has no
/// direction to bend in).
pub(crate) const MAX_REACH: f32 = THIGH + SHIN - 1e-4;
/// Shoulder to elbow, metres.
pub(crate) const UPPER_ARM: f32 = 0.28;
/// Elbow to wrist, metres.
pub(crate) const FOREARM: f32 = 0.25;
/// How far the arms hang out from the vertical at rest, radians (an A pose, so the
/// arms stand clear of the body).
const ARM_SPREAD: f32 = 0.21;
/// The shoulder joint of the left arm.
const SHOULDER_L: Vec3 = Vec3::new(0.18, 1.41, 0.0);

impl Joint {
    /// The joint's node name.
    pub fn name(self) -> &'static str {
        match self {
            Joint::Hips => "hips",
            Joint::Spine => "spine",
            Joint::Chest => "chest",
            Joint::Neck => "neck",
            Joint::Head => "head",
            Joint::UpperArmL => "upper_arm.L",
            Joint::LowerArmL => "lower_arm.L",
            Joint::UpperArmR => "upper_arm.R",
            Joint::LowerArmR => "lower_arm.R",
            Joint::UpperLegL => "upper_leg.L",
            Joint::LowerLegL => "lower_leg.L",
            Joint::FootL => "foot.L",
            Joint::UpperLegR => "upper_leg.R",
            Joint::LowerLegR => "lower_leg.R",
            Joint::FootR => "foot.R",
        }
    }

    /// The parent joint (`None` for the hips, the root).
    pub fn parent(self) -> Option<Joint> {
        use Joint::*;
        match self {
            Hips => None,
            Spine => Some(Hips),
            Chest => Some(Spine),
            Neck | UpperArmL | UpperArmR => Some(Chest),
            Head => Some(Neck),
            LowerArmL => Some(UpperArmL),
            LowerArmR => Some(UpperArmR),
            UpperLegL | UpperLegR => Some(Hips),
            LowerLegL => Some(UpperLegL),
            LowerLegR => Some(UpperLegR),
            FootL => Some(LowerLegL),
            FootR => Some(LowerLegR),
        }
    }

    /// The index in [`JOINTS`] (the skin's joint index).
    pub fn index(self) -> usize {
        JOINTS.iter().position(|j| *j == self).unwrap_or(0)
    }

    /// Where the joint is in the rest pose, in the figure's space (feet on y = 0,
    /// facing +z; the figure's left is +x).
    pub fn rest(self) -> Vec3 {
        let side = |left: bool| if left { 1.0 } else { -1.0 };
        let arm = |left: bool| Vec3::new(side(left) * ARM_SPREAD.sin(), -ARM_SPREAD.cos(), 0.0);
        let shoulder = |left: bool| SHOULDER_L * Vec3::new(side(left), 1.0, 1.0);
        let hip = |left: bool| Vec3::new(side(left) * HIP_HALF_WIDTH, HIPS_HEIGHT - HIP_DROP, 0.0);
        use Joint::*;
        match self {
            Hips => Vec3::Y * HIPS_HEIGHT,
            Spine => Vec3::Y * 1.05,
            Chest => Vec3::Y * 1.22,
            Neck => Vec3::Y * 1.45,
            Head => Vec3::Y * 1.53,
            UpperArmL | UpperArmR => shoulder(self == UpperArmL),
            LowerArmL | LowerArmR => {
                let left = self == LowerArmL;
                shoulder(left) + arm(left) * UPPER_ARM
            }
            UpperLegL | UpperLegR => hip(self == UpperLegL),
            LowerLegL | LowerLegR => hip(self == LowerLegL) - Vec3::Y * THIGH,
            FootL | FootR => hip(self == FootL) - Vec3::Y * (THIGH + SHIN),
        }
    }

    /// The joint's rest offset from its parent (its rest translation).
    pub fn offset(self) -> Vec3 {
        self.rest() - self.parent().map_or(Vec3::ZERO, Joint::rest)
    }
}

/// The end of a left or right arm: the wrist, in the rest pose.
pub(crate) fn wrist(left: bool) -> Vec3 {
    let lower = if left { Joint::LowerArmL } else { Joint::LowerArmR };
    let down = (lower.rest() - if left { Joint::UpperArmL } else { Joint::UpperArmR }.rest()).normalize();
    lower.rest() + down * FOREARM
}

/// The local rotations of a leg (thigh, shin, foot) that put its ankle at `ankle` with
/// the foot pitched by `foot_pitch` radians (positive: toes down) and no yaw, for hips
/// at `hips_at` turned by `hips_turn` (all in the figure's space). The knee bends
/// toward the hips' front. An ankle out of reach is reached for: the leg points at it,
/// as straight as it goes (the clips keep their ankles in reach, which the tests check).
pub(crate) fn leg(left: bool, hips_at: Vec3, hips_turn: Quat, ankle: Vec3, foot_pitch: f32) -> [Quat; 3] {
    let hip_joint = if left { Joint::UpperLegL } else { Joint::UpperLegR };
    let hip = hips_at + hips_turn * hip_joint.offset();
    let to_ankle = ankle - hip;
    let along = to_ankle.normalize_or(Vec3::NEG_Y);
    let reach = to_ankle.length().clamp(0.1, MAX_REACH);
    let ankle = hip + along * reach;
    let front = hips_turn * Vec3::Z;
    let bend = (front - along * front.dot(along)).normalize();
    let cos_hip = (THIGH * THIGH + reach * reach - SHIN * SHIN) / (2.0 * THIGH * reach);
    let angle = cos_hip.clamp(-1.0, 1.0).acos();
    let knee = hip + (along * angle.cos() + bend * angle.sin()) * THIGH;
    let thigh = bone_turn((knee - hip).normalize(), bend);
    let shin = bone_turn((ankle - knee).normalize(), bend);
    let foot = Quat::from_rotation_x(foot_pitch);
    [
        hips_turn.inverse() * thigh,
        thigh.inverse() * shin,
        shin.inverse() * foot,
    ]
}

/// The rotation taking a bone that hangs down (along -y, its front +z) to hang along
/// `down` with its front as near `front` as it can be.
pub(crate) fn bone_turn(down: Vec3, front: Vec3) -> Quat {
    let y = -down;
    let z = (front - y * front.dot(y)).normalize_or(Vec3::Z);
    let x = y.cross(z);
    Quat::from_mat3(&Mat3::from_cols(x, y, z)).normalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leg_puts_the_ankle_where_it_is_asked() {
        let hips = Vec3::new(0.02, 0.88, 0.0);
        let turn = Quat::from_rotation_y(-0.05);
        let ankle = Vec3::new(0.095, ANKLE_HEIGHT, 0.3);
        let [thigh, shin, foot] = leg(true, hips, turn, ankle, 0.0);
        // Forward kinematics down the chain.
        let hip_world = turn;
        let at_hip = hips + hip_world * Joint::UpperLegL.offset();
        let thigh_world = hip_world * thigh;
        let at_knee = at_hip + thigh_world * Joint::LowerLegL.offset();
        let shin_world = thigh_world * shin;
        let at_ankle = at_knee + shin_world * Joint::FootL.offset();
        assert!(at_ankle.distance(ankle) < 1e-4, "{at_ankle} vs {ankle}");
        // The foot stays level, and the knee bends forward.
        let foot_world = shin_world * foot;
        assert!((foot_world * Vec3::Z - Vec3::Z).length() < 1e-4);
        assert!(at_knee.z > (at_hip.z + at_ankle.z) / 2.0);
    }

    #[test]
    fn parents_come_first_and_the_leg_reaches_the_ground() {
        for (i, joint) in JOINTS.iter().enumerate() {
            assert_eq!(joint.index(), i);
            if let Some(parent) = joint.parent() {
                assert!(parent.index() < i, "{joint:?}");
            }
        }
        assert!((ANKLE_HEIGHT - 0.08).abs() < 1e-6);
        assert!(wrist(true).x > Joint::LowerArmL.rest().x);
    }
}
