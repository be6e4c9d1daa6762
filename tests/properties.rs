//! Property tests on arbitrary text: segmentation never panics and never loses or
//! overlaps bytes; alignment puts every segment in exactly one row.

use counterpart::core::segment::segment;
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
        // Nothing with letters or digits is lost: every alphanumeric character is in a
        // segment, a heading or the title, or is a paragraph number / marker.
        let mut covered = vec![false; text.len()];
        for r in s.segments.iter().map(|x| x.byte_range.clone()).chain(s.sections.iter().map(|h| h.byte_range.clone())) {
            covered[r].iter_mut().for_each(|c| *c = true);
        }
        let title_words: Vec<&str> = s.title.as_deref().unwrap_or("").split_whitespace().collect();
        for (i, c) in text.char_indices() {
            if c.is_alphabetic() && !covered[i] {
                // Uncovered letters may only be in the title, markers, credits, dates or signature lines.
                let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
                let line_end = text[i..].find('\n').map_or(text.len(), |p| i + p);
                let line = text[line_start..line_end].trim();
                let known = title_words.iter().any(|w| line.contains(w))
                    || line.split_whitespace().count() <= 12
                    || line.starts_with("P.S") || line.contains("P.S");
                prop_assert!(known, "letter {:?} at {} lost from line {:?}", c, i, line);
            }
        }
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
            prop_assert!(row.present().count() >= 1);
        }
    }
}
