//! Structure and sentence segmentation: plain text → title, sections and segments.
//!
//! Two passes. [`blocks`] reads lines into *items* — headings, paragraphs and bullet
//! items — joining hard-wrapped lines and recognising the heading forms declarations
//! use (`I. POLITICAL RELATIONS`, `1. Politics`, `Article 5`, `Section 2. …`, `#`).
//! Then every paragraph is split into commitments (normally sentences) by
//! [`split_sentences`], which knows abbreviations, glued sentences (`threats.The`)
//! and quotes. Every segment keeps the exact byte range of its text in the source;
//! nothing here allocates a copy of the document.

use std::ops::Range;

/// The structure of one document: its title, section headings and segments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// The title, white space folded; `None` when the document starts with body text.
    pub title: Option<String>,
    /// Section headings in document order.
    pub sections: Vec<Heading>,
    /// Commitments in document order.
    pub segments: Vec<RawSegment>,
}

/// A section heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// The heading text with white space folded and Markdown `#` removed.
    pub text: String,
    /// Where the heading stands in the source.
    pub byte_range: Range<usize>,
}

/// One commitment as found in the source text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSegment {
    /// Byte range into the document text; always on character boundaries.
    pub byte_range: Range<usize>,
    /// Index into [`Structure::sections`] of the heading it stands under.
    pub section: Option<usize>,
    /// Index of the paragraph (or bullet item) it belongs to, counted from 0.
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Heading,
    Body,
    /// Dates, credits, signature blocks: neither heading nor commitment.
    Meta,
}

#[derive(Debug, Clone)]
struct Item {
    kind: ItemKind,
    /// Byte range of the item's text, paragraph and bullet markers excluded.
    range: Range<usize>,
    /// Whether the item began with a paragraph number or bullet mark.
    marked: bool,
}

/// Splits `text` into title, sections and segments.
pub fn segment(text: &str) -> Structure {
    let items = items(text);
    let mut out = Structure::default();
    let first_body = items.iter().position(|i| i.kind == ItemKind::Body);
    let mut paragraph = 0;
    for (n, item) in items.iter().enumerate() {
        let before_body = first_body.is_none_or(|b| n < b);
        let item_text = &text[item.range.clone()];
        if n == 0
            && item.kind == ItemKind::Body
            && !item.marked
            && !ends_sentence(item_text)
            && word_count(item_text) <= 40
        {
            // A first line without a full stop is the title, however long.
            out.title = Some(fold_ws(item_text));
            continue;
        }
        match item.kind {
            ItemKind::Heading
                if before_body
                    && n == 0
                    && !item.marked
                    && (item_text.starts_with("# ") || !is_heading_pattern(item_text)) =>
            {
                out.title = Some(fold_ws(item_text.trim_start_matches('#')));
            }
            ItemKind::Heading => {
                let t = fold_ws(text[item.range.clone()].trim_start_matches('#'));
                // `Article 1` directly followed by `Political relations`: one heading.
                let prev_adjacent = n > 0
                    && items[n - 1].kind == ItemKind::Heading
                    && out.sections.last().is_some_and(|h| h.byte_range == items[n - 1].range)
                    && text[items[n - 1].range.end..item.range.start].matches('\n').count() == 1;
                match out.sections.last_mut() {
                    Some(prev) if prev_adjacent => {
                        prev.text = format!("{}. {}", prev.text.trim_end_matches('.'), t);
                        prev.byte_range.end = item.range.end;
                    }
                    _ => out.sections.push(Heading { text: t, byte_range: item.range.clone() }),
                }
            }
            ItemKind::Meta => {
                if n == 0 {
                    out.title = Some(fold_ws(&text[item.range.clone()]));
                }
            }
            ItemKind::Body => {
                let section = out.sections.len().checked_sub(1);
                for r in split_sentences(text, item.range.clone()) {
                    for piece in cap_length(text, r) {
                        out.segments.push(RawSegment { byte_range: piece, section, paragraph });
                    }
                }
                paragraph += 1;
            }
        }
    }
    out
}

/// The longest segment kept whole; a longer run of text without a sentence end (a
/// 50 MB line) is cut at white space into pieces of at most this size.
pub const MAX_SEGMENT_BYTES: usize = 16 * 1024;

