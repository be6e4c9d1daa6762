//! What the comparison view shows: filters and the flat list of lines (headers and
//! rows) the table draws. Pure logic, no drawing, so it is tested directly.

use super::commands::GroupBy;
use crate::core::{Comparison, Row, Status};
use std::collections::BTreeSet;

/// The user's filters.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Filters {
    /// Themes to show (indices); empty shows all.
    pub themes: BTreeSet<usize>,
    /// Statuses to hide.
    pub hidden_statuses: BTreeSet<Status>,
    /// Text to find (case-insensitive); empty finds nothing.
    pub search: String,
    /// Only rows this document has (from a coverage-matrix cell).
    pub doc: Option<usize>,
}

impl Filters {
    /// Whether any filter is on.
    pub fn any(&self) -> bool {
        !self.themes.is_empty()
            || !self.hidden_statuses.is_empty()
            || !self.search.trim().is_empty()
            || self.doc.is_some()
    }

    /// Whether the row passes the filters.
    pub fn accepts(&self, c: &Comparison, row: &Row) -> bool {
        (self.themes.is_empty() || self.themes.contains(&row.theme))
            && !self.hidden_statuses.contains(&row.status)
            && self.doc.is_none_or(|d| row.cells.get(d).is_some_and(|cell| !cell.is_empty()))
            && (self.search.trim().is_empty() || row_contains(c, row, &self.search))
    }
}

/// Whether any segment of the row contains `needle` (case-insensitive).
pub fn row_contains(c: &Comparison, row: &Row, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    row.cells
        .iter()
        .enumerate()
        .any(|(d, cell)| cell.iter().any(|&s| c.documents[d].segments[s].text.to_lowercase().contains(&needle)))
}

/// One line of the comparison view.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A group header.
    Header {
        /// Key used to remember whether it is collapsed.
        key: String,
        /// What it says.
        label: String,
        /// For each document, how many of its commitments the group shows.
        counts: Vec<usize>,
        /// How many rows the group has (after filters).
        rows: usize,
        /// Whether its rows are hidden.
        collapsed: bool,
    },
    /// A row of the comparison (index into `Comparison::rows`).
    Row(usize),
}

/// Builds the lines of the view.
pub fn lines(c: &Comparison, filters: &Filters, group_by: GroupBy, collapsed: &BTreeSet<String>) -> Vec<Line> {
    let groups: Vec<(String, String, Vec<usize>)> = match group_by {
        GroupBy::Theme => c
            .taxonomy
            .themes
            .iter()
            .enumerate()
            .map(|(t, theme)| {
                let rows = (0..c.rows.len()).filter(|&r| c.rows[r].theme == t).collect();
                (format!("theme:{}", theme.id), theme.label.clone(), rows)
            })
            .collect(),
        GroupBy::Sections(d) => section_groups(c, d),
    };
    let mut out = Vec::new();
    for (key, label, rows) in groups {
        let rows: Vec<usize> = rows.into_iter().filter(|&r| filters.accepts(c, &c.rows[r])).collect();
        if rows.is_empty() {
            continue;
        }
        let counts = (0..c.documents.len()).map(|d| rows.iter().map(|&r| c.rows[r].cells[d].len()).sum()).collect();
        let is_collapsed = collapsed.contains(&key);
        out.push(Line::Header { key, label, counts, rows: rows.len(), collapsed: is_collapsed });
        if !is_collapsed {
            out.extend(rows.into_iter().map(Line::Row));
        }
    }
    out
}

/// Rows grouped by the sections of document `d`, in its order; then the rows it lacks.
fn section_groups(c: &Comparison, d: usize) -> Vec<(String, String, Vec<usize>)> {
    let Some(doc) = c.documents.get(d) else { return Vec::new() };
    let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
    let mut seen = vec![false; c.rows.len()];
    for (s, seg) in doc.segments.iter().enumerate() {
        let Some(r) = c.row_of(d, s) else { continue };
        if seen[r] {
            continue;
        }
        seen[r] = true;
        let label = doc.section_of(seg).unwrap_or("Preamble").to_owned();
        let key = format!("section:{d}:{}", seg.section.map_or(-1, |x| x as i64));
        match groups.last_mut() {
            Some(g) if g.0 == key => g.2.push(r),
            _ => groups.push((key, label, vec![r])),
        }
    }
    let rest: Vec<usize> = (0..c.rows.len()).filter(|&r| !seen[r]).collect();
    if !rest.is_empty() {
        groups.push((format!("section:{d}:absent"), format!("Not in {}", doc.title), rest));
    }
    groups
}

