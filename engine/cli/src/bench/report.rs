//! One benchmark result per scene and mode, as a JSON line, and comparison with a
//! baseline of earlier results.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// What one scene × mode run measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchResult {
    /// The scene: `cubes`, `halls`, `open-hall`, `grid`, `crowd` or `crowd-still`, with
    /// its size.
    pub scene: String,
    /// The culling mode.
    pub mode: String,
    /// Mesh instances in the scene.
    pub instances: u32,
    /// Frames measured (after the warm-up).
    pub frames: u32,
    /// Output width and height in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Wall-clock time per frame, from the start of encoding to the GPU's end: median.
    pub frame_ms_median: f64,
    /// Wall-clock time per frame: 95th percentile.
    pub frame_ms_p95: f64,
    /// CPU time to cull (in the CPU modes), encode and submit a frame: median.
    pub encode_ms_median: f64,
    /// GPU time from the first pass's start to the last pass's end (timestamps); `null`
    /// where the adapter has no timestamp queries.
    pub gpu_frame_ms_median: Option<f64>,
    /// GPU time of the cull passes; `null` without timestamps or in the CPU modes.
    pub cull_ms_median: Option<f64>,
    /// Wall-clock time of the cull passes submitted alone (both phases for
    /// `gpu-occlusion`), waited for: a measure that does not rely on timestamps; `null`
    /// in the CPU modes.
    pub cull_wall_ms_median: Option<f64>,
    /// GPU time of the Hi-Z pyramid build (`gpu-occlusion` only).
    pub hiz_ms_median: Option<f64>,
    /// GPU time of the forward draw passes.
    pub draw_ms_median: Option<f64>,
    /// CPU time to sample the animations and pose the scene (`crowd`): median.
    #[serde(default)]
    pub animate_ms_median: Option<f64>,
    /// GPU time of the deformation pass (skinned and morphed instances that moved).
    #[serde(default)]
    pub deform_ms_median: Option<f64>,
    /// Wall-clock time of the last frame's deformation submitted alone, waited for (10
    /// times after the frames): a measure that does not rely on timestamps; `null` when
    /// nothing moved.
    #[serde(default)]
    pub deform_wall_ms_median: Option<f64>,
    /// Draws executed with instances in the last frame (indirect commands in the GPU
    /// modes, instanced draws in the CPU modes), read back from the arguments.
    pub draws: u32,
    /// Draw calls recorded in the last frame (multi-draw calls in the GPU modes).
    pub draw_calls: u32,
    /// Triangles submitted in the last frame, read back from the arguments.
    pub triangles: u64,
    /// Instances drawn in the last frame.
    pub visible_instances: u32,
    /// Triangles per frame of the instances truly visible (those in the frame's
    /// instance-id buffer), at the level of detail drawn, averaged over the measured
    /// frames; `null` unless asked for (`--visible-set`).
    pub visible_set_triangles: Option<u64>,
    /// Triangles the culled draws submitted over the measured frames divided by those of
    /// the truly visible sets; `null` unless asked for.
    pub submitted_to_visible: Option<f64>,
    /// GPU bytes of per-instance data.
    pub instance_bytes: u64,
    /// Lights in the scene.
    #[serde(default)]
    pub lights: u32,
    /// Lights that reach the view in the last frame: point and spot lights that reach a
    /// cluster, plus the directional ones (all of them with `--light-loop all`).
    #[serde(default)]
    pub lights_visible: u32,
    /// Mean number of point and spot lights reaching a cluster of the view in the last
    /// frame (0 with `--light-loop all`).
    #[serde(default)]
    pub lights_per_cluster_mean: f64,
    /// The most point and spot lights reaching one cluster in the last frame.
    #[serde(default)]
    pub lights_per_cluster_max: u32,
    /// Light-cluster pairs left out of full cluster lists in the last frame (each full
    /// list keeps its brightest lights).
    #[serde(default)]
    pub lights_dropped: u32,
    /// The adapter that ran it.
    pub adapter: String,
}

impl BenchResult {
    /// Figures where more is worse, by name, for baseline comparison.
    fn figures(&self) -> Vec<(&'static str, Option<f64>)> {
        vec![
            ("frame_ms_median", Some(self.frame_ms_median)),
            ("frame_ms_p95", Some(self.frame_ms_p95)),
            ("encode_ms_median", Some(self.encode_ms_median)),
            ("gpu_frame_ms_median", self.gpu_frame_ms_median),
            ("cull_ms_median", self.cull_ms_median),
            ("animate_ms_median", self.animate_ms_median),
            ("draws", Some(f64::from(self.draws))),
            ("triangles", Some(self.triangles as f64)),
            ("instance_bytes", Some(self.instance_bytes as f64)),
        ]
    }
}

