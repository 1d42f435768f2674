//! The conservation lux report: how much light falls on each exhibit of a venue, in
//! lux and in lux-hours a year, against the limits its light sensitivity allows
//! (CIE 157:2004). `museion lux` prints it; `docs/lux.md` documents what it computes.
//!
//! ```no_run
//! use museion_venue::{LuxSettings, lux_report};
//!
//! let venue = museion_venue::load("museum/venue.toml")?;
//! let report = lux_report(&venue, &LuxSettings::default());
//! for work in &report.exhibits {
//!     println!("{}: {:.0} lx mean, {:.0} lx·h a year", work.id, work.mean_lux, work.annual_lux_hours);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod probe;
mod samples;

pub use crate::sensitivity::{LightLimit, LightSensitivity, SensitivityLimits};
pub use probe::{EnvironmentIlluminance, LuxProbe, PlacedLight, PointLux, placed_lights};
pub use samples::{CANVAS_GRID, MODEL_GRID, SamplePoint, sample_points};

use crate::compiled::CompiledVenue;
use museion_scene::IrradianceProbes;

/// Hours a day the lights are on when nothing else is said: 10, so that with
/// [`DEFAULT_DAYS_PER_YEAR`] a year is the 3,000 hours on which CIE 157's annual
/// exposures for medium and low responsivity are based (a work lit at its lux limit
/// then takes exactly its annual limit).
pub const DEFAULT_HOURS_PER_DAY: f32 = 10.0;
/// Days a year the venue is open when nothing else is said: 300 (six days a week).
pub const DEFAULT_DAYS_PER_YEAR: f32 = 300.0;

/// What a lux report assumes.
#[derive(Clone, Debug)]
pub struct LuxSettings {
    /// Hours a day the lights are on.
    pub hours_per_day: f32,
    /// Days a year the venue is open.
    pub days_per_year: f32,
    /// The limit of each sensitivity class.
    pub limits: SensitivityLimits,
    /// The class of a work whose venue does not give one:
    /// [`LightSensitivity::Insensitive`] (no limit) unless changed.
    pub default_sensitivity: LightSensitivity,
    /// The environment's illuminance, or `None` to leave the environment out.
    pub environment: Option<EnvironmentIlluminance>,
    /// The venue's baked indirect light, or `None` to leave it out (see
    /// [`LuxProbe::with_indirect`]).
    pub indirect: Option<IrradianceProbes>,
}

impl Default for LuxSettings {
    fn default() -> Self {
        Self {
            hours_per_day: DEFAULT_HOURS_PER_DAY,
            days_per_year: DEFAULT_DAYS_PER_YEAR,
            limits: SensitivityLimits::CIE_157,
            default_sensitivity: LightSensitivity::Insensitive,
            environment: None,
            indirect: None,
        }
    }
}

impl LuxSettings {
    /// Hours a year the lights are on.
    pub fn hours_per_year(&self) -> f32 {
        self.hours_per_day * self.days_per_year
    }
}

/// Where light on an exhibit comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LuxSource {
    /// A punctual light: an index into [`LuxReport::lights`].
    Light(usize),
    /// The environment.
    Environment,
    /// The baked indirect light.
    Indirect,
}

/// One source's share of an exhibit's light.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contribution {
    /// Where it comes from.
    pub source: LuxSource,
    /// Its illuminance averaged over the exhibit's points, lux.
    pub mean_lux: f32,
}

/// The illuminance at one point of an exhibit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LuxSample {
    /// Where, and which way the surface faces.
    pub point: SamplePoint,
    /// Lux from every source together.
    pub lux: f32,
}

/// The light on one exhibit.
#[derive(Clone, Debug, PartialEq)]
pub struct ExhibitLux {
    /// The exhibit, an index into [`CompiledVenue::exhibits`].
    pub exhibit: usize,
    /// Its id.
    pub id: String,
    /// Illuminance at each point measured ([`sample_points`]).
    pub samples: Vec<LuxSample>,
    /// The lowest illuminance measured, lux (0 without points).
    pub min_lux: f32,
    /// The mean of the points, lux.
    pub mean_lux: f32,
    /// The highest, lux.
    pub max_lux: f32,
    /// `min_lux / mean_lux`, from 0 (a dark spot) to 1 (even light); `None` when no
    /// light falls on it.
    pub uniformity: Option<f32>,
    /// `mean_lux` over a year of [`LuxSettings::hours_per_year`], lux-hours.
    pub annual_lux_hours: f32,
    /// Its class: the venue's, else [`LuxSettings::default_sensitivity`].
    pub sensitivity: LightSensitivity,
    /// Whether the venue gives the class.
    pub sensitivity_declared: bool,
    /// The limit of its class, if it has one.
    pub limit: Option<LightLimit>,
    /// Whether `max_lux` is above the limit's lux.
    pub over_lux: bool,
    /// Whether `annual_lux_hours` is above the limit's exposure.
    pub over_dose: bool,
    /// Every source that reaches it, its mean share first; sources that give nothing
    /// are left out.
    pub contributions: Vec<Contribution>,
}

