//! Shared helpers for the zip + XML formats (Word, OpenDocument): reading an entry
//! with a size cap, and building the extracted text with paragraph origins.

use super::{MAX_TEXT_BYTES, Origin, ReadError, SourceText};
use std::io::Read;
use std::path::Path;

/// Opens a zip archive, or says the file is not one.
pub fn open_zip<'a>(
    path: &Path,
    bytes: &'a [u8],
    format: &'static str,
) -> Result<zip::ZipArchive<std::io::Cursor<&'a [u8]>>, ReadError> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| ReadError::Corrupt {
        path: path.to_path_buf(),
        format,
        reason: format!("not a zip archive: {e}"),
    })
}

/// Reads a zip entry as UTF-8, reading at most [`MAX_TEXT_BYTES`] (a zip bomb stops
/// there). `Ok(None)` when the entry does not exist.
pub fn read_entry(
    path: &Path,
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    format: &'static str,
) -> Result<Option<String>, ReadError> {
    let corrupt = |reason: String| ReadError::Corrupt { path: path.to_path_buf(), format, reason };
    let entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(format!("{name}: {e}"))),
    };
    let mut buf = Vec::new();
    entry.take(MAX_TEXT_BYTES as u64 + 1).read_to_end(&mut buf).map_err(|e| corrupt(format!("{name}: {e}")))?;
    if buf.len() > MAX_TEXT_BYTES {
        return Err(ReadError::Limit {
            path: path.to_path_buf(),
            what: format!("{name} (uncompressed)"),
            limit: format!("{} MiB", MAX_TEXT_BYTES / (1024 * 1024)),
        });
    }
    String::from_utf8(buf).map(Some).map_err(|_| corrupt(format!("{name} is not UTF-8 XML")))
}

/// Builds extracted text one block at a time.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    origins: Vec<(usize, Origin)>,
    paragraphs: u32,
}

impl TextBuilder {
    /// Adds a heading (written in Markdown form so the segmenter sees a heading).
    pub fn heading(&mut self, level: usize, text: &str) {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            return;
        }
        self.block(&format!("{} {t}", "#".repeat(level.clamp(1, 6))));
    }

    /// Adds a paragraph.
    pub fn paragraph(&mut self, text: &str) {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            self.block(&t);
        }
    }

    fn block(&mut self, t: &str) {
        self.paragraphs += 1;
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.origins.push((self.text.len(), Origin::Paragraph(self.paragraphs)));
        self.text.push_str(t);
    }

    /// Whether the text is already over the limit.
    pub fn too_long(&self) -> bool {
        self.text.len() > MAX_TEXT_BYTES
    }

    /// The finished text.
    pub fn finish(self, encoding: &'static str) -> SourceText {
        SourceText { text: self.text, encoding, notices: Vec::new(), origins: self.origins }
    }
}

/// The local name of an XML element (`w:p` → `p`), as bytes to match against.
pub fn local(name: &str) -> &[u8] {
    name.rsplit(':').next().unwrap_or(name).as_bytes()
}

/// The value of an attribute by local name.
pub fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| local(a.key.as_ref()) == name).map(|a| a.value.to_string())
}
