//! A summary of a compiled venue: what `museion inspect venue.toml` prints.

use museion::venue::{CompiledVenue, ExhibitKind};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// The numbers `museion inspect` reports for a venue.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VenueSummary {
    /// The venue file.
    pub file: String,
    /// The venue's name.
    pub name: Option<String>,
    /// Room ids, in file order.
    pub rooms: Vec<String>,
    /// Framed pictures.
    pub artworks: usize,
    /// Placed models.
    pub models: usize,
    /// Lights, ceiling lights and exhibit spots included.
    pub lights: usize,
    /// Spawn ids.
    pub spawns: Vec<String>,
    /// Tours as `id (N stops)`.
    pub tours: Vec<String>,
    /// The reading order of labels and captions (`""`: an unnamed main language).
    pub languages: Vec<String>,
    /// Triangles drawn, each mesh counted once per node that places it.
    pub triangles: u64,
    /// Files the venue reads, the venue file included.
    pub files: usize,
    /// What the compiler skipped or adjusted.
    pub warnings: Vec<String>,
}

impl VenueSummary {
    /// The summary of `venue`, compiled from `file`.
    pub fn new(file: &Path, venue: &CompiledVenue) -> Self {
        let count = |kind: fn(&ExhibitKind) -> bool| venue.exhibits.iter().filter(|e| kind(&e.kind)).count();
        Self {
            file: file.display().to_string(),
            name: venue.name.clone(),
            rooms: venue.rooms.iter().map(|r| r.id.clone()).collect(),
            artworks: count(|k| matches!(k, ExhibitKind::Artwork)),
            models: count(|k| matches!(k, ExhibitKind::Model)),
            lights: venue.scene.lights.len(),
            spawns: venue.spawns.iter().map(|s| s.id.clone()).collect(),
            tours: venue
                .tours
                .iter()
                .map(|t| format!("{} ({} stops)", t.id, t.stops.len()))
                .collect(),
            languages: venue.languages.clone(),
            triangles: venue.scene.stats().triangles,
            files: venue.dependencies.len(),
            warnings: venue.report.warnings.clone(),
        }
    }

    /// The summary as one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The summary as lines of text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let list = |items: &[String]| {
            if items.is_empty() {
                "none".to_string()
            } else {
                items.join(", ")
            }
        };
        let _ = writeln!(
            out,
            "{} (venue{})",
            self.file,
            self.name.as_ref().map_or(String::new(), |n| format!(": {n}"))
        );
        let _ = writeln!(out, "  rooms: {} ({})", self.rooms.len(), list(&self.rooms));
        let _ = writeln!(
            out,
            "  exhibits: {} artworks, {} models",
            self.artworks, self.models
        );
        let _ = writeln!(out, "  lights: {}", self.lights);
        let _ = writeln!(out, "  spawns: {}", list(&self.spawns));
        let _ = writeln!(out, "  tours: {}", list(&self.tours));
        let languages: Vec<String> = self
            .languages
            .iter()
            .map(|l| {
                if l.is_empty() {
                    "(main text)".to_string()
                } else {
                    l.clone()
                }
            })
            .collect();
        let _ = writeln!(out, "  languages: {}", languages.join(", "));
        let _ = writeln!(out, "  triangles: {}", self.triangles);
        let _ = writeln!(out, "  files read: {}", self.files);
        for warning in &self.warnings {
            let _ = writeln!(out, "  warning: {warning}");
        }
        out
    }
}
