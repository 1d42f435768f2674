//! Which script a piece of text is written in, which fonts draw it, and which Debian
//! package brings them.

use unicode_script::{Script, UnicodeScript};

/// The writing system of a grapheme cluster, as far as choosing a font goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextScript {
    /// A Unicode script (Han, Arabic, Hebrew, …).
    Unicode(Script),
    /// A pictograph drawn as an emoji.
    Emoji,
}

impl TextScript {
    /// The script of `cluster` (a grapheme cluster): emoji when it is presented as one,
    /// else the script of its first character that has one.
    pub fn of(cluster: &str) -> Self {
        if epaint::text::has_emoji_presentation(cluster) {
            return Self::Emoji;
        }
        let script = cluster
            .chars()
            .map(|c| {
                if is_cjk_punctuation(c) {
                    Script::Han
                } else {
                    c.script()
                }
            })
            .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
            .or_else(|| cluster.chars().next().map(|c| c.script()))
            .unwrap_or(Script::Unknown);
        Self::Unicode(script)
    }

    /// Its English name: "Han", "Arabic", "Emoji"; "Symbols" for characters shared by
    /// every script.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unicode(Script::Common | Script::Inherited | Script::Unknown) => "Symbols",
            Self::Unicode(script) => script.full_name(),
            Self::Emoji => "Emoji",
        }
    }

    /// The Debian package with fonts for it.
    pub fn package(self) -> &'static str {
        match self {
            Self::Emoji => "fonts-noto-color-emoji",
            Self::Unicode(
                Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo,
            ) => "fonts-noto-cjk",
            Self::Unicode(_) => "fonts-noto-core",
        }
    }

    /// Font families to try first, best first: the fonts that draw the script well,
    /// where a machine has them.
    pub fn preferred_families(self) -> Vec<String> {
        let names: &[&str] = match self {
            Self::Emoji => &["Noto Color Emoji", "Noto Emoji", "Twemoji", "Symbola"],
            // Simplified Chinese first: Han characters are drawn in the forms most
            // visitors expect; Japanese kana and Korean Hangul prefer their own.
            Self::Unicode(Script::Han | Script::Bopomofo) => &[
                "Noto Sans CJK SC",
                "Source Han Sans SC",
                "Noto Sans CJK TC",
                "Noto Sans CJK JP",
                "Noto Sans CJK KR",
                "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei",
                "Droid Sans Fallback",
                "Noto Serif CJK SC",
            ],
            Self::Unicode(Script::Hiragana | Script::Katakana) => &[
                "Noto Sans CJK JP",
                "Source Han Sans JP",
                "Noto Sans CJK SC",
                "IPAGothic",
                "Droid Sans Fallback",
            ],
            Self::Unicode(Script::Hangul) => &[
                "Noto Sans CJK KR",
                "Source Han Sans KR",
                "Noto Sans CJK SC",
                "NanumGothic",
                "Droid Sans Fallback",
            ],
            Self::Unicode(Script::Arabic) => &["Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans"],
            Self::Unicode(Script::Hebrew) => &["Noto Sans Hebrew", "DejaVu Sans"],
            Self::Unicode(_) => &[],
        };
        let mut families: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        if let Self::Unicode(script) = self {
            families.push(format!("Noto Sans {}", script.full_name()));
            families.push("Noto Sans".into());
            families.push("DejaVu Sans".into());
        }
        families
    }
}

/// Punctuation and symbols of the CJK blocks (full-width colon, ideographic full stop,
/// corner brackets): script Common, but drawn by the CJK fonts.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
        | '\u{3200}'..='\u{33FF}' // enclosed CJK letters, CJK compatibility
        | '\u{FE10}'..='\u{FE1F}' // vertical forms
        | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}' // half-width and full-width forms
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_packages_of_the_visitors_languages() {
        let case = |text: &str| {
            let script = TextScript::of(text);
            (script.name(), script.package())
        };
        assert_eq!(case("港"), ("Han", "fonts-noto-cjk"));
        assert_eq!(case("の"), ("Hiragana", "fonts-noto-cjk"));
        assert_eq!(case("한"), ("Hangul", "fonts-noto-cjk"));
        assert_eq!(case("ب"), ("Arabic", "fonts-noto-core"));
        assert_eq!(case("ש"), ("Hebrew", "fonts-noto-core"));
        assert_eq!(case("🖼\u{fe0f}"), ("Emoji", "fonts-noto-color-emoji"));
        assert_eq!(case("😀"), ("Emoji", "fonts-noto-color-emoji"));
        assert_eq!(case("："), ("Han", "fonts-noto-cjk"));
        assert_eq!(case("。"), ("Han", "fonts-noto-cjk"));
        assert_eq!(case("∮"), ("Symbols", "fonts-noto-core"));
        assert!(TextScript::of("ب").preferred_families()[0].contains("Arabic"));
        assert_eq!(TextScript::of("港").preferred_families()[0], "Noto Sans CJK SC");
    }
}
