//! Candidate pairs from one global index over all segments of all documents.
//!
//! Segments with the same vector (boilerplate, templated clauses) are indexed once: a
//! distinct vector finds its nearest distinct vectors through an inverted index, and
//! each segment then takes, from the segments of other documents holding those vectors,
//! the best few by similarity and closeness in document order. Work and memory grow
//! with the number of segments times a fixed number of neighbours, never with the
//! square of the number of documents.

use crate::core::align::features::Features;
use crate::core::align::{SegRef, at, seg_ref};
use crate::core::fast_hash::FxHashMap as HashMap;
use rayon::prelude::*;

/// Nearest distinct vectors kept for each distinct vector: enough for a clause's
/// rewordings in a family of templated documents.
const VECTOR_NEIGHBOURS: usize = 24;
/// Most candidate segments kept per segment: a twelve-document family with a copy or
/// two of each clause fits; among many identical copies the nearest in document order
/// come first.
pub const SEGMENT_CANDIDATES: usize = 24;
/// A term held by more than this share of distinct vectors says little and is not
/// used to find candidates (it still counts in the similarity).
const COMMON_TERM_SHARE: f32 = 0.25;
/// …but a term in this few vectors is always used (small comparisons).
const COMMON_TERM_MIN: usize = 8;
/// How many of a segment's best similarities make its neighbourhood (the margin's
/// denominator, as in LASER bitext mining).
pub const NEIGHBOURHOOD: usize = 4;
/// Weight of closeness in document order when choosing among equally similar copies.
const ORDER_TIEBREAK: f32 = 0.01;

/// A possible counterpart of a segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The segment in another document.
    pub other: SegRef,
    /// Cosine similarity of the two vectors.
    pub cos: f32,
}

/// The candidates of every segment, and each segment's neighbourhood similarity.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Per document, per segment: candidates in other documents, most similar first.
    pub of: Vec<Vec<Vec<Candidate>>>,
    /// Per document, per segment: mean of its [`NEIGHBOURHOOD`] best similarities
    /// (hubs that resemble everything have a high one).
    pub neighbourhood: Vec<Vec<f32>>,
}

