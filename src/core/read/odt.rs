//! OpenDocument `.odt`: `text:h` headings (with their outline level), `text:p`
//! paragraphs, list items and table cells in order; notes (`text:note`) kept apart at
//! the end; annotations left out. Same zip + streaming XML approach as Word.

use super::docx::predefined;
use super::xml::{TextBuilder, attr, local, open_zip, read_entry};
use super::{ReadError, SourceText};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::path::Path;

const FORMAT: &str = "OpenDocument (.odt)";

/// Reads an `.odt` file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<SourceText, ReadError> {
    let mut zip = open_zip(path, bytes, FORMAT)?;
    let Some(content) = read_entry(path, &mut zip, "content.xml", FORMAT)? else {
        return Err(ReadError::Corrupt {
            path: path.to_path_buf(),
            format: FORMAT,
            reason: "content.xml is missing".into(),
        });
    };
    let mut out = TextBuilder::default();
    let mut notes: Vec<String> = Vec::new();
    let mut r = Reader::from_str(&content);
    // Open blocks: (is heading, level, text). Paragraphs can nest inside notes.
    let mut blocks: Vec<(Option<usize>, String)> = Vec::new();
    let mut in_note_body = 0usize;
    let mut skip = 0usize; // annotations, note citations
    loop {
        let ev = r.read_event().map_err(|e| ReadError::Corrupt {
            path: path.to_path_buf(),
            format: FORMAT,
            reason: format!("content.xml: {e}"),
        })?;
        match ev {
            Event::Start(e) => match local(e.name().as_ref()) {
                b"h" => blocks
                    .push((Some(attr(&e, b"outline-level").and_then(|v| v.parse().ok()).unwrap_or(1)), String::new())),
                b"p" => blocks.push((None, String::new())),
                b"note-body" => in_note_body += 1,
                b"annotation" | b"note-citation" => skip += 1,
                _ => {}
            },
            Event::Empty(e) if skip == 0 => {
                if let Some((_, t)) = blocks.last_mut() {
                    match local(e.name().as_ref()) {
                        b"s" => {
                            let n: usize = attr(&e, b"c").and_then(|v| v.parse().ok()).unwrap_or(1).min(100);
                            t.push_str(&" ".repeat(n));
                        }
                        b"tab" => t.push('\t'),
                        b"line-break" => t.push(' '),
                        _ => {}
                    }
                }
            }
            Event::End(e) => match local(e.name().as_ref()) {
                b"h" | b"p" => {
                    if let Some((level, text)) = blocks.pop() {
                        if in_note_body > 0 {
                            notes.push(text);
                        } else if let Some(l) = level {
                            out.heading(l, &text);
                        } else {
                            out.paragraph(&text);
                        }
                    }
                    if out.too_long() {
                        return Err(ReadError::Limit {
                            path: path.to_path_buf(),
                            what: "the text".into(),
                            limit: "64 MiB".into(),
                        });
                    }
                }
                b"note-body" => in_note_body = in_note_body.saturating_sub(1),
                b"annotation" | b"note-citation" => skip = skip.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if skip == 0 => {
                if let Some((_, b)) = blocks.last_mut() {
                    b.push_str(&t);
                }
            }
            Event::GeneralRef(g) if skip == 0 => {
                if let Some((_, b)) = blocks.last_mut() {
                    match g.resolve_char_ref() {
                        Ok(Some(c)) => b.push(c),
                        _ => b.push_str(predefined(&g)),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if notes.iter().any(|n| !n.trim().is_empty()) {
        out.heading(1, "Notes");
        for n in notes {
            out.paragraph(&n);
        }
    }
    Ok(out.finish("OpenDocument"))
}
