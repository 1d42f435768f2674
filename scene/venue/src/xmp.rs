//! Exhibit labels as XMP metadata (glTF `KHR_xmp_json_ld`), so that other glTF tools show
//! a work's title, creator and rights, and a glTF venue's exhibits can take their labels
//! from XMP: which property holds which field of a label, how language alternatives map
//! onto its translations, and the venue's own packet (documented in
//! `docs/provenance.md`, "Rights metadata in glTF").
//!
//! | label field | XMP property | XMP type |
//! |---|---|---|
//! | `title` | `dc:title` | Lang Alt |
//! | `artist` | `dc:creator` | Seq |
//! | `date` | `dc:date` | Seq |
//! | `medium` | `museion:medium` | Lang Alt |
//! | `dimensions` | `museion:dimensions` | Lang Alt |
//! | `accession_number` | `dc:identifier` | Text |
//! | `credit_line` | `photoshop:Credit` | Text |
//! | `rights` | `dc:rights` (read: else `xmpRights:UsageTerms`, else `xmpRights:WebStatement`) | Lang Alt |
//! | `description` | `dc:description` | Lang Alt |

use crate::metadata::{ExhibitMetadata, LabelText};
use museion_scene::{RDF_NAMESPACE, XmpPacket, XmpText, xmp_alternative, xmp_texts};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Dublin Core's elements.
pub const DC_NAMESPACE: &str = "http://purl.org/dc/elements/1.1/";
/// XMP's basic namespace (`xmp:CreatorTool`).
pub const XMP_NAMESPACE: &str = "http://ns.adobe.com/xap/1.0/";
/// XMP's rights management namespace (`xmpRights:UsageTerms`, `xmpRights:WebStatement`).
pub const XMP_RIGHTS_NAMESPACE: &str = "http://ns.adobe.com/xap/1.0/rights/";
/// Photoshop's namespace, whose `photoshop:Credit` is IPTC Core's credit line.
pub const PHOTOSHOP_NAMESPACE: &str = "http://ns.adobe.com/photoshop/1.0/";
/// Museion's label namespace, for the label fields no common schema has: `medium` and
/// `dimensions`.
pub const LABEL_NAMESPACE: &str = "https://github.com/museion/museion/ns/label/1.0/";

/// The language tag of a language alternative's default text.
const DEFAULT_LANGUAGE: &str = "x-default";

/// How a property's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A language alternative: the main text as `x-default`, one item per translation.
    Alternative,
    /// An ordered array (`{"@list": [text]}`) of the main text.
    Seq,
    /// A plain string, the main text.
    Text,
}

/// One label field and the property that holds it.
struct Field {
    namespace: &'static str,
    prefix: &'static str,
    name: &'static str,
    kind: Kind,
    /// The field in a label's text.
    slot: fn(&mut LabelText) -> &mut Option<String>,
}

impl Field {
    const fn new(
        namespace: &'static str,
        prefix: &'static str,
        name: &'static str,
        kind: Kind,
        slot: fn(&mut LabelText) -> &mut Option<String>,
    ) -> Self {
        Self {
            namespace,
            prefix,
            name,
            kind,
            slot,
        }
    }

    /// The field's text in `label`, if it has one.
    fn of(&self, label: &LabelText) -> Option<String> {
        (self.slot)(&mut label.clone()).clone()
    }
}

/// The label's fields, in the order of [`LabelText`].
const FIELDS: [Field; 9] = [
    Field::new(DC_NAMESPACE, "dc", "title", Kind::Alternative, |l| &mut l.title),
    Field::new(DC_NAMESPACE, "dc", "creator", Kind::Seq, |l| &mut l.artist),
    Field::new(DC_NAMESPACE, "dc", "date", Kind::Seq, |l| &mut l.date),
    Field::new(LABEL_NAMESPACE, "museion", "medium", Kind::Alternative, |l| {
        &mut l.medium
    }),
    Field::new(LABEL_NAMESPACE, "museion", "dimensions", Kind::Alternative, |l| {
        &mut l.dimensions
    }),
    Field::new(DC_NAMESPACE, "dc", "identifier", Kind::Text, |l| {
        &mut l.accession_number
    }),
    Field::new(PHOTOSHOP_NAMESPACE, "photoshop", "Credit", Kind::Text, |l| {
        &mut l.credit_line
    }),
    Field::new(DC_NAMESPACE, "dc", "rights", Kind::Alternative, |l| &mut l.rights),
    Field::new(DC_NAMESPACE, "dc", "description", Kind::Alternative, |l| {
        &mut l.description
    }),
];

