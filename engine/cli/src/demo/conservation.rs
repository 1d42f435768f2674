//! The demo's works under conservation limits: each work's light sensitivity from the
//! medium its label gives, and the illuminance its spot is aimed at, so that the
//! brightest point of every canvas stays within the lux limit of its class (CIE 157, as
//! `museion lux` checks).

use museion::scene::glam::Vec3;
use museion::venue::{CANVAS_GRID, LightSensitivity, SensitivityLimits};

/// Share of its class's lux limit a painting's own spot may give at the brightest point
/// of the canvas; the rest is left for the room's ceiling lights and the environment.
const SPOT_SHARE_OF_LIMIT: f32 = 0.7;
/// How far the canvas stands in front of the wall's face (the venue format's frame).
const CANVAS_OFFSET: f32 = 0.01;
/// The venue compiler hangs an artwork's spot this far under the ceiling…
const SPOT_BELOW_CEILING: f32 = 0.1;
/// …this many degrees from the vertical in front of the artwork's centre.
const SPOT_ANGLE_DEGREES: f32 = 30.0;

/// The light sensitivity of a work made in `medium` (a label's medium line), as CIE 157
/// classes materials: works on paper and card (drawings, prints, watercolour, gouache)
/// are of medium responsivity; oil, acrylic and tempera on canvas of low responsivity;
/// metal, stone and fired clay are irresponsive.
pub(super) fn sensitivity(medium: &str) -> LightSensitivity {
    let medium = medium.to_ascii_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| medium.contains(w));
    if any(&["paper", "card", "watercolour", "gouache", "ink"]) {
        LightSensitivity::Medium
    } else if any(&["canvas", "oil", "acrylic", "tempera"]) {
        LightSensitivity::Low
    } else {
        LightSensitivity::Insensitive
    }
}

/// The illuminance to aim at the centre of a painting of class `class`, `width` ×
/// `height` metres, its centre `centre_height` above a floor `room_height` under the
/// ceiling: what makes the spot give the brightest point of the canvas
/// [`SPOT_SHARE_OF_LIMIT`] of the class's lux limit (140 lx for low responsivity, 35 lx
/// for medium). `None` (the venue's default) for works with no limit.
pub(super) fn painting_spot_lux(
    class: LightSensitivity,
    width: f32,
    height: f32,
    centre_height: f32,
    room_height: f32,
) -> Option<f32> {
    let limit = SensitivityLimits::CIE_157.limit(class)?;
    let ratio = brightest_to_centre(width, height, room_height - centre_height);
    let lux = SPOT_SHARE_OF_LIMIT * limit.max_lux / ratio;
    // Down to the tenth of a lux, so the written value never exceeds the one computed.
    Some((lux * 10.0).floor() / 10.0)
}

/// How much brighter than at its centre a spot hung as the venue compiler hangs it
/// makes the brightest point of the canvas's 5 × 5 grid (`museion lux`'s points): the
/// top of a tall canvas is much nearer the lamp. `above` is from the canvas's centre to
/// the ceiling, metres.
fn brightest_to_centre(width: f32, height: f32, above: f32) -> f32 {
    let vertical = (above - SPOT_BELOW_CEILING).max(0.3);
    let out = vertical * SPOT_ANGLE_DEGREES.to_radians().tan() - CANVAS_OFFSET;
    let lamp = Vec3::new(0.0, vertical, out);
    // E = I cos θ / d² on the canvas (normal +z); I cancels in the ratio.
    let lit = |p: Vec3| {
        let to_lamp = lamp - p;
        to_lamp.z / to_lamp.length() / to_lamp.length_squared()
    };
    let cells = (0..CANVAS_GRID).map(|i| (i as f32 + 0.5) / CANVAS_GRID as f32 - 0.5);
    let brightest = cells
        .clone()
        .flat_map(|u| cells.clone().map(move |v| Vec3::new(u * width, v * height, 0.0)))
        .map(lit)
        .fold(0.0f32, f32::max);
    brightest / lit(Vec3::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_give_their_cie_classes() {
        assert_eq!(sensitivity("Oil on canvas"), LightSensitivity::Low);
        assert_eq!(sensitivity("Tempera on canvas"), LightSensitivity::Low);
        assert_eq!(
            sensitivity("Gouache and cut paper on card"),
            LightSensitivity::Medium
        );
        assert_eq!(
            sensitivity("Pen plotter drawing, ink on paper"),
            LightSensitivity::Medium
        );
        assert_eq!(sensitivity("Screenprint on paper"), LightSensitivity::Medium);
        assert_eq!(
            sensitivity("Bronze, lost-wax cast, patinated and waxed"),
            LightSensitivity::Insensitive
        );
        assert_eq!(sensitivity("White marble, honed"), LightSensitivity::Insensitive);
    }

    #[test]
    fn tall_canvases_get_less_light_at_their_centre() {
        // A small canvas at eye level: its top is a little nearer the lamp than its
        // centre, so a little less than 140 lx aimed at the centre.
        let small = painting_spot_lux(LightSensitivity::Low, 0.6, 0.4, 1.55, 5.0).unwrap();
        let ratio = brightest_to_centre(0.6, 0.4, 5.0 - 1.55);
        assert!(ratio > 1.0 && ratio < 1.2, "{ratio}");
        assert!((small - 140.0 / ratio).abs() < 0.11, "{small}");
        let tall = painting_spot_lux(LightSensitivity::Low, 1.6, 2.4, 1.9, 5.0).unwrap();
        assert!(tall < 100.0, "{tall}");
        // The brightest point of the tall one then gets 70 % of the 200 lx limit.
        let ratio = brightest_to_centre(1.6, 2.4, 5.0 - 1.9);
        assert!(ratio > 1.5);
        assert!((tall * ratio - 140.0).abs() < 0.2, "{}", tall * ratio);
        // A work on paper under a low ceiling: 70 % of 50 lx at its brightest.
        let paper = painting_spot_lux(LightSensitivity::Medium, 0.4, 0.3, 1.55, 3.2).unwrap();
        let ratio = brightest_to_centre(0.4, 0.3, 3.2 - 1.55);
        assert!(
            paper < 35.0 && (paper * ratio - 35.0).abs() < 0.1,
            "{paper} × {ratio}"
        );
        assert_eq!(
            painting_spot_lux(LightSensitivity::Insensitive, 1.0, 1.0, 1.5, 3.0),
            None
        );
    }
}
