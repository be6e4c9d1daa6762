//! Pairwise evidence: for each pair of documents that share candidates, which segments
//! are each other's best match, which sentence merges several of the other document's,
//! which are near duplicates, and (the gap pass) which leftovers stand in the same place
//! between aligned neighbours. These links are evidence for the pair model, not rows:
//! rows are formed in `rows.rs`, against the row as a whole.

use crate::core::align::candidates::Candidates;
use crate::core::align::features::{Features, names_conflict};
use crate::core::align::{AlignOptions, SegRef, seg_ref};
use crate::core::fast_hash::FxHashMap as HashMap;
use crate::core::sparse::SparseVec;
use rayon::prelude::*;

/// Similarity below which a names conflict keeps two segments apart.
pub const CONFLICT_OVERRIDE: f32 = 0.5;
/// Bonus for being close in document order: nearby is a little more likely the same
/// commitment.
const ORDER_BONUS: f32 = 0.05;
/// Bonus for similar neighbours (the sentences before and after): picks the right copy
/// of a boilerplate sentence repeated in many articles.
const CONTEXT_BONUS: f32 = 0.05;
/// Most segments a merge set takes from one document: a sentence may merge two or three
/// of another's, no more.
pub const MAX_MERGE_PARTS: usize = 3;
/// Further parts of a merge are tried among this many next-best candidates.
const MERGE_TRIES: usize = 6;
/// Least gain in similarity for each further part of a merge.
const MERGE_GAIN_MIN: f32 = 0.04;
/// A seed that is not its part's best match must be contained at least this much.
const MERGE_SEED_CONTAINMENT: f32 = 0.6;
/// Score slack for a mutual seed whose cosine is just under `mutual_min`.
const MUTUAL_SCORE_SLACK: f32 = 0.08;
/// Further parts may have this share of `merge_min` / `merge_containment`.
const MERGE_PART_RELAX: f32 = 0.7;
/// …and of `merge_containment`.
const MERGE_CONTAINMENT_RELAX: f32 = 0.75;
/// Gap pass: leftovers are paired only inside gaps this wide, like a diff's changed hunk.
const MAX_GAP: usize = 12;
/// Gap pass: a pair of different themes needs this multiple of `gap_min`.
const GAP_OTHER_THEME_FACTOR: f32 = 2.5;
/// Gap pass: bonus of the same theme when choosing among leftovers.
const GAP_THEME_BONUS: f32 = 0.1;
/// The gap pass runs for each document with the documents it shares most links with,
/// at most this many (keeps corpus-scale work linear).
const GAP_DOC_NEIGHBOURS: usize = 16;

/// How a link was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// Each other's best match (one-to-one).
    Mutual,
    /// One of two or three parts of a sentence that merges them.
    Merge,
    /// Near duplicates, linked whatever else matches.
    Duplicate,
    /// Leftovers in the same gap between aligned neighbours (same commitment, different
    /// substance: `50,000 TEU by 2025` vs `100,000 TEU by 2027`).
    Gap,
}

/// A link between segments of two documents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// One end.
    pub a: SegRef,
    /// The other end, in another document (`b.0 > a.0`).
    pub b: SegRef,
    /// Cosine similarity of the two segments.
    pub cos: f32,
    /// How it was found.
    pub kind: LinkKind,
}

/// Mean similarity of the neighbours (sentence before with before, after with after).
pub fn context(docs: &[Vec<Features>], x: SegRef, y: SegRef) -> f32 {
    let at = |r: SegRef, k: isize| -> Option<&SparseVec> {
        let s = r.1 as isize + k;
        (s >= 0).then(|| docs[r.0 as usize].get(s as usize)).flatten().map(|f| &f.vector)
    };
    let sim = |k: isize| match (at(x, k), at(y, k)) {
        (Some(p), Some(q)) => p.cosine(q),
        _ => 0.0,
    };
    (sim(-1) + sim(1)) / 2.0
}

/// A candidate pair inside one pair of documents: (segment of a, segment of b, cosine).
type PairCandidate = (usize, usize, f32);

/// Candidate lists of one pair of documents: per segment of each, (other segment,
/// score, cosine), best first.
struct PairCandidates {
    of_a: Vec<Vec<(usize, f32, f32)>>,
    of_b: Vec<Vec<(usize, f32, f32)>>,
}

