//! Structure and sentence segmentation: plain text → title, sections and segments.
//!
//! Two passes. `items` reads lines into *items* — headings, paragraphs and bullet
//! items — joining hard-wrapped lines and recognising the heading forms declarations
//! use (`I. POLITICAL RELATIONS`, `1. Politics`, `Article 5`, `Section 2. …`, `#`).
//! Then every paragraph is split into commitments (normally sentences) by
//! [`split_sentences`], which knows abbreviations, glued sentences (`threats.The`)
//! and quotes. Every segment keeps the exact byte range of its text in the source;
//! nothing here allocates a copy of the document.

use crate::core::text;
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
    /// Byte ranges of lines that are neither heading nor commitment (dates, credits,
    /// signature lines, page numbers and running headers), in document order: skipped,
    /// but accounted for. A page number or running header may lie inside a segment
    /// whose sentence runs over a page break.
    pub meta: Vec<Range<usize>>,
}

/// The most words a first line without a full stop may have and still be the title;
/// a longer one is a commitment that lacks its final punctuation.
pub const MAX_TITLE_WORDS: usize = 40;

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
    /// The paragraph or item number, or run-in label, that stood before this sentence
    /// (`28.`, `(b)`, `2.5.`, `一、`, `Tariffs:`), white space folded; it is not part of
    /// `byte_range`. Only the first sentence of a paragraph carries it.
    pub label: Option<String>,
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
    /// Byte range of the paragraph number and/or run-in label before `range`.
    label: Option<Range<usize>>,
    /// Whether the item is page furniture (a page number, a running header or footer):
    /// a paragraph runs over it.
    page: bool,
}

/// Splits `text` into title, sections and segments.
pub fn segment(text: &str) -> Structure {
    let (items, inner_furniture) = items(text);
    let mut out = Structure::default();
    let first_body = items.iter().position(|i| i.kind == ItemKind::Body);
    // Where the title may stand: the first item that is not page furniture (a printed
    // web page's header line comes above the title).
    let first = items.iter().position(|i| !i.page).unwrap_or(0);
    let mut paragraph = 0;
    for (n, item) in items.iter().enumerate() {
        let before_body = first_body.is_none_or(|b| n < b);
        let item_text = &text[item.range.clone()];
        if n == first
            && item.kind == ItemKind::Body
            && !item.marked
            && !ends_sentence(item_text)
            && word_count(item_text) <= MAX_TITLE_WORDS
        {
            // A first line without a full stop is the title, up to MAX_TITLE_WORDS words,
            // with the kind of document a run-in label names ("FACT SHEET: President …").
            let start = item.label.as_ref().map_or(item.range.start, |l| l.start);
            out.title = Some(fold_ws(&text[start..item.range.end]));
            continue;
        }
        match item.kind {
            ItemKind::Heading
                if before_body
                    && n == first
                    && !item.marked
                    && (item_text.starts_with("# ") || !is_heading_pattern(item_text)) =>
            {
                let start = item.label.as_ref().map_or(item.range.start, |l| l.start);
                out.title = Some(fold_ws(text[start..item.range.end].trim_start_matches('#')));
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
                        // `Article 1. Political relations`, but `第一条 适用范围`.
                        let sep = if prev.text.chars().any(is_cjk) { " " } else { ". " };
                        prev.text = format!("{}{sep}{}", prev.text.trim_end_matches('.'), t);
                        prev.byte_range.end = item.range.end;
                    }
                    _ => out.sections.push(Heading { text: t, byte_range: item.range.clone() }),
                }
            }
            ItemKind::Meta => {
                if n == first && !item.page {
                    out.title = Some(fold_ws(&text[item.range.clone()]));
                } else {
                    out.meta.push(item.range.clone());
                }
            }
            ItemKind::Body => {
                let section = out.sections.len().checked_sub(1);
                let mut label = item.label.clone().map(|r| fold_ws(&text[r]));
                for r in split_sentences(text, item.range.clone()) {
                    for piece in cap_length(text, r) {
                        out.segments.push(RawSegment { byte_range: piece, section, paragraph, label: label.take() });
                    }
                }
                paragraph += 1;
            }
        }
    }
    if !inner_furniture.is_empty() {
        out.meta.extend(inner_furniture);
        out.meta.sort_by_key(|r| r.start);
    }
    out
}

/// `text` with the `meta` ranges (sorted by start; page numbers and running headers
/// inside a sentence that runs over a page break, a closing formula that holds one)
/// blanked byte for byte, so that every byte range still points where it did.
pub fn without_meta<'a>(text: &'a str, meta: &[Range<usize>]) -> std::borrow::Cow<'a, str> {
    if meta.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in meta {
        // A range inside one already blanked (a page number inside a closing formula).
        let start = r.start.max(at);
        if r.end <= start {
            continue;
        }
        out.push_str(&text[at..start]);
        out.extend(std::iter::repeat_n(' ', r.end - start));
        at = r.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
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
/// Also returns the page furniture that joined paragraphs run over.
fn items(text: &str) -> (Vec<Item>, Vec<Range<usize>>) {
    let mut out: Vec<Item> = Vec::new();
    // The item being built from consecutive non-blank lines.
    let mut open: Option<Item> = None;
    // Whether the previous line was a bare numbered heading (`Article 5`, `第一条`),
    // so that a short line right under it is its title, not the start of a paragraph.
    let mut after_bare_heading = false;
    // Whether the last line was a heading's title that stops on a word no title ends on
    // (`Settlement of Disputes between an Investor and a`), so the next line may go on it.
    let mut title_open = false;
    // Whether an item other than page furniture has been read (`out[..checked_items]`).
    let (mut body_seen, mut checked_items) = (false, 0);
    let flush = |open: &mut Option<Item>, out: &mut Vec<Item>| {
        if let Some(mut item) = open.take() {
            item.kind = classify_item(&text[item.range.clone()], item.marked);
            // A numbered heading wrapped over two lines (`Section 1. Political dialogue,
            // rule of law and` / `human rights`) is still the heading it is on one.
            if let Some(label) = item.label.clone().filter(|_| item.marked && item.kind == ItemKind::Body)
                && is_heading_pattern(&fold_ws(&text[label.start..item.range.end]))
            {
                item = Item {
                    kind: ItemKind::Heading,
                    range: label.start..item.range.end,
                    marked: false,
                    label: None,
                    page: false,
                };
            }
            out.push(item);
        }
    };
    let all: Vec<Range<usize>> = lines(text).collect();
    // The longest line: a document hard-wrapped at some width has many lines close to
    // it, and one that is not has long paragraph lines.
    let width = all.iter().map(|l| text[l.clone()].trim_end().chars().count()).max().unwrap_or(0);
    let double_spaced = is_double_spaced(text, &all);
    let unspaced = is_unspaced(text, &all);
    let running = running_lines(text, &all, unspaced, double_spaced);
    // In text without blank lines, where a line was ended on purpose: it is not full
    // (hard-wrapped, the next line's first word would have fitted within the width; not
    // hard-wrapped, every line is a paragraph), and it ends a sentence, or it ends a
    // heading or a title before a capital, a figure or a mark.
    let hard_wrapped = is_hard_wrapped(text, &all, width);
    let ended_on_purpose = |k: usize| {
        let (line, next) = (text[all[k].clone()].trim(), text[all[k + 1].clone()].trim());
        let word = next.split_whitespace().next().map_or(0, |w| w.chars().count());
        let full = hard_wrapped && text[all[k].clone()].trim_end().chars().count() + 1 + word > width;
        let block_starts =
            next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || is_cjk(c)) || marker(next).1;
        // A title set in capitals, or in Chinese or Japanese, over several lines is one
        // block (the next line ends no sentence either).
        let capitals = |l: &str| l.chars().any(char::is_uppercase) && !l.chars().any(char::is_lowercase);
        let title_lines = (capitals(line) && capitals(next))
            || (line.chars().any(is_cjk) && next.chars().any(is_cjk) && !ends_sentence(next));
        !line.is_empty()
            && !next.is_empty()
            && !full
            && !ends_with_honorific(line)
            && (ends_sentence(line)
                || (block_starts && !title_lines && !stops_open_word(line) && !line.ends_with(['-', '–', '—']))
                || (block_starts && is_dateline(line)))
    };
    for (n, line) in all.iter().cloned().enumerate() {
        let raw = &text[line.clone()];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            // Double-spaced text: one blank line is a line break, two end the paragraph.
            let single = n > 0
                && all.get(n + 1).is_some_and(|l| !text[l.clone()].trim().is_empty())
                && !text[all[n - 1].clone()].trim().is_empty();
            if double_spaced && single {
                continue;
            }
            flush(&mut open, &mut out);
            after_bare_heading = false;
            title_open = false;
            continue;
        }
        // Text without blank lines: the paragraph or heading ended on the line before, or
        // this line is a heading (itself ended on purpose, without a sentence end) or
        // starts with a run-in label (`Tariffs: Indonesia will …`) after a paragraph's
        // last sentence that happened to fill its line.
        let heading_after_full_line = || {
            n + 1 < all.len()
                && ends_sentence(text[all[n - 1].clone()].trim())
                && !ends_with_honorific(text[all[n - 1].clone()].trim())
                && ((!ends_sentence(trimmed)
                    && trimmed.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    && ended_on_purpose(n))
                    || run_in_label(trimmed).is_some())
        };
        // A title block that opens in capitals and goes on in lower case (`JOINT
        // STATEMENT` / `between … and …` / `on the … Partnership`) ends before a line in
        // capitals that no word of the line before leads on to.
        while checked_items < out.len() {
            body_seen |= out[checked_items].kind != ItemKind::Meta;
            checked_items += 1;
        }
        let title_block_ends = || {
            !body_seen
                && trimmed.starts_with(char::is_uppercase)
                && open.as_ref().is_some_and(|i| {
                    // A title block is short: a long one is read no further (each line
                    // would read it again).
                    let block = &text[i.range.clone()];
                    block.len() <= MAX_TITLE_BLOCK_BYTES && {
                        let mut lines = block.lines();
                        let first = lines.next().unwrap_or("");
                        first.chars().any(char::is_uppercase)
                            && !first.chars().any(char::is_lowercase)
                            && lines.all(starts_lower_case_trimmed)
                            && block.contains('\n')
                            && !ends_sentence(block)
                    }
                })
                && !stops_open(text[all[n - 1].clone()].trim())
        };
        if unspaced && n > 0 && (ended_on_purpose(n - 1) || heading_after_full_line() || title_block_ends()) {
            flush(&mut open, &mut out);
        }
        let lead = raw.len() - raw.trim_start().len();
        let content = line.start + lead..line.start + lead + trimmed.len();
        let running_line = running.contains(&furniture_key(trimmed));
        if is_page_marker(trimmed) || running_line {
            // A page number or running header left by a page break: neither heading nor text.
            flush(&mut open, &mut out);
            out.push(Item { kind: ItemKind::Meta, range: content, marked: false, label: None, page: true });
            after_bare_heading = false;
            continue;
        }
        let (marker_len, is_marker) = marker(trimmed);
        let is_marker = is_marker && !wraps_mid_sentence(open.as_ref(), text, trimmed, marker_len);
        // A heading's title wrapped over two lines (`Settlement of Disputes between an
        // Investor and a` / `Host State`): the second line goes on the title.
        if std::mem::take(&mut title_open)
            && !is_marker
            && !ends_sentence(trimmed)
            && !holds_a_sentence(trimmed)
            && !is_heading_pattern(trimmed)
            && word_count(trimmed) <= MAX_HEADING_TITLE_WORDS
            && let Some(title) = out.last_mut().filter(|i| i.kind == ItemKind::Heading)
        {
            title.range.end = content.end;
            title_open = stops_open(trimmed);
            continue;
        }
        // A line that the next one carries on is the start of a sentence broken by a
        // hard wrap (`15. The Parties will develop the (Lianyungang)` / `logistics base
        // …`), not a numbered heading: the next line begins in lower case, or the
        // line is full (its next word would not have fitted within the width) and
        // not in title case.
        // In double-spaced text the next line stands after one blank line.
        let after_blank = double_spaced && all.get(n + 1).is_some_and(|l| text[l.clone()].trim().is_empty());
        let carried_on = all.get(n + 1 + usize::from(after_blank)).is_some_and(|next| {
            let next = text[next.clone()].trim();
            let word = next.split_whitespace().next().map_or(0, |w| w.chars().count());
            // In title case or capitals, a line is a heading however long.
            let full = raw.trim_end().chars().count() + 1 + word > width && !is_title_cased(trimmed);
            !next.is_empty() && (starts_lower_case(next) || full)
        });
        // Nor is a line that goes on a sentence the line before broke off (`… listed in`
        // / `Annex II.`).
        let goes_on = open.as_ref().is_some_and(|i| {
            let before = text[i.range.clone()].trim_end();
            before.ends_with(|c: char| c.is_lowercase() || c == ',') && !is_heading_pattern(before)
        });
        // A title is no sentence that the next line carries on to its end (`Article 2` /
        // `The Presidents … will meet at least once a year, and the` / `Ministers … will
        // hold regular consultations.`, in text without blank lines).
        let next_holds_sentence = all.get(n + 1).is_some_and(|l| {
            let next = text[l.clone()].trim();
            ends_sentence(next) || holds_a_sentence(next)
        });
        let title_of_heading =
            after_bare_heading && !is_marker && is_heading_title_line(trimmed) && !(carried_on && next_holds_sentence);
        let standalone_heading =
            (is_heading_pattern(trimmed) && !carried_on && !goes_on) || trimmed.starts_with('#') || title_of_heading;
        let starts_new = open.is_none()
            || is_marker
            || standalone_heading
            || ends_heading_like(open.as_ref(), text)
            || starts_recital(open.as_ref(), text, trimmed);
        after_bare_heading = standalone_heading && !title_of_heading && is_bare_numbered_heading(trimmed);
        if starts_new {
            flush(&mut open, &mut out);
            let marked = is_marker && !standalone_heading;
            let mut range = if marked { content.start + marker_len..content.end } else { content.clone() };
            // A paragraph number is the item's label; a bullet mark is not.
            let mut label = (marked && trimmed[..marker_len].chars().any(char::is_alphanumeric))
                .then(|| content.start..content.start + trimmed[..marker_len].trim_end().len());
            range = skip_ws(text, range);
            // The label's sentence may go on over the next lines of the paragraph (a few
            // are enough to see a sentence follow; all of them would be quadratic).
            let para_end = (n..all.len())
                .take(RUN_IN_LOOKAHEAD_LINES)
                .take_while(|&k| {
                    let line = text[all[k].clone()].trim();
                    !line.is_empty() && (k == n || !(unspaced && ended_on_purpose(k - 1)))
                })
                .last()
                .map_or(range.end, |k| all[k].end);
            if !standalone_heading && let Some(len) = run_in_label(&text[range.start..para_end.max(range.end)]) {
                let label_end = range.start + text[range.start..range.start + len].trim_end().len();
                label = Some(label.map_or(range.start, |l| l.start)..label_end);
                // The label may stand alone on its line: the text starts on the next.
                let start = range.start + len;
                range = skip_ws(text, start..range.end.max(start));
            }
            open = Some(Item { kind: ItemKind::Body, range, marked, label, page: false });
            if standalone_heading {
                flush(&mut open, &mut out);
                title_open = title_of_heading && stops_open(trimmed);
            }
        } else if let Some(item) = open.as_mut() {
            item.range.end = content.end;
        }
    }
    flush(&mut open, &mut out);
    out.retain(|i| !i.range.is_empty());
    join_fragments(text, out, width)
}

