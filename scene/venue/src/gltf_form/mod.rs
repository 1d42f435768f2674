//! What a venue keeps of itself in a glTF file beside its exhibits, so that the file
//! loaded as a venue behaves as the venue did: the keys and JSON shapes of the `extras`
//! written by [`export_scene`](crate::export_scene) and read back by the glTF venue
//! loader (documented in `docs/venue-format.md`, "A glTF file as a venue").
//!
//! - The scene's `extras.venue`: `{"format": "museion-venue/1", "language", "languages",
//!   "visitor": {…}, "environment": {…}}`.
//! - A spawn is a camera node at the visitor's eyes, looking along its heading, with
//!   `extras.spawn = {"id"}`.
//! - A tour is a node with `extras.tour = {"id", "name"}` whose children, in order, are
//!   its stops: camera nodes at the stop's eye looking at its target, with
//!   `extras.tour_stop = {"distance", "dwell", "caption", "translations", "exhibit"}`.
//!
//! - A room's node carries `extras.room`, the scene's `extras.venue` the wall thickness and
//!   the bake's settings ([`rooms`]); the loops of the model exhibits and the guide are in
//!   [`motion`]; a file environment is embedded in the GLB ([`embedded`]).
//!
//! Reading is lenient, as for exhibits: a member of the wrong type is ignored with a
//! warning and its default used; nothing in a file's `extras` makes a load fail.

pub(crate) mod embedded;
pub(crate) mod motion;
pub(crate) mod rooms;

use crate::compiled::BakeSettings;
use embedded::EmbeddedJson;
use museion_scene::{EnvironmentChoice, EnvironmentSource, VisitorSettings};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The `format` of the scene's `extras.venue`.
pub(crate) const FORMAT: &str = "museion-venue/1";
/// The key of the venue's settings in the scene's `extras`.
pub(crate) const VENUE_KEY: &str = "venue";
/// The key marking a spawn's camera node.
pub(crate) const SPAWN_KEY: &str = "spawn";
/// The key marking a tour's node.
pub(crate) const TOUR_KEY: &str = "tour";
/// The key marking a tour stop's camera node.
pub(crate) const STOP_KEY: &str = "tour_stop";
/// The name of the one camera every spawn and stop node uses.
pub(crate) const CAMERA_NAME: &str = "museion visitor";
/// The vertical field of view of that camera, degrees: `museion render`'s default for
/// spawn and tour views.
pub(crate) const CAMERA_YFOV_DEGREES: f32 = 60.0;

/// The venue-wide settings a glTF file carries on its scene.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct VenueSettings {
    /// The main text's language code.
    pub language: Option<String>,
    /// The reading order of the languages.
    pub languages: Vec<String>,
    /// The visitor's body and gait.
    pub visitor: VisitorSettings,
    /// The environment light: its source (a file by its name, embedded or looked for
    /// beside the glTF file) and intensity.
    pub environment: Option<EnvironmentJson>,
    /// The thickness of the venue's walls, metres.
    pub wall_thickness: Option<f32>,
    /// How its indirect light is baked.
    pub bake: Option<BakeSettings>,
}

/// An environment as written: a built-in one by name, or a file by its name.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EnvironmentJson {
    /// `"studio"`, `"sky"`, `"none"` or `"file"`.
    pub source: String,
    /// For `"file"`: the file's name, without folders.
    pub file: Option<String>,
    /// The multiplier of its light.
    pub intensity: f32,
    /// Where the file's bytes are stored in the GLB, when they are.
    pub embedded: Option<EmbeddedJson>,
}

impl EnvironmentJson {
    /// The environment of a compiled venue as written.
    pub(crate) fn of(choice: &EnvironmentChoice) -> Self {
        let (source, file) = match &choice.source {
            EnvironmentSource::None => ("none", None),
            EnvironmentSource::Studio => ("studio", None),
            EnvironmentSource::Sky => ("sky", None),
            EnvironmentSource::File(path) => {
                ("file", path.file_name().map(|n| n.to_string_lossy().into_owned()))
            }
        };
        Self {
            source: source.to_owned(),
            file,
            intensity: choice.intensity,
            embedded: None,
        }
    }
}

