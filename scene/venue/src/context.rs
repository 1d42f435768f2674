//! What every compilation step (and the materials it resolves) shares: the document, the scene being built, the files
//! read (each loaded once), and the report.

use crate::compiled::CompileReport;
use crate::document::{Spanned, VenueDocument};
use crate::error::{SourceText, VenueError};
use museion_files::FileScope;
use museion_gltf::external_files;
use museion_scene::AssetOffsets;
use museion_scene::{Aabb, Image, ImageSourceFormat, NodeId, Sampler, SamplerId, Scene, Texture, TextureId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// An image file decoded into the scene, with a texture over it.
#[derive(Clone, Debug)]
pub(crate) struct LoadedImage {
    /// The file, as recorded in the dependencies.
    pub path: PathBuf,
    /// The texture (repeat wrapping, trilinear filtering).
    pub texture: TextureId,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// An imported model, kept to be placed wherever the venue wants it.
#[derive(Debug)]
pub(crate) struct LoadedModel {
    /// The file, canonical: the key of the caches.
    pub key: PathBuf,
    /// The files it was read from, as recorded in the dependencies: the model file,
    /// then its external buffers and images.
    pub files: Vec<PathBuf>,
    /// The imported scene.
    pub scene: Scene,
    /// The box around its meshes, in its own space.
    pub bounds: Aabb,
}

/// The shared state of a compilation.
pub(crate) struct Context<'a> {
    /// The document being compiled.
    pub doc: &'a VenueDocument,
    /// The folder relative paths resolve against.
    pub base_dir: PathBuf,
    /// The folders named files may lie in.
    pub scope: FileScope,
    /// The scene being built.
    pub scene: Scene,
    /// Every file read, each once, in the order first read.
    pub dependencies: Vec<PathBuf>,
    /// Counts and warnings.
    pub report: CompileReport,
    images: HashMap<PathBuf, LoadedImage>,
    models: HashMap<PathBuf, Rc<LoadedModel>>,
    /// Where each placed model's meshes, materials and images are in the scene.
    placed: HashMap<PathBuf, AssetOffsets>,
    sampler: Option<SamplerId>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a VenueDocument, base_dir: &Path, scope: FileScope) -> Self {
        let mut dependencies = Vec::new();
        if !doc.source.path().as_os_str().is_empty() {
            dependencies.push(doc.source.path().to_path_buf());
        }
        Self {
            doc,
            base_dir: base_dir.to_path_buf(),
            scope,
            scene: Scene::new(),
            dependencies,
            report: CompileReport::default(),
            images: HashMap::new(),
            models: HashMap::new(),
            placed: HashMap::new(),
            sampler: None,
        }
    }

    /// Where errors point.
    pub fn source(&self) -> &'a SourceText {
        &self.doc.source
    }

    /// Records a file the venue depends on (once).
    pub fn depend(&mut self, path: PathBuf) {
        if !self.dependencies.contains(&path) {
            self.dependencies.push(path);
        }
    }

    /// The sampler of every venue texture: repeat, trilinear.
    pub fn sampler(&mut self) -> SamplerId {
        *self
            .sampler
            .get_or_insert_with(|| self.scene.add_sampler(Sampler::default()))
    }

    /// A file named in the venue, resolved against its folder; a file outside the
    /// venue's scope or a missing file is an error at the value naming it.
    pub fn existing_file(
        &mut self,
        value: &Spanned<String>,
        what: &str,
    ) -> Result<(PathBuf, PathBuf), VenueError> {
        let path = self.base_dir.join(value.get_ref());
        if let Err(outside) = self.scope.check(&path) {
            return Err(self.source().file(
                value.span(),
                &path,
                format!(
                    "{what} file \"{}\" is {}, outside the folders the venue may read from",
                    value.get_ref(),
                    outside.path.display()
                ),
                format!(
                    "keep the venue's files in its folder ({}), or allow another folder with --allow-dir DIR",
                    outside
                        .folders
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if path.is_dir() {
            return Err(self.source().file(
                value.span(),
                &path,
                format!("{what} \"{}\" is a folder, not a file", value.get_ref()),
                "name a file inside it",
            ));
        }
        if path.exists() && !path.is_file() {
            return Err(self.source().file(
                value.span(),
                &path,
                format!(
                    "{what} \"{}\" is not a regular file (a device, pipe or socket)",
                    value.get_ref()
                ),
                "name a regular file",
            ));
        }
        if !path.is_file() {
            return Err(self.source().file(
                value.span(),
                &path,
                format!("{what} file \"{}\" not found", value.get_ref()),
                format!(
                    "paths are relative to the venue file's folder, {}",
                    folder_name(&self.base_dir)
                ),
            ));
        }
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        Ok((path, key))
    }

    /// The image file named by `value`, decoded once and shared by every use.
    pub fn image(&mut self, value: &Spanned<String>) -> Result<LoadedImage, VenueError> {
        let (path, key) = self.existing_file(value, "image")?;
        if let Some(loaded) = self.images.get(&key) {
            return Ok(loaded.clone());
        }
        let image = decode_image(&path).map_err(|(message, hint)| {
            self.source().file(
                value.span(),
                &path,
                format!("cannot decode image \"{}\": {message}", value.get_ref()),
                hint,
            )
        })?;
        log::debug!(
            "venue: image {} loaded ({}×{})",
            path.display(),
            image.width,
            image.height
        );
        let (width, height) = (image.width, image.height);
        let image = self.scene.add_image(image);
        let sampler = self.sampler();
        let texture = self.scene.add_texture(Texture {
            name: value.get_ref().clone().into(),
            image: Some(image),
            sampler: Some(sampler),
        });
        let loaded = LoadedImage {
            path: path.clone(),
            texture,
            width,
            height,
        };
        self.images.insert(key, loaded.clone());
        self.report.images_decoded += 1;
        self.depend(path);
        Ok(loaded)
    }

    /// The glTF model named by `value`, imported once and shared by every placement.
    pub fn model(&mut self, value: &Spanned<String>) -> Result<Rc<LoadedModel>, VenueError> {
        let (path, key) = self.existing_file(value, "model")?;
        if let Some(model) = self.models.get(&key) {
            return Ok(Rc::clone(model));
        }
        let options = museion_gltf::ImportOptions {
            scope: Some(self.scope.clone()),
            ..Default::default()
        };
        let imported = museion_gltf::import_with(&path, &options).map_err(|e| {
            self.source().file(
                value.span(),
                &path,
                format!("cannot import model \"{}\": {e}", value.get_ref()),
                "check that the file is glTF 2.0 (.gltf with its files beside it, or .glb)",
            )
        })?;
        let bounds = imported.scene.stats().bounds;
        if bounds.is_empty() {
            return Err(self.source().file(
                value.span(),
                &path,
                format!("model \"{}\" has no meshes", value.get_ref()),
                "an exhibit needs geometry to show; check the file's default scene",
            ));
        }
        log::debug!(
            "venue: model {} imported ({} nodes, {} warnings)",
            path.display(),
            imported.scene.node_count(),
            imported.report.warnings.len()
        );
        for warning in &imported.report.warnings {
            self.report
                .warnings
                .push(format!("{}: {warning}", path.display()));
        }
        self.report.models_imported += 1;
        let mut files = vec![path.clone()];
        files.extend(external_files(&path));
        for file in &files {
            self.depend(file.clone());
        }
        let model = Rc::new(LoadedModel {
            key: key.clone(),
            files,
            scene: imported.scene,
            bounds,
        });
        self.models.insert(key, Rc::clone(&model));
        Ok(model)
    }
}

impl Context<'_> {
    /// Places a copy of `model`'s node hierarchy under `parent`. The first placement
    /// copies its meshes, materials, textures and images into the scene; later ones
    /// share them.
    pub fn place_model(&mut self, model: &LoadedModel, parent: NodeId) -> Result<(), VenueError> {
        let offsets = match self.placed.get(&model.key) {
            Some(offsets) => *offsets,
            None => {
                let offsets = self.scene.append_assets(&model.scene);
                self.placed.insert(model.key.clone(), offsets);
                offsets
            }
        };
        self.scene.append_nodes(&model.scene, Some(parent), offsets)?;
        Ok(())
    }
}

/// What to do about an image that cannot be used.
const IMAGE_HINT: &str = "use a PNG, JPEG or WebP file";

/// Decodes a PNG, JPEG or WebP file to RGBA8; on failure, what is wrong and what to do.
fn decode_image(path: &Path) -> Result<Image, (String, String)> {
    let plain = |message: String| (message, IMAGE_HINT.to_string());
    // The content decides, not the name: a text file named .png is not a PNG.
    let mut head = [0u8; 32];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|e| plain(e.to_string()))?;
    if image::guess_format(&head[..read]).is_err() {
        return Err(plain("it is not a PNG, JPEG or WebP image".into()));
    }
    let reader = image::ImageReader::open(path)
        .map_err(|e| plain(e.to_string()))?
        .with_guessed_format()
        .map_err(|e| plain(e.to_string()))?;
    let source_format = match reader.format() {
        Some(image::ImageFormat::Png) => ImageSourceFormat::Png,
        Some(image::ImageFormat::Jpeg) => ImageSourceFormat::Jpeg,
        Some(image::ImageFormat::WebP) => ImageSourceFormat::WebP,
        Some(other) => {
            return Err(plain(format!(
                "it is a {other:?} image, which venues do not take"
            )));
        }
        None => return Err(plain("it is not a PNG, JPEG or WebP image".into())),
    };
    if source_format == ImageSourceFormat::Jpeg && !jpeg_is_whole(path).map_err(|e| plain(e.to_string()))? {
        // The decoder would fill the missing rows with grey without a word.
        return Err((
            "the JPEG stops before its end marker: it is cut short, or still being written".into(),
            "save or copy it again; a venue being hot-reloaded picks it up once the file is whole".into(),
        ));
    }
    let decoded = reader
        .decode()
        .map_err(|e| match e {
            image::ImageError::Limits(_) => (
                "it is too large to decode (its pixels would take more than 512 MiB)".to_string(),
                "scale it down, for example to 8192 pixels on the longer side".to_string(),
            ),
            other => plain(other.to_string()),
        })?
        .to_rgba8();
    Ok(Image::rgba8(
        path.file_name().map(|n| n.to_string_lossy().into_owned()),
        decoded.width(),
        decoded.height(),
        decoded.into_raw(),
        source_format,
    ))
}

/// True when the JPEG at `path` ends with its end-of-image marker (FF D9), allowing a
/// few bytes of padding after it. Inside the compressed data an FF byte is always
/// followed by 00 or a restart marker, so a file cut short does not end with one.
fn jpeg_is_whole(path: &Path) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let length = file.metadata()?.len();
    let tail_length = length.min(64);
    file.seek(SeekFrom::Start(length - tail_length))?;
    let mut tail = Vec::with_capacity(tail_length as usize);
    file.read_to_end(&mut tail)?;
    Ok(tail.windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// A folder as a person should read it in a hint: the folder a bare file name lies in
/// is the current one, which an empty path does not say; else the path as given.
fn folder_name(folder: &Path) -> String {
    if folder.as_os_str().is_empty() {
        let current = std::env::current_dir().map_or_else(|_| ".".into(), |d| d.display().to_string());
        format!("{current} (the current folder)")
    } else {
        folder.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_file_names_folder_is_the_current_one() {
        let current = std::env::current_dir().unwrap().display().to_string();
        let named = folder_name(Path::new(""));
        assert!(
            named.starts_with(&current) && named.ends_with("(the current folder)"),
            "{named}"
        );
        assert_eq!(folder_name(Path::new("venues/hall")), "venues/hall");
    }
}