/// Lines read to see whether a run-in label (`Digital Trade:`) has a sentence after it:
/// the label's own and the next two.
const RUN_IN_LOOKAHEAD_LINES: usize = 3;

/// The fewest lines a document must have to be read as double-spaced.
const MIN_DOUBLE_SPACED_LINES: usize = 10;

/// The widest lines of a hard-wrapped text: PDFs, mail and typescripts wrap at 60 to
/// 100 characters, and a document with longer lines sets each paragraph on one.
const MAX_HARD_WRAP_WIDTH: usize = 120;

/// Whether the text's lines were wrapped at a width rather than ended where its
/// paragraphs end: its lines are no longer than [`MAX_HARD_WRAP_WIDTH`], and at least
/// one line in [`WRAPPED_LINES_PER_CONTINUATION`] goes on in lower case (a wrap falls
/// anywhere in a sentence; a paragraph or heading starts with a capital).
fn is_hard_wrapped(text: &str, all: &[Range<usize>], width: usize) -> bool {
    let lines: Vec<&str> = all.iter().map(|l| text[l.clone()].trim()).filter(|l| !l.is_empty()).collect();
    let goes_on = lines.iter().skip(1).filter(|l| starts_lower_case(l)).count();
    width <= MAX_HARD_WRAP_WIDTH && goes_on * WRAPPED_LINES_PER_CONTINUATION >= lines.len()
}

/// One line in this many going on in lower case is enough to call a text hard-wrapped:
/// wrapped English goes on in lower case after most of its lines.
const WRAPPED_LINES_PER_CONTINUATION: usize = 4;

/// The longest title block read as one, in bytes: six lines of a wide page.
const MAX_TITLE_BLOCK_BYTES: usize = 600;

/// The fewest lines a document must have to be read as set without blank lines.
const MIN_UNSPACED_LINES: usize = 10;

/// At most one blank line per this many lines of text, for a document to be read as set
/// without blank lines (a few may stand around its title or a table).
const UNSPACED_LINES_PER_BLANK: usize = 20;

/// Whether the text sets its paragraphs and headings apart by line breaks alone, as a
/// PDF viewer copies a page or a web form keeps one paragraph a line: at least ten lines,
/// and hardly any blank line. Read as it stands, the whole text was one paragraph, and a
/// heading without a number was read into the sentence after it.
fn is_unspaced(text: &str, all: &[Range<usize>]) -> bool {
    let blank = all.iter().filter(|l| text[(*l).clone()].trim().is_empty()).count();
    let lines = all.len() - blank;
    lines >= MIN_UNSPACED_LINES && blank * UNSPACED_LINES_PER_BLANK <= lines
}

/// Whether `text` is double-spaced (see `is_double_spaced`): there one blank line is a
/// line break, and only two end a paragraph.
pub fn double_spaced(text: &str) -> bool {
    is_double_spaced(text, &lines(text).collect::<Vec<_>>())
}

/// Whether the text is double-spaced, as some PDF converters and web pages copy it: a
/// blank line after nearly every line, paragraphs set apart by two or more, and most
/// single blank lines falling in the middle of a sentence (the line before ends in a
/// letter or a comma). Read as it stands, every wrapped line was a paragraph of its
/// own, and segmentation fell to about half.
fn is_double_spaced(text: &str, all: &[Range<usize>]) -> bool {
    let blank: Vec<bool> = all.iter().map(|l| text[l.clone()].trim().is_empty()).collect();
    let lines = blank.iter().filter(|b| !**b).count();
    if lines < MIN_DOUBLE_SPACED_LINES {
        return false;
    }
    let (mut followed, mut single, mut mid_sentence, mut double) = (0, 0, 0, false);
    for k in 0..blank.len() {
        if blank[k] {
            continue;
        }
        if blank.get(k + 1) == Some(&true) {
            followed += 1;
            match blank.get(k + 2) {
                Some(false) => {
                    single += 1;
                    let line = text[all[k].clone()].trim_end();
                    mid_sentence += usize::from(line.ends_with(|c: char| c.is_alphanumeric() || c == ','));
                }
                Some(true) => double = true,
                None => {}
            }
        }
    }
    double && followed * 10 >= lines * 9 && mid_sentence * 2 >= single && single > 0
}

