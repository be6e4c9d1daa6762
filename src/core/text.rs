//! Words: tokenising, spelling normalisation and stemming, shared by theme
//! classification and alignment so both see a sentence the same way.

use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use std::thread::LocalKey;

/// A word of a sentence as the engine compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased, spelling-normalised word (`favourable` → `favorable`).
    pub word: String,
    /// Its stem (`investments` → `invest`).
    pub stem: String,
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        &self.word
    }
}

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Whether `c` is a Chinese character or Japanese kana: scripts written without spaces
/// between words, where each character is taken as a word of its own (as search
/// engines index them), so that `贸易` and `双边贸易` share words and a difference
/// is marked character by character rather than clause by clause.
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x3096      // hiragana
        | 0x30A1..=0x30FA    // katakana (not the middle dot `・`, which is punctuation)
        | 0x30FC..=0x30FF    // the prolonged sound mark and iteration marks
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B–F and supplement
}

/// Splits `text` into lower-case word tokens.
///
/// Hyphens and dashes separate words (`Baku-Tbilisi-Kars` and `Baku–Tbilisi–Kars` give
/// the same tokens), dotted acronyms become one word (`U.N.` → `un`), a possessive
/// `'s` is dropped, and numbers keep their inner separators (`1.5`, `50,000` → `50000`).
/// Each Chinese character or kana is a word ([`is_ideograph`]).
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let after_next = chars.get(i + 2).copied().unwrap_or(' ');
        if is_ideograph(c) {
            push_word(&mut cur, &mut out);
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if c == '.' && prev.is_alphanumeric() && next.is_alphanumeric() {
            cur.push('.');
        } else if c == ',' && prev.is_ascii_digit() && next.is_ascii_digit() {
            // a thousands separator: `50,000` is one number
        } else if let Some(resume) = line_end_hyphen(&chars, i) {
            // a word broken at the end of a line (`includ-` / `ing`): one word
            i = resume;
            continue;
        } else if matches!(c, '\'' | '’') && matches!(next, 's' | 'S') && !after_next.is_alphanumeric() {
            // a possessive `'s`: dropped
            push_word(&mut cur, &mut out);
            i += 1;
        } else {
            push_word(&mut cur, &mut out);
        }
        i += 1;
    }
    push_word(&mut cur, &mut out);
    out
}

/// Where the word goes on when the hyphen at `i` breaks it at the end of a line, as text
/// from a printed page does (`includ-` / `ing the method`): a letter in lower case before
/// it, one line break after it, and a letter in lower case to go on with.
fn line_end_hyphen(chars: &[char], i: usize) -> Option<usize> {
    if chars[i] != '-' || !chars.get(i.wrapping_sub(1)).is_some_and(|c| c.is_lowercase()) {
        return None;
    }
    let gap = chars[i + 1..].iter().take_while(|c| c.is_whitespace()).count();
    let breaks = chars[i + 1..i + 1 + gap].iter().filter(|&&c| c == '\n').count();
    let resume = i + 1 + gap;
    (breaks == 1 && chars.get(resume).is_some_and(|c| c.is_lowercase())).then_some(resume)
}

/// Each hyphen between two letters in `text`, as the compound around it: the letters
/// before and after, in lower case (`long-term` → `long-term`; `people-to-people` →
/// `people-to` and `to-people`), with the hyphen written within a line or broken at a
/// line end (`long-` / `term`: then with the byte offset of its one `\n`).
fn hyphens(text: &str) -> Vec<(String, Option<usize>)> {
    let mut out = Vec::new();
    // Only hyphens are looked at (a byte search), so no copy of the text is made.
    for (k, _) in text.match_indices('-') {
        let before = &text[..k];
        if !before.chars().next_back().is_some_and(char::is_alphabetic) {
            continue;
        }
        let rest = &text[k + 1..];
        let gap = rest.len() - rest.trim_start().len();
        let after = &rest[gap..];
        let Some(first) = after.chars().next().filter(|c| c.is_alphabetic()) else { continue };
        let compound = compound_key(before, after);
        if gap == 0 {
            out.push((compound, None));
        } else if before.chars().next_back().is_some_and(char::is_lowercase) && first.is_lowercase() {
            let mut breaks = rest[..gap].match_indices('\n').map(|(b, _)| k + 1 + b);
            if let (Some(at), None) = (breaks.next(), breaks.next()) {
                out.push((compound, Some(at)));
            }
        }
    }
    out
}

