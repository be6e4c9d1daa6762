//! Theme classification: a score per theme for every segment, with the evidence.
//!
//! A segment's own words count first: every taxonomy term found in it adds its weight
//! to its theme (longest phrase wins, figures of speech from the taxonomy's `ignore`
//! list are skipped, and terms after `including`, `through`, `via`, `notably` or `e.g.`, which
//! give examples or means, count half). Then context, as a reader uses it: the heading the segment stands
//! under, what the rest of its section is about, and its neighbours in the same
//! paragraph add a share of their own scores. The
//! primary theme is the best score; with no evidence at all it is the fallback theme.
//! Reported speech (a quotation, what commentators say) and dated history that commits
//! to nothing are news framing: their primary theme is the fallback, and the theme their
//! words name is kept as their `subject`; as context for their neighbours and section
//! they count as the fallback theme too. A term that is no more than one of the
//! document's own parties' names (the EU in its own statements) counts for no theme.
//! Every contribution is kept as [`Evidence`], so the window can say *why*.

use crate::core::parties::Parties;
use crate::core::taxonomy::Taxonomy;
use crate::core::text;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// How much the heading's themes count, relative to the sentence's own words.
const HEADING_WEIGHT: f32 = 1.0;
/// How much the neighbouring sentences' themes count.
const NEIGHBOUR_WEIGHT: f32 = 0.35;
/// How much what the rest of the section is about counts. Chosen by leave-one-group-out
/// on the six dev groups from 0.1–1.0: up to 0.5 no group loses, above it one does.
const SECTION_WEIGHT: f32 = 0.5;
/// How much a term counts once the sentence has turned to examples or means ("…
/// cooperation in the health sector through research, investment in human capital
/// and …"): the head of the sentence states the commitment, the rest elaborates it.
/// Chosen on the six dev groups from 0.3–1.0 (0.3, 0.4, 0.5, 0.6, 0.7, 1.0): 0.4 has
/// the best mean (0.958; 0.956 at 0.5, 0.953 at 0.3, 0.950 at 1.0), and from 0.4 to 0.7
/// no group loses against 1.0. Not proven by leave-one-group-out: the fold without
/// `trade-americas` picks 0.3, the one without `us-vietnam-indonesia` ties 0.4–0.7, and
/// the cross-validated mean is 0.949–0.952 (as the tie is broken), against 0.950 with
/// no discount.
const ADJUNCT_WEIGHT: f32 = 0.4;
/// Words that turn a sentence to examples or means (see [`ADJUNCT_WEIGHT`]), or to the
/// occasion ("met in New York on the margins of the U.N. General Assembly": the meeting
/// is not about the UN).
const ADJUNCT_MARKERS: [&str; 7] = ["including", "through", "via", "notably", "eg", "margins", "sidelines"];
/// How much framing (reported speech, history) counts for the fallback theme, as a
/// multiple of all the sentence's other evidence: enough to make it the primary theme
/// (at least two thirds of the scores), while the themes the words name stay as
/// secondary ones.
const FRAMING_WEIGHT: f32 = 2.0;
/// Who comments on an event in a news report rather than acting in it. Officials are
/// not among them: "officials said the declaration commits the two sides to …" reports
/// a commitment.
const COMMENTATORS: [&str; 23] = [
    "activist",
    "activists",
    "analyst",
    "analysts",
    "campaigner",
    "campaigners",
    "commentator",
    "commentators",
    "critic",
    "critics",
    "diplomat",
    "diplomats",
    "economist",
    "economists",
    "expert",
    "experts",
    "groups",
    "lawmaker",
    "lawmakers",
    "legislator",
    "legislators",
    "observer",
    "observers",
];
/// Verbs of saying that attribute the sentence to its subject.
const SAYING: [&str; 17] = [
    "accused",
    "argue",
    "argued",
    "argues",
    "believe",
    "believes",
    "cautioned",
    "complained",
    "criticised",
    "criticized",
    "noted",
    "said",
    "say",
    "says",
    "told",
    "warn",
    "warned",
];
/// Verbs that attribute the quoted words in a sentence to a speaker (`SAYING` are those
/// that attribute a whole sentence to commentators).
const QUOTING: [&str; 6] = ["described", "describes", "said", "says", "told", "tells"];
/// How old an event must be, in years before the latest year its document names, for a
/// sentence that dates it and takes no position to be history: a news report's
/// background ("The two countries established diplomatic relations in 1972"), not this
/// visit's events or the targets it sets ("trade of AUD 25 billion by 2025" beside a
/// 2030 goal). Every value from 10 to 15 marks the same dev and own sentences; 5 also
/// marks a trade goal of the document before.
const HISTORY_YEARS: u32 = 10;
/// Words that take a position or state a commitment: a sentence with one of them is not
/// history, whatever it dates ("reaffirmed the value of the Fulbright Program,
/// established in 1948"). Matched as the start of a word (`welcom` → welcomed, welcoming).
const STANCE_STARTS: [&str; 47] = [
    "accept",
    "acknowledg",
    "affirm",
    "agree",
    "aim",
    "announc",
    "applaud",
    "appreciat",
    "call",
    "commit",
    "confirm",
    "continu",
    "decid",
    "deepen",
    "discuss",
    "emphasi",
    "exchang",
    "expand",
    "express",
    "highlight",
    "hope",
    "intend",
    "invit",
    "launch",
    "look",
    "note",
    "noting",
    "plan",
    "pledg",
    "prais",
    "promot",
    "reaffirm",
    "recall",
    "recogni",
    "seek",
    "sign",
    "strengthen",
    "stress",
    "support",
    "underlin",
    "underscor",
    "urg",
    "vow",
    "welcom",
    "will",
    "shall",
    "believ",
];
/// Documents in the plural, as a record of what a visit signed names them.
const SIGNED_DOCUMENTS: [&str; 8] =
    ["agreements", "documents", "instruments", "memoranda", "memorandums", "mous", "accords", "protocols"];
/// Words that open the list of fields those documents cover.
const FIELDS_LIST: [&str; 6] =
    ["covering", "in the fields of", "in the areas of", "in the spheres of", "on everything from", "ranging from"];
/// The fewest fields that make a list of them an agenda rather than a subject.
const MIN_LISTED_FIELDS: usize = 3;
/// Modal verbs that state what is to be done (matched whole and in lower case: `can` is
/// not `candidacy`, `May` is a month).
const MODALS: [&str; 5] = ["can", "may", "must", "should", "would"];
/// How much a run-in label (`Agricultural Market Access:`) counts: it names the item the
/// way a heading names a section, for the labelled sentence and the rest of its item.
const LABEL_WEIGHT: f32 = 1.0;

/// Where a piece of evidence was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceSource {
    /// In the segment itself.
    Sentence,
    /// In the heading of its section, or in the run-in label of its item.
    Heading,
    /// In the sentences before and after it in the same paragraph.
    Neighbours,
    /// In the other sentences of its section.
    Section,
}

/// One reason for a theme score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index of the theme in the taxonomy.
    pub theme: usize,
    /// The taxonomy term that matched (or a summary for context). Borrowed for the fixed
    /// labels of context, which every segment has: a corpus of 300,000 segments keeps
    /// millions of them.
    pub term: Cow<'static, str>,
    /// What it added to the theme's score.
    pub weight: f32,
    /// Where it was found.
    pub source: EvidenceSource,
}

/// The classification of one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// Index of the primary theme.
    pub theme: usize,
    /// The theme its words and context name: the primary theme, except for reported
    /// speech ([`is_reported_speech`]), whose primary theme is the fallback. The aligner
    /// compares sentences by it: two quotations are not alike for being quotations.
    pub subject: usize,
    /// Normalised scores (summing to 1), highest first; only themes with a score.
    pub scores: Vec<(usize, f32)>,
    /// Why.
    pub evidence: Vec<Evidence>,
}

/// Raw term scores of a piece of text: one score per theme, plus evidence.
pub fn term_scores(taxonomy: &Taxonomy, text: &str) -> (Vec<f32>, Vec<Evidence>) {
    term_scores_for(taxonomy, text, &Parties::default())
}

