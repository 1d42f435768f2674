//! Invented Western-style names in Chinese characters, transliterated syllable by
//! syllable the way Chinese writes foreign names: "Sael Corvik" → "萨埃尔·科尔维克".
//!
//! A name is read as syllables of an optional consonant (or "qu") and a vowel, closed by
//! "n" or "m" when no vowel follows (曼, 芬, 伦); a consonant with no vowel after it is a
//! syllable of its own (尔, 克, 斯), and doubled letters are read once ("mann" → 曼,
//! "Valoova" → 瓦洛瓦).

/// The characters of the syllables of one onset: with the vowels a, e, i, o, u, then
/// closed by a nasal (an, en, in, on, un). `' '` stands for no consonant, `'q'` for "qu".
const SYLLABLES: [(char, &str, &str); 21] = [
    (' ', "阿埃伊奥乌", "安恩因翁温"),
    ('b', "巴贝比博布", "班本宾邦本"),
    ('c', "卡塞西科库", "坎森辛孔昆"),
    ('d', "达德迪多杜", "丹登丁东敦"),
    ('f', "法费菲福富", "凡芬芬丰丰"),
    ('g', "加格吉戈古", "甘根金贡贡"),
    ('h', "哈赫希霍胡", "汉亨欣洪洪"),
    ('j', "贾杰吉乔朱", "詹简金琼琼"),
    ('k', "卡克基科库", "坎肯金孔昆"),
    ('l', "拉莱利洛卢", "兰伦林隆伦"),
    ('m', "马梅米莫穆", "曼门明蒙蒙"),
    ('n', "纳内尼诺努", "南嫩宁农农"),
    ('p', "帕佩皮波普", "潘彭平蓬蓬"),
    ('q', "夸奎奎阔库", "宽昆昆孔昆"),
    ('r', "拉雷里罗鲁", "兰伦林龙伦"),
    ('s', "萨塞西索苏", "桑森辛松孙"),
    ('t', "塔特蒂托图", "坦滕廷通通"),
    ('v', "瓦维维沃武", "万文温冯文"),
    ('w', "瓦韦维沃伍", "万文温翁文"),
    ('y', "亚耶伊约尤", "扬延因扬云"),
    ('z', "扎泽齐佐祖", "赞曾津宗尊"),
];

/// A consonant with no vowel after it.
fn lone(consonant: char) -> &'static str {
    match consonant {
        'b' => "布",
        'c' | 'k' | 'q' => "克",
        'd' => "德",
        'f' | 'v' | 'w' => "夫",
        'g' => "格",
        'h' => "赫",
        'j' => "日",
        'l' | 'r' => "尔",
        'm' => "姆",
        'n' => "恩",
        'p' => "普",
        's' => "斯",
        't' => "特",
        'x' => "克斯",
        'y' => "伊",
        'z' => "兹",
        _ => "",
    }
}

/// The name in Chinese characters, its words joined by "·" (the middle dot of
/// transliterated names).
pub(super) fn transliterate(name: &str) -> String {
    name.split_whitespace().map(word).collect::<Vec<_>>().join("·")
}

/// Whether the letter at `i` is sounded as a vowel: a, e, i, o, u, and y before a
/// consonant or at the end ("Ys" → 伊斯).
fn vowel_at(letters: &[char], i: usize) -> Option<usize> {
    let index = |c: char| "aeiou".find(c);
    match letters.get(i) {
        Some('y') if letters.get(i + 1).is_none_or(|&c| index(c).is_none()) => Some(2),
        Some(&c) => index(c),
        None => None,
    }
}

/// One word of a name.
fn word(word: &str) -> String {
    let mut letters: Vec<char> = word.to_lowercase().chars().collect();
    // Doubled letters are read once.
    letters.dedup();
    let mut out = String::new();
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        if vowel_at(&letters, i).is_none() {
            let (onset, vowel) = if c == 'q' && letters.get(i + 1) == Some(&'u') {
                ('q', i + 2)
            } else {
                (c, i + 1)
            };
            if vowel_at(&letters, vowel).is_some() {
                i = syllable(&letters, onset, vowel, &mut out);
            } else {
                out.push_str(lone(c));
                i += 1;
            }
        } else {
            // A vowel after a vowel: "ia", "ea" read 亚, "ie" reads 耶.
            let after_i_or_e = i > 0 && matches!(letters[i - 1], 'i' | 'e' | 'y');
            match (letters[i], after_i_or_e) {
                ('a', true) if !closes(&letters, i) => {
                    out.push('亚');
                    i += 1;
                }
                ('e', true) if letters[i - 1] != 'e' && !closes(&letters, i) => {
                    out.push('耶');
                    i += 1;
                }
                _ => i = syllable(&letters, ' ', i, &mut out),
            }
        }
    }
    out
}

/// Whether the vowel at `i` is closed by a nasal: "n" or "m" with no vowel after it.
fn closes(letters: &[char], i: usize) -> bool {
    matches!(letters.get(i + 1), Some('n' | 'm')) && vowel_at(letters, i + 2).is_none()
}

/// Writes the syllable of `onset` and the vowel at `vowel` (closed by a nasal when one
/// follows) and returns where the next syllable starts. A consonant the table lacks (none
/// in the invented names) is written as if no vowel followed it.
fn syllable(letters: &[char], onset: char, vowel: usize, out: &mut String) -> usize {
    let which = vowel_at(letters, vowel).unwrap_or(0);
    let closed = closes(letters, vowel);
    let (_, open, nasal) = match SYLLABLES.iter().find(|(c, _, _)| *c == onset) {
        Some(row) => row,
        None => {
            out.push_str(lone(onset));
            &SYLLABLES[0]
        }
    };
    let (row, next) = if closed {
        (nasal, vowel + 2)
    } else {
        (open, vowel + 1)
    };
    out.extend(row.chars().nth(which));
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_transliterated_syllable_by_syllable() {
        assert_eq!(transliterate("Sael Corvik"), "萨埃尔·科尔维克");
        assert_eq!(transliterate("Marena Holmann"), "马雷纳·霍尔曼");
        assert_eq!(transliterate("Quin"), "昆");
        assert_eq!(transliterate("Ostatti"), "奥斯塔蒂");
        assert_eq!(transliterate("Lund"), "伦德");
        assert_eq!(transliterate("Valier"), "瓦利耶尔");
        assert_eq!(transliterate("Elia"), "埃利亚");
        assert_eq!(transliterate("Ysberg"), "伊斯贝尔格");
        assert_eq!(transliterate("Wenmont"), "文蒙特");
        assert_eq!(transliterate("Belska"), "贝尔斯卡");
        assert_eq!(transliterate("Fenaska"), "费纳斯卡");
        assert_eq!(transliterate("Valoova"), "瓦洛瓦");
        // A letter the table lacks is read on its own.
        assert_eq!(transliterate("Xa"), "克斯阿");
    }
}
