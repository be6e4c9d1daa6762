//! Alignment: which segments of different documents state the same commitment, and
//! the rows they form.
//!
//! The stages, one file each:
//! 0. [`acronyms`]: the acronyms the documents write and the names they stand for;
//! 1. [`features`]: each segment as a TF-IDF vector, with its theme, place and names;
//! 2. [`candidates`]: the nearest segments of other documents, from one global index;
//! 3. [`links`]: pairwise evidence per pair of documents (mutual best matches, merges,
//!    near duplicates, the gap pass);
//! 4. [`pair_model`]: a calibrated probability for each candidate pair;
//! 5. [`rows`]: average-linkage clustering that never puts two segments of one
//!    document in a row, except the parts of a merge: found by shared words (a merge
//!    link) or as a *star*, two or three sentences of one document that each take the
//!    same sentence of another for their best counterpart.
//!
//! Nothing here assumes two documents, and the rows do not depend on the order the
//! documents are given in.

pub mod acronyms;
pub mod candidates;
pub mod features;
pub mod links;
pub mod pair_model;
pub mod rows;

use crate::core::align::features::Features;
use crate::core::align::links::{Link, LinkKind};
use crate::core::align::pair_model::PairModel;
use crate::core::fast_hash::FxHashMap as HashMap;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// Stars are looked for in comparisons of up to this many documents: in a corpus of a
/// thousand templated declarations a sentence's best counterparts are its own copies,
/// and the search cost 17 s and 1.4 GB at 1,000 × 300 for rows no better.
pub const STAR_MAX_DOCUMENTS: usize = 32;

/// Cosine at which a part of a star is a copy (of another part, or of the whole) rather
/// than a part: as near as two segments must be to be linked as duplicates.
const STAR_COPY_MIN: f32 = 0.8;

/// A reference to a segment: (document index, segment index), as u32 to halve the memory
/// of the millions of candidate pairs of a corpus (which holds far fewer than 4 billion
/// documents or segments).
pub type SegRef = (u32, u32);

/// The features of a segment.
pub fn at(docs: &[Vec<Features>], r: SegRef) -> &Features {
    &docs[r.0 as usize][r.1 as usize]
}

/// A segment reference from indices.
pub fn seg_ref(doc: usize, seg: usize) -> SegRef {
    (doc as u32, seg as u32)
}

/// Tuning of the aligner. The defaults are what the tests and the evaluation use;
/// `tools/tune.py` chooses them by leave-one-group-out cross-validation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlignOptions {
    /// Least similarity for two segments that are each other's best match to be linked
    /// as such. A weaker mutual best match is left to the pair model's other evidence
    /// (its cosines and margin); nested leave-one-group-out chose 0.45 over 0.3–0.6.
    pub mutual_min: f32,
    /// Least similarity for a link that is not mutual (one sentence merging several).
    pub merge_min: f32,
    /// Least share of the shorter segment's weight found in the longer one, for a merge link.
    pub merge_containment: f32,
    /// Similarity above which two segments are linked whatever else matches.
    pub duplicate_min: f32,
    /// Bonus to similarity when both segments have the same primary theme, in choosing
    /// each segment's best match. None: theme agreement is a feature of the pair model,
    /// and counted here as well it let themes pick partners (chosen with `mutual_min`).
    pub same_theme_bonus: f32,
    /// Least similarity for pairing leftovers of the same theme in the same gap.
    pub gap_min: f32,
    /// Least probability for a pair of segments to be paired at all. For a calibrated
    /// model the threshold that maximises F1 is half the F1 attainable (Lipton, Elkan &
    /// Naryanaswamy 2014), so below one half; cross-validation chose 0.3.
    pub pair_min: f32,
    /// Least average pair probability across two rows, one of them of two or more
    /// segments, for them to be joined (over pairs of documents, each counting its best
    /// pair of segments: the parts of a merge state one commitment together): a segment joins a row on its average
    /// with the whole row, not on its best link, so A–B and B–C chain A, B and C only
    /// when B–C alone carries the average over A–C as well. Lower than `pair_min`: in
    /// a row of many documents some wordings are far apart (cross-validation chose it;
    /// one half lowers the mean dev F1 by 0.02).
    pub row_min: f32,
    /// Least probability for a pair to propose joining a segment to a row of two or more
    /// (the join itself needs `row_min` on average over the row): below `pair_min`, so a
    /// sentence whose counterparts are copies of one another (a high neighbourhood, so a
    /// low margin) is judged against their row as a whole. The lowest value that leaves
    /// every leave-one-group-out figure as it is without (0.2 costs one held-out pair).
    pub attach_min: f32,
    /// The pair model's weights.
    pub model: PairModel,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            mutual_min: 0.45,
            merge_min: 0.30,
            merge_containment: 0.55,
            duplicate_min: 0.80,
            same_theme_bonus: 0.0,
            gap_min: 0.08,
            pair_min: 0.3,
            row_min: 0.1,
            attach_min: 0.25,
            model: PairModel::default(),
        }
    }
}

