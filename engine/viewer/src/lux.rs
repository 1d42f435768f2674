//! The conservation lux report of the venue shown ([`museion_venue::lux_report`], with
//! the venue's environment as `museion lux` counts it), measured on a thread of its own
//! when the venue loads or reloads — it casts thousands of shadow rays and takes about a
//! second for the demo museum — and the figures the exhibit panel shows from it.

use super::ui_text::UiText;
use museion_renderer::EnvironmentSettings;
use museion_renderer::environment::EnvironmentLux;
use museion_scene::IrradianceProbes;
use museion_venue::{CompiledVenue, EnvironmentIlluminance, ExhibitLux, LuxReport, LuxSettings, thousands};
use std::thread::JoinHandle;
use std::time::Instant;

/// The report of the venue shown: being measured, or measured.
pub(super) enum LuxFigures {
    /// The venue has no exhibits: nothing to measure.
    None,
    /// The report is being measured on its own thread.
    Measuring(JoinHandle<LuxReport>),
    /// The report.
    Ready(LuxReport),
    /// Measuring it failed (the thread panicked).
    Failed,
}

/// What the panel knows of one exhibit's light.
pub(super) enum ExhibitFigures<'a> {
    /// Not measured yet.
    Measuring,
    /// Its figures.
    Ready(&'a ExhibitLux),
    /// Not available.
    Missing,
}

impl LuxFigures {
    /// Starts measuring `venue` (a copy of it, as it is posed now) on a thread of its own,
    /// with its baked indirect light when `indirect` has it.
    pub fn measure(venue: &CompiledVenue, indirect: Option<&IrradianceProbes>) -> Self {
        if venue.exhibits.is_empty() {
            return Self::None;
        }
        let venue = venue.clone();
        let indirect = indirect.cloned();
        let spawned = std::thread::Builder::new()
            .name("lux report".into())
            .spawn(move || {
                let started = Instant::now();
                let settings = LuxSettings {
                    indirect,
                    ..settings(&venue)
                };
                let report = museion_venue::lux_report(&venue, &settings);
                log::info!(
                    "viewer: lux figures of {} exhibits from {} lights measured in {:.2} s",
                    report.exhibits.len(),
                    report.lights.len(),
                    started.elapsed().as_secs_f64()
                );
                report
            });
        match spawned {
            Ok(handle) => Self::Measuring(handle),
            Err(error) => {
                log::warn!("viewer: cannot start measuring the lux figures: {error}");
                Self::Failed
            }
        }
    }

    /// Takes the report in when its thread has finished.
    pub fn poll(&mut self) {
        if !matches!(self, Self::Measuring(handle) if handle.is_finished()) {
            return;
        }
        let Self::Measuring(handle) = std::mem::replace(self, Self::Failed) else {
            return;
        };
        match handle.join() {
            Ok(report) => *self = Self::Ready(report),
            Err(_) => log::warn!("viewer: measuring the lux figures failed"),
        }
    }

    /// The figures of exhibit `index` (of the venue's exhibits).
    pub fn exhibit(&self, index: usize) -> ExhibitFigures<'_> {
        match self {
            Self::Measuring(_) => ExhibitFigures::Measuring,
            Self::Ready(report) => report
                .exhibits
                .get(index)
                .map_or(ExhibitFigures::Missing, ExhibitFigures::Ready),
            Self::None | Self::Failed => ExhibitFigures::Missing,
        }
    }
}

/// The report's settings for `venue`: the defaults of `museion lux` (10 hours a day,
/// 300 days a year, CIE 157's limits, undeclared works without a limit) and the venue's
/// environment — left out, with a warning, when its image cannot be read.
fn settings(venue: &CompiledVenue) -> LuxSettings {
    let environment = EnvironmentSettings::from(&venue.environment);
    let environment = match EnvironmentLux::of_source(&environment.source, environment.intensity) {
        Ok(lux) => lux.map(|lux| EnvironmentIlluminance::new(move |normal| lux.illuminance(normal))),
        Err(error) => {
            log::warn!("viewer: the lux figures leave the environment out: {error}");
            None
        }
    };
    LuxSettings {
        environment,
        ..LuxSettings::default()
    }
}

