//! XMP metadata as glTF's `KHR_xmp_json_ld` carries it: packets in JSON-LD, each one
//! JSON object whose `@context` binds prefixes to namespaces (`"dc":
//! "http://purl.org/dc/elements/1.1/"`) and whose other members are properties
//! (`"dc:title"`, `"dc:creator"`, …).
//!
//! A scene keeps the packet of the file's asset ([`Scene::asset_xmp`](crate::Scene::asset_xmp))
//! and those of its nodes, meshes, materials and images (their `xmp` fields) as they
//! were read, and writes them back on export. [`XmpPacket`] finds a property by its
//! namespace whatever prefix the packet binds it to, and sets one; [`xmp_texts`] reads
//! a property's value in any of the shapes XMP's types take in JSON-LD.

use serde_json::{Map, Value};

/// The RDF namespace, whose `rdf:Alt` marks a language alternative.
pub const RDF_NAMESPACE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// One XMP packet: a JSON object with an `@context`. Kept as read, members in the
/// file's order; a packet that is not a JSON object is not a packet (see
/// [`XmpPacket::from_json`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct XmpPacket {
    members: Map<String, Value>,
}

impl XmpPacket {
    /// An empty packet: an empty `@context` and no property.
    pub fn new() -> Self {
        let mut members = Map::new();
        members.insert("@context".into(), Value::Object(Map::new()));
        Self { members }
    }

    /// The packet in `value`, or `None` when it is not a JSON object.
    pub fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::Object(members) => Some(Self { members }),
            _ => None,
        }
    }

    /// The packet as JSON, as written into a file.
    pub fn to_json(&self) -> Value {
        Value::Object(self.members.clone())
    }

    /// Every member: `@context` and the properties, as written.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// The prefix the packet's `@context` binds to `namespace`, if any.
    pub fn prefix(&self, namespace: &str) -> Option<&str> {
        self.members
            .get("@context")?
            .as_object()?
            .iter()
            .find(|(_, iri)| iri.as_str() == Some(namespace))
            .map(|(prefix, _)| prefix.as_str())
    }

    /// The property `name` of `namespace`: written with the prefix the `@context` binds
    /// to the namespace (`dc:title`), or as a full IRI
    /// (`http://purl.org/dc/elements/1.1/title`).
    pub fn get(&self, namespace: &str, name: &str) -> Option<&Value> {
        let prefixed = self
            .prefix(namespace)
            .and_then(|prefix| self.members.get(&format!("{prefix}:{name}")));
        prefixed.or_else(|| self.members.get(&format!("{namespace}{name}")))
    }

    /// Sets the property `name` of `namespace` to `value`, with the prefix the packet
    /// binds to the namespace, else with `prefix` (bound in the `@context` here; when
    /// the packet binds `prefix` to another namespace, `prefix` followed by a number).
    /// A copy written as a full IRI is removed.
    pub fn set(&mut self, namespace: &str, prefix: &str, name: &str, value: Value) {
        let prefix = self.bind(namespace, prefix);
        self.members.remove(&format!("{namespace}{name}"));
        self.members.insert(format!("{prefix}:{name}"), value);
    }

    /// Removes the property `name` of `namespace` (under its prefix and as a full IRI).
    pub fn remove(&mut self, namespace: &str, name: &str) {
        if let Some(prefix) = self.prefix(namespace).map(str::to_owned) {
            self.members.remove(&format!("{prefix}:{name}"));
        }
        self.members.remove(&format!("{namespace}{name}"));
    }

    /// The prefix bound to `namespace`, binding `preferred` (or a free variant of it)
    /// when none is.
    pub fn bind(&mut self, namespace: &str, preferred: &str) -> String {
        if let Some(prefix) = self.prefix(namespace) {
            return prefix.to_owned();
        }
        let context = self
            .members
            .entry("@context")
            .or_insert_with(|| Value::Object(Map::new()));
        if !context.is_object() {
            // A context that is a remote reference or a list: keep it out of the way
            // of the one that names the prefixes written here.
            *context = Value::Object(Map::new());
        }
        let Value::Object(context) = context else {
            return preferred.to_owned();
        };
        let prefix = std::iter::once(preferred.to_owned())
            .chain((2..).map(|n| format!("{preferred}{n}")))
            .find(|p| !context.contains_key(p))
            .unwrap_or_else(|| preferred.to_owned());
        context.insert(prefix.clone(), Value::String(namespace.to_owned()));
        prefix
    }
}