/// Where a label's rights are read from when the packet has no `dc:rights`, in order.
const RIGHTS_FALLBACKS: [&str; 2] = ["UsageTerms", "WebStatement"];

impl ExhibitMetadata {
    /// The label an XMP packet gives (see the module's table): for each field, the
    /// default text of a language alternative (`x-default`), else the text in
    /// `main_language`, else an untagged text, else — when `main_language` is `None` —
    /// the first text, as the main text; every other language-tagged text as the
    /// translation in its language (the code spelt as in `known` when it is there
    /// whatever its case, else in BCP 47's usual case: `zh-cn` → `zh-CN`). Several main
    /// texts (creators in a `dc:creator` list) are joined with `"; "`. A property of a
    /// shape that holds no text is ignored with a warning in the log.
    pub fn from_xmp(packet: &XmpPacket, main_language: Option<&str>, known: &[String]) -> Self {
        let mut main = LabelText::default();
        let mut translations: BTreeMap<String, LabelText> = BTreeMap::new();
        for field in &FIELDS {
            let value = packet.get(field.namespace, field.name).or_else(|| {
                (field.name == "rights")
                    .then(|| {
                        RIGHTS_FALLBACKS
                            .iter()
                            .find_map(|name| packet.get(XMP_RIGHTS_NAMESPACE, name))
                    })
                    .flatten()
            });
            let Some(value) = value else { continue };
            let Some(texts) = xmp_texts(value) else {
                log::warn!(
                    "XMP property {}:{} holds no text; ignored",
                    field.prefix,
                    field.name
                );
                continue;
            };
            let split = Split::of(&texts, main_language, known);
            *(field.slot)(&mut main) = split.main;
            for (code, text) in split.translations {
                *(field.slot)(translations.entry(code).or_default()) = Some(text);
            }
        }
        Self::from_parts(main, translations)
    }

    /// The label written into an XMP packet (see the module's table): `base` (a packet
    /// the exhibit already had) with each field's property set to the label's, or
    /// removed when the label has no such field; its other properties stay. Language
    /// alternatives hold the main text as `x-default` (and again under `main_language`,
    /// when the venue names it), then each translation of the field, language codes in
    /// lower case as `KHR_xmp_json_ld` asks. A rights statement that is a web address
    /// is also written as `xmpRights:WebStatement`.
    pub fn to_xmp(&self, main_language: Option<&str>, base: Option<&XmpPacket>) -> XmpPacket {
        let mut packet = base.cloned().unwrap_or_else(XmpPacket::new);
        let main = self.main_text();
        for field in &FIELDS {
            let Some(text) = field.of(&main) else {
                packet.remove(field.namespace, field.name);
                continue;
            };
            let value = match field.kind {
                Kind::Text => Value::String(text),
                Kind::Seq => json!({ "@list": [text] }),
                Kind::Alternative => {
                    let rdf = packet.bind(RDF_NAMESPACE, "rdf");
                    let mut items = vec![(DEFAULT_LANGUAGE.to_owned(), text.clone())];
                    if let Some(language) = main_language.filter(|l| !l.is_empty()) {
                        items.push((language.to_ascii_lowercase(), text.clone()));
                    }
                    for (code, translation) in &self.translations {
                        if let Some(t) = field.of(translation) {
                            items.push((code.to_ascii_lowercase(), t));
                        }
                    }
                    xmp_alternative(&rdf, items.iter().map(|(l, t)| (l.as_str(), t.as_str())))
                }
            };
            packet.set(field.namespace, field.prefix, field.name, value);
        }
        match self.rights.as_deref().filter(|r| is_web_address(r)) {
            Some(address) => packet.set(XMP_RIGHTS_NAMESPACE, "xmpRights", "WebStatement", json!(address)),
            None => packet.remove(XMP_RIGHTS_NAMESPACE, "WebStatement"),
        }
        packet
    }

    /// Each field this label lacks taken from `other` (a translation field by field,
    /// language by language): `self` wins where both have one.
    pub fn or(self, other: ExhibitMetadata) -> ExhibitMetadata {
        let main = self.main_text().or(other.main_text());
        let mut translations = self.translations;
        for (code, theirs) in other.translations {
            let mine = translations.remove(&code).unwrap_or_default();
            translations.insert(code, mine.or(theirs));
        }
        Self::from_parts(main, translations)
    }
}