/// A figure worse than its baseline by more than the allowed share.
#[derive(Clone, Debug, PartialEq)]
pub struct Regression {
    /// `scene/mode`.
    pub run: String,
    /// The figure's name.
    pub figure: &'static str,
    /// Baseline value.
    pub baseline: f64,
    /// This run's value.
    pub current: f64,
}

impl std::fmt::Display for Regression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let change = if self.baseline > 0.0 {
            format!("{:+.1}%", (self.current / self.baseline - 1.0) * 100.0)
        } else {
            "from zero".into()
        };
        write!(
            f,
            "{}: {} {:.4} -> {:.4} ({change})",
            self.run, self.figure, self.baseline, self.current
        )
    }
}

/// Errors reading a baseline file.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("cannot read baseline {path}: {}", museion_files::io_words(source))]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a benchmark result.
    #[error("baseline {path} line {line}: {source}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// Why.
        source: serde_json::Error,
    },
}

/// Reads a baseline: JSON lines as `museion bench --json` writes them (blank lines and
/// lines that are not objects, such as log lines, are skipped).
pub fn read_baseline(path: &Path) -> Result<Vec<BenchResult>, BaselineError> {
    let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
        path: path.display().to_string(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.trim_start().starts_with('{'))
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|source| BaselineError::Parse {
                path: path.display().to_string(),
                line: n + 1,
                source,
            })
        })
        .collect()
}

/// How a baseline lines up with the runs asked for (each `scene/mode`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BaselineMatch {
    /// Runs that have a baseline row to compare with.
    pub matched: Vec<String>,
    /// Runs with no baseline row (not compared).
    pub runs_without_baseline: Vec<String>,
    /// Baseline rows no run will compare with.
    pub rows_without_run: Vec<String>,
}

/// Whether a result of scene `row_scene` (`cubes-2000`, with its size) is of the scene
/// kind `kind` (`cubes`).
fn of_kind(row_scene: &str, kind: &str) -> bool {
    row_scene == kind
        || row_scene
            .strip_prefix(kind)
            .is_some_and(|rest| rest.starts_with('-'))
}

/// Lines up `baseline` with the runs `runs` (`(scene kind, mode)` pairs) before
/// anything is measured: a gate that compares nothing must not pass silently. (Whether
/// the sizes match too is known once the scenes are built: see [`has_baseline`].)
pub fn match_baseline(baseline: &[BenchResult], runs: &[(String, String)]) -> BaselineMatch {
    let name = |scene: &str, mode: &str| format!("{scene}/{mode}");
    let has_row = |kind: &str, mode: &str| baseline.iter().any(|b| of_kind(&b.scene, kind) && b.mode == mode);
    let (matched, runs_without_baseline) = runs
        .iter()
        .map(|(scene, mode)| (name(scene, mode), has_row(scene, mode)))
        .partition::<Vec<_>, _>(|(_, found)| *found);
    let rows_without_run = baseline
        .iter()
        .filter(|b| {
            !runs
                .iter()
                .any(|(kind, mode)| of_kind(&b.scene, kind) && *mode == b.mode)
        })
        .map(|b| name(&b.scene, &b.mode))
        .collect();
    BaselineMatch {
        matched: matched.into_iter().map(|(n, _)| n).collect(),
        runs_without_baseline: runs_without_baseline.into_iter().map(|(n, _)| n).collect(),
        rows_without_run,
    }
}

/// Whether `baseline` has a row for the scene (size included) and mode of `current`.
pub fn has_baseline(current: &BenchResult, baseline: &[BenchResult]) -> bool {
    baseline_row(current, baseline).is_some()
}

/// The row of `baseline` for the scene (size included) and mode of `current`.
fn baseline_row<'a>(current: &BenchResult, baseline: &'a [BenchResult]) -> Option<&'a BenchResult> {
    baseline
        .iter()
        .find(|b| b.scene == current.scene && b.mode == current.mode)
}

