//! The engine's model: the documents given, what the engine made of them, and the
//! one [`Comparison`] every consumer (CLI, window, exports, sessions) reads.

use crate::core::align::AlignOptions;
use crate::core::classify::Evidence;
use crate::core::diff::WordMark;
use crate::core::parties::Parties;
use crate::core::read::{self, Origin, ReadError};
use crate::core::segment::Heading;
use crate::core::sparse::SparseVec;
use crate::core::taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;

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
    /// Its parties (from the title, or the countries it names most): their names are
    /// interchangeable across documents when aligning and when marking differences.
    pub parties: Parties,
    /// `text` with the page numbers and running headers that stand inside its segments
    /// (a sentence run over a page break) blanked byte for byte, and the line break of a
    /// compound broken after its own hyphen marked (`text::COMPOUND_BREAK`), when there
    /// are any.
    pub blanked: Option<String>,
}

impl Document {
    /// The text a row's words are compared on: `text`, with the page furniture inside
    /// sentences blanked and compounds' line breaks marked (the same byte offsets).
    pub fn words_text(&self) -> &str {
        self.blanked.as_deref().unwrap_or(&self.text)
    }

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
    /// Per document, its words in this row marked common or changed (only for the
    /// documents of a differing row).
    pub words: PerDocument<Vec<WordMark>>,
    /// How likely the cells state one commitment: the mean pair probability of the
    /// aligner's pair model over the row's pairs (1 for a row of one document, and for
    /// a row the user joined).
    pub confidence: f32,
    /// Documents grouped by identical wording (case, white space and punctuation
    /// ignored), largest group first, ties by document order.
    pub wording_groups: Vec<Vec<usize>>,
    /// The document whose cell is the row's representative wording (the most common,
    /// or the medoid); `None` for a unique row.
    pub consensus: Option<usize>,
    /// Per document, byte ranges into its text of the words that differ from the
    /// consensus cell (none for the consensus, identical cells and absent documents).
    pub differences: PerDocument<Vec<Range<usize>>>,
}

/// Values for some of the comparison's documents, kept sparse: a row of a
/// thousand-document comparison usually involves a handful, and a dense vector per
/// row would cost memory that grows with rows × documents.
#[derive(Debug, Clone, PartialEq)]
pub struct PerDocument<T> {
    /// (document index, value), ascending by document.
    entries: Vec<(usize, T)>,
}

impl<T> Default for PerDocument<T> {
    fn default() -> Self {
        Self { entries: Vec::new() }
    }
}

impl<T> PerDocument<T> {
    /// The value for document `d`, if it has one.
    pub fn get(&self, d: usize) -> Option<&T> {
        self.entries.binary_search_by_key(&d, |(k, _)| *k).ok().map(|i| &self.entries[i].1)
    }

    /// (document, value) pairs, ascending by document.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &T)> + '_ {
        self.entries.iter().map(|(d, v)| (*d, v))
    }
}

impl<T> FromIterator<(usize, T)> for PerDocument<T> {
    /// Collects (document, value) pairs; a later value for the same document replaces
    /// an earlier one.
    fn from_iter<I: IntoIterator<Item = (usize, T)>>(iter: I) -> Self {
        let mut entries: Vec<(usize, T)> = iter.into_iter().collect();
        entries.sort_by_key(|(d, _)| *d);
        let mut out: Vec<(usize, T)> = Vec::with_capacity(entries.len());
        for (d, v) in entries {
            match out.last_mut() {
                Some(last) if last.0 == d => last.1 = v,
                _ => out.push((d, v)),
            }
        }
        Self { entries: out }
    }
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
    pub vectors: Vec<Vec<SparseVec>>,
    /// The row of each segment (per document, per segment), kept by [`Comparison::reindex`].
    pub row_index: Vec<Vec<usize>>,
}

/// A segment's id, `d1.s5`: the 5th segment of the 1st document. The one place that
/// writes and reads the format; reports, sessions and corrections carry it as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SegmentId {
    /// Document index (from 0).
    pub doc: usize,
    /// Segment index within the document (from 0).
    pub seg: usize,
}

