//! [`compare()`]: runs every stage of the engine and builds the one [`Comparison`]
//! that the CLI, the window and the exporters read.

use crate::core::align::{self, AlignOptions, Features};
use crate::core::classify::{self, Evidence, SegmentContext};
use crate::core::diff::{self, WordMark};
use crate::core::parties::Parties;
use crate::core::read::{self, Origin, ReadError};
use crate::core::segment::{self, Heading};
use crate::core::taxonomy::Taxonomy;
use crate::core::text;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// A document to compare: where it came from and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInput {
    /// Where it came from, as shown to users and written in reports.
    pub source: String,
    /// Its plain text.
    pub text: String,
    /// The encoding or format it was read from.
    pub encoding: &'static str,
    /// Things the user should know about how it was read (an assumed encoding…).
    pub notices: Vec<String>,
    /// Where each page or paragraph of the original starts in `text`.
    pub origins: Vec<(usize, Origin)>,
}

impl DocumentInput {
    /// Reads a document from disk.
    pub fn load(path: &Path) -> Result<Self, ReadError> {
        let t = read::read_file(path)?;
        Ok(Self {
            source: path.display().to_string(),
            text: t.text,
            encoding: t.encoding,
            notices: t.notices,
            origins: t.origins,
        })
    }

    /// A document from text in memory (tests, pasted text).
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> Self {
        Self { source: source.into(), text: text.into(), encoding: "UTF-8", notices: Vec::new(), origins: Vec::new() }
    }

    /// Where in the original the text at byte `offset` came from.
    pub fn origin_at(&self, offset: usize) -> Option<Origin> {
        let i = self.origins.partition_point(|(o, _)| *o <= offset);
        i.checked_sub(1).map(|k| self.origins[k].1)
    }
}

/// Options that change the analysis (not the view).
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// The theme taxonomy.
    pub taxonomy: Taxonomy,
    /// Aligner tuning.
    pub align: AlignOptions,
}

/// How a row's documents relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Status {
    /// Two or more documents have the commitment in the same words (ignoring case,
    /// white space and punctuation).
    Shared,
    /// Two or more documents have the commitment in different words.
    Differing,
    /// Only one document has it.
    Unique,
}

impl Status {
    /// The id used in reports: `shared`, `differing`, `unique`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Differing => "differing",
            Self::Unique => "unique",
        }
    }
}

/// One commitment of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Id unique in the comparison, e.g. `d1.s5`.
    pub id: String,
    /// Byte range into [`Document::text`].
    pub byte_range: Range<usize>,
    /// The text with white space folded.
    pub text: String,
    /// Index into [`Document::sections`] of its heading.
    pub section: Option<usize>,
    /// Paragraph (or bullet item) number in the document.
    pub paragraph: usize,
    /// Primary theme (index into the taxonomy).
    pub theme: usize,
    /// Normalised theme scores, highest first.
    pub scores: Vec<(usize, f32)>,
    /// Why it got these scores.
    pub evidence: Vec<Evidence>,
    /// Whether the user chose the theme (a correction), rather than the engine.
    pub theme_by_user: bool,
    /// Where it stands in the original (page of a PDF, paragraph of a Word file).
    pub origin: Option<Origin>,
    /// The paragraph or item number (`28.`, `(b)`) or run-in label (`Tariffs:`) that
    /// stood before the sentence; not part of `text` or `byte_range`.
    pub label: Option<String>,
}

/// One document of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Id unique in the comparison: `d1`, `d2`, …
    pub id: String,
    /// Title from the text, or the file name.
    pub title: String,
    /// Where it came from.
    pub source: String,
    /// The extracted plain text that byte ranges index into.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Section headings.
    pub sections: Vec<Heading>,
    /// Commitments, in document order.
    pub segments: Vec<Segment>,
}