/// The lines of an exhibit's light in the panel, in the viewer's words: its lux
/// (minimum, mean, maximum), its annual exposure, its class with the class's limits, and
/// whether it is within them.
pub(super) fn lux_lines(figures: &ExhibitLux, words: &UiText) -> Vec<String> {
    let lux = |v: f32| format!("{v:.0}");
    let mut lines = vec![
        words.fill(
            "panel.lux_levels",
            &[
                ("min", &lux(figures.min_lux)),
                ("mean", &lux(figures.mean_lux)),
                ("max", &lux(figures.max_lux)),
            ],
        ),
        words.fill(
            "panel.lux_dose",
            &[("dose", &thousands(figures.annual_lux_hours))],
        ),
    ];
    let class = figures.sensitivity.as_str();
    let mut class_line = match figures.limit {
        Some(limit) => words.fill(
            "panel.lux_class",
            &[
                ("class", class),
                ("lux", &lux(limit.max_lux)),
                ("dose", &thousands(limit.annual_lux_hours)),
            ],
        ),
        None => words.fill("panel.lux_class_none", &[("class", class)]),
    };
    if !figures.sensitivity_declared {
        class_line = format!("{class_line} {}", words.get("panel.lux_undeclared"));
    }
    lines.push(class_line);
    lines.push(status(figures, words));
    lines
}

/// "within its limits", or what is over.
pub(super) fn status(figures: &ExhibitLux, words: &UiText) -> String {
    let Some(limit) = figures.limit.filter(|_| figures.is_over()) else {
        return words.get("panel.lux_ok").to_owned();
    };
    let mut over = Vec::new();
    if figures.over_lux {
        over.push(format!("max > {:.0} lx", limit.max_lux));
    }
    if figures.over_dose {
        over.push(format!("> {} lx·h", thousands(limit.annual_lux_hours)));
    }
    words.fill("panel.lux_over", &[("what", &over.join(", "))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_venue::{LightLimit, LightSensitivity, SensitivityLimits};

    fn figures(max_lux: f32, sensitivity: LightSensitivity, declared: bool) -> ExhibitLux {
        let limit = SensitivityLimits::CIE_157.limit(sensitivity);
        let mean_lux = max_lux * 0.6;
        let annual_lux_hours = mean_lux * 3000.0;
        ExhibitLux {
            exhibit: 0,
            id: "painting-01".into(),
            samples: Vec::new(),
            min_lux: max_lux * 0.3,
            mean_lux,
            max_lux,
            uniformity: Some(0.5),
            annual_lux_hours,
            sensitivity,
            sensitivity_declared: declared,
            limit,
            over_lux: limit.is_some_and(|l: LightLimit| max_lux > l.max_lux),
            over_dose: limit.is_some_and(|l| annual_lux_hours > l.annual_lux_hours),
            contributions: Vec::new(),
        }
    }

    #[test]
    fn the_panel_reads_levels_dose_class_and_status() {
        let words = UiText::english();
        let lines = lux_lines(&figures(140.0, LightSensitivity::Low, true), &words);
        assert_eq!(
            lines,
            vec![
                "42 / 84 / 140 lx (min / mean / max)",
                "252,000 lx·h a year",
                "class low: at most 200 lx and 600,000 lx·h a year",
                "within its limits",
            ]
        );
        let over = lux_lines(&figures(80.0, LightSensitivity::Medium, true), &words);
        assert_eq!(over[3], "OVER: max > 50 lx");
        let both = figures(80.0, LightSensitivity::High, true);
        assert_eq!(status(&both, &words), "OVER: max > 50 lx, > 15,000 lx·h");
        let undeclared = lux_lines(&figures(300.0, LightSensitivity::Insensitive, false), &words);
        assert_eq!(undeclared[2], "class none: no limit (not declared by the venue)");
        assert_eq!(undeclared[3], "within its limits");
        let zh = UiText::new("zh-CN").unwrap_or_else(|e| panic!("{e}"));
        assert!(lux_lines(&figures(140.0, LightSensitivity::Low, true), &zh)[0].contains("140"));
    }
}
