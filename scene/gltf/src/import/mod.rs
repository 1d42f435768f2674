//! glTF 2.0 import (see the crate docs).

mod accessor;
mod animation;
mod animation_pointer;
mod basis;
mod buffers;
mod container;
mod context;
mod draco;
mod extensions;
mod geometry;
mod images;
mod index_width;
mod influences;
mod jpeg_size;
mod ktx2;
mod material;
mod mesh;
mod meshopt;
mod nodes;
mod punctual;
mod raw_channels;
mod texture;
mod uri;
mod variants;
mod xmp;

pub use basis::BasisTarget;
pub use container::glb_buffer_view;
pub use extensions::SUPPORTED as SUPPORTED_EXTENSIONS;

use crate::error::{Error, Location};
use context::Context;
use museion_files::FileScope;
use museion_scene::ImageId;
use museion_scene::Scene;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Bounds on what a file can make the importer allocate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportLimits {
    /// Largest width or height of an image, in pixels.
    pub max_image_dimension: u32,
    /// Total bytes of decoded RGBA8 images and transcoded Basis Universal textures
    /// (all their mip levels).
    pub max_image_bytes: u64,
    /// Total bytes of decoded vertex, index and animation data.
    pub max_geometry_bytes: u64,
    /// Largest external file or data URI, in bytes.
    pub max_buffer_bytes: u64,
}

impl Default for ImportLimits {
    fn default() -> Self {
        Self {
            max_image_dimension: 16_384,
            max_image_bytes: 4 << 30,
            max_geometry_bytes: 4 << 30,
            max_buffer_bytes: 4 << 30,
        }
    }
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Which of the file's scenes to import; `None` for the file's default scene
    /// (its `scene` property, else scene 0).
    pub scene: Option<usize>,
    /// Allocation limits.
    pub limits: ImportLimits,
    /// The folders URIs may name files in; `None` for the folder of the file imported
    /// (of `base_dir` for [`import_slice`]). A URI that resolves outside, through `..`,
    /// an absolute path or a symbolic link, is an [`Error::Outside`].
    pub scope: Option<FileScope>,
    /// What Basis Universal textures (`KHR_texture_basisu`) are transcoded to: BCn by
    /// default, RGBA8 for a target without BC.
    pub basis_target: BasisTarget,
}

/// A problem that did not stop the import: something ignored, clamped or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// JSON pointer of the object concerned (empty for the file as a whole).
    pub pointer: String,
    /// What happened.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.pointer, self.message)
        }
    }
}

/// How many of each object the document declares (whether or not the chosen scene
/// uses them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentCounts {
    /// Scenes.
    pub scenes: usize,
    /// Nodes.
    pub nodes: usize,
    /// Meshes.
    pub meshes: usize,
    /// Primitives over all meshes.
    pub primitives: usize,
    /// Materials.
    pub materials: usize,
    /// Textures.
    pub textures: usize,
    /// Images.
    pub images: usize,
    /// Samplers.
    pub samplers: usize,
    /// Accessors.
    pub accessors: usize,
    /// Buffers.
    pub buffers: usize,
    /// Cameras.
    pub cameras: usize,
    /// Punctual lights.
    pub lights: usize,
    /// Skins.
    pub skins: usize,
    /// Animations.
    pub animations: usize,
}

/// What the import found besides the scene.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// Object counts of the document.
    pub counts: DocumentCounts,
    /// The file's `extensionsUsed`.
    pub extensions_used: Vec<String>,
    /// The file's `extensionsRequired`.
    pub extensions_required: Vec<String>,
    /// Everything ignored, clamped or replaced, in document order.
    pub warnings: Vec<Warning>,
    /// The scene index imported (`None` when the file has no scenes).
    pub scene_index: Option<usize>,
    /// The `asset.generator` string, if any.
    pub generator: Option<String>,
    /// Wall-clock time of the import, images included.
    pub duration: Duration,
}

/// A scene and the report of its import.
#[derive(Debug)]
pub struct Imported {
    /// The imported scene.
    pub scene: Scene,
    /// Counts, extensions and warnings.
    pub report: ImportReport,
}

/// Imports a `.gltf` or `.glb` file with default options.
pub fn import(path: impl AsRef<Path>) -> Result<Imported, Error> {
    import_with(path, &ImportOptions::default())
}

