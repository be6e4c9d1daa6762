//! Short column titles: the words that tell each document's title apart from the
//! others ("Argentina", "Bangladesh", … for twelve "Joint Statement on … trade"
//! titles), falling back to the file name. The window and every report use the same
//! titles, so they are made here, away from both.

use crate::core::parties::Parties;
use std::path::Path;

/// Most distinguishing words a short title keeps: more than this is no longer short,
/// and the first few are the telling ones (a country, a date).
const MAX_WORDS: usize = 6;

/// Most words of a label before a colon that names a kind of document ("FACT SHEET:",
/// "Readout:"); a longer run before a colon is a title of its own.
const LABEL_MAX_WORDS: usize = 3;

/// Longest a short title gets, in characters; longer ones end in "…".
const MAX_CHARS: usize = 48;

/// Words that never tell a title apart on their own, dropped at the ends of a short
/// title ("of Argentina" reads as "Argentina").
const FILLER: &[&str] = &[
    "a", "an", "and", "at", "between", "by", "de", "del", "des", "du", "et", "for", "from", "in", "la", "le", "of",
    "on", "the", "to", "with", "y",
];

/// Small words inside a name ("Republic of Korea", "Cabo de Hornos"); "and" or "on"
/// would join a name to the next one ("Kazakhstan on Further Deepening").
const NAME_JOINERS: &[&str] = &["of", "de", "del", "la"];

/// The words of a title (split at spaces, dashes, slashes and brackets, so "United
/// States-Argentina" has "Argentina", and a Chinese or Japanese title, written without
/// spaces, has its bracketed year or place: `共同声明（2024年）`), each as written and in
/// the form compared (lower case, no punctuation around it).
fn words(title: &str) -> Vec<(&str, String)> {
    title
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '-' | '‐' | '–' | '—' | '/' | '(' | ')' | '（' | '）' | '【' | '】' | '《' | '》' | '、' | '，'
                )
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| (w, w.to_lowercase()))
        .collect()
}

