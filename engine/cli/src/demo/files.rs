//! Writing the demo museum: the venue file, the paintings as JPEG, the sculptures as GLB.

use super::error::DemoError;
use super::layout::layout;
use super::venue_text::{sculpture_id, venue_text};
use super::{DEMO_SEED, GUIDE_FILE, KINETIC_FILE, VENUE_FILE, painting_file, sculpture_file};
use museion::scene::{Node, Scene};
use museion_art::figure::walking_figure;
use museion_art::kinetic::kinetic_sculpture;
use museion_art::{LONG_SIDE_PX, MAX_SIDE, MIN_SIDE, PaintingSpec, SculptureSpec, catalogue};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How the demo museum is made.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoOptions {
    /// The seed of the collection.
    pub seed: u64,
    /// The longer side of every painting's image, pixels.
    pub long_side_px: u32,
    /// JPEG quality of the paintings, 1 to 100.
    pub jpeg_quality: u8,
}

impl Default for DemoOptions {
    /// The demo museum in the repository: seed [`DEMO_SEED`], 1024-pixel paintings at
    /// JPEG quality 85.
    fn default() -> Self {
        Self {
            seed: DEMO_SEED,
            long_side_px: LONG_SIDE_PX,
            jpeg_quality: 85,
        }
    }
}

/// What [`write_demo`] wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoWritten {
    /// The venue file.
    pub venue: PathBuf,
    /// Every file written, the venue file first.
    pub files: Vec<PathBuf>,
    /// Their size in all, bytes.
    pub bytes: u64,
}

/// Writes the demo museum into `dir` (created if needed; files of the same names are
/// replaced): `venue.toml`, `art/painting-NN.jpg`, `sculptures/sculpture-NN.glb`,
/// `sculptures/kinetic.glb` and `people/guide.glb`.
/// `progress` hears one line per step (it may be called from several threads in turn).
pub fn write_demo(
    dir: &Path,
    options: &DemoOptions,
    progress: impl FnMut(&str) + Send,
) -> Result<DemoWritten, DemoError> {
    if !(MIN_SIDE..=MAX_SIDE).contains(&options.long_side_px) {
        return Err(DemoError::Options(format!(
            "paintings of {} pixels: the longer side must be {MIN_SIDE} to {MAX_SIDE}",
            options.long_side_px
        )));
    }
    if !(1..=100).contains(&options.jpeg_quality) {
        return Err(DemoError::Options(format!(
            "JPEG quality {}: it must be 1 to 100",
            options.jpeg_quality
        )));
    }
    let progress = Mutex::new(progress);
    let say = |line: &str| {
        if let Ok(mut progress) = progress.lock() {
            progress(line);
        }
    };
    say(&format!("cataloguing the collection of seed {}", options.seed));
    let collection = catalogue(options.seed);
    let meshes: Vec<_> = collection
        .sculptures
        .par_iter()
        .map(SculptureSpec::mesh)
        .collect();
    let sizes: Vec<(f32, f32)> = collection.paintings.iter().map(PaintingSpec::size_m).collect();
    let heights: Vec<f32> = meshes.iter().map(|m| m.bounds.aabb.size().y).collect();
    let placed = layout(&sizes, &heights)?;

    for folder in ["art", "sculptures", "people"] {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|source| DemoError::Write { path, source })?;
    }
    let venue = dir.join(VENUE_FILE);
    write(&venue, venue_text(&collection, &placed, options.seed).as_bytes())?;
    let mut files = vec![venue.clone()];

    let total = collection.paintings.len();
    let done = Mutex::new(0usize);
    let paintings: Vec<PathBuf> = collection
        .paintings
        .par_iter()
        .enumerate()
        .map(|(index, spec)| {
            let path = dir.join(painting_file(index));
            write_painting(&path, spec, options)?;
            let count = done.lock().map(|mut d| {
                *d += 1;
                *d
            });
            say(&format!(
                "painted {}/{total}: {}",
                count.unwrap_or(0),
                spec.info.title
            ));
            Ok(path)
        })
        .collect::<Result<_, DemoError>>()?;
    files.extend(paintings);

    for (index, (spec, mesh)) in collection.sculptures.iter().zip(meshes).enumerate() {
        let path = dir.join(sculpture_file(index));
        write_sculpture(&path, index, spec, mesh)?;
        say(&format!(
            "sculpted {}/{}: {}",
            index + 1,
            collection.sculptures.len(),
            spec.info.title
        ));
        files.push(path);
    }
    let kinetic = dir.join(KINETIC_FILE);
    write_scene(
        &kinetic,
        &kinetic_sculpture(options.seed).scene,
        "the kinetic sculpture",
    )?;
    say("made the kinetic sculpture");
    files.push(kinetic);
    let guide = dir.join(GUIDE_FILE);
    write_scene(&guide, &walking_figure(options.seed).scene, "the gallery guide")?;
    say("made the gallery guide");
    files.push(guide);
    let bytes = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    Ok(DemoWritten { venue, files, bytes })
}

/// Paints `spec` with its longer side `options.long_side_px` and writes it as JPEG.
fn write_painting(path: &Path, spec: &PaintingSpec, options: &DemoOptions) -> Result<(), DemoError> {
    let scale = options.long_side_px as f32 / spec.width_px.max(spec.height_px) as f32;
    let side = |px: u32| ((px as f32 * scale).round() as u32).clamp(MIN_SIDE, MAX_SIDE);
    let sized = PaintingSpec {
        width_px: side(spec.width_px),
        height_px: side(spec.height_px),
        ..spec.clone()
    };
    let picture = sized.paint().map_err(|source| DemoError::Paint {
        what: format!("\"{}\"", spec.info.title),
        source,
    })?;
    let rgb = image::DynamicImage::ImageRgba8(picture).into_rgb8();
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, options.jpeg_quality)
        .encode_image(&rgb)
        .map_err(|source| DemoError::Encode {
            path: path.to_path_buf(),
            source,
        })?;
    write(path, &bytes)
}

/// Writes sculpture `index` as a GLB of one node named after its title.
fn write_sculpture(
    path: &Path,
    index: usize,
    spec: &SculptureSpec,
    mut mesh: museion::scene::Mesh,
) -> Result<(), DemoError> {
    let mut scene = Scene::new();
    let material = scene.add_material(spec.material());
    for primitive in &mut mesh.primitives {
        primitive.material = Some(material);
    }
    let mesh = scene.add_mesh(mesh);
    let what = format!("{} (\"{}\")", sculpture_id(index), spec.info.title);
    let node = Node::new().with_name(spec.info.title.clone()).with_mesh(mesh);
    scene
        .add_node(node, None)
        .map_err(|e| DemoError::Layout(format!("{what}: {e}")))?;
    let bytes = museion::gltf::to_glb_bytes(&scene).map_err(|source| DemoError::Export { what, source })?;
    write(path, &bytes)
}

/// Writes a scene made by Museion's own code (skins, morph targets and clips with it)
/// as a GLB.
fn write_scene(path: &Path, scene: &Scene, what: &str) -> Result<(), DemoError> {
    let bytes = museion::gltf::to_glb_bytes(scene).map_err(|source| DemoError::Export {
        what: what.to_owned(),
        source,
    })?;
    write(path, &bytes)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), DemoError> {
    std::fs::write(path, bytes).map_err(|source| DemoError::Write {
        path: path.to_path_buf(),
        source,
    })
}