/// Cuts a range longer than [`MAX_SEGMENT_BYTES`] at white space (or, failing that,
/// at a character boundary).
fn cap_length(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    while r.end - start > MAX_SEGMENT_BYTES {
        let mut cut = start + MAX_SEGMENT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut].rfind(char::is_whitespace).map(|i| start + i).filter(|&c| c > start).unwrap_or(cut);
        let piece = &text[start..cut];
        let trimmed = piece.trim_end();
        if !trimmed.is_empty() {
            out.push(start..start + trimmed.len());
        }
        start = cut + (text[cut..].len() - text[cut..].trim_start().len());
        if start >= r.end {
            return out;
        }
    }
    if start < r.end {
        out.push(start..r.end);
    }
    out
}

/// Folds runs of white space into single spaces and trims the ends.
pub fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines of `text` with their byte ranges, line terminators excluded.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let s = start;
        start += l.len();
        let body = l.trim_end_matches(['\n', '\r']);
        s..s + body.len()
    })
}

/// Reads the text into items: headings, body paragraphs and meta lines.
fn items(text: &str) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    // The item being built from consecutive non-blank lines.
    let mut open: Option<Item> = None;
    let flush = |open: &mut Option<Item>, out: &mut Vec<Item>| {
        if let Some(mut item) = open.take() {
            item.kind = classify_item(&text[item.range.clone()], item.marked);
            out.push(item);
        }
    };
    for line in lines(text) {
        let raw = &text[line.clone()];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            flush(&mut open, &mut out);
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let content = line.start + lead..line.start + lead + trimmed.len();
        let (marker_len, is_marker) = marker(trimmed);
        let standalone_heading = is_heading_pattern(trimmed) || trimmed.starts_with('#');
        let starts_new = open.is_none() || is_marker || standalone_heading || ends_heading_like(open.as_ref(), text);
        if starts_new {
            flush(&mut open, &mut out);
            let range =
                if is_marker && !standalone_heading { content.start + marker_len..content.end } else { content };
            let range = skip_ws(text, range);
            open = Some(Item { kind: ItemKind::Body, range, marked: is_marker && !standalone_heading });
            if standalone_heading {
                flush(&mut open, &mut out);
            }
        } else if let Some(item) = open.as_mut() {
            item.range.end = content.end;
        }
    }
    flush(&mut open, &mut out);
    out.retain(|i| !i.range.is_empty());
    out
}

/// Whether the open item is a one-line heading that a following line must not join
/// (`Article 1` followed directly by its text).
fn ends_heading_like(open: Option<&Item>, text: &str) -> bool {
    open.is_some_and(|i| {
        let t = &text[i.range.clone()];
        !t.contains('\n') && is_heading_pattern(t)
    })
}

fn skip_ws(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    r.start + lead..r.end
}

/// The length of a paragraph number or bullet mark at the start of `line`, and whether
/// there is one: `12. `, `1.1. `, `2.5 `, `(a) `, `a) `, `- `, `• `, `* `, `– `.
fn marker(line: &str) -> (usize, bool) {
    let b = line.as_bytes();
    for bullet in ["- ", "• ", "* ", "– ", "— ", "· "] {
        if line.starts_with(bullet) {
            return (bullet.len(), true);
        }
    }
    // Numbers: digits, optionally dotted groups, then '.' or ')' and a space.
    let mut i = 0;
    let mut groups = 0;
    loop {
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s || i - s > 3 {
            break;
        }
        groups += 1;
        if i < b.len() && b[i] == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        if i < b.len() && (b[i] == b'.' || b[i] == b')') && i + 1 < b.len() && b[i + 1] == b' ' {
            return (i + 2, true);
        }
        // `2.5 Text` (no final dot) is a marker only with several groups.
        if groups > 1 && i < b.len() && b[i] == b' ' {
            return (i + 1, true);
        }
        break;
    }
    // `(a) ` and `a) `
    let rest = line.strip_prefix('(').unwrap_or(line);
    let letters = rest.bytes().take_while(|c| c.is_ascii_lowercase()).count();
    if (1..=3).contains(&letters) && rest[letters..].starts_with(") ") {
        return (line.len() - rest.len() + letters + 2, true);
    }
    (0, false)
}

