//! What IIIF Presentation 3.0 requires of the parts of a manifest Museion writes, checked
//! by hand (https://iiif.io/api/presentation/3.0/): the keys each resource must have and
//! their types. Each problem is a JSON pointer and what is wrong there.

use serde_json::Value;
use std::collections::HashSet;

/// Every problem of `manifest`, in document order; empty for a valid one.
pub fn problems(manifest: &Value) -> Vec<String> {
    let mut check = Check::default();
    check.manifest(manifest);
    check.problems
}

#[derive(Default)]
struct Check {
    problems: Vec<String>,
    ids: HashSet<String>,
}

impl Check {
    fn problem(&mut self, at: &str, what: impl Into<String>) {
        self.problems.push(format!("{at}: {}", what.into()));
    }

    fn manifest(&mut self, json: &Value) {
        match &json["@context"] {
            Value::String(c) if c == museion_iiif::CONTEXT => {}
            Value::Array(list) if list.last().and_then(Value::as_str) == Some(museion_iiif::CONTEXT) => {}
            _ => self.problem("/@context", "must be (or end with) the Presentation 3 context"),
        }
        self.resource(json, "", "Manifest");
        self.language_map(&json["label"], "/label", true);
        self.descriptive(json, "");
        match json["items"].as_array() {
            Some(canvases) if !canvases.is_empty() => {
                for (i, canvas) in canvases.iter().enumerate() {
                    self.canvas(canvas, &format!("/items/{i}"));
                }
            }
            _ => self.problem("/items", "a manifest must have at least one canvas"),
        }
    }

    /// `id` (an HTTP(S) URI, unique) and `type`.
    fn resource(&mut self, json: &Value, at: &str, kind: &str) {
        match json["id"].as_str() {
            Some(id) if is_http_uri(id) => {
                if !self.ids.insert(id.to_owned()) {
                    self.problem(&format!("{at}/id"), format!("{id} is the id of two resources"));
                }
            }
            _ => self.problem(&format!("{at}/id"), "must be an HTTP(S) URI"),
        }
        if json["type"] != kind {
            self.problem(&format!("{at}/type"), format!("must be \"{kind}\""));
        }
    }

    /// `summary`, `metadata`, `requiredStatement` and `rights`, where present.
    fn descriptive(&mut self, json: &Value, at: &str) {
        if let Some(summary) = json.get("summary") {
            self.language_map(summary, &format!("{at}/summary"), true);
        }
        if let Some(metadata) = json.get("metadata") {
            match metadata.as_array() {
                Some(entries) => {
                    for (i, entry) in entries.iter().enumerate() {
                        self.pair(entry, &format!("{at}/metadata/{i}"));
                    }
                }
                None => self.problem(&format!("{at}/metadata"), "must be an array"),
            }
        }
        if let Some(statement) = json.get("requiredStatement") {
            self.pair(statement, &format!("{at}/requiredStatement"));
        }
        if let Some(rights) = json.get("rights") {
            let known = rights.as_str().is_some_and(|r| {
                is_http_uri(r)
                    && (r.contains("://creativecommons.org/") || r.contains("://rightsstatements.org/"))
            });
            if !known {
                self.problem(
                    &format!("{at}/rights"),
                    "must be a Creative Commons or RightsStatements.org URI",
                );
            }
        }
    }

    /// A `{label, value}` pair of language maps (metadata entries, the required statement).
    fn pair(&mut self, json: &Value, at: &str) {
        self.language_map(&json["label"], &format!("{at}/label"), true);
        self.language_map(&json["value"], &format!("{at}/value"), true);
    }

    /// A JSON object whose keys are BCP 47 codes or `none` and whose values are arrays of
    /// strings.
    fn language_map(&mut self, json: &Value, at: &str, required: bool) {
        let Some(map) = json.as_object() else {
            if required || !json.is_null() {
                self.problem(at, "must be a language map (an object of language → [strings])");
            }
            return;
        };
        if map.is_empty() {
            self.problem(at, "a language map must have a language");
        }
        for (language, texts) in map {
            let code = language == "none"
                || (!language.is_empty()
                    && language
                        .split('-')
                        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric())));
            if !code {
                self.problem(at, format!("{language:?} is not a language code"));
            }
            let strings = texts
                .as_array()
                .is_some_and(|list| !list.is_empty() && list.iter().all(Value::is_string));
            if !strings {
                self.problem(
                    &format!("{at}/{language}"),
                    "must be a non-empty array of strings",
                );
            }
        }
    }

    fn canvas(&mut self, json: &Value, at: &str) {
        self.resource(json, at, "Canvas");
        self.language_map(&json["label"], &format!("{at}/label"), true);
        self.descriptive(json, at);
        let size = |key: &str| json[key].as_u64().filter(|v| *v > 0);
        let (width, height) = (size("width"), size("height"));
        if width.is_none() {
            self.problem(&format!("{at}/width"), "must be a positive integer");
        }
        if height.is_none() {
            self.problem(&format!("{at}/height"), "must be a positive integer");
        }
        let canvas_id = json["id"].as_str().unwrap_or_default().to_owned();
        match json["items"].as_array() {
            Some(pages) if !pages.is_empty() => {
                for (i, page) in pages.iter().enumerate() {
                    self.page(page, &format!("{at}/items/{i}"), &canvas_id);
                }
            }
            _ => self.problem(
                &format!("{at}/items"),
                "a canvas painted by an image has an annotation page",
            ),
        }
    }

    fn page(&mut self, json: &Value, at: &str, canvas: &str) {
        self.resource(json, at, "AnnotationPage");
        match json["items"].as_array() {
            Some(annotations) if !annotations.is_empty() => {
                for (i, annotation) in annotations.iter().enumerate() {
                    self.annotation(annotation, &format!("{at}/items/{i}"), canvas);
                }
            }
            _ => self.problem(&format!("{at}/items"), "must be a non-empty array of annotations"),
        }
    }

    fn annotation(&mut self, json: &Value, at: &str, canvas: &str) {
        self.resource(json, at, "Annotation");
        if json["motivation"] != "painting" {
            self.problem(&format!("{at}/motivation"), "must be \"painting\"");
        }
        let target = json["target"].as_str().unwrap_or_default();
        if target != canvas && !target.starts_with(&format!("{canvas}#xywh=")) {
            self.problem(&format!("{at}/target"), format!("must be the canvas {canvas}"));
        }
        let body = &json["body"];
        let body_at = format!("{at}/body");
        self.resource(body, &body_at, "Image");
        if !body["format"].as_str().is_some_and(|f| f.starts_with("image/")) {
            self.problem(&format!("{body_at}/format"), "must be an image media type");
        }
        for key in ["width", "height"] {
            if body[key].as_u64().is_none_or(|v| v == 0) {
                self.problem(&format!("{body_at}/{key}"), "must be a positive integer");
            }
        }
    }
}

fn is_http_uri(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}