impl Document {
    /// The heading text of a segment's section.
    pub fn section_of(&self, seg: &Segment) -> Option<&str> {
        seg.section.and_then(|i| self.sections.get(i)).map(|h| h.text.as_str())
    }
}

/// One commitment as it appears across the documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Theme (index into the taxonomy).
    pub theme: usize,
    /// Shared, differing or unique.
    pub status: Status,
    /// How alike the documents' wordings are, 0..=1 (0 for unique rows).
    pub similarity: f32,
    /// For each document, the indices of its segments in this row (maybe none).
    pub cells: Vec<Vec<usize>>,
    /// For each document, its words in this row marked common or changed (empty
    /// unless the row is differing).
    pub words: Vec<Vec<WordMark>>,
}

impl Row {
    /// Documents that have this commitment.
    pub fn present(&self) -> impl Iterator<Item = usize> + '_ {
        self.cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(d, _)| d)
    }
}

/// The result of comparing N documents: what every consumer reads.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The taxonomy used.
    pub taxonomy: Taxonomy,
    /// The documents, in the order given.
    pub documents: Vec<Document>,
    /// The alignment, ordered by theme, then position in the first document that has the row.
    pub rows: Vec<Row>,
    /// `pair_similarity[a][b]`: share of commitments documents a and b have in common, weighted by wording similarity.
    pub pair_similarity: Vec<Vec<f32>>,
    /// Each segment's TF-IDF vector (per document, per segment), kept so rows can be
    /// rebuilt after a user's correction without running the whole engine again.
    pub vectors: Vec<Vec<Vec<(u32, f32)>>>,
}

impl Comparison {
    /// Finds a segment by its id (`d1.s5`): (document index, segment index).
    pub fn find_segment(&self, id: &str) -> Option<(usize, usize)> {
        let (doc, seg) = id.split_once(".s")?;
        let d = self.documents.iter().position(|x| x.id == doc)?;
        let s: usize = seg.parse().ok()?;
        let s = s.checked_sub(1)?;
        (self.documents[d].segments.get(s)?.id == id).then_some((d, s))
    }

    /// The row that holds segment `s` of document `d`.
    pub fn row_of(&self, d: usize, s: usize) -> Option<usize> {
        self.rows.iter().position(|r| r.cells.get(d).is_some_and(|c| c.contains(&s)))
    }
}

/// The stage the engine is in, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Segmenting and classifying documents.
    Segmenting,
    /// Aligning documents.
    Aligning,
    /// Computing word differences.
    Diffing,
}

/// Progress reports: stage and fraction done (0..=1).
pub trait Progress: Sync {
    /// Called as work advances.
    fn report(&self, stage: Stage, done: f32);
}

impl<F: Fn(Stage, f32) + Sync> Progress for F {
    fn report(&self, stage: Stage, done: f32) {
        self(stage, done)
    }
}