/// One text of a property's value: the text and the language it is tagged with
/// (`None` for an untagged text, `Some("x-default")` for a language alternative's
/// default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmpText {
    /// The language tag as written, if any.
    pub language: Option<String>,
    /// The text.
    pub text: String,
}

/// Every text of a property's value, in order, read from whichever shape it has: a
/// string (a number or boolean as written); a value object `{"@value", "@language"}`;
/// a language alternative `{"@type": "rdf:Alt", "rdf:_1": {…}, "rdf:_2": {…}}` (items
/// in the order of their numbers); an ordered or unordered array `{"@list": […]}`,
/// `{"@set": […]}`, or a plain JSON array. Anything else (a structure, `null`) gives
/// nothing: `None` when nothing in the value is text.
pub fn xmp_texts(value: &Value) -> Option<Vec<XmpText>> {
    let mut out = Vec::new();
    collect(value, None, &mut out, 0);
    (!out.is_empty()).then_some(out)
}

/// How deeply arrays and alternatives may nest before the rest is ignored.
const MAX_DEPTH: usize = 8;

fn collect(value: &Value, language: Option<&str>, out: &mut Vec<XmpText>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let text = match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    if let Some(text) = text {
        out.push(XmpText {
            language: language.map(str::to_owned),
            text,
        });
        return;
    }
    match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => {}
        Value::Array(items) => {
            for item in items {
                collect(item, language, out, depth + 1);
            }
        }
        Value::Object(object) => {
            if let Some(inner) = object.get("@value") {
                let tag = object.get("@language").and_then(Value::as_str).or(language);
                collect(inner, tag, out, depth + 1);
            } else if let Some(items) = object.get("@list").or_else(|| object.get("@set")) {
                collect(items, language, out, depth + 1);
            } else if is_alternative(object) {
                let mut items: Vec<(u64, &Value)> = object
                    .iter()
                    .filter_map(|(key, item)| Some((alternative_index(key)?, item)))
                    .collect();
                items.sort_by_key(|(n, _)| *n);
                for (_, item) in items {
                    collect(item, language, out, depth + 1);
                }
            }
        }
    }
}

/// Whether an object is an `rdf:Alt` (or `rdf:Bag`/`rdf:Seq`) written with numbered
/// `rdf:_N` members.
fn is_alternative(object: &Map<String, Value>) -> bool {
    object.keys().any(|key| alternative_index(key).is_some())
}

/// `N` of a member named `rdf:_N` (any prefix, or the full RDF IRI).
fn alternative_index(key: &str) -> Option<u64> {
    let local = key
        .strip_prefix(RDF_NAMESPACE)
        .or_else(|| key.split_once(':').map(|(_, local)| local))?;
    local.strip_prefix('_')?.parse().ok()
}