/// [`term_scores`] for a document whose parties are `parties`: a term that is no more
/// than a party's name says who acts, not what a sentence is about, and counts for no
/// theme ("the European Union" in the EU's own trade statements is no multilateral
/// evidence), nor does a term made of the parties' names alone; a longer term that
/// holds a name ("the one-China principle") counts.
fn term_scores_for(taxonomy: &Taxonomy, text: &str, parties: &Parties) -> (Vec<f32>, Vec<Evidence>) {
    let tokens = text::tokens(text);
    let own = parties.spans(&tokens);
    // Where the examples and means begin: terms from there on weigh less.
    // Not the first word: "Through joint efforts, trade grew" has no head before it.
    let adjunct_from =
        tokens.iter().skip(1).position(|t| ADJUNCT_MARKERS.contains(&t.word.as_str())).map_or(usize::MAX, |k| k + 1);
    let stems: Vec<String> = tokens.into_iter().map(|t| t.stem).collect();
    let mut blocked = vec![false; stems.len()];
    // Where an ignored phrase stands: a theme that lists the phrase itself as a term
    // still counts it there ("business environment" is investment, and its
    // "environment" no evidence for the environment).
    let mut ignored: Vec<std::ops::Range<usize>> = Vec::new();
    for phrase in &taxonomy.ignore {
        for start in find_all(&stems, phrase) {
            blocked[start..start + phrase.len()].iter_mut().for_each(|b| *b = true);
            ignored.push(start..start + phrase.len());
        }
    }
    let mut scores = vec![0.0f32; taxonomy.themes.len()];
    let mut evidence = Vec::new();
    // Every (theme, term, start) that matches, found through the first-stem index.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for (start, stem) in stems.iter().enumerate() {
        for &(ti, k) in taxonomy.by_first_stem.get(stem).map_or(&[][..], Vec::as_slice) {
            let term = &taxonomy.themes[ti].terms[k];
            if stems[start..].starts_with(&term.stems) {
                hits.push((ti, k, start));
            }
        }
    }
    // Longest terms first, so `transport corridor` is counted once, not three times.
    hits.sort_by_key(|&(ti, k, start)| (ti, std::cmp::Reverse(taxonomy.themes[ti].terms[k].stems.len()), k, start));
    let mut used = blocked.clone();
    let mut current_theme = usize::MAX;
    for (ti, k, start) in hits {
        if ti != current_theme {
            current_theme = ti;
            used.clone_from(&blocked);
        }
        let term = &taxonomy.themes[ti].terms[k];
        let span = start..start + term.stems.len();
        // The term is an ignored phrase where it stands, and no longer term of this
        // theme has taken its words already: it counts, though its words are blocked.
        let named_phrase =
            ignored.contains(&span) && !used[span.clone()].iter().zip(&blocked[span.clone()]).any(|(u, b)| *u && !*b);
        if !named_phrase && used[span.clone()].iter().any(|u| *u) {
            continue;
        }
        // A party's own name, or its parties' names together ("China–Central Asia" in
        // their summit's declaration), says who acts; a longer term that holds a name
        // ("one China") still counts.
        if span.clone().all(|w| own.iter().any(|&(s, n)| s <= w && w < s + n)) {
            continue;
        }
        used[span].iter_mut().for_each(|u| *u = true);
        let weight = if start >= adjunct_from { term.weight * ADJUNCT_WEIGHT } else { term.weight };
        scores[ti] += weight;
        evidence.push(Evidence {
            theme: ti,
            term: Cow::Owned(term.text.clone()),
            weight,
            source: EvidenceSource::Sentence,
        });
    }
    (scores, evidence)
}

fn find_all(hay: &[String], needle: &[String]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len()).filter(|&i| hay[i..i + needle.len()] == *needle).collect()
}

fn normalised(v: &[f32]) -> Vec<f32> {
    let sum: f32 = v.iter().sum();
    if sum <= 0.0 { vec![0.0; v.len()] } else { v.iter().map(|x| x / sum).collect() }
}

/// Input for classifying one document's segments in context.
pub struct SegmentContext<'a> {
    /// The segment's text.
    pub text: &'a str,
    /// The heading it stands under, if any.
    pub heading: Option<&'a str>,
    /// Its paragraph number (neighbours are taken within the paragraph).
    pub paragraph: usize,
    /// Its run-in label or paragraph number (`Digital Trade:`, `28.`), if any. A label
    /// with words also names the segments after it in the same paragraph.
    pub label: Option<&'a str>,
}

/// The worded run-in label that names each segment: its own, or the one that opened
/// its paragraph (a labelled bullet's later sentences stand under the same label).
fn item_labels<'a>(segments: &[SegmentContext<'a>]) -> Vec<Option<&'a str>> {
    let mut out = Vec::with_capacity(segments.len());
    let mut current: Option<(usize, &'a str)> = None;
    for seg in segments {
        if let Some(l) = seg.label.filter(|l| l.chars().any(char::is_alphabetic)) {
            current = Some((seg.paragraph, l));
        } else if current.is_some_and(|(p, _)| p != seg.paragraph) || seg.label.is_some() {
            current = None;
        }
        out.push(current.map(|(_, l)| l));
    }
    out
}

