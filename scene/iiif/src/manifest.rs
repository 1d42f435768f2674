//! The manifest: a canvas per artwork, its image painted on it, its label in every
//! language as IIIF's language maps.

use crate::error::IiifError;
use crate::words;
use museion_venue::{CompiledVenue, Exhibit, ExhibitKind, ExhibitMetadata, LabelText};
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::path::PathBuf;

/// The JSON-LD context of IIIF Presentation 3.
pub const CONTEXT: &str = "http://iiif.io/api/presentation/3/context.json";

/// The manifest's file name in the folder it is written to.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The language map key of text whose language is not known.
const NO_LANGUAGE: &str = "none";

/// An image the manifest paints, to copy beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageCopy {
    /// The venue's image file.
    pub source: PathBuf,
    /// Its path in the manifest's folder, names joined by `/` (`images/harbour.png`):
    /// the manifest names it as the base URL followed by this.
    pub name: String,
}

/// A IIIF Presentation 3.0 manifest of a venue's artworks, with the images it paints.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// The manifest's JSON.
    pub json: Value,
    /// The images to copy into the manifest's folder, one per canvas.
    pub images: Vec<ImageCopy>,
    /// The ids of the artworks left out: those without an image file of their own (the
    /// artworks of a glTF venue, whose images are inside the glTF file).
    pub left_out: Vec<String>,
}

impl Manifest {
    /// The manifest of `venue`'s artworks, its ids beginning with `base`: the `http(s)`
    /// URL where the folder it is written to will be served (a `/` is added when it
    /// lacks one). The manifest is `base` + `manifest.json`; an artwork's canvas
    /// `base` + `canvas/ID`, its annotation page and painting annotation below it, and
    /// its image `base` + `images/ID.EXT`, where ID is the exhibit's id with characters
    /// other than ASCII letters, digits, `-`, `_` and `.` replaced by `-` (and a number
    /// added should two ids then be the same).
    ///
    /// Fails on a base that is not an `http(s)` URL, on an image whose size cannot be
    /// read, and on a venue without an artwork that has an image file (IIIF asks for at
    /// least one canvas).
    pub fn of_venue(venue: &CompiledVenue, base: &str) -> Result<Self, IiifError> {
        let base = normalised_base(base)?;
        let main = venue
            .language
            .clone()
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| NO_LANGUAGE.to_owned());
        let mut names = HashSet::new();
        let mut canvases = Vec::new();
        let mut images = Vec::new();
        let mut left_out = Vec::new();
        for exhibit in venue.exhibits.iter().filter(|e| e.kind == ExhibitKind::Artwork) {
            let Some(source) = exhibit.assets.first() else {
                left_out.push(exhibit.id.clone());
                continue;
            };
            let (width, height) =
                image::image_dimensions(source).map_err(|source_error| IiifError::ImageSize {
                    exhibit: exhibit.id.clone(),
                    path: source.clone(),
                    source: source_error,
                })?;
            let slug = unique_slug(&exhibit.id, &mut names);
            let extension = source
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            let name = if extension.is_empty() {
                format!("images/{slug}")
            } else {
                format!("images/{slug}.{extension}")
            };
            let painted = Painted {
                canvas: format!("{base}canvas/{slug}"),
                image: format!("{base}{name}"),
                format: media_type(source),
                width,
                height,
            };
            canvases.push(canvas(exhibit, &painted, &main, &venue.languages));
            images.push(ImageCopy {
                source: source.clone(),
                name,
            });
        }
        if canvases.is_empty() {
            return Err(IiifError::NoArtworks);
        }
        let title = venue.name.clone().unwrap_or_else(|| "Museion venue".to_owned());
        let json = json!({
            "@context": CONTEXT,
            "id": format!("{base}{MANIFEST_FILE}"),
            "type": "Manifest",
            "label": { main.clone(): [title] },
            "items": canvases,
        });
        Ok(Self {
            json,
            images,
            left_out,
        })
    }

    /// The number of canvases (artworks) in the manifest.
    pub fn canvases(&self) -> usize {
        self.images.len()
    }
}

/// Where an artwork's canvas and image are, and the image's format and size.
struct Painted {
    canvas: String,
    image: String,
    format: &'static str,
    width: u32,
    height: u32,
}

/// An artwork's canvas: its size the image's, one annotation page painting the image.
fn canvas(exhibit: &Exhibit, painted: &Painted, main: &str, languages: &[String]) -> Value {
    let metadata = &exhibit.metadata;
    let label = field_map(metadata, main, |l| &l.title).unwrap_or_else(|| json!({ main: [exhibit.id] }));
    let mut object = Map::new();
    object.insert("id".into(), json!(painted.canvas));
    object.insert("type".into(), json!("Canvas"));
    object.insert("label".into(), label);
    object.insert("height".into(), json!(painted.height));
    object.insert("width".into(), json!(painted.width));
    if let Some(summary) = field_map(metadata, main, |l| &l.description) {
        object.insert("summary".into(), summary);
    }
    let entries: Vec<Value> = [
        ("artist", field_map(metadata, main, |l| &l.artist)),
        ("date", field_map(metadata, main, |l| &l.date)),
        ("medium", field_map(metadata, main, |l| &l.medium)),
        ("dimensions", field_map(metadata, main, |l| &l.dimensions)),
        (
            "accession_number",
            field_map(metadata, main, |l| &l.accession_number),
        ),
        ("credit_line", field_map(metadata, main, |l| &l.credit_line)),
        ("rights", field_map(metadata, main, |l| &l.rights)),
    ]
    .into_iter()
    .filter_map(|(field, value)| Some(json!({ "label": names_map(field, languages), "value": value? })))
    .collect();
    if !entries.is_empty() {
        object.insert("metadata".into(), Value::Array(entries));
    }
    if let Some(rights) = metadata.rights.as_deref().and_then(rights_uri) {
        object.insert("rights".into(), json!(rights));
    }
    if let Some(credit) = field_map(metadata, main, |l| &l.credit_line) {
        object.insert(
            "requiredStatement".into(),
            json!({ "label": names_map("credit_line", languages), "value": credit }),
        );
    }
    let page = format!("{}/page", painted.canvas);
    object.insert(
        "items".into(),
        json!([{
            "id": page,
            "type": "AnnotationPage",
            "items": [{
                "id": format!("{page}/painting"),
                "type": "Annotation",
                "motivation": "painting",
                "body": {
                    "id": painted.image,
                    "type": "Image",
                    "format": painted.format,
                    "width": painted.width,
                    "height": painted.height,
                },
                "target": painted.canvas,
            }],
        }]),
    );
    Value::Object(object)
}