impl VenueSettings {
    /// The scene's `extras.venue` object.
    pub(crate) fn to_json(&self) -> Value {
        let v = &self.visitor;
        let mut object = Map::new();
        object.insert("format".into(), json!(FORMAT));
        if let Some(language) = &self.language {
            object.insert("language".into(), json!(language));
        }
        object.insert("languages".into(), json!(self.languages));
        object.insert(
            "visitor".into(),
            json!({
                "eye_height": v.eye_height,
                "body_height": v.body_height,
                "radius": v.radius,
                "walk_speed": v.walk_speed,
                "run_speed": v.run_speed,
                "step_height": v.step_height,
                "max_slope": v.max_slope_degrees,
                "gravity": v.gravity,
            }),
        );
        if let Some(environment) = &self.environment {
            let mut env = Map::new();
            env.insert("source".into(), json!(environment.source));
            if let Some(file) = &environment.file {
                env.insert("file".into(), json!(file));
            }
            env.insert("intensity".into(), json!(environment.intensity));
            object.insert("environment".into(), Value::Object(env));
        }
        if let Some(thickness) = self.wall_thickness {
            object.insert("wall_thickness".into(), json!(thickness));
        }
        if let Some(bake) = &self.bake {
            object.insert("bake".into(), rooms::bake_json(bake));
        }
        Value::Object(object)
    }

    /// Reads the scene's `extras.venue`; `None` when there is none or it is not a
    /// Museion venue's (another `format`). Members of the wrong type are warnings.
    pub(crate) fn from_extras(extras: Option<&Value>, warnings: &mut Vec<String>) -> Option<Self> {
        let venue = extras?.get(VENUE_KEY)?;
        let format = venue.get("format").and_then(Value::as_str);
        if format != Some(FORMAT) {
            warnings.push(format!(
                "the scene's extras.venue has format {}, not \"{FORMAT}\"; ignored",
                format.map_or_else(|| "(none)".to_owned(), |f| format!("{f:?}"))
            ));
            return None;
        }
        let mut read = Reader {
            at: "extras.venue",
            warnings,
        };
        let language = read.string(venue, "language");
        let languages = read.strings(venue, "languages");
        let visitor = match venue.get("visitor") {
            Some(object) => read.visitor(object),
            None => VisitorSettings::default(),
        };
        let environment = venue.get("environment").map(|env| EnvironmentJson {
            source: read.string(env, "source").unwrap_or_else(|| "studio".into()),
            file: read.string(env, "file"),
            intensity: read.number(env, "intensity", |x| x >= 0.0).unwrap_or(1.0),
            embedded: embedded::embedded_from_json(env, read.warnings),
        });
        let wall_thickness = read.number(venue, "wall_thickness", |t| t > 0.0);
        let bake = venue.get("bake").map(|b| rooms::bake_from_json(b, read.warnings));
        Some(Self {
            language,
            languages,
            visitor,
            environment,
            wall_thickness,
            bake,
        })
    }
}

/// A tour stop's `extras.tour_stop` as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct StopJson {
    /// Metres from the eye to the target, along the camera's view.
    pub distance: Option<f32>,
    /// Seconds at the stop.
    pub dwell: Option<f32>,
    /// The caption in the main language.
    pub caption: Option<String>,
    /// The caption in other languages.
    pub translations: BTreeMap<String, String>,
    /// The id of the exhibit shown.
    pub exhibit: Option<String>,
}

impl StopJson {
    /// The `extras.tour_stop` object.
    pub(crate) fn to_json(&self) -> Value {
        let mut object = Map::new();
        if let Some(distance) = self.distance {
            object.insert("distance".into(), json!(distance));
        }
        if let Some(dwell) = self.dwell {
            object.insert("dwell".into(), json!(dwell));
        }
        if let Some(caption) = &self.caption {
            object.insert("caption".into(), json!(caption));
        }
        if !self.translations.is_empty() {
            object.insert("translations".into(), json!(self.translations));
        }
        if let Some(exhibit) = &self.exhibit {
            object.insert("exhibit".into(), json!(exhibit));
        }
        Value::Object(object)
    }

    /// Reads an `extras.tour_stop` object; `at` names it in warnings.
    pub(crate) fn from_json(value: &Value, at: &str, warnings: &mut Vec<String>) -> Self {
        let mut read = Reader { at, warnings };
        let translations = match value.get("translations") {
            None => BTreeMap::new(),
            Some(Value::Object(map)) => map
                .iter()
                .filter_map(|(code, text)| match text.as_str() {
                    Some(text) => Some((code.clone(), text.to_owned())),
                    None => {
                        read.wrong(&format!("translations.{code}"), "a string");
                        None
                    }
                })
                .collect(),
            Some(_) => {
                read.wrong("translations", "an object of language code → text");
                BTreeMap::new()
            }
        };
        Self {
            distance: read.number(value, "distance", |x| x > 0.0),
            dwell: read.number(value, "dwell", |x| x > 0.0),
            caption: read.string(value, "caption"),
            translations,
            exhibit: read.string(value, "exhibit"),
        }
    }
}

/// The string member `key` of an object in `extras`, if it is one (`id`, `name`).
pub(crate) fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Reads members leniently, noting each of the wrong type.
struct Reader<'w> {
    at: &'w str,
    warnings: &'w mut Vec<String>,
}

