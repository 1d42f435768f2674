//! What the shading pass shows: the shaded scene, or the illuminance on its surfaces in
//! false colour (a lighting designer's view, in the units of the conservation lux
//! report), and the colour scale that view uses.

use crate::error::{RenderError, Result};
use museion_gpu::shaders::constants::LUX_STOPS;

/// What the frame shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ShadingView {
    /// The shaded scene.
    #[default]
    Normal,
    /// Each surface point's illuminance in lux, as the false colour of `scale`: from
    /// every punctual light, its irradiance (weighted by its colour's Rec. 709 luminance)
    /// times the cosine at the surface's geometric normal, shadowed as the shading is,
    /// plus the environment's illuminance (unshadowed) — what `museion lux` measures.
    /// Blended and transmissive surfaces are left out (the surface behind shows). Tone
    /// mapping and exposure leave the colours alone: an sRGB output holds exactly the
    /// scale's colour ([`LuxScale::srgb`]).
    Illuminance(LuxScale),
}

impl ShadingView {
    /// The illuminance view on the conservation scale ([`LuxScale::conservation`]).
    pub fn illuminance() -> Self {
        Self::Illuminance(LuxScale::conservation())
    }

    /// Whether this is the illuminance view.
    pub fn is_illuminance(&self) -> bool {
        matches!(self, Self::Illuminance(_))
    }
}

/// One stop of a false-colour scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LuxStop {
    /// Illuminance, lux (above 0).
    pub lux: f32,
    /// The colour shown for it, sRGB components in 0..=1.
    pub srgb: [f32; 3],
}

/// A false-colour scale for illuminance: stops of ascending lux, each with a colour;
/// between two stops the colour is interpolated linearly (in sRGB) in log10 lux, and
/// beyond the ends it is the end's colour.
#[derive(Clone, Debug, PartialEq)]
pub struct LuxScale {
    stops: Vec<LuxStop>,
}

/// A decoded colour farther than this (Euclidean, in sRGB 0..=1) from every segment of
/// the scale is not on it.
const OFF_SCALE: f32 = 0.06;

impl LuxScale {
    /// The conservation scale, logarithmic from 1 to 1,000 lx, with stops at the CIE 157
    /// limits: 1 lx deep blue, 10 lx azure, **50 lx green** (the limit for highly and
    /// moderately sensitive works), **200 lx yellow** (the limit for slightly sensitive
    /// works: oil paintings), 1,000 lx red. Below 1 lx is deep blue, above 1,000 lx red.
    pub fn conservation() -> Self {
        Self {
            stops: vec![
                LuxStop {
                    lux: 1.0,
                    srgb: [0.08, 0.06, 0.40],
                },
                LuxStop {
                    lux: 10.0,
                    srgb: [0.0, 0.50, 1.0],
                },
                LuxStop {
                    lux: 50.0,
                    srgb: [0.0, 0.80, 0.30],
                },
                LuxStop {
                    lux: 200.0,
                    srgb: [1.0, 0.85, 0.0],
                },
                LuxStop {
                    lux: 1000.0,
                    srgb: [0.90, 0.05, 0.05],
                },
            ],
        }
    }

    /// A scale of `stops`: 2 to [`LUX_STOPS`] of them, lux finite, above 0 and
    /// ascending, colours in 0..=1.
    pub fn new(stops: Vec<LuxStop>) -> Result<Self> {
        let count_ok = (2..=LUX_STOPS as usize).contains(&stops.len());
        let lux_ok = stops.iter().all(|s| s.lux.is_finite() && s.lux > 0.0)
            && stops.windows(2).all(|w| w[0].lux < w[1].lux);
        let colours_ok = stops
            .iter()
            .all(|s| s.srgb.iter().all(|c| (0.0..=1.0).contains(c)));
        if !(count_ok && lux_ok && colours_ok) {
            return Err(RenderError::InvalidSetting(format!(
                "lux scale {stops:?}: 2 to {LUX_STOPS} stops of ascending lux above 0, \
                 colours in 0..=1"
            )));
        }
        Ok(Self { stops })
    }

    /// The stops, ascending.
    pub fn stops(&self) -> &[LuxStop] {
        &self.stops
    }

    /// The colour of `lux`, sRGB components in 0..=1.
    pub fn srgb(&self, lux: f32) -> [f32; 3] {
        let x = lux.max(1e-6).log10();
        let mut colour = self.stops[0].srgb;
        for pair in self.stops.windows(2) {
            let (below, above) = (pair[0], pair[1]);
            let (a, b) = (below.lux.log10(), above.lux.log10());
            if x > a {
                let t = ((x - a) / (b - a)).clamp(0.0, 1.0);
                colour = std::array::from_fn(|k| below.srgb[k] + (above.srgb[k] - below.srgb[k]) * t);
            }
        }
        colour
    }

    /// Where `lux` lies on the scale, 0 at the first stop and 1 at the last (log10),
    /// clamped: for drawing a legend.
    pub fn position(&self, lux: f32) -> f32 {
        let (first, last) = (
            self.stops[0].lux.log10(),
            self.stops[self.stops.len() - 1].lux.log10(),
        );
        ((lux.max(1e-6).log10() - first) / (last - first)).clamp(0.0, 1.0)
    }