impl SegmentId {
    /// Reads `d1.s5`; `None` for anything else.
    pub fn parse(id: &str) -> Option<Self> {
        let (doc, seg) = id.split_once(".s")?;
        let doc: usize = Self::document(doc)?;
        let seg: usize = seg.parse().ok()?;
        Some(Self { doc, seg: seg.checked_sub(1)? })
    }

    /// Reads a document id, `d1`: its index.
    pub fn document(id: &str) -> Option<usize> {
        let n: usize = id.strip_prefix('d')?.parse().ok()?;
        n.checked_sub(1)
    }

    /// The id of document `doc`: `d1` for index 0.
    pub fn document_id(doc: usize) -> String {
        format!("d{}", doc + 1)
    }
}

impl std::fmt::Display for SegmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "d{}.s{}", self.doc + 1, self.seg + 1)
    }
}

impl Comparison {
    /// Finds a segment by its id (`d1.s5`): (document index, segment index).
    pub fn find_segment(&self, id: &str) -> Option<(usize, usize)> {
        let SegmentId { doc, seg } = SegmentId::parse(id)?;
        let d = self.document_index(doc)?;
        (self.documents[d].segments.get(seg)?.id == id).then_some((d, seg))
    }

    /// Where the document whose id names index `doc` (`d1` → 0) now stands: documents
    /// keep their ids when the columns are reordered.
    pub fn document_index(&self, doc: usize) -> Option<usize> {
        self.documents.iter().position(|x| SegmentId::document(&x.id) == Some(doc))
    }

    /// The row that holds segment `s` of document `d`.
    pub fn row_of(&self, d: usize, s: usize) -> Option<usize> {
        self.row_index.get(d).and_then(|v| v.get(s)).copied().filter(|&r| r < self.rows.len())
    }

    /// Rebuilds [`Comparison::row_index`] after the rows changed (built, sorted, corrected).
    pub fn reindex(&mut self) {
        let mut index: Vec<Vec<usize>> = self.documents.iter().map(|d| vec![usize::MAX; d.segments.len()]).collect();
        for (r, row) in self.rows.iter().enumerate() {
            for (d, cell) in row.cells.iter().enumerate() {
                for &s in cell {
                    if let Some(slot) = index.get_mut(d).and_then(|v| v.get_mut(s)) {
                        *slot = r;
                    }
                }
            }
        }
        self.row_index = index;
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

#[cfg(test)]
mod tests {
    use super::{PerDocument, SegmentId};

    #[test]
    fn a_segment_id_reads_back_what_it_writes_and_refuses_anything_else() {
        let id = SegmentId { doc: 0, seg: 4 };
        assert_eq!(id.to_string(), "d1.s5");
        assert_eq!(SegmentId::parse("d1.s5"), Some(id));
        assert_eq!(SegmentId::parse("d12.s300"), Some(SegmentId { doc: 11, seg: 299 }));
        for bad in ["", "d0.s1", "d1.s0", "d1", "x1.s1", "d1.s", "d1.s-1", "d1.s1.5", "1.s1"] {
            assert_eq!(SegmentId::parse(bad), None, "{bad:?}");
        }
        assert_eq!(SegmentId::document("d3"), Some(2));
        assert_eq!(SegmentId::document_id(2), "d3");
    }

    #[test]
    fn per_document_values_are_found_by_document_whatever_order_they_came_in() {
        let p: PerDocument<&str> = [(7, "g"), (2, "b"), (900, "x"), (2, "b2")].into_iter().collect();
        assert_eq!(p.get(2), Some(&"b2"), "a later value for a document replaces the earlier");
        assert_eq!(p.get(900), Some(&"x"));
        assert_eq!(p.get(3), None);
        assert_eq!(p.iter().map(|(d, _)| d).collect::<Vec<_>>(), vec![2, 7, 900]);
    }
}
