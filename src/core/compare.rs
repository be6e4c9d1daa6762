//! [`compare()`]: runs every stage of the engine and builds the one [`Comparison`]
//! that the CLI, the window and the exporters read.
//!
//! read → segment → classify (per document, in parallel) → align (candidates, pair
//! model, rows) → wording (consensus and differences) and word marks per row.

use crate::core::align::acronyms::Acronyms;
use crate::core::align::features::{self, Features};
use crate::core::align::{self, PairRecord};
use crate::core::classify::{self, SegmentContext};
use crate::core::consensus::{self, Cell};
use crate::core::diff;
use crate::core::parties::Parties;
use crate::core::segment;
use crate::core::semantic::{DenseVec, StaticModel};
use crate::core::sparse::SparseVec;
use crate::core::taxonomy::Taxonomy;
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use crate::core::model::*;

/// Compares the documents.
pub fn compare(inputs: &[DocumentInput], options: &CompareOptions) -> Comparison {
    let never = AtomicBool::new(false);
    match compare_with_progress(inputs, options, &|_: Stage, _: f32| {}, &never) {
        Ok(c) => c,
        Err(Cancelled) => unreachable!("nothing cancels this comparison"),
    }
}

/// Compares the documents, reporting progress and stopping early when `cancel` is set.
pub fn compare_with_progress(
    inputs: &[DocumentInput],
    options: &CompareOptions,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<Comparison, Cancelled> {
    compare_full(inputs, options, false, progress, cancel).map(|(c, _)| c)
}

/// Compares the documents and also returns every candidate pair the aligner weighed,
/// with its features and probability (for tuning the pair model).
pub fn compare_with_pairs(
    inputs: &[DocumentInput],
    options: &CompareOptions,
    progress: &dyn Progress,
) -> (Comparison, Vec<PairRecord>) {
    let never = AtomicBool::new(false);
    match compare_full(inputs, options, true, progress, &never) {
        Ok(r) => r,
        Err(Cancelled) => unreachable!("nothing cancels this comparison"),
    }
}

fn compare_full(
    inputs: &[DocumentInput],
    options: &CompareOptions,
    keep_pairs: bool,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<(Comparison, Vec<PairRecord>), Cancelled> {
    let tax = &options.taxonomy;
    let cancelled = || cancel.load(Ordering::Relaxed);
    let check = || if cancelled() { Err(Cancelled) } else { Ok(()) };
    progress.report(Stage::Segmenting, 0.0);
    let done = AtomicUsize::new(0);
    let semantic = StaticModel::bundled().ok();
    let texts: Vec<&str> = inputs.iter().map(|i| i.text.as_str()).collect();
    let acronyms = Acronyms::learn(&texts);
    // The compounds that the documents write within a line (`long-term`), and the
    // taxonomy's (`good-neighbourliness`): where a line-end hyphen breaks one of them, the
    // hyphen is the compound's own, not the typesetter's.
    let mut compounds = texts
        .par_iter()
        .map(|text| {
            let mut known = std::collections::HashSet::new();
            crate::core::text::learn_compounds(text, &mut known);
            known
        })
        .reduce(std::collections::HashSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    for term in tax.themes.iter().flat_map(|t| &t.terms) {
        crate::core::text::learn_compounds(&term.text, &mut compounds);
    }
    drop(texts);
    let analysed: Vec<Option<Analysed>> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            if cancelled() {
                return None;
            }
            let r = analyse(i, input, tax, semantic, &acronyms, &compounds);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress.report(Stage::Segmenting, n as f32 / inputs.len() as f32);
            Some(r)
        })
        .collect();
    check()?;
    let mut documents = Vec::with_capacity(inputs.len());
    let mut tokens = Vec::with_capacity(inputs.len());
    let mut pieces = Vec::with_capacity(inputs.len());
    let mut subjects = Vec::with_capacity(inputs.len());
    for a in analysed.into_iter().flatten() {
        documents.push(a.document);
        tokens.push(a.tokens);
        pieces.push(a.pieces);
        subjects.push(a.subjects);
    }

    progress.report(Stage::Aligning, 0.0);
    // Read without the page numbers and running headers inside sentences: "Joint
    // Statement 2024" in the middle of one would be a name of it.
    let seg_texts: Vec<Vec<&str>> =
        documents.iter().map(|d| d.segments.iter().map(|s| &d.words_text()[s.byte_range.clone()]).collect()).collect();
    let whole: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
    let names = features::proper_names(&seg_texts, &whole);
    let vectors = features::vectorise(&tokens);
    let meanings = match semantic {
        Some(model) => model.embed(&pieces),
        None => pieces.iter().map(|d| vec![DenseVec::default(); d.len()]).collect(),
    };
    drop(pieces);
    let feats: Vec<Vec<Features>> = documents
        .iter()
        .zip(vectors)
        .zip(names)
        .zip(meanings)
        .zip(subjects)
        .map(|((((doc, vecs), names), meanings), subjects)| {
            let n = doc.segments.len().max(1) as f32;
            doc.segments
                .iter()
                .zip(vecs)
                .zip(names)
                .zip(meanings)
                .zip(subjects)
                .enumerate()
                .map(|(i, ((((_, vector), names), semantic), theme))| Features {
                    vector,
                    theme,
                    position: i as f32 / n,
                    names,
                    semantic,
                })
                .collect()
        })
        .collect();
    check()?;
    let alignment =
        align::align(&feats, &options.align, keep_pairs, &|f: f32| progress.report(Stage::Aligning, f), &cancelled)
            .ok_or(Cancelled)?;

    progress.report(Stage::Diffing, 0.0);
    let vectors: Vec<Vec<SparseVec>> = feats.into_iter().map(|d| d.into_iter().map(|f| f.vector).collect()).collect();
    let built = AtomicUsize::new(0);
    let total = alignment.rows.len().max(1);
    let rows: Vec<Option<Row>> = alignment
        .rows
        .par_iter()
        .map(|c| {
            if cancelled() {
                return None;
            }
            let n = built.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(1024) {
                progress.report(Stage::Diffing, n as f32 / total as f32);
            }
            let group: Vec<(usize, usize)> = c.members.iter().map(|&(d, s)| (d as usize, s as usize)).collect();
            Some(build_row(&group, &documents, &vectors, tax, c.confidence))
        })
        .collect();
    check()?;
    let mut rows: Vec<Row> = rows.into_iter().flatten().collect();
    sort_rows(&mut rows);
    let pair_similarity = pair_similarity(&documents, &rows);
    progress.report(Stage::Diffing, 1.0);
    let mut c = Comparison { taxonomy: tax.clone(), documents, rows, pair_similarity, vectors, row_index: Vec::new() };
    c.reindex();
    Ok((c, alignment.pairs))
}

/// Segments and classifies one document; also returns each segment's alignment tokens.
/// One document read, segmented and classified, with what the aligner needs of it.
struct Analysed {
    document: Document,
    /// Per segment: content-word stems (the TF-IDF vector's terms).
    tokens: Vec<Vec<String>>,
    /// Per segment: WordPiece ids (the semantic vector's pieces).
    pieces: Vec<Vec<u32>>,
    /// Per segment: the theme its words name ([`classify::Classification::subject`]),
    /// which the aligner compares.
    subjects: Vec<usize>,
}

fn analyse(
    index: usize,
    input: &DocumentInput,
    tax: &Taxonomy,
    semantic: Option<&StaticModel>,
    acronyms: &Acronyms,
    compounds: &std::collections::HashSet<String>,
) -> Analysed {
    let structure = segment::segment(&input.text);
    // A sentence that runs over a page break holds its page number and running header:
    // they are blanked, byte for byte, for what the sentence says (its theme, the words
    // it is aligned on and compared on in its row); its text stays the document's.
    //
    // Segments are in document order, so the one that could hold a meta range is the
    // last to start before it: a search, not a scan (a long file may have many of both).
    let inside = |m: &std::ops::Range<usize>| {
        let k = structure.segments.partition_point(|s| s.byte_range.start < m.start);
        k.checked_sub(1).is_some_and(|k| m.end <= structure.segments[k].byte_range.end)
    };
    let furniture: Vec<std::ops::Range<usize>> = structure.meta.iter().filter(|m| inside(m)).cloned().collect();
    let text = segment::without_meta(&input.text, &furniture);
    // A compound that a hard wrap broke after its own hyphen (`long-` / `term`, where a
    // document writes `long-term` within a line) keeps its hyphen: its line break becomes
    // `COMPOUND_BREAK`, byte for byte, and only the typesetter's hyphens are joined.
    let breaks = crate::core::text::compound_breaks(&text, compounds);
    let text = if breaks.is_empty() {
        text
    } else {
        let mut bytes = text.into_owned().into_bytes();
        for b in breaks {
            bytes[b] = crate::core::text::COMPOUND_BREAK as u8;
        }
        // An ASCII byte for an ASCII byte: still UTF-8.
        std::borrow::Cow::Owned(
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        )
    };
    let ctx: Vec<SegmentContext<'_>> = structure
        .segments
        .iter()
        .map(|s| SegmentContext {
            text: &text[s.byte_range.clone()],
            heading: s.section.and_then(|i| structure.sections.get(i)).map(|h| h.text.as_str()),
            paragraph: s.paragraph,
            label: s.label.as_deref(),
        })
        .collect();
    let parties = Parties::detect(structure.title.as_deref(), &input.text);
    let classes = classify::classify_document_of(tax, &ctx, &parties);
    let subjects: Vec<usize> = classes.iter().map(|c| c.subject).collect();
    let id = SegmentId::document_id(index);
    let mut tokens = Vec::with_capacity(structure.segments.len());
    let mut pieces = Vec::with_capacity(structure.segments.len());
    let segments = structure
        .segments
        .iter()
        .zip(classes)
        .enumerate()
        .map(|(n, (s, c))| {
            let raw = &input.text[s.byte_range.clone()];
            let clean = &text[s.byte_range.clone()];
            // A run-in label (`Intellectual Property:`) names the commitment: its words
            // count for alignment although they are not part of the segment's text.
            let run_in = s.label.as_deref().filter(|l| l.chars().any(char::is_alphabetic));
            let labelled = run_in.map(|l| format!("{l} {clean}"));
            let words = labelled.as_deref().unwrap_or(clean);
            let (stems, plain) = features::segment_terms(words, &parties, acronyms);
            tokens.push(stems);
            pieces.push(semantic.map_or_else(Vec::new, |m| m.tokenize(&plain)));
            Segment {
                id: SegmentId { doc: index, seg: n }.to_string(),
                byte_range: s.byte_range.clone(),
                text: segment::fold_ws(raw),
                section: s.section,
                paragraph: s.paragraph,
                theme: c.theme,
                scores: c.scores,
                evidence: c.evidence,
                theme_by_user: false,
                origin: input.origin_at(s.byte_range.start),
                label: s.label.clone(),
            }
        })
        .collect();
    let title = structure.title.clone().unwrap_or_else(|| file_stem(&input.source));
    let doc = Document {
        id,
        title,
        source: input.source.clone(),
        text: input.text.clone(),
        encoding: input.encoding,
        sections: structure.sections,
        segments,
        parties,
        blanked: match text {
            std::borrow::Cow::Owned(t) => Some(t),
            std::borrow::Cow::Borrowed(_) => None,
        },
    };
    Analysed { document: doc, tokens, pieces, subjects }
}

fn file_stem(source: &str) -> String {
    Path::new(source).file_stem().map_or_else(|| source.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Builds a row from a group of segments: cells, theme, status, similarity, wording
/// groups, consensus, differences and word marks. The theme is the majority of the
/// segments' own themes (each segment keeps its own).
pub fn build_row(
    group: &[(usize, usize)],
    documents: &[Document],
    vectors: &[Vec<SparseVec>],
    tax: &Taxonomy,
    confidence: f32,
) -> Row {
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
    for &(d, s) in group {
        cells[d].push(s);
    }
    cells.iter_mut().for_each(|c| c.sort_unstable());
    let present: Vec<usize> = (0..documents.len()).filter(|&d| !cells[d].is_empty()).collect();
    // Theme: the majority of the segments' own themes (a user's correction counts as
    // that segment's theme); a tie goes to a theme the user chose, then to the larger
    // sum of the segments' scores, then to the earlier theme.
    let mut votes = vec![0usize; tax.themes.len()];
    let mut theme_score = vec![0.0f32; tax.themes.len()];
    let mut chosen = vec![false; tax.themes.len()];
    for &(d, s) in group {
        let seg = &documents[d].segments[s];
        if let Some(v) = votes.get_mut(seg.theme) {
            *v += 1;
        }
        if seg.theme_by_user
            && let Some(c) = chosen.get_mut(seg.theme)
        {
            *c = true;
        }
        for &(t, w) in &seg.scores {
            theme_score[t] += w;
        }
    }
    let theme = (0..tax.themes.len())
        .max_by(|&a, &b| {
            votes[a]
                .cmp(&votes[b])
                .then(chosen[a].cmp(&chosen[b]))
                .then(theme_score[a].total_cmp(&theme_score[b]))
                .then(b.cmp(&a))
        })
        .filter(|&t| votes[t] > 0)
        .unwrap_or(tax.fallback);
    let ranges = |d: usize| -> Vec<Range<usize>> {
        cells[d].iter().map(|&s| documents[d].segments[s].byte_range.clone()).collect()
    };
    let wording_cells: Vec<Option<Cell<'_>>> = (0..documents.len())
        .map(|d| {
            (!cells[d].is_empty()).then(|| Cell {
                text: documents[d].words_text(),
                ranges: ranges(d),
                parties: Some(&documents[d].parties),
            })
        })
        .collect();
    let wording = consensus::wording(&wording_cells);
    let (status, similarity) = if present.len() < 2 {
        (Status::Unique, 0.0)
    } else if wording.groups.len() == 1 {
        (Status::Shared, 1.0)
    } else {
        let vecs: Vec<SparseVec> =
            present.iter().map(|&d| SparseVec::sum(cells[d].iter().map(|&s| &vectors[d][s]))).collect();
        let mut total = 0.0;
        let mut n = 0.0;
        for i in 0..vecs.len() {
            for j in i + 1..vecs.len() {
                total += vecs[i].cosine(&vecs[j]);
                n += 1.0;
            }
        }
        // Below 1: worded differently, however alike the content words.
        (Status::Differing, if n > 0.0 { (total / n).clamp(0.0, MAX_DIFFERING_SIMILARITY) } else { 0.0 })
    };
    let words = if status == Status::Differing {
        let input: Vec<(&str, Vec<Range<usize>>)> =
            present.iter().map(|&d| (documents[d].words_text(), ranges(d))).collect();
        present.iter().copied().zip(diff::mark_words(&input)).collect()
    } else {
        PerDocument::default()
    };
    Row {
        theme,
        status,
        similarity,
        cells,
        words,
        confidence: if present.len() < 2 { 1.0 } else { confidence },
        wording_groups: wording.groups,
        consensus: wording.consensus,
        differences: wording.differences,
    }
}

/// The highest similarity a differing row shows: it is never "100 % alike".
const MAX_DIFFERING_SIMILARITY: f32 = 0.99;

/// Orders rows by theme (taxonomy order), then by position in the first document that has them.
pub fn sort_rows(rows: &mut [Row]) {
    rows.sort_by_key(|r| {
        let first = r.cells.iter().position(|c| !c.is_empty()).unwrap_or(usize::MAX);
        let pos = r.cells.get(first).and_then(|c| c.first()).copied().unwrap_or(usize::MAX);
        (r.theme, first, pos)
    });
}

/// Share of commitments two documents have in common, weighted by row similarity.
pub fn pair_similarity(documents: &[Document], rows: &[Row]) -> Vec<Vec<f32>> {
    let n = documents.len();
    let mut common = vec![vec![0.0f32; n]; n];
    // One pass over rows: each row adds to the pairs of documents it holds.
    for r in rows {
        let present: Vec<usize> = r.present().collect();
        for (k, &a) in present.iter().enumerate() {
            for &b in &present[k + 1..] {
                let w = (r.cells[a].len() + r.cells[b].len()) as f32 * r.similarity.max(0.5);
                common[a][b] += w;
                common[b][a] += w;
            }
        }
    }
    (0..n)
        .map(|a| {
            (0..n)
                .map(|b| {
                    if a == b {
                        return 1.0;
                    }
                    let total = (documents[a].segments.len() + documents[b].segments.len()) as f32;
                    if total > 0.0 { (common[a][b] / total).clamp(0.0, 1.0) } else { 0.0 }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(docs: &[(&str, &str)]) -> Comparison {
        let inputs: Vec<DocumentInput> = docs.iter().map(|(n, t)| DocumentInput::from_text(*n, *t)).collect();
        compare(&inputs, &CompareOptions::default())
    }

    #[test]
    fn the_aligner_compares_what_quotations_name_not_that_they_are_quotations() {
        // Both quotations are `general` (reported speech), but one is about terrorism and
        // the other about trade: to the pair model their themes differ.
        let a = "“We will fight terrorism and extremism together,” the President said.";
        let b = "“We will expand bilateral trade and investment together,” the Minister said.";
        let inputs = [DocumentInput::from_text("a", a), DocumentInput::from_text("b", b)];
        let (c, pairs) = compare_with_pairs(&inputs, &CompareOptions::default(), &|_: Stage, _: f32| {});
        let general = c.taxonomy.fallback;
        assert!(c.documents.iter().all(|d| d.segments.iter().all(|s| s.theme == general)));
        let same_theme = crate::core::align::pair_model::FEATURES.iter().position(|f| *f == "same_theme");
        let pair = pairs.first().expect("the two quotations are candidates");
        assert_eq!(pair.features[same_theme.expect("feature")], 0.0);
    }

    #[test]
    fn a_sentence_stated_word_for_word_takes_no_second_part() {
        // Azerbaijan's WTO accession prefers Uzbekistan's word-for-word "multilateral
        // trading system" sentence too, but that sentence is fully stated by its copy:
        // the accession stays with Uzbekistan's accession.
        let read =
            |f: &str| std::fs::read_to_string(format!("{}/samples/{f}", env!("CARGO_MANIFEST_DIR"))).expect("sample");
        let files = [
            "az-cn-2024-strategic-partnership.txt",
            "cn-kz-2024-joint-statement.txt",
            "cn-uz-2024-joint-statement.txt",
        ];
        let texts: Vec<String> = files.iter().map(|f| read(f)).collect();
        let docs: Vec<(&str, &str)> = files.iter().zip(&texts).map(|(f, t)| (*f, t.as_str())).collect();
        let c = cmp(&docs);
        let accession = row_of(&c, 0, "accession of Azerbaijan");
        let uz = c.documents[2].segments.iter().position(|s| s.text.contains("early accession")).expect("segment");
        assert!(accession.cells[2].contains(&uz), "{:?}", accession.cells);
        assert_eq!(accession.cells[0].len(), 1, "{:?}", accession.cells);
    }

    /// The words of document `doc` that a row marks as differing, as they are written.
    fn changed_words<'a>(c: &'a Comparison, r: &Row, doc: usize) -> Vec<&'a str> {
        let marks = r.words.get(doc).into_iter().flatten().filter(|w| !w.common);
        marks.map(|w| &c.documents[doc].text[w.byte_range.clone()]).collect()
    }

    fn row_of<'a>(c: &'a Comparison, doc: usize, needle: &str) -> &'a Row {
        let s = c.documents[doc].segments.iter().position(|s| s.text.contains(needle)).expect("segment");
        c.rows.iter().find(|r| r.cells[doc].contains(&s)).expect("row")
    }

    #[test]
    fn party_names_are_interchangeable() {
        let a = "Declaration between Azerbaijan and China\n\nAzerbaijan supports China's efforts to achieve national reunification. Trade grows.";
        let b = "Declaration between Kazakhstan and China\n\nKazakhstan supports China's efforts to achieve national reunification. Culture days.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        let r = row_of(&c, 0, "reunification");
        assert_eq!(r.status, Status::Differing);
        assert_eq!(r.cells[1].len(), 1);
        assert_eq!(c.taxonomy.themes[r.theme].id, "politics");
    }

    #[test]
    fn chinese_statements_align_sentence_by_sentence_with_themes_and_marked_characters() {
        // Chinese is written without spaces: read as runs of characters, every clause
        // was one "word" and only identical clauses could pair.
        let a = "中华人民共和国和哈萨克斯坦共和国联合声明\n\n一、政治关系\n双方同意进一步深化全面战略伙伴关系。哈方重申坚定奉行一个中国原则。\n\n\
                 二、经贸合作\n双方同意扩大双边贸易规模，力争到2030年贸易额达到400亿美元。双方将提高跨境铁路运输能力。\n";
        let b = "中华人民共和国和乌兹别克斯坦共和国联合声明\n\n一、政治关系\n双方同意进一步深化新时代全面战略伙伴关系。乌方重申恪守一个中国原则。\n\n\
                 二、经贸合作\n双方将加快铁路建设，提高铁路运输能力。双方同意扩大贸易规模，力争到2030年双边贸易额达到200亿美元。\n";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        for (needle, theme) in
            [("伙伴关系", "politics"), ("一个中国", "politics"), ("贸易额", "trade"), ("铁路", "transport")]
        {
            let r = row_of(&c, 0, needle);
            assert_eq!(r.cells[1].len(), 1, "{needle}: {:?}", c.rows);
            let other = &c.documents[1].segments[r.cells[1][0]].text;
            assert!(other.contains(needle), "{needle} paired with {other}");
            assert_eq!(c.taxonomy.themes[r.theme].id, theme, "{needle}");
        }
        let r = row_of(&c, 1, "200亿");
        assert_eq!(changed_words(&c, r, 1).concat(), "双边200");
    }

    #[test]
    fn a_page_break_inside_a_sentence_changes_neither_its_theme_nor_its_wording() {
        // The same sentence, once run over a page break with a running header: its
        // row is shared, and the page number and header are no words of it.
        let a = "Statement A\n\nJoint Statement 2024\n\nThe Parties will facilitate cross-border data flows\n\n- 2 -\n\n\
                 Joint Statement 2024\n\nfor business purposes.\n\nThe Parties will meet every year in the capitals.\n";
        // (A running header under the title is furniture too; the title stays.)
        let b = "Statement B\n\nThe Parties will facilitate cross-border data flows for business purposes.\n\n\
                 The Parties will meet every year in the capitals.\n";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        let row = row_of(&c, 0, "cross-border");
        assert_eq!(row.status, Status::Shared);
        assert_eq!(row.cells[1].len(), 1);
        let seg = &c.documents[0].segments[row.cells[0][0]];
        assert!(seg.text.contains("- 2 -"), "the segment's text is the document's: {}", seg.text);
        let same = &c.documents[1].segments[row.cells[1][0]];
        assert_eq!((seg.theme, &seg.scores), (same.theme, &same.scores));
    }

    #[test]
    fn a_running_header_inside_a_sentence_is_no_name_of_it() {
        // "Joint Statement 2024" inside the first sentence, read as its names, conflicted
        // with the other's "Karaganda" and kept the two apart.
        let header = "\n\n- 2 -\n\nJoint Statement 2024\n\n";
        let a = format!(
            "Statement A\n\nJoint Statement 2024\n\nThe Parties will expand cooperation in renewable energy{header}\
             and hydrogen production.\n\nThe Parties will open a consulate in Karaganda.\n\n\
             The Parties will promote tourism between their capitals.\n"
        );
        let b = format!(
            "Statement B\n\nJoint Statement 2024\n\nBoth sides agreed to develop renewable power and green hydrogen \
             in Karaganda.\n\nTourism between the two capitals will grow{header}every year.\n"
        );
        let c = cmp(&[("a.txt", &a), ("b.txt", &b)]);
        let row = row_of(&c, 0, "renewable energy");
        assert_eq!(row.cells[1].len(), 1, "the hydrogen sentences share a row");
    }

    #[test]
    fn same_words_ignoring_case_and_punctuation_is_shared() {
        let a = "Title A and B\n\nThe Parties will hold regular consultations, at all levels.";
        let b = "Title C and D\n\nthe parties will hold regular consultations at all levels";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.rows[0].status, Status::Shared);
        assert_eq!(c.rows[0].similarity, 1.0);
    }

    #[test]
    fn different_figures_are_differing_with_the_figures_marked() {
        let a = "T\n\nThe Parties will raise bilateral trade to 20 billion US dollars by 2030.";
        let b = "T\n\nThe Parties will raise bilateral trade to 40 billion US dollars by 2030.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        let r = &c.rows[0];
        assert_eq!(r.status, Status::Differing);
        assert_eq!(changed_words(&c, r, 0), vec!["20"]);
    }

    #[test]
    fn a_merged_sentence_keeps_both_parts_in_one_row() {
        let a = "Declaration\n\nThe Parties will enhance political dialogue on the basis of sovereignty and territorial integrity. \
                 The Azerbaijani side adheres to the One China policy and regards Taiwan as part of China. \
                 The Parties will develop cooperation in tourism.";
        let b = "News\n\nThe parties agreed to enhance political dialogue based on sovereignty and territorial integrity, and Azerbaijan reaffirmed the One China policy and recognized Taiwan as part of China. \
                 Culture matters too.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        let r = row_of(&c, 1, "enhance political dialogue");
        assert_eq!(r.cells[0], vec![0, 1], "{:?}", c.rows);
    }

    #[test]
    fn a_paragraph_moved_to_another_section_still_aligns() {
        let a = "MoU\n\nSection 2. Transport\n\n2.1. The Sides will increase cargo transported along the route.\n\n\
                 Section 4. Customs\n\n4.1. The customs authorities will simplify the clearance of goods and vehicles at seaports.";
        let b = "MoU\n\nSection 2. Transport and border procedures\n\n2.1. The customs authorities will simplify the clearance of goods and vehicles at seaports.\n\n\
                 2.2. The Sides will increase cargo transported along the route.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        let r = row_of(&c, 0, "customs authorities");
        assert_eq!(r.cells[1], vec![0]);
        assert_eq!(r.status, Status::Shared);
    }

    #[test]
    fn template_sentences_with_different_objects_are_not_paired() {
        let a = "Declaration between Azerbaijan and China\n\n\
                 The Parties support the development of the Trans-Caspian Route. \
                 The Parties will expand cooperation in culture and tourism. \
                 The Parties will develop rail transport and the capacity of ports. \
                 The Parties will combat terrorism and extremism. \
                 Observers from the North–South Corridor project attended.";
        let b = "Declaration between Azerbaijan and Iran\n\n\
                 The Parties support the development of the North–South Corridor. \
                 The Parties will deepen cooperation in tourism and culture. \
                 The Parties will modernise border crossings for road transport. \
                 The Parties will jointly fight terrorism, separatism and extremism. \
                 Observers from the Trans-Caspian Route project attended.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        // Each document names both corridors, so the names tell the two commitments apart.
        let trans_caspian = row_of(&c, 0, "support");
        let north_south = row_of(&c, 1, "support");
        assert!(!std::ptr::eq(trans_caspian, north_south), "{:?}", c.rows);
        assert_eq!(row_of(&c, 0, "culture").cells[1].len(), 1);
        assert_eq!(row_of(&c, 0, "terrorism").cells[1].len(), 1);
    }

    #[test]
    fn three_documents_each_get_a_cell() {
        let t = "T\n\nThe Parties condemn terrorism in all its forms.";
        let c = cmp(&[("a.txt", t), ("b.txt", t), ("c.txt", "T\n\nThe Parties condemn terrorism.")]);
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.rows[0].present().count(), 3);
        assert_eq!(c.rows[0].status, Status::Differing);
    }

    #[test]
    fn cancel_stops_the_comparison_inside_the_alignment_and_progress_moves_within_it() {
        let a = "T\n\nThe Parties will raise trade. The Parties will open flights. The Parties condemn terrorism.";
        let b = "T\n\nThe Parties will raise mutual trade. The Parties will open new flights. Culture days.";
        let inputs = [DocumentInput::from_text("a", a), DocumentInput::from_text("b", b)];
        // Progress within the aligning stage, strictly between its start and end.
        let seen = std::sync::Mutex::new(Vec::new());
        let never = AtomicBool::new(false);
        let c = compare_with_progress(
            &inputs,
            &CompareOptions::default(),
            &|st: Stage, f: f32| seen.lock().expect("lock").push((st, f)),
            &never,
        );
        assert!(c.is_ok());
        let seen = seen.into_inner().expect("lock");
        assert!(seen.iter().any(|&(st, f)| st == Stage::Aligning && f > 0.0 && f < 1.0), "{seen:?}");
        // Cancelled once aligning has begun: the engine stops before building rows.
        let cancel = AtomicBool::new(false);
        let r = compare_with_progress(
            &inputs,
            &CompareOptions::default(),
            &|st: Stage, f: f32| {
                if st == Stage::Aligning && f > 0.0 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        );
        assert_eq!(r.err(), Some(Cancelled));
    }

    #[test]
    fn cancel_stops_the_comparison() {
        let cancel = AtomicBool::new(true);
        let inputs = [DocumentInput::from_text("a", "Text one.")];
        let r = compare_with_progress(&inputs, &CompareOptions::default(), &|_: Stage, _: f32| {}, &cancel);
        assert_eq!(r.err(), Some(Cancelled));
    }

    /// Rows as sets of (document source, segment text), independent of column order.
    fn row_sets(c: &Comparison) -> Vec<Vec<(String, String)>> {
        let mut rows: Vec<Vec<(String, String)>> = c
            .rows
            .iter()
            .map(|r| {
                let mut cells: Vec<(String, String)> = r
                    .cells
                    .iter()
                    .enumerate()
                    .flat_map(|(d, cell)| {
                        cell.iter()
                            .map(move |&s| (c.documents[d].source.clone(), c.documents[d].segments[s].text.clone()))
                    })
                    .collect();
                cells.sort();
                cells
            })
            .collect();
        rows.sort();
        rows
    }

    #[test]
    fn the_order_of_documents_does_not_change_the_rows() {
        let a = (
            "a.txt",
            "Declaration between Azerbaijan and China\n\nThe Parties will raise trade to 10 billion dollars. \
                 The Parties will open direct flights between Baku and Beijing. The Parties condemn terrorism in all its forms.",
        );
        let b = (
            "b.txt",
            "Declaration between Kazakhstan and China\n\nThe Parties condemn terrorism, separatism and extremism. \
                 The Parties will raise trade to 20 billion dollars. Culture days will be held every year.",
        );
        let c = (
            "c.txt",
            "Declaration between Uzbekistan and China\n\nThe Parties will raise mutual trade to 15 billion dollars. \
                 The Parties will open direct flights between Tashkent and Beijing. The Parties condemn terrorism.",
        );
        let first = row_sets(&cmp(&[a, b, c]));
        for order in [[b, c, a], [c, a, b], [c, b, a]] {
            assert_eq!(row_sets(&cmp(&order)), first, "order {:?}", order.map(|d| d.0));
        }
    }

    #[test]
    fn a_boilerplate_sentence_in_three_articles_pairs_article_by_article() {
        let articles = [
            "The Parties shall reduce customs duties on industrial goods.",
            "The Parties shall cooperate on the security of gas supply.",
            "The Parties shall open their road haulage markets.",
        ];
        let doc = |extra: &str| {
            let mut t = String::from("Association Agreement\n\n");
            for (k, body) in articles.iter().enumerate() {
                t += &format!(
                    "Article {}\n\n{body} A regular dialogue will take place on the matters covered by this Article.\n\n",
                    k + 1
                );
            }
            t + extra
        };
        let c = cmp(&[
            ("a.txt", &doc("")),
            ("b.txt", &doc("Article 4\n\nThe Parties shall protect geographical indications.")),
        ]);
        let dialogue = |d: usize| -> Vec<usize> {
            c.documents[d]
                .segments
                .iter()
                .enumerate()
                .filter(|(_, s)| s.text.contains("regular dialogue"))
                .map(|(i, _)| i)
                .collect()
        };
        let (da, db) = (dialogue(0), dialogue(1));
        assert_eq!(da.len(), 3);
        for (x, y) in da.iter().zip(&db) {
            let r = c.rows.iter().find(|r| r.cells[0].contains(x)).expect("row");
            assert_eq!(r.cells[1], vec![*y], "the copy in article {} pairs with the same article's", x);
        }
    }

    #[test]
    fn a_sentence_merging_five_takes_at_most_three() {
        let a = "Statement\n\nThe Parties will cooperate in trade, energy, transport, tourism and health care.";
        let b = "Statement\n\nThe Parties will cooperate in trade. The Parties will cooperate in energy. \
                 The Parties will cooperate in transport. The Parties will cooperate in tourism. \
                 The Parties will cooperate in health care.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        for r in &c.rows {
            assert!(r.cells[1].len() <= 3, "{:?}", r.cells);
        }
    }

    #[test]
    fn a_weak_pair_is_left_unique() {
        let a = "Statement\n\nThe Parties welcomed the opening of a consulate in Osh.";
        let b = "Statement\n\nThe Parties will hold the next summit in the spring.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        assert!(c.rows.iter().all(|r| r.status == Status::Unique), "{:?}", c.rows);
    }

    #[test]
    fn identical_cells_are_never_differing_and_a_row_says_which_documents_agree() {
        let same = "T\n\nThe reciprocal tariff rate on goods will be 10 percent.";
        let other = "T\n\nThe reciprocal tariff rate on goods will be 19 percent.";
        let c = cmp(&[
            ("a.txt", same),
            ("b.txt", other),
            ("c.txt", same),
            ("d.txt", "T\n\nThe reciprocal tariff rate, on goods, will be 10 percent!"),
        ]);
        assert_eq!(c.rows.len(), 1, "{:?}", c.rows);
        let r = &c.rows[0];
        assert_eq!(r.status, Status::Differing);
        assert_eq!(r.wording_groups, vec![vec![0, 2, 3], vec![1]]);
        assert_eq!(r.consensus, Some(0));
        let diff: Vec<&str> =
            r.differences.get(1).into_iter().flatten().map(|x| &c.documents[1].text[x.clone()]).collect();
        assert_eq!(diff, vec!["19"]);
        assert!(r.differences.get(2).is_none() && r.differences.get(3).is_none());
        let c = cmp(&[("a.txt", same), ("c.txt", same)]);
        assert_eq!(c.rows[0].status, Status::Shared);
        assert_eq!(c.rows[0].wording_groups, vec![vec![0, 1]]);
    }

    #[test]
    fn no_row_holds_two_segments_of_one_document_in_a_templated_family() {
        let clauses = [
            "The United States will apply a reciprocal tariff of {} percent on originating goods.",
            "{c} will eliminate tariffs on United States industrial goods.",
            "{c} will address non-tariff barriers affecting trade in agricultural products.",
            "{c} will protect and enforce intellectual property rights.",
            "{c} will facilitate digital trade and refrain from digital services taxes.",
        ];
        let docs: Vec<(String, String)> = ["Ecuador", "Argentina", "Guatemala", "Cambodia", "Malaysia", "Thailand"]
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let body: Vec<String> =
                    clauses.iter().map(|t| t.replace("{c}", c).replace("{}", &(10 + k * 3).to_string())).collect();
                (
                    format!("{c}.txt"),
                    format!(
                        "Joint Statement on a Framework for an Agreement on Reciprocal Trade\n\n{}",
                        body.join(" ")
                    ),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let c = cmp(&refs);
        for r in &c.rows {
            assert!(r.cells.iter().all(|cell| cell.len() <= 1), "{:?}", r.cells);
        }
        let tariff = row_of(&c, 0, "reciprocal tariff");
        assert_eq!(tariff.present().count(), 6, "one row for the tariff clause");
        assert!(tariff.confidence > 0.5);
    }
}
