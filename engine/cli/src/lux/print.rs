//! The lux report as `museion lux` prints it: a table of one line per exhibit, or one
//! JSON document (its keys documented in `docs/lux.md`).

use museion::scene::{EnvironmentChoice, EnvironmentSource, LightKind};
use museion::venue::{
    CANVAS_GRID, CompiledVenue, ExhibitKind, ExhibitLux, LightLimit, LightSensitivity, LuxReport,
    LuxSettings, LuxSource, MODEL_GRID, thousands,
};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;

/// Characters of a title shown in the table before it is cut short.
const TITLE_WIDTH: usize = 30;

/// What the report was made of, for its heading and its JSON document.
pub struct LuxPrint<'a> {
    /// The venue file.
    pub file: &'a Path,
    /// The venue as compiled.
    pub venue: &'a CompiledVenue,
    /// The settings the report was made with.
    pub settings: &'a LuxSettings,
    /// The report.
    pub report: &'a LuxReport,
}

impl LuxPrint<'_> {
    /// The report as a table: a heading, one line per exhibit, a closing summary.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}{}: light on {} exhibits from {} lights{}, {} h a day × {} days = {} h a year",
            self.file.display(),
            self.venue
                .name
                .as_ref()
                .map_or(String::new(), |n| format!(" ({n})")),
            self.report.exhibits.len(),
            self.report.lights.len(),
            match (self.report.environment, self.report.indirect) {
                (true, true) => ", the environment and the baked indirect light",
                (true, false) => " and the environment",
                (false, true) => " and the baked indirect light",
                (false, false) => "",
            },
            number(self.settings.hours_per_day),
            number(self.settings.days_per_year),
            thousands(self.report.hours_per_year),
        );
        let _ = writeln!(
            out,
            "{:<16} {:<w$} {:<7} {:>8} {:>8} {:>8} {:>8} {:>11}{}  status",
            "exhibit",
            "title",
            "class",
            "min lx",
            "mean lx",
            "max lx",
            "min/mean",
            "lx·h/year",
            if self.report.indirect {
                format!(" {:>11}", "indirect lx")
            } else {
                String::new()
            },
            w = TITLE_WIDTH
        );
        for work in &self.report.exhibits {
            let title = self.venue.exhibits[work.exhibit]
                .metadata
                .title
                .as_deref()
                .unwrap_or("");
            let class = format!(
                "{}{}",
                work.sensitivity,
                if work.sensitivity_declared { "" } else { "*" }
            );
            let uniformity = work.uniformity.map_or("—".to_owned(), |u| format!("{u:.2}"));
            let _ = writeln!(
                out,
                "{:<16} {:<w$} {:<7} {:>8.1} {:>8.1} {:>8.1} {:>8} {:>11}{}  {}",
                work.id,
                cut(title, TITLE_WIDTH),
                class,
                work.min_lux,
                work.mean_lux,
                work.max_lux,
                uniformity,
                thousands(work.annual_lux_hours),
                indirect_column(self.report, work),
                status(work),
                w = TITLE_WIDTH
            );
        }
        if self.report.exhibits.iter().any(|w| !w.sensitivity_declared) {
            let _ = writeln!(
                out,
                "* not given in the venue (light_sensitivity): taken as {}",
                self.settings.default_sensitivity
            );
        }
        let over: Vec<&str> = self.report.over_limit().map(|w| w.id.as_str()).collect();
        let _ = writeln!(
            out,
            "{} exhibits: {} within their limits, {} over{}",
            self.report.exhibits.len(),
            self.report.exhibits.len() - over.len(),
            over.len(),
            if over.is_empty() {
                String::new()
            } else {
                format!(" ({})", over.join(", "))
            }
        );
        out
    }

    /// The report as one JSON document.
    pub fn to_json(&self) -> Value {
        let limits: serde_json::Map<String, Value> = LightSensitivity::ALL
            .into_iter()
            .map(|class| {
                let limit = self.settings.limits.limit(class).map_or(Value::Null, limit_json);
                (class.as_str().to_owned(), limit)
            })
            .collect();
        let exhibits: Vec<Value> = self
            .report
            .exhibits
            .iter()
            .map(|w| self.exhibit_json(w))
            .collect();
        let over: Vec<&str> = self.report.over_limit().map(|w| w.id.as_str()).collect();
        json!({
            "file": self.file.display().to_string(),
            "name": self.venue.name,
            "hours_per_day": self.settings.hours_per_day,
            "days_per_year": self.settings.days_per_year,
            "hours_per_year": self.report.hours_per_year,
            "environment": environment_json(&self.venue.environment, self.report.environment),
            "indirect": self.report.indirect,
            "default_sensitivity": self.settings.default_sensitivity.as_str(),
            "limits": limits,
            "grid": { "canvas": CANVAS_GRID, "model": MODEL_GRID },
            "lights": self.report.lights.len(),
            "exhibits": exhibits,
            "within_limits": over.is_empty(),
            "over": over,
        })
    }

    fn exhibit_json(&self, work: &ExhibitLux) -> Value {
        let exhibit = &self.venue.exhibits[work.exhibit];
        let contributions: Vec<Value> = work
            .contributions
            .iter()
            .map(|c| {
                let share = if work.mean_lux > 0.0 {
                    c.mean_lux / work.mean_lux
                } else {
                    0.0
                };
                let mut entry = match c.source {
                    LuxSource::Light(i) => {
                        let light = &self.report.lights[i];
                        json!({ "source": "light", "light": light.name, "kind": kind_name(light.light.kind) })
                    }
                    LuxSource::Environment => json!({ "source": "environment" }),
                    LuxSource::Indirect => json!({ "source": "indirect" }),
                };
                entry["mean_lux"] = rounded(c.mean_lux, 3);
                entry["share"] = rounded(share, 4);
                entry
            })
            .collect();
        let mut over = Vec::new();
        if work.over_lux {
            over.push("max_lux");
        }
        if work.over_dose {
            over.push("annual_lux_hours");
        }
        let samples: Vec<Value> = work
            .samples
            .iter()
            .map(|s| {
                json!({
                    "position": s.point.position.to_array().map(|v| rounded(v, 4)),
                    "normal": s.point.normal.to_array().map(|v| rounded(v, 4)),
                    "lux": rounded(s.lux, 3),
                })
            })
            .collect();
        json!({
            "id": work.id,
            "kind": match exhibit.kind {
                ExhibitKind::Artwork => "artwork",
                ExhibitKind::Model => "model",
            },
            "title": exhibit.metadata.title,
            "room": exhibit.room,
            "sensitivity": work.sensitivity.as_str(),
            "sensitivity_declared": work.sensitivity_declared,
            "limit": work.limit.map_or(Value::Null, limit_json),
            "points": work.samples.len(),
            "min_lux": rounded(work.min_lux, 3),
            "mean_lux": rounded(work.mean_lux, 3),
            "max_lux": rounded(work.max_lux, 3),
            "uniformity": work.uniformity.map_or(Value::Null, |u| rounded(u, 4)),
            "annual_lux_hours": rounded(work.annual_lux_hours, 0),
            "status": if work.is_over() { "over" } else { "ok" },
            "over": over,
            "contributions": contributions,
            "samples": samples,
        })
    }
}