/// Whether a line begins with a lower-case letter: it carries on the line before.
fn starts_lower_case(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// [`starts_lower_case`], after the line's indent.
fn starts_lower_case_trimmed(line: &str) -> bool {
    starts_lower_case(line.trim_start())
}

/// Whether what looks like a mark at the start of a line is the middle of a sentence
/// broken there by a hard wrap, as text copied from a PDF is: a figure (`… up to USD` /
/// `1.5 billion in …`) or a dash (`… renewable energy` / `— in particular solar …`)
/// after a line that stops mid-sentence, with a lower-case word after it. A numbered
/// item (`2.5 Energy`, `12. The Parties`) starts in capitals, and a list of dashed items
/// follows a lead-in that ends with a colon, or ends its items with semicolons. A mark
/// after a word that refers to a numbered part (`… set out in paragraph` / `(1) of this
/// Article.`) is that part's number, whatever follows it.
fn wraps_mid_sentence(open: Option<&Item>, text: &str, line: &str, marker_len: usize) -> bool {
    let Some(item) = open else { return false };
    let before = text[item.range.clone()].trim_end();
    let mark = line[..marker_len].trim_end();
    let figure = mark.starts_with(|c: char| c.is_ascii_digit()) && !mark.ends_with(['.', ')']);
    // A dashed list item ends with a semicolon, even after a lead-in without a colon.
    let dash = (mark == "–" || mark == "—") && !line.trim_end().ends_with(';');
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    let reference = mark.starts_with('(') && REFERRING_WORDS.contains(&last_word.as_str());
    reference
        || ((figure || dash)
            && before.ends_with(|c: char| c.is_alphanumeric() || c == ',')
            && starts_lower_case(line[marker_len..].trim_start()))
}

/// Words that name a numbered part of a text: a bracketed number after one of them is a
/// cross-reference (`paragraph (1)`, `sub-paragraph (a)`), not a list item's mark.
const REFERRING_WORDS: &[&str] = &[
    "paragraph",
    "paragraphs",
    "subparagraph",
    "subparagraphs",
    "sub-paragraph",
    "sub-paragraphs",
    "article",
    "articles",
    "clause",
    "clauses",
    "point",
    "points",
    "item",
    "items",
];

/// Whether a line is only a page number, as text taken from a printed or PDF page keeps
/// them: `3`, `- 3 -`, `– 12 –`, `Page 3`, `Page 3 of 12`. A numbered heading has a
/// full stop or a title (`3.`, `3. Trade`), so it is none, and a bare year (`2024`) is
/// the end of a wrapped line (`… the Republic of Azerbaijan,` / `2024`).
fn is_page_marker(line: &str) -> bool {
    let line = line.trim();
    let year = line.len() == 4 && (line.starts_with("19") || line.starts_with("20"));
    if year && line.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let t = line.trim_matches(['-', '–', '—']).trim();
    let t =
        t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")).or_else(|| t.strip_prefix("PAGE ")).unwrap_or(t);
    let mut parts = t.split(" of ");
    let number =
        |p: Option<&str>| p.is_some_and(|n| (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
    let first = parts.next();
    let rest = parts.next();
    number(first) && (rest.is_none() || number(rest)) && parts.next().is_none()
}

/// The most words of a running header or footer.
const MAX_RUNNING_WORDS: usize = 12;

/// A line as page furniture is compared: white space folded, and without the page count
/// a printed web page ends its footer with (`https://… 1/7`, `https://… 2/7`).
fn furniture_key(line: &str) -> String {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let page_count = |w: &str| {
        w.split_once('/').is_some_and(|(a, b)| {
            [a, b].iter().all(|n| (1..=4).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit()))
        })
    };
    if words.len() > 1 && words.last().is_some_and(|w| page_count(w)) {
        words.pop();
    }
    words.join(" ")
}

/// The running headers and footers of a document laid out in pages (their
/// [`furniture_key`]s): lines of two to `MAX_RUNNING_WORDS` words that begin with a
/// capital, a figure or a web address, end no sentence, are neither list item nor numbered heading
/// (`Article 5` and `Article 6` differ; headings never repeat word for word), that stand
/// alone between blank lines, and that the document repeats. Text copied from a PDF keeps them (`Joint Statement 2024` at
/// the top of every page, `9/11/23, 10:15 AM … | The White House` and `https://… 1/7`
/// when a web page was printed), and read as headings they broke paragraphs and put the
/// sentences after them under a false section. The first page's header, above the
/// title, is one of them.
fn running_lines(
    text: &str,
    all: &[Range<usize>],
    unspaced: bool,
    double_spaced: bool,
) -> std::collections::HashSet<String> {
    let lines: Vec<&str> = all.iter().map(|l| text[l.clone()].trim()).collect();
    // Page furniture stands alone: a blank line, a page number or the document's edge
    // on either side (in text without blank lines, on one side: `- 2 -` / `Joint
    // Statement 2024` / `Article 4`). A wrapped line of a paragraph that happens to
    // repeat does not. In double-spaced text one blank line is only a line break, so it
    // takes two: a signature block's `FOR THE GOVERNMENT OF THE` / (blank) / `UNITED
    // STATES OF AMERICA:`, written twice, is no running header.
    let edge = |j: usize| lines.get(j).is_none_or(|l| is_page_marker(l));
    let apart = |j: Option<usize>, step: isize| {
        j.is_none_or(|j| {
            let blank = lines.get(j).is_none_or(|l| l.is_empty());
            let further = j.checked_add_signed(step);
            edge(j)
                || blank
                    && (!double_spaced
                        || further.is_none_or(|f| lines.get(f).is_none_or(|l| l.is_empty() || is_page_marker(l))))
        })
    };
    // key → (occurrences, occurrences standing alone)
    let mut seen: std::collections::HashMap<String, (usize, usize)> = std::collections::HashMap::new();
    for (k, &line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let words = word_count(line);
        let capital = line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || line.starts_with("http")
            || line.starts_with("www.");
        if !capital
            || !(2..=MAX_RUNNING_WORDS).contains(&words)
            || is_page_marker(line)
            || ends_sentence(line)
            || marker(line).1
            || is_heading_pattern(line)
        {
            continue;
        }
        let entry = seen.entry(furniture_key(line)).or_default();
        entry.0 += 1;
        let (before, after) = (apart(k.checked_sub(1), -1), apart(Some(k + 1), 1));
        entry.1 += usize::from(if unspaced { before || after } else { before && after });
    }
    seen.into_iter().filter(|&(_, (n, alone))| n >= 2 && alone == n).map(|(key, _)| key).collect()
}

/// The most words a lower-case paragraph may have and still be a fragment left over by
/// a line break (`in Brazil.`) when the paragraph before it did end a sentence.
const MAX_FRAGMENT_WORDS: usize = 6;

/// Joins paragraphs that begin in lower case to the paragraph before them: no sentence
/// begins in lower case, so `in Brazil.` after a blank line is the end of the previous
/// sentence, cut off by a line or page break. It is joined when the paragraph before
/// breaks off without punctuation, or when it is short; a long lower-case clause after
/// a comma or semicolon (a preamble's `recognising that …;`) stays its own item.
///
/// A numbered or lettered item in lower case (`(a) customs duties …;`) after a clause
/// that ends with a colon, semicolon, comma, `and` or `or` is joined too: it goes on the
/// sentence that the clause began (`… with respect to:` / `(a) …;` / `(b) …; and` /
/// `(c) ….`), as a treaty's subparagraphs are parts of its sentence and a
/// semicolon-joined list is one. Bulleted items are not: a statement's `… the following
/// areas:` / `- semiconductor design …;` / `- Earth observation satellites …;` lists
/// commitments of their own, which another document may state one by one.
///
/// A page number between the two (`- 3 -`) does not keep them apart: the joined
/// paragraph runs over it. Nor does it end a paragraph that stops mid-sentence before it
/// (`broken_by_page`), whatever the case of the next word.
fn join_fragments(text: &str, items: Vec<Item>, width: usize) -> (Vec<Item>, Vec<Range<usize>>) {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    // Page numbers and running headers inside joined paragraphs.
    let mut inside: Vec<Range<usize>> = Vec::new();
    for item in items {
        let t = &text[item.range.clone()];
        // A defined term opens in quotes (`(a) “investment” means …;`): the word decides.
        let starts_lower =
            t.trim_start_matches(['“', '"', '‘', '\'', '«']).chars().next().is_some_and(char::is_lowercase);
        // The paragraph before, page numbers passed over.
        let page_numbers = out.iter().rev().take_while(|p| p.page).count();
        let kept = out.len() - page_numbers;
        let joins = starts_lower
            && !item.page
            && !item.marked
            && item.label.is_none()
            && out[..kept].last().is_some_and(|prev| {
                let p = text[prev.range.clone()].trim_end();
                let pattern = p.starts_with('#') || is_heading_pattern(p);
                let broken_off = p.chars().last().is_some_and(char::is_alphanumeric);
                prev.kind != ItemKind::Meta
                    && !pattern
                    && (broken_off || prev.kind == ItemKind::Body && word_count(t) <= MAX_FRAGMENT_WORDS)
            });
        let continues_list = starts_lower
            && !item.page
            && (item.marked || item.label.is_some())
            && !is_bulleted(text, item.range.start)
            // Across a page break too: `(d) …;` / `- 2 -` / `(e) laws, regulations …`.
            && out[..kept].last().is_some_and(|prev| {
                let p = text[prev.range.clone()].trim_end();
                let last_word = p.rsplit(char::is_whitespace).next().unwrap_or("");
                prev.kind == ItemKind::Body && (p.ends_with([':', ';', ',']) || matches!(last_word, "and" | "or"))
            });
        let across_page = page_numbers > 0
            && !item.page
            && !item.marked
            && item.label.is_none()
            // The first item is the title, which no page break cuts.
            && out[..kept].iter().filter(|p| !p.page).count() > 1
            && out[..kept].last().is_some_and(|prev| broken_by_page(text, prev, t, starts_lower, width));
        let joins = joins || continues_list || across_page;
        if joins {
            inside.extend(out.drain(kept..).map(|p| p.range));
        }
        match out.last_mut() {
            // A list goes on the clause it completes, which stays a commitment: ending in
            // `; and` it must not pass for a heading.
            Some(prev) if continues_list => prev.range.end = item.range.end,
            Some(prev) if joins => {
                prev.range.end = item.range.end;
                prev.kind = classify_item(&text[prev.range.clone()], prev.marked);
            }
            _ => out.push(item),
        }
    }
    (out, inside)
}

/// Words a sentence does not end on: a line that ends with one was cut off.
const OPEN_ENDED_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "between", "by", "for", "from", "has", "have", "her", "his", "in",
    "into", "is", "its", "of", "on", "or", "our", "shall", "that", "the", "their", "this", "to", "which", "will",
    "with",
];

/// Whether a line stops on a word that no title or sentence ends on (`… an Investor and a`).
fn stops_open(line: &str) -> bool {
    line.ends_with([',', '&']) || stops_open_word(line)
}

/// Whether a line's last word is one no title or sentence ends on (`and`, `the`, `of`).
fn stops_open_word(line: &str) -> bool {
    // An opening quote or bracket before it is still the word (`… said. “The`).
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches(['“', '"', '‘', '\'', '(', '[', '«']).to_lowercase();
    line.ends_with('&') || OPEN_ENDED_WORDS.contains(&last.as_str())
}

/// Whether the paragraph `prev`, before a page number, was cut off by the page break
/// rather than ended. It is no heading by form, and the next page goes on in lower case
/// (`… for U.S.` / `- 4 -` / `citizens from 30 to 60 days`), or `prev` ends no sentence
/// and runs over several lines, or its last line is full (the next page's first word,
/// `next` begins with it, would not have fitted within the document's `width`), or it
/// ends on a word no sentence ends on (`… instructed their` / `- 2 -` / `Governments to
/// draft …`). A short heading before a page break (`Economy, trade and investment` /
/// `- 2 -` / `The Parties …`) is none of these.
fn broken_by_page(text: &str, prev: &Item, next: &str, next_lower: bool, width: usize) -> bool {
    let p = text[prev.range.clone()].trim_end();
    let last_line = p.rsplit('\n').next().unwrap_or(p);
    let last_word = last_line.rsplit(char::is_whitespace).next().unwrap_or("");
    let next_word = next.split_whitespace().next().map_or(0, |w| w.chars().count());
    // Measured as the line stands in the text, indentation included.
    let line_start = text[..prev.range.end].rfind('\n').map_or(0, |i| i + 1);
    let full = text[line_start..prev.range.end].trim_end().chars().count() + 1 + next_word > width;
    let cut_off =
        !ends_sentence(p) && !p.ends_with(',') && (p.contains('\n') || full || OPEN_ENDED_WORDS.contains(&last_word));
    // A closing formula (`Done at … in the Hindi,` / `- 9 -` / `Kazakh and English
    // languages …`) is cut as a sentence is; a page number or header is not.
    !(prev.page || p.starts_with('#') || is_heading_pattern(p)) && (next_lower || cut_off)
}

/// The most words a run-in label (`Agricultural Market Access:`) may have.
const MAX_RUN_IN_LABEL_WORDS: usize = 6;

/// Small words that may stand lower-case inside a title-cased label or heading.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "about", "across", "after", "against", "among", "an", "and", "as", "at", "between", "by", "for", "from", "in",
    "into", "of", "on", "or", "the", "through", "to", "toward", "towards", "under", "upon", "via", "with", "within",
];

/// The length (colon and following white space included) of a run-in label at the
/// start of a paragraph: a few title-cased words and a colon, then a capitalised
/// sentence (`Tariffs: The countries will …`, `Digital Trade: Argentina has …`).
/// A lead-in such as `Key elements of the deal will include:` is not one.
fn run_in_label(s: &str) -> Option<usize> {
    let first_line = s.lines().next().unwrap_or("");
    let colon = first_line.find(':')?;
    let head = &first_line[..colon];
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_RUN_IN_LABEL_WORDS || head.ends_with(char::is_whitespace) {
        return None;
    }
    let title_cased = words.iter().enumerate().all(|(i, w)| {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        capital || i > 0 && TITLE_SMALL_WORDS.contains(w)
    }) && head
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '-' | '&' | '\'' | '’' | ','));
    let rest = &s[colon + 1..];
    let after = rest.trim_start();
    let sentence_follows = rest.starts_with(char::is_whitespace)
        && after.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && word_count(after) >= 3;
    (title_cased && sentence_follows).then(|| colon + 1 + (rest.len() - after.len()))
}

/// The most words the title line under a bare numbered heading may have.
const MAX_HEADING_TITLE_WORDS: usize = 14;

/// Whether a line under `Article 5` is that article's title (`Scope of Application`):
/// short, capitalised and without a sentence end.
fn is_heading_title_line(line: &str) -> bool {
    let first = line.chars().next();
    first.is_some_and(|c| c.is_uppercase() || is_cjk(c))
        && !ends_sentence(line)
        && word_count(line) <= MAX_HEADING_TITLE_WORDS
        && (!line.chars().any(is_cjk) || line.chars().count() <= MAX_CJK_HEADING_CHARS)
}

/// `Article 5`, `CHAPTER III`, `第一条`: a numbered heading with no title of its own.
fn is_bare_numbered_heading(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['.', ':']);
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.as_slice() {
        [kw, num] => HEADING_KEYWORDS.contains(&kw.to_lowercase().as_str()) && is_heading_number(num),
        [one] => cjk_article(one) == Some(one.len()),
        _ => false,
    }
}