/// One candidate pair with its evidence, for tuning (`counterpart report --debug-pairs`).
#[derive(Debug, Clone, Serialize)]
pub struct PairRecord {
    /// One segment.
    pub x: SegRef,
    /// The other, in another document.
    pub y: SegRef,
    /// The pair model's features ([`pair_model::FEATURES`]).
    pub features: Vec<f32>,
    /// The pair model's probability.
    pub probability: f32,
}

/// The aligner's result.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// The rows: segments and confidence.
    pub rows: Vec<rows::Cluster>,
    /// Every candidate pair with its evidence (kept only when asked for).
    pub pairs: Vec<PairRecord>,
}

/// Aligns the documents. `progress` gets the fraction done; `cancel` is polled in each
/// stage and makes this return `None`.
pub fn align(
    docs: &[Vec<Features>],
    options: &AlignOptions,
    keep_pairs: bool,
    progress: &(dyn Fn(f32) + Sync),
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Alignment> {
    let cands = candidates::find(docs, cancel)?;
    progress(0.3);
    let links = links::links(docs, &cands, options);
    if cancel() {
        return None;
    }
    progress(0.6);
    // Sorted by pair, so a binary search finds a pair's link (no hash map of millions).
    let mut links = links;
    links.par_sort_unstable_by(|l, m| (l.a, l.b).cmp(&(m.a, m.b)));
    let kind_of =
        |x: SegRef, y: SegRef| links.binary_search_by(|l| (l.a, l.b).cmp(&(x, y))).ok().map(|k| links[k].kind);
    let ordered = |x: SegRef, y: SegRef| if x.0 < y.0 { (x, y) } else { (y, x) };
    let score = |x: SegRef, y: SegRef| {
        let f = pair_model::features(docs, &cands, x, y, kind_of(x, y));
        options.model.probability(&f)
    };
    // Every candidate pair and every link, once.
    let mut pairs: Vec<(SegRef, SegRef)> = cands
        .of
        .iter()
        .enumerate()
        .flat_map(|(d, segs)| {
            segs.iter().enumerate().flat_map(move |(s, list)| list.iter().map(move |c| (seg_ref(d, s), c.other)))
        })
        .map(|(x, y)| ordered(x, y))
        .chain(links.iter().map(|l| (l.a, l.b)))
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    let edges: Vec<(SegRef, SegRef, f32)> = pairs.par_iter().map(|&(x, y)| (x, y, score(x, y))).collect();
    drop(pairs);
    if cancel() {
        return None;
    }
    progress(0.8);
    // Probabilities of the candidate pairs, for the clustering's exact averages: `edges`
    // is sorted by pair, so a binary search finds them without a second table.
    let in_edges = |x: SegRef, y: SegRef| {
        let (x, y) = ordered(x, y);
        edges.binary_search_by(|e| (e.0, e.1).cmp(&(x, y))).ok().map(|k| edges[k].2)
    };
    let prob = |x: SegRef, y: SegRef| in_edges(x, y).unwrap_or_else(|| score(x, y));
    let doc_keys: Vec<u64> = docs.iter().map(|d| document_key(d)).collect();
    let stable_key = |r: SegRef| doc_keys[r.0 as usize].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ r.1 as u64;
    let mut units = merge_units(&links, &prob, options.pair_min);
    if docs.len() <= STAR_MAX_DOCUMENTS {
        // Whether `part` adds to what `parts` already state of `whole`: it is no copy of
        // the whole or of one of them, and none of them states the whole word for word.
        let alike = |a: SegRef, b: SegRef| at(docs, a).vector.cosine(&at(docs, b).vector) >= STAR_COPY_MIN;
        let adds = |whole: SegRef, parts: &[SegRef], part: SegRef| {
            !alike(part, whole) && !parts.iter().any(|&q| alike(q, part) || alike(q, whole))
        };
        units.extend(star_units(&edges, options.pair_min, &adds));
    }
    // Most likely first: a segment claimed by two units goes to the likelier one; ties
    // go by the members' content keys, whatever the order of the documents.
    let mut units: Vec<(f32, Vec<u64>, Vec<SegRef>)> = units
        .into_iter()
        .map(|(mean, unit)| {
            let mut keys: Vec<u64> = unit.iter().map(|&r| stable_key(r)).collect();
            keys.sort_unstable();
            (mean, keys, unit)
        })
        .collect();
    units.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let units: Vec<Vec<SegRef>> = units.into_iter().map(|u| u.2).collect();
    let pairs = if keep_pairs {
        edges
            .iter()
            .map(|&(x, y, p)| PairRecord {
                x,
                y,
                features: pair_model::features(docs, &cands, x, y, kind_of(x, y)).to_vec(),
                probability: p,
            })
            .collect()
    } else {
        Vec::new()
    };
    let lens: Vec<usize> = docs.iter().map(Vec::len).collect();
    let rule = rows::JoinRule { pair_min: options.pair_min, row_min: options.row_min, attach_min: options.attach_min };
    let clustered = |f: f32| progress(0.8 + 0.2 * f);
    let control = rows::Control { cancel, progress: &clustered };
    let rows = if docs.len() <= rows::EXACT_LINKAGE_MAX_DOCUMENTS {
        rows::cluster(&lens, &units, &edges, &prob, &stable_key, rule, control)?
    } else {
        // Averages come from the candidate pairs alone (`rows.rs`), all in `edges`: the
        // candidates and links can go before the clustering (a fifth of its memory at
        // 1,000 × 300).
        drop(cands);
        drop(links);
        let known = |x: SegRef, y: SegRef| in_edges(x, y).unwrap_or(0.0);
        rows::cluster(&lens, &units, &edges, &known, &stable_key, rule, control)?
    };
    progress(1.0);
    Some(Alignment { rows, pairs })
}

/// Sentences that merge two or three of another document's, with those parts: of the
/// parts the pairwise pass found, those more likely right than wrong, the best three.
/// Each with the mean probability of its parts.
fn merge_units(links: &[Link], prob: &dyn Fn(SegRef, SegRef) -> f32, row_min: f32) -> Vec<(f32, Vec<SegRef>)> {
    // (whole, document of the parts) → parts.
    let mut parts: HashMap<(SegRef, u32), Vec<SegRef>> = HashMap::default();
    for l in links.iter().filter(|l| l.kind == LinkKind::Merge) {
        parts.entry((l.a, l.b.0)).or_default().push(l.b);
        parts.entry((l.b, l.a.0)).or_default().push(l.a);
    }
    parts
        .into_iter()
        .filter_map(|((whole, _), p)| {
            let mut scored: Vec<(f32, SegRef)> =
                p.into_iter().map(|q| (prob(whole, q), q)).filter(|&(pr, _)| pr >= row_min).collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(links::MAX_MERGE_PARTS);
            (scored.len() >= 2).then(|| {
                let mean = scored.iter().map(|s| s.0).sum::<f32>() / scored.len() as f32;
                let mut unit: Vec<SegRef> = scored.into_iter().map(|s| s.1).collect();
                unit.push(whole);
                unit.sort_unstable();
                (mean, unit)
            })
        })
        .collect()
}

/// Sentences that two or three sentences of another document each take for their best
/// counterpart in the sentence's document, at `pair_min` or more: one sentence of one
/// statement that the other states in several ("… two-way tourism, business
/// cooperation and study opportunities" against a tourism partnership and an exchange
/// programme). Each is a starting row like a merge found by shared words, with the mean
/// probability of its parts. A part is kept, likeliest first, only when it `adds` to
/// what the parts before it state of the whole: a copy of a part (the same clause twice
/// in a templated document), or a part beside one that states the whole word for word,
/// is not one.
fn star_units(
    edges: &[(SegRef, SegRef, f32)],
    pair_min: f32,
    adds: &dyn Fn(SegRef, &[SegRef], SegRef) -> bool,
) -> Vec<(f32, Vec<SegRef>)> {
    // Each part's best whole in each other document: every pair both ways, sorted by
    // (part, document of the whole, best first), the first of each run (a sort, not a
    // map: 200,000 pairs of 30 templated documents).
    let mut ends: Vec<(SegRef, u32, f32, SegRef)> =
        edges.iter().filter(|e| e.2 >= pair_min).flat_map(|&(x, y, p)| [(x, y.0, p, y), (y, x.0, p, x)]).collect();
    ends.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.total_cmp(&a.2)).then(a.3.cmp(&b.3)));
    ends.dedup_by(|later, first| (later.0, later.1) == (first.0, first.1));
    // Grouped by (whole, document of the parts), likeliest part first.
    let mut best: Vec<(SegRef, u32, f32, SegRef)> =
        ends.into_iter().map(|(part, _, p, whole)| (whole, part.0, p, part)).collect();
    best.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.total_cmp(&a.2)).then(a.3.cmp(&b.3)));
    best.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter(|group| group.len() >= 2)
        .filter_map(|group| {
            let whole = group[0].0;
            let mut parts: Vec<(f32, SegRef)> = Vec::with_capacity(links::MAX_MERGE_PARTS);
            let mut kept: Vec<SegRef> = Vec::with_capacity(links::MAX_MERGE_PARTS);
            for &(_, _, p, part) in group {
                if parts.len() < links::MAX_MERGE_PARTS && (kept.is_empty() || adds(whole, &kept, part)) {
                    parts.push((p, part));
                    kept.push(part);
                }
            }
            if parts.len() < 2 {
                return None;
            }
            let mean = parts.iter().map(|q| q.0).sum::<f32>() / parts.len() as f32;
            let mut unit: Vec<SegRef> = parts.into_iter().map(|q| q.1).collect();
            unit.push(whole);
            unit.sort_unstable();
            Some((mean, unit))
        })
        .collect()
}