/// A language alternative of `texts` (language tag, text), in order: the value of a
/// property of XMP's type Lang Alt, as `KHR_xmp_json_ld` writes one.
pub fn xmp_alternative<'a>(rdf_prefix: &str, texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Value {
    let mut object = Map::new();
    object.insert("@type".into(), Value::String(format!("{rdf_prefix}:Alt")));
    for (i, (language, text)) in texts.into_iter().enumerate() {
        let mut item = Map::new();
        item.insert("@language".into(), Value::String(language.to_owned()));
        item.insert("@value".into(), Value::String(text.to_owned()));
        object.insert(format!("{rdf_prefix}:_{}", i + 1), Value::Object(item));
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DC: &str = "http://purl.org/dc/elements/1.1/";

    #[test]
    fn properties_are_found_by_namespace_whatever_the_prefix() {
        let packet = XmpPacket::from_json(json!({
            "@context": { "dc11": DC },
            "dc11:title": "Helmet",
            "http://purl.org/dc/elements/1.1/rights": "CC-BY"
        }))
        .expect("an object");
        assert_eq!(packet.prefix(DC), Some("dc11"));
        assert_eq!(packet.get(DC, "title"), Some(&json!("Helmet")));
        assert_eq!(packet.get(DC, "rights"), Some(&json!("CC-BY")));
        assert_eq!(packet.get(DC, "creator"), None);
        assert_eq!(XmpPacket::from_json(json!(["not", "a", "packet"])), None);
    }

    #[test]
    fn set_binds_a_free_prefix_and_replaces_a_full_iri_copy() {
        let mut packet = XmpPacket::from_json(json!({
            "@context": { "dc": "http://example.com/other/" },
            "http://purl.org/dc/elements/1.1/title": "Old"
        }))
        .expect("an object");
        packet.set(DC, "dc", "title", json!("New"));
        assert_eq!(packet.members()["@context"]["dc2"], DC);
        assert_eq!(packet.members()["dc2:title"], "New");
        assert_eq!(packet.get(DC, "title"), Some(&json!("New")));
        assert_eq!(packet.members().len(), 2, "{packet:?}");
        packet.remove(DC, "title");
        assert_eq!(packet.get(DC, "title"), None);
        let mut odd =
            XmpPacket::from_json(json!({ "@context": "https://example.com/ctx" })).expect("an object");
        assert_eq!(odd.bind(DC, "dc"), "dc");
        assert_eq!(odd.get(DC, "x"), None);
    }

    #[test]
    fn texts_are_read_from_every_shape() {
        let text = |language: Option<&str>, text: &str| XmpText {
            language: language.map(str::to_owned),
            text: text.to_owned(),
        };
        assert_eq!(xmp_texts(&json!("plain")), Some(vec![text(None, "plain")]));
        let alt = json!({
            "@type": "rdf:Alt",
            "rdf:_2": { "@language": "it-it", "@value": "Mio Modello" },
            "rdf:_1": { "@language": "en-us", "@value": "My Model" }
        });
        assert_eq!(
            xmp_texts(&alt),
            Some(vec![
                text(Some("en-us"), "My Model"),
                text(Some("it-it"), "Mio Modello")
            ])
        );
        let list = json!({ "@list": ["A", { "@value": "B", "@language": "fr" }, 3] });
        assert_eq!(
            xmp_texts(&list),
            Some(vec![text(None, "A"), text(Some("fr"), "B"), text(None, "3")])
        );
        assert_eq!(xmp_texts(&json!({ "@set": [] })), None);
        assert_eq!(xmp_texts(&json!({ "stEvt:action": "saved" })), None);
        assert_eq!(xmp_texts(&Value::Null), None);
        let mut deep = json!("bottom");
        for _ in 0..100 {
            deep = json!([deep]);
        }
        assert_eq!(xmp_texts(&deep), None, "nesting past the limit is ignored");
    }

    #[test]
    fn an_alternative_reads_back_in_order() {
        let value = xmp_alternative("rdf", [("x-default", "Harbour"), ("fr", "Port")]);
        assert_eq!(value["@type"], "rdf:Alt");
        let texts = xmp_texts(&value).expect("texts");
        let pairs: Vec<(Option<&str>, &str)> = texts
            .iter()
            .map(|t| (t.language.as_deref(), t.text.as_str()))
            .collect();
        assert_eq!(pairs, [(Some("x-default"), "Harbour"), (Some("fr"), "Port")]);
    }
}