/// `OK`, or `OVER` and what is over.
/// The baked indirect light's mean on `work`, as the table's column (nothing when the
/// report leaves it out).
fn indirect_column(report: &LuxReport, work: &ExhibitLux) -> String {
    if !report.indirect {
        return String::new();
    }
    let lux = work
        .contributions
        .iter()
        .find(|c| c.source == LuxSource::Indirect)
        .map_or(0.0, |c| c.mean_lux);
    format!(" {lux:>11.1}")
}

fn status(work: &ExhibitLux) -> String {
    let Some(limit) = work.limit.filter(|_| work.is_over()) else {
        return "OK".into();
    };
    let mut reasons = Vec::new();
    if work.over_lux {
        reasons.push(format!("max > {} lx", number(limit.max_lux)));
    }
    if work.over_dose {
        reasons.push(format!("> {} lx·h", thousands(limit.annual_lux_hours)));
    }
    format!("OVER ({})", reasons.join(", "))
}

fn limit_json(limit: LightLimit) -> Value {
    json!({ "max_lux": limit.max_lux, "annual_lux_hours": limit.annual_lux_hours })
}

fn environment_json(choice: &EnvironmentChoice, included: bool) -> Value {
    let source = match &choice.source {
        EnvironmentSource::None => "none".to_owned(),
        EnvironmentSource::Studio => "studio".to_owned(),
        EnvironmentSource::Sky => "sky".to_owned(),
        EnvironmentSource::File(path) => path.display().to_string(),
    };
    json!({ "source": source, "intensity": choice.intensity, "included": included })
}

fn kind_name(kind: LightKind) -> &'static str {
    match kind {
        LightKind::Directional => "directional",
        LightKind::Point => "point",
        LightKind::Spot { .. } => "spot",
    }
}

/// `value` rounded to `digits` decimals, as a JSON number.
fn rounded(value: f32, digits: i32) -> Value {
    let scale = 10f64.powi(digits);
    json!((f64::from(value) * scale).round() / scale)
}

/// A number without trailing zeros: `10`, `7.5`.
fn number(value: f32) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `text` in at most `width` characters, an ellipsis ending one cut short.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(width - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(10.0), "10");
        assert_eq!(number(7.5), "7.5");
        assert_eq!(cut("The Harbour at Dawn", 30), "The Harbour at Dawn");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(rounded(1.23456, 2), json!(1.23));
    }
}