/// Whether the open item is a one-line heading that a following line must not join
/// (`Article 1` followed directly by its text).
fn ends_heading_like(open: Option<&Item>, text: &str) -> bool {
    open.is_some_and(|i| {
        let t = &text[i.range.clone()];
        !t.contains('\n') && is_heading_pattern(t)
    })
}

/// The fewest words of an item ending with a comma, semicolon or colon that make it a
/// clause, not a label (`Note:`, `Annex 2:`).
const MIN_CLAUSE_WORDS: usize = 3;

/// Words that open a recital of a preamble (`Desiring to …,`, `Recognizing that …;`) or
/// its closing formula (`Have agreed as follows:`).
const RECITAL_OPENERS: &[&str] = &[
    "acknowledging",
    "affirming",
    "agree",
    "aware",
    "bearing",
    "believing",
    "conscious",
    "considering",
    "convinced",
    "desiring",
    "determined",
    "emphasising",
    "emphasizing",
    "expressing",
    "guided",
    "have",
    "having",
    "hereby",
    "mindful",
    "noting",
    "reaffirming",
    "recalling",
    "recognising",
    "recognizing",
    "reiterating",
    "seeking",
    "stressing",
    "taking",
    "welcoming",
    "wishing",
];

/// Whether a line opens a new recital of a preamble: the line before ended its clause
/// with a comma, semicolon or colon, and this one begins with a capitalised recital
/// word. A treaty's recitals stand one a line (`Desiring …,` / `Recognizing …;` /
/// `Have agreed as follows:`); read as one hard-wrapped paragraph, the whole preamble
/// was one segment.
fn starts_recital(open: Option<&Item>, text: &str, line: &str) -> bool {
    let Some(item) = open else { return false };
    let before = text[item.range.clone()].trim_end();
    let first = line.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    before.ends_with([',', ';', ':'])
        && first.chars().next().is_some_and(char::is_uppercase)
        && RECITAL_OPENERS.contains(&first.to_lowercase().as_str())
}

fn skip_ws(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    r.start + lead..r.end
}

/// Bullet marks (with their space) that open an item.
const BULLETS: [&str; 6] = ["- ", "• ", "* ", "– ", "— ", "· "];

/// Whether the item that starts at byte `start` of `text` is bulleted (`- `, `• ` …)
/// rather than numbered or lettered.
fn is_bulleted(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..start].trim_start();
    BULLETS.iter().any(|b| before.starts_with(b))
}

/// The length of a paragraph number or bullet mark at the start of `line`, and whether
/// there is one: `12. `, `1.1. `, `2.5 `, `(a) `, `a) `, `(1) `, `1.双方` (no space before
/// Chinese or Japanese), `Article 5. `, `- `,
/// `• `, `* `, `– `, and the Chinese and Japanese marks `一、`, `（一）`, `１．`, `第一条 `.
fn marker(line: &str) -> (usize, bool) {
    let b = line.as_bytes();
    for bullet in BULLETS {
        if line.starts_with(bullet) {
            return (bullet.len(), true);
        }
    }
    if let Some(len) = cjk_marker(line) {
        return (len + leading_ws(&line[len..]), true);
    }
    if let Some(len) = cjk_article(line).filter(|&l| line[l..].starts_with(char::is_whitespace)) {
        return (len + leading_ws(&line[len..]), true);
    }
    // `Article 5. The Parties …`: a run-in article number before its text.
    let first = line.split_whitespace().next().unwrap_or("");
    if HEADING_KEYWORDS.contains(&first.to_lowercase().as_str()) {
        let rest = &line[first.len()..];
        let num = rest.split_whitespace().next().unwrap_or("");
        if num.len() > 1 && num.ends_with(['.', ':']) && is_heading_number(num) {
            let end = first.len() + (rest.len() - rest.trim_start().len()) + num.len();
            if line[end..].starts_with(' ') {
                return (end + 1, true);
            }
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
        // Chinese and Japanese text sets no space after the number: `1.双方同意…`.
        if i < b.len() && (b[i] == b'.' || b[i] == b')') && line[i + 1..].starts_with(is_cjk) {
            return (i + 1, true);
        }
        // `2.5 Text` (no final dot) is a marker only with several groups.
        if groups > 1 && i < b.len() && b[i] == b' ' {
            return (i + 1, true);
        }
        break;
    }
    // `(a) `, `a) `, `(A) `, `(1) `
    let rest = line.strip_prefix('(').unwrap_or(line);
    let parenthesised = rest.len() < line.len();
    let letters = rest.bytes().take_while(|c| c.is_ascii_lowercase()).count();
    let upper = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let n = if (1..=3).contains(&letters) {
        letters
    } else if parenthesised && (upper == 1 || (1..=2).contains(&digits)) {
        upper.max(digits)
    } else {
        0
    };
    if n > 0 && rest[n..].starts_with(") ") {
        return (line.len() - rest.len() + n + 2, true);
    }
    (0, false)
}

fn leading_ws(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Chinese numerals as used in heading and paragraph numbers.
const CJK_NUMERALS: &str = "一二三四五六七八九十百零〇两";

fn is_cjk_number_char(c: char) -> bool {
    CJK_NUMERALS.contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The length of a Chinese or Japanese number mark at the start of `s`: `一、`, `十二、`,
/// `1、`, `１．`, `（一）`, `(一)`, `（１）`.
fn cjk_marker(s: &str) -> Option<usize> {
    let (open, body) = match s.chars().next()? {
        c @ ('（' | '(') => (c.len_utf8(), &s[c.len_utf8()..]),
        _ => (0, s),
    };
    let digits: usize = body.chars().take_while(|&c| is_cjk_number_char(c)).map(char::len_utf8).sum();
    if digits == 0 || body[..digits].chars().count() > 4 {
        return None;
    }
    let close = body[digits..].chars().next()?;
    let ok = if open > 0 {
        matches!(close, '）' | ')') && body[..digits].chars().any(|c| !c.is_ascii_digit()) || close == '）'
    } else {
        // `1、` and `１．` are marks; `1.` is left to the Latin rules.
        close == '、' || close == '．'
    };
    ok.then(|| open + digits + close.len_utf8())
}

/// Unit words of Chinese and Japanese heading numbers: `第一条` (article), `第三章`
/// (chapter), `第二节` (section), `第一部分` (part), `第4款` (paragraph), `第１編`.
const CJK_HEADING_UNITS: &[&str] = &["部分", "条", "條", "章", "节", "節", "编", "編", "款", "篇"];

/// The length of `第…条`-style numbering at the start of `s`.
fn cjk_article(s: &str) -> Option<usize> {
    let body = s.strip_prefix('第')?;
    let digits: usize = body.chars().take_while(|&c| is_cjk_number_char(c)).map(char::len_utf8).sum();
    if digits == 0 {
        return None;
    }
    let unit = CJK_HEADING_UNITS.iter().find(|u| body[digits..].starts_with(**u))?;
    Some('第'.len_utf8() + digits + unit.len())
}

/// Whether `c` is a Chinese character or Japanese kana (scripts without spaces or case).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The most characters a Chinese or Japanese heading has (`一、政治关系`); a longer line
/// without a sentence end is a paragraph that lost its final `。`.
const MAX_CJK_HEADING_CHARS: usize = 24;

/// Words that open a numbered heading in treaties and declarations.
const HEADING_KEYWORDS: &[&str] =
    &["article", "section", "sub-section", "subsection", "chapter", "part", "annex", "appendix", "title", "schedule"];

/// `5`, `5.`, `12.3`, `III`, `One`: the number of a numbered heading.
fn is_heading_number(num: &str) -> bool {
    let num = num.trim_end_matches(['.', ':']);
    let dotted_digits = num.split('.').all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()));
    !num.is_empty() && (dotted_digits || is_roman(num) || text::NUMBER_WORDS.contains(&num.to_lowercase().as_str()))
}

/// Whether the words are title-cased: every word capitalised, or a small word after
/// the first (`Scope of Application`, `TRADE AND INVESTMENT`).
fn is_title_cased(s: &str) -> bool {
    let mut n = 0;
    let ok = s.split_whitespace().enumerate().all(|(i, w)| {
        n += 1;
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || i > 0 && TITLE_SMALL_WORDS.contains(&w)
    });
    ok && n > 0
}

/// Heading forms that are headings wherever they stand: `Article 5`, `Section 2. Trade`,
/// `Chapter III`, `TITLE II`, `Sub-section 2`, `Part One`, `I. POLITICAL RELATIONS`,
/// `1. Politics` (short, unpunctuated), `一、政治关系`, `（一）经贸合作`, `第一条`.
fn is_heading_pattern(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with('#') {
        return true;
    }
    if line.contains('\n') || word_count(line) > 12 || line.is_empty() {
        return false;
    }
    // Chinese and Japanese: a number mark and a short title without a sentence end.
    if let Some(len) = cjk_article(line).or_else(|| cjk_marker(line)) {
        let rest = line[len..].trim();
        let short = rest.chars().count() <= MAX_CJK_HEADING_CHARS && !ends_sentence(rest);
        let is_article = cjk_article(line).is_some();
        return short && (is_article || rest.chars().any(is_cjk));
    }
    let first = line.split_whitespace().next().unwrap_or("");
    let lower = first.to_lowercase();
    if HEADING_KEYWORDS.contains(&lower.as_str()) {
        let rest = line[first.len()..].trim_start();
        let num = rest.split(|c: char| c.is_whitespace() || c == ':').next().unwrap_or("");
        if !is_heading_number(num) {
            return false;
        }
        let title = rest[num.len()..].trim_start_matches([':', '.', '-', '–', '—', ' ']);
        // `Article 5. The Parties shall cooperate.` is a numbered sentence, not a heading.
        return !ends_sentence(line) || title.is_empty() || is_title_cased(title.trim_end_matches('.'));
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

/// Closing quotes and brackets that may follow a sentence's final punctuation.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '」', '』', '）', '》', '〕'];

/// Whether the text ends as a sentence does (full stop, question or exclamation mark,
/// semicolon or colon, Latin or Chinese/Japanese, possibly followed by closing quotes
/// or brackets).
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(CLOSERS);
    t.ends_with(['.', '!', '?', ';', ':', '…', '。', '！', '？', '；', '：'])
}

/// Decides what a finished item is.
fn classify_item(s: &str, marked: bool) -> ItemKind {
    let t = s.trim();
    if t.starts_with('#') || (!marked && is_heading_pattern(t)) {
        return ItemKind::Heading;
    }
    if !marked && (is_closing_formula(t) || is_dateline(t) || is_place_line(t) || is_byline(t)) {
        return ItemKind::Meta;
    }
    if ends_sentence(t) {
        return ItemKind::Body;
    }
    let words = word_count(t);
    if words >= MIN_CLAUSE_WORDS && t.ends_with([',', ';', ':']) {
        // A clause that goes on (`Desiring to …,`, `Have agreed as follows:`): no
        // heading or title ends with a comma, semicolon or colon.
        return ItemKind::Body;
    }
    if looks_like_date_line(t) {
        return ItemKind::Meta;
    }
    if marked {
        // A numbered or bulleted item without final punctuation is still body text
        // unless it is short enough to be a heading (`1. Politics` is handled above).
        return ItemKind::Body;
    }
    let starts_like_heading = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_cjk(c));
    if t.chars().any(is_cjk) {
        // Chinese and Japanese have no capitals: only length tells a heading.
        let short = !t.contains('\n') && t.chars().count() <= MAX_CJK_HEADING_CHARS;
        return if short && starts_like_heading { ItemKind::Heading } else { ItemKind::Body };
    }
    // A block of several short, unpunctuated lines is a title (`JOINT DECLARATION` /
    // `between … and …` / `on the Establishment of …`), however many words in all; one
    // that holds a whole sentence is a paragraph cut off before its end.
    if starts_like_heading && t.contains('\n') && t.lines().all(|l| word_count(l) <= 14) && !holds_a_sentence(t) {
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
    // A longer single line in title case is a heading too (`Promoting Inclusive
    // Economic Growth through Innovation, Sustainable Development, and …`).
    // Over one line or wrapped over two.
    if words <= MAX_TITLE_CASE_HEADING_WORDS && is_title_cased(t) {
        return ItemKind::Heading;
    }
    ItemKind::Body
}

/// Whether `t` holds a sentence end before its own end: a full stop, question or
/// exclamation mark after a lower-case letter, then white space and a capital
/// (`… international obligations.` / `Both countries …`). A title block has none, and
/// `U.S. Labor` is an initialism.
fn holds_a_sentence(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    chars
        .windows(4)
        .any(|w| w[0].is_lowercase() && matches!(w[1], '.' | '!' | '?') && w[2].is_whitespace() && w[3].is_uppercase())
}

/// The most words of a dateline (`ISLAMABAD, May 12 (Asia Wire) —`).
const MAX_DATELINE_WORDS: usize = 10;

/// A news report's dateline on a line of its own: a place in capitals, a comma, the
/// date and perhaps the agency, then a dash (`JAKARTA, 13 November (NNA) –`). It says
/// where and when, as a date line does, and is neither heading nor commitment; set
/// before the first sentence on its line, it is part of that sentence.
fn is_dateline(t: &str) -> bool {
    let Some(head) = t.trim().strip_suffix(['–', '—', '-']) else { return false };
    let Some((place, _)) = head.split_once(',') else { return false };
    let month = head
        .to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(w)));
    !head.contains('\n')
        && word_count(head) <= MAX_DATELINE_WORDS
        && place.chars().any(char::is_alphabetic)
        && !place.chars().any(char::is_lowercase)
        && month
}