/// The line index of the next (or previous) row that is not shared, after (or before)
/// the line `from`; wraps around.
pub fn next_difference(c: &Comparison, lines: &[Line], from: Option<usize>, forward: bool) -> Option<usize> {
    let n = lines.len();
    if n == 0 {
        return None;
    }
    let is_diff = |i: usize| matches!(lines[i], Line::Row(r) if c.rows[r].status != Status::Shared);
    let start = from.unwrap_or(if forward { n - 1 } else { 0 });
    (1..=n).map(|k| if forward { (start + k) % n } else { (start + n - k % n) % n }).find(|&i| is_diff(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{CompareOptions, DocumentInput, compare};

    fn sample() -> Comparison {
        let a = "Declaration\n\nI. SECURITY\n\nThe Parties will combat terrorism. The Parties will hold exhibitions and trade fairs.\n\nII. CULTURE\n\nThe Parties will open culture centres.";
        let b = "Declaration\n\n1. Security\n\nThe Parties will combat terrorism.\n\n2. Trade\n\nThe Parties will expand trade in goods and customs cooperation.";
        compare(
            &[DocumentInput::from_text("a.txt", a), DocumentInput::from_text("b.txt", b)],
            &CompareOptions::default(),
        )
    }

    #[test]
    fn theme_filter_hides_other_themes() {
        let c = sample();
        let mut f = Filters::default();
        let security = c.taxonomy.index_of("security").expect("theme");
        f.themes.insert(security);
        let lines = lines(&c, &f, GroupBy::Theme, &BTreeSet::new());
        assert!(matches!(&lines[0], Line::Header { label, .. } if label == "Security"));
        assert!(lines.iter().all(|l| match l {
            Line::Row(r) => c.rows[*r].theme == security,
            Line::Header { label, .. } => label == "Security",
        }));
    }

    #[test]
    fn collapsed_groups_hide_their_rows_but_keep_counts() {
        let c = sample();
        let all = lines(&c, &Filters::default(), GroupBy::Theme, &BTreeSet::new());
        let collapsed: BTreeSet<String> = all
            .iter()
            .filter_map(|l| if let Line::Header { key, .. } = l { Some(key.clone()) } else { None })
            .collect();
        let folded = lines(&c, &Filters::default(), GroupBy::Theme, &collapsed);
        assert!(folded.iter().all(|l| matches!(l, Line::Header { collapsed: true, .. })));
        let total: usize = folded.iter().map(|l| if let Line::Header { rows, .. } = l { *rows } else { 0 }).sum();
        assert_eq!(total, c.rows.len());
    }

    #[test]
    fn grouping_by_sections_follows_one_document_and_lists_what_it_lacks() {
        let c = sample();
        let lines = lines(&c, &Filters::default(), GroupBy::Sections(1), &BTreeSet::new());
        let labels: Vec<&str> = lines
            .iter()
            .filter_map(|l| if let Line::Header { label, .. } = l { Some(label.as_str()) } else { None })
            .collect();
        assert_eq!(labels[0], "1. Security");
        assert!(labels.contains(&"2. Trade"));
        assert!(labels.last().is_some_and(|l| l.starts_with("Not in")), "{labels:?}");
    }

    #[test]
    fn search_and_status_filters() {
        let c = sample();
        let f = Filters { search: "CULTURE centres".into(), ..Filters::default() };
        let rows: Vec<usize> = lines(&c, &f, GroupBy::Theme, &BTreeSet::new())
            .into_iter()
            .filter_map(|l| if let Line::Row(r) = l { Some(r) } else { None })
            .collect();
        assert_eq!(rows.len(), 1);
        let mut f = Filters::default();
        f.hidden_statuses.insert(Status::Unique);
        let ls = lines(&c, &f, GroupBy::Theme, &BTreeSet::new());
        assert!(ls.iter().all(|l| !matches!(l, Line::Row(r) if c.rows[*r].status == Status::Unique)));
    }

    #[test]
    fn next_difference_skips_shared_rows_and_wraps() {
        let c = sample();
        let ls = lines(&c, &Filters::default(), GroupBy::Theme, &BTreeSet::new());
        let first = next_difference(&c, &ls, None, true).expect("a difference");
        assert!(matches!(ls[first], Line::Row(r) if c.rows[r].status != Status::Shared));
        let second = next_difference(&c, &ls, Some(first), true).expect("another");
        assert_ne!(first, second);
        let back = next_difference(&c, &ls, Some(second), false).expect("back");
        assert_eq!(back, first);
    }
}
