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
    /// consensus cell (empty for the consensus, identical cells and absent documents).
    pub differences: Vec<Vec<Range<usize>>>,
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