/// The venue's own packet, for a glTF file's `asset`: `base` (the packet the file had)
/// with the venue's name as `dc:title`, its languages as `dc:language` (an unordered
/// set, the main text's language first) and Museion as `xmp:CreatorTool`.
pub fn venue_xmp(
    name: Option<&str>,
    language: Option<&str>,
    languages: &[String],
    base: Option<&XmpPacket>,
) -> XmpPacket {
    let mut packet = base.cloned().unwrap_or_else(XmpPacket::new);
    match name {
        Some(name) => {
            let rdf = packet.bind(RDF_NAMESPACE, "rdf");
            let mut items = vec![(DEFAULT_LANGUAGE.to_owned(), name.to_owned())];
            if let Some(language) = language.filter(|l| !l.is_empty()) {
                items.push((language.to_ascii_lowercase(), name.to_owned()));
            }
            let title = xmp_alternative(&rdf, items.iter().map(|(l, t)| (l.as_str(), t.as_str())));
            packet.set(DC_NAMESPACE, "dc", "title", title);
        }
        None => packet.remove(DC_NAMESPACE, "title"),
    }
    let codes: Vec<&str> = language
        .into_iter()
        .chain(languages.iter().map(String::as_str))
        .filter(|code| !code.is_empty())
        .fold(Vec::new(), |mut codes, code| {
            if !codes.contains(&code) {
                codes.push(code);
            }
            codes
        });
    if codes.is_empty() {
        packet.remove(DC_NAMESPACE, "language");
    } else {
        packet.set(DC_NAMESPACE, "dc", "language", json!({ "@set": codes }));
    }
    packet.set(
        XMP_NAMESPACE,
        "xmp",
        "CreatorTool",
        json!(museion_gltf::GENERATOR),
    );
    packet
}

/// The languages a file's `asset` packet names (`dc:language`), in order.
pub(crate) fn packet_languages(packet: &XmpPacket) -> Vec<String> {
    packet
        .get(DC_NAMESPACE, "language")
        .and_then(xmp_texts)
        .map(|texts| texts.into_iter().map(|t| t.text).collect())
        .unwrap_or_default()
}

/// Whether a packet gives a title: a node with one is an exhibit of a glTF venue.
pub(crate) fn has_title(packet: &XmpPacket) -> bool {
    packet.get(DC_NAMESPACE, "title").and_then(xmp_texts).is_some()
}

/// A property's texts split into the main text and the translations.
struct Split {
    main: Option<String>,
    translations: BTreeMap<String, String>,
}

impl Split {
    fn of(texts: &[XmpText], main_language: Option<&str>, known: &[String]) -> Self {
        let main_language = main_language.filter(|m| !m.is_empty());
        let is_default = |t: &XmpText| {
            t.language
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(DEFAULT_LANGUAGE))
        };
        let in_main = |t: &XmpText| match (t.language.as_deref(), main_language) {
            (Some(l), Some(m)) => l.eq_ignore_ascii_case(m),
            _ => false,
        };
        // Which texts are the main one: the first kind present, in this order.
        let main_kind = if texts.iter().any(is_default) {
            MainText::Default
        } else if texts.iter().any(in_main) {
            MainText::InMainLanguage
        } else if texts.iter().any(|t| t.language.is_none()) {
            MainText::Untagged
        } else if main_language.is_none() {
            MainText::Tagged(texts.first().and_then(|t| t.language.clone()))
        } else {
            MainText::Absent
        };
        let is_main = |t: &XmpText| match &main_kind {
            MainText::Default => is_default(t),
            MainText::InMainLanguage => in_main(t),
            MainText::Untagged => t.language.is_none(),
            MainText::Tagged(language) => t.language == *language,
            MainText::Absent => false,
        };
        let main: Vec<&str> = texts
            .iter()
            .filter(|t| is_main(t))
            .map(|t| t.text.as_str())
            .collect();
        let mut translations: BTreeMap<String, String> = BTreeMap::new();
        for text in texts {
            let Some(language) = text.language.as_deref() else {
                continue;
            };
            if is_main(text) || is_default(text) || in_main(text) {
                continue;
            }
            translations
                .entry(canonical_code(language, known))
                .and_modify(|t| {
                    t.push_str("; ");
                    t.push_str(&text.text);
                })
                .or_insert_with(|| text.text.clone());
        }
        Self {
            main: (!main.is_empty()).then(|| main.join("; ")),
            translations,
        }
    }
}

