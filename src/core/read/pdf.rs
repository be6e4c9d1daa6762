//! PDF (text layer), read with `lopdf` (which, unlike `pdf-extract` 0.12, keeps lines
//! drawn with the `'` operator). Per page: the text in reading order (see
//! [`pdf_layout`](super::pdf_layout): lines rebuilt from positions, two columns read
//! one after the other), with repeated page headers and
//! footers and page numbers removed; then lines are rejoined — hyphenation at line ends
//! undone (`coop-` + `eration` → `cooperation`, while `Trans-` + `Caspian` keeps its
//! hyphen), paragraphs rejoined across page breaks. A PDF with no text at all (a scan)
//! or an encrypted one gets a message saying what to do.

use super::pdf_layout as layout;
use super::{MAX_PDF_PAGES, MAX_TEXT_BYTES, Origin, ReadError, SourceText};
use std::collections::HashMap;
use std::path::Path;

const FORMAT: &str = "PDF";

/// Reads a PDF file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<SourceText, ReadError> {
    let corrupt = |reason: String| ReadError::Corrupt { path: path.to_path_buf(), format: FORMAT, reason };
    if !bytes.starts_with(b"%PDF") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(corrupt("no PDF header".into()));
    }
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            let msg = e.to_string();
            if msg.to_lowercase().contains("decrypt") || msg.to_lowercase().contains("password") {
                return Err(ReadError::Encrypted { path: path.to_path_buf() });
            }
            return Err(corrupt(msg));
        }
    };
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted { path: path.to_path_buf() });
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.len() > MAX_PDF_PAGES {
        return Err(ReadError::Limit {
            path: path.to_path_buf(),
            what: format!("{} pages", pages.len()),
            limit: format!("{MAX_PDF_PAGES} pages"),
        });
    }
    let mut page_lines: Vec<Vec<String>> = Vec::with_capacity(pages.len());
    let mut total = 0usize;
    let mut unreadable = 0usize;
    for (_, &page_id) in doc.get_pages().iter() {
        match layout::page_lines(&doc, page_id) {
            Ok(lines) => {
                total += lines.iter().map(String::len).sum::<usize>();
                if total > MAX_TEXT_BYTES {
                    return Err(ReadError::Limit {
                        path: path.to_path_buf(),
                        what: "the text".into(),
                        limit: "64 MiB".into(),
                    });
                }
                page_lines.push(lines);
            }
            Err(_) => {
                unreadable += 1;
                page_lines.push(Vec::new());
            }
        }
    }
    if page_lines.iter().all(|p| p.iter().all(|l| l.trim().is_empty())) {
        return Err(ReadError::NoTextLayer { path: path.to_path_buf() });
    }
    remove_running_heads(&mut page_lines);
    let mut out = join_pages(&page_lines);
    if unreadable > 0 {
        out.notices.push(format!("{}: {unreadable} page(s) could not be read and were skipped", path.display()));
    }
    Ok(out)
}