/// A key of a document's content, so ties are broken the same whatever the order the
/// documents were given in.
fn document_key(doc: &[Features]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in doc {
        for &(t, w) in f.vector.entries() {
            (t, w.to_bits()).hash(&mut h);
        }
        0xFFu8.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_that_two_of_another_document_prefer_is_a_star() {
        // (0, 0) is the best counterpart in document 0 of both (1, 0) and (1, 2); (1, 1)
        // prefers (0, 1). Document 2 has one part only.
        let edges = [
            ((0, 0), (1, 0), 0.8),
            ((0, 0), (1, 2), 0.4),
            ((0, 1), (1, 1), 0.9),
            ((0, 0), (1, 1), 0.35),
            ((0, 0), (2, 0), 0.7),
        ];
        let always = |_: SegRef, _: &[SegRef], _: SegRef| true;
        assert_eq!(star_units(&edges, 0.3, &always), vec![(0.6, vec![(0, 0), (1, 0), (1, 2)])]);
        // Below `pair_min` a part does not count.
        assert!(star_units(&edges, 0.5, &always).is_empty());
    }

    #[test]
    fn a_part_that_adds_nothing_to_the_whole_makes_no_star() {
        let edges = [((0, 0), (1, 0), 0.8), ((0, 0), (1, 3), 0.7)];
        let nothing = |_: SegRef, _: &[SegRef], _: SegRef| false;
        assert!(star_units(&edges, 0.3, &nothing).is_empty());
    }
}
