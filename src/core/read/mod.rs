//! Reading a document from disk into plain text.
//!
//! This is the only place that turns bytes into the text every other stage works on.
//! Each format is one module — plain text and Markdown here, then [`html`], [`docx`],
//! [`odt`] and [`pdf`] — chosen by extension and checked by content. Nothing here
//! panics on user data or reads without limit: every failure is a [`ReadError`] that
//! names the file and the reason in one line.

pub mod docx;
pub mod html;
pub mod odt;
pub mod pdf;
pub mod pdf_layout;
mod xml;

use std::path::{Path, PathBuf};

/// The largest file we read. Larger inputs are refused with a message, never loaded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most text a document may expand to (a zip's XML, a PDF's pages).
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The most pages read from a PDF.
pub const MAX_PDF_PAGES: usize = 5_000;

/// Extensions of the formats Counterpart reads.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "odt", "pdf"];

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
    /// The file claims a format but its content is broken.
    #[error("{path}: not a readable {format} file ({reason})")]
    Corrupt {
        /// The path as given.
        path: PathBuf,
        /// The format it claims, e.g. `Word (.docx)`.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A limit was hit (a zip bomb, a huge PDF).
    #[error("{path}: {what} exceeds the limit of {limit}")]
    Limit {
        /// The path as given.
        path: PathBuf,
        /// What grew too big.
        what: String,
        /// The limit, in words.
        limit: String,
    },
    /// A PDF without a text layer.
    #[error("{path}: the PDF has no text layer (a scanned document?); run OCR on it first, then open the result")]
    NoTextLayer {
        /// The path as given.
        path: PathBuf,
    },
    /// An encrypted PDF.
    #[error("{path}: the PDF is encrypted; open it in a PDF reader, save an unprotected copy, then open that")]
    Encrypted {
        /// The path as given.
        path: PathBuf,
    },
}

/// Where in the original a part of the extracted text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A PDF page (from 1).
    Page(u32),
    /// A Word or OpenDocument paragraph (from 1).
    Paragraph(u32),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Page(n) => write!(f, "page {n}"),
            Self::Paragraph(n) => write!(f, "paragraph {n}"),
        }
    }
}

/// The text of a document as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The plain text that segment byte ranges index into.
    pub text: String,
    /// The encoding or format the text was taken from, e.g. `"UTF-8"`, `"windows-1252"`, `"PDF"`.
    pub encoding: &'static str,
    /// Things the user should know (an assumed encoding, a skipped part).
    pub notices: Vec<String>,
    /// Byte offset in `text` where each page or paragraph of the original starts.
    pub origins: Vec<(usize, Origin)>,
}

impl SourceText {
    fn plain(text: String, encoding: &'static str) -> Self {
        Self { text, encoding, notices: Vec::new(), origins: Vec::new() }
    }
}

/// Reads the file at `path` and extracts its text.
pub fn read_file(path: &Path) -> Result<SourceText, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory { path: path.to_path_buf() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), size: meta.len(), limit: MAX_FILE_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    read_bytes(path, &bytes)
}

/// Extracts the text of a file's bytes; `path` gives the extension and names the file
/// in messages.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<SourceText, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let source = match ext.as_str() {
        "docx" => docx::read(path, bytes)?,
        "odt" => odt::read(path, bytes)?,
        "pdf" => pdf::read(path, bytes)?,
        "html" | "htm" | "xhtml" => {
            let t = decode(path, bytes)?;
            let mut out = html::extract(&t.text);
            out.notices.extend(t.notices);
            out
        }
        _ => decode(path, bytes)?,
    };
    if source.text.trim().is_empty() {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    Ok(source)
}

fn io_error(path: &Path, e: &std::io::Error) -> ReadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound { path: path.to_path_buf() },
        _ => ReadError::Io { path: path.to_path_buf(), reason: e.to_string() },
    }
}