/// The most words of a byline (`By Ayesha Karim, Diplomatic Correspondent`).
const MAX_BYLINE_WORDS: usize = 8;

/// A news report's byline (`By Hannah Mercer in Jakarta`, `By Haruka Nishida, Staff
/// Writer`): `By` and a capitalised name on a short line without a sentence end. Read as a
/// heading, it stood as the section of every sentence of the report.
fn is_byline(t: &str) -> bool {
    let t = t.trim();
    let Some(rest) = t.strip_prefix("By ") else { return false };
    let name = rest.split_whitespace().next().unwrap_or("");
    !t.contains('\n')
        && !ends_sentence(t)
        && word_count(t) <= MAX_BYLINE_WORDS
        && name.chars().next().is_some_and(char::is_uppercase)
        && !matches!(name, "The" | "This" | "That" | "These" | "Those" | "Its" | "Their" | "Our")
}

/// The most words of a place line (`The White House, Washington, D.C.`).
const MAX_PLACE_LINE_WORDS: usize = 8;

/// A place line under a title (`The White House, Washington, D.C.`): one short line of
/// capitalised words with a comma, ending in a full stop. No sentence of
/// any of our documents or the dev set's is so short and title-cased; read as one, it
/// was a commitment when no blank line set it apart from the date under it.
fn is_place_line(t: &str) -> bool {
    let t = t.trim();
    !t.contains('\n')
        && t.ends_with('.')
        && t.contains(',')
        && word_count(t) <= MAX_PLACE_LINE_WORDS
        && is_title_cased(t)
}

/// The most words of an unpunctuated, title-cased line that is still a heading.
const MAX_TITLE_CASE_HEADING_WORDS: usize = 24;