/// Heading forms that are headings wherever they stand: `Article 5`, `Section 2. Trade`,
/// `Chapter III`, `Part 1`, `I. POLITICAL RELATIONS`, `1. Politics` (short, unpunctuated).
fn is_heading_pattern(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with('#') {
        return true;
    }
    if line.contains('\n') || word_count(line) > 12 || line.is_empty() {
        return false;
    }
    let first = line.split_whitespace().next().unwrap_or("");
    let lower = first.to_lowercase();
    if matches!(lower.as_str(), "article" | "section" | "chapter" | "part" | "annex" | "appendix") {
        let rest = line[first.len()..].trim_start();
        let num = rest.split(|c: char| c.is_whitespace() || c == '.').next().unwrap_or("");
        return !num.is_empty() && (num.chars().all(|c| c.is_ascii_digit()) || is_roman(num)) && !ends_sentence(line)
            || (!num.is_empty()
                && word_count(line) <= 6
                && (num.chars().all(|c| c.is_ascii_digit()) || is_roman(num)));
    }
    // Roman-numbered: `IV. TRANSPORT AND CONNECTIVITY`
    if let Some(num) = first.strip_suffix('.') {
        if is_roman(num) && !ends_sentence(line) {
            return true;
        }
        // `1. Politics`, `3. Trade and Investment` — short and unpunctuated.
        if num.split('.').all(|g| !g.is_empty() && g.len() <= 3 && g.chars().all(|c| c.is_ascii_digit()))
            && word_count(line) <= 8
            && !ends_sentence(line)
        {
            let rest = line[first.len()..].trim_start();
            return rest.chars().next().is_some_and(char::is_uppercase);
        }
    }
    false
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether the text ends as a sentence does (full stop, question or exclamation mark,
/// semicolon or colon, possibly followed by closing quotes or brackets).
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    t.ends_with(['.', '!', '?', ';', ':', '…'])
}

/// Decides what a finished item is.
fn classify_item(s: &str, marked: bool) -> ItemKind {
    let t = s.trim();
    if t.starts_with('#') || (!marked && is_heading_pattern(t)) {
        return ItemKind::Heading;
    }
    if ends_sentence(t) {
        return ItemKind::Body;
    }
    let words = word_count(t);
    if looks_like_date_line(t) {
        return ItemKind::Meta;
    }
    if marked {
        // A numbered or bulleted item without final punctuation is still body text
        // unless it is short enough to be a heading (`1. Politics` is handled above).
        return ItemKind::Body;
    }
    let starts_like_heading = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // A block of several short, unpunctuated lines is a title (`JOINT DECLARATION` /
    // `between … and …` / `on the Establishment of …`), however many words in all.
    if starts_like_heading && t.contains('\n') && t.lines().all(|l| word_count(l) <= 14) {
        return ItemKind::Heading;
    }
    if words <= 12 && starts_like_heading {
        // Short, unpunctuated: a heading (`Political relations`), a title line,
        // a credit (`News.Az`) or a signature line (`For the Republic of …`).
        let lower = t.to_lowercase();
        if lower.starts_with("for the ") || t.contains(".") && !t.contains(' ') {
            return ItemKind::Meta;
        }
        return ItemKind::Heading;
    }
    ItemKind::Body
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `Beijing, January 2023`, `Draft — version of 14 March 2023`, `Xi'an, May 2023`.
fn looks_like_date_line(t: &str) -> bool {
    if word_count(t) > 8 {
        return false;
    }
    let lower = t.to_lowercase();
    let has_month = lower.split(|c: char| !c.is_alphabetic()).any(|w| MONTHS.contains(&w));
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    has_month && has_year
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "no", "nos", "art", "arts", "para", "paras", "p", "pp", "vol", "ch", "sec", "fig", "mr", "mrs", "ms", "dr", "st",
    "prof", "gen", "col", "lt", "sr", "jr", "vs", "cf", "approx", "incl", "esp", "dept", "govt", "corp", "inc", "ltd",
    "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "he", "hon", "amb",
    "resp", "ref", "op", "viz", "al",
];

/// Abbreviations that never end a sentence even before a capital (`e.g. the U.N.`).
const NEVER_FINAL: &[&str] = &["e.g", "i.e", "eg", "ie", "viz", "cf", "no", "nos", "art", "para", "vs"];

/// Words that usually open a sentence; after a dotted acronym (`the U.N. The …`) they
/// mark a sentence end.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "this",
    "these",
    "that",
    "those",
    "both",
    "they",
    "it",
    "its",
    "in",
    "on",
    "at",
    "we",
    "he",
    "she",
    "all",
    "each",
    "neither",
    "either",
    "such",
    "a",
    "an",
    "as",
    "to",
    "for",
    "with",
    "there",
    "however",
    "moreover",
    "furthermore",
    "also",
    "p.s",
];

/// Splits the paragraph at `range` of `text` into sentence byte ranges.
///
/// Semicolons and colons never split. A full stop ends a sentence when followed by
/// white space (or a capital, for glued copy like `threats.The`) unless the word before
/// it is an abbreviation or a number continues (`USD 1.5`, `No. 2758`, `e.g. for`).
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let para = &text[range.clone()];
    let base = range.start;
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut at = 0usize;
    // Walk from terminator to terminator; no copy of the paragraph is made, so a
    // 50 MB line costs no more memory than its text.
    while let Some(off) = para[at..].find(['.', '!', '?', '…']) {
        let pos = at + off;
        let Some(c) = para[pos..].chars().next() else { break };
        // Take the whole run of terminators and closing quotes/brackets.
        let mut end = pos + c.len_utf8();
        for ch in para[end..].chars() {
            if !matches!(ch, '.' | '!' | '?' | '…') {
                break;
            }
            end += ch.len_utf8();
        }
        for ch in para[end..].chars() {
            if !matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                break;
            }
            end += ch.len_utf8();
        }
        let next = para[end..].chars().next();
        let boundary = match next {
            None => true,
            Some(n) if n.is_whitespace() => {
                let after = next_word(para, end);
                c != '.' || !is_abbreviation_stop(para, start, pos, after)
            }
            Some(n) if n.is_uppercase() && c == '.' => is_glued_sentence(para, start, pos, end),
            _ => false,
        };
        if boundary {
            push_trimmed(&mut out, para, base, start..end);
            start = end;
        }
        at = end;
    }
    push_trimmed(&mut out, para, base, start..para.len());
    out
}