/// Finds the links of every pair of documents that share candidates.
pub fn links(docs: &[Vec<Features>], cands: &Candidates, options: &AlignOptions) -> Vec<Link> {
    // Candidate pairs as (document a, document b, segment of a, segment of b, cosine),
    // a < b, sorted: each pair of documents is a run, with no map of vectors (a thousand
    // documents share half a million pairs of documents).
    let mut flat: Vec<(u32, u32, u32, u32, f32)> = Vec::with_capacity(cands.of.iter().flatten().map(Vec::len).sum());
    for (d, segs) in cands.of.iter().enumerate() {
        for (s, list) in segs.iter().enumerate() {
            for c in list {
                let here = seg_ref(d, s);
                let (x, y) = if here.0 < c.other.0 { (here, c.other) } else { (c.other, here) };
                flat.push((x.0, y.0, x.1, y.1, c.cos));
            }
        }
    }
    flat.par_sort_unstable_by(|x, y| (x.0, x.1, x.2, x.3).cmp(&(y.0, y.1, y.2, y.3)));
    flat.dedup_by_key(|x| (x.0, x.1, x.2, x.3));
    let mut pairs: Vec<((usize, usize), std::ops::Range<usize>)> = Vec::new();
    let mut start = 0;
    for k in 1..=flat.len() {
        if k == flat.len() || (flat[k].0, flat[k].1) != (flat[start].0, flat[start].1) {
            pairs.push(((flat[start].0 as usize, flat[start].1 as usize), start..k));
            start = k;
        }
    }
    let mut first: Vec<Vec<Link>> = pairs
        .par_iter()
        .map(|((a, b), range)| {
            let (a, b) = (*a, *b);
            let list = &flat[range.clone()];
            // Only the segments that have candidates here, numbered locally: with a
            // thousand documents most pairs share a handful of candidates, and arrays
            // the size of whole documents would cost more than the work.
            let mut seg_a: Vec<usize> = list.iter().map(|c| c.2 as usize).collect();
            let mut seg_b: Vec<usize> = list.iter().map(|c| c.3 as usize).collect();
            seg_a.dedup();
            seg_b.sort_unstable();
            seg_b.dedup();
            let local: Vec<PairCandidate> = list
                .iter()
                .map(|&(_, _, i, j, cos)| {
                    let i = seg_a.binary_search(&(i as usize)).unwrap_or(0);
                    (i, seg_b.binary_search(&(j as usize)).unwrap_or(0), cos)
                })
                .collect();
            let fa: Vec<&Features> = seg_a.iter().map(|&i| &docs[a][i]).collect();
            let fb: Vec<&Features> = seg_b.iter().map(|&j| &docs[b][j]).collect();
            let pc = pair_candidates(docs, (a, &seg_a), (b, &seg_b), &local, options);
            pair_links(&fa, &fb, &pc, options)
                .into_iter()
                .map(|(i, j, cos, kind)| Link { a: seg_ref(a, seg_a[i]), b: seg_ref(b, seg_b[j]), cos, kind })
                .collect::<Vec<Link>>()
        })
        .collect();
    // The gap pass, for each document with the documents it shares most links with.
    let n = docs.len();
    let mut ranked: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (k, ((a, b), _)) in pairs.iter().enumerate() {
        ranked[*a].push((first[k].len(), k));
        ranked[*b].push((first[k].len(), k));
    }
    let mut gap_pairs = vec![false; pairs.len()];
    for r in &mut ranked {
        r.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(count, k) in r.iter().take(GAP_DOC_NEIGHBOURS) {
            if count > 0 {
                gap_pairs[k] = true;
            }
        }
    }
    let gaps: Vec<Vec<Link>> = pairs
        .par_iter()
        .enumerate()
        .map(|(k, ((a, b), _))| if gap_pairs[k] { gap_links(docs, *a, *b, &first[k], options) } else { Vec::new() })
        .collect();
    for (f, g) in first.iter_mut().zip(gaps) {
        f.extend(g);
    }
    first.into_iter().flatten().collect()
}

/// Candidate lists of a pair of documents, in local numbering: `a` and `b` are each a
/// document with the segments (global indices) its local numbers stand for.
fn pair_candidates(
    docs: &[Vec<Features>],
    (a, seg_a): (usize, &[usize]),
    (b, seg_b): (usize, &[usize]),
    list: &[PairCandidate],
    options: &AlignOptions,
) -> PairCandidates {
    let mut of_a: Vec<Vec<(usize, f32, f32)>> = vec![Vec::new(); seg_a.len()];
    let mut of_b: Vec<Vec<(usize, f32, f32)>> = vec![Vec::new(); seg_b.len()];
    for &(i, j, cos) in list {
        let (f, g) = (&docs[a][seg_a[i]], &docs[b][seg_b[j]]);
        if cos <= 0.0 || (cos < CONFLICT_OVERRIDE && names_conflict(f, g)) {
            continue;
        }
        let mut score = cos;
        if f.theme == g.theme {
            score += options.same_theme_bonus;
        }
        score += ORDER_BONUS * (1.0 - (f.position - g.position).abs());
        score += CONTEXT_BONUS * context(docs, seg_ref(a, seg_a[i]), seg_ref(b, seg_b[j]));
        of_a[i].push((j, score, cos));
        of_b[j].push((i, score, cos));
    }
    for l in of_a.iter_mut().chain(of_b.iter_mut()) {
        l.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    }
    PairCandidates { of_a, of_b }
}