/// Figures of `current` worse than the baseline run of the same scene and mode by more
/// than `max_regression_pct` percent. Runs without a baseline are not compared.
pub fn regressions(
    current: &BenchResult,
    baseline: &[BenchResult],
    max_regression_pct: f64,
) -> Vec<Regression> {
    let Some(base) = baseline_row(current, baseline) else {
        return Vec::new();
    };
    let limit = 1.0 + max_regression_pct / 100.0;
    current
        .figures()
        .into_iter()
        .zip(base.figures())
        .filter_map(|((figure, now), (_, then))| {
            let (now, then) = (now?, then?);
            let worse = if then > 0.0 { now > then * limit } else { now > 0.0 };
            worse.then(|| Regression {
                run: format!("{}/{}", current.scene, current.mode),
                figure,
                baseline: then,
                current: now,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_is_lined_up_with_the_runs_both_ways() {
        let baseline = [result("gpu-occlusion", 1.0, 10), result("none", 1.0, 10)];
        let runs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(s, m)| (s.to_string(), m.to_string()))
                .collect()
        };
        assert!(of_kind("halls", "halls") && of_kind("cubes-2000", "cubes") && !of_kind("cubes2", "cubes"));
        let lined = match_baseline(
            &baseline,
            &runs(&[("halls", "gpu-occlusion"), ("halls", "gpu-frustum")]),
        );
        assert_eq!(lined.matched, ["halls/gpu-occlusion"]);
        assert_eq!(lined.runs_without_baseline, ["halls/gpu-frustum"]);
        assert_eq!(lined.rows_without_run, ["halls/none"]);
        let none = match_baseline(&baseline, &runs(&[("cubes", "gpu-occlusion")]));
        assert!(none.matched.is_empty());
        assert_eq!(none.rows_without_run.len(), 2);
        assert!(
            match_baseline(&[], &runs(&[("halls", "none")]))
                .matched
                .is_empty()
        );
    }

    fn result(mode: &str, frame_ms: f64, triangles: u64) -> BenchResult {
        BenchResult {
            scene: "halls".into(),
            mode: mode.into(),
            instances: 100,
            frames: 10,
            width: 64,
            height: 64,
            frame_ms_median: frame_ms,
            frame_ms_p95: frame_ms,
            encode_ms_median: 0.5,
            gpu_frame_ms_median: None,
            cull_ms_median: None,
            cull_wall_ms_median: None,
            hiz_ms_median: None,
            draw_ms_median: None,
            animate_ms_median: None,
            deform_ms_median: None,
            deform_wall_ms_median: None,
            draws: 3,
            draw_calls: 3,
            triangles,
            visible_instances: 10,
            visible_set_triangles: None,
            submitted_to_visible: None,
            instance_bytes: 1000,
            lights: 1,
            lights_visible: 1,
            lights_per_cluster_mean: 0.0,
            lights_per_cluster_max: 0,
            lights_dropped: 0,
            adapter: "test".into(),
        }
    }

    #[test]
    fn only_figures_worse_by_more_than_the_limit_regress() {
        let baseline = vec![result("none", 10.0, 1000), result("gpu-occlusion", 2.0, 100)];
        assert!(regressions(&result("none", 10.9, 1000), &baseline, 10.0).is_empty());
        let slower = regressions(&result("none", 11.5, 1000), &baseline, 10.0);
        let names: Vec<_> = slower.iter().map(|r| r.figure).collect();
        assert_eq!(names, ["frame_ms_median", "frame_ms_p95"]);
        let more = regressions(&result("gpu-occlusion", 2.0, 120), &baseline, 10.0);
        assert_eq!(more.len(), 1);
        assert_eq!(more[0].figure, "triangles");
        assert!(more[0].to_string().contains("+20.0%"), "{}", more[0]);
        // Faster is never a regression; unknown runs are not compared.
        assert!(regressions(&result("none", 1.0, 10), &baseline, 0.0).is_empty());
        assert!(regressions(&result("cpu", 100.0, 10), &baseline, 0.0).is_empty());
    }

    #[test]
    fn results_round_trip_through_json_lines() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("baseline.jsonl");
        let lines = [result("none", 1.0, 2), result("cpu", 3.0, 4)]
            .iter()
            .map(|r| serde_json::to_string(r).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&path, format!("progress line\n{lines}\n\n")).unwrap_or_else(|e| panic!("{e}"));
        let read = read_baseline(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, vec![result("none", 1.0, 2), result("cpu", 3.0, 4)]);
        std::fs::write(&path, "{\"scene\": 1}\n").unwrap_or_else(|e| panic!("{e}"));
        let error = read_baseline(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("line 1"), "{error}");
    }
}