impl ExhibitLux {
    /// Whether the work takes more light than its class allows.
    pub fn is_over(&self) -> bool {
        self.over_lux || self.over_dose
    }
}

/// The light on every exhibit of a venue.
#[derive(Clone, Debug)]
pub struct LuxReport {
    /// Every light of the venue's scene.
    pub lights: Vec<PlacedLight>,
    /// One entry per exhibit, in the venue's order.
    pub exhibits: Vec<ExhibitLux>,
    /// Hours a year the lights are on.
    pub hours_per_year: f32,
    /// Whether the environment's light is counted.
    pub environment: bool,
    /// Whether baked indirect light is counted.
    pub indirect: bool,
}

impl LuxReport {
    /// The works that take more light than their class allows.
    pub fn over_limit(&self) -> impl Iterator<Item = &ExhibitLux> {
        self.exhibits.iter().filter(|e| e.is_over())
    }

    /// Whether every work is within its limits.
    pub fn within_limits(&self) -> bool {
        self.over_limit().next().is_none()
    }
}

/// Measures the light on every exhibit of `venue`, its scene as it is posed now: each
/// at the points [`sample_points`] gives, from every light (shadows included) and the
/// environment of `settings`, as [`LuxProbe`] measures. The venue's guide walks about
/// and stops no light.
pub fn lux_report(venue: &CompiledVenue, settings: &LuxSettings) -> LuxReport {
    let leave_out: Vec<_> = venue.guide.iter().map(|g| g.node).collect();
    let mut probe = LuxProbe::new(&venue.scene, &leave_out, settings.environment.clone());
    if let Some(probes) = &settings.indirect {
        probe = probe.with_indirect(probes.clone());
    }
    let hours_per_year = settings.hours_per_year();
    let exhibits = venue
        .exhibits
        .iter()
        .enumerate()
        .map(|(index, exhibit)| {
            let points = sample_points(&exhibit.surface);
            let measured: Vec<_> = points
                .iter()
                .map(|p| (p, probe.illuminance(p.position, p.normal)))
                .collect();
            let samples: Vec<LuxSample> = measured
                .iter()
                .map(|(p, lux)| LuxSample {
                    point: **p,
                    lux: lux.total(),
                })
                .collect();
            let n = samples.len().max(1) as f32;
            let mut contributions: Vec<Contribution> = (0..probe.lights().len())
                .map(|i| Contribution {
                    source: LuxSource::Light(i),
                    mean_lux: measured.iter().map(|(_, lux)| lux.lights[i]).sum::<f32>() / n,
                })
                .chain(std::iter::once(Contribution {
                    source: LuxSource::Environment,
                    mean_lux: measured.iter().map(|(_, lux)| lux.environment).sum::<f32>() / n,
                }))
                .chain(std::iter::once(Contribution {
                    source: LuxSource::Indirect,
                    mean_lux: measured.iter().map(|(_, lux)| lux.indirect).sum::<f32>() / n,
                }))
                .filter(|c| c.mean_lux > 0.0)
                .collect();
            contributions.sort_by(|a, b| b.mean_lux.total_cmp(&a.mean_lux));
            let (min_lux, mean_lux, max_lux) = statistics(&samples);
            let sensitivity = exhibit.light_sensitivity.unwrap_or(settings.default_sensitivity);
            let limit = settings.limits.limit(sensitivity);
            let annual_lux_hours = mean_lux * hours_per_year;
            ExhibitLux {
                exhibit: index,
                id: exhibit.id.clone(),
                samples,
                min_lux,
                mean_lux,
                max_lux,
                uniformity: (mean_lux > 0.0).then(|| min_lux / mean_lux),
                annual_lux_hours,
                sensitivity,
                sensitivity_declared: exhibit.light_sensitivity.is_some(),
                limit,
                over_lux: limit.is_some_and(|l| max_lux > l.max_lux),
                over_dose: limit.is_some_and(|l| annual_lux_hours > l.annual_lux_hours),
                contributions,
            }
        })
        .collect();
    LuxReport {
        lights: probe.lights().to_vec(),
        exhibits,
        hours_per_year,
        environment: settings.environment.is_some(),
        indirect: settings.indirect.is_some(),
    }
}

/// Minimum, mean and maximum lux of the samples (zeros without any).
fn statistics(samples: &[LuxSample]) -> (f32, f32, f32) {
    if samples.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let (min, max, sum) = samples
        .iter()
        .fold((f32::INFINITY, 0.0f32, 0.0f32), |(lo, hi, sum), s| {
            (lo.min(s.lux), hi.max(s.lux), sum + s.lux)
        });
    (min, sum / samples.len() as f32, max)
}

/// A whole number of lux-hours (or any count) with its thousands separated by commas,
/// as the report's readers write them: `150,000`. Shared by the command's table and
/// the viewer's panel.
pub fn thousands(value: f32) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(12.0), "12");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(999.6), "1,000");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(150_000.0), "150,000");
        assert_eq!(thousands(251_020.0), "251,020");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
    }
}
