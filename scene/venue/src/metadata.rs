//! What a museum says about an exhibit: title, artist, date, … and translations.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The label of an exhibit in one language. Every field is optional free text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelText {
    /// Title of the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Artist or maker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    /// Date of the work, as the museum writes it ("c. 1890", "1503–1506").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Medium ("oil on canvas", "bronze").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    /// Physical dimensions as written on the label ("77 × 53 cm").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<String>,
    /// The museum's accession number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accession_number: Option<String>,
    /// Credit line ("Gift of …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_line: Option<String>,
    /// Rights statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    /// Longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl LabelText {
    /// Each field this text lacks taken from `other`: `self` wins where both have one.
    pub fn or(self, other: LabelText) -> LabelText {
        LabelText {
            title: self.title.or(other.title),
            artist: self.artist.or(other.artist),
            date: self.date.or(other.date),
            medium: self.medium.or(other.medium),
            dimensions: self.dimensions.or(other.dimensions),
            accession_number: self.accession_number.or(other.accession_number),
            credit_line: self.credit_line.or(other.credit_line),
            rights: self.rights.or(other.rights),
            description: self.description.or(other.description),
        }
    }
}

/// Exhibit metadata: the label in the venue's main language, and translations keyed by
/// language code (`"fr"`, `"de"`, `"pt-BR"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExhibitMetadata {
    /// Title of the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Artist or maker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    /// Date of the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Medium.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    /// Physical dimensions as written on the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<String>,
    /// The museum's accession number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accession_number: Option<String>,
    /// Credit line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_line: Option<String>,
    /// Rights statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    /// Longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The same fields in other languages, by language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, LabelText>,
}

impl ExhibitMetadata {
    /// The label in `language`: the translation's fields where it has them, the main
    /// language's elsewhere.
    pub fn label(&self, language: &str) -> LabelText {
        let main = self.main_text();
        match self.translations.get(language) {
            Some(translation) => translation.clone().or(main),
            None => main,
        }
    }

    /// The fields in the main language, without the translations.
    pub fn main_text(&self) -> LabelText {
        LabelText {
            title: self.title.clone(),
            artist: self.artist.clone(),
            date: self.date.clone(),
            medium: self.medium.clone(),
            dimensions: self.dimensions.clone(),
            accession_number: self.accession_number.clone(),
            credit_line: self.credit_line.clone(),
            rights: self.rights.clone(),
            description: self.description.clone(),
        }
    }

    /// Metadata of these fields in the main language and these translations.
    pub(crate) fn from_parts(main: LabelText, translations: BTreeMap<String, LabelText>) -> Self {
        let LabelText {
            title,
            artist,
            date,
            medium,
            dimensions,
            accession_number,
            credit_line,
            rights,
            description,
        } = main;
        Self {
            title,
            artist,
            date,
            medium,
            dimensions,
            accession_number,
            credit_line,
            rights,
            description,
            translations,
        }
    }

    /// The metadata as a JSON object (fields left out when absent).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_else(|_| serde_json::json!({}))
    }

    /// Reads metadata from a JSON object leniently, as glTF `extras` carry it: string
    /// fields are taken, anything else (other keys, other types) is ignored.
    pub fn from_json(value: &serde_json::Value) -> Self {
        let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let translations = value
            .get("translations")
            .and_then(|t| t.as_object())
            .map(|languages| {
                languages
                    .iter()
                    .filter(|(_, v)| v.is_object())
                    .map(|(language, v)| (language.clone(), Self::from_json(v).label("")))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            title: text("title"),
            artist: text("artist"),
            date: text("date"),
            medium: text("medium"),
            dimensions: text("dimensions"),
            accession_number: text("accession_number").or_else(|| text("accessionNumber")),
            credit_line: text("credit_line").or_else(|| text("creditLine")),
            rights: text("rights"),
            description: text("description"),
            translations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_fall_back_to_the_main_language_field_by_field() {
        let mut m = ExhibitMetadata {
            title: Some("The Bather".into()),
            artist: Some("A. Painter".into()),
            ..Default::default()
        };
        m.translations.insert(
            "fr".into(),
            LabelText {
                title: Some("La Baigneuse".into()),
                ..Default::default()
            },
        );
        let fr = m.label("fr");
        assert_eq!(fr.title.as_deref(), Some("La Baigneuse"));
        assert_eq!(fr.artist.as_deref(), Some("A. Painter"));
        assert_eq!(m.label("de").title.as_deref(), Some("The Bather"));
    }

    #[test]
    fn json_round_trips_and_lenient_reading_skips_foreign_keys() {
        let mut m = ExhibitMetadata {
            title: Some("Helmet".into()),
            accession_number: Some("1987.12".into()),
            ..Default::default()
        };
        m.translations.insert(
            "de".into(),
            LabelText {
                title: Some("Helm".into()),
                ..Default::default()
            },
        );
        let mut json = m.to_json();
        assert_eq!(json["translations"]["de"]["title"], "Helm");
        assert!(json.get("artist").is_none());
        json["kind"] = serde_json::json!("model");
        json["date"] = serde_json::json!(1987);
        assert_eq!(ExhibitMetadata::from_json(&json), m);
    }
}
