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
    /// Text to find, as [`super::find`] matches it; a blank one ([`super::find::is_blank`])
    /// filters nothing.
    pub search: String,
    /// Only rows this document has (from a coverage-matrix cell).
    pub doc: Option<usize>,
}

impl Filters {
    /// Whether any filter is on.
    pub fn any(&self) -> bool {
        !self.themes.is_empty()
            || !self.hidden_statuses.is_empty()
            || !super::find::is_blank(&self.search)
            || self.doc.is_some()
    }

    /// Whether the row passes the filters.
    pub fn accepts(&self, c: &Comparison, row: &Row) -> bool {
        (self.themes.is_empty() || self.themes.contains(&row.theme))
            && !self.hidden_statuses.contains(&row.status)
            && self.doc.is_none_or(|d| row.cells.get(d).is_some_and(|cell| !cell.is_empty()))
            && (super::find::is_blank(&self.search) || row_contains(c, row, &self.search))
    }
}

/// Whether any segment of the row contains `needle`, as Find matches (see [`super::find`]).
pub fn row_contains(c: &Comparison, row: &Row, needle: &str) -> bool {
    row.cells
        .iter()
        .enumerate()
        .any(|(d, cell)| cell.iter().any(|&s| super::find::contains(&c.documents[d].segments[s].text, needle)))
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
        /// How deep it stands in the outline of a document's sections (0: top level;
        /// theme headers are all 0).
        depth: usize,
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
        GroupBy::Sections(d) => return section_lines(c, d, filters, collapsed),
    };
    let mut out = Vec::new();
    for (key, label, rows) in groups {
        let rows: Vec<usize> = rows.into_iter().filter(|&r| filters.accepts(c, &c.rows[r])).collect();
        push_group(c, &mut out, key, label, rows, collapsed, 0);
    }
    out
}

/// Adds a group's header and, unless it is collapsed, its rows; nothing for no rows.
fn push_group(
    c: &Comparison,
    out: &mut Vec<Line>,
    key: String,
    label: String,
    rows: Vec<usize>,
    collapsed: &BTreeSet<String>,
    depth: usize,
) {
    if rows.is_empty() {
        return;
    }
    let counts = (0..c.documents.len()).map(|d| rows.iter().map(|&r| c.rows[r].cells[d].len()).sum()).collect();
    let is_collapsed = collapsed.contains(&key);
    out.push(Line::Header { key, label, counts, rows: rows.len(), collapsed: is_collapsed, depth });
    if !is_collapsed {
        out.extend(rows.into_iter().map(Line::Row));
    }
}

/// The key of the header of section `s` of document `d` (`None`: before the first).
pub fn section_key(d: usize, s: Option<usize>) -> String {
    format!("section:{d}:{}", s.map_or(-1, |x| x as i64))
}

/// Rows under the sections of document `d` as an outline, in its order: each heading
/// (titles, chapters, articles) with its own rows, a collapsed heading hiding
/// everything under it and counting it; then the rows it lacks.
fn section_lines(c: &Comparison, d: usize, filters: &Filters, collapsed: &BTreeSet<String>) -> Vec<Line> {
    let Some(doc) = c.documents.get(d) else { return Vec::new() };
    let n = doc.sections.len();
    let mut direct: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut preamble = Vec::new();
    let mut seen = vec![false; c.rows.len()];
    for (s, seg) in doc.segments.iter().enumerate() {
        let Some(r) = c.row_of(d, s) else { continue };
        if seen[r] {
            continue;
        }
        seen[r] = true;
        if !filters.accepts(c, &c.rows[r]) {
            continue;
        }
        match seg.section.filter(|&i| i < n) {
            Some(i) => direct[i].push(r),
            None => preamble.push(r),
        }
    }
    let depths = super::outline::depths(&doc.sections);
    // Each heading's whole subtree: the rows under it and under its sub-headings.
    let mut subtree: Vec<Vec<usize>> = direct.clone();
    let mut parents: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..n {
        while stack.last().is_some_and(|&top| depths[top] >= depths[i]) {
            stack.pop();
        }
        parents[i] = stack.last().copied();
        stack.push(i);
    }
    for i in (0..n).rev() {
        if let Some(p) = parents[i] {
            let rows = std::mem::take(&mut subtree[i]);
            subtree[p].extend(rows.iter().copied());
            subtree[i] = rows;
        }
    }
    let mut out = Vec::new();
    push_group(c, &mut out, section_key(d, None), "Preamble".to_owned(), preamble, collapsed, 0);
    let mut hidden_below: Option<usize> = None;
    for i in 0..n {
        if let Some(k) = hidden_below {
            if depths[i] > k {
                continue;
            }
            hidden_below = None;
        }
        if subtree[i].is_empty() {
            continue;
        }
        let key = section_key(d, Some(i));
        let counts =
            (0..c.documents.len()).map(|x| subtree[i].iter().map(|&r| c.rows[r].cells[x].len()).sum()).collect();
        let is_collapsed = collapsed.contains(&key);
        out.push(Line::Header {
            key,
            label: doc.sections[i].text.clone(),
            counts,
            rows: subtree[i].len(),
            collapsed: is_collapsed,
            depth: depths[i],
        });
        if is_collapsed {
            hidden_below = Some(depths[i]);
        } else {
            out.extend(direct[i].iter().map(|&r| Line::Row(r)));
        }
    }
    let rest: Vec<usize> = (0..c.rows.len()).filter(|&r| !seen[r] && filters.accepts(c, &c.rows[r])).collect();
    push_group(c, &mut out, format!("section:{d}:absent"), format!("Not in {}", doc.title), rest, collapsed, 0);
    out
}

/// The keys of every group header the view could show (for "Collapse all"),
/// collapsed or not, hidden under a collapsed one or not.
pub fn all_group_keys(c: &Comparison, filters: &Filters, group_by: GroupBy) -> BTreeSet<String> {
    lines(c, filters, group_by, &BTreeSet::new())
        .into_iter()
        .filter_map(|l| if let Line::Header { key, .. } = l { Some(key) } else { None })
        .collect()
}

/// The keys of the headers above section `s` of document `d` in its outline.
pub fn section_ancestors(c: &Comparison, d: usize, s: usize) -> Vec<String> {
    let Some(doc) = c.documents.get(d) else { return Vec::new() };
    let depths = super::outline::depths(&doc.sections);
    let Some(&depth) = depths.get(s) else { return Vec::new() };
    let mut want = depth;
    let mut out = Vec::new();
    for i in (0..s).rev() {
        if want == 0 {
            break;
        }
        if depths[i] < want {
            out.push(section_key(d, Some(i)));
            want = depths[i];
        }
    }
    out
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
        // A query of only a hyphen has nothing to find: it filters nothing out.
        let f = Filters { search: " - ".into(), ..Filters::default() };
        assert!(!f.any());
        assert!(c.rows.iter().all(|r| f.accepts(&c, r)));
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
