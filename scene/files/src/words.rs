//! Operating-system errors in a person's words.

use std::io::{Error, ErrorKind};

/// What went wrong with a file, as a person would say it: "no such file" rather than
/// "No such file or directory (os error 2)". Kinds without a plainer wording keep the
/// system's message, without its error number.
///
/// ```
/// use std::io::{Error, ErrorKind};
/// assert_eq!(museion_files::io_words(&Error::from(ErrorKind::NotFound)), "no such file");
/// ```
pub fn io_words(error: &Error) -> String {
    let plain = match error.kind() {
        ErrorKind::NotFound => "no such file",
        ErrorKind::PermissionDenied => "permission denied",
        ErrorKind::IsADirectory => "it is a folder, not a file",
        ErrorKind::NotADirectory => "a folder on its path is a file",
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        ErrorKind::UnexpectedEof => "the file ends early",
        ErrorKind::InvalidFilename => "the file name is not valid here",
        _ => "",
    };
    if !plain.is_empty() {
        return plain.to_string();
    }
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_messages_lose_their_error_number() {
        assert_eq!(io_words(&Error::from_raw_os_error(2)), "no such file");
        assert_eq!(io_words(&Error::from_raw_os_error(13)), "permission denied");
        // EBUSY has no plainer wording: the system's text stays, its number goes.
        let busy = io_words(&Error::from_raw_os_error(16));
        assert!(!busy.contains("os error") && !busy.is_empty(), "{busy}");
        assert_eq!(io_words(&Error::other("cannot watch")), "cannot watch");
    }
}