/// Decodes text bytes: UTF-8 (a byte-order mark is skipped), UTF-16 with a byte-order
/// mark, or a legacy single-byte encoding (Windows-1252 and similar), detected and
/// noted. Binary data is refused.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<SourceText, ReadError> {
    let not_text = |reason: &str| ReadError::NotText { path: path.to_path_buf(), reason: reason.to_owned() };
    let source = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        SourceText::plain(std::str::from_utf8(rest).map_err(|e| not_text(&utf8_reason(&e)))?.to_owned(), "UTF-8")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        SourceText::plain(
            decode_utf16(rest, u16::from_le_bytes).ok_or_else(|| not_text("invalid UTF-16LE"))?,
            "UTF-16LE",
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        SourceText::plain(
            decode_utf16(rest, u16::from_be_bytes).ok_or_else(|| not_text("invalid UTF-16BE"))?,
            "UTF-16BE",
        )
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => SourceText::plain(s.to_owned(), "UTF-8"),
            Err(e) => {
                if looks_binary(bytes) {
                    return Err(not_text(&format!("{}, and it looks like binary data", utf8_reason(&e))));
                }
                let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
                let (text, _, had_errors) = encoding.decode(bytes);
                if had_errors {
                    return Err(not_text(&utf8_reason(&e)));
                }
                let mut s = SourceText::plain(text.into_owned(), encoding.name());
                s.notices.push(format!("{}: not UTF-8; read as {}", path.display(), encoding.name()));
                s
            }
        }
    };
    if source.text.contains('\0') {
        return Err(not_text("it contains NUL bytes, as binary files do"));
    }
    if source.text.trim().is_empty() {
        return Err(ReadError::Empty { path: path.to_path_buf() });
    }
    Ok(source)
}

/// Whether bytes look like binary data rather than text in some encoding: NUL bytes,
/// or many control characters.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    sample.contains(&0) || control * 100 > sample.len()
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
    fn windows_1252_is_detected_converted_and_noted() {
        // “Côte d’Ivoire” – smart quotes, an accent and an en dash in Windows-1252.
        let bytes =
            b"The Parties welcome the \x93C\xf4te d\x92Ivoire\x94 initiative \x96 and the r\xe9sum\xe9 of talks.";
        let t = decode(p(), bytes).unwrap();
        assert!(t.text.contains("“Côte d’Ivoire” initiative – and the résumé"), "{}", t.text);
        assert_eq!(t.encoding, "windows-1252");
        assert_eq!(t.notices, vec!["doc.txt: not UTF-8; read as windows-1252".to_owned()]);
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused_with_the_file_name() {
        let e = decode(p(), b"PK\x03\x04\x00\x00\xff\xfe\x00").unwrap_err();
        assert!(e.to_string().starts_with("doc.txt: not a text document"), "{e}");
        let random: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(matches!(decode(p(), &random), Err(ReadError::NotText { .. })));
    }

    #[test]
    fn empty_or_blank_file_is_refused() {
        assert!(matches!(read_bytes(p(), b""), Err(ReadError::Empty { .. })));
        assert!(matches!(decode(p(), b" \n\n\t"), Err(ReadError::Empty { .. })));
    }

    #[test]
    fn missing_file_and_directory_are_refused() {
        let e = read_file(Path::new("/nonexistent/x.txt")).unwrap_err();
        assert_eq!(e.to_string(), "/nonexistent/x.txt: file not found");
        let dir = std::env::temp_dir();
        assert!(matches!(read_file(&dir), Err(ReadError::IsDirectory { .. })));
    }

    #[test]
    fn random_bytes_named_as_any_format_are_refused_politely() {
        let random: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
        for name in ["x.txt", "x.pdf", "x.docx", "x.odt", "x.html"] {
            let e = read_bytes(Path::new(name), &random).unwrap_err();
            assert!(e.to_string().starts_with(name), "{e}");
        }
    }
}