/// Whether a line is only a page number (`12`, `- 12 -`, `Page 3`, `3 / 10`).
fn is_page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")).unwrap_or(t);
    !t.is_empty()
        && t.len() <= 12
        && t.chars().all(|c| c.is_ascii_digit() || c == '/' || c == ' ' || c == 'o' || c == 'f')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Removes lines repeated at the top or bottom of many pages (running heads and
/// footers, page numbers folded to `#`), and lone page numbers.
fn remove_running_heads(pages: &mut [Vec<String>]) {
    let key = |l: &str| -> String { l.trim().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect() };
    let mut counts: HashMap<String, usize> = HashMap::new();
    // Only pages with body text besides their edges can have running heads.
    let has_body = |p: &Vec<String>| p.iter().filter(|l| !l.trim().is_empty()).count() >= 3;
    for p in pages.iter().filter(|p| has_body(p)) {
        let lines: Vec<&String> = p.iter().filter(|l| !l.trim().is_empty()).collect();
        let edge: Vec<&String> = lines.iter().take(2).chain(lines.iter().rev().take(2)).copied().collect();
        let mut seen: Vec<String> = Vec::new();
        for l in edge {
            let k = key(l);
            if !seen.contains(&k) {
                seen.push(k.clone());
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let threshold = (pages.len() / 2).max(2);
    for p in pages.iter_mut().filter(|p| has_body(p)) {
        let n = p.len();
        let nonblank: Vec<usize> = (0..n).filter(|&i| !p[i].trim().is_empty()).collect();
        let edges: Vec<usize> = nonblank.iter().take(2).chain(nonblank.iter().rev().take(2)).copied().collect();
        for i in edges {
            if counts.get(&key(&p[i])).is_some_and(|&c| c >= threshold) || is_page_number(&p[i]) {
                p[i].clear();
            }
        }
    }
}

fn ends_sentence(l: &str) -> bool {
    l.trim_end().trim_end_matches(['"', '”', '’', ')']).ends_with(['.', '!', '?', ';', ':'])
}

/// Joins the pages' lines into paragraphs.
fn join_pages(pages: &[Vec<String>]) -> SourceText {
    let widest = pages.iter().flatten().map(|l| l.chars().count()).max().unwrap_or(0).max(1);
    // The compounds the document writes within a line (`long-term`): broken at a line
    // end, such a compound keeps its hyphen.
    let mut compounds = std::collections::HashSet::new();
    for line in pages.iter().flatten() {
        crate::core::text::learn_compounds(line, &mut compounds);
    }
    let mut text = String::new();
    let mut origins = Vec::new();
    // The line being continued, if the last line did not end its paragraph.
    let mut open = false;
    for (p, lines) in pages.iter().enumerate() {
        let mut recorded = false;
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            let short = line.chars().count() * 100 < widest * 60;
            let hyphenated = text.ends_with('-') || text.ends_with('\u{ad}');
            // A paragraph never starts in lower case: such a line continues the last one.
            let continues =
                !text.is_empty() && ((open && hyphenated) || line.chars().next().is_some_and(char::is_lowercase));
            let heading_like = short
                && !continues
                && !ends_sentence(line)
                && line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if !continues && (heading_like || !open) {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
            } else if hyphenated {
                let before_hyphen = text[..text.len() - 1].chars().last();
                if text.ends_with('\u{ad}') {
                    text.truncate(text.len() - '\u{ad}'.len_utf8());
                } else if line.chars().next().is_some_and(char::is_lowercase)
                    && before_hyphen.is_some_and(char::is_lowercase)
                    && !compounds.contains(&crate::core::text::compound_key(&text[..text.len() - 1], line))
                {
                    // `coop-` + `eration`: a hyphen that only split the word.
                    text.pop();
                }
            } else {
                text.push('\n');
            }
            if !recorded {
                origins.push((text.len(), Origin::Page(p as u32 + 1)));
                recorded = true;
            }
            text.push_str(line);
            // A paragraph's last line is short, or ends a sentence before the margin;
            // a heading stands alone.
            let width = line.chars().count() * 100;
            open = line.ends_with('-')
                || !(heading_like || width < widest * 60 || (ends_sentence(line) && width < widest * 85));
        }
    }
    SourceText { text, encoding: "PDF", notices: Vec::new(), origins }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn hyphenation_is_undone_but_real_hyphens_stay() {
        let pages = vec![lines(&[
            "The Parties will deepen their coop-",
            "eration along the Trans-",
            "Caspian International Transport Route and will build new railway lines across the region.",
            "They will remove non-tariff barriers and lift non-",
            "tariff measures in the long-term.",
        ])];
        let t = join_pages(&pages).text;
        assert!(t.contains("deepen their cooperation along the Trans-Caspian International"), "{t}");
        // A compound the document writes within a line keeps its hyphen.
        assert!(t.contains("lift non-tariff measures"), "{t}");
    }

    #[test]
    fn running_heads_footers_and_page_numbers_are_removed() {
        let page =
            |n: u32, body: &str| lines(&["Joint Declaration — Official Translation", body, &format!("Page {n}")]);
        let mut pages = vec![
            page(1, "The Parties will combat terrorism and will exchange information on threats to their security"),
            page(2, "across the region. The Parties will expand trade and develop cooperation in many other fields."),
            page(
                3,
                "The Parties will hold regular political consultations between their ministries of foreign affairs.",
            ),
        ];
        remove_running_heads(&mut pages);
        let t = join_pages(&pages).text;
        assert!(!t.contains("Official Translation") && !t.contains("Page"), "{t}");
        assert!(
            t.contains("threats to their security\nacross the region."),
            "a paragraph continues across the page break: {t}"
        );
    }

    #[test]
    fn page_numbers_are_recognised() {
        assert!(
            is_page_number("12") && is_page_number("- 3 -") && is_page_number("Page 4") && is_page_number("3 / 10")
        );
        assert!(!is_page_number("Article 5") && !is_page_number("2024 was a good year."));
    }
}
