//! Byte-level edits made after serialisation: of the JSON text ([`TextOp`]) and of the
//! GLB container ([`GlbOp`]).

use super::{GlbOp, Rng, TextOp};

pub(super) fn apply_text_op(text: &mut Vec<u8>, op: TextOp, rng: &mut Rng) {
    match op {
        TextOp::Truncate => {
            let keep = 1 + rng.below(text.len().saturating_sub(1).max(1));
            text.truncate(keep.min(text.len() - 1));
        }
        TextOp::BadNumber | TextOp::HugeNumber => {
            let spans = number_spans(text);
            let (start, end) = if spans.is_empty() {
                (text.len() - 1, text.len() - 1) // before the closing brace: still not JSON
            } else {
                spans[rng.below(spans.len())]
            };
            let token: &[u8] = if matches!(op, TextOp::HugeNumber) {
                b"1e999"
            } else {
                rng.pick(&[
                    &b"NaN"[..],
                    b"Infinity",
                    b"-",
                    b"0x10",
                    b"+1",
                    b".5",
                    b"1.",
                    b"--1",
                    b"1e",
                ])
            };
            text.splice(start..end, token.iter().copied());
        }
        TextOp::FlipByte => {
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(text.len());
                text[at] ^= 1 << rng.below(8);
            }
        }
        TextOp::InsertGarbage => {
            let at = rng.below(text.len());
            let garbage = rng.pick(&[&b"\0"[..], b"}", b",", b"\"", b"[[[", b"null", b"\xFF\xFE"]);
            text.splice(at..at, garbage.iter().copied());
        }
        TextOp::Bom => {
            text.splice(0..0, *b"\xEF\xBB\xBF");
        }
        TextOp::DuplicateAsset => {
            text.splice(1..1, *br#""asset":{"version":"2.0"},"#);
        }
        TextOp::InvalidUtf8 => {
            if let Some(quote) = text.iter().position(|&b| b == b'"') {
                text.insert(quote + 1, 0xC3);
            }
        }
    }
}

/// Byte ranges of number literals outside strings.
fn number_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let (mut i, mut in_string) = (0, false);
    while i < text.len() {
        let c = text[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
        } else if c == b'"' {
            in_string = true;
            i += 1;
        } else if c == b'-' || c.is_ascii_digit() {
            let start = i;
            while i < text.len() && matches!(text[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

pub(super) fn apply_glb_op(glb: &mut Vec<u8>, op: GlbOp, rng: &mut Rng) {
    let json_len = u32::from_le_bytes([glb[12], glb[13], glb[14], glb[15]]) as usize;
    match op {
        GlbOp::Version => {
            let version = rng.pick(&[0u32, 1, 3, u32::MAX]);
            glb[4..8].copy_from_slice(&version.to_le_bytes());
        }
        GlbOp::LengthBit => glb[8 + rng.below(4)] ^= 1 << rng.below(8),
        GlbOp::Truncate => {
            let keep = rng.below(glb.len());
            glb.truncate(keep);
        }
        GlbOp::FirstChunkType => {
            let tag = rng.pick(&[*b"BIN\0", *b"json", *b"XXXX", [0; 4]]);
            glb[16..20].copy_from_slice(&tag);
        }
        GlbOp::JsonChunkTooLong => {
            let remaining = glb.len() - 20;
            let claim =
                rng.pick(&[remaining as u64 + 1, remaining as u64 + 4096, u64::from(u32::MAX)]) as u32;
            glb[12..16].copy_from_slice(&claim.to_le_bytes());
        }
        GlbOp::JsonChunkShrunk => {
            let shrink = 4 * (1 + rng.below(json_len / 4));
            let claim = (json_len - shrink.min(json_len)) as u32;
            glb[12..16].copy_from_slice(&claim.to_le_bytes());
        }
        GlbOp::SwapChunks => {
            let json_end = 20 + json_len;
            let (head, rest) = glb.split_at(12);
            let (json, bin) = rest.split_at(json_end - 12);
            let swapped: Vec<u8> = head.iter().chain(bin).chain(json).copied().collect();
            *glb = swapped;
        }
        GlbOp::HeaderByte => {
            let at = rng.below(28.min(glb.len()));
            glb[at] = rng.next_u64() as u8;
        }
        GlbOp::AppendGarbage => glb.extend(std::iter::repeat_n(0x5A, 1 + rng.below(64))),
        GlbOp::UnknownChunk | GlbOp::ExtraChunk => {
            let tag = if matches!(op, GlbOp::UnknownChunk) {
                *b"EXT\0"
            } else {
                rng.pick(&[*b"BIN\0", *b"JSON"])
            };
            let body = vec![0u8; 4 * rng.below(4)];
            glb.extend((body.len() as u32).to_le_bytes());
            glb.extend(tag);
            glb.extend(&body);
            let total = glb.len() as u32;
            glb[8..12].copy_from_slice(&total.to_le_bytes());
        }
    }
}
