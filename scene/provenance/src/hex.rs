//! Lower-case hexadecimal, the spelling of hashes, keys and signatures in manifests and
//! key files.

use std::fmt::Write as _;

/// `bytes` as lower-case hex digits, two a byte.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Exactly `N` bytes from `2 × N` hex digits (either case); otherwise what is wrong.
pub fn decode<const N: usize>(text: &str) -> Result<[u8; N], String> {
    if let Some((at, c)) = text.chars().enumerate().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return Err(format!("{c:?} (character {}) is not a hex digit", at + 1));
    }
    if text.len() != 2 * N {
        return Err(format!("{} hex digits where {} are needed", text.len(), 2 * N));
    }
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(text.as_bytes().chunks(2)) {
        let digit = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
        *byte = digit(pair[0]) << 4 | digit(pair[1]);
    }
    Ok(out)
}

/// Whether `text` is `2 × n` lower-case hex digits: the one spelling a manifest takes.
pub fn is_lower_hex(text: &str, n: usize) -> bool {
    text.len() == 2 * n
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn bytes_round_trip_through_lower_case_hex() {
        let bytes = [0x00, 0x0f, 0xa5, 0xff];
        assert_eq!(encode(&bytes), "000fa5ff");
        assert_eq!(decode::<4>("000fa5ff").unwrap(), bytes);
        assert_eq!(decode::<4>("000FA5FF").unwrap(), bytes);
        assert!(is_lower_hex("000fa5ff", 4));
        assert!(!is_lower_hex("000FA5FF", 4));
        assert!(!is_lower_hex("000fa5f", 4));
    }

    #[test]
    fn wrong_lengths_and_digits_say_what_is_wrong() {
        assert_eq!(decode::<2>("abc").unwrap_err(), "3 hex digits where 4 are needed");
        assert_eq!(
            decode::<2>("ab0g").unwrap_err(),
            "'g' (character 4) is not a hex digit"
        );
        assert_eq!(
            decode::<2>("aé0").unwrap_err(),
            "'é' (character 2) is not a hex digit"
        );
    }
}
