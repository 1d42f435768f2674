//! A summary of an imported glTF file: what `museion inspect` prints.

use crate::inspect_animation::{AnimationSummary, SkinSummary, tidy};
use museion::gltf::Imported;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// World-space bounds as `{"min": [x, y, z], "max": [x, y, z]}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoundsSummary {
    /// Smallest corner.
    pub min: [f64; 3],
    /// Largest corner.
    pub max: [f64; 3],
}

/// The numbers `museion inspect` reports. Document counts (`nodes` to `lights`) are
/// what the file declares; `skins` and `animations` list the document's skins and
/// animations as imported (one entry each); `mesh_instances`, `triangles`, `vertices`
/// and `bounds` cover the imported scene, each mesh counted once per node that places
/// it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InspectSummary {
    /// The file inspected.
    pub file: String,
    /// The scene imported (`null` for a file without scenes).
    pub scene: Option<usize>,
    /// Scenes in the document.
    pub scenes: usize,
    /// Nodes in the document.
    pub nodes: usize,
    /// Meshes in the document.
    pub meshes: usize,
    /// Primitives over all meshes of the document.
    pub primitives: usize,
    /// Materials in the document.
    pub materials: usize,
    /// Textures in the document.
    pub textures: usize,
    /// Images in the document.
    pub images: usize,
    /// Samplers in the document.
    pub samplers: usize,
    /// Cameras in the document.
    pub cameras: usize,
    /// Punctual lights in the document.
    pub lights: usize,
    /// The document's skins: name, joint count and joint names.
    pub skins: Vec<SkinSummary>,
    /// The document's animations: name, duration and channels.
    pub animations: Vec<AnimationSummary>,
    /// Nodes of the scene that carry a mesh, through the whole hierarchy.
    pub mesh_instances: usize,
    /// Triangles of the scene (strips and fans counted as the triangles they make).
    pub triangles: u64,
    /// Vertices of the scene as the file gives them (`POSITION` counts).
    pub vertices: u64,
    /// World-space box around the scene's meshes (`null` when it has none).
    pub bounds: Option<BoundsSummary>,
    /// The file's `extensionsUsed`.
    pub extensions_used: Vec<String>,
    /// The file's `extensionsRequired`.
    pub extensions_required: Vec<String>,
    /// The `asset.generator` string.
    pub generator: Option<String>,
    /// Everything the importer ignored, clamped or replaced.
    pub warnings: Vec<String>,
    /// Milliseconds the import took, images decoded.
    pub load_ms: f64,
}

impl InspectSummary {
    /// Summarises an import of `file`.
    pub fn new(file: &Path, imported: &Imported) -> Self {
        let report = &imported.report;
        let counts = &report.counts;
        let scene = &imported.scene;
        let stats = scene.stats();
        let bounds = (!stats.bounds.is_empty()).then(|| BoundsSummary {
            min: stats.bounds.min.to_array().map(tidy),
            max: stats.bounds.max.to_array().map(tidy),
        });
        Self {
            file: file.display().to_string(),
            scene: report.scene_index,
            scenes: counts.scenes,
            nodes: counts.nodes,
            meshes: counts.meshes,
            primitives: counts.primitives,
            materials: counts.materials,
            textures: counts.textures,
            images: counts.images,
            samplers: counts.samplers,
            cameras: counts.cameras,
            lights: counts.lights,
            skins: scene.skins.iter().map(|s| SkinSummary::new(scene, s)).collect(),
            animations: scene
                .animations
                .iter()
                .map(|a| AnimationSummary::new(scene, a))
                .collect(),
            mesh_instances: stats.mesh_instances,
            triangles: stats.triangles,
            vertices: stats.vertices,
            bounds,
            extensions_used: report.extensions_used.clone(),
            extensions_required: report.extensions_required.clone(),
            generator: report.generator.clone(),
            warnings: report.warnings.iter().map(ToString::to_string).collect(),
            load_ms: (report.duration.as_secs_f64() * 1e6).round() / 1e3,
        }
    }

    /// One JSON object on one line.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// A few lines for people.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let list = |items: &[String]| {
            if items.is_empty() {
                "none".to_owned()
            } else {
                items.join(", ")
            }
        };
        let _ = writeln!(out, "{}", self.file);
        if let Some(generator) = &self.generator {
            let _ = writeln!(out, "  generator   {generator}");
        }
        match self.scene {
            Some(scene) => {
                let _ = writeln!(out, "  scene       {scene} of {}", self.scenes);
            }
            None => {
                let _ = writeln!(out, "  scene       none (all root nodes)");
            }
        }
        let _ = writeln!(
            out,
            "  drawn       {} mesh instances, {} triangles, {} vertices",
            self.mesh_instances, self.triangles, self.vertices
        );
        match &self.bounds {
            Some(b) => {
                let _ = writeln!(out, "  bounds      min {:?} max {:?}", b.min, b.max);
            }
            None => {
                let _ = writeln!(out, "  bounds      empty");
            }
        }
        let _ = writeln!(
            out,
            "  document    {} nodes, {} meshes ({} primitives), {} materials, {} textures, {} images, {} samplers",
            self.nodes,
            self.meshes,
            self.primitives,
            self.materials,
            self.textures,
            self.images,
            self.samplers
        );
        let _ = writeln!(
            out,
            "              {} cameras, {} lights, {} skins, {} animations",
            self.cameras,
            self.lights,
            self.skins.len(),
            self.animations.len()
        );
        for a in &self.animations {
            let _ = writeln!(
                out,
                "  animation   {} {} s, {} channels",
                a.name.as_deref().unwrap_or("(unnamed)"),
                a.duration,
                a.channel_count
            );
        }
        for s in &self.skins {
            let _ = writeln!(
                out,
                "  skin        {} {} joints: {}",
                s.name.as_deref().unwrap_or("(unnamed)"),
                s.joint_count,
                list(&s.joints)
            );
        }
        let _ = writeln!(
            out,
            "  extensions  used: {}; required: {}",
            list(&self.extensions_used),
            list(&self.extensions_required)
        );
        let _ = writeln!(out, "  loaded in   {:.1} ms", self.load_ms);
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "  warnings    {}", self.warnings.len());
            for warning in &self.warnings {
                let _ = writeln!(out, "    - {warning}");
            }
        }
        out
    }
}