/// The comparison was cancelled before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the comparison was cancelled")]
pub struct Cancelled;

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
    let tax = &options.taxonomy;
    let check = || if cancel.load(Ordering::Relaxed) { Err(Cancelled) } else { Ok(()) };
    let timing = std::env::var_os("COUNTERPART_DEBUG_TIMING").is_some();
    let t0 = std::time::Instant::now();
    let lap = |what: &str| {
        if timing {
            eprintln!("{what}: {:?}", t0.elapsed());
        }
    };
    progress.report(Stage::Segmenting, 0.0);
    let analysed: Vec<(Document, Vec<Vec<String>>)> =
        inputs.par_iter().enumerate().map(|(i, input)| analyse(i, input, tax)).collect();
    check()?;
    let (documents, tokens): (Vec<Document>, Vec<Vec<Vec<String>>>) = analysed.into_iter().unzip();

    progress.report(Stage::Aligning, 0.0);
    let names = proper_names(&documents);
    let vectors = align::vectorise(&tokens);
    let features: Vec<Vec<Features>> = documents
        .iter()
        .zip(vectors)
        .zip(names)
        .map(|((doc, vecs), names)| {
            let n = doc.segments.len().max(1) as f32;
            doc.segments
                .iter()
                .zip(vecs)
                .zip(names)
                .enumerate()
                .map(|(i, ((s, vector), names))| Features { vector, theme: s.theme, position: i as f32 / n, names })
                .collect()
        })
        .collect();
    lap("segmented");
    let links = align::links(&features, &options.align);
    lap("linked");
    if std::env::var_os("COUNTERPART_DEBUG_ALIGN").is_some() {
        debug_alignment(&documents, &features, &links);
    }
    check()?;
    let lens: Vec<usize> = documents.iter().map(|d| d.segments.len()).collect();
    let groups = align::rows(&lens, &links);
    lap("grouped");

    progress.report(Stage::Diffing, 0.0);
    let vectors: Vec<Vec<Vec<(u32, f32)>>> =
        features.into_iter().map(|d| d.into_iter().map(|f| f.vector).collect()).collect();
    let mut rows: Vec<Row> = groups.par_iter().map(|g| build_row(g, &documents, &vectors, tax)).collect();
    check()?;
    lap("rows built");
    sort_rows(&mut rows);
    let pair_similarity = pair_similarity(&documents, &rows);
    progress.report(Stage::Diffing, 1.0);
    Ok(Comparison { taxonomy: tax.clone(), documents, rows, pair_similarity, vectors })
}