/// Imports a `.gltf` or `.glb` file; relative URIs resolve against its directory, and
/// must stay inside it unless [`ImportOptions::scope`] says otherwise.
pub fn import_with(path: impl AsRef<Path>, options: &ImportOptions) -> Result<Imported, Error> {
    let path = path.as_ref();
    let start = Instant::now();
    let at = || {
        Box::new(Location {
            file: path.to_path_buf(),
            pointer: String::new(),
        })
    };
    let bytes = uri::read_file(path, at, options.limits.max_buffer_bytes)?;
    let base_dir = path.parent().map(Path::to_path_buf);
    let mut imported = import_slice_at(&bytes, path, base_dir, options)?;
    imported.report.duration = start.elapsed();
    Ok(imported)
}

/// Imports a glTF or GLB document held in memory. `name` labels errors; relative URIs
/// resolve against `base_dir`, and fail when it is `None`.
pub fn import_slice(
    bytes: &[u8],
    name: impl AsRef<Path>,
    base_dir: Option<&Path>,
    options: &ImportOptions,
) -> Result<Imported, Error> {
    let start = Instant::now();
    let mut imported = import_slice_at(bytes, name.as_ref(), base_dir.map(Path::to_path_buf), options)?;
    imported.report.duration = start.elapsed();
    Ok(imported)
}

fn import_slice_at(
    bytes: &[u8],
    file: &Path,
    base_dir: Option<PathBuf>,
    options: &ImportOptions,
) -> Result<Imported, Error> {
    let start = Instant::now();
    let name = file.display();
    let parts = container::split(file, bytes)?;
    let json = container::strip_bom(parts.json);
    index_width::check(file, json)?;
    let container::Parsed {
        root: doc,
        mut warnings,
        channels,
    } = container::parse_json(file, json)?;
    log::debug!(
        "{name}: JSON parsed ({} bytes) in {:.1?}",
        parts.json.len(),
        start.elapsed()
    );
    let scope = match (&options.scope, &base_dir) {
        (Some(scope), _) => scope.clone(),
        (None, Some(dir)) => FileScope::within(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        }),
        // Nothing can be read without a base directory anyway.
        (None, None) => FileScope::within("."),
    };
    let mut ctx = Context::new(file, base_dir, doc, options.limits, scope);
    ctx.basis_target = options.basis_target;
    ctx.raw_channels = channels;
    check_version(&ctx)?;
    extensions::check(&ctx, &mut warnings)?;
    let scene_index = choose_scene(&ctx, options.scene)?;
    ctx.buffers = buffers::Buffers::new(ctx.doc.buffers.len(), parts.bin);

    let mut materials = Vec::with_capacity(ctx.doc.materials.len());
    for index in 0..ctx.doc.materials.len() {
        materials.push(material::convert(&ctx, index, &mut warnings)?);
    }

    // The two heavy jobs, each parallel inside: decoding images and converting meshes.
    let ((decoded, image_warnings), meshes) = rayon::join(
        || images::decode_all(&ctx),
        || mesh::convert_all(&ctx, &materials),
    );
    let (meshes, mesh_warnings) = meshes?;
    let (buffers_read, buffer_bytes) = ctx.buffers.read_so_far();
    log::debug!(
        "{name}: {buffers_read} of {} buffers read ({buffer_bytes} bytes), {} meshes converted and {} images decoded at {:.1?}",
        ctx.doc.buffers.len(),
        meshes.len(),
        decoded.iter().filter(|d| matches!(d, Ok(Some(_)))).count(),
        start.elapsed()
    );
    warnings.extend(mesh_warnings);
    warnings.extend(image_warnings);
    let mut images = Vec::with_capacity(decoded.len());
    let mut image_ids: Vec<Option<ImageId>> = Vec::with_capacity(decoded.len());
    for result in decoded {
        match result? {
            Some(image) => {
                image_ids.push(Some(ImageId(images.len() as u32)));
                images.push(image);
            }
            None => image_ids.push(None),
        }
    }

    let samplers = (0..ctx.doc.samplers.len())
        .map(|i| texture::convert_sampler(&ctx, i, &mut warnings))
        .collect();
    let mut textures = Vec::with_capacity(ctx.doc.textures.len());
    for index in 0..ctx.doc.textures.len() {
        textures.push(texture::convert_texture(&ctx, index, &image_ids, &mut warnings)?);
    }
    let (lights, light_ids) = punctual::lights(&ctx, &mut warnings)?;
    let mut cameras = Vec::with_capacity(ctx.doc.cameras.len());
    for index in 0..ctx.doc.cameras.len() {
        cameras.push(punctual::camera(&ctx, index, &mut warnings)?);
    }

    let (mut scene, ids) = nodes::build(&ctx, scene_index, &light_ids, &mut warnings)?;
    for index in 0..ctx.doc.skins.len() {
        let skin = animation::skin(&ctx, index, &ids, &mut warnings)?;
        scene.skins.push(skin);
    }
    influences::check_joint_ranges(&ctx, &meshes, &scene.skins, &ids, &mut warnings);
    let objects = animation_pointer::Objects {
        nodes: &ids,
        materials: &materials,
        lights: &lights,
        light_ids: &light_ids,
        cameras: &cameras,
    };
    for index in 0..ctx.doc.animations.len() {
        let animation = animation::animation(&ctx, index, &objects, &mut warnings)?;
        scene.animations.push(animation);
    }
    if let Some(index) = scene_index {
        let json = &ctx.doc.scenes[index];
        scene.name = json.name.clone();
        scene.extras = extras(&json.extras);
    }
    scene.variants = variants::convert(&ctx, &meshes, &mut warnings)?;
    scene.meshes = meshes;
    scene.materials = materials;
    scene.textures = textures;
    scene.samplers = samplers;
    scene.images = images;
    scene.lights = lights;
    scene.cameras = cameras;
    xmp::attach(&ctx, json, &mut scene, &ids, &image_ids, &mut warnings);
    scene.update_transforms();
    log::info!(
        "{name}: {} nodes in the scene, done at {:.1?}",
        scene.node_count(),
        start.elapsed()
    );

    let doc = &ctx.doc;
    let counts = DocumentCounts {
        scenes: doc.scenes.len(),
        nodes: doc.nodes.len(),
        meshes: doc.meshes.len(),
        primitives: doc.meshes.iter().map(|m| m.primitives.len()).sum(),
        materials: doc.materials.len(),
        textures: doc.textures.len(),
        images: doc.images.len(),
        samplers: doc.samplers.len(),
        accessors: doc.accessors.len(),
        buffers: doc.buffers.len(),
        cameras: doc.cameras.len(),
        lights: scene.lights.len(),
        skins: doc.skins.len(),
        animations: doc.animations.len(),
    };
    Ok(Imported {
        report: ImportReport {
            counts,
            extensions_used: doc.extensions_used.clone(),
            extensions_required: doc.extensions_required.clone(),
            warnings,
            scene_index,
            generator: doc.asset.generator.clone(),
            duration: Duration::ZERO,
        },
        scene,
    })
}