/// Classifies the segments of one document, in order.
pub fn classify_document(taxonomy: &Taxonomy, segments: &[SegmentContext<'_>]) -> Vec<Classification> {
    classify_document_of(taxonomy, segments, &Parties::default())
}

/// [`classify_document`] for a document whose parties are `parties`: their names count
/// for no theme (as `term_scores_for` reads them).
pub fn classify_document_of(
    taxonomy: &Taxonomy,
    segments: &[SegmentContext<'_>],
    parties: &Parties,
) -> Vec<Classification> {
    let own: Vec<(Vec<f32>, Vec<Evidence>)> =
        segments.iter().map(|s| term_scores_for(taxonomy, s.text, parties)).collect();
    let mut heading_cache: Vec<(Option<&str>, Vec<f32>, Vec<Evidence>)> = Vec::new();
    let labels = item_labels(segments);
    let mut label_cache: Option<(&str, Vec<f32>, Vec<Evidence>)> = None;
    let n_themes = taxonomy.themes.len();
    let latest_year = segments.iter().flat_map(|s| years(s.text)).max();
    let framing: Vec<Option<&'static str>> = segments.iter().map(|s| framing_of(s.text, latest_year)).collect();
    // What a segment tells its neighbours and its section it is about: framing (reported
    // speech, history) is about nothing the document commits to, whatever it mentions.
    let context_of = |j: usize| -> Vec<f32> {
        if framing[j].is_some() {
            let mut v = vec![0.0; taxonomy.themes.len()];
            v[taxonomy.fallback] = 1.0;
            v
        } else {
            normalised(&own[j].0)
        }
    };
    // What each section is about: the sum of its segments' own (normalised) scores.
    let mut run_of = vec![usize::MAX; segments.len()];
    let mut runs: Vec<Vec<f32>> = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        if seg.heading.is_none() {
            continue;
        }
        if i == 0 || segments[i - 1].heading != seg.heading {
            runs.push(vec![0.0; n_themes]);
        }
        let run = runs.len() - 1;
        run_of[i] = run;
        for (t, w) in context_of(i).iter().enumerate() {
            runs[run][t] += w;
        }
    }
    let mut out = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let (own_scores, own_evidence) = &own[i];
        let mut scores = own_scores.clone();
        let mut evidence = own_evidence.clone();
        // Context from the rest of its section: what the other sentences under the
        // same heading are about, whether or not the heading's own words name a theme
        // ("Both sides welcomed the Mekong – U.S. Partnership" under a heading on
        // regional issues is about the region).
        if let Some(&run) = run_of.get(i).filter(|r| **r != usize::MAX) {
            let mine = context_of(i);
            let rest: Vec<f32> = runs[run].iter().zip(&mine).map(|(r, m)| (r - m).max(0.0)).collect();
            for (t, w) in normalised(&rest).iter().enumerate() {
                if *w > 0.0 {
                    scores[t] += SECTION_WEIGHT * w;
                    evidence.push(Evidence {
                        theme: t,
                        term: Cow::Borrowed("the rest of its section"),
                        weight: SECTION_WEIGHT * w,
                        source: EvidenceSource::Section,
                    });
                }
            }
        }
        // Context from the heading.
        if let Some(h) = seg.heading {
            if heading_cache.last().is_none_or(|c| c.0 != Some(h)) {
                let (s, e) = term_scores_for(taxonomy, h, parties);
                heading_cache.push((Some(h), s, e));
            }
            if let Some((_, hs, he)) = heading_cache.last() {
                let hn = normalised(hs);
                for (t, w) in hn.iter().enumerate() {
                    if *w > 0.0 {
                        scores[t] += HEADING_WEIGHT * w;
                        let terms: Vec<&str> = he.iter().filter(|e| e.theme == t).map(|e| e.term.as_ref()).collect();
                        evidence.push(Evidence {
                            theme: t,
                            term: Cow::Owned(format!("heading “{h}” ({})", terms.join(", "))),
                            weight: HEADING_WEIGHT * w,
                            source: EvidenceSource::Heading,
                        });
                    }
                }
            }
        }
        // Context from the run-in label of the item.
        if let Some(l) = labels[i] {
            if label_cache.as_ref().is_none_or(|c| c.0 != l) {
                let (s, e) = term_scores_for(taxonomy, l, parties);
                label_cache = Some((l, s, e));
            }
            if let Some((_, ls, le)) = &label_cache {
                for (t, w) in normalised(ls).iter().enumerate() {
                    if *w > 0.0 {
                        scores[t] += LABEL_WEIGHT * w;
                        let terms: Vec<&str> = le.iter().filter(|e| e.theme == t).map(|e| e.term.as_ref()).collect();
                        evidence.push(Evidence {
                            theme: t,
                            term: Cow::Owned(format!("label “{l}” ({})", terms.join(", "))),
                            weight: LABEL_WEIGHT * w,
                            source: EvidenceSource::Heading,
                        });
                    }
                }
            }
        }
        // Context from neighbours in the same paragraph.
        let mut neighbour = vec![0.0f32; n_themes];
        let mut count = 0.0;
        for j in [i.wrapping_sub(1), i + 1] {
            if segments.get(j).is_some_and(|nb| nb.paragraph == seg.paragraph) {
                for (t, w) in context_of(j).iter().enumerate() {
                    neighbour[t] += w;
                }
                count += 1.0;
            }
        }
        if count > 0.0 {
            for (t, w) in neighbour.iter().enumerate() {
                let add = NEIGHBOUR_WEIGHT * w / count;
                if add > 0.0 {
                    scores[t] += add;
                    evidence.push(Evidence {
                        theme: t,
                        term: Cow::Borrowed("neighbouring sentences"),
                        weight: add,
                        source: EvidenceSource::Neighbours,
                    });
                }
            }
        }
        let subject = decide(taxonomy, &scores, Vec::new()).theme;
        if let Some(term) = framing[i] {
            let others: f32 = scores.iter().sum();
            let weight = FRAMING_WEIGHT * others.max(1.0);
            scores[taxonomy.fallback] += weight;
            evidence.push(Evidence {
                theme: taxonomy.fallback,
                term: Cow::Borrowed(term),
                weight,
                source: EvidenceSource::Sentence,
            });
        }
        out.push(Classification { subject, ..decide(taxonomy, &scores, evidence) });
    }
    out
}

/// Why a sentence is news framing, if it is: reported speech or history (`latest_year`
/// is the latest year its document names).
fn framing_of(text: &str, latest_year: Option<u32>) -> Option<&'static str> {
    if is_reported_speech(text) {
        Some("reported speech (a quotation, or what commentators say)")
    } else if latest_year.is_some_and(|latest| is_history(text, latest)) {
        Some("history (a past event, dated, with no commitment)")
    } else if is_signing_record(text) {
        Some("a record of documents signed, by their fields")
    } else {
        None
    }
}

/// Whether a sentence reports what someone says about the event rather than stating a
/// commitment: it opens with a quotation ("“Kazakhstan is Hungary’s most important
/// partner …,” Mr. Orbán said"), or commentators say it ("Analysts said the summit
/// confirmed …"). In a news report such framing is `general`, whatever it mentions.
pub fn is_reported_speech(text: &str) -> bool {
    if text.trim_start().starts_with(['“', '"', '«', '„']) {
        return true;
    }
    // Someone's words quoted in the sentence, with a verb of saying: "Lee said
    // cooperation would now “go beyond energy”", "described Korea as “a reliable partner”".
    if text.contains(['“', '"', '«', '„']) {
        let words = text::words(text);
        // "the said Agreement" is a lawyer's adjective, not a verb; and a treaty's
        // "the assets described in Annex I" describes nothing as anything.
        let saying = |k: usize| {
            let w = words[k].as_str();
            let describes_as = !w.starts_with("describ") || words[k + 1..].iter().take(4).any(|v| v == "as");
            QUOTING.contains(&w) && (k == 0 || words[k - 1] != "the") && describes_as
        };
        if (0..words.len()).any(saying) {
            return true;
        }
    }
    // Most sentences name no commentator: a scan of the bytes spares them the words.
    let bytes = text.as_bytes();
    let names = |stem: &str| bytes.windows(stem.len()).any(|w| w.eq_ignore_ascii_case(stem.as_bytes()));
    // Singulars find their plurals too; a plural alone in the list ("groups": a working
    // group that notes is no commentator) is looked for itself.
    let alone = |c: &str| c.strip_suffix('s').is_none_or(|one| !COMMENTATORS.contains(&one));
    if !COMMENTATORS.iter().any(|c| alone(c) && names(c)) {
        return false;
    }
    // The commentators say it within one clause: in "… exchange experts in agriculture,
    // officials said" the experts are the commitment's, and officials speak.
    text.split([',', ';', ':', '—']).any(|clause| {
        let words = text::words(clause);
        words.iter().enumerate().any(|(k, w)| {
            COMMENTATORS.contains(&w.as_str())
                && (words[k + 1..].iter().any(|v| SAYING.contains(&v.as_str()))
                    || k > 1 && words[k - 2] == "according" && words[k - 1] == "to")
        })
    })
}

/// Whether a sentence records the documents a visit signed by the fields they cover
/// ("15 documents were signed during the visit, covering trade, energy, transport,
/// agriculture, education and security"; "signed cooperation documents in the fields of
/// trade, transport, finance …"): the visit's output, whose fields are its agenda, not the
/// sentence's subject. It signs documents in the plural (`SIGNED_DOCUMENTS`) and lists at
/// least `MIN_LISTED_FIELDS` fields after one of `FIELDS_LIST`. One memorandum "covering
/// the exploration, extraction, processing and recycling of rare earths" has a subject.
fn is_signing_record(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let signs = words.iter().any(|w| matches!(*w, "signed" | "signing"));
    if !signs || !words.iter().any(|w| SIGNED_DOCUMENTS.contains(w)) {
        return false;
    }
    FIELDS_LIST.iter().any(|marker| {
        lower.find(marker).is_some_and(|at| {
            let list = &lower[at + marker.len()..];
            let list = list.split(['.', ';', '—']).next().unwrap_or("");
            let items = list.split(',').filter(|i| !i.trim().is_empty()).count()
                + usize::from(list.split(',').next_back().is_some_and(|last| last.contains(" and ")));
            items >= MIN_LISTED_FIELDS
        })
    })
}

/// Whether a sentence recounts history: it dates an event at least `HISTORY_YEARS` (10 years)
/// before `latest_year` (the latest year its document names) and neither takes a
/// position nor states a commitment (`STANCE_STARTS`, `MODALS`). In a news report
/// such background ("Japan and Mongolia established diplomatic relations in 1972") is
/// `general`, whatever it mentions.
pub fn is_history(text: &str, latest_year: u32) -> bool {
    if !years(text).any(|y| y + HISTORY_YEARS <= latest_year) {
        return false;
    }
    // Its words as they read: a word broken at a line end (`underl-` / `ined`) is whole.
    let text = &crate::core::text::fold_for_reading(text);
    // Modals as written: `May` is the month ("established diplomatic relations in May 1989").
    let modal = text.split(|c: char| !c.is_alphabetic()).any(|w| MODALS.contains(&w));
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let stance = words.iter().enumerate().any(|(k, w)| {
        let w = w.to_lowercase();
        // Recognising a state ("was among the first to recognise Kazakhstan's
        // independence in 1991") is an event; recognising the importance of something
        // is a position.
        let recognised_state =
            w.starts_with("recogni") && words.get(k + 1).is_some_and(|n| n.starts_with(char::is_uppercase));
        STANCE_STARTS.iter().any(|s| w.starts_with(s)) && !recognised_state
    });
    !modal && !stance
}