/// `Done at Astana on 3 July 2024 in two originals, …`, `Signed in Baku …`: the
/// closing formula of a treaty, which records the signing and commits to nothing.
fn is_closing_formula(t: &str) -> bool {
    let lower = t.to_lowercase();
    ["done at ", "done in ", "signed at ", "signed in "].iter().any(|p| lower.starts_with(p))
        && (["original", "copies", "duplicate"].iter().any(|w| lower.contains(w)) || looks_like_date_line_words(&lower))
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

/// `Beijing, January 2023`, `Draft — version of 14 March 2023`, `Xi'an, May 2023`,
/// `2023年5月18日，西安`.
fn looks_like_date_line(t: &str) -> bool {
    if t.chars().any(is_cjk) {
        let short = t.chars().count() <= MAX_CJK_HEADING_CHARS && !t.ends_with(['。', '！', '？']);
        let year =
            t.find('年').is_some_and(|i| t[..i].chars().rev().take_while(|&c| is_cjk_number_char(c)).count() == 4);
        return short && year && t.contains('月');
    }
    if word_count(t) > 8 {
        return false;
    }
    looks_like_date_line_words(&t.to_lowercase())
}

/// Whether lower-cased text names a month and a year.
fn looks_like_date_line_words(lower: &str) -> bool {
    let has_month = lower.split(|c: char| !c.is_alphabetic()).any(|w| MONTHS.contains(&w));
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    has_month && has_year
}

/// Titles that stand before a name, so a line that ends with one (`… said Dr.` / `Inês
/// Carvalho, an analyst …`) was broken there, not ended.
const HONORIFICS: &[&str] =
    &["mr", "mrs", "ms", "dr", "prof", "h.e", "h.m", "h.h", "h.r.h", "gen", "col", "lt", "amb", "hon"];

/// Whether a line ends with an honorific's full stop (`HONORIFICS`).
fn ends_with_honorific(line: &str) -> bool {
    let last = line.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    last.strip_suffix('.').is_some_and(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "no", "nos", "art", "arts", "para", "paras", "p", "pp", "vol", "ch", "sec", "fig", "mr", "mrs", "ms", "dr", "st",
    "prof", "gen", "col", "lt", "sr", "jr", "vs", "cf", "approx", "incl", "esp", "dept", "govt", "corp", "inc", "ltd",
    "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "he", "hon", "amb",
    "resp", "ref", "op", "viz", "al",
];

/// Abbreviations that never end a sentence even before a capital (`e.g. the U.N.`), and
/// honorifics that stand before a name (`Indonesia, H.E. Joko Widodo`: not a place's
/// state, as `Washington, D.C.` is).
const NEVER_FINAL: &[&str] =
    &["e.g", "i.e", "eg", "ie", "viz", "cf", "no", "nos", "art", "para", "vs", "h.e", "h.m", "h.h", "h.r.h", "h.i.m"];

/// Dotted initialisms of countries and unions, which usually stand before a capitalised
/// noun (`U.S. President`, `U.N. Charter`) rather than end a sentence.
const COUNTRY_INITIALISMS: &[&str] = &["u.s", "u.k", "u.n", "e.u", "u.s.a", "p.r.c", "r.o.k", "u.a.e", "u.s.s.r"];

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

/// Chinese and Japanese sentence ends: they need no space after them.
///
/// The full-width semicolon `；` is not one: like `;` in English it joins the items of
/// one list (`双方同意：加强…；扩大…；深化…。`), which the gold counts as one sentence, and
/// the colon `：` introduces that list.
const CJK_TERMINATORS: [char; 3] = ['。', '！', '？'];

/// Splits the paragraph at `range` of `text` into sentence byte ranges.
///
/// Semicolons and colons never split. A full stop ends a sentence when followed by
/// white space (or a capital, for glued copy like `threats.The`, `Geneva.The`,
/// `2030.The`) unless the word before it is an abbreviation or a number continues
/// (`USD 1.5`, `No. 2758`, `e.g. for`), or the next word is in lower case (no sentence
/// starts so). `。！？` end a sentence wherever they stand.
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let para = &text[range.clone()];
    let base = range.start;
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut at = 0usize;
    // Walk from terminator to terminator; no copy of the paragraph is made, so a
    // 50 MB line costs no more memory than its text.
    while let Some(off) = para[at..].find(['.', '!', '?', '…', '。', '！', '？']) {
        let pos = at + off;
        let Some(c) = para[pos..].chars().next() else { break };
        // Take the whole run of terminators and closing quotes/brackets.
        let mut end = pos + c.len_utf8();
        for ch in para[end..].chars() {
            if !matches!(ch, '.' | '!' | '?' | '…') && !CJK_TERMINATORS.contains(&ch) {
                break;
            }
            end += ch.len_utf8();
        }
        for ch in para[end..].chars() {
            if !CLOSERS.contains(&ch) {
                break;
            }
            end += ch.len_utf8();
        }
        let next = para[end..].chars().next();
        let boundary = match next {
            None => true,
            Some(_) if CJK_TERMINATORS.contains(&c) => true,
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
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return next_lower_or_digit || !SENTENCE_OPENERS.contains(&after.to_lowercase().as_str());
    }
    // Dotted acronyms and initials: `U.N.`, `U.S.`, `J.` — end only before an opener.
    let is_initialism =
        !word.is_empty() && word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if is_initialism {
        // `Annex I.`, `Part V.`: a roman numeral after a numbering word is a number, and
        // a capital after it starts a sentence.
        let keyword = para[start..pos - word.len()].split_whitespace().next_back().map(str::to_lowercase);
        if word.len() == 1
            && is_roman(word)
            && keyword.is_some_and(|k| HEADING_KEYWORDS.contains(&k.as_str()))
            && next_first.is_some_and(char::is_uppercase)
        {
            return false;
        }
        // No sentence starts in lower case: `with the U.N. at its core` goes on.
        let opener = next_first.is_some_and(char::is_uppercase)
            && SENTENCE_OPENERS.contains(&after.to_lowercase().trim_end_matches([',', ';']));
        // `Washington, D.C. President Biden …`: a state or district after a place and a
        // comma closes the phrase, so a capital after it starts a sentence. Country
        // initialisms are excluded: they stand before a capital (`U.S. President`).
        let before = para[start..pos - word.len()].trim_end();
        let place_suffix = word.len() >= 3
            && !COUNTRY_INITIALISMS.contains(&lower.as_str())
            && next_first.is_some_and(char::is_uppercase)
            && before.strip_suffix(',').is_some_and(|b| {
                b.rsplit(char::is_whitespace).next().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            });
        return !(opener || place_suffix);
    }
    // A lower-case continuation is not a new sentence (`approx. ten`, a fragment such
    // as `in Brazil.` cut off by a line break): no sentence starts in lower case.
    next_first.is_some_and(char::is_lowercase)
}

/// Domain endings: `News.Az`, `Report.Az`, `Amazon.Com` are names, not two sentences.
const DOMAIN_ENDINGS: &[&str] = &["az", "com", "org", "net", "gov", "edu", "int", "info", "uk", "ru", "kz", "cn", "eu"];

/// `threats.The parties`, `in Geneva.The parties`, `by 2030.The parties`: a full stop
/// between a word or figure and a capitalised word, with no space — news copy that lost
/// its spaces. `News.Az`, `U.N.`, `U.S.The`, `Jr.The`, `No.2758` are not.
fn is_glued_sentence(para: &str, start: usize, pos: usize, end: usize) -> bool {
    let word = word_before(para, start, pos);
    if word.contains('.') {
        return false;
    }
    let next = next_word(para, end);
    let mut nc = next.chars();
    let next_ok = nc.next().is_some_and(char::is_uppercase) && nc.next().is_some_and(|c| c.is_lowercase() || c == '.');
    if !next_ok {
        return false;
    }
    let tail: String = word.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    if tail.chars().count() >= 3 && tail.chars().all(char::is_lowercase) && word.chars().count() > 3 {
        return true;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) || NEVER_FINAL.contains(&lower.as_str()) {
        return false;
    }
    if para[start..pos].trim() == word {
        // Nothing but this word so far: a name (`News.Az`) or a number mark, not a sentence.
        return false;
    }
    let next_clean = next.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let named = word.chars().count() >= 3
        && word.chars().all(char::is_alphabetic)
        && word.chars().next().is_some_and(char::is_uppercase);
    let figure =
        word.chars().any(|c| c.is_ascii_digit()) && word.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '%');
    (named || figure)
        && !DOMAIN_ENDINGS.contains(&next_clean.as_str())
        && (SENTENCE_OPENERS.contains(&next_clean.as_str()) || next_clean.chars().count() >= 3)
}

/// Pushes the sentence at `r` (relative to the paragraph) with white space, a leading
/// `P.S.` marker and a footnote mark (`*`, `†`) trimmed, unless nothing is left.
fn push_trimmed(out: &mut Vec<Range<usize>>, para: &str, base: usize, r: Range<usize>) {
    let s = &para[r.clone()];
    let mut lead = s.len() - s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '†' | '‡')).len();
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
    fn approx_and_a_numbered_annex_read_as_they_are_meant() {
        // `approx.` before a capital is still an abbreviation.
        assert_eq!(
            sentences("The EU will mobilise approx. EUR 1.6 billion for it. Both sides agree."),
            ["The EU will mobilise approx. EUR 1.6 billion for it.", "Both sides agree."]
        );
        // A roman numeral after `Annex` ends the sentence; an initial does not.
        assert_eq!(
            sentences("The exceptions are listed in Annex I. Viet Nam will phase out its tariffs."),
            ["The exceptions are listed in Annex I.", "Viet Nam will phase out its tariffs."]
        );
        assert_eq!(sentences("The talks were chaired by John F. Kennedy Jr. in person.").len(), 1);
    }

    #[test]
    fn an_honorific_before_a_name_does_not_end_a_sentence() {
        let t = "The Prime Minister, the Hon. Anthony Albanese MP, and the President of the Republic of Indonesia, \
                 H.E. Joko Widodo, met in Canberra. They agreed.";
        assert_eq!(sentences(t).len(), 2, "{:?}", sentences(t));
        // A district after a place still closes the phrase.
        assert_eq!(sentences("They met in Washington, D.C. President Biden spoke.").len(), 2);
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
    fn a_title_keeps_the_kind_of_document_its_label_names() {
        let t = "FACT SHEET: President Donald J. Trump Welcomes President Tokayev of Kazakhstan\n\nThe leaders met.";
        assert_eq!(
            segment(t).title.as_deref(),
            Some("FACT SHEET: President Donald J. Trump Welcomes President Tokayev of Kazakhstan")
        );
        assert_eq!(sentences(t), vec!["The leaders met."]);
    }

    #[test]
    fn initialism_ends_a_sentence_before_a_sentence_opener() {
        let t = "Both sides will work within the U.N. The parties also agreed.";
        assert_eq!(sentences(t), vec!["Both sides will work within the U.N.", "The parties also agreed."]);
        // An opener in lower case opens nothing.
        let t = "They uphold the system with the U.N. at its core and the order it underpins.";
        assert_eq!(sentences(t), vec![t]);
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
    fn a_title_wrapped_under_a_bare_article_heading_is_one_heading() {
        let t = "Title\n\nARTICLE 8\nSettlement of Disputes between an Investor and a\nHost State\n\n\
                 (1) Disputes shall be settled amicably.\n\nARTICLE 9\nEntry into Force\n\nThis Agreement enters into force.\n";
        assert_eq!(
            headings(t),
            vec![
                "ARTICLE 8. Settlement of Disputes between an Investor and a Host State",
                "ARTICLE 9. Entry into Force"
            ]
        );
        assert_eq!(sentences(t), vec!["Disputes shall be settled amicably.", "This Agreement enters into force."]);
    }

    #[test]
    fn a_bracketed_number_after_paragraph_is_a_reference_not_an_item() {
        // A wrap before `(1)` in `paragraph (1) of this Article` made the reference a list
        // item, and `of this Article.` a segment of its own. A lettered list after a
        // lead-in is still one (its items joined by semicolons stay one sentence).
        let t = "Title\n\n(2) The company shall be entitled to a prompt review of its case in accordance with\n\
                 the principles set out in paragraph\n(1) of this Article.\n\n\
                 (3) The Parties shall consult as provided for in subparagraph\n(a) above and in Article\n(4).\n\n\
                 (4) The tribunal shall:\n(a) determine its procedure; and\n(b) reach its decision by a majority.\n";
        assert_eq!(
            sentences(t),
            vec![
                "The company shall be entitled to a prompt review of its case in accordance with\n\
                 the principles set out in paragraph\n(1) of this Article.",
                "The Parties shall consult as provided for in subparagraph\n(a) above and in Article\n(4).",
                "The tribunal shall:\n(a) determine its procedure; and\n(b) reach its decision by a majority.",
            ]
        );
    }

    #[test]
    fn a_hard_wrap_does_not_make_a_heading_or_a_list_mark() {
        // Text copied from a PDF breaks its lines anywhere: after a numbered line that
        // looks like `1. Politics`, before a figure that looks like `2.5 Energy`, and
        // before a dash that looks like a bullet. Each of these split a sentence, and the
        // first part of the first two was read as a heading.
        let t = "Title\n\n15. The Parties will develop the China–Kazakhstan (Lianyungang)\nlogistics base as a hub.\n\n\
                 4.7. The Parties shall cooperate in technical regulation,\nstandardisation and assessment.\n\n\
                 Japan said it would mobilise up to USD\n1.5 billion in finance for projects.\n\n\
                 The Parties shall develop renewable energy\n— in particular solar and wind power.\n";
        assert_eq!(headings(t), Vec::<String>::new());
        assert_eq!(
            sentences(t),
            vec![
                "The Parties will develop the China–Kazakhstan (Lianyungang)\nlogistics base as a hub.",
                "The Parties shall cooperate in technical regulation,\nstandardisation and assessment.",
                "Japan said it would mobilise up to USD\n1.5 billion in finance for projects.",
                "The Parties shall develop renewable energy\n— in particular solar and wind power.",
            ]
        );
        // Wrapped narrower, the line goes on with a capital or a figure: the line is full
        // (the next word would not have fitted), so it is carried on.
        let t = "Title\n\n15. The Parties will develop the\nChina–Kazakhstan (Lianyungang) base\nas a regional logistics hub.\n\n\
                 16. The Republic shall, by December\n31, 1992, submit the Agreement to its\nlegislature for approval.\n";
        assert_eq!(headings(t), Vec::<String>::new());
        assert_eq!(sentences(t).len(), 2);
        // Numbered headings, numbered items and dashed lists are still what they were.
        let t = "Title\n\n1. Politics\n\nThe sides met.\n\n2.5 Energy sources will be diversified.\n\n\
                 The Parties will cooperate in the following fields of common interest and to mutual benefit\n\
                 – trade;\n– energy.\n";
        assert_eq!(headings(t), vec!["1. Politics"]);
        assert_eq!(
            sentences(t),
            vec![
                "The sides met.",
                "Energy sources will be diversified.",
                "The Parties will cooperate in the following fields of common interest and to mutual benefit",
                "trade;",
                "energy."
            ]
        );
    }

    #[test]
    fn date_credit_and_signature_lines_are_not_commitments() {
        let t = "Joint Statement\n\nBeijing, January 2023\n\nThe sides agree.\n\nFor the Republic of Azerbaijan\nFor the People's Republic of China\n\nNews.Az";
        assert_eq!(sentences(t), vec!["The sides agree."]);
    }

    #[test]
    fn date_credit_and_signature_lines_are_accounted_for_as_meta() {
        let t =
            "Joint Statement\n\nBeijing, January 2023\n\nThe sides agree.\n\nFor the Republic of Azerbaijan\n\nNews.Az";
        let meta: Vec<&str> = segment(t).meta.into_iter().map(|r| &t[r]).collect();
        assert_eq!(meta, vec!["Beijing, January 2023", "For the Republic of Azerbaijan", "News.Az"]);
    }

    #[test]
    fn a_first_line_longer_than_the_title_cap_is_a_commitment() {
        let at_cap = vec!["Parties"; MAX_TITLE_WORDS].join(" ");
        assert_eq!(segment(&format!("{at_cap}\n\nThe leaders met.")).title, Some(at_cap.clone()));
        let over = format!("{at_cap} agree");
        let text = format!("{over}\n\nThe leaders met.");
        assert_eq!(segment(&text).title, None);
        assert_eq!(sentences(&text), vec![over.as_str(), "The leaders met."]);
    }

    fn labels(text: &str) -> Vec<Option<String>> {
        segment(text).segments.into_iter().map(|s| s.label).collect()
    }

    #[test]
    fn sentences_glued_after_a_capitalised_word_a_figure_or_a_year_split() {
        let t = "The talks were held in Geneva.The parties agreed. They met in Moscow.The sides signed. \
                 Trade will double by 2030.The plan is set. They sold 1,500.Next year more.";
        assert_eq!(
            sentences(t),
            vec![
                "The talks were held in Geneva.",
                "The parties agreed.",
                "They met in Moscow.",
                "The sides signed.",
                "Trade will double by 2030.",
                "The plan is set.",
                "They sold 1,500.",
                "Next year more."
            ]
        );
    }

    #[test]
    fn initialisms_jr_and_no_stay_protected_when_glued_or_spaced() {
        let t = "The U.S.The side met Joseph R. Biden, Jr. and Jr.The envoy. It upholds Resolution No. 2758 \
                 and No.2758 and the U.S. President agreed.";
        assert_eq!(
            sentences(t),
            vec![
                "The U.S.The side met Joseph R. Biden, Jr. and Jr.The envoy.",
                "It upholds Resolution No. 2758 and No.2758 and the U.S. President agreed."
            ]
        );
        let t = "He came to Washington, D.C. President Biden spoke.\n\nNews.Az";
        assert_eq!(sentences(t), vec!["He came to Washington, D.C.", "President Biden spoke."]);
    }

    #[test]
    fn treaty_heading_forms_are_headings_not_commitments() {
        // Each heading directly followed by its text, with no blank line between.
        let t = "Agreement on Trade\n\nTITLE II\nText one.\nCHAPTER 3\nText two.\nSub-section 2\nText three.\n\
                 Article One\nText four.\nPART IV. FINAL PROVISIONS\nText five.";
        assert_eq!(
            headings(t),
            vec!["TITLE II", "CHAPTER 3", "Sub-section 2", "Article One", "PART IV. FINAL PROVISIONS"]
        );
        assert_eq!(sentences(t), vec!["Text one.", "Text two.", "Text three.", "Text four.", "Text five."]);
    }

    #[test]
    fn article_title_on_the_next_line_is_part_of_the_heading_not_of_the_text() {
        let t = "Preamble.\n\nArticle 5\nScope of Application\nThe Parties shall apply this Agreement.\n\nARTICLE VI\nMOST-FAVORED-NATION TREATMENT\n1. Each Party shall accord treatment.";
        assert_eq!(headings(t), vec!["Article 5. Scope of Application", "ARTICLE VI. MOST-FAVORED-NATION TREATMENT"]);
        assert_eq!(
            sentences(t),
            vec!["Preamble.", "The Parties shall apply this Agreement.", "Each Party shall accord treatment."]
        );
    }

    #[test]
    fn a_run_in_article_number_is_a_label_not_a_heading() {
        let t = "Intro.\n\nArticle 5. The Parties shall cooperate.";
        assert!(headings(t).is_empty());
        assert_eq!(sentences(t), vec!["Intro.", "The Parties shall cooperate."]);
        assert_eq!(labels(t), vec![None, Some("Article 5.".to_owned())]);
    }

    #[test]
    fn paragraph_numbers_become_labels_outside_the_segment() {
        let t = "Intro.\n\n28. The Parties agree. They sign.\n\n(b) Trade will grow.\n\n2.5. Ports will open.\n\n- A bullet item.";
        assert_eq!(
            sentences(t),
            vec![
                "Intro.",
                "The Parties agree.",
                "They sign.",
                "Trade will grow.",
                "Ports will open.",
                "A bullet item."
            ]
        );
        let l = |s: &str| Some(s.to_owned());
        assert_eq!(labels(t), vec![None, l("28."), None, l("(b)"), l("2.5."), None]);
    }

    #[test]
    fn run_in_labels_are_labels_but_lead_ins_are_sentences() {
        let t = "Key elements of the deal will include:\n\n- Tariffs: The countries will open their markets.\n\n\
                 3. Digital Trade: Argentina will facilitate digital trade.";
        assert_eq!(
            sentences(t),
            vec![
                "Key elements of the deal will include:",
                "The countries will open their markets.",
                "Argentina will facilitate digital trade."
            ]
        );
        assert_eq!(labels(t), vec![None, Some("Tariffs:".to_owned()), Some("3. Digital Trade:".to_owned())]);
    }

    #[test]
    fn text_without_blank_lines_reads_its_paragraphs_and_headings() {
        // One paragraph a line, as a web form keeps it: each line is a paragraph, and a
        // short line without a sentence end before a capital is a heading.
        let t = "JOINT STATEMENT\nON FRIENDSHIP AND COOPERATION\nAstana, 3 July 2024\n\
                 The Parties reaffirm their friendship. They will meet every year.\nEconomic Cooperation\n\
                 The Parties will expand trade and investment.\nThe Parties will develop transport links.\n\
                 Article 4\nCultural Ties\nThe Parties will open cultural centres.\nThe Parties will hold years of culture.\n\
                 Welcoming the progress made, the Parties will review it every year.\n";
        let s = segment(t);
        assert_eq!(s.title.as_deref(), Some("JOINT STATEMENT ON FRIENDSHIP AND COOPERATION"));
        assert_eq!(headings(t), vec!["Economic Cooperation", "Article 4. Cultural Ties"]);
        let paragraphs: Vec<usize> = s.segments.iter().map(|g| g.paragraph).collect();
        assert_eq!(paragraphs[0], paragraphs[1], "one paragraph holds two sentences");
        assert_ne!(paragraphs[2], paragraphs[3], "each line is a paragraph");
        assert_eq!(sentences(t).len(), 7);
        // Hard-wrapped, as a PDF viewer copies a page: a line ends a paragraph only
        // where it stops short of the width.
        let t = "JOINT STATEMENT\nThe Parties reaffirm their friendship and will meet every year in\n\
                 their capitals. They will hold consultations on all issues of interest\n\
                 to them. The ministers will meet twice a year.\nEconomic Cooperation\n\
                 The Parties will expand trade and investment and will develop transport\n\
                 links between their capitals. They will set up a council to oversee it.\n\
                 Energy\nThe Parties will build a power line.\nThe Parties will trade in gas.\n\
                 The Parties will meet again next year, in their capitals, to review it.\n";
        assert_eq!(headings(t), vec!["Economic Cooperation", "Energy"]);
        let s = segment(t);
        let paragraphs: Vec<usize> = s.segments.iter().map(|g| g.paragraph).collect();
        assert_eq!(paragraphs[0], paragraphs[2], "a wrapped paragraph is one");
        assert_eq!(sentences(t).len(), 8);
    }

    #[test]
    fn without_blank_lines_a_label_after_a_full_line_and_a_clause_before_a_heading_stay_apart() {
        // Hard-wrapped, no blank lines. The paragraph's last line happens to fill the
        // width, so only the run-in label tells that a new item starts; and a lead-in
        // ending with a colon must not take the next article's heading for its sentence.
        let t = "JOINT STATEMENT\nThe Parties share the view that open, fair and predictable trade between\n\
                 them supports growth and good jobs in both countries, now and in future.\n\
                 Tariffs: Cambodia will eliminate tariffs on most lines of\ngoods from Japan.\n\
                 The Parties will also remove barriers to trade in services and in\ngoods.\n\
                 HAVE AGREED AS FOLLOWS:\nArticle 1\nObjectives\nThe Parties will meet every year.\n";
        assert_eq!(labels(t)[1].as_deref(), Some("Tariffs:"));
        assert_eq!(sentences(t)[1], "Cambodia will eliminate tariffs on most lines of\ngoods from Japan.");
        assert!(sentences(t).contains(&"HAVE AGREED AS FOLLOWS:"), "{:?}", sentences(t));
        assert_eq!(headings(t), vec!["Article 1. Objectives"]);
    }

    #[test]
    fn double_spaced_text_reads_as_its_paragraphs() {
        // A blank line after every line: one is a line break, two end the paragraph.
        let t = "Joint Statement\n\n\n\nPOLITICAL RELATIONS\n\n\n\nThe Parties reaffirm their commitment to the\n\n\
                 sovereignty and territorial integrity of\n\nstates. They will hold regular\n\nconsultations.\n\n\n\n\
                 The Parties will expand trade and\n\ninvestment, and they will develop\n\ntransport links between\n\n\
                 their capitals.\n\n\n\nThe Parties will meet every year.\n\n\n\n\
                 4.7. The Parties shall cooperate in technical regulation,\n\nstandardisation and assessment.\n";
        assert_eq!(headings(t), vec!["POLITICAL RELATIONS"]);
        let folded: Vec<String> = sentences(t).iter().map(|x| fold_ws(x)).collect();
        assert_eq!(
            folded,
            vec![
                "The Parties reaffirm their commitment to the sovereignty and territorial integrity of states.",
                "They will hold regular consultations.",
                "The Parties will expand trade and investment, and they will develop transport links between their capitals.",
                "The Parties will meet every year.",
                // A numbered line that the line after the blank one carries on is no heading.
                "The Parties shall cooperate in technical regulation, standardisation and assessment.",
            ]
        );
        // Text set apart by single blank lines that end its sentences is not double-spaced.
        let t = "Title\n\nOne sentence here.\n\nAnother sentence.\n\nA third.\n\nA fourth.\n\nA fifth.\n\n\
                 A sixth.\n\nA seventh.\n\nAn eighth.\n\nA ninth.\n\nA tenth.\n\n\nAn eleventh.\n";
        assert_eq!(sentences(t).len(), 11);
    }

    #[test]
    fn a_paragraph_cut_before_its_end_is_no_title_block() {
        // Its last line begins with a dash and a capital (`Vietnam` / `– U.S. Labor
        // Dialogue`), so the paragraph stops without a full stop: it held two whole
        // sentences and was read as a title block, and both left the comparison.
        let t = "Title\n\nThe Leaders affirmed the importance of human rights in accordance with each\n\
                 country's constitution and international obligations.\nBoth countries pledged support\n\
                 for dialogues such as the annual Human Rights Dialogue and Vietnam\n\
                 – U.S. Labor Dialogue, to narrow differences.\n";
        let s = sentences(t);
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].starts_with("The Leaders affirmed") && s[1].starts_with("Both countries pledged"));
        assert!(headings(t).is_empty());
        // A title block is still one.
        assert_eq!(
            segment("JOINT DECLARATION\nbetween the U.S. and Japan\non Trade\n\nText.").title.as_deref(),
            Some("JOINT DECLARATION between the U.S. and Japan on Trade")
        );
    }

    #[test]
    fn a_run_in_label_alone_on_its_line_labels_the_sentence_below() {
        // Wrapped narrow, the label's sentence starts on the next line (this panicked
        // once: the label ran past the line it was read on).
        let t = "Title\n\nIntro.\n\nDigital Trade:\nArgentina will facilitate digital trade.\n\n\
                 Commercial Considerations: Cambodian companies\nintend to purchase goods.\n";
        assert_eq!(
            sentences(t),
            vec![
                "Intro.",
                "Argentina will facilitate digital trade.",
                "Cambodian companies\nintend to purchase goods."
            ]
        );
        assert_eq!(
            labels(t),
            vec![None, Some("Digital Trade:".to_owned()), Some("Commercial Considerations:".to_owned())]
        );
    }

    #[test]
    fn a_fragment_left_over_by_a_line_break_is_not_a_segment() {
        let t = "Intro.\n\nThe next summit will be held in Rio\n\nin Brazil.\n\nThe leaders met in Lima.\n\nin Peru.\n\n\
                 They met in Quito. in Ecuador.";
        assert_eq!(
            sentences(t),
            vec![
                "Intro.",
                "The next summit will be held in Rio\n\nin Brazil.",
                "The leaders met in Lima.\n\nin Peru.",
                "They met in Quito. in Ecuador."
            ]
        );
    }

    #[test]
    fn page_numbers_are_neither_text_nor_headings() {
        let t = "Article 1\nTrade\n\n1. The Parties shall accord most-favored-nation treatment.\n\n- 3 -\n\u{c}\n\
                 2. Each Party shall administer its controls with respect to customs\n\nPage 4 of 12\n\n\
                 duties and charges.\n\n5\n\n3. The Parties shall consult.";
        let s = segment(t);
        let texts: Vec<String> = s.segments.iter().map(|g| fold_ws(&t[g.byte_range.clone()])).collect();
        assert_eq!(
            texts,
            vec![
                "The Parties shall accord most-favored-nation treatment.",
                "Each Party shall administer its controls with respect to customs Page 4 of 12 duties and charges.",
                "The Parties shall consult.",
            ]
        );
        // No page number became a section: all three stand under Article 1.
        assert_eq!(s.sections.len(), 1);
        assert!(s.segments.iter().all(|g| g.section == Some(0)));
        assert!(is_page_marker("– 12 –") && is_page_marker("Page 3") && is_page_marker("7"));
        assert!(!is_page_marker("3.") && !is_page_marker("3. Trade") && !is_page_marker("12345"));
        assert!(!is_page_marker("2024") && is_page_marker("- 2024 -") && is_page_marker("1024"));
    }

    #[test]
    fn a_page_break_inside_a_sentence_does_not_end_it_whatever_the_next_word() {
        // A page break falls anywhere: before a capitalised word, after a word no
        // sentence ends on, after an initialism. Each of these cut a sentence in two,
        // and the part before the break, unpunctuated, was read as a heading.
        let t = "Title\n\nThe State Commission on the Delimitation of the Azerbaijani–Georgian\n\n- 2 -\n\n\
                 State Border will continue its work.\n\nThe Parties instructed their\n\n- 3 -\n\n\
                 Governments to draft a programme.\n\nKazakhstan will extend visa-free stays for U.S.\n\n- 4 -\n\n\
                 citizens to 60 days.\n\nEconomy, trade and investment\n\n- 5 -\n\nThe Parties set a goal.\n";
        let s = segment(t);
        let texts: Vec<String> = s.segments.iter().map(|g| fold_ws(&t[g.byte_range.clone()])).collect();
        assert_eq!(
            texts,
            vec![
                "The State Commission on the Delimitation of the Azerbaijani–Georgian - 2 - State Border will continue its work.",
                "The Parties instructed their - 3 - Governments to draft a programme.",
                "Kazakhstan will extend visa-free stays for U.S. - 4 - citizens to 60 days.",
                "The Parties set a goal.",
            ]
        );
        // A short heading before a page break stays the heading.
        assert_eq!(headings(t), vec!["Economy, trade and investment"]);
    }

    #[test]
    fn a_dateline_or_place_line_on_its_own_line_is_no_commitment() {
        // Without blank lines, each stood on its line and was read into the first
        // sentence (the dateline ends with a dash) or as a sentence of its own (the
        // place line ends with the full stop of `D.C.`).
        let body = "President A received President B at the palace on Thursday.\n\
                    The two heads of state first held talks alone.\nThey then met with their delegations.\n\
                    The leaders agreed to raise bilateral trade.\nThey signed twelve agreements.\n\
                    They will meet again next year.\nThe visit ends on Friday.\nThe ministers will follow up.\n";
        let news = format!("Indonesia and Turkey agree to lift trade\nJAKARTA, 13 November (NNA) –\n{body}");
        let statement =
            format!("JOINT STATEMENT OF THE LEADERS\nThe White House, Washington, D.C.\nMay 1, 2023\n{body}");
        for t in [news.as_str(), statement.as_str()] {
            let s = sentences(t);
            assert_eq!(s.len(), 8, "{s:?}");
            assert_eq!(s[0], "President A received President B at the palace on Thursday.");
        }
        // A byline is no section heading either.
        let t = format!("Indonesia and Turkey agree to lift trade\n\nBy Hannah Mercer in Jakarta\n\n{body}");
        assert!(headings(&t).is_empty(), "{:?}", headings(&t));
        assert!(is_byline("By Ayesha Karim, Diplomatic Correspondent") && !is_byline("By The Parties"));
        // Between blank lines, a dateline is no section heading.
        let t = format!("Indonesia and Turkey agree to lift trade\n\nJAKARTA, 13 November (NNA) –\n\n{body}");
        assert!(headings(&t).is_empty(), "{:?}", headings(&t));
        assert!(is_dateline("ISLAMABAD, May 12 (Asia Wire) —") && is_dateline("BEIJING, Sept. 18 (Xinhua) --"));
        // A sentence that happens to end with a dash is none: its place is not in capitals.
        assert!(!is_dateline("Talks in Beijing, on 18 May –") && !is_dateline("The Parties, in May –"));
    }

    #[test]
    fn a_line_broken_after_an_honorific_goes_on() {
        // Without blank lines, a line that ends with `Dr.` ends no paragraph.
        let lines = "The two sides signed fourteen agreements on Tuesday.\n\
                     “Morocco has the sun and the land,” said Dr.\nInês Carvalho, an energy analyst in Lisbon.\n\
                     The visit ends on Friday.\nThe ministers will follow up.\nTrade will grow.\n\
                     Ports will expand.\nFlights will resume.\nStudents will travel.\nThe King will visit.\n";
        let s: Vec<String> = sentences(lines).iter().map(|x| fold_ws(x)).collect();
        assert_eq!(
            s[1], "“Morocco has the sun and the land,” said Dr. Inês Carvalho, an energy analyst in Lisbon.",
            "{s:?}"
        );
        assert!(ends_with_honorific("… as H.E.") && !ends_with_honorific("… in the U.S."));
        // Nor one that stops on a quoted `“The` before a page break.
        assert!(stops_open_word("… research institute. “The") && stops_open_word("… (the"));
    }

    #[test]
    fn a_double_spaced_signature_block_is_not_page_furniture() {
        // Each signature line, written twice, stands between blank lines when the text is
        // double-spaced, as a running header does; it is set apart by one blank line only.
        let t = "AGREEMENT ON TRADE\n\n\n\nThe Parties shall accord each other treatment\n\nno less favourable \
                 than that of any third\n\ncountry.\n\n\n\nThe Parties shall consult at the request\n\nof \
                 either Party on any matter\n\naffecting this Agreement.\n\n\n\nDONE at Washington, in \
                 duplicate, this 19th day\n\nof May, 1992.\n\n\n\nFOR THE GOVERNMENT OF THE\n\nUNITED STATES \
                 OF AMERICA:\n\n\n\nFOR THE GOVERNMENT OF THE\n\nREPUBLIC OF MOLDOVA:\n";
        assert!(double_spaced(t));
        let folded: Vec<String> = sentences(t).iter().map(|x| fold_ws(x)).collect();
        assert_eq!(
            &folded[2..],
            ["FOR THE GOVERNMENT OF THE UNITED STATES OF AMERICA:", "FOR THE GOVERNMENT OF THE REPUBLIC OF MOLDOVA:"]
        );
    }

    #[test]
    fn a_lettered_list_goes_on_across_a_page_break() {
        let t = "Title\n\n1. Each Party shall accord such treatment in all matters relating to:\n\
                 (a) customs duties and charges of any kind;\n(b) methods of payment for imports;\n\n- 2 -\n\n\
                 (c) laws affecting the sale of products in the domestic market.\n\
                 2. Each Party shall publish its laws.\n";
        let folded: Vec<String> = sentences(t).iter().map(|x| fold_ws(x)).collect();
        assert_eq!(folded.len(), 2, "{folded:?}");
        assert!(folded[0].ends_with("in the domestic market."), "{folded:?}");
    }

    #[test]
    fn running_headers_and_footers_are_page_furniture() {
        // A web page printed to PDF: its header above the title and atop every page, its
        // footer with the page count at the bottom of every page, a sentence running
        // over the page break.
        let t = "9/11/23, 10:15 AM Joint Statement | The White House\n\nJOINT STATEMENT of Japan and Kenya\n\n\
                 The Parties will facilitate cross-border data flows\n\nhttps://www.example.gov/joint-statement/ 1/2\n\n\
                 9/11/23, 10:15 AM Joint Statement | The White House\n\nfor business purposes.\n\nArticle 5\n\n\
                 The Parties agree.\n\nArticle 6\n\nThe Parties consult.\n\nhttps://www.example.gov/joint-statement/ 2/2\n";
        let s = segment(t);
        assert_eq!(s.title.as_deref(), Some("JOINT STATEMENT of Japan and Kenya"));
        // Numbered headings are no running lines, though only their numbers differ.
        assert_eq!(headings(t), vec!["Article 5", "Article 6"]);
        let texts: Vec<String> = s.segments.iter().map(|g| fold_ws(&t[g.byte_range.clone()])).collect();
        assert_eq!(texts.len(), 3);
        assert!(texts[0].starts_with("The Parties will facilitate") && texts[0].ends_with("for business purposes."));
        // What the sentence says is read without the furniture inside it.
        let clean = without_meta(t, &s.meta);
        assert_eq!(
            fold_ws(&clean[s.segments[0].byte_range.clone()]),
            "The Parties will facilitate cross-border data flows for business purposes."
        );
        assert_eq!(clean.len(), t.len());
    }

    #[test]
    fn recitals_one_a_line_are_separate_segments() {
        let t = "AGREEMENT BETWEEN A AND B\n\nThe Government of A and the Government of B (the \"Parties\"),\n\
                 Desiring to develop their economic relations on the basis of mutual benefit,\n\
                 Recognizing that trade is an important element of their relationship;\n\
                 Have agreed as follows:\n\nArticle 1\nTrade\n\nThe Parties shall expand trade,\n\
                 having regard to their obligations.";
        assert_eq!(
            sentences(t),
            vec![
                "The Government of A and the Government of B (the \"Parties\"),",
                "Desiring to develop their economic relations on the basis of mutual benefit,",
                "Recognizing that trade is an important element of their relationship;",
                "Have agreed as follows:",
                "The Parties shall expand trade,\nhaving regard to their obligations.",
            ]
        );
    }

    #[test]
    fn a_lettered_list_in_lower_case_goes_on_the_sentence_it_completes() {
        let t = "Article 1\nMost-Favoured-Nation Treatment\n\n\
                 1. Each Party shall accord to products of the other treatment no less favourable with respect to:\n\
                 (a) customs duties and charges of any kind;\n\
                 (b) internal taxes applied to imported products; and\n\
                 (c) the rules governing importation.\n\n\
                 2. Each Party shall publish its laws.\n\n\
                 The lists shall include:\n(a) Machinery.\n(b) Vehicles.";
        let got = sentences(t);
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got[0].starts_with("Each Party shall accord") && got[0].ends_with("the rules governing importation."));
        assert_eq!(got[1], "Each Party shall publish its laws.");
        // Items that are sentences of their own (capitalised) stay apart.
        assert_eq!(&got[3..], ["Machinery.", "Vehicles."]);
        // A lead-in with no number, lettered items, and a list ending in `; and`: one
        // commitment, not a heading.
        let t = "Each Party shall ensure:\n(a) that its laws are published;\n(b) that firms may comment; and\n\
                 (c) that rulings are reviewed.\n\n(a) this item follows a full stop.";
        assert_eq!(
            sentences(t),
            [
                "Each Party shall ensure:\n(a) that its laws are published;\n(b) that firms may comment; and\n\
                 (c) that rulings are reviewed.",
                "this item follows a full stop."
            ]
        );
        // A treaty's definitions open with the term in quotes.
        let t = "For the purposes of this Agreement:
(a) “investment” means every kind of asset;
                 (b) \"returns\" means the amounts yielded by an investment.";
        assert_eq!(sentences(t), [t]);
    }

    #[test]
    fn a_bulleted_list_is_items_of_its_own() {
        // A statement's list of priorities: each bullet may be stated on its own elsewhere.
        let t = "The two sides agreed to give priority to the following areas:\n\
                 - semiconductor design, packaging and testing;\n\
                 - Earth observation satellites;\n\
                 - research on tropical agriculture.";
        assert_eq!(
            sentences(t),
            [
                "The two sides agreed to give priority to the following areas:",
                "semiconductor design, packaging and testing;",
                "Earth observation satellites;",
                "research on tropical agriculture."
            ]
        );
    }

    #[test]
    fn long_lower_case_preamble_clauses_stay_separate() {
        let t = "The Parties,\n\nrecognising that trade between the two countries has grown steadily each year,\n\n\
                 Have agreed as follows.";
        assert_eq!(sentences(t).len(), 2, "{:?}", sentences(t));
    }

    #[test]
    fn chinese_and_japanese_sentence_ends_split_but_semicolons_do_not() {
        let t = "双方同意加强合作。双方将扩大贸易！是否继续？他说：“好。”然后离开。";
        assert_eq!(
            sentences(t),
            vec!["双方同意加强合作。", "双方将扩大贸易！", "是否继续？", "他说：“好。”", "然后离开。"]
        );
        assert_eq!(sentences("双方同意：加强对话；扩大贸易；深化人文交流。").len(), 1);
        assert_eq!(
            sentences("両国は協力を強化する。首脳は会談した。"),
            vec!["両国は協力を強化する。", "首脳は会談した。"]
        );
    }

    #[test]
    fn chinese_headings_and_numbers() {
        let t = "中华人民共和国和吉尔吉斯共和国联合声明\n\n2024年7月3日，阿斯塔纳\n\n一、政治关系\n\n双方同意。\n\n\
                 （一）经贸合作\n\n双方将扩大贸易。\n\n（二）双方将加强人文交流。\n\n第一条\n适用范围\n缔约双方适用本协定。";
        let s = segment(t);
        assert_eq!(s.title.as_deref(), Some("中华人民共和国和吉尔吉斯共和国联合声明"));
        assert_eq!(headings(t), vec!["一、政治关系", "（一）经贸合作", "第一条 适用范围"]);
        assert_eq!(
            sentences(t),
            vec!["双方同意。", "双方将扩大贸易。", "双方将加强人文交流。", "缔约双方适用本协定。"]
        );
        assert_eq!(labels(t)[2].as_deref(), Some("（二）"));
        // A paragraph number written with no space before the Chinese text is a label;
        // a figure is not.
        let t = "三、务实合作\n\n1.双方同意扩大贸易。\n\n2.5亿美元的项目将启动。";
        assert_eq!(sentences(t), vec!["双方同意扩大贸易。", "2.5亿美元的项目将启动。"]);
        assert_eq!(labels(t)[0].as_deref(), Some("1."));
    }

    #[test]
    fn footnote_marks_do_not_start_a_sentence() {
        let t = "It enables a just energy transition*. *The Leaders agreed.";
        assert_eq!(sentences(t), vec!["It enables a just energy transition*.", "The Leaders agreed."]);
    }

    #[test]
    fn closing_formula_and_long_title_case_headings_are_not_commitments() {
        let t = "Intro.\n\nPromoting Inclusive Growth through Innovation, Sustainable Development, Public Health, and Digital Transformation\n\n\
                 The leaders agree.\n\nDone at Baku on 3 July 2024 in two originals, each in the English language.\n\n\
                 Done at Lima, in duplicate, in the English and Spanish languages.";
        assert_eq!(headings(t).len(), 1);
        assert_eq!(sentences(t), vec!["Intro.", "The leaders agree."]);
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