/// Segments and classifies one document; also returns each segment's alignment tokens.
fn analyse(index: usize, input: &DocumentInput, tax: &Taxonomy) -> (Document, Vec<Vec<String>>) {
    let structure = segment::segment(&input.text);
    let ctx: Vec<SegmentContext<'_>> = structure
        .segments
        .iter()
        .map(|s| SegmentContext {
            text: &input.text[s.byte_range.clone()],
            heading: s.section.and_then(|i| structure.sections.get(i)).map(|h| h.text.as_str()),
            paragraph: s.paragraph,
        })
        .collect();
    let classes = classify::classify_document(tax, &ctx);
    let id = format!("d{}", index + 1);
    let parties = Parties::detect(structure.title.as_deref(), &input.text);
    let mut tokens = Vec::with_capacity(structure.segments.len());
    let segments = structure
        .segments
        .iter()
        .zip(classes)
        .enumerate()
        .map(|(n, (s, c))| {
            let raw = &input.text[s.byte_range.clone()];
            // A run-in label (`Intellectual Property:`) names the commitment: its words
            // count for alignment although they are not part of the segment's text.
            let run_in = s.label.as_deref().filter(|l| l.chars().any(char::is_alphabetic));
            tokens.push(match run_in {
                Some(l) => alignment_tokens(&format!("{l} {raw}"), &parties),
                None => alignment_tokens(raw, &parties),
            });
            Segment {
                id: format!("{id}.s{}", n + 1),
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
    };
    (doc, tokens)
}

/// Prints every pair of segments of the first two documents with some similarity
/// (set `COUNTERPART_DEBUG_ALIGN` to see it): a tuning aid, not a feature.
fn debug_alignment(documents: &[Document], features: &[Vec<Features>], links: &[align::Link]) {
    for (a, fa) in features.iter().enumerate() {
        for (b, fb) in features.iter().enumerate().skip(a + 1) {
            for (i, x) in fa.iter().enumerate() {
                for (j, y) in fb.iter().enumerate() {
                    let cos = align::cosine(&x.vector, &y.vector);
                    if cos >= 0.15 {
                        let linked = links.iter().any(|l| l.a == (a, i) && l.b == (b, j));
                        eprintln!(
                            "{} {} {cos:.3} c={:.2}/{:.2} {}",
                            documents[a].segments[i].id,
                            documents[b].segments[j].id,
                            align::containment(&x.vector, &y.vector),
                            align::containment(&y.vector, &x.vector),
                            if linked { "LINK" } else { "" }
                        );
                    }
                }
            }
        }
    }
}

fn file_stem(source: &str) -> String {
    Path::new(source).file_stem().map_or_else(|| source.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Proper names of each segment of each document: capitalised words after the first
/// word that are not country names and that no document of the comparison
/// ever writes in lower case (so `Corridor` in a title-cased name is not a name, but
/// `Caspian` is).
fn proper_names(documents: &[Document]) -> Vec<Vec<Vec<String>>> {
    let mut lower: std::collections::HashSet<String> = std::collections::HashSet::new();
    for d in documents {
        for w in d.text.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(w.to_owned());
            }
        }
    }
    let countries = Parties::every_country();
    documents
        .iter()
        .map(|d| {
            let parties = &countries;
            d.segments
                .iter()
                .map(|s| {
                    let words: Vec<&str> =
                        s.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
                    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    let party: Vec<bool> = {
                        let mut v = vec![false; words.len()];
                        for (start, len) in parties.spans(&lowered) {
                            v[start..start + len].iter_mut().for_each(|x| *x = true);
                        }
                        v
                    };
                    let mut names: Vec<String> = words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .filter(|&(k, w)| {
                            !party[k]
                                && w.chars().next().is_some_and(char::is_uppercase)
                                && w.chars().skip(1).any(char::is_lowercase)
                                && !lower.contains(&lowered[k])
                        })
                        .map(|(k, _)| lowered[k].clone())
                        .collect();
                    names.sort();
                    names.dedup();
                    names
                })
                .collect()
        })
        .collect()
}

/// Content-word stems of a segment, the document's party names folded into one token.
fn alignment_tokens(raw: &str, parties: &Parties) -> Vec<String> {
    let words = text::words(raw);
    let spans = parties.spans(&words);
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    let mut k = 0;
    while i < words.len() {
        if let Some(&(_, len)) = spans.get(k).filter(|(s, _)| *s == i) {
            out.push("\u{2039}party\u{203a}".to_owned());
            i += len;
            k += 1;
            continue;
        }
        let w = text::normalise_spelling(&words[i]);
        if !text::is_stopword(&w) {
            out.push(text::stem(&w));
        }
        i += 1;
    }
    out
}

/// Normalised wording for status: lower-case letters and digits only.
fn wording_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Builds a row from a group of segments: cells, theme, status, similarity, word marks.
/// A segment whose theme the user set decides the row's theme.
pub fn build_row(
    group: &[align::SegRef],
    documents: &[Document],
    vectors: &[Vec<Vec<(u32, f32)>>],
    tax: &Taxonomy,
) -> Row {
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
    for &(d, s) in group {
        cells[d].push(s);
    }
    cells.iter_mut().for_each(|c| c.sort_unstable());
    let present: Vec<usize> = (0..documents.len()).filter(|&d| !cells[d].is_empty()).collect();
    // Theme: the sum of the segments' scores.
    let mut theme_score = vec![0.0f32; tax.themes.len()];
    for &(d, s) in group {
        for &(t, w) in &documents[d].segments[s].scores {
            theme_score[t] += w;
        }
    }
    let by_user =
        group.iter().map(|&(d, s)| &documents[d].segments[s]).filter(|s| s.theme_by_user).map(|s| s.theme).next_back();
    let theme = by_user.unwrap_or_else(|| {
        theme_score
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map_or(tax.fallback, |(t, _)| t)
    });
    let keys: Vec<String> = present
        .iter()
        .map(|&d| wording_key(&cells[d].iter().map(|&s| documents[d].segments[s].text.as_str()).collect::<String>()))
        .collect();
    let (status, similarity) = if present.len() < 2 {
        (Status::Unique, 0.0)
    } else if keys.windows(2).all(|w| w[0] == w[1]) {
        (Status::Shared, 1.0)
    } else {
        let vecs: Vec<Vec<(u32, f32)>> =
            present.iter().map(|&d| sum_vectors(cells[d].iter().map(|&s| &vectors[d][s]))).collect();
        let mut total = 0.0;
        let mut n = 0.0;
        for i in 0..vecs.len() {
            for j in i + 1..vecs.len() {
                total += align::cosine(&vecs[i], &vecs[j]);
                n += 1.0;
            }
        }
        (Status::Differing, if n > 0.0 { (total / n).clamp(0.0, 0.999) } else { 0.0 })
    };
    let mut words = vec![Vec::new(); documents.len()];
    if status == Status::Differing {
        let input: Vec<(&str, Vec<Range<usize>>)> = present
            .iter()
            .map(|&d| {
                let doc = &documents[d];
                (doc.text.as_str(), cells[d].iter().map(|&s| doc.segments[s].byte_range.clone()).collect())
            })
            .collect();
        for (marks, &d) in diff::mark_words(&input).into_iter().zip(&present) {
            words[d] = marks;
        }
    }
    Row { theme, status, similarity, cells, words }
}

fn sum_vectors<'a>(vs: impl Iterator<Item = &'a Vec<(u32, f32)>>) -> Vec<(u32, f32)> {
    let mut m: std::collections::BTreeMap<u32, f32> = std::collections::BTreeMap::new();
    for v in vs {
        for &(t, w) in v {
            *m.entry(t).or_default() += w;
        }
    }
    let norm = m.values().map(|w| w * w).sum::<f32>().sqrt();
    m.into_iter().map(|(t, w)| (t, if norm > 0.0 { w / norm } else { 0.0 })).collect()
}

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
    let mut m = vec![vec![0.0f32; n]; n];
    for (a, row_m) in m.iter_mut().enumerate() {
        row_m[a] = 1.0;
        for b in 0..n {
            if a == b {
                continue;
            }
            let mut common = 0.0;
            for r in rows {
                if !r.cells[a].is_empty() && !r.cells[b].is_empty() {
                    common += (r.cells[a].len() + r.cells[b].len()) as f32 * r.similarity.max(0.5);
                }
            }
            let total = (documents[a].segments.len() + documents[b].segments.len()) as f32;
            row_m[b] = if total > 0.0 { (common / total).clamp(0.0, 1.0) } else { 0.0 };
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(docs: &[(&str, &str)]) -> Comparison {
        let inputs: Vec<DocumentInput> = docs.iter().map(|(n, t)| DocumentInput::from_text(*n, *t)).collect();
        compare(&inputs, &CompareOptions::default())
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
        let changed: Vec<&str> =
            r.words[0].iter().filter(|w| !w.common).map(|w| &c.documents[0].text[w.byte_range.clone()]).collect();
        assert_eq!(changed, vec!["20"]);
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
                 The Parties support the development of the Trans-Caspian International Transport Route. \
                 The Parties will expand cooperation in culture and tourism. \
                 The Parties will develop rail transport and the capacity of ports. \
                 The Parties will combat terrorism and extremism.";
        let b = "Declaration between Azerbaijan and Iran\n\n\
                 The Parties support the development of the North–South International Transport Corridor. \
                 The Parties will deepen cooperation in tourism and culture. \
                 The Parties will modernise border crossings for road transport. \
                 The Parties will jointly fight terrorism, separatism and extremism.";
        let c = cmp(&[("a.txt", a), ("b.txt", b)]);
        assert_eq!(row_of(&c, 0, "Trans-Caspian").status, Status::Unique, "{:?}", c.rows);
        assert_eq!(row_of(&c, 1, "North–South").status, Status::Unique);
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
    fn cancel_stops_the_comparison() {
        let cancel = AtomicBool::new(true);
        let inputs = [DocumentInput::from_text("a", "Text one.")];
        let r = compare_with_progress(&inputs, &CompareOptions::default(), &|_: Stage, _: f32| {}, &cancel);
        assert_eq!(r.err(), Some(Cancelled));
    }
}
