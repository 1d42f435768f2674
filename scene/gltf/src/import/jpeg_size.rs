//! A check that a JPEG's data can hold the image its header declares.
//!
//! Decoders pad missing entropy-coded data with zeros, so a frame header claiming far
//! more pixels than the file encodes would "decode" into a large garbage image. Each
//! scan must carry at least the bits the file's own Huffman codes need for the blocks it
//! covers: for sequential scans the shortest DC code plus the shortest AC code (at least
//! an end-of-block) per block; for progressive DC scans the shortest DC code (first
//! pass) or one bit (refinement) per block. This is a lower bound: valid files always
//! pass it. Anything this parser does not understand is left to the decoder.

/// A component of the frame: its id and sampling factors.
#[derive(Clone, Copy)]
struct Component {
    id: u8,
    h: u32,
    v: u32,
}

struct Frame {
    width: u32,
    height: u32,
    progressive: bool,
    components: Vec<Component>,
}

impl Frame {
    /// 8×8 blocks of one component (without the padding interleaving may add).
    fn blocks(&self, c: &Component) -> u64 {
        let h_max = self.components.iter().map(|c| c.h).max().unwrap_or(1).max(1);
        let v_max = self.components.iter().map(|c| c.v).max().unwrap_or(1).max(1);
        let w = (u64::from(self.width) * u64::from(c.h)).div_ceil(u64::from(h_max));
        let h = (u64::from(self.height) * u64::from(c.v)).div_ceil(u64::from(v_max));
        w.div_ceil(8) * h.div_ceil(8)
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
    ])))
}

/// The number of the scan whose data is too short, with its needed and present bits,
/// or `None` when every scan can hold its blocks (or the file cannot be parsed here).
pub(crate) fn first_short_scan(data: &[u8]) -> Option<(usize, u64, u64)> {
    // Shortest code length of each Huffman table: [class][id], class 0 DC, 1 AC.
    let mut shortest = [[1u64; 4]; 2];
    let mut frame: Option<Frame> = None;
    let mut scan = 0;
    let mut at = 2; // after SOI
    while at + 1 < data.len() {
        if data[at] != 0xFF {
            return None;
        }
        let marker = data[at + 1];
        at += 2;
        match marker {
            0xFF => at -= 1, // fill byte
            0xD8 | 0x01 | 0xD0..=0xD7 => {}
            0xD9 => return None,
            _ => {
                let length = u16_at(data, at)?;
                let segment = data.get(at + 2..at + length)?;
                match marker {
                    0xC0..=0xC3 | 0xC5..=0xC7 => frame = Some(read_frame(marker, segment)?),
                    0xC9..=0xCB | 0xCD..=0xCF => return None, // arithmetic coding: no bound here
                    0xC4 => read_tables(segment, &mut shortest)?,
                    0xDA => {
                        let entropy_start = at + length;
                        let entropy_len = entropy_length(&data[entropy_start..]);
                        let needed = scan_bits(frame.as_ref()?, segment, &shortest)?;
                        let present = entropy_len as u64 * 8;
                        if needed > present {
                            return Some((scan, needed, present));
                        }
                        scan += 1;
                        at = entropy_start + entropy_len;
                        continue;
                    }
                    _ => {}
                }
                at += length;
            }
        }
    }
    None
}

fn read_frame(marker: u8, s: &[u8]) -> Option<Frame> {
    let height = u16_at(s, 1)? as u32;
    let width = u16_at(s, 3)? as u32;
    let count = usize::from(*s.get(5)?);
    let components = (0..count)
        .map(|i| {
            let c = s.get(6 + i * 3..9 + i * 3)?;
            Some(Component {
                id: c[0],
                h: u32::from(c[1] >> 4),
                v: u32::from(c[1] & 15),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Frame {
        width,
        height,
        progressive: matches!(marker, 0xC2 | 0xC6),
        components,
    })
}

fn read_tables(mut s: &[u8], shortest: &mut [[u64; 4]; 2]) -> Option<()> {
    while !s.is_empty() {
        let class = usize::from(s[0] >> 4).min(1);
        let id = usize::from(s[0] & 3);
        let counts = s.get(1..17)?;
        let total: usize = counts.iter().map(|c| usize::from(*c)).sum();
        shortest[class][id] = counts.iter().position(|c| *c > 0).map_or(1, |i| i as u64 + 1);
        s = s.get(17 + total..)?;
    }
    Some(())
}

/// Bits a scan needs at the least.
fn scan_bits(frame: &Frame, s: &[u8], shortest: &[[u64; 4]; 2]) -> Option<u64> {
    let count = usize::from(*s.first()?);
    let spectral_start = *s.get(1 + count * 2)?;
    let approximation_high = *s.get(3 + count * 2)? >> 4;
    let mut bits = 0;
    for i in 0..count {
        let id = *s.get(1 + i * 2)?;
        let tables = *s.get(2 + i * 2)?;
        let (dc, ac) = (usize::from(tables >> 4) & 3, usize::from(tables & 3));
        let component = frame.components.iter().find(|c| c.id == id)?;
        let per_block = match (frame.progressive, spectral_start, approximation_high) {
            (false, _, _) => shortest[0][dc] + shortest[1][ac],
            (true, 0, 0) => shortest[0][dc],
            (true, 0, _) => 1,
            (true, _, _) => 0, // AC scans can cover many blocks with one end-of-band run
        };
        bits += frame.blocks(component) * per_block;
    }
    Some(bits)
}

/// Length of the entropy-coded data at the start of `data`: up to the first marker
/// that is neither a stuffed zero nor a restart marker.
fn entropy_length(data: &[u8]) -> usize {
    let mut i = 0;
    while i + 1 < data.len() {
        if data[i] == 0xFF && !matches!(data[i + 1], 0x00 | 0xD0..=0xD7 | 0xFF) {
            return i;
        }
        i += 1;
    }
    data.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32, progressive: bool) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 3) as u8, 90])
        });
        let mut out = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
            .unwrap();
        assert!(!progressive, "the image crate writes baseline JPEG");
        out
    }

    fn patch_size(mut bytes: Vec<u8>, width: u16, height: u16) -> Vec<u8> {
        let mut at = 2;
        loop {
            let marker = bytes[at + 1];
            let length = u16_at(&bytes, at + 2).unwrap();
            if matches!(marker, 0xC0..=0xC2) {
                bytes[at + 5..at + 7].copy_from_slice(&height.to_be_bytes());
                bytes[at + 7..at + 9].copy_from_slice(&width.to_be_bytes());
                return bytes;
            }
            at += 2 + length;
        }
    }

    #[test]
    fn valid_files_pass_and_inflated_headers_fail() {
        let honest = jpeg(64, 48, false);
        assert_eq!(first_short_scan(&honest), None);
        let inflated = patch_size(honest, 4096, 4096);
        let (scan, needed, present) = first_short_scan(&inflated).expect("too short");
        assert_eq!(scan, 0);
        assert!(needed > present);
    }

    #[test]
    fn garbage_is_left_to_the_decoder() {
        assert_eq!(first_short_scan(b"\xFF\xD8\xFF"), None);
        assert_eq!(first_short_scan(b"\xFF\xD8\xFF\xC0\xFF\xFF"), None);
        assert_eq!(first_short_scan(&[0xFF, 0xD8, 0x00, 0x12]), None);
    }
}
