//! URIs of buffers and images: `data:` URIs, and relative, percent-encoded file paths.

use super::context::Context;
use crate::error::{Error, Location};
use base64::Engine;
use std::io::Read;
use std::path::Path;

/// Loads what `uri` names. `pointer` is the JSON pointer of the object holding it.
/// `max_bytes` bounds what is read or decoded.
pub(crate) fn load(ctx: &Context, uri: &str, pointer: &str, max_bytes: u64) -> Result<Vec<u8>, Error> {
    if let Some(rest) = uri.strip_prefix("data:") {
        return load_data_uri(ctx, uri, rest, pointer, max_bytes);
    }
    if has_scheme(uri) {
        let remote = ["http:", "https:"].iter().any(|scheme| {
            uri.get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        });
        let message = if remote {
            "resources on a server are not fetched: download it and refer to it by a relative path"
        } else {
            "only relative paths and data: URIs can be loaded"
        };
        return Err(Error::Uri {
            at: ctx.at(pointer),
            uri: abbreviate(uri),
            message: message.into(),
        });
    }
    let relative = percent_encoding::percent_decode_str(uri)
        .decode_utf8()
        .map_err(|_| Error::Uri {
            at: ctx.at(pointer),
            uri: uri.to_owned(),
            message: "percent-encoding does not decode to UTF-8".into(),
        })?;
    let Some(base) = &ctx.base_dir else {
        return Err(Error::Uri {
            at: ctx.at(pointer),
            uri: uri.to_owned(),
            message: "the document was read from memory without a base directory".into(),
        });
    };
    let path = base.join(relative.as_ref());
    ctx.scope.check(&path).map_err(|source| Error::Outside {
        at: ctx.at(pointer),
        uri: uri.to_owned(),
        source,
    })?;
    read_file(&path, || ctx.at(pointer), max_bytes)
}

/// Reads a regular file of at most `max_bytes`. Devices, pipes and directories are
/// refused before they are opened (a pipe would block, a device never end); the read
/// itself is bounded too, in case the file grows meanwhile.
pub(crate) fn read_file(
    path: &Path,
    at: impl Fn() -> Box<Location>,
    max_bytes: u64,
) -> Result<Vec<u8>, Error> {
    let io_error = |source| Error::Io {
        at: at(),
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(std::io::ErrorKind::IsADirectory.into()));
    }
    if !metadata.is_file() {
        return Err(io_error(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a device, pipe or socket)",
        )));
    }
    let too_big = |size: u64| Error::LimitExceeded {
        at: at(),
        what: format!("size of {} (bytes)", path.display()),
        value: size,
        limit: max_bytes,
    };
    if metadata.len() > max_bytes {
        return Err(too_big(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// True for `scheme:...` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`),
/// but not for a Windows drive letter such as `C:`.
fn has_scheme(uri: &str) -> bool {
    let Some((scheme, _)) = uri.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn load_data_uri(
    ctx: &Context,
    uri: &str,
    rest: &str,
    pointer: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, Error> {
    let uri_error = |message: &str| Error::Uri {
        at: ctx.at(pointer),
        uri: abbreviate(uri),
        message: message.into(),
    };
    let (header, payload) = rest
        .split_once(',')
        .ok_or_else(|| uri_error("a data: URI needs a comma before its payload"))?;
    // The media type before the first ';' is not needed: image formats are sniffed.
    if !header
        .split(';')
        .skip(1)
        .any(|p| p.eq_ignore_ascii_case("base64"))
    {
        // RFC 2397: without `;base64` the payload is the octets themselves, with any
        // that are not URL characters percent-encoded. Decoding never lengthens it.
        if payload.len() as u64 > max_bytes {
            return Err(Error::LimitExceeded {
                at: ctx.at(pointer),
                what: "data URI payload (bytes)".into(),
                value: payload.len() as u64,
                limit: max_bytes,
            });
        }
        return Ok(percent_encoding::percent_decode_str(payload).collect());
    }
    // Decoded size is at most 3/4 of the encoded size: check before decoding.
    let decoded_max = (payload.len() as u64 / 4 + 1) * 3;
    if decoded_max > max_bytes.saturating_add(3) {
        return Err(Error::LimitExceeded {
            at: ctx.at(pointer),
            what: "data URI payload (bytes)".into(),
            value: decoded_max,
            limit: max_bytes,
        });
    }
    base64::engine::general_purpose::STANDARD
        .decode(payload.trim_ascii())
        .map_err(|e| Error::Base64 {
            at: ctx.at(pointer),
            message: e.to_string(),
        })
}

/// A data URI can be megabytes long; messages show its start.
fn abbreviate(uri: &str) -> String {
    match uri.char_indices().nth(48) {
        Some((cut, _)) => format!("{}…", &uri[..cut]),
        None => uri.to_owned(),
    }
}

/// The last path segment of a URI, percent-decoded, for naming images.
pub(crate) fn file_name(uri: &str) -> Option<String> {
    if uri.starts_with("data:") {
        return None;
    }
    let last = uri.rsplit(['/', '\\']).next()?;
    let decoded = percent_encoding::percent_decode_str(last).decode_utf8_lossy();
    (!decoded.is_empty()).then(|| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_told_from_paths() {
        assert!(has_scheme("http://example.com/a.bin"));
        assert!(has_scheme("file:///tmp/a.bin"));
        assert!(!has_scheme("C:/models/a.bin"));
        assert!(!has_scheme("textures/a%20b.png"));
        assert!(!has_scheme("a:b")); // one-letter schemes are drive letters
    }

    #[test]
    fn file_names_are_decoded() {
        assert_eq!(file_name("tex/My%20Image.png").as_deref(), Some("My Image.png"));
        assert_eq!(file_name("data:image/png;base64,AAAA"), None);
    }

    #[test]
    fn long_uris_are_abbreviated_on_char_boundaries() {
        let long = "data:é".repeat(40);
        assert!(abbreviate(&long).chars().count() <= 49);
    }
}
