//! The overlay's fonts: the files a venue or an option names, egui's own, and the
//! system's, found on demand for characters nothing installed can draw.

use super::scripts::TextScript;
use epaint::text::{
    FallbackRequest, FontData, FontDefinitions, FontFamily, FontInsert, FontPriority, FontProvider,
    InsertFontFamily,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Where the overlay's fonts come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontOptions {
    /// Font files drawn with first, before egui's and the system's (`--font`, and a
    /// venue's `fonts`).
    pub files: Vec<PathBuf>,
    /// Look among the system's fonts for characters the others lack.
    pub system: bool,
}

impl Default for FontOptions {
    fn default() -> Self {
        Self {
            files: Vec::new(),
            system: true,
        }
    }
}

/// A font file that cannot be drawn with.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// The file could not be read.
    #[error("cannot read font {}: {}", path.display(), museion_files::io_words(source))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a TrueType or OpenType font (or collection).
    #[error("{} is not a TrueType or OpenType font", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
    },
}

/// A script no font could draw: what the visitor sees as boxes, and what to install.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingScript {
    /// The script's English name ("Arabic").
    pub script: &'static str,
    /// The Debian package that brings fonts for it.
    pub package: &'static str,
    /// The first character met that had no font.
    pub example: char,
}

/// The scripts that had no font so far, shared between the font provider (which finds
/// out while text is laid out) and the panels (which say so).
#[derive(Debug, Default)]
pub struct MissingScripts {
    scripts: Mutex<BTreeMap<&'static str, MissingScript>>,
}

impl MissingScripts {
    /// Notes that nothing draws `example` of `script`; logs it the first time.
    pub fn record(&self, script: TextScript, example: char) {
        let Ok(mut scripts) = self.scripts.lock() else {
            return;
        };
        scripts.entry(script.name()).or_insert_with(|| {
            log::warn!(
                "viewer: no font draws {} text (U+{:04X} '{example}'); it shows as boxes: install {} (apt-get install {}) or name a font file with --font",
                script.name(),
                example as u32,
                script.package(),
                script.package()
            );
            MissingScript {
                script: script.name(),
                package: script.package(),
                example,
            }
        });
    }

    /// The scripts missing so far, by name.
    pub fn list(&self) -> Vec<MissingScript> {
        self.scripts
            .lock()
            .map(|s| s.values().cloned().collect())
            .unwrap_or_default()
    }
}

/// Reads the font files of `options` into egui's definitions, each first in both
/// families (a named font is preferred to egui's own).
pub fn definitions(options: &FontOptions) -> Result<FontDefinitions, FontError> {
    let mut definitions = FontDefinitions::default();
    for path in options.files.iter().rev() {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read {
            path: path.clone(),
            source,
        })?;
        let faces = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
        if (0..faces).any(|index| ttf_parser::Face::parse(&bytes, index).is_err()) {
            return Err(FontError::Parse { path: path.clone() });
        }
        let blob: epaint::text::Blob = Arc::new(bytes);
        for index in (0..faces).rev() {
            let name = format!("file:{}#{index}", path.display());
            definitions
                .font_data
                .insert(name.clone(), Arc::new(FontData::from_blob(blob.clone(), index)));
            for family in [FontFamily::Proportional, FontFamily::Monospace] {
                definitions
                    .families
                    .entry(family)
                    .or_default()
                    .insert(0, name.clone());
            }
        }
        log::info!("viewer: font {} ({faces} face(s))", path.display());
    }
    Ok(definitions)
}

/// Finds fonts among the system's for characters no installed font has: the script's
/// preferred families first, then any face that has the character. The system's fonts
/// are listed the first time one is needed, so that text egui's own fonts draw costs
/// nothing.
pub struct SystemFonts {
    search: bool,
    database: OnceLock<FontIndex>,
    files: Mutex<HashMap<PathBuf, epaint::text::Blob>>,
    faces: Mutex<HashMap<fontdb::ID, (String, FontData)>>,
    missing: Arc<MissingScripts>,
}

