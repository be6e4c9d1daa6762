//! Property tests on arbitrary text: segmentation never panics and never loses or
//! overlaps bytes; alignment puts every segment in exactly one row.

use counterpart::core::segment::{Structure, segment};
use counterpart::core::{CompareOptions, DocumentInput, compare};
use proptest::prelude::*;

/// Text made of declaration-like pieces: words, numbers, abbreviations, markers,
/// quotes, dashes, line breaks, non-Latin scripts.
fn declaration_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The Parties will cooperate".to_owned()),
        Just(" in trade".to_owned()),
        Just(". ".to_owned()),
        Just("U.N. ".to_owned()),
        Just("No. 2758".to_owned()),
        Just("e.g. ".to_owned()),
        Just("USD 1.5 billion".to_owned()),
        Just("threats.The".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("I. POLITICAL RELATIONS\n".to_owned()),
        Just("1. ".to_owned()),
        Just("1.1. ".to_owned()),
        Just("- ".to_owned()),
        Just("Article 5\n".to_owned()),
        Just("# ".to_owned()),
        Just("“One China”".to_owned()),
        Just(" – ".to_owned()),
        Just(";".to_owned()),
        Just("Azərbaycan və Çin. ".to_owned()),
        Just("双方同意。".to_owned()),
        Just("👍".to_owned()),
        "[a-zA-Z .,;:!?()\"'\\-\n]{0,20}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// The line of `text` around byte `i`.
fn line_at(text: &str, i: usize) -> &str {
    let start = text[..i].rfind('\n').map_or(0, |p| p + 1);
    let end = text[i..].find('\n').map_or(text.len(), |p| i + p);
    &text[start..end]
}

/// The byte range of `label` ending just before `start`, comparing letters and digits
/// only (the marks between a label and its sentence, `1. - .`, are not kept).
fn label_before(text: &str, start: usize, label: &str) -> Option<std::ops::Range<usize>> {
    let mut want = label.chars().filter(|c| c.is_alphanumeric()).rev().peekable();
    let mut from = start;
    for (i, c) in text[..start].char_indices().rev() {
        if want.peek().is_none() {
            break;
        }
        if !c.is_alphanumeric() {
            continue;
        }
        if want.next() != Some(c) {
            return None;
        }
        from = i;
    }
    want.peek().is_none().then_some(from..start)
}

/// Whether the letter at `i` belongs to a marker the segmenter drops on purpose: a
/// paragraph letter at the start of a line (`a) `, `(b) `), or a `P.S.` / `PS:` /
/// `N.B.` right before the start of a segment.
fn is_marker_letter(text: &str, s: &Structure, i: usize) -> bool {
    let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
    let line = &text[line_start..];
    let lead = line.len() - line.trim_start().len();
    let rest = line[lead..].strip_prefix('(').unwrap_or(&line[lead..]);
    let marker_start = text.len() - rest.len();
    let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    if (1..=3).contains(&letters)
        && rest[letters..].starts_with(") ")
        && (marker_start..marker_start + letters).contains(&i)
    {
        return true;
    }
    ["P.S. ", "P.S.", "PS: ", "N.B. "].iter().any(|mark| {
        (i.saturating_sub(mark.len())..=i).any(|from| {
            text.get(from..).is_some_and(|t| t.starts_with(mark)) && (from..from + mark.len()).contains(&i) && {
                let after = from + mark.len();
                let next = after + (text[after..].len() - text[after..].trim_start().len());
                s.segments.iter().any(|x| x.byte_range.start == next)
            }
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn segmentation_never_loses_or_overlaps_bytes(text in declaration_text()) {
        let s = segment(&text);
        let mut last = 0;
        for seg in &s.segments {
            let r = seg.byte_range.clone();
            prop_assert!(r.start >= last, "overlap at {:?}", r);
            prop_assert!(r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            last = r.end;
        }
        // Nothing is lost: every letter is in exactly one segment, section heading or
        // skipped meta line (date, credit, signature), or is a paragraph or `P.S.`
        // marker, or belongs to the title — which, being the first item, can only
        // take letters before anything else the segmenter kept.
        let mut covered = vec![0u8; text.len()];
        let kept = s.segments.iter().map(|x| x.byte_range.clone())
            .chain(s.sections.iter().map(|h| h.byte_range.clone()))
            .chain(s.meta.iter().cloned());
        for r in kept {
            covered[r].iter_mut().for_each(|c| *c += 1);
        }
        // A paragraph number or run-in label (`28.`, `(b)`, `Tariffs:`) stands just before
        // its segment, outside the byte range, and is kept as the segment's label.
        for seg in &s.segments {
            if let Some(label) = &seg.label {
                let found = label_before(&text, seg.byte_range.start, label);
                prop_assert!(found.is_some(), "label {:?} is not the text before {:?}", label, seg.byte_range);
                if let Some(r) = found {
                    covered[r].iter_mut().for_each(|c| *c += 1);
                }
            }
        }
        let first_kept = covered.iter().position(|&c| c > 0).unwrap_or(text.len());
        let mut before_first: String = String::new();
        for (i, c) in text.char_indices() {
            if !c.is_alphabetic() {
                continue;
            }
            prop_assert!(covered[i] <= 1, "letter {:?} at {} is kept twice", c, i);
            if covered[i] == 1 || is_marker_letter(&text, &s, i) {
                continue;
            }
            prop_assert!(i < first_kept, "letter {:?} at {} lost from {:?}", c, i, line_at(&text, i));
            before_first.push(c);
        }
        let title_letters: String = s.title.as_deref().unwrap_or("").chars().filter(|c| c.is_alphabetic()).collect();
        prop_assert_eq!(before_first, title_letters, "text before the first kept item is exactly the title");
    }

    #[test]
    fn alignment_puts_every_segment_in_exactly_one_row(a in declaration_text(), b in declaration_text(), c in declaration_text()) {
        let inputs = [DocumentInput::from_text("a.txt", a), DocumentInput::from_text("b.txt", b), DocumentInput::from_text("c.txt", c)];
        let cmp = compare(&inputs, &CompareOptions::default());
        for (d, doc) in cmp.documents.iter().enumerate() {
            let mut count = vec![0; doc.segments.len()];
            for row in &cmp.rows {
                prop_assert_eq!(row.cells.len(), 3);
                for &s in &row.cells[d] {
                    count[s] += 1;
                }
            }
            prop_assert!(count.iter().all(|&n| n == 1), "doc {} counts {:?}", d, count);
        }
        for row in &cmp.rows {
            prop_assert!((0.0..=1.0).contains(&row.similarity));
            prop_assert!((0.0..=1.0).contains(&row.confidence));
            prop_assert!(row.present().count() >= 1);
            // One segment per document, except the two or three parts of a merge: then
            // that document alone has several, and another document states them in one.
            let multi: Vec<usize> = row.present().filter(|&d| row.cells[d].len() > 1).collect();
            prop_assert!(multi.len() <= 1, "several documents with several segments: {:?}", row.cells);
            if let Some(&d) = multi.first() {
                prop_assert!(row.cells[d].len() <= 3, "a merge of more than three: {:?}", row.cells);
                prop_assert!(row.present().any(|e| e != d), "merge parts without their whole: {:?}", row.cells);
            }
            // Identical wordings are never `differing`.
            if row.present().count() >= 2 && row.wording_groups.len() == 1 {
                prop_assert_eq!(row.status, counterpart::core::Status::Shared);
            }
        }
    }
}
