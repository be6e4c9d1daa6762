//! Reading a document from disk into plain text.
//!
//! This is the only place that turns bytes into the text every other stage works on.
//! Each format is one function here (plain text and Markdown today); a new format is
//! one more branch in [`decode`]. Nothing here panics on user data: every failure is a
//! [`ReadError`] that names the file and the reason.

use std::path::{Path, PathBuf};

/// The largest file we read. Larger inputs are refused with a message, never loaded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a document could not be read.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The path does not exist.
    #[error("{path}: file not found")]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// The path is a directory.
    #[error("{path}: is a directory, not a document")]
    IsDirectory {
        /// The path as given.
        path: PathBuf,
    },
    /// The operating system refused to read it.
    #[error("{path}: cannot read: {reason}")]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The operating system's message.
        reason: String,
    },
    /// The file has no text at all.
    #[error("{path}: the file is empty")]
    Empty {
        /// The path as given.
        path: PathBuf,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("{path}: the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// The path as given.
        path: PathBuf,
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes are not text in a supported encoding.
    #[error("{path}: not a text document ({reason})")]
    NotText {
        /// The path as given.
        path: PathBuf,
        /// What is wrong with the bytes.
        reason: String,
    },
}

/// The text of a document as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The plain text that segment byte ranges index into.
    pub text: String,
    /// The encoding the text was decoded from, e.g. `"UTF-8"`.
    pub encoding: &'static str,
}

/// Reads the file at `path` and decodes it to text.
pub fn read_file(path: &Path) -> Result<SourceText, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory { path: path.to_path_buf() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), size: meta.len(), limit: MAX_FILE_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    decode(path, &bytes)
}

fn io_error(path: &Path, e: &std::io::Error) -> ReadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound { path: path.to_path_buf() },
        _ => ReadError::Io { path: path.to_path_buf(), reason: e.to_string() },
    }
}

/// Decodes the bytes of a file named `path` (used for messages only).
///
/// UTF-8 (a byte-order mark is skipped) and UTF-16 with a byte-order mark are
/// text; anything else is [`ReadError::NotText`].
pub fn decode(path: &Path, bytes: &[u8]) -> Result<SourceText, ReadError> {
    let not_text = |reason: &str| ReadError::NotText { path: path.to_path_buf(), reason: reason.to_owned() };
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (std::str::from_utf8(rest).map_err(|e| not_text(&utf8_reason(&e)))?.to_owned(), "UTF-8")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (decode_utf16(rest, u16::from_le_bytes).ok_or_else(|| not_text("invalid UTF-16LE"))?, "UTF-16LE")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (decode_utf16(rest, u16::from_be_bytes).ok_or_else(|| not_text("invalid UTF-16BE"))?, "UTF-16BE")
    } else {
        (std::str::from_utf8(bytes).map_err(|e| not_text(&utf8_reason(&e)))?.to_owned(), "UTF-8")
    };
    if text.contains('\0') {
        return Err(not_text("it contains NUL bytes, as binary files do"));
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    Ok(SourceText { text, encoding })
}

fn utf8_reason(e: &std::str::Utf8Error) -> String {
    format!("invalid UTF-8 at byte {}", e.valid_up_to())
}

fn decode_utf16(bytes: &[u8], from: fn([u8; 2]) -> u16) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|c| from([c[0], c[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("doc.txt")
    }

    #[test]
    fn utf8_bom_is_skipped() {
        let t = decode(p(), b"\xEF\xBB\xBFHello.").unwrap();
        assert_eq!(t.text, "Hello.");
    }

    #[test]
    fn utf16_le_and_be_with_bom_are_decoded() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Bakı – 北京.".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(p(), &le).unwrap().text, "Bakı – 北京.");
        assert_eq!(decode(p(), &be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused_with_the_file_name() {
        let e = decode(p(), b"PK\x03\x04\x00\x00\xff\xfe\x00").unwrap_err();
        assert!(e.to_string().starts_with("doc.txt: not a text document"), "{e}");
        let e = decode(p(), b"abc \xC3\x28 def").unwrap_err();
        assert!(e.to_string().contains("invalid UTF-8 at byte 4"), "{e}");
    }

    #[test]
    fn empty_or_blank_file_is_refused() {
        assert!(matches!(decode(p(), b""), Err(ReadError::Empty { .. })));
        assert!(matches!(decode(p(), b" \n\n\t"), Err(ReadError::Empty { .. })));
    }

    #[test]
    fn missing_file_and_directory_are_refused() {
        let e = read_file(Path::new("/nonexistent/x.txt")).unwrap_err();
        assert_eq!(e.to_string(), "/nonexistent/x.txt: file not found");
        let dir = std::env::temp_dir();
        assert!(matches!(read_file(&dir), Err(ReadError::IsDirectory { .. })));
    }
}