/// glTF 2.x only: the major version must be 2 and any `minVersion` at most 2.0.
fn check_version(ctx: &Context) -> Result<(), Error> {
    let asset = &ctx.doc.asset;
    let major = |v: &str| v.split('.').next().and_then(|m| m.trim().parse::<u32>().ok());
    if major(&asset.version) != Some(2) {
        return Err(Error::UnsupportedVersion {
            at: ctx.at("/asset/version"),
            version: asset.version.clone(),
        });
    }
    if let Some(min) = &asset.min_version
        && min.trim() != "2.0"
    {
        return Err(Error::UnsupportedVersion {
            at: ctx.at("/asset/minVersion"),
            version: min.clone(),
        });
    }
    Ok(())
}

fn choose_scene(ctx: &Context, requested: Option<usize>) -> Result<Option<usize>, Error> {
    let scenes = ctx.doc.scenes.len();
    let (index, pointer) = match (requested, ctx.doc.scene) {
        (Some(i), _) => (i, String::new()),
        (None, Some(i)) => (i.value(), "/scene".to_owned()),
        (None, None) if scenes > 0 => (0, String::new()),
        (None, None) => return Ok(None),
    };
    if index >= scenes {
        return Err(Error::IndexOutOfRange {
            at: ctx.at(pointer),
            kind: "scene",
            index: index as u64,
            count: scenes,
        });
    }
    Ok(Some(index))
}

/// `extras` as JSON, or `None` when absent (or not valid JSON, which serde would
/// already have refused).
fn extras(raw: &gltf::json::Extras) -> Option<serde_json::Value> {
    raw.as_ref().and_then(|r| serde_json::from_str(r.get()).ok())
}