/// The word starting at or after `from` (skipping white space and opening quotes).
fn next_word(para: &str, from: usize) -> &str {
    let rest = para[from..].trim_start().trim_start_matches(['"', '“', '‘', '\'', '(', '«']);
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    &rest[..end]
}

/// The token before the terminator at `pos` (within the current sentence).
fn word_before(para: &str, start: usize, pos: usize) -> &str {
    let s = &para[start..pos];
    let from = s
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '–' | '—' | '-' | '/'))
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    &s[from..]
}

fn is_abbreviation_stop(para: &str, start: usize, pos: usize, after: &str) -> bool {
    let word = word_before(para, start, pos);
    if para[start..pos].trim() == word {
        // Nothing but this word so far: a marker such as `P.S.`, not a sentence.
        return true;
    }
    let lower = word.to_lowercase();
    let next_first = after.chars().next();
    let next_lower_or_digit = next_first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    if NEVER_FINAL.contains(&lower.as_str()) {
        return true;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) && word.len() <= 5 {
        return next_lower_or_digit || !SENTENCE_OPENERS.contains(&after.to_lowercase().as_str());
    }
    // Dotted acronyms and initials: `U.N.`, `U.S.`, `J.` — end only before an opener.
    let is_initialism =
        !word.is_empty() && word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if is_initialism {
        return !SENTENCE_OPENERS.contains(&after.to_lowercase().trim_end_matches([',', ';']));
    }
    // A lower-case continuation is not a new sentence (`approx. ten`), except after a
    // clear sentence word.
    if next_first.is_some_and(char::is_lowercase) {
        return word.chars().count() <= 3;
    }
    false
}

/// `threats.The parties` — a full stop between a lower-case word and a capitalised one,
/// with no space: news copy that lost its spaces. `News.Az`, `U.N.` and `No.2758` are not.
fn is_glued_sentence(para: &str, start: usize, pos: usize, end: usize) -> bool {
    let word = word_before(para, start, pos);
    let tail: String = word.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let prev_ok = tail.chars().count() >= 3 && tail.chars().all(char::is_lowercase) && !word.contains('.');
    let next = next_word(para, end);
    let mut nc = next.chars();
    let next_ok = nc.next().is_some_and(char::is_uppercase) && nc.next().is_some_and(|c| c.is_lowercase() || c == '.');
    prev_ok && next_ok && word.chars().count() > 3
}