/// Links of one pair of documents in local numbering: (segment of a, segment of b,
/// cosine, kind).
fn pair_links(
    fa: &[&Features],
    fb: &[&Features],
    pc: &PairCandidates,
    options: &AlignOptions,
) -> Vec<(usize, usize, f32, LinkKind)> {
    let (na, nb) = (fa.len(), fb.len());
    // Memberships: (segment of a, segment of b, gain, cosine).
    let mut members: Vec<(usize, usize, f32, f32)> = Vec::new();
    merge_sets(fa, fb, &pc.of_b, &pc.of_a, options, |i, j, gain, cos| members.push((i, j, gain, cos)));
    merge_sets(fb, fa, &pc.of_a, &pc.of_b, options, |j, i, gain, cos| members.push((i, j, gain, cos)));
    // The same pair may be found from both sides: keep it once, with its larger gain.
    members.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
    members.dedup_by_key(|m| (m.0, m.1));
    // A segment that is not itself a merger keeps its best membership only.
    let mut best_of_a: Vec<Option<(usize, f32)>> = vec![None; na];
    let mut best_of_b: Vec<Option<(usize, f32)>> = vec![None; nb];
    for &(i, j, gain, _) in &members {
        if best_of_a[i].is_none_or(|(_, g)| gain > g) {
            best_of_a[i] = Some((j, gain));
        }
        if best_of_b[j].is_none_or(|(_, g)| gain > g) {
            best_of_b[j] = Some((i, gain));
        }
    }
    let mut fan_a = vec![0usize; na];
    let mut fan_b = vec![0usize; nb];
    for &(i, j, _, _) in &members {
        fan_a[i] += 1;
        fan_b[j] += 1;
    }
    let mut out: Vec<(usize, usize, f32, LinkKind)> = Vec::new();
    for &(i, j, _, cos) in &members {
        let i_merges = fan_a[i] > 1 && best_of_a[i].is_some();
        let j_merges = fan_b[j] > 1 && best_of_b[j].is_some();
        let keep_i = i_merges && !j_merges || best_of_a[i].is_some_and(|(bj, _)| bj == j);
        let keep_j = j_merges && !i_merges || best_of_b[j].is_some_and(|(bi, _)| bi == i);
        if keep_i && keep_j {
            let kind = if i_merges != j_merges { LinkKind::Merge } else { LinkKind::Mutual };
            out.push((i, j, cos, kind));
        } else if cos >= options.duplicate_min {
            out.push((i, j, cos, LinkKind::Duplicate));
        }
    }
    for (i, list) in pc.of_a.iter().enumerate() {
        for &(j, _, cos) in list {
            if cos >= options.duplicate_min {
                out.push((i, j, cos, LinkKind::Duplicate));
            }
        }
    }
    // One link per segment pair; the first found (mutual or merge) wins over duplicate.
    let mut seen: HashMap<(usize, usize), ()> = HashMap::default();
    out.retain(|l| seen.insert((l.0, l.1), ()).is_none());
    out.sort_by_key(|l| (l.0, l.1));
    out
}

