//! Invented names of people and places, and numbers as titles write them: Roman numerals
//! in the European languages, Chinese numerals in Chinese.

use super::super::{Rng, pick};

/// Beginnings, middles and ends of invented words: put together they read as names from
/// no particular country, and name nobody.
const ONSETS: [&str; 20] = [
    "Bel", "Cor", "Dal", "Fen", "Gar", "Hol", "Ker", "Lor", "Mar", "Nor", "Ost", "Pel", "Quin", "Ros", "Sel",
    "Tor", "Val", "Wen", "Ys", "Zar",
];
const MIDDLES: [&str; 8] = ["a", "e", "i", "o", "an", "en", "ar", "il"];
const ENDINGS: [&str; 16] = [
    "vik", "dor", "mann", "lund", "ska", "tti", "ez", "ova", "sen", "ard", "berg", "mont", "ren", "holm",
    "ier", "ac",
];
const FIRST: [&str; 20] = [
    "A", "E", "I", "O", "Ma", "Le", "Ri", "Sa", "To", "Ve", "Ka", "Lu", "Ne", "Da", "Fe", "Jo", "Mi", "Ra",
    "Te", "Zo",
];
const FIRST_END: [&str; 15] = [
    "na", "lia", "ro", "mir", "lo", "nia", "ren", "ta", "vin", "sa", "lan", "rik", "ena", "do", "mea",
];

/// An invented family name or place name.
pub(super) fn invented_name(rng: &mut Rng) -> String {
    let mut name = String::from(*pick(rng, &ONSETS));
    if rng.next_f32() < 0.6 {
        name.push_str(pick::<&str>(rng, &MIDDLES));
    }
    name.push_str(pick::<&str>(rng, &ENDINGS));
    name
}

/// An invented given name.
pub(super) fn given_name(rng: &mut Rng) -> String {
    format!("{}{}", pick(rng, &FIRST), pick(rng, &FIRST_END))
}

/// A number in Roman numerals (1 to 3999; others in digits).
pub(super) fn roman(mut n: u32) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in table {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// A number in Chinese numerals, as in the title "构成第十四号" (1 to 99; others in
/// digits).
pub(super) fn chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| DIGITS[d as usize % 10];
    let ones = |n: u32| if n.is_multiple_of(10) { "" } else { digit(n % 10) };
    match n {
        1..=9 => digit(n).to_string(),
        10..=19 => format!("十{}", ones(n)),
        20..=99 => format!("{}十{}", digit(n / 10), ones(n)),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_titles_write_them() {
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(4), "IV");
        assert_eq!(chinese(4), "四");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(14), "十四");
        assert_eq!(chinese(30), "三十");
        assert_eq!(chinese(37), "三十七");
        assert_eq!(chinese(120), "120");
    }
}