/// Pushes the sentence at `r` (relative to the paragraph) with white space and a
/// leading `P.S.` marker trimmed, unless nothing is left.
fn push_trimmed(out: &mut Vec<Range<usize>>, para: &str, base: usize, r: Range<usize>) {
    let s = &para[r.clone()];
    let mut lead = s.len() - s.trim_start().len();
    let rest = &s[lead..];
    for mark in ["P.S. ", "P.S.", "PS: ", "N.B. "] {
        if rest.starts_with(mark) && rest.len() > mark.len() {
            lead += mark.len();
            lead += s[lead..].len() - s[lead..].trim_start().len();
            break;
        }
    }
    let trimmed_end = s.trim_end().len();
    if trimmed_end > lead && s[lead..trimmed_end].chars().any(char::is_alphanumeric) {
        out.push(base + r.start + lead..base + r.start + trimmed_end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).segments.iter().map(|s| &text[s.byte_range.clone()]).collect()
    }

    fn headings(text: &str) -> Vec<String> {
        segment(text).sections.into_iter().map(|h| h.text).collect()
    }

    #[test]
    fn abbreviations_do_not_end_a_sentence() {
        let t = "The side upholds U.N. General Assembly Resolution No. 2758 and Art. 5 of the treaty. \
                 They will train officers (e.g. for border and customs officers). Trade will reach USD 1.5 billion.";
        assert_eq!(
            sentences(t),
            vec![
                "The side upholds U.N. General Assembly Resolution No. 2758 and Art. 5 of the treaty.",
                "They will train officers (e.g. for border and customs officers).",
                "Trade will reach USD 1.5 billion."
            ]
        );
    }

    #[test]
    fn initialism_after_a_dash_does_not_end_a_sentence() {
        let t = "They formed the Vietnam–U.S. Comprehensive Partnership in 2013. Next.";
        assert_eq!(sentences(t), vec!["They formed the Vietnam–U.S. Comprehensive Partnership in 2013.", "Next."]);
    }

    #[test]
    fn a_long_first_line_without_a_full_stop_is_the_title() {
        let t = "Joint Statement from the Leaders of the United States and the Republic of Indonesia: Elevating Relations to a Comprehensive Strategic Partnership\n\nThe leaders met.";
        assert!(segment(t).title.is_some_and(|x| x.starts_with("Joint Statement from")));
        assert_eq!(sentences(t), vec!["The leaders met."]);
    }

    #[test]
    fn initialism_ends_a_sentence_before_a_sentence_opener() {
        let t = "Both sides will work within the U.N. The parties also agreed.";
        assert_eq!(sentences(t), vec!["Both sides will work within the U.N.", "The parties also agreed."]);
    }

    #[test]
    fn glued_sentences_split_but_domain_names_do_not() {
        let t = "These pose serious threats.The parties agreed to continue.\n\nNews.Az";
        assert_eq!(sentences(t), vec!["These pose serious threats.", "The parties agreed to continue."]);
    }

    #[test]
    fn ps_marker_is_not_part_of_the_sentence() {
        let t = "This is stable.P.S. In the context of instability, partnerships matter.";
        assert_eq!(sentences(t), vec!["This is stable.", "In the context of instability, partnerships matter."]);
    }

    #[test]
    fn semicolon_list_stays_one_commitment() {
        let t = "The Sides will hold exhibitions; organize missions; and open trade houses.";
        assert_eq!(sentences(t).len(), 1);
    }

    #[test]
    fn curly_quotes_close_the_sentence() {
        let t = "It supports the epic “Manas”. The two sides agree. He said \"yes.\" Then left.";
        assert_eq!(
            sentences(t),
            vec!["It supports the epic “Manas”.", "The two sides agree.", "He said \"yes.\"", "Then left."]
        );
    }

    #[test]
    fn dashes_do_not_split() {
        let t = "The Baku–Tbilisi–Kars railway — a key link — will grow. Next one.";
        assert_eq!(sentences(t).len(), 2);
    }

    #[test]
    fn roman_numbered_and_numbered_headings_are_not_commitments() {
        let t = "JOINT DECLARATION\nbetween the Republic of Azerbaijan and the People's Republic of China\non the Establishment of a Strategic Partnership\n\nPreamble text here.\n\nI. POLITICAL RELATIONS\n\n1. The Parties will talk.\n\n2. Politics\n\nThe two sides meet.";
        let s = segment(t);
        assert_eq!(
            s.title.as_deref(),
            Some(
                "JOINT DECLARATION between the Republic of Azerbaijan and the People's Republic of China on the Establishment of a Strategic Partnership"
            )
        );
        assert_eq!(headings(t), vec!["I. POLITICAL RELATIONS", "2. Politics"]);
        assert_eq!(sentences(t), vec!["Preamble text here.", "The Parties will talk.", "The two sides meet."]);
        assert_eq!(s.segments[1].section, Some(0));
        assert_eq!(s.segments[2].section, Some(1));
    }

    #[test]
    fn article_section_and_markdown_headings() {
        let t = "# Title\n\nArticle 5\n\nText one.\n\nSection 2. Transport and transit\n\nText two.\n\n## Trade\n\nText three.\nArticle 6\nText four.";
        assert_eq!(segment(t).title.as_deref(), Some("Title"), "a leading `# ` heading is the title");
        assert_eq!(headings(t), vec!["Article 5", "Section 2. Transport and transit", "Trade", "Article 6"]);
        assert_eq!(sentences(t), vec!["Text one.", "Text two.", "Text three.", "Text four."]);
    }

    #[test]
    fn article_number_and_its_title_line_make_one_heading() {
        let t = "Preamble.\n\nArticle 1\nPolitical relations\n\nThe Parties talk.";
        assert_eq!(headings(t), vec!["Article 1. Political relations"]);
    }

    #[test]
    fn numbered_paragraph_marks_are_excluded() {
        let t = "Intro.\n\n1.1. The purpose is cooperation.\n\n12. The Parties agree.";
        assert_eq!(sentences(t), vec!["Intro.", "The purpose is cooperation.", "The Parties agree."]);
    }

    #[test]
    fn bullets_are_items_and_marks_are_excluded() {
        let t = "Intro.\n\nPolitical relations\n\n- First item. Second sentence.\n- Third item.";
        assert_eq!(headings(t), vec!["Political relations"]);
        assert_eq!(sentences(t), vec!["Intro.", "First item.", "Second sentence.", "Third item."]);
        let s = segment(t);
        assert_eq!(s.segments[1].paragraph, s.segments[2].paragraph);
        assert_ne!(s.segments[2].paragraph, s.segments[3].paragraph);
    }

    #[test]
    fn hard_wrapped_lines_continue_a_paragraph() {
        let t = "Title line\n\nThe Parties reaffirm their commitment to the\nsovereignty of states. Türkiye supports\nGeorgia.\n";
        assert_eq!(
            sentences(t),
            vec!["The Parties reaffirm their commitment to the\nsovereignty of states.", "Türkiye supports\nGeorgia."]
        );
    }

    #[test]
    fn date_credit_and_signature_lines_are_not_commitments() {
        let t = "Joint Statement\n\nBeijing, January 2023\n\nThe sides agree.\n\nFor the Republic of Azerbaijan\nFor the People's Republic of China\n\nNews.Az";
        assert_eq!(sentences(t), vec!["The sides agree."]);
    }

    #[test]
    fn a_huge_line_without_sentence_ends_is_cut_into_bounded_segments() {
        let t = "word ".repeat(50_000) + "Ωmega";
        let s = segment(&t);
        assert!(s.segments.len() >= 15, "{}", s.segments.len());
        assert!(s.segments.iter().all(|x| x.byte_range.len() <= MAX_SEGMENT_BYTES));
        assert!(
            s.segments.iter().all(|x| t.is_char_boundary(x.byte_range.start) && t.is_char_boundary(x.byte_range.end))
        );
        let covered: usize = s.segments.iter().map(|x| t[x.byte_range.clone()].split_whitespace().count()).sum();
        assert_eq!(covered, 50_001, "no word lost");
    }

    #[test]
    fn right_to_left_text_is_segmented() {
        let t = "الطرفان يتفقان على التعاون. Стороны согласились. Next one.";
        assert_eq!(sentences(t), vec!["الطرفان يتفقان على التعاون.", "Стороны согласились.", "Next one."]);
    }

    #[test]
    fn non_latin_scripts_and_emoji_are_segmented_on_character_boundaries() {
        let t = "Azərbaycan və Çin razılaşdı. Стороны договорились. 双方同意。 Good 👍. Done!";
        let segs = sentences(t);
        assert!(segs.len() >= 4, "{segs:?}");
        assert_eq!(segs[0], "Azərbaycan və Çin razılaşdı.");
    }
}
