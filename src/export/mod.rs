//! Exports: a comparison, with the user's corrections and notes, written out as a
//! report. Each format is one module and only reads; none names the window toolkit.
//! Reports are deterministic: the same input gives byte-identical files (the only
//! time in them is [`ReportContext::generated`], which a caller can fix).

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;

use crate::core::corrections::{Correction, Notes};
use crate::core::{Comparison, Row, Status};
use std::path::Path;

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct ReportContext<'a> {
    /// The comparison, corrections already applied.
    pub comparison: &'a Comparison,
    /// The user's notes by segment id.
    pub notes: &'a Notes,
    /// The corrections that were applied, in order.
    pub corrections: &'a [Correction],
    /// Column titles: the documents' own here; the window passes the titles it shows.
    pub titles: Vec<String>,
    /// When the report was made, as shown in its header.
    pub generated: String,
}

impl<'a> ReportContext<'a> {
    /// A report of a comparison with no user work, dated now.
    pub fn new(comparison: &'a Comparison) -> Self {
        static NO_NOTES: Notes = Notes::new();
        Self {
            comparison,
            notes: &NO_NOTES,
            corrections: &[],
            titles: comparison.documents.iter().map(|d| d.title.clone()).collect(),
            generated: utc_timestamp(std::time::SystemTime::now()),
        }
    }

    /// The note of a row, if any.
    pub fn note(&self, row: &Row) -> Option<&'a str> {
        crate::core::corrections::row_note(self.comparison, row, self.notes)
    }

    /// The rows of each theme that has any, in taxonomy order, with a summary such as
    /// `5 rows: 1 shared, 3 differing, 1 unique`.
    pub fn theme_groups(&self) -> Vec<(usize, Vec<&'a Row>, String)> {
        let c = self.comparison;
        (0..c.taxonomy.themes.len())
            .filter_map(|t| {
                let rows: Vec<&'a Row> = c.rows.iter().filter(|r| r.theme == t).collect();
                let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
                let summary = format!(
                    "{} rows: {} shared, {} differing, {} unique",
                    rows.len(),
                    count(Status::Shared),
                    count(Status::Differing),
                    count(Status::Unique)
                );
                (!rows.is_empty()).then_some((t, rows, summary))
            })
            .collect()
    }

    /// Per theme and document: (commitments, shared, differing, unique rows).
    pub fn coverage(&self) -> Vec<Vec<(usize, usize, usize, usize)>> {
        let c = self.comparison;
        (0..c.taxonomy.themes.len())
            .map(|t| {
                (0..c.documents.len())
                    .map(|d| {
                        let mut out = (0, 0, 0, 0);
                        for r in c.rows.iter().filter(|r| r.theme == t && !r.cells[d].is_empty()) {
                            out.0 += r.cells[d].len();
                            match r.status {
                                Status::Shared => out.1 += 1,
                                Status::Differing => out.2 += 1,
                                Status::Unique => out.3 += 1,
                            }
                        }
                        out
                    })
                    .collect()
            })
            .collect()
    }
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A self-contained HTML page.
    Html,
    /// Markdown.
    Markdown,
    /// The JSON report (`shared/spec/report-json.md`) plus corrections and notes.
    Json,
    /// CSV, one line per row.
    Csv,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 4] = [Format::Html, Format::Markdown, Format::Json, Format::Csv];

    /// The format a file name asks for, by extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Json => "json",
            Self::Csv => "csv",
        }
    }

    /// A name for menus and dialogs.
    pub fn label(self) -> &'static str {
        match self {
            Self::Html => "HTML report",
            Self::Markdown => "Markdown report",
            Self::Json => "JSON report",
            Self::Csv => "CSV table",
        }
    }

    /// Writes the report to `w`; the JSON report as it is serialised, not first whole in
    /// memory.
    pub fn write_to(self, ctx: &ReportContext<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Self::Json => json::write_json(ctx, w),
            _ => w.write_all(self.write(ctx).as_bytes()),
        }
    }

    /// Writes the report.
    pub fn write(self, ctx: &ReportContext<'_>) -> String {
        match self {
            Self::Html => html::to_html(ctx),
            Self::Markdown => markdown::to_markdown(ctx),
            Self::Json => json::to_json(ctx),
            Self::Csv => csv::to_csv(ctx),
        }
    }
}

/// `2026-11-28 04:10 UTC` for a point in time.
pub fn utc_timestamp(t: std::time::SystemTime) -> String {
    let secs = t.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02} UTC")
}

/// The text of document `d`'s cell in a row, split into pieces: (text, differs from the
/// row's consensus wording and no other document has it there, differs from the
/// consensus but some other document has it too). Cells worded like the consensus, and
/// the consensus itself, have no marked pieces: in twelve templated statements only the
/// figures that differ stand out.
pub fn cell_pieces(c: &Comparison, row: &Row, d: usize) -> Vec<(String, bool, bool)> {
    let doc = &c.documents[d];
    // Without a page number or running header that a page break left inside a sentence.
    let text = doc.words_text();
    let differs = |r: &std::ops::Range<usize>| {
        row.differences.get(d).is_some_and(|ds| ds.binary_search_by_key(&r.start, |x| x.start).is_ok())
    };
    let mut out = Vec::new();
    for (k, &s) in row.cells[d].iter().enumerate() {
        let seg = &doc.segments[s];
        if k > 0 {
            out.push((" ".to_owned(), false, false));
        }
        let mut at = seg.byte_range.start;
        for w in row
            .words
            .get(d)
            .into_iter()
            .flatten()
            .filter(|w| w.byte_range.start >= seg.byte_range.start && w.byte_range.end <= seg.byte_range.end)
        {
            if w.byte_range.start > at {
                out.push((text[at..w.byte_range.start].to_owned(), false, false));
            }
            let marked = differs(&w.byte_range);
            out.push((text[w.byte_range.clone()].to_owned(), marked && !w.partial, marked && w.partial));
            at = w.byte_range.end;
        }
        if at < seg.byte_range.end {
            out.push((text[at..seg.byte_range.end].to_owned(), false, false));
        }
    }
    // Fold white space inside pieces (hard-wrapped sources), keeping single spaces, and
    // join the words a line-end hyphen broke (`coop-` / `eration`).
    out.into_iter()
        .map(|(t, a, p)| {
            let folded = crate::core::text::fold_for_reading(&t);
            let lead = if t.starts_with(char::is_whitespace) && !folded.is_empty() { " " } else { "" };
            let trail = if t.ends_with(char::is_whitespace) && !folded.is_empty() { " " } else { "" };
            let text =
                if folded.is_empty() && !t.is_empty() { " ".to_owned() } else { format!("{lead}{folded}{trail}") };
            (text, a, p)
        })
        // Touching pieces marked alike are one piece: two changed Chinese characters
        // in a row are one `**双边**`, not `**双****边**` (which Markdown misreads).
        .fold(Vec::new(), |mut acc: Vec<(String, bool, bool)>, (t, a, p)| {
            match acc.last_mut() {
                Some(last) if last.1 == a && last.2 == p => last.0.push_str(&t),
                _ => acc.push((t, a, p)),
            }
            acc
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_839_000);
        assert_eq!(utc_timestamp(t), "2026-11-28 04:10 UTC");
        assert_eq!(utc_timestamp(std::time::UNIX_EPOCH), "1970-01-01 00:00 UTC");
        let leap = std::time::UNIX_EPOCH + std::time::Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(utc_timestamp(leap), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn formats_follow_the_file_extension() {
        assert_eq!(Format::from_path(Path::new("r.HTML")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("r.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("r.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("r.txt")), None);
    }
}