/// The system's fonts, with the order faces are tried in when no preferred family has
/// a character.
struct FontIndex {
    database: fontdb::Database,
    fallback_order: Vec<fontdb::ID>,
}

impl SystemFonts {
    /// A provider that searches the system's fonts when `search`, and reports what no
    /// font draws to `missing`.
    pub fn new(search: bool, missing: Arc<MissingScripts>) -> Self {
        Self {
            search,
            database: OnceLock::new(),
            files: Mutex::new(HashMap::new()),
            faces: Mutex::new(HashMap::new()),
            missing,
        }
    }

    fn index(&self) -> &FontIndex {
        self.database.get_or_init(|| {
            let mut database = fontdb::Database::new();
            if self.search {
                database.load_system_fonts();
            }
            let mut faces: Vec<&fontdb::FaceInfo> = database.faces().collect();
            // Upright regular faces first, then by family name, for a stable choice.
            faces.sort_by_cached_key(|f| {
                (
                    f.style != fontdb::Style::Normal,
                    f.weight.0.abs_diff(400),
                    f.families.first().map(|(n, _)| n.clone()).unwrap_or_default(),
                    f.index,
                )
            });
            let fallback_order = faces.iter().map(|f| f.id).collect();
            log::info!("viewer: {} system font faces", database.len());
            FontIndex {
                database,
                fallback_order,
            }
        })
    }

    /// The face that draws `c` of `script`.
    fn find(&self, script: TextScript, c: char) -> Option<fontdb::ID> {
        let index = self.index();
        let db = &index.database;
        let covers = |id: fontdb::ID| {
            db.with_face_data(id, |data, face| {
                ttf_parser::Face::parse(data, face)
                    .ok()
                    .and_then(|f| f.glyph_index(c))
                    .is_some()
            })
            .unwrap_or(false)
        };
        let preferred = script.preferred_families().into_iter().find_map(|name| {
            let families = [fontdb::Family::Name(&name)];
            db.query(&fontdb::Query {
                families: &families,
                ..fontdb::Query::default()
            })
            .filter(|&id| covers(id))
        });
        preferred.or_else(|| index.fallback_order.iter().copied().find(|&id| covers(id)))
    }

    /// The font data of face `id`, its file read once however many faces (and
    /// families asking) it has.
    fn load(&self, id: fontdb::ID) -> Option<(String, FontData)> {
        if let Some(face) = self.faces.lock().ok()?.get(&id) {
            return Some(face.clone());
        }
        let db = &self.index().database;
        let (source, index) = db.face_source(id)?;
        let family = db.face(id)?.families.first().map(|(n, _)| n.clone())?;
        let path = match source {
            fontdb::Source::File(path) => path,
            fontdb::Source::SharedFile(path, _) => path,
            fontdb::Source::Binary(_) => return None,
        };
        let blob = self.read(&path)?;
        log::info!("viewer: drawing with {family} ({})", path.display());
        let face = (
            format!("system:{}#{index}", path.display()),
            FontData::from_blob(blob, index),
        );
        self.faces.lock().ok()?.insert(id, face.clone());
        Some(face)
    }

    fn read(&self, path: &Path) -> Option<epaint::text::Blob> {
        let mut files = self.files.lock().ok()?;
        if let Some(blob) = files.get(path) {
            return Some(blob.clone());
        }
        let bytes = std::fs::read(path)
            .map_err(|e| log::warn!("viewer: cannot read font {}: {e}", path.display()))
            .ok()?;
        let blob: epaint::text::Blob = Arc::new(bytes);
        files.insert(path.to_path_buf(), blob.clone());
        Some(blob)
    }
}

impl FontProvider for SystemFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let script = TextScript::of(request.cluster);
        let found = self.find(script, c).and_then(|id| self.load(id));
        let Some((name, data)) = found else {
            self.missing.record(script, c);
            return None;
        };
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        Some(FontInsert::new(&name, data, families))
    }
}