/// The compound that a hyphen between `before` (the text up to the hyphen) and `after`
/// (the text after it) would make, as [`learn_compounds`] keys it: `coop` + `eration …`
/// → `coop-eration`.
pub fn compound_key(before: &str, after: &str) -> String {
    let head: Vec<char> = before.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let mut key: String = head.iter().rev().flat_map(|c| c.to_lowercase()).collect();
    key.push('-');
    key.extend(after.chars().take_while(|c| c.is_alphabetic()).flat_map(char::to_lowercase));
    key
}

/// Adds to `known` the compounds that `text` writes within a line (`long-term`), in lower
/// case, for [`compound_breaks`].
pub fn learn_compounds(text: &str, known: &mut HashSet<String>) {
    known.extend(hyphens(text).into_iter().filter(|(_, at)| at.is_none()).map(|(c, _)| c));
}

/// The line breaks inside compounds that a hard wrap broke after their own hyphen (`long-`
/// / `term`), as byte offsets of the `\n`: those where a compound of `known` is broken
/// (written within a line by one of the documents, or a term of the taxonomy:
/// [`learn_compounds`]). Any other line-end hyphen between lower-case letters is a
/// word's, put there by the typesetter (`coop-` / `eration`), and [`words`] joins it. The
/// caller replaces each of these line breaks with [`COMPOUND_BREAK`], byte for byte, so
/// that the words keep their hyphen.
pub fn compound_breaks(text: &str, known: &HashSet<String>) -> Vec<usize> {
    hyphens(text).into_iter().filter_map(|(c, at)| at.filter(|_| known.contains(&c))).collect()
}

/// What stands for the line break of a compound broken after its hyphen (see
/// [`compound_breaks`]): white space of one byte that is no line break, so that neither
/// [`words`] nor [`fold_for_reading`] joins the two parts into one word.
pub const COMPOUND_BREAK: char = '\t';