/// Which of a property's texts are the main text.
enum MainText {
    /// The language alternative's default (`x-default`).
    Default,
    /// Those tagged with the venue's main language.
    InMainLanguage,
    /// Those without a language tag.
    Untagged,
    /// Those tagged like the first text (no default, no main language named).
    Tagged(Option<String>),
    /// None: only translations.
    Absent,
}

/// A language tag spelt as one of `known` when it is there whatever its case, else in
/// BCP 47's usual case: the language lower case, a four-letter script in title case, a
/// two-letter region upper case.
pub(crate) fn canonical_code(tag: &str, known: &[String]) -> String {
    if let Some(code) = known.iter().find(|k| k.eq_ignore_ascii_case(tag)) {
        return code.clone();
    }
    tag.split('-')
        .enumerate()
        .map(|(i, part)| {
            let alphabetic = part.chars().all(|c| c.is_ascii_alphabetic());
            match part.len() {
                _ if i == 0 => part.to_ascii_lowercase(),
                2 if alphabetic => part.to_ascii_uppercase(),
                4 if alphabetic => {
                    let lower = part.to_ascii_lowercase();
                    lower[..1].to_ascii_uppercase() + &lower[1..]
                }
                _ => part.to_ascii_lowercase(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether a rights statement is a web address (a rights statement's or licence's URI).
pub(crate) fn is_web_address(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with("https://") || text.starts_with("http://")) && !text.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label() -> ExhibitMetadata {
        let mut m = ExhibitMetadata {
            title: Some("Harbour at Dusk".into()),
            artist: Some("A. Painter".into()),
            date: Some("c. 1890".into()),
            medium: Some("oil on canvas".into()),
            dimensions: Some("92 × 73 cm".into()),
            accession_number: Some("1931.7".into()),
            credit_line: Some("Gift of the founder".into()),
            rights: Some("Public domain".into()),
            description: Some("Boats at dusk.".into()),
            ..Default::default()
        };
        m.translations.insert(
            "zh-CN".into(),
            LabelText {
                title: Some("黄昏的港口".into()),
                medium: Some("布面油画".into()),
                rights: Some("公有领域".into()),
                ..Default::default()
            },
        );
        m.translations.insert(
            "fr".into(),
            LabelText {
                title: Some("Port au crépuscule".into()),
                description: Some("Des bateaux au crépuscule.".into()),
                ..Default::default()
            },
        );
        m
    }

    #[test]
    fn a_label_round_trips_through_xmp_with_its_translations_of_alternatives() {
        let known = ["en".to_owned(), "zh-CN".to_owned(), "fr".to_owned()];
        for main in [Some("en"), None] {
            let packet = label().to_xmp(main, None);
            assert_eq!(packet.members()["dc:title"]["@type"], "rdf:Alt");
            assert_eq!(packet.members()["dc:creator"], json!({ "@list": ["A. Painter"] }));
            assert_eq!(packet.members()["photoshop:Credit"], "Gift of the founder");
            let back = ExhibitMetadata::from_xmp(&packet, main, &known);
            assert_eq!(back, label(), "main language {main:?}");
        }
        // Without the venue's codes, the lower-case tags get their usual case back.
        let back = ExhibitMetadata::from_xmp(&label().to_xmp(None, None), None, &[]);
        assert_eq!(back, label());
    }

    #[test]
    fn foreign_packets_map_where_fields_match() {
        let packet = XmpPacket::from_json(json!({
            "@context": { "dc": DC_NAMESPACE, "xmpRights": XMP_RIGHTS_NAMESPACE },
            "dc:title": { "@type": "rdf:Alt",
                "rdf:_1": { "@language": "en-us", "@value": "My Model" },
                "rdf:_2": { "@language": "it-it", "@value": "Mio Modello" } },
            "dc:creator": { "@list": ["CreatorName", "CreatorEmail@email.com"] },
            "dc:date": { "@list": ["1997-07-16T19:20:30+01:00"] },
            "xmpRights:UsageTerms": { "@type": "rdf:Alt",
                "rdf:_1": { "@language": "x-default", "@value": "CC-BY 4.0" } },
            "dc:subject": { "@set": ["architecture"] }
        }))
        .expect("an object");
        let m = ExhibitMetadata::from_xmp(&packet, None, &[]);
        assert_eq!(m.title.as_deref(), Some("My Model"));
        assert_eq!(m.label("it-IT").title.as_deref(), Some("Mio Modello"));
        assert_eq!(m.artist.as_deref(), Some("CreatorName; CreatorEmail@email.com"));
        assert_eq!(m.date.as_deref(), Some("1997-07-16T19:20:30+01:00"));
        assert_eq!(m.rights.as_deref(), Some("CC-BY 4.0"));
        assert!(has_title(&packet));

        // With the venue's main language named, its text is the main one.
        let m = ExhibitMetadata::from_xmp(&packet, Some("it-IT"), &["it-IT".to_owned()]);
        assert_eq!(m.title.as_deref(), Some("Mio Modello"));
        assert_eq!(m.label("en-US").title.as_deref(), Some("My Model"));
    }

    #[test]
    fn properties_of_the_wrong_shape_are_ignored() {
        let packet = XmpPacket::from_json(json!({
            "@context": { "dc": DC_NAMESPACE },
            "dc:title": { "stDim:w": 3 },
            "dc:creator": null,
            "dc:rights": [],
            "dc:identifier": 1931
        }))
        .expect("an object");
        let m = ExhibitMetadata::from_xmp(&packet, Some("en"), &[]);
        assert_eq!(
            m,
            ExhibitMetadata {
                accession_number: Some("1931".into()),
                ..Default::default()
            }
        );
        assert!(!has_title(&packet));
    }

    #[test]
    fn to_xmp_keeps_foreign_properties_and_drops_fields_the_label_lacks() {
        let base = XmpPacket::from_json(json!({
            "@context": { "dc": DC_NAMESPACE, "xmp": XMP_NAMESPACE },
            "dc:date": { "@list": ["1900"] },
            "xmp:Rating": 5
        }))
        .expect("an object");
        let label = ExhibitMetadata {
            title: Some("Untitled".into()),
            rights: Some("https://creativecommons.org/publicdomain/zero/1.0/".into()),
            ..Default::default()
        };
        let packet = label.to_xmp(None, Some(&base));
        assert_eq!(packet.members()["xmp:Rating"], 5);
        assert_eq!(packet.get(DC_NAMESPACE, "date"), None);
        assert_eq!(
            packet.get(XMP_RIGHTS_NAMESPACE, "WebStatement"),
            Some(&json!("https://creativecommons.org/publicdomain/zero/1.0/"))
        );
        assert_eq!(ExhibitMetadata::from_xmp(&packet, None, &[]), label);
    }

    #[test]
    fn extras_win_field_by_field() {
        let extras = ExhibitMetadata {
            title: Some("From extras".into()),
            ..Default::default()
        };
        let merged = extras.or(label());
        assert_eq!(merged.title.as_deref(), Some("From extras"));
        assert_eq!(merged.artist.as_deref(), Some("A. Painter"));
        assert_eq!(merged.label("fr").title.as_deref(), Some("Port au crépuscule"));
    }

    #[test]
    fn the_venue_packet_names_the_venue_and_its_languages() {
        let languages = ["en".to_owned(), "zh-CN".to_owned()];
        let packet = venue_xmp(Some("The Little Museum"), Some("en"), &languages, None);
        assert_eq!(packet_languages(&packet), ["en", "zh-CN"]);
        let title = ExhibitMetadata::from_xmp(&packet, Some("en"), &languages).title;
        assert_eq!(title.as_deref(), Some("The Little Museum"));
        assert_eq!(
            packet.get(XMP_NAMESPACE, "CreatorTool"),
            Some(&json!(museion_gltf::GENERATOR))
        );
    }

    #[test]
    fn codes_take_the_venue_s_spelling_or_the_usual_case() {
        let known = ["zh-CN".to_owned()];
        assert_eq!(canonical_code("zh-cn", &known), "zh-CN");
        assert_eq!(canonical_code("sr-latn-rs", &[]), "sr-Latn-RS");
        assert_eq!(canonical_code("EN", &[]), "en");
        assert_eq!(canonical_code("es-419", &[]), "es-419");
        assert!(is_web_address("https://rightsstatements.org/vocab/InC/1.0/"));
        assert!(!is_web_address("© 2024, see https://example.com"));
    }
}