/// Finds the candidates of every segment. `cancel` is polled between blocks of work.
pub fn find(docs: &[Vec<Features>], cancel: &(dyn Fn() -> bool + Sync)) -> Option<Candidates> {
    // Distinct vectors, keyed by their exact entries.
    let mut vid_of: HashMap<Vec<(u32, u32)>, usize> = HashMap::default();
    let mut reps: Vec<SegRef> = Vec::new();
    let mut seg_vid: Vec<Vec<usize>> = Vec::with_capacity(docs.len());
    for (d, doc) in docs.iter().enumerate() {
        let mut v = Vec::with_capacity(doc.len());
        for (s, f) in doc.iter().enumerate() {
            let key: Vec<(u32, u32)> = f.vector.entries().iter().map(|&(t, w)| (t, w.to_bits())).collect();
            let next = reps.len();
            let id = *vid_of.entry(key).or_insert(next);
            if id == next {
                reps.push(seg_ref(d, s));
            }
            v.push(id);
        }
        seg_vid.push(v);
    }
    drop(vid_of);
    let vec_of = |vid: usize| &at(docs, reps[vid]).vector;
    let nv = reps.len();

    // Inverted index over distinct vectors.
    let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::default();
    for vid in 0..nv {
        for &(t, w) in vec_of(vid).entries() {
            postings.entry(t).or_default().push((vid, w));
        }
    }
    let common = ((nv as f32 * COMMON_TERM_SHARE) as usize).max(COMMON_TERM_MIN);
    if cancel() {
        return None;
    }
    // Nearest distinct vectors (itself included, at similarity 1).
    let neighbours: Vec<Vec<(usize, f32)>> = (0..nv)
        .into_par_iter()
        .map_init(
            || (vec![0.0f32; nv], Vec::<usize>::new()),
            |(partial, touched), v| {
                for &(t, w) in vec_of(v).entries() {
                    if let Some(list) = postings.get(&t).filter(|l| l.len() <= common) {
                        for &(u, wu) in list {
                            if partial[u] == 0.0 {
                                touched.push(u);
                            }
                            partial[u] += w * wu;
                        }
                    }
                }
                touched.sort_unstable_by(|&x, &y| partial[y].total_cmp(&partial[x]).then(x.cmp(&y)));
                let mut out: Vec<(usize, f32)> = touched
                    .iter()
                    .take(VECTOR_NEIGHBOURS)
                    .map(|&u| (u, vec_of(v).cosine(vec_of(u))))
                    .filter(|&(_, c)| c > 0.0)
                    .collect();
                if !out.iter().any(|&(u, _)| u == v) && !vec_of(v).is_empty() {
                    out.push((v, 1.0));
                }
                out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                for &u in touched.iter() {
                    partial[u] = 0.0;
                }
                touched.clear();
                out
            },
        )
        .collect();
    drop(postings);
    if cancel() {
        return None;
    }
    // Segments holding each distinct vector, ordered by position.
    let mut holders: Vec<Vec<SegRef>> = vec![Vec::new(); nv];
    for (d, vids) in seg_vid.iter().enumerate() {
        for (s, &v) in vids.iter().enumerate() {
            holders[v].push(seg_ref(d, s));
        }
    }
    let pos = |r: SegRef| at(docs, r).position;
    holders.par_iter_mut().for_each(|h| h.sort_by(|&x, &y| pos(x).total_cmp(&pos(y)).then(x.cmp(&y))));

    let of: Vec<Vec<Vec<Candidate>>> = (0..docs.len())
        .into_par_iter()
        .map(|d| {
            (0..docs[d].len())
                .map(|s| {
                    let here = pos(seg_ref(d, s));
                    let mut pool: Vec<(f32, Candidate)> = Vec::new();
                    for &(u, cos) in &neighbours[seg_vid[d][s]] {
                        // Vectors come most similar first, and no holder of this one can
                        // rank above its cosine: once the pool's K-th best does, stop.
                        if pool.len() >= SEGMENT_CANDIDATES {
                            let mut ranks: Vec<f32> = pool.iter().map(|p| p.0).collect();
                            ranks.select_nth_unstable_by(SEGMENT_CANDIDATES - 1, |a, b| b.total_cmp(a));
                            if ranks[SEGMENT_CANDIDATES - 1] >= cos {
                                break;
                            }
                        }
                        let h = &holders[u];
                        // The copies nearest in document order, outwards from here.
                        let mid = h.partition_point(|&r| pos(r) < here);
                        let (mut lo, mut hi) = (mid, mid);
                        let mut taken = 0;
                        while taken < SEGMENT_CANDIDATES && (lo > 0 || hi < h.len()) {
                            let left = lo.checked_sub(1).map(|i| (here - pos(h[i])).abs());
                            let right = h.get(hi).map(|&r| (pos(r) - here).abs());
                            let pick = match (left, right) {
                                (Some(l), Some(r)) if l <= r => {
                                    lo -= 1;
                                    h[lo]
                                }
                                (_, Some(_)) => {
                                    hi += 1;
                                    h[hi - 1]
                                }
                                (Some(_), None) => {
                                    lo -= 1;
                                    h[lo]
                                }
                                (None, None) => break,
                            };
                            if pick.0 as usize != d {
                                taken += 1;
                                let rank = cos - ORDER_TIEBREAK * (pos(pick) - here).abs();
                                pool.push((rank, Candidate { other: pick, cos }));
                            }
                        }
                    }
                    pool.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.other.cmp(&b.1.other)));
                    // A fresh vector: collecting in place would keep the pool's capacity.
                    let mut kept = Vec::with_capacity(pool.len().min(SEGMENT_CANDIDATES));
                    kept.extend(pool.iter().take(SEGMENT_CANDIDATES).map(|&(_, c)| c));
                    kept
                })
                .collect()
        })
        .collect();
    if cancel() {
        return None;
    }
    let neighbourhood: Vec<Vec<f32>> = of
        .iter()
        .map(|doc| {
            doc.iter()
                .map(|c| {
                    let k = c.len().min(NEIGHBOURHOOD);
                    if k == 0 { 0.0 } else { c.iter().take(k).map(|c| c.cos).sum::<f32>() / k as f32 }
                })
                .collect()
        })
        .collect();
    Some(Candidates { of, neighbourhood })
}