/// The file name of `source` without its extension (the whole `source` when it has none).
pub fn file_stem(source: &str) -> String {
    Path::new(source).file_stem().map_or_else(|| source.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// A word in capitals written as a name ("VIETNAM" → "Vietnam", "VIET NAM" → "Viet
/// Nam"); others as they are. An abbreviation keeps its capitals: one the gazetteer
/// writes in capitals ("EU", "USA"), or a word of up to [`ABBREVIATION_MAX`] letters
/// that is no word of a name in the gazetteer ("Sri", "Nam" and "Lao" are).
fn name_case(w: &str) -> String {
    if w.chars().any(char::is_lowercase) || !w.chars().any(char::is_uppercase) {
        return w.to_owned();
    }
    let mut chars = w.chars();
    let named: String =
        chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect());
    let written = gazetteer_words();
    if written.contains(w) {
        return w.to_owned();
    }
    if w.chars().count() <= ABBREVIATION_MAX && !written.contains(named.as_str()) {
        return w.to_owned();
    }
    named
}

/// Every word of the gazetteer's names, as written there ("EU", "Viet", "Nam").
fn gazetteer_words() -> &'static std::collections::HashSet<&'static str> {
    static W: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        crate::core::parties::COUNTRIES
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// The longest word in capitals taken for an abbreviation when the gazetteer does not
/// say (see [`name_case`]): no country's name is a word this short on its own.
const ABBREVIATION_MAX: usize = 3;

/// Shortens `s` to [`MAX_CHARS`] characters with an ellipsis.
fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_CHARS {
        s.to_owned()
    } else {
        s.chars().take(MAX_CHARS - 1).collect::<String>() + "…"
    }
}

/// Short titles for documents with these `titles` read from these `sources` (paths
/// or file names), in the same order.
///
/// A word tells when at most half of the titles have it (filler words never do). Each
/// title keeps its first telling word written as a name (capital, then lower case)
/// and the telling names right after it; a title without one keeps the span from its
/// first to its last telling word. A document falls back to its file
/// name when its title has no such word or its short title would be the same as
/// another's. A single document keeps its whole title.
pub fn short_titles(titles: &[&str], sources: &[&str]) -> Vec<String> {
    let n = titles.len();
    let stem = |d: usize| file_stem(sources.get(d).copied().unwrap_or_default());
    if n < 2 {
        return titles
            .iter()
            .enumerate()
            .map(|(d, t)| if t.trim().is_empty() { stem(d) } else { clip(t.trim()) })
            .collect();
    }
    let word_lists: Vec<Vec<(&str, String)>> = titles.iter().map(|t| words(t)).collect();
    let countries = Parties::every_country();
    // A word tells titles apart when at most half of them have it: with two titles,
    // only one; with twelve, a word six share still sorts them into groups.
    let most = (n / 2).max(1);
    let mut short: Vec<Option<String>> = (0..n)
        .map(|d| {
            let own = &word_lists[d];
            // From the first to the last telling word, with what stands between them
            // ("Republic of Korea" keeps its "of" though the other titles have one).
            let telling = |(_, key): &(&str, String)| {
                !FILLER.contains(&key.as_str())
                    && word_lists.iter().filter(|o| o.iter().any(|(_, k)| k == key)).count() <= most
            };
            // A name first: the first telling word written like one ("Azerbaijan", not
            // "DECLARATION" or "Establishment" further on), with the telling names
            // right after it ("El Salvador", "Republic of Korea").
            // A name of letters and figures (`C5+1`, `G20`) is one too.
            let is_name = |w: &str| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && (w.chars().skip(1).any(char::is_lowercase) || w.chars().any(|c| c.is_ascii_digit()))
            };
            let named = |k: usize| own.get(k).is_some_and(|w| telling(w) && is_name(w.0));
            // A country that only this title names tells it best ("Indonesia", not the
            // "Joint Statement" that another title happens to lack), with the name words
            // before it ("Republic of Korea").
            let keys: Vec<String> = own.iter().map(|w| w.1.clone()).collect();
            let country = countries.spans(&keys).into_iter().find(|&(s, l)| own[s..s + l].iter().all(&telling));
            if let Some((mut start, len)) = country {
                let end = start + len - 1;
                loop {
                    if start >= 1 && named(start - 1) {
                        start -= 1;
                    } else if start >= 2 && NAME_JOINERS.contains(&own[start - 1].1.as_str()) && named(start - 2) {
                        start -= 2;
                    } else {
                        break;
                    }
                }
                let kept: Vec<String> = own[start..=end].iter().take(MAX_WORDS).map(|w| name_case(w.0)).collect();
                return Some(clip(&kept.join(" ")));
            }
            // A kind of document named before a colon ("FACT SHEET: President … Welcomes …"
            // against "Joint Statement by …"): in a title in title case every word looks
            // like a name, and "Welcomes" would be the first.
            if let Some((label, _)) = titles[d].split_once(':') {
                let label = words(label);
                if !label.is_empty() && label.len() <= LABEL_MAX_WORDS && label.iter().all(&telling) {
                    let kept: Vec<String> = label.iter().map(|w| name_case(w.0)).collect();
                    return Some(clip(&kept.join(" ")));
                }
            }
            if let Some(start) = (0..own.len()).find(|&k| named(k)) {
                let mut end = start;
                loop {
                    if named(end + 1) {
                        end += 1;
                    } else if own.get(end + 1).is_some_and(|w| NAME_JOINERS.contains(&w.1.as_str())) && named(end + 2) {
                        end += 2;
                    } else {
                        break;
                    }
                }
                let kept: Vec<&str> = own[start..=end].iter().take(MAX_WORDS).map(|w| w.0).collect();
                return Some(clip(&kept.join(" ")));
            }
            let start = own.iter().position(telling)?;
            let end = own.iter().rposition(telling)?;
            let kept: Vec<&str> = own[start..=end].iter().take(MAX_WORDS).map(|w| w.0).collect();
            Some(clip(&kept.join(" ")))
        })
        .collect();
    // A short title that two documents share tells nothing: both fall back.
    for d in 0..n {
        let clash = short[d].as_ref().is_some_and(|s| {
            short.iter().enumerate().any(|(e, o)| e != d && o.as_ref().is_some_and(|o| o.eq_ignore_ascii_case(s)))
        });
        if clash {
            let same = short[d].clone();
            for s in short.iter_mut().filter(|s| **s == same) {
                *s = None;
            }
        }
    }
    short.into_iter().enumerate().map(|(d, s)| s.unwrap_or_else(|| stem(d))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abbreviation_keeps_its_capitals_and_a_name_in_capitals_becomes_a_name() {
        let t = short_titles(
            &["EU–Azerbaijan Partnership Priorities", "JOINT STATEMENT OF AZERBAIJAN AND VIETNAM"],
            &["eu.txt", "vn.txt"],
        );
        assert_eq!(t, vec!["EU".to_owned(), "Vietnam".to_owned()]);
        let t = short_titles(
            &["JOINT STATEMENT OF AZERBAIJAN AND VIET NAM", "JOINT STATEMENT OF AZERBAIJAN AND SRI LANKA"],
            &["vn.txt", "lk.txt"],
        );
        assert_eq!(t, vec!["Viet Nam".to_owned(), "Sri Lanka".to_owned()]);
    }

    #[test]
    fn a_name_of_letters_and_figures_makes_the_title() {
        let titles = ["C5+1 Leaders’ Joint Statement", "Joint Statement on the U.S.-Mongolia Partnership"];
        assert_eq!(short_titles(&titles, &["a.txt", "b.txt"]), ["C5+1 Leaders", "Mongolia"]);
    }

    #[test]
    fn the_words_that_differ_make_the_title() {
        let titles = [
            "Joint Statement on a Framework for an Agreement on Reciprocal Trade between the United States and Argentina",
            "Joint Statement on a Framework for an Agreement on Reciprocal Trade between the United States and Ecuador",
            "Joint Statement on a Framework for an Agreement on Reciprocal Trade between the United States and El Salvador",
        ];
        let short = short_titles(&titles, &["a.txt", "b.txt", "c.txt"]);
        assert_eq!(short, ["Argentina", "Ecuador", "El Salvador"]);
    }

    #[test]
    fn a_name_wins_over_other_telling_words() {
        let titles = [
            "JOINT DECLARATION between the Republic of Azerbaijan and the People's Republic of China on the Establishment of a Strategic Partnership",
            "JOINT STATEMENT of the People's Republic of China and the Republic of Kazakhstan on Further Deepening the Comprehensive Strategic Partnership",
            "JOINT STATEMENT between the People's Republic of China and the Republic of Uzbekistan on the All-Weather Comprehensive Strategic Partnership in the New Era",
        ];
        assert_eq!(short_titles(&titles, &["a", "b", "c"]), ["Azerbaijan", "Kazakhstan", "Uzbekistan"]);
    }

    #[test]
    fn a_country_only_one_title_names_wins_over_words_another_title_lacks() {
        let titles = [
            "ELEVATING UNITED STATES-VIETNAM RELATIONS TO A COMPREHENSIVE STRATEGIC PARTNERSHIP",
            "Joint Statement from the Leaders of the United States and the Republic of Indonesia: Elevating Relations to a Comprehensive Strategic Partnership",
        ];
        assert_eq!(short_titles(&titles, &["a", "b"]), ["Vietnam", "Republic of Indonesia"]);
    }

    #[test]
    fn a_kind_of_document_before_a_colon_tells_it_apart() {
        let titles = [
            "Joint Statement by President Donald J. Trump and President Kassym-Jomart Tokayev of the Republic of Kazakhstan",
            "FACT SHEET: President Donald J. Trump Welcomes President Kassym-Jomart Tokayev of Kazakhstan",
        ];
        assert_eq!(short_titles(&titles, &["a", "b"]), ["Joint Statement", "Fact Sheet"]);
        // A label every title has tells nothing: the country does.
        let titles = ["FACT SHEET: The United States and Kazakhstan", "FACT SHEET: The United States and Uzbekistan"];
        assert_eq!(short_titles(&titles, &["a", "b"]), ["Kazakhstan", "Uzbekistan"]);
    }

    #[test]
    fn hyphenated_names_are_split() {
        let titles = [
            "Joint Statement on Framework for a United States-Argentina Agreement on Reciprocal",
            "Joint Statement on Framework for a United States-El Salvador Agreement on Reciprocal Trade",
            "Joint Statement on Framework for a United States–Ecuador Agreement on Reciprocal Trade",
        ];
        assert_eq!(short_titles(&titles, &["a", "b", "c"]), ["Argentina", "El Salvador", "Ecuador"]);
    }

    #[test]
    fn filler_at_the_ends_is_dropped_but_not_inside() {
        let short = short_titles(
            &["Declaration of the Republic of Korea and Japan", "Declaration of Chile and Japan"],
            &["k.txt", "c.txt"],
        );
        assert_eq!(short, ["Republic of Korea", "Chile"]);
    }

    #[test]
    fn identical_or_empty_titles_fall_back_to_the_file_name() {
        let short = short_titles(&["Joint Statement", "Joint Statement", ""], &["/x/baku-2024.txt", "rome.pdf", "c"]);
        assert_eq!(short, ["baku-2024", "rome", "c"]);
    }

    #[test]
    fn a_title_that_only_drops_words_falls_back_to_the_file_name() {
        // The second title's words are all in the first: nothing tells it apart.
        let short = short_titles(&["Joint Statement of 2024", "Joint Statement"], &["a.txt", "b.txt"]);
        assert_eq!(short, ["2024", "b"]);
    }

    #[test]
    fn one_document_keeps_its_title_and_long_titles_are_clipped() {
        assert_eq!(short_titles(&["Joint Declaration"], &["a.txt"]), ["Joint Declaration"]);
        let long = "word ".repeat(30);
        let other = "other ".repeat(30);
        let s = short_titles(&[&long, &other], &["a", "b"]);
        assert!(s[0].chars().count() <= MAX_CHARS, "{s:?}");
        assert_eq!(s[0], "word word word word word word");
    }

    #[test]
    fn a_title_without_spaces_is_told_apart_by_its_brackets() {
        // Chinese and Japanese titles have no spaces; their brackets still part words.
        let short = short_titles(
            &["日本国とモンゴル国の共同声明", "日本国とモンゴル国の共同声明（2024年）"],
            &["a.txt", "b.txt"],
        );
        assert_eq!(short, ["a", "2024年"]);
    }

    #[test]
    fn same_short_titles_fall_back_to_file_names() {
        let short =
            short_titles(&["Statement A 2024", "Statement A 2024 ", "Statement B"], &["x.txt", "y.txt", "z.txt"]);
        assert_eq!(short, ["x", "y", "B"]);
    }
}