/// The gap pass: segments left without a partner are paired with a leftover segment of
/// the other document that stands in the same gap between aligned neighbours, has the
/// same theme and shares some words, as a diff tool pairs changed lines between
/// unchanged ones.
fn gap_links(docs: &[Vec<Features>], a: usize, b: usize, first: &[Link], options: &AlignOptions) -> Vec<Link> {
    let (da, db) = (&docs[a], &docs[b]);
    let (na, nb) = (da.len(), db.len());
    let mut linked_a = vec![false; na];
    let mut linked_b = vec![false; nb];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for l in first {
        let (i, j) = (l.a.1 as usize, l.b.1 as usize);
        linked_a[i] = true;
        linked_b[j] = true;
        pairs.push((i, j));
    }
    let anchors = monotone_anchors(pairs);
    let window = |i: usize| -> (usize, usize) {
        let k = anchors.partition_point(|&(ai, _)| ai < i);
        let lo = k.checked_sub(1).map_or(0, |p| anchors[p].1 + 1);
        let next = anchors[k..].iter().find(|&&(ai, _)| ai > i);
        let hi = next.map_or(nb, |&(_, bj)| bj);
        (lo, hi.max(lo))
    };
    let score = |i: usize, j: usize| -> Option<f32> {
        let cos = da[i].vector.cosine(&db[j].vector);
        if cos < CONFLICT_OVERRIDE && names_conflict(&da[i], &db[j]) {
            return None;
        }
        let same_theme = da[i].theme == db[j].theme;
        let ok = (same_theme && cos >= options.gap_min) || cos >= options.gap_min * GAP_OTHER_THEME_FACTOR;
        ok.then_some(cos + if same_theme { GAP_THEME_BONUS } else { 0.0 })
    };
    let mut best_a: Vec<Option<(usize, f32)>> = vec![None; na];
    let mut best_b: Vec<Option<(usize, f32)>> = vec![None; nb];
    for i in (0..na).filter(|&i| !linked_a[i]) {
        let (lo, hi) = window(i);
        if hi - lo > MAX_GAP {
            continue;
        }
        for j in (lo..hi).filter(|&j| !linked_b[j]) {
            if let Some(s) = score(i, j) {
                if best_a[i].is_none_or(|(_, bs)| s > bs) {
                    best_a[i] = Some((j, s));
                }
                if best_b[j].is_none_or(|(_, bs)| s > bs) {
                    best_b[j] = Some((i, s));
                }
            }
        }
    }
    (0..na)
        .filter_map(|i| {
            let (j, _) = best_a[i]?;
            (best_b[j]?.0 == i).then(|| Link {
                a: seg_ref(a, i),
                b: seg_ref(b, j),
                cos: da[i].vector.cosine(&db[j].vector),
                kind: LinkKind::Gap,
            })
        })
        .collect()
}

/// The longest chain of pairs increasing in both documents: the aligned neighbours
/// that bound each gap.
fn monotone_anchors(mut pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    // Patience-sorting longest increasing subsequence on the second element.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < j);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied();
    while let Some(x) = k {
        out.push(pairs[x]);
        k = prev[x];
    }
    out.reverse();
    out
}

/// For each segment `j` of one document, picks the segments `i` of the other that it
/// states: its best match (when that match also prefers it, or is contained in it),
/// then up to [`MAX_MERGE_PARTS`] in all while each adds enough to the similarity of
/// their sum (one sentence merging several). Calls `emit(i, j, gain, cosine)` for each.
fn merge_sets(
    parts_doc: &[&Features],
    whole_doc: &[&Features],
    of_whole: &[Vec<(usize, f32, f32)>],
    of_part: &[Vec<(usize, f32, f32)>],
    options: &AlignOptions,
    mut emit: impl FnMut(usize, usize, f32, f32),
) {
    for (j, cands) in of_whole.iter().enumerate() {
        let Some(&(seed, seed_score, seed_cos)) = cands.first() else { continue };
        let whole = &whole_doc[j].vector;
        let seed_prefers_j = of_part[seed].first().is_some_and(|&(bj, _, _)| bj == j);
        let seed_containment = parts_doc[seed].vector.containment_in(whole);
        let seed_ok = if seed_prefers_j {
            seed_cos >= options.mutual_min || seed_score >= options.mutual_min + MUTUAL_SCORE_SLACK
        } else {
            // Not its best match: only when it is clearly a part of the longer segment
            // and has no near-duplicate of its own elsewhere.
            let taken = of_part[seed].first().is_some_and(|&(_, _, c)| c >= options.duplicate_min);
            !taken
                && seed_cos >= options.merge_min
                && seed_containment >= options.merge_containment.max(MERGE_SEED_CONTAINMENT)
        };
        if !seed_ok {
            continue;
        }
        emit(seed, j, seed_cos, seed_cos);
        let mut sum = parts_doc[seed].vector.clone();
        let mut current = seed_cos;
        let mut parts = 1;
        for &(i, _, cos) in cands.iter().skip(1).take(MERGE_TRIES) {
            if parts >= MAX_MERGE_PARTS || cos < options.merge_min * MERGE_PART_RELAX {
                break;
            }
            if parts_doc[i].vector.containment_in(whole) < options.merge_containment * MERGE_CONTAINMENT_RELAX
                || of_part[i].first().is_some_and(|&(bj, _, c)| bj != j && c >= options.duplicate_min)
            {
                continue;
            }
            let trial = sum.add(&parts_doc[i].vector);
            let combined = trial.clone().normalised().cosine(whole);
            let gain = combined - current;
            if gain >= MERGE_GAIN_MIN {
                emit(i, j, gain, cos);
                sum = trial;
                current = combined;
                parts += 1;
            }
        }
    }
}