    /// The illuminance an sRGB colour (components in 0..=1) stands for: the point of the
    /// scale nearest to it, clamped to the end stops' lux beyond the ends; `None` when
    /// the colour is not on the scale.
    pub fn lux_of(&self, srgb: [f32; 3]) -> Option<f32> {
        let mut best: Option<(f32, f32)> = None;
        for pair in self.stops.windows(2) {
            let (below, above) = (pair[0], pair[1]);
            let d: [f32; 3] = std::array::from_fn(|k| above.srgb[k] - below.srgb[k]);
            let p: [f32; 3] = std::array::from_fn(|k| srgb[k] - below.srgb[k]);
            let length_sq: f32 = d.iter().map(|v| v * v).sum();
            let t = (p.iter().zip(&d).map(|(a, b)| a * b).sum::<f32>() / length_sq).clamp(0.0, 1.0);
            let distance_sq: f32 = (0..3).map(|k| (p[k] - d[k] * t).powi(2)).sum();
            let (a, b) = (below.lux.log10(), above.lux.log10());
            let lux = 10f32.powf(a + (b - a) * t);
            if best.is_none_or(|(nearest, _)| distance_sq < nearest) {
                best = Some((distance_sq, lux));
            }
        }
        best.filter(|(distance_sq, _)| distance_sq.sqrt() <= OFF_SCALE)
            .map(|(_, lux)| lux)
    }

    /// The stops as the lighting uniform holds them (sRGB colour, log10 lux), and how
    /// many are in use.
    pub(crate) fn gpu_stops(&self) -> ([[f32; 4]; LUX_STOPS as usize], u32) {
        let mut stops = [[0.0; 4]; LUX_STOPS as usize];
        for (slot, stop) in stops.iter_mut().zip(&self.stops) {
            *slot = [stop.srgb[0], stop.srgb[1], stop.srgb[2], stop.lux.log10()];
        }
        (stops, self.stops.len() as u32)
    }
}

impl Default for LuxScale {
    fn default() -> Self {
        Self::conservation()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32, relative: f32) -> bool {
        (a - b).abs() <= relative * b.abs()
    }

    #[test]
    fn the_conservation_scale_puts_its_stops_at_the_cie_limits() {
        let scale = LuxScale::conservation();
        assert_eq!(scale.srgb(50.0), [0.0, 0.80, 0.30]);
        assert_eq!(scale.srgb(200.0), [1.0, 0.85, 0.0]);
        // Beyond the ends, the ends' colours; 0 lx is the darkest.
        assert_eq!(scale.srgb(0.0), scale.srgb(1.0));
        assert_eq!(scale.srgb(1e5), scale.srgb(1000.0));
        // Halfway in log10 between 50 and 200 lx (100 lx) is halfway between the colours.
        let mid = scale.srgb(100.0);
        for (k, m) in mid.iter().enumerate() {
            let halfway = (scale.srgb(50.0)[k] + scale.srgb(200.0)[k]) / 2.0;
            assert!((m - halfway).abs() < 1e-5, "{mid:?}");
        }
        assert_eq!(scale.position(1.0), 0.0);
        assert!(close(scale.position(10.0), 1.0 / 3.0, 1e-5));
        assert_eq!(scale.position(5000.0), 1.0);
    }

    #[test]
    fn colours_decode_back_to_their_lux_even_in_eight_bits() {
        let scale = LuxScale::conservation();
        for lux in [
            1.5f32, 3.0, 9.0, 20.0, 35.0, 50.0, 75.0, 140.0, 200.0, 420.0, 900.0,
        ] {
            let exact = scale.srgb(lux);
            let decoded = scale
                .lux_of(exact)
                .unwrap_or_else(|| panic!("{lux} lx off the scale"));
            assert!(close(decoded, lux, 1e-3), "{lux} lx decoded as {decoded}");
            // What an 8-bit target stores: within 3%.
            let stored = exact.map(|c| (c * 255.0).round() / 255.0);
            let decoded = scale
                .lux_of(stored)
                .unwrap_or_else(|| panic!("{lux} lx off the scale"));
            assert!(
                close(decoded, lux, 0.03),
                "{lux} lx stored as {stored:?}, decoded as {decoded}"
            );
        }
        // Grey is on no part of the scale.
        assert_eq!(scale.lux_of([0.5, 0.5, 0.5]), None);
        // The ends clamp.
        assert_eq!(scale.lux_of(scale.srgb(0.01)), Some(1.0));
    }

    #[test]
    fn a_scale_needs_ascending_stops_within_the_uniform() {
        let stop = |lux, grey| LuxStop { lux, srgb: [grey; 3] };
        assert!(LuxScale::new(vec![stop(1.0, 0.0), stop(10.0, 1.0)]).is_ok());
        assert!(LuxScale::new(vec![stop(1.0, 0.0)]).is_err());
        assert!(LuxScale::new(vec![stop(10.0, 0.0), stop(1.0, 1.0)]).is_err());
        assert!(LuxScale::new(vec![stop(0.0, 0.0), stop(1.0, 1.0)]).is_err());
        assert!(LuxScale::new(vec![stop(1.0, 0.0), stop(2.0, 1.5)]).is_err());
        let many = (1..=LUX_STOPS + 1).map(|i| stop(i as f32, 0.5)).collect();
        assert!(LuxScale::new(many).is_err());
        let (gpu, count) = LuxScale::conservation().gpu_stops();
        assert_eq!(count, 5);
        assert_eq!(gpu[2], [0.0, 0.80, 0.30, 50f32.log10()]);
    }
}