/// The years a text names: runs of four digits from 1800 to 2099 standing alone (not
/// part of a figure such as `2,000` or `1.2000`).
fn years(text: &str) -> impl Iterator<Item = u32> + '_ {
    let b = text.as_bytes();
    let figure_mark = |c: u8| matches!(c, b',' | b'.');
    b.iter().enumerate().filter_map(move |(i, _)| {
        let run = b.get(i..i + 4)?;
        let starts = i == 0
            || !(b[i - 1].is_ascii_alphanumeric()
                || figure_mark(b[i - 1]) && b.get(i.wrapping_sub(2)).is_some_and(u8::is_ascii_digit));
        // A decade (`the 1990s`, `the 1560s`) is a date whatever its century; a bare
        // figure before 1800 is more likely a count (`1750 troops`).
        let decade = b.get(i + 4) == Some(&b's') && b.get(i + 5).is_none_or(|c| !c.is_ascii_alphanumeric());
        let ends = decade
            || b.get(i + 4).is_none_or(|&c| {
                !(c.is_ascii_digit() || figure_mark(c) && b.get(i + 5).is_some_and(u8::is_ascii_digit))
            });
        if !(starts && ends && run.iter().all(u8::is_ascii_digit)) {
            return None;
        }
        let year = run.iter().fold(0u32, |y, d| y * 10 + u32::from(d - b'0'));
        // So is a figure after `in`, `since` or `until` ("seized in 1415", "In 1578 the
        // young King …").
        let before = &b[..i];
        let dated = [&b"in "[..], b"since ", b"until "].iter().any(|p| {
            before.len() >= p.len()
                && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
                && (before.len() == p.len() || !before[before.len() - p.len() - 1].is_ascii_alphanumeric())
        });
        let earliest = if decade || dated { 1000 } else { 1800 };
        (earliest..=2099).contains(&year).then_some(year)
    })
}

