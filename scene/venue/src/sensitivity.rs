//! How much light a work may take: the responsivity classes of CIE 157:2004 and their
//! limits.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// How sensitive a work is to light: the responsivity classes of CIE 157:2004 ("Control
/// of damage to museum objects by optical radiation"), written in a venue as
/// `light_sensitivity = "high" | "medium" | "low" | "none"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LightSensitivity {
    /// Highly responsive: silk, most works on paper with fugitive colourants, textiles
    /// dyed with natural dyes, felt-tip drawings.
    High,
    /// Moderately responsive: watercolours, prints and drawings, most textiles,
    /// costumes, furniture finishes.
    Medium,
    /// Slightly responsive: oil and tempera paintings, lacquer, horn and bone, wood.
    Low,
    /// Irresponsive: metal, stone, ceramics, most glass; no limit.
    #[serde(rename = "none")]
    Insensitive,
}

impl LightSensitivity {
    /// Every class, most sensitive first.
    pub const ALL: [LightSensitivity; 4] = [Self::High, Self::Medium, Self::Low, Self::Insensitive];

    /// The word a venue file uses: `"high"`, `"medium"`, `"low"` or `"none"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Insensitive => "none",
        }
    }

    /// The class a venue file's word names, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// The words a venue file may use, in [`LightSensitivity::ALL`]'s order.
const NAMES: [&str; 4] = ["high", "medium", "low", "none"];

/// From one of the words `high`, `medium`, `low`, `none`: an unknown word is serde's
/// unknown variant (the venue's errors then suggest the closest), anything but a string
/// an invalid type.
impl<'de> Deserialize<'de> for LightSensitivity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Words;
        impl Visitor<'_> for Words {
            type Value = LightSensitivity;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string: `high`, `medium`, `low` or `none`")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                LightSensitivity::from_name(value).ok_or_else(|| E::unknown_variant(value, &NAMES))
            }
        }
        deserializer.deserialize_str(Words)
    }
}

impl fmt::Display for LightSensitivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most light a work of one class may take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LightLimit {
    /// The highest illuminance anywhere on the work, lux.
    pub max_lux: f32,
    /// The most exposure in a year, lux-hours.
    pub annual_lux_hours: f32,
}

/// The limit of each class; [`LightSensitivity::Insensitive`] has none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SensitivityLimits {
    /// Limit of [`LightSensitivity::High`].
    pub high: LightLimit,
    /// Limit of [`LightSensitivity::Medium`].
    pub medium: LightLimit,
    /// Limit of [`LightSensitivity::Low`].
    pub low: LightLimit,
}

impl SensitivityLimits {
    /// The limits CIE 157:2004 recommends (its table of illuminance and annual exposure
    /// by responsivity): high 50 lx and 15,000 lx·h a year, medium 50 lx and 150,000
    /// lx·h, low 200 lx and 600,000 lx·h. (The medium and low exposures are the lux
    /// limits over 3,000 hours a year; the high one allows a tenth of that.)
    pub const CIE_157: SensitivityLimits = SensitivityLimits {
        high: LightLimit {
            max_lux: 50.0,
            annual_lux_hours: 15_000.0,
        },
        medium: LightLimit {
            max_lux: 50.0,
            annual_lux_hours: 150_000.0,
        },
        low: LightLimit {
            max_lux: 200.0,
            annual_lux_hours: 600_000.0,
        },
    };

    /// The limit of `class`; `None` for works with no limit.
    pub fn limit(&self, class: LightSensitivity) -> Option<LightLimit> {
        match class {
            LightSensitivity::High => Some(self.high),
            LightSensitivity::Medium => Some(self.medium),
            LightSensitivity::Low => Some(self.low),
            LightSensitivity::Insensitive => None,
        }
    }
}

impl Default for SensitivityLimits {
    fn default() -> Self {
        Self::CIE_157
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_limits_follow_cie_157() {
        for class in LightSensitivity::ALL {
            assert_eq!(LightSensitivity::from_name(class.as_str()), Some(class));
        }
        assert_eq!(LightSensitivity::from_name("extreme"), None);
        assert_eq!(NAMES, LightSensitivity::ALL.map(LightSensitivity::as_str));
        let limits = SensitivityLimits::default();
        assert_eq!(
            limits.limit(LightSensitivity::High).map(|l| l.max_lux),
            Some(50.0)
        );
        assert_eq!(
            limits.limit(LightSensitivity::Medium).map(|l| l.annual_lux_hours),
            Some(150_000.0)
        );
        assert_eq!(
            limits.limit(LightSensitivity::Low).map(|l| l.max_lux),
            Some(200.0)
        );
        assert_eq!(limits.limit(LightSensitivity::Insensitive), None);
    }
}