/// A piece of a document's text as it reads in a cell: white space folded to single
/// spaces, a word broken by a line-end hyphen joined (`coop-` / `eration` →
/// `cooperation`), and a compound broken after its own hyphen ([`COMPOUND_BREAK`], or a
/// capital after the line break: `Trans-` / `Caspian`) joined with it (`long-term`,
/// `Trans-Caspian`). Leading and trailing white space is dropped.
pub fn fold_for_reading(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    let mut skip_to = 0;
    let mut space = false;
    for (i, c) in piece.char_indices() {
        if i < skip_to {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match (c, hyphen_at_line_end(piece, i)) {
            ('-', Some((kind, resume))) => {
                if kind == LineEndHyphen::Compound {
                    out.push('-');
                }
                skip_to = resume;
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whose hyphen ends a line inside a word: see [`hyphen_at_line_end`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEndHyphen {
    /// The typesetter's (`coop-` / `eration`): the word reads without it.
    Word,
    /// A compound's own (`long-` / `term`, marked by [`COMPOUND_BREAK`]; `Trans-` /
    /// `Caspian`, before a capital): the word reads with it.
    Compound,
}

/// Whether the hyphen at byte `i` of `s` ends a line inside a word, whose it is, and
/// where the word goes on: a letter before it, then white space, then a letter. The
/// typesetter's has one line break and lower case on both sides (as [`words`] joins
/// it); a compound's has a [`COMPOUND_BREAK`] and no line break, or one line break and
/// a capital after it. One definition for the word diff, Find and the cells.
pub fn hyphen_at_line_end(s: &str, i: usize) -> Option<(LineEndHyphen, usize)> {
    if s.as_bytes().get(i) != Some(&b'-') {
        return None;
    }
    let before = s[..i].chars().next_back().filter(|c| c.is_alphabetic())?;
    let rest = &s[i + 1..];
    let gap = rest.len() - rest.trim_start().len();
    let (space, after) = (&rest[..gap], rest[gap..].chars().next().filter(|c| c.is_alphabetic())?);
    let breaks = space.matches('\n').count();
    let marked = space.contains(COMPOUND_BREAK);
    let kind = if breaks == 1 && !marked && before.is_lowercase() && after.is_lowercase() {
        LineEndHyphen::Word
    } else if (breaks == 0 && marked && after.is_lowercase()) || (breaks == 1 && after.is_uppercase()) {
        LineEndHyphen::Compound
    } else {
        return None;
    };
    Some((kind, i + 1 + gap))
}

/// Ends the word being built: dotted acronyms lose their dots, decimals stay whole,
/// other dotted runs (`News.Az`) become separate words.
fn push_word(cur: &mut String, out: &mut Vec<String>) {
    let w = std::mem::take(cur);
    if w.is_empty() {
        return;
    }
    if is_dotted_acronym(&w) {
        out.push(w.replace('.', ""));
    } else if w.chars().all(|c| c.is_ascii_digit() || c == '.') || is_figure_with_unit(&w) {
        out.push(w);
    } else {
        out.extend(w.split('.').filter(|p| !p.is_empty()).map(str::to_owned));
    }
}

/// A decimal with a unit written onto it (`4.8bn`, `1.5km`): one word, not `4` and `8bn`.
fn is_figure_with_unit(w: &str) -> bool {
    let Some(k) = w.find(|c: char| !(c.is_ascii_digit() || c == '.')) else { return false };
    let (number, unit) = w.split_at(k);
    number.starts_with(|c: char| c.is_ascii_digit())
        && !number.ends_with('.')
        && number.matches('.').count() <= 1
        && unit.chars().all(char::is_alphabetic)
}

/// Number words: a figure may be written with them (`two billion`), and a heading's
/// number (`Article One`, `PART TWO`).
pub(crate) const NUMBER_WORDS: [&str; 28] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];

/// The position of `twenty` in [`NUMBER_WORDS`]: up to it a word's position is its value,
/// after it the list goes on by tens.
const TWENTY: usize = 20;

/// The value of the number word at position `n` of [`NUMBER_WORDS`].
fn number_word_value(n: usize) -> usize {
    if n <= TWENTY { n } else { (n - TWENTY + 2) * 10 }
}

/// Words of magnitude after a figure, and the short forms written onto one (`1bn`).
const MAGNITUDES: [(&str, &str); 7] = [
    ("hundred", "hundred"),
    ("thousand", "thousand"),
    ("million", "million"),
    ("billion", "billion"),
    ("trillion", "trillion"),
    ("bn", "billion"),
    ("mn", "million"),
];

/// Figures written the same whatever their form, as words (from [`words`]) for comparing:
/// a number word before a magnitude becomes digits (`two billion` → `2 billion`), and a
/// short magnitude written onto a figure its word (`4.8bn` → `4.8 billion`). "The two
/// sides" stays as it is: only a figure's words change.
pub fn figures_as_digits(words: Vec<String>) -> Vec<String> {
    let magnitude = |w: &str| MAGNITUDES.iter().find(|m| m.0 == w).map(|m| m.1);
    let mut out = Vec::with_capacity(words.len());
    let mut it = words.into_iter().peekable();
    while let Some(w) = it.next() {
        if let Some(n) = NUMBER_WORDS.iter().position(|&x| x == w)
            && it.peek().is_some_and(|next| magnitude(next).is_some())
        {
            out.push(number_word_value(n).to_string());
            continue;
        }
        if is_figure_with_unit(&w) {
            let k = w.find(|c: char| c.is_alphabetic()).unwrap_or(w.len());
            if let Some(m) = magnitude(&w[k..]) {
                out.push(w[..k].to_owned());
                out.push(m.to_owned());
                continue;
            }
        }
        out.push(w);
    }
    out
}

fn is_dotted_acronym(w: &str) -> bool {
    w.contains('.') && w.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// British and American spellings of one word become one (`manoeuvres` → `maneuvers`,
/// `favourable` → `favorable`, `organisation` → `organization`, `centre` → `center`).
pub fn normalise_spelling(word: &str) -> String {
    thread_local!(static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new()));
    memo(&CACHE, word, normalise_spelling_uncached)
}

fn normalise_spelling_uncached(word: &str) -> String {
    // `manoeuvre`, `oestrogen`, `diarrhoea`; not `does`, `poet` or `OECD`.
    let mut w = word.replace("oeu", "eu").replace("oea", "ea");
    if let Some(rest) = w.strip_prefix("oe") {
        w = format!("e{rest}");
    }
    if w.len() > 5 {
        w = w.replace("our", "or");
    }
    for (from, to) in
        [("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"), ("tre", "ter"), ("ogue", "og")]
    {
        if w.ends_with(from) && w.len() > from.len() + 2 {
            w.truncate(w.len() - from.len());
            w.push_str(to);
            break;
        }
    }
    w
}

/// The stem of a normalised word.
pub fn stem(word: &str) -> String {
    thread_local!(static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new()));
    memo(&CACHE, word, |w| stemmer().stem(w).into_owned())
}

/// Distinct words a thread remembers the result of a word function for, before it
/// forgets them all: a language's vocabulary fits many times over.
const MEMO_WORDS: usize = 200_000;

/// Longer words are worked out each time, not remembered: a file of long runs without
/// spaces must not fill the memory a vocabulary needs.
const MEMO_MAX_WORD_BYTES: usize = 64;

/// `f(word)`, remembered per thread: a corpus says the same few thousand words millions
/// of times, and spelling normalisation and Snowball stemming were a third of the time
/// spent reading 1,000 declarations.
fn memo(
    cache: &'static LocalKey<RefCell<HashMap<String, String>>>,
    word: &str,
    f: impl FnOnce(&str) -> String,
) -> String {
    if word.len() > MEMO_MAX_WORD_BYTES {
        return f(word);
    }
    cache.with(|c| {
        if let Some(v) = c.borrow().get(word) {
            return v.clone();
        }
        let v = f(word);
        let mut c = c.borrow_mut();
        if c.len() >= MEMO_WORDS {
            c.clear();
        }
        c.insert(word.to_owned(), v.clone());
        v
    })
}

/// The stem a theme term is matched on: [`stem`], except for the words of
/// [`OVERSTEMMED`], which keep a stem of their own.
fn theme_stem(word: &str) -> String {
    thread_local!(static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new()));
    memo(&CACHE, word, theme_stem_uncached)
}

fn theme_stem_uncached(word: &str) -> String {
    match OVERSTEMMED.iter().find(|(w, _)| *w == word) {
        Some(&(_, own)) => own.to_owned(),
        None => stem(word),
    }
}

/// Words that Snowball cuts down to the stem of a word of another meaning, each with a
/// stem of its own: "the importance of" is not about imports, an energy *transition*
/// is not *transit*, *productivity* and *production* are not traded *products*, a *fair*
/// deal is not a trade *fair*, *renewed* ties are not *renewable* energy, *good*
/// governance is not *goods*, *internal* affairs are not *international* ones, the
/// *private* sector is not *privatization*, *intelligent* transport is not
/// *intelligence*, *hospitality* (and a *hospitable* welcome) is not *hospitals*,
/// *universal* values are not *universities*, *fruitful* talks are not *fruit*, to
/// *observe* a principle is not what *observers* say, nor is *expertise* what *experts*
/// say, people-to-people *connections* are
/// not *connectivity*, flights between *capitals* are not *capital*, *natural* gas is not
/// *nature*, *initial* steps are not *initiatives*, clearing *mines* is not *mining*, to
/// *terminate* an agreement is not a port *terminal*, *consultants* are not
/// *consultations* between governments, what a Party *accords to* firms is not news
/// *according to* officials, to take *effective* action is not to *take effect*, a
/// chance to *comment* on draft laws is not what *commentators* say, and *extreme*
/// weather is not *extremism*. Declarations use these words in every other
/// paragraph, so each collision put false evidence for a theme into many sentences.
/// Alignment keeps the plain stems (cross-validated, its F1 is 0.004 lower with these).
const OVERSTEMMED: &[(&str, &str)] = &[
    ("important", "importan"),
    ("importance", "importan"),
    ("importantly", "importan"),
    ("unimportant", "importan"),
    ("transition", "transition"),
    ("transitions", "transition"),
    ("transitional", "transition"),
    ("production", "production"),
    ("productions", "production"),
    ("productive", "productiv"),
    ("productivity", "productiv"),
    ("fairly", "fairness"),
    ("fairness", "fairness"),
    ("fairs", "fairs"),
    ("renewable", "renewable"),
    ("renewables", "renewable"),
    ("natural", "natural"),
    ("naturally", "natural"),
    ("hospitality", "hospitality"),
    ("hospitable", "hospitality"),
    ("universal", "universal"),
    ("universally", "universal"),
    ("fruitful", "fruitful"),
    ("fruitfully", "fruitful"),
    ("observer", "observer"),
    ("observers", "observer"),
    ("expertize", "expertize"),
    ("private", "private"),
    ("privately", "private"),
    ("initial", "initial"),
    ("initially", "initial"),
    ("internal", "internal"),
    ("intelligent", "intelligent"),
    ("capitals", "capitals"),
    ("goods", "goods"),
    ("connectivity", "connectivity"),
    ("mining", "mining"),
    ("terminal", "terminal"),
    ("terminals", "terminal"),
    ("consultant", "consultant"),
    ("consultants", "consultant"),
    ("consultancy", "consultant"),
    ("according", "according"),
    ("effective", "effective"),
    ("effectively", "effective"),
    ("effectiveness", "effective"),
    ("commentator", "commentator"),
    ("commentators", "commentator"),
    ("extreme", "extreme"),
    ("extremes", "extreme"),
    ("extremely", "extreme"),
];

/// Tokenises, normalises and stems `text`, for matching theme terms: the words whose
/// Snowball stem collides with a word of another meaning keep a stem of their own.
pub fn tokens(text: &str) -> Vec<Token> {
    words(text)
        .into_iter()
        .map(|w| {
            let word = normalise_spelling(&w);
            let stem = theme_stem(&word);
            Token { word, stem }
        })
        .collect()
}

/// Words too common in declarations to say anything about a commitment.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Sorted list of stop words (checked by a test).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "across",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "both",
    "but",
    "by",
    "can",
    "continue",
    "could",
    "do",
    "each",
    "either",
    "every",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "importance",
    "important",
    "importantly",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "more",
    "most",
    "neither",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "one",
    "or",
    "other",
    "our",
    "over",
    "own",
    "parties",
    "party",
    "per",
    "same",
    "shall",
    "she",
    "should",
    "side",
    "sides",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "two",
    "under",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whose",
    "will",
    "with",
    "within",
    "would",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_words_give_what_working_them_out_gives() {
        let words = ["organisations", "importance", "imports", "favourable", "centre", "transition", "transit"];
        let fresh: Vec<(String, String)> =
            words.iter().map(|w| (normalise_spelling_uncached(w), theme_stem_uncached(w))).collect();
        // Twice over, interleaved: the second round comes from the cache.
        for _ in 0..2 {
            for (w, (spelling, theme)) in words.iter().zip(&fresh) {
                assert_eq!(&normalise_spelling(w), spelling, "{w}");
                assert_eq!(&theme_stem(w), theme, "{w}");
                assert_eq!(stem(w), stemmer().stem(w), "{w}");
            }
        }
        assert_eq!(theme_stem("importance"), "importan");
        assert_eq!(theme_stem("imports"), "import");
    }

    #[test]
    fn british_spelling_is_met_but_does_and_poet_keep_their_letters() {
        assert_eq!(normalise_spelling("manoeuvre"), normalise_spelling("maneuvre"));
        assert_eq!(normalise_spelling("oestrogen"), "estrogen");
        assert_eq!(normalise_spelling("does"), "does");
        assert_eq!(normalise_spelling("poet"), "poet");
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_one_word() {
        assert_eq!(words("the method of levy-\ning duties"), ["the", "method", "of", "levying", "duties"]);
        assert_eq!(words("estab-\r\n   lishment"), ["establishment"]);
        // A hyphen inside a line, a paragraph break, or a capital after the break: no join.
        assert_eq!(words("well-known"), ["well", "known"]);
        assert_eq!(words("trade-\n\nwise"), ["trade", "wise"]);
        assert_eq!(words("Baku-\nTbilisi"), ["baku", "tbilisi"]);
    }

    #[test]
    fn a_compound_broken_after_its_hyphen_keeps_it_where_the_document_writes_it_so() {
        let t = "They agreed on long-term loans and non-tariff measures.\nLong-\nterm cooperation on non-\ntariff barriers needs coop-\neration and well-\nknown rules.";
        let mut known = HashSet::new();
        learn_compounds(t, &mut known);
        assert_eq!(known, HashSet::from(["long-term".to_owned(), "non-tariff".to_owned()]));
        let breaks = compound_breaks(t, &known);
        // `long-term` and `non-tariff` are written within a line; `coop-eration` and
        // `well-known` are not, so their hyphens are the typesetter's.
        let at = |w: &str| t.rfind(w).unwrap() + w.len();
        assert_eq!(breaks, vec![at("Long-"), at("non-")]);
        let mut marked = t.to_owned();
        for b in breaks {
            marked.replace_range(b..b + 1, &COMPOUND_BREAK.to_string());
        }
        assert_eq!(marked.len(), t.len());
        assert_eq!(
            words(&marked)[10..],
            [
                "long",
                "term",
                "cooperation",
                "on",
                "non",
                "tariff",
                "barriers",
                "needs",
                "cooperation",
                "and",
                "wellknown",
                "rules"
            ]
        );
        // As a cell reads them.
        assert_eq!(
            fold_for_reading(&marked[t.find("Long").unwrap()..]),
            "Long-term cooperation on non-tariff barriers needs cooperation and wellknown rules."
        );
        assert_eq!(fold_for_reading("  the  Parties\n  agree "), "the Parties agree");
        assert_eq!(
            fold_for_reading("Baku-\nTbilisi and trade-\n\nwise, tariffs -\nlow"),
            "Baku-Tbilisi and trade- wise, tariffs - low"
        );
    }

    #[test]
    fn each_chinese_character_or_kana_is_a_word() {
        assert_eq!(words("双边贸易2030年"), ["双", "边", "贸", "易", "2030", "年"]);
        assert_eq!(words("ASEANと協力"), ["asean", "と", "協", "力"]);
        assert_eq!(words("エネルギー・協力"), ["エ", "ネ", "ル", "ギ", "ー", "協", "力"], "`・` is punctuation");
        assert_eq!(words("Baku-Tbilisi"), ["baku", "tbilisi"], "other scripts keep their words");
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("the") && !is_stopword("trade"));
    }

    #[test]
    fn a_figure_reads_the_same_in_words_digits_or_short_form() {
        let f = |s: &str| figures_as_digits(words(s));
        assert_eq!(f("double trade to two billion dollars"), f("double trade to 2 billion dollars"));
        assert_eq!(f("a cost of 4.8bn dollars"), vec!["a", "cost", "of", "4.8", "billion", "dollars"]);
        assert_eq!(f("approx. $1bn"), f("approx. 1 billion"));
        assert_eq!(f("forty thousand tonnes"), vec!["40", "thousand", "tonnes"]);
        assert_eq!(f("ninety million"), vec!["90", "million"]);
        assert_eq!(f("twenty billion"), vec!["20", "billion"]);
        // Only a figure's words change.
        assert_eq!(f("the two sides"), vec!["the", "two", "sides"]);
        // A decimal with a unit is one word, not two.
        assert_eq!(words("4.8bn and 1.5km"), vec!["4.8bn", "and", "1.5km"]);
    }

    #[test]
    fn hyphens_and_en_dashes_give_the_same_words() {
        assert_eq!(words("Baku-Tbilisi-Kars"), words("Baku–Tbilisi–Kars"));
        assert_eq!(words("Baku–Tbilisi–Kars"), vec!["baku", "tbilisi", "kars"]);
    }

    #[test]
    fn acronyms_numbers_and_possessives() {
        assert_eq!(
            words("the U.N. and China's USD 1.5 billion, 50,000 TEU"),
            vec!["the", "un", "and", "china", "usd", "1.5", "billion", "50000", "teu"]
        );
    }

    #[test]
    fn british_and_american_spellings_meet() {
        assert_eq!(normalise_spelling("manoeuvres"), normalise_spelling("maneuvres").replace("tre", "ter"));
        assert_eq!(stem(&normalise_spelling("favourable")), stem(&normalise_spelling("favorable")));
        assert_eq!(stem(&normalise_spelling("organisation")), stem(&normalise_spelling("organization")));
    }
}
