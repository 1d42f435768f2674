//! The names of the label's fields in the languages Museion knows, for the `label` of
//! each metadata entry.

/// Each label field's name by language code (`en`, `fr`, `de`, `zh-CN`): the `label` of
/// its metadata entry gets the names in the venue's languages that are here, and always
/// the English one.
pub const FIELD_LABELS: [(&str, [(&str, &str); 4]); 9] = [
    (
        "title",
        [
            ("en", "Title"),
            ("fr", "Titre"),
            ("de", "Titel"),
            ("zh-CN", "标题"),
        ],
    ),
    (
        "artist",
        [
            ("en", "Artist"),
            ("fr", "Artiste"),
            ("de", "Künstler"),
            ("zh-CN", "艺术家"),
        ],
    ),
    (
        "date",
        [
            ("en", "Date"),
            ("fr", "Date"),
            ("de", "Datierung"),
            ("zh-CN", "年代"),
        ],
    ),
    (
        "medium",
        [
            ("en", "Medium"),
            ("fr", "Technique"),
            ("de", "Technik"),
            ("zh-CN", "材质"),
        ],
    ),
    (
        "dimensions",
        [
            ("en", "Dimensions"),
            ("fr", "Dimensions"),
            ("de", "Maße"),
            ("zh-CN", "尺寸"),
        ],
    ),
    (
        "accession_number",
        [
            ("en", "Accession number"),
            ("fr", "Numéro d'inventaire"),
            ("de", "Inventarnummer"),
            ("zh-CN", "藏品编号"),
        ],
    ),
    (
        "credit_line",
        [
            ("en", "Credit line"),
            ("fr", "Provenance"),
            ("de", "Herkunft"),
            ("zh-CN", "来源"),
        ],
    ),
    (
        "rights",
        [
            ("en", "Rights"),
            ("fr", "Droits"),
            ("de", "Rechte"),
            ("zh-CN", "版权"),
        ],
    ),
    (
        "description",
        [
            ("en", "Description"),
            ("fr", "Description"),
            ("de", "Beschreibung"),
            ("zh-CN", "简介"),
        ],
    ),
];

/// The names of `field` in English and in each of `languages` this table has, as a
/// list of (code, name).
pub(crate) fn names(field: &str, languages: &[String]) -> Vec<(&'static str, &'static str)> {
    let Some((_, names)) = FIELD_LABELS.iter().find(|(f, _)| *f == field) else {
        return Vec::new();
    };
    names
        .iter()
        .filter(|(code, _)| *code == "en" || languages.iter().any(|l| l.eq_ignore_ascii_case(code)))
        .copied()
        .collect()
}
