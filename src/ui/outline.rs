//! The outline of a long treaty: how deep each section heading of a document stands
//! (titles › chapters › sections › articles), read from the heading's own first word,
//! and finding a section by what the user types ("Article 40", "chapter 3").
//!
//! The engine keeps headings flat, in document order; the depth is only for the view.

use crate::core::segment::Heading;

/// The rank of a heading word: smaller is higher in the outline.
const PART: u8 = 0;
/// `Chapter`, `第三章`, and the Roman numbered headings of declarations (`II. TRADE`).
const CHAPTER: u8 = 1;
/// `Section`, `第二节`, and headings whose kind is not told (Markdown, title-cased lines).
const SECTION: u8 = 2;
/// `Sub-section`, and numbered headings `1.2`.
const SUBSECTION: u8 = 3;
/// `Article`, `第一条`.
const ARTICLE: u8 = 4;
/// `第4款` (a paragraph within an article).
const PARAGRAPH: u8 = 5;

/// The rank of a heading by its first word: titles and parts above chapters, above
/// sections, above articles.
pub fn heading_rank(text: &str) -> u8 {
    let first = text.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches(['.', ':', ')']).to_lowercase();
    match word.as_str() {
        "part" | "title" | "annex" | "appendix" | "schedule" | "protocol" => return PART,
        "chapter" => return CHAPTER,
        "section" => return SECTION,
        "sub-section" | "subsection" => return SUBSECTION,
        "article" => return ARTICLE,
        _ => {}
    }
    if let Some(body) = first.strip_prefix('第') {
        for (unit, rank) in [
            ("部分", PART),
            ("编", PART),
            ("編", PART),
            ("篇", PART),
            ("章", CHAPTER),
            ("节", SECTION),
            ("節", SECTION),
            ("条", ARTICLE),
            ("條", ARTICLE),
            ("款", PARAGRAPH),
        ] {
            if body.contains(unit) {
                return rank;
            }
        }
    }
    if !word.is_empty() && word.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')) {
        return CHAPTER;
    }
    if word.contains('.') && word.split('.').all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit())) {
        return SUBSECTION;
    }
    SECTION
}

/// The depth of each heading in the outline (0 for the top level): a heading stands
/// under the nearest heading before it of a higher rank.
pub fn depths(sections: &[Heading]) -> Vec<usize> {
    let mut stack: Vec<u8> = Vec::new();
    sections
        .iter()
        .map(|h| {
            let rank = heading_rank(&h.text);
            while stack.last().is_some_and(|&top| top >= rank) {
                stack.pop();
            }
            let depth = stack.len();
            stack.push(rank);
            depth
        })
        .collect()
}

/// The first heading that matches what the user typed: one that starts with it and
/// where its number ends ("Article 40" is not "Article 400"), else one that contains
/// it; case is ignored. `None` for an empty query or no match.
pub fn find_section(sections: &[Heading], query: &str) -> Option<usize> {
    let q = query.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if q.is_empty() {
        return None;
    }
    let texts: Vec<String> = sections.iter().map(|h| h.text.to_lowercase()).collect();
    let whole = |t: &str| t.starts_with(&q) && !t[q.len()..].starts_with(|c: char| c.is_alphanumeric());
    texts
        .iter()
        .position(|t| whole(t))
        .or_else(|| texts.iter().position(|t| t.starts_with(&q)))
        .or_else(|| texts.iter().position(|t| t.contains(&q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(texts: &[&str]) -> Vec<Heading> {
        texts.iter().map(|t| Heading { text: (*t).to_owned(), byte_range: 0..0 }).collect()
    }

    #[test]
    fn titles_hold_chapters_hold_articles() {
        let h = headings(&[
            "TITLE I. GENERAL",
            "Article 1. Objectives",
            "TITLE II. TRADE",
            "CHAPTER 1. Goods",
            "Article 2. Tariffs",
            "Article 3. Quotas",
            "CHAPTER 2. Services",
            "Article 4. Scope",
        ]);
        assert_eq!(depths(&h), vec![0, 1, 0, 1, 2, 2, 1, 2]);
    }

    #[test]
    fn declarations_and_chinese_headings_nest_too() {
        assert_eq!(depths(&headings(&["I. POLITICS", "1. Dialogue", "II. TRADE"])), vec![0, 1, 0]);
        assert_eq!(depths(&headings(&["第一章 总则", "第一条 目的", "第二章 贸易"])), vec![0, 1, 0]);
    }

    #[test]
    fn a_section_is_found_by_its_number_not_a_longer_one() {
        let h = headings(&["Article 400. Review", "Article 40. Data", "CHAPTER 3. Energy"]);
        assert_eq!(find_section(&h, "article 40"), Some(1));
        assert_eq!(find_section(&h, "Article 400"), Some(0));
        assert_eq!(find_section(&h, "energy"), Some(2));
        assert_eq!(find_section(&h, "  "), None);
        assert_eq!(find_section(&h, "fisheries"), None);
    }
}