/// A field of the label as a language map: the main text under `main`, each
/// translation's under its code; `None` when no language has the field.
fn field_map(
    metadata: &ExhibitMetadata,
    main: &str,
    field: fn(&LabelText) -> &Option<String>,
) -> Option<Value> {
    let mut map = Map::new();
    if let Some(text) = field(&metadata.main_text()) {
        map.insert(main.to_owned(), json!([text]));
    }
    for (code, translation) in &metadata.translations {
        if let Some(text) = field(translation) {
            map.insert(code.clone(), json!([text]));
        }
    }
    (!map.is_empty()).then_some(Value::Object(map))
}

/// A field's name as a language map (English, and the venue's languages Museion knows).
fn names_map(field: &str, languages: &[String]) -> Value {
    let map: Map<String, Value> = words::names(field, languages)
        .into_iter()
        .map(|(code, name)| (code.to_owned(), json!([name])))
        .collect();
    Value::Object(map)
}

/// The rights statement as IIIF's `rights`: a Creative Commons licence or a
/// RightsStatements.org statement URI, as IIIF requires; `None` for anything else
/// (free text, other URIs), which stays in the metadata only.
pub(crate) fn rights_uri(rights: &str) -> Option<&str> {
    let rights = rights.trim();
    let rest = rights
        .strip_prefix("http://")
        .or_else(|| rights.strip_prefix("https://"))?;
    let known = ["creativecommons.org/", "rightsstatements.org/"]
        .iter()
        .any(|host| rest.starts_with(host));
    (known && !rights.contains(char::is_whitespace)).then_some(rights)
}

/// `base` as the start of every id: an `http(s)` URL ending in `/`.
fn normalised_base(base: &str) -> Result<String, IiifError> {
    let trimmed = base.trim();
    let scheme = trimmed.starts_with("http://") || trimmed.starts_with("https://");
    let host = trimmed.split_once("://").map_or("", |(_, rest)| rest);
    if !scheme || host.is_empty() || trimmed.contains(char::is_whitespace) {
        return Err(IiifError::BadBase {
            base: base.to_owned(),
        });
    }
    Ok(if trimmed.ends_with('/') {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/")
    })
}

/// An exhibit id as a file and URL path segment, unique among `taken`.
fn unique_slug(id: &str, taken: &mut HashSet<String>) -> String {
    let slug: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let slug = if slug.trim_matches('.').is_empty() {
        "artwork".to_owned()
    } else {
        slug
    };
    let unique = std::iter::once(slug.clone())
        .chain((2..).map(|n| format!("{slug}-{n}")))
        .find(|s| !taken.contains(s))
        .unwrap_or(slug);
    taken.insert(unique.clone());
    unique
}

/// The media type of an image file, by its content's format as its name says.
fn media_type(path: &std::path::Path) -> &'static str {
    image::ImageFormat::from_path(path).map_or("application/octet-stream", |f| f.to_mime_type())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(unique_slug("painting-01", &mut taken), "painting-01");
        assert_eq!(unique_slug("Harbour at Dusk", &mut taken), "Harbour-at-Dusk");
        assert_eq!(unique_slug("Harbour/at Dusk", &mut taken), "Harbour-at-Dusk-2");
        assert_eq!(unique_slug("..", &mut taken), "artwork");
        assert_eq!(unique_slug("港口", &mut taken), "--");
    }

    #[test]
    fn bases_and_rights() {
        assert_eq!(
            normalised_base("https://example.org/m").unwrap(),
            "https://example.org/m/"
        );
        assert!(matches!(
            normalised_base("museum/"),
            Err(IiifError::BadBase { .. })
        ));
        assert!(matches!(
            normalised_base("https://"),
            Err(IiifError::BadBase { .. })
        ));
        let cc0 = "https://creativecommons.org/publicdomain/zero/1.0/";
        assert_eq!(rights_uri(cc0), Some(cc0));
        assert_eq!(
            rights_uri("http://rightsstatements.org/vocab/InC/1.0/"),
            Some("http://rightsstatements.org/vocab/InC/1.0/")
        );
        assert_eq!(rights_uri("Public domain"), None);
        assert_eq!(rights_uri("https://example.org/licence"), None);
    }

    #[test]
    fn field_names_come_in_english_and_the_venue_s_known_languages() {
        let map = names_map("artist", &["fr".to_owned(), "pt-BR".to_owned()]);
        assert_eq!(map, json!({ "en": ["Artist"], "fr": ["Artiste"] }));
    }
}