impl Reader<'_> {
    /// Notes that the object read is not an object.
    fn not_object(&mut self) {
        self.warnings
            .push(format!("{} is not an object; ignored", self.at));
    }

    fn wrong(&mut self, key: &str, expected: &str) {
        self.warnings
            .push(format!("{}.{key} is not {expected}; ignored", self.at));
    }

    fn string(&mut self, object: &Value, key: &str) -> Option<String> {
        let value = object.get(key)?;
        let text = value.as_str().map(str::to_owned);
        if text.is_none() {
            self.wrong(key, "a string");
        }
        text
    }

    fn strings(&mut self, object: &Value, key: &str) -> Vec<String> {
        match object.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Some(_) => {
                self.wrong(key, "a list of strings");
                Vec::new()
            }
        }
    }

    fn number(&mut self, object: &Value, key: &str, valid: impl Fn(f32) -> bool) -> Option<f32> {
        let value = object.get(key)?;
        let number = value
            .as_f64()
            .map(|x| x as f32)
            .filter(|x| x.is_finite() && valid(*x));
        if number.is_none() {
            self.wrong(key, "a number in range");
        }
        number
    }

    fn visitor(&mut self, object: &Value) -> VisitorSettings {
        let d = VisitorSettings::default();
        let mut positive = |key: &str, default: f32| self.number(object, key, |x| x > 0.0).unwrap_or(default);
        let eye_height = positive("eye_height", d.eye_height);
        let body_height = positive("body_height", d.body_height);
        let radius = positive("radius", d.radius);
        let walk_speed = positive("walk_speed", d.walk_speed);
        let run_speed = positive("run_speed", d.run_speed);
        let step_height = positive("step_height", d.step_height);
        let gravity = positive("gravity", d.gravity);
        let max_slope_degrees = self
            .number(object, "max_slope", |x| x > 0.0 && x < 90.0)
            .unwrap_or(d.max_slope_degrees);
        VisitorSettings {
            eye_height: eye_height.min(body_height),
            body_height,
            radius,
            walk_speed,
            run_speed,
            step_height,
            max_slope_degrees,
            gravity,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_wrong_members_are_warnings() {
        let settings = VenueSettings {
            language: Some("en".into()),
            languages: vec!["en".into(), "fr".into()],
            visitor: VisitorSettings {
                eye_height: 1.5,
                max_slope_degrees: 30.0,
                ..VisitorSettings::default()
            },
            environment: Some(EnvironmentJson {
                source: "sky".into(),
                file: None,
                intensity: 0.5,
                embedded: None,
            }),
            wall_thickness: Some(0.3),
            bake: Some(BakeSettings {
                probe_spacing: 2.0,
                samples: 32,
                bounces: 0,
                reflection_size: 128,
                reflection_samples: 4,
            }),
        };
        let extras = json!({ VENUE_KEY: settings.to_json() });
        let mut warnings = Vec::new();
        assert_eq!(
            VenueSettings::from_extras(Some(&extras), &mut warnings),
            Some(settings)
        );
        assert!(warnings.is_empty(), "{warnings:?}");

        let odd = json!({ "venue": { "format": FORMAT, "languages": "en",
            "visitor": { "eye_height": -1, "gravity": "strong" } } });
        let read = VenueSettings::from_extras(Some(&odd), &mut warnings).expect("a venue");
        assert!(read.languages.is_empty());
        assert_eq!(read.visitor, VisitorSettings::default());
        assert_eq!(warnings.len(), 3, "{warnings:?}");

        let foreign = json!({ "venue": { "format": "other/2" } });
        assert_eq!(VenueSettings::from_extras(Some(&foreign), &mut warnings), None);
        assert_eq!(VenueSettings::from_extras(Some(&json!([1])), &mut warnings), None);
    }

    #[test]
    fn stops_round_trip_and_keep_what_is_readable() {
        let stop = StopJson {
            distance: Some(2.5),
            dwell: Some(8.0),
            caption: Some("Harbour".into()),
            translations: [("fr".to_owned(), "Port".to_owned())].into(),
            exhibit: Some("harbour".into()),
        };
        let mut warnings = Vec::new();
        assert_eq!(StopJson::from_json(&stop.to_json(), "stop", &mut warnings), stop);
        assert!(warnings.is_empty());
        let odd = json!({ "dwell": 0, "caption": 3, "translations": { "fr": "Port", "de": 1 } });
        let read = StopJson::from_json(&odd, "stop", &mut warnings);
        assert_eq!(read.dwell, None);
        assert_eq!(read.caption, None);
        assert_eq!(read.translations.len(), 1);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
    }
}