fn decide(taxonomy: &Taxonomy, scores: &[f32], evidence: Vec<Evidence>) -> Classification {
    let norm = normalised(scores);
    let mut ranked: Vec<(usize, f32)> = norm.iter().copied().enumerate().filter(|(_, s)| *s > 0.0).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let theme = ranked.first().map_or(taxonomy.fallback, |r| r.0);
    if ranked.is_empty() {
        ranked.push((taxonomy.fallback, 1.0));
    }
    Classification { theme, subject: theme, scores: ranked, evidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_of(text: &str, heading: Option<&str>) -> String {
        let tax = Taxonomy::default();
        let c = classify_document(&tax, &[SegmentContext { text, heading, paragraph: 0, label: None }]);
        tax.themes[c[0].theme].id.clone()
    }

    #[test]
    fn clear_sentences_get_their_theme() {
        assert_eq!(theme_of("The Parties will jointly combat terrorism, separatism and extremism.", None), "security");
        assert_eq!(theme_of("The Parties will raise bilateral trade and simplify customs procedures.", None), "trade");
        assert_eq!(theme_of("China supports the Trans-Caspian International Transport Route.", None), "transport");
        assert_eq!(theme_of("The Azerbaijani side adheres to the one-China principle.", None), "politics");
        assert_eq!(theme_of("The Parties will strengthen cooperation within the SCO and BRICS.", None), "multilateral");
    }

    #[test]
    fn forces_hardware_regional_issues_and_disasters_have_their_themes() {
        // Defence ties by their forces and hardware, not by the word "transport".
        let s = "The United States intends to transfer two patrol boats and three C-130H transport aircraft.";
        assert_eq!(theme_of(s, None), "security");
        assert_eq!(theme_of("They welcomed the contract for 48 fighter aircraft for the Air Force.", None), "security");
        // A welcome's ceremony is no security.
        assert_eq!(theme_of("The two presidents inspected the troops at the palace.", None), "general");
        // Standing regional issues are the world's, not the pair's.
        assert_eq!(theme_of("They demanded a permanent ceasefire and a Palestinian state.", None), "multilateral");
        assert_eq!(theme_of("The leaders discussed the war in Ukraine.", None), "multilateral");
        assert_eq!(theme_of("Both sides praised the response to Tropical Storm Kristine.", None), "environment");
    }

    #[test]
    fn quotations_and_commentators_are_general_and_keep_the_subject_they_name() {
        let tax = Taxonomy::default();
        let id = |t: usize| tax.themes[t].id.as_str();
        let one = |text: &str| {
            classify_document(&tax, &[SegmentContext { text, heading: None, paragraph: 0, label: None }]).remove(0)
        };
        let quote = one("“Our joint fight against terrorism and extremism will continue,” the President said.");
        assert_eq!((id(quote.theme), id(quote.subject)), ("general", "security"));
        assert!(quote.scores.iter().any(|&(t, _)| id(t) == "security"), "{:?}", quote.scores);
        let analysts = one("Analysts said the two armies will hold more joint military exercises.");
        assert_eq!((id(analysts.theme), id(analysts.subject)), ("general", "security"));
        // Officials report what was agreed; they are not commentators.
        let officials = one("Officials said the declaration commits the two sides to doubling bilateral trade.");
        assert_eq!(id(officials.theme), "trade");
        // A commitment is its own subject.
        let plain = one("The Parties will expand bilateral trade.");
        assert_eq!(plain.theme, plain.subject);
        assert!(is_reported_speech("Still, according to analysts, the visit changes little."));
        assert!(!is_reported_speech("The Parties will exchange experts and analysts."));
        assert!(!is_reported_speech("The two sides agreed to exchange experts in agriculture, officials said."));
        assert!(is_reported_speech("A diplomat who asked not to be named said the wording was chosen with care."));
    }

    #[test]
    fn metaphors_do_not_decide_the_theme() {
        assert_ne!(theme_of("This visit brought a new energy in relations between our peoples.", None), "energy");
        assert_ne!(
            theme_of("The political climate between the two states has never been better.", None),
            "environment"
        );
        assert_ne!(
            theme_of("Our friendship is a bridge between peoples and a road map for the future.", None),
            "transport"
        );
    }

    #[test]
    fn a_stance_broken_at_a_line_end_is_still_a_stance() {
        // "underlined" takes a position; broken by a hyphen at a line end it must too,
        // or the dated sentence reads as history.
        assert!(!is_history("The two sides underlined the importance of UNCLOS 1982.", 2025));
        assert!(!is_history("The two sides underl-\nined the importance of UNCLOS 1982.", 2025));
        assert!(is_history("The two countries established diplomatic relations in 1992.", 2025));
    }

    #[test]
    fn heading_decides_when_the_sentence_is_silent() {
        let s = "To this end, the competent authorities will take joint measures.";
        assert_eq!(theme_of(s, None), "general");
        assert_eq!(theme_of(s, Some("III. ENERGY COOPERATION")), "energy");
    }

    #[test]
    fn stemming_collisions_and_figures_of_speech_give_no_theme() {
        // Snowball stems `importance` as `import` and `transition` as `transit`: this
        // sentence used to be `transport`, with `trade` second.
        assert_eq!(theme_of("The two sides stressed the importance of a smooth transition.", None), "general");
        assert_eq!(theme_of("The Parties will simplify imports and transit of goods.", Some("Trade")), "trade");
        // More of Snowball's collisions, each of which gave these sentences a theme.
        for s in [
            "The leaders renewed their commitment to good governance.",
            "Both sides will deepen connections between their agencies and praise the hospitality of the hosts.",
            "The Parties welcome initial contacts between the private sector and intelligent partners.",
        ] {
            assert_eq!(theme_of(s, None), "general", "{s}");
        }
        assert_eq!(theme_of("The Parties will not interfere in each other's internal affairs.", None), "politics");
        // A hospitable welcome is not a hospital, universal values are not
        // universities, fruitful talks are not fruit, and to observe a principle or
        // to share expertise is not what observers or experts say: found by listing,
        // for every term of the taxonomy, the words of our texts that share its stem.
        assert_eq!(
            theme_of("The President expressed his thanks to the people for the warm and hospitable welcome.", None),
            "general"
        );
        assert_eq!(theme_of("The sides reaffirmed universal values and held fruitful talks.", None), "politics");
        assert_eq!(
            theme_of("The Parties will observe the principles and share expertise in mining.", None),
            "investment"
        );
        // Clearing mines is not mining; humanitarian access in a war is not the
        // humanitarian (people-to-people) cooperation of a partnership.
        assert_ne!(theme_of("The Parties will cooperate in clearing mines left by the war.", None), "investment");
        assert_ne!(theme_of("The leaders call for unhindered humanitarian access.", None), "culture");
        assert_eq!(theme_of("The Parties will expand humanitarian cooperation.", None), "culture");
        // A business environment, like a business climate, is no evidence for the
        // environment; it is what investors weigh.
        assert_eq!(
            theme_of("The Parties will create a favourable business environment for companies.", None),
            "investment"
        );
    }

    #[test]
    fn treaty_trade_clauses_are_trade() {
        // The articles of such agreements name trade in their headings.
        let s = "Firms of either Party shall be permitted to engage agents and consultants of their choice.";
        assert_eq!(theme_of(s, Some("Business Facilitation")), "trade");
        // The wording of trade agreements in treaty form: most-favoured-nation and
        // national treatment, quotas and licences. Without these terms the second
        // sentence fell to `general`.
        let heading = Some("ARTICLE I. Most-Favored-Nation and Nondiscriminatory Treatment");
        let s = "Each Party shall accord to products of the other Party nondiscriminatory treatment with respect to \
                 the application of quantitative restrictions and the granting of licenses.";
        assert_eq!(theme_of(s, heading), "trade");
        assert_eq!(theme_of("Each Party shall accord national treatment to the other Party's goods.", None), "trade");
        // The same obligation written out as its formula rather than named.
        let formula = "Each Party shall accord to nationals and firms of the other Party treatment no less favorable \
                       than it accords to its own nationals and firms with respect to the protection of industrial designs.";
        assert_eq!(theme_of(formula, None), "trade");
        let access = "Firms of either Party shall have access to office premises and other local services at \
                      non-discriminatory prices.";
        assert_eq!(theme_of(access, None), "trade");
    }

    #[test]
    fn the_rest_of_the_section_lends_its_theme_to_a_silent_sentence() {
        // The heading names no theme; the section is about the UN and ASEAN. The silent
        // sentence (it was `general`) takes the section's theme, the one with words of
        // its own keeps them.
        let tax = Taxonomy::default();
        let heading = Some("Fostering Peace and Stability Beyond Our Shores");
        let texts = [
            "The leaders reaffirm their support for the United Nations Charter.",
            "They welcome the ASEAN Outlook and ASEAN centrality.",
            "The two leaders exchanged views on the ongoing crisis.",
            "They will expand defence cooperation and joint military exercises.",
        ];
        let segs: Vec<SegmentContext<'_>> = texts
            .iter()
            .enumerate()
            .map(|(k, text)| SegmentContext { text, heading, paragraph: k, label: None })
            .collect();
        let got: Vec<&str> = classify_document(&tax, &segs).iter().map(|c| tax.themes[c.theme].id.as_str()).collect();
        assert_eq!(got, ["multilateral", "multilateral", "multilateral", "security"]);
    }

    #[test]
    fn own_words_outweigh_the_heading() {
        let s = "The Parties will cooperate in combating climate change and protecting the environment.";
        assert_eq!(theme_of(s, Some("V. HUMANITARIAN COOPERATION")), "environment");
    }

    #[test]
    fn neighbours_in_the_paragraph_lend_context() {
        let tax = Taxonomy::default();
        let segs = [
            SegmentContext {
                text: "The Parties will develop solar and wind power and modernise the power grid.",
                heading: None,
                paragraph: 0,
                label: None,
            },
            SegmentContext {
                text: "They will also set up a joint working group for this.",
                heading: None,
                paragraph: 0,
                label: None,
            },
        ];
        let c = classify_document(&tax, &segs);
        assert_eq!(tax.themes[c[1].theme].id, "energy");
        assert!(c[1].evidence.iter().any(|e| e.source == EvidenceSource::Neighbours));
    }

    #[test]
    fn evidence_names_the_deciding_terms() {
        let tax = Taxonomy::default();
        let c = classify_document(
            &tax,
            &[SegmentContext {
                text: "They fight terrorism and drug trafficking.",
                heading: None,
                paragraph: 0,
                label: None,
            }],
        );
        let terms: Vec<&str> =
            c[0].evidence.iter().filter(|e| e.theme == c[0].theme).map(|e| e.term.as_ref()).collect();
        assert!(terms.contains(&"terrorism") && terms.contains(&"drug trafficking"), "{terms:?}");
        assert!((c[0].scores.iter().map(|s| s.1).sum::<f32>() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn news_framing_is_general() {
        assert_eq!(theme_of("Analysts say the summit confirmed the course of both countries.", None), "general");
        assert_eq!(theme_of("According to commentators, the visit showed a shared vision.", None), "general");
        assert_eq!(theme_of("The two leaders met in Astana on Tuesday.", None), "general");
        // Words quoted in the sentence, with a verb of saying, are someone's words.
        assert_eq!(theme_of("Lee, for his part, said cooperation would now “go beyond energy”.", None), "general");
        let s = "At the dinner, he described Korea as “a reliable partner with advanced technologies”.";
        assert_eq!(theme_of(s, None), "general");
        // The lawyer's "the said" and "described in" are no verbs of saying.
        let s = "The term \"investment\" includes the assets described in Annex I of this Agreement.";
        assert_eq!(theme_of(s, None), "investment");
        let s = "The said \"investments\" shall enjoy full protection and security in the territory.";
        assert_eq!(theme_of(s, None), "investment");
        // Groups that warn are commentators; a working group that notes is not.
        let s = "Environmental groups in Brazil also warned that bigger beef exports could add to deforestation.";
        assert_eq!(theme_of(s, None), "general");
        let s = "The working group noted the progress in modernising the border crossings.";
        assert_eq!(theme_of(s, None), "transport");
        // Lawmakers and campaigners comment too, and accusing is saying.
        let s = "Opposition lawmakers accused the government of courting foreign investment at any cost.";
        assert_eq!(theme_of(s, None), "general");
        let s = "Campaigners criticised the pipeline deal as a threat to the steppe.";
        assert_eq!(theme_of(s, None), "general");
    }

    #[test]
    fn skills_trade_remedies_sport_and_connections_have_their_themes() {
        // Each read by its own words: vocational training, a trade remedy, an accord, sport,
        // power lines, border posts, driving licences, mobile networks and money.
        let cases = [
            ("The Chinese side will open a Luban Workshop in Kazakhstan to train skilled workers.", "culture"),
            ("The United States announced plans to assist Vietnam in training a high-quality workforce.", "culture"),
            (
                "Market disruption exists within a domestic industry whenever imports of an article produced by such \
                 domestic industry are increasing rapidly.",
                "trade",
            ),
            ("The United States welcomed Kazakhstan as the newest member of the Abraham Accords.", "multilateral"),
            (
                "The two Heads of State reaffirmed their commitment to host the Africa Cup of Nations football tournament.",
                "culture",
            ),
            ("The two Heads of State welcomed the co-organisation of the 2030 FIFA World Cup.", "culture"),
            (
                "The 220 kV transmission line will let the two countries trade electricity within the power pool.",
                "energy",
            ),
            ("They agreed to operate the One-Stop Border Posts at Busia and Malaba on a 24-hour basis.", "transport"),
            ("An agreement on the mutual recognition and exchange of driving licences was also signed.", "transport"),
            (
                "They agreed to work towards interoperable payment systems for cross-border mobile money transfers.",
                "digital",
            ),
        ];
        for (sentence, theme) in cases {
            assert_eq!(theme_of(sentence, None), theme, "{sentence}");
        }
    }

    #[test]
    fn documents_signed_in_many_fields_are_the_visits_record() {
        let s = "In total, 15 documents were signed during the visit, covering trade, energy, transport, agriculture, education and security.";
        assert_eq!(theme_of(s, None), "general");
        let s = "During the visit, the two sides signed a number of cooperation documents in the fields of trade, transport, finance, agriculture and the media.";
        assert_eq!(theme_of(s, None), "general");
        // One document, or few fields: the fields are its subject.
        let s = "The Presidents signed a Memorandum of Understanding on Critical Minerals covering the exploration, extraction, processing and recycling of rare earth elements.";
        assert_eq!(theme_of(s, None), "investment");
        let s = "The ministers signed two agreements covering rail freight and road transport.";
        assert_eq!(theme_of(s, None), "transport");
    }

    #[test]
    fn a_summit_schedule_is_politics() {
        assert_eq!(
            theme_of("The summit will open with a welcoming ceremony, followed by talks in a narrow format.", None),
            "politics"
        );
        // A summit of an organisation stays multilateral.
        assert_eq!(theme_of("The leaders will attend the SCO summit in Astana.", None), "multilateral");
        // News copy of the programme: where a leader goes next is the visit, not the
        // sector of the place visited.
        let s = "The president is due to visit an agricultural university on Wednesday before flying home.";
        assert_eq!(theme_of(s, None), "politics");
    }

    #[test]
    fn a_welcome_with_military_honours_is_a_ceremony_not_security() {
        let s = "He was greeted with a 21-gun salute and a military honour guard at the palace.";
        assert_ne!(theme_of(s, None), "security");
        assert_ne!(theme_of("A military band played both national anthems.", None), "security");
        // Military cooperation is still security.
        assert_eq!(theme_of("The sides will expand military cooperation and joint exercises.", None), "security");
        assert_eq!(theme_of("Seoul will help Ashgabat build e-government services.", None), "digital");
        // The welcome is the occasion, general, and takes no theme from the programme
        // beside it.
        let tax = Taxonomy::default();
        let texts = [
            "Mirziyoyev, who arrived in Islamabad on Monday evening, was received at the Prime Minister's House with a guard of honor.",
            "He is due to meet President Zardari on Wednesday before traveling to Lahore to address a business forum.",
        ];
        let segs: Vec<SegmentContext> =
            texts.iter().map(|&text| SegmentContext { text, heading: None, paragraph: 0, label: None }).collect();
        assert_eq!(tax.themes[classify_document(&tax, &segs)[0].theme].id, "general");
    }

    #[test]
    fn an_investment_treaty_protects_investments_it_does_not_trade() {
        // "Nationals or companies" names who is protected, in every article: no trade
        // evidence. Expropriation and transfers are what such a treaty is about.
        let s = "Each Contracting Party shall accord to investments of nationals or companies of the other Contracting \
                 Party treatment no less favourable than that which it accords to investments of its own nationals or \
                 companies.";
        assert_eq!(theme_of(s, None), "investment");
        let s = "Such compensation shall amount to the market value of the investment expropriated.";
        assert_eq!(theme_of(s, None), "investment");
        assert_eq!(theme_of("Resulting payments shall be freely transferable.", None), "investment");
        let s = "A Contracting Party shall not assert, as a defence, that the investor has received an indemnity.";
        assert_ne!(theme_of(s, None), "security");
        // Companies that trade still count for trade.
        assert_eq!(theme_of("The sides will help companies export more goods.", None), "trade");
    }

    #[test]
    fn an_ignored_phrase_that_a_theme_lists_counts_for_that_theme_only() {
        // "Business environment" is investment, and no evidence for the environment;
        // "a favourable environment" stays a figure of speech.
        let s = "The two sides will improve the business environment for companies.";
        assert_eq!(theme_of(s, None), "investment");
        let c = classify_document(
            &Taxonomy::default(),
            &[SegmentContext { text: s, heading: None, paragraph: 0, label: None }],
        );
        assert!(c[0].evidence.iter().all(|e| e.term != "environment"), "{:?}", c[0].evidence);
        assert_eq!(theme_of("The sides will create a favourable environment for tourism.", None), "culture");
    }

    #[test]
    fn entry_into_force_dates_a_commitment_and_an_economic_partnership_is_trade() {
        // "Upon entry into force of the Agreement" says when; the final clause that makes
        // the agreement enter into force is what is general.
        let s = "Peru will phase in its tariff reductions over a period of no more than 7 years from the entry into \
                 force of the Agreement.";
        assert_eq!(theme_of(s, None), "trade");
        assert_eq!(theme_of("This Agreement shall enter into force on the date of signature.", None), "general");
        let s =
            "Building on the Japan–Peru Economic Partnership Agreement, the Parties intend to finalize the Agreement.";
        assert_eq!(theme_of(s, None), "trade");
    }

    #[test]
    fn readmission_and_border_management_are_security_and_raw_materials_investment() {
        let s = "Each Party shall readmit any of its nationals who is illegally present on the territory of the other.";
        assert_eq!(theme_of(s, None), "security");
        let s = "The Parties shall cooperate on integrated border management and the training of border guards.";
        assert_eq!(theme_of(s, None), "security");
        let s = "The Parties shall establish a strategic partnership on critical raw materials covering exploration.";
        assert_eq!(theme_of(s, None), "investment");
    }

    #[test]
    fn consultations_are_politics_only_between_foreign_ministries() {
        // Treaty and trade texts consult on the agreement itself.
        let s = "The Parties will continue consultations to finalize the legal text of the Agreement at an early date.";
        assert_ne!(theme_of(s, None), "politics");
        let s = "The foreign ministries of the two countries will hold consultations at least once a year.";
        assert_eq!(theme_of(s, None), "politics");
        assert_eq!(theme_of("The sides will hold regular political consultations.", None), "politics");
    }

    #[test]
    fn nuclear_weapons_are_security_and_nuclear_power_energy() {
        let s = "The two leaders pledged to pursue jointly the goal of a world free of nuclear weapons.";
        assert_eq!(theme_of(s, None), "security");
        assert_eq!(theme_of("The sides will cooperate in the peaceful use of nuclear energy.", None), "energy");
    }

    #[test]
    fn an_open_skies_agreement_is_transport() {
        let s = "Both Governments hailed the new Open Skies Agreement as a clear indicator of the strong partnership.";
        assert_eq!(theme_of(s, None), "transport");
    }

    #[test]
    fn examples_and_means_count_less_than_the_commitment() {
        // The commitment is health; investment and industry are the means.
        let s = "The sides will cooperate on vaccines and hospitals through investment, banking and joint ventures.";
        assert_eq!(theme_of(s, None), "health");
        // "e.g." gives examples as "including" does: under a trade heading, the UN in the
        // example does not outweigh it.
        let heading = Some("Technical barriers");
        let s = "Indonesia will accept vehicles that meet Japanese safety standards, together with type-approval \
                 certificates (e.g. those issued under UN Regulation No. 94).";
        assert_eq!(theme_of(s, heading), "trade");
        let s = "Indonesia will accept vehicles that meet Japanese safety standards, together with type-approval \
                 certificates issued under UN Regulation No. 94.";
        assert_eq!(theme_of(s, heading), "multilateral");
        // Without a marker every term counts in full.
        let s = "The sides will cooperate on vaccines and hospitals, investment, banking and joint ventures.";
        assert_eq!(theme_of(s, None), "investment");
    }

    #[test]
    fn the_words_of_news_copy_for_visits_and_commerce() {
        // A news report says "commerce" and "state banquet" where a declaration says
        // "trade" and "programme of the visit".
        assert_eq!(
            theme_of("The two sides agreed to double commerce between the two countries by 2030.", None),
            "trade"
        );
        assert_eq!(theme_of("The day ended with a state banquet at the palace.", None), "politics");
    }

    #[test]
    fn the_csce_is_an_organisation_not_security() {
        // The OSCE's name before 1995, in the recitals of early-1990s agreements.
        let s = "Having regard to the commitments undertaken under the Final Act of the Conference on Security and \
                 Cooperation in Europe, signed in Helsinki on August 1, 1975.";
        assert_eq!(theme_of(s, None), "multilateral");
        assert_eq!(theme_of("Both Parties are participating States of the CSCE.", None), "multilateral");
    }

    #[test]
    fn dated_background_with_no_commitment_is_history_and_general() {
        let tax = Taxonomy::default();
        let id = |t: usize| tax.themes[t].id.as_str();
        let texts = [
            "Japan and Mongolia established diplomatic relations in May 1972, and trade has grown since.",
            "The sides reaffirmed the value of the education programme established in 1972.",
            "They set a goal of lifting two-way trade to USD 2,000 million by 2025.",
            "The Parties will double bilateral trade by 2030.",
        ];
        let segs: Vec<SegmentContext<'_>> = texts
            .iter()
            .enumerate()
            .map(|(p, text)| SegmentContext { text, heading: None, paragraph: p, label: None })
            .collect();
        let c = classify_document(&tax, &segs);
        // Dated long before the latest year (2030), with no position taken: history.
        assert_eq!(id(c[0].theme), "general");
        assert!(c[0].evidence.iter().any(|e| e.term.starts_with("history")));
        // What it names stays its subject, for the aligner.
        assert_ne!(id(c[0].subject), "general");
        // Recognising a state long ago is history; recognising the importance of an old
        // text is a position.
        let dated = |text: &str| is_history(text, 2024);
        assert!(dated("Hungary was among the first to recognise Kazakhstan’s independence in December 1991."));
        assert!(!dated("The Leaders recognized the importance of the 2002 Declaration on the Conduct of Parties."));
        // A decade is a date, however long ago.
        assert!(dated("In the 1560s the Ottoman sultan sent gunners and cannon to the Sultanate of Aceh."));
        // A position taken on something old is no history; nor is a recent target.
        assert_eq!(id(c[1].theme), "culture");
        assert_eq!(id(c[2].theme), "trade");
        // A document that names no later year has no history by this measure.
        let alone = classify_document(&tax, &segs[..1]);
        assert_ne!(id(alone[0].theme), "general");
    }

    #[test]
    fn framing_lends_its_neighbours_no_subject() {
        // A quotation about research sits beside a sentence with no theme words of its
        // own: the quotation is general, and so is what it lends its neighbour.
        let tax = Taxonomy::default();
        let id = |t: usize| tax.themes[t].id.as_str();
        let texts = [
            "For the island, Japan has long been the most dependable friend it has courted for decades.",
            "“Japan has been a steady source of science and technology,” said a researcher at the institute.",
        ];
        let segs: Vec<SegmentContext<'_>> =
            texts.iter().map(|text| SegmentContext { text, heading: None, paragraph: 0, label: None }).collect();
        let c = classify_document(&tax, &segs);
        assert_eq!(id(c[1].theme), "general");
        assert_eq!(id(c[1].subject), "digital");
        assert_eq!(id(c[0].theme), "general");
        assert!(c[0].evidence.iter().all(|e| id(e.theme) == "general"));
    }

    #[test]
    fn years_are_four_digits_standing_alone() {
        let found = |t: &str| years(t).collect::<Vec<_>>();
        assert_eq!(found("in 1972 and again on 2 April 1992."), [1972, 1992]);
        assert_eq!(found("USD 2,000 million, 1.2000 tonnes, 12000 people, 1750 troops"), Vec::<u32>::new());
        assert_eq!(found("(2023–2027)"), [2023, 2027]);
        // A decade is a date, in any century.
        assert_eq!(found("in the 1560s and the 1990s, not 1560 soldiers"), [1560, 1990]);
        // So is a figure after `in`, `since` or `until`, in any century.
        assert_eq!(found("Ceuta, seized in 1415, to Mazagan, until 1769; In 1578 the King"), [1415, 1769, 1578]);
        assert_eq!(found("sent 1500 troops within 1578 days"), Vec::<u32>::new());
    }

    #[test]
    fn where_leaders_met_is_the_occasion_not_the_subject() {
        let s = "President Santos and President Rahman met today in New York on the margins of the 79th session of \
                 the U.N. General Assembly.";
        assert_eq!(theme_of(s, None), "politics");
        let s = "The leaders met in Astana on the sidelines of the Shanghai Cooperation Organization summit.";
        assert_ne!(theme_of(s, None), "multilateral");
        // What is done there still counts in full.
        let s = "Business associations will hold a joint business forum on the margins of each meeting of the Council.";
        assert_eq!(theme_of(s, None), "trade");
    }

    #[test]
    fn chinese_terms_match_their_english_counterparts() {
        let s = "双方反对霸权主义、强权政治和阵营对抗，反对将人权问题政治化。";
        assert_eq!(theme_of(s, None), "multilateral");
        // The closing thanks and invitation, under the last section's heading.
        let s =
            "塔吉克斯坦共和国总统对中方的热情款待表示衷心感谢，邀请中华人民共和国主席在双方方便的时候访问塔吉克斯坦。";
        assert_eq!(theme_of(s, Some("五、国际和地区事务")), "general");
        assert_eq!(theme_of("双方将深化有色金属开采和加工合作。", None), "investment");
    }

    #[test]
    fn japanese_terms_name_their_themes() {
        // Japanese writes many of the same words in other characters (貿易, not 贸易).
        assert_eq!(theme_of("双方は、二国間貿易の拡大を目指すことを確認した。", None), "trade");
        assert_eq!(theme_of("日本国政府は、暖房施設の建設に円借款を供与する。", None), "investment");
        assert_eq!(theme_of("両国は、再生可能エネルギー分野での協力を強化する。", None), "energy");
        assert_eq!(theme_of("双方は、食料安全保障の強化に向けて協力する。", None), "agriculture");
        assert_eq!(theme_of("日本側は、安全保障理事会改革への支持に謝意を表明した。", None), "multilateral");
    }

    #[test]
    fn a_documents_own_parties_are_no_theme_evidence() {
        // In the EU's own statements "the European Union" is who acts, not a multilateral
        // subject; elsewhere it still is.
        let tax = Taxonomy::default();
        let text = "Morocco will work with the European Union on the review of this framework.";
        let segs = [SegmentContext { text, heading: None, paragraph: 0, label: None }];
        let eu = Parties::detect(Some("Joint Statement on a Framework for an EU–Morocco Agreement"), text);
        assert_ne!(tax.themes[classify_document_of(&tax, &segs, &eu)[0].theme].id, "multilateral");
        assert_eq!(tax.themes[classify_document(&tax, &segs)[0].theme].id, "multilateral");
        // A longer term that holds a party's name still counts.
        let text = "The Azerbaijani side adheres to the one-China principle.";
        let segs = [SegmentContext { text, heading: None, paragraph: 0, label: None }];
        let az_cn = Parties::detect(Some("Joint Declaration of Azerbaijan and China"), text);
        let c = classify_document_of(&tax, &segs, &az_cn).remove(0);
        assert!(c.evidence.iter().any(|e| e.term.contains("one")), "{:?}", c.evidence);
        // Its parties' names together are no more than who acts: "China–Central Asia" in
        // their own summit's declaration is the summit, not a multilateral subject; in a
        // declaration of China and one Central Asian state it is.
        let text = "The second China–Central Asia Summit will be held in the Republic of Kazakhstan in 2025.";
        let segs = [SegmentContext { text, heading: None, paragraph: 0, label: None }];
        let summit = Parties::detect(Some("Xi'an Declaration of the China–Central Asia Summit"), text);
        assert_eq!(tax.themes[classify_document_of(&tax, &segs, &summit)[0].theme].id, "politics");
        let cn_kz = Parties::detect(Some("Joint Statement of China and Kazakhstan"), text);
        assert_eq!(tax.themes[classify_document_of(&tax, &segs, &cn_kz)[0].theme].id, "multilateral");
    }

    #[test]
    fn regional_issues_are_multilateral() {
        // The taxonomy's "regional and international issues": the standing ones by name.
        let s = "The Parties will continue to provide humanitarian assistance to the Afghan people.";
        assert_eq!(theme_of(s, None), "multilateral");
        let s = "The two leaders exchanged views on the ongoing crisis in Gaza.";
        assert_eq!(theme_of(s, None), "multilateral");
        // Not letting one's territory be used against the other is security, however
        // many territories.
        let s = "The Parties will not allow their territories to be used for activities against each other.";
        assert_eq!(theme_of(s, None), "security");
    }

    #[test]
    fn nuclear_security_and_peacekeeping_are_security() {
        let s = "The United States will provide $15 million to strengthen nuclear security at the metallurgical plant.";
        assert_eq!(theme_of(s, None), "security");
        let s = "The Parties will also cooperate in the peaceful use of nuclear energy and the supply of uranium.";
        assert_eq!(theme_of(s, None), "energy");
        // Peacekeepers are soldiers, whatever disasters they also help with.
        let s = "The leaders welcomed Vietnam's participation in peacekeeping operations and in disaster relief around the world.";
        assert_eq!(theme_of(s, None), "security");
    }

    #[test]
    fn drug_makers_are_no_drug_trade() {
        // `drugs` is a security term (narcotics); a maker of drugs is industry.
        let s = "Pakistani textile mills and drug makers are promised easier access to Uzbek cotton and markets.";
        assert_ne!(theme_of(s, None), "security");
        assert_eq!(theme_of("They will cooperate against drugs and organised crime.", None), "security");
    }

    #[test]
    fn parliamentary_friendship_groups_and_software() {
        // Friendship groups of parliaments are ties between parliaments, not friendship in
        // general; software companies are the digital economy.
        let s = "Lawmakers from both countries will form parliamentary friendship groups and meet annually.";
        assert_eq!(theme_of(s, None), "politics");
        let s = "He invited Pakistani software companies to open offices in Tashkent.";
        assert_eq!(theme_of(s, None), "digital");
    }

    #[test]
    fn a_memorandum_on_something_is_about_that_thing() {
        // Signing a memorandum is the occasion; what it is on is the subject. A memorandum's
        // own clauses ("This Memorandum shall…") are general.
        let s = "The Presidents signed a Memorandum of Understanding on the exploration and extraction of rare earths.";
        assert_eq!(theme_of(s, None), "investment");
        let s = "This Memorandum shall take effect on the date of its signature.";
        assert_eq!(theme_of(s, None), "general");
        // Clearing unexploded bombs is demining.
        let s = "The United States will step up its support for clearing unexploded bombs.";
        assert_eq!(theme_of(s, None), "security");
    }

    #[test]
    fn an_airline_is_transport() {
        let s = "From June, Uzbekistan Airways is to fly between Tashkent and Lahore three times a week.";
        assert_eq!(theme_of(s, None), "transport");
    }

    #[test]
    fn the_security_council_is_an_organ_of_the_un_not_security() {
        let s = "Mongolia also repeated that it backs a permanent seat for Japan on a reformed Security Council.";
        assert_eq!(theme_of(s, None), "multilateral");
        let s = "They agreed to work together on reform of the Security Council.";
        assert_eq!(theme_of(s, None), "multilateral");
    }

    #[test]
    fn treaty_words_that_stem_like_other_themes_words() {
        // `terminate` is no port terminal, `consultants` are no consultations.
        let s = "Either Party may terminate this Agreement by written notice of termination.";
        assert_ne!(theme_of(s, None), "transport");
        let s = "Firms may retain consultants and agents of their own choosing.";
        assert_ne!(theme_of(s, None), "politics");
        // Recognising awards, standards or the importance of something is no
        // recognition of a state.
        let s = "Each Party shall provide effective means for the recognition and enforcement of arbitral awards.";
        assert_ne!(theme_of(s, None), "politics");
        let s = "The leaders recognized the contributions of the diaspora community.";
        assert_ne!(theme_of(s, None), "politics");
        // Settling disputes is no settlement of payments; the currencies speak for those.
        let s = "The parties to a dispute remain free to agree upon any other method of settlement.";
        assert_ne!(theme_of(s, None), "investment");
        let s = "The Parties will expand the use of national currencies in mutual settlements.";
        assert_eq!(theme_of(s, None), "investment");
        // Taking effective measures is not a treaty taking effect; commenting on draft
        // rules is not what commentators say (both `general` terms); extreme weather is
        // not extremism.
        let s = "The Parties will take effective measures to reduce emissions.";
        assert_eq!(theme_of(s, None), "environment");
        let s = "Each Party shall allow the other Party's firms to comment on draft customs rules.";
        assert_eq!(theme_of(s, None), "trade");
        let s = "The Parties will share early warnings of extreme weather and floods.";
        assert_ne!(theme_of(s, None), "security");
        let s = "The Parties will prepare their farmers for weather extremes.";
        assert_ne!(theme_of(s, None), "security");
    }

    #[test]
    fn a_marker_that_opens_the_sentence_heads_nothing() {
        // "Through" first: the rest is the sentence's head and counts in full, so the
        // heading does not outweigh it (halved, it would).
        let s = "Through investment and loans, the sides will fight disease.";
        assert_eq!(theme_of(s, Some("I. Health")), "investment");
    }

    #[test]
    fn maritime_disputes_are_a_regional_issue() {
        // "Sea" and "marine" are not what these are about.
        let s = "They reaffirmed that the 2016 arbitral award is final and legally binding.";
        assert_eq!(theme_of(s, Some("The South China Sea")), "multilateral");
        let s = "The leaders support freedom of navigation and the protection of the marine environment.";
        assert_eq!(theme_of(s, None), "multilateral");
        // An arbitral award between firms is no regional issue.
        let s = "Each Party shall provide effective means for the enforcement of arbitral awards.";
        assert_ne!(theme_of(s, None), "multilateral");
    }

    #[test]
    fn trade_clauses_get_their_sector_theme() {
        assert_eq!(theme_of("The countries will improve agricultural market access.", None), "agriculture");
        assert_eq!(theme_of("Argentina opened its market to U.S. live cattle and beef.", None), "agriculture");
        assert_eq!(theme_of("Argentina has committed to facilitating digital trade.", None), "trade");
        assert_eq!(theme_of("El Salvador will prevent barriers to digital trade.", None), "trade");
    }

    #[test]
    fn a_run_in_label_names_its_item() {
        let tax = Taxonomy::default();
        let seg = |text, paragraph, label| SegmentContext { text, heading: None, paragraph, label };
        let segs = [
            seg("The country will simplify the registration of these items.", 0, Some("Agricultural Market Access:")),
            seg("It will also accept the certificates issued by the other side.", 0, None),
            seg("It will also accept the certificates issued by the other side.", 1, None),
            seg("It will also accept the certificates issued by the other side.", 2, Some("3.")),
        ];
        let c = classify_document(&tax, &segs);
        let ids: Vec<&str> = c.iter().map(|c| tax.themes[c.theme].id.as_str()).collect();
        assert_eq!(ids, ["agriculture", "agriculture", "general", "general"]);
        assert!(c[1].evidence.iter().any(|e| e.source == EvidenceSource::Heading && e.term.contains("label")));
    }

    #[test]
    fn sector_words_of_real_statements() {
        assert_eq!(
            theme_of("Guatemala will combat illegal logging and improve forest sector governance.", None),
            "environment"
        );
        assert_eq!(theme_of("Ecuador will remove discriminatory barriers to services.", None), "trade");
        assert_eq!(theme_of("The sides support the national plan to eliminate cervical cancer.", None), "health");
        // Chips are technology, whatever chain or industry they come in.
        let s = "The two leaders will work together to build resilient semiconductor supply chains.";
        assert_eq!(theme_of(s, None), "digital");
        // Fuels are energy, not the programme that tries them.
        let s = "Brazil offered to share its experience in ethanol blending, and Viet Nam will consider a pilot \
                 programme for E10 fuel.";
        assert_eq!(theme_of(s, None), "energy");
    }
}
