//! Row formation: agglomerative clustering with average linkage that never puts two
//! segments of one document in a row (MSCD-HAC, Saeedi, David & Rahm 2021), except the
//! two or three parts of a merge.
//!
//! Union–find over pairwise links is single linkage: A–B and B–C chain A, B and C into
//! one row even when A and C have nothing in common, and in a family of twelve
//! templated statements every clause ends up in one giant row. Here a row grows only
//! when the *average* probability across the two rows being joined (from the pair model)
//! is at least `row_min`; rows sharing a document are never joined. The average is over
//! pairs of documents, each counting its best pair of segments: the two or three parts of
//! a merge state one commitment together, and a counterpart states one of them.
//! Best joins go first (a lazy priority queue re-scores a stale pair before using it).
//! Between small rows the average is exact (every cross pair scored); between rows with
//! more than [`EXACT_LINKAGE_PAIRS`] cross pairs, or in comparisons of more than
//! [`EXACT_LINKAGE_MAX_DOCUMENTS`] documents, it comes from the candidate pairs alone,
//! summed per pair of rows as rows are joined (pairs that were never candidates count
//! as 0), so each join costs the same whatever the size of the rows.
//! A row's confidence is the average probability over all its pairs.
//!
//! A pair proposes a join when its probability is at least `pair_min`, or, towards a
//! row of two or more, `attach_min`: a sentence whose counterparts are copies of one
//! another is judged against their row as a whole, not pair by pair.
//!
//! Rows only ever join along a proposed join, so the segments are first split into the
//! connected components of those (union–find here only splits the work; it never forms
//! a row), and each component is clustered on its own, in parallel.

use crate::core::align::SegRef;
use crate::core::fast_hash::FxHashMap as HashMap;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::sync::atomic::{AtomicUsize, Ordering as Memory};

/// Up to this many cross pairs, the average linkage of two rows is computed exactly: a
/// row of twelve documents joining a lone segment, or two rows of eight.
pub const EXACT_LINKAGE_PAIRS: usize = 64;

/// A join whose average fell by less than this since it was queued is taken as it is:
/// re-queueing it would cost more than the order gains.
const STALE_TOLERANCE: f32 = 0.02;

/// The cancel flag is polled once per this many queued joins (a few milliseconds).
const CANCEL_EVERY: usize = 1 << 16;

/// Beyond this many documents every average comes from the candidate pairs: scoring each
/// cross pair of small rows would cost more than the rest of the alignment, and in a
/// corpus that size a segment's candidates already hold its likely counterparts.
pub const EXACT_LINKAGE_MAX_DOCUMENTS: usize = 32;

/// The probabilities a join needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JoinRule {
    /// Least probability for two lone segments to be paired.
    pub pair_min: f32,
    /// Least average probability across two rows, one of them of two or more, to join
    /// them (over pairs of documents, each its best pair of segments, where the average
    /// is exact; over all cross pairs of segments otherwise).
    pub row_min: f32,
    /// Least probability for a pair to propose joining a row of two or more segments
    /// (the join itself still needs `row_min` on average).
    pub attach_min: f32,
}

impl JoinRule {
    /// Least probability for a pair to propose any join.
    fn propose_min(&self) -> f32 {
        self.pair_min.min(self.attach_min)
    }
}

/// How the caller follows and stops the clustering.
#[derive(Clone, Copy)]
pub struct Control<'a> {
    /// Polled now and then; when it says so, the clustering stops.
    pub cancel: &'a (dyn Fn() -> bool + Sync),
    /// Told the share of segments clustered (0 to 1).
    pub progress: &'a (dyn Fn(f32) + Sync),
}

/// A row found by the clustering.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Its segments, sorted.
    pub members: Vec<SegRef>,
    /// Mean probability over its pairs of segments of different documents (1 for a
    /// row of one document).
    pub confidence: f32,
}

/// A candidate join, ordered by score, then by a key that does not depend on the
/// order the documents were given in.
#[derive(Clone, Copy)]
struct Entry {
    score: f32,
    key: u64,
    /// The two segments, numbered across all documents (not an index into the edges:
    /// a random read of those is a cache miss on each of millions of joins).
    x: u32,
    y: u32,
}

impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        self.score.total_cmp(&o.score).then_with(|| o.key.cmp(&self.key))
    }
}

/// Joins put back with a lower score, best first: a bucket queue over the score (a
/// binary heap of millions of entries costs a cache miss a level, and was a quarter of
/// the clustering of 1,000 documents). Entries go into one of [`BUCKETS`] buckets by
/// score; the highest non-empty bucket is sorted when it is reached, so entries come out
/// in exactly the order a heap would give.
#[derive(Default)]
struct Requeue {
    buckets: Vec<Vec<Entry>>,
    /// The bucket being read, sorted ascending (the best last), and its number.
    ready: Vec<Entry>,
    ready_bucket: usize,
    /// No bucket above this holds anything.
    top: usize,
}

/// Buckets of the requeue: scores are probabilities, so a bucket spans 1/4096.
const BUCKETS: usize = 4096;

impl Requeue {
    fn bucket(score: f32) -> usize {
        ((score.clamp(0.0, 1.0) * (BUCKETS - 1) as f32) as usize).min(BUCKETS - 1)
    }

    fn push(&mut self, e: Entry) {
        if self.buckets.is_empty() {
            self.buckets = vec![Vec::new(); BUCKETS];
        }
        let b = Self::bucket(e.score);
        if !self.ready.is_empty() && b == self.ready_bucket {
            let at = self.ready.partition_point(|x| x < &e);
            self.ready.insert(at, e);
            return;
        }
        if !self.ready.is_empty() && b > self.ready_bucket {
            // A better bucket than the one being read: read that one first.
            let back = std::mem::take(&mut self.ready);
            self.buckets[self.ready_bucket].extend(back);
        }
        self.buckets[b].push(e);
        self.top = self.top.max(b);
    }

    fn fill(&mut self) {
        while self.ready.is_empty() && !self.buckets.is_empty() {
            let b = self.top;
            if !self.buckets[b].is_empty() {
                self.ready = std::mem::take(&mut self.buckets[b]);
                self.ready.sort_unstable();
                self.ready_bucket = b;
            } else if b == 0 {
                break;
            } else {
                self.top -= 1;
            }
        }
    }

    fn peek(&mut self) -> Option<&Entry> {
        self.fill();
        self.ready.last()
    }

    fn pop(&mut self) -> Option<Entry> {
        self.fill();
        self.ready.pop()
    }
}

struct Row {
    members: Vec<SegRef>,
    /// Sum of candidate-pair probabilities to each neighbouring row (f32: 8 bytes an
    /// entry, and the 15 million entries of 1,000 × 300 are most of the clustering's memory).
    adjacent: HashMap<u32, f32>,
    /// The documents it holds, as a bit set.
    docs: Vec<u64>,
    pair_sum: f64,
    pairs: f64,
    version: u32,
}

/// Clusters segments into rows.
///
/// - `doc_lens`: segments per document;
/// - `units`: groups formed beforehand (a sentence with the two or three parts it
///   merges), each a starting row;
/// - `edges`: candidate pairs with their probability;
/// - `prob`: the probability of any pair (for exact average linkage);
/// - `stable_key`: a key of a segment that does not depend on document order;
/// - `rule`: the probabilities a join needs;
/// - `control`: cancel (polled now and then; when it says so, `None` is returned) and
///   progress (told the share of segments clustered, as components finish).
///
/// Rows are only ever joined along a proposed join (a pair at `pair_min` or more, or at
/// `attach_min` or more towards a row of two or more, or a merge unit), so each connected
/// component of those is clustered on its own, the components in parallel, largest first.
pub fn cluster(
    doc_lens: &[usize],
    units: &[Vec<SegRef>],
    edges: &[(SegRef, SegRef, f32)],
    prob: &(dyn Fn(SegRef, SegRef) -> f32 + Sync),
    stable_key: &(dyn Fn(SegRef) -> u64 + Sync),
    rule: JoinRule,
    control: Control<'_>,
) -> Option<Vec<Cluster>> {
    let Control { cancel, progress } = control;
    let offsets: Vec<usize> = doc_lens
        .iter()
        .scan(0, |acc, &n| {
            let o = *acc;
            *acc += n;
            Some(o)
        })
        .collect();
    let gid = |r: SegRef| offsets[r.0 as usize] + r.1 as usize;
    let refs: Vec<SegRef> =
        doc_lens.iter().enumerate().flat_map(|(d, &n)| (0..n).map(move |s| (d as u32, s as u32))).collect();
    // Components of the proposed joins (union–find with path halving).
    let mut parent: Vec<u32> = (0..refs.len() as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    let union = |parent: &mut [u32], a: usize, b: usize| {
        let (ra, rb) = (find(parent, a as u32), find(parent, b as u32));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    };
    for &(x, y, p) in edges {
        if p >= rule.propose_min() {
            union(&mut parent, gid(x), gid(y));
        }
    }
    for unit in units {
        for w in unit.windows(2) {
            union(&mut parent, gid(w[0]), gid(w[1]));
        }
    }
    // Each segment's component, and its number within it.
    let mut comp_of: Vec<u32> = vec![u32::MAX; refs.len()];
    let mut local_of: Vec<u32> = vec![0; refs.len()];
    let mut parts: Vec<Vec<u32>> = Vec::new();
    for g in 0..refs.len() {
        let root = find(&mut parent, g as u32) as usize;
        if comp_of[root] == u32::MAX {
            comp_of[root] = parts.len() as u32;
            parts.push(Vec::new());
        }
        let c = comp_of[root];
        comp_of[g] = c;
        local_of[g] = parts[c as usize].len() as u32;
        parts[c as usize].push(g as u32);
    }
    drop(parent);
    let mut part_edges: Vec<Vec<u32>> = vec![Vec::new(); parts.len()];
    for (k, &(x, y, _)) in edges.iter().enumerate() {
        let c = comp_of[gid(x)];
        if c == comp_of[gid(y)] {
            part_edges[c as usize].push(k as u32);
        }
    }
    let mut part_units: Vec<Vec<&Vec<SegRef>>> = vec![Vec::new(); parts.len()];
    for unit in units {
        if let Some(&first) = unit.first() {
            part_units[comp_of[gid(first)] as usize].push(unit);
        }
    }
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(parts[c].len()), c));
    let shared = Shared {
        refs: &refs,
        offsets: &offsets,
        local_of: &local_of,
        edges,
        prob,
        stable_key,
        rule,
        exact: doc_lens.len() <= EXACT_LINKAGE_MAX_DOCUMENTS,
        words: doc_lens.len().div_ceil(64),
        cancel,
    };
    // Progress as segments are clustered, told once per hundredth at most.
    let total = refs.len().max(1);
    let done = AtomicUsize::new(0);
    let told = AtomicUsize::new(0);
    let finished = |n: usize| {
        let now = done.fetch_add(n, Memory::Relaxed) + n;
        let hundredth = now * 100 / total;
        if told.fetch_max(hundredth, Memory::Relaxed) < hundredth {
            progress(now as f32 / total as f32);
        }
    };
    let clustered: Vec<Option<Vec<Cluster>>> = order
        .par_iter()
        .map(|&c| {
            if parts[c].len() == 1 {
                finished(1);
                return Some(vec![Cluster { members: vec![refs[parts[c][0] as usize]], confidence: 1.0 }]);
            }
            if cancel() {
                return None;
            }
            let part = cluster_part(&parts[c], &part_units[c], &part_edges[c], &shared);
            finished(parts[c].len());
            part
        })
        .collect();
    let mut out = Vec::with_capacity(refs.len());
    for part in clustered {
        out.extend(part?);
    }
    Some(out)
}

/// What every component's clustering reads.
struct Shared<'a> {
    /// Segment of each number across all documents.
    refs: &'a [SegRef],
    /// Number across all documents of each document's first segment.
    offsets: &'a [usize],
    /// Number of each segment within its component.
    local_of: &'a [u32],
    edges: &'a [(SegRef, SegRef, f32)],
    prob: &'a (dyn Fn(SegRef, SegRef) -> f32 + Sync),
    stable_key: &'a (dyn Fn(SegRef) -> u64 + Sync),
    rule: JoinRule,
    /// Whether small rows' averages are computed over every cross pair.
    exact: bool,
    /// Words of a row's document bit set.
    words: usize,
    cancel: &'a (dyn Fn() -> bool + Sync),
}

/// Clusters one component: `segs` are its segments (numbers across all documents),
/// `units` its merge units, `edge_ids` its candidate pairs.
fn cluster_part(segs: &[u32], units: &[&Vec<SegRef>], edge_ids: &[u32], shared: &Shared<'_>) -> Option<Vec<Cluster>> {
    let Shared { refs, offsets, local_of, edges, prob, stable_key, rule, exact, words, cancel } = *shared;
    let JoinRule { pair_min, row_min, .. } = rule;
    let propose_min = rule.propose_min();
    let local = |r: SegRef| local_of[offsets[r.0 as usize] + r.1 as usize] as usize;
    let mut row_of: Vec<usize> = vec![usize::MAX; segs.len()];
    let mut rows: Vec<Row> = Vec::new();
    for unit in units {
        if unit.iter().any(|&r| row_of[local(r)] != usize::MAX) {
            continue;
        }
        let mut members = (*unit).clone();
        members.sort_unstable();
        let mut docs = vec![0u64; words];
        members.iter().for_each(|r| docs[r.0 as usize / 64] |= 1 << (r.0 % 64));
        let (mut pair_sum, mut pairs) = (0.0, 0.0);
        for (k, &x) in members.iter().enumerate() {
            for &y in &members[k + 1..] {
                if x.0 != y.0 {
                    pair_sum += prob(x, y) as f64;
                    pairs += 1.0;
                }
            }
        }
        for &r in &members {
            row_of[local(r)] = rows.len();
        }
        rows.push(Row { members, adjacent: HashMap::default(), docs, pair_sum, pairs, version: 0 });
    }
    for (l, &g) in segs.iter().enumerate() {
        if row_of[l] == usize::MAX {
            let r = refs[g as usize];
            let d = r.0 as usize;
            row_of[l] = rows.len();
            rows.push(Row {
                members: vec![r],
                adjacent: HashMap::default(),
                docs: {
                    let mut b = vec![0u64; words];
                    b[d / 64] |= 1 << (d % 64);
                    b
                },
                pair_sum: 0.0,
                pairs: 0.0,
                version: 0,
            });
        }
    }
    for &k in edge_ids {
        let (x, y, p) = edges[k as usize];
        let (rx, ry) = (row_of[local(x)], row_of[local(y)]);
        if rx != ry {
            for (a, b) in [(rx, ry), (ry, rx)] {
                *rows[a].adjacent.entry(b as u32).or_insert(0.0) += p;
            }
        }
    }
    let key = |x: SegRef, y: SegRef| {
        let (a, b) = (stable_key(x), stable_key(y));
        a.min(b).rotate_left(29) ^ a.max(b)
    };
    // The proposed joins, best first: a sorted list read in order, and a bucket queue for
    // those put back with a lower score.
    let mut queue: Vec<Entry> = edge_ids
        .iter()
        .map(|&k| edges[k as usize])
        .filter(|e| e.2 >= propose_min)
        .map(|(x, y, p)| Entry { score: p, key: key(x, y), x: local(x) as u32, y: local(y) as u32 })
        .collect();
    queue.sort_unstable_by(|a, b| b.cmp(a));
    let mut next = 0usize;
    let mut heap = Requeue::default();
    // Pairs of rows already refused, or already put back, at their current versions:
    // (lower row, higher row) → (their versions). A row's version only grows, so the
    // latest entry is the only one that can match (9 million put back at 1,000 × 300:
    // a set of whole tags took 400 MB).
    let mut refused: HashMap<u64, u64> = HashMap::default();
    let mut requeued: HashMap<u64, u64> = HashMap::default();
    let pack = |a: usize, b: usize| (a as u64) << 32 | b as u64;
    let mut popped = 0usize;
    loop {
        let from_queue = match (heap.peek(), queue.get(next)) {
            (Some(h), Some(q)) => q >= h,
            (h, q) => q.is_some() && h.is_none(),
        };
        let e = if from_queue {
            next += 1;
            queue[next - 1]
        } else {
            match heap.pop() {
                Some(e) => e,
                None => break,
            }
        };
        popped += 1;
        if popped.is_multiple_of(CANCEL_EVERY) && cancel() {
            return None;
        }
        let (rx, ry) = (row_of[e.x as usize], row_of[e.y as usize]);
        if rx == ry || share_a_document(&rows[rx], &rows[ry]) {
            continue;
        }
        let (lo, hi) = (rx.min(ry), rx.max(ry));
        let (pair, versions) = (pack(lo, hi), pack(rows[lo].version as usize, rows[hi].version as usize));
        if refused.get(&pair) == Some(&versions) {
            continue;
        }
        let singles = rows[rx].members.len() == 1 && rows[ry].members.len() == 1;
        let (sum, n, avg) = if exact && rows[rx].members.len() * rows[ry].members.len() <= EXACT_LINKAGE_PAIRS {
            exact_linkage(&rows[rx].members, &rows[ry].members, prob)
        } else {
            let s = rows[rx].adjacent.get(&(ry as u32)).map_or(0.0, |&a| a as f64);
            let n = (rows[rx].members.len() * rows[ry].members.len()) as f64;
            (s, n, if n > 0.0 { (s / n) as f32 } else { 0.0 })
        };
        if avg < if singles { pair_min } else { row_min } {
            refused.insert(pair, versions);
            continue;
        }
        // Stale: others may now be better; put it back with its true score, once per
        // pair of rows (the other pairs of segments between them add nothing).
        let top = match (heap.peek(), queue.get(next)) {
            (Some(h), Some(q)) => Some(h.score.max(q.score)),
            (h, q) => h.or(q).map(|x| x.score),
        };
        if avg < e.score - STALE_TOLERANCE && top.is_some_and(|t| t > avg) {
            if requeued.insert(pair, versions) != Some(versions) {
                heap.push(Entry { score: avg, ..e });
            }
            continue;
        }
        // Join the smaller row into the larger.
        let (keep, gone) = if rows[rx].members.len() >= rows[ry].members.len() { (rx, ry) } else { (ry, rx) };
        let moved = std::mem::take(&mut rows[gone].members);
        let (cross_sum, cross_n) = (sum, n);
        // The neighbours of the row that goes become the kept row's.
        let gone_adjacent = std::mem::take(&mut rows[gone].adjacent);
        let (keep32, gone32) = (keep as u32, gone as u32);
        for (nb, s) in gone_adjacent {
            if nb == keep32 {
                continue;
            }
            *rows[keep].adjacent.entry(nb).or_insert(0.0) += s;
            let back = &mut rows[nb as usize].adjacent;
            if let Some(bs) = back.remove(&gone32) {
                *back.entry(keep32).or_insert(0.0) += bs;
            }
        }
        rows[keep].adjacent.remove(&gone32);
        for &r in &moved {
            row_of[local(r)] = keep;
        }
        let gone_docs = std::mem::take(&mut rows[gone].docs);
        let (gone_sum, gone_pairs) = (rows[gone].pair_sum, rows[gone].pairs);
        let k = &mut rows[keep];
        k.members = merge_sorted(&k.members, &moved);
        k.docs.iter_mut().zip(&gone_docs).for_each(|(a, b)| *a |= b);
        k.pair_sum += gone_sum + cross_sum;
        k.pairs += gone_pairs + cross_n;
        k.version += 1;
        rows[gone].version += 1;
    }
    let out = rows
        .into_iter()
        .filter(|r| !r.members.is_empty())
        .map(|r| Cluster {
            confidence: if r.pairs > 0.0 { (r.pair_sum / r.pairs) as f32 } else { 1.0 },
            members: r.members,
        })
        .collect();
    Some(out)
}

/// The union of two sorted lists with nothing in common, sorted.
fn merge_sorted<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Whether two rows hold segments of one document. Most proposed joins involve a row
/// of one segment, whose document is one bit to test rather than a scan of both sets.
fn share_a_document(a: &Row, b: &Row) -> bool {
    let holds = |row: &Row, d: usize| row.docs[d / 64] >> (d % 64) & 1 == 1;
    match (a.members.as_slice(), b.members.as_slice()) {
        ([single], _) => holds(b, single.0 as usize),
        (_, [single]) => holds(a, single.0 as usize),
        _ => a.docs.iter().zip(&b.docs).any(|(x, y)| x & y != 0),
    }
}

/// Sum and count of probabilities over all cross pairs of two rows (for the row's
/// confidence), and the linkage that decides the join: the mean over pairs of documents
/// of their best pair of segments.
fn exact_linkage(x: &[SegRef], y: &[SegRef], prob: &(dyn Fn(SegRef, SegRef) -> f32 + Sync)) -> (f64, f64, f32) {
    let mut sum = 0.0;
    // Per pair of documents, the best pair of their segments: the parts of a merge
    // state one commitment together, and a counterpart matches one of them.
    let mut best: Vec<((u32, u32), f32)> = Vec::new();
    for &a in x {
        for &b in y {
            let p = prob(a, b);
            sum += p as f64;
            match best.iter_mut().find(|e| e.0 == (a.0, b.0)) {
                Some(e) => e.1 = e.1.max(p),
                None => best.push(((a.0, b.0), p)),
            }
        }
    }
    let avg = if best.is_empty() { 0.0 } else { best.iter().map(|e| e.1).sum::<f32>() / best.len() as f32 };
    (sum, (x.len() * y.len()) as f64, avg)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: JoinRule = JoinRule { pair_min: 0.5, row_min: 0.5, attach_min: 0.5 };

    /// Probabilities from a table; pairs not in it are 0.
    /// Never cancelled, progress ignored.
    fn quiet() -> Control<'static> {
        Control { cancel: &|| false, progress: &|_| {} }
    }

    fn table(pairs: &[(SegRef, SegRef, f32)]) -> impl Fn(SegRef, SegRef) -> f32 + Sync + '_ {
        move |x, y| pairs.iter().find(|&&(a, b, _)| (a, b) == (x, y) || (a, b) == (y, x)).map_or(0.0, |p| p.2)
    }

    fn run(lens: &[usize], units: &[Vec<SegRef>], pairs: &[(SegRef, SegRef, f32)]) -> Vec<Vec<SegRef>> {
        let p = table(pairs);
        let key = |r: SegRef| (r.0 * 1000 + r.1) as u64;
        let mut out: Vec<Vec<SegRef>> = cluster(lens, units, pairs, &p, &key, RULE, quiet())
            .expect("not cancelled")
            .into_iter()
            .map(|c| c.members)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn links_do_not_chain_through_a_middle_document() {
        // A–B and B–C are strong, A–C is nothing: one of the joins must be refused.
        let pairs = [((0, 0), (1, 0), 0.9), ((1, 0), (2, 0), 0.8)];
        let rows = run(&[1, 1, 1], &[], &pairs);
        assert_eq!(rows, vec![vec![(0, 0), (1, 0)], vec![(2, 0)]]);
    }

    #[test]
    fn a_row_holds_at_most_one_segment_of_each_document() {
        // Two segments of document 0 both resemble the one of document 1.
        let pairs = [((0, 0), (1, 0), 0.9), ((0, 1), (1, 0), 0.85)];
        let rows = run(&[2, 1], &[], &pairs);
        assert_eq!(rows, vec![vec![(0, 0), (1, 0)], vec![(0, 1)]]);
    }

    #[test]
    fn three_documents_that_all_agree_form_one_row() {
        let pairs = [((0, 0), (1, 0), 0.9), ((1, 0), (2, 0), 0.8), ((0, 0), (2, 0), 0.7)];
        assert_eq!(run(&[1, 1, 1], &[], &pairs), vec![vec![(0, 0), (1, 0), (2, 0)]]);
    }

    #[test]
    fn a_segment_below_pair_min_joins_a_row_of_copies_it_resembles() {
        // Documents 0–2 state one sentence word for word; document 3 words it otherwise,
        // at 0.35 with each copy: too little to pair two lone segments, enough to join
        // the row on its average with the whole row.
        let rule = JoinRule { pair_min: 0.5, row_min: 0.1, attach_min: 0.3 };
        let copies = [((0, 0), (1, 0), 0.99), ((0, 0), (2, 0), 0.99), ((1, 0), (2, 0), 0.99)];
        let mut pairs = copies.to_vec();
        pairs.extend([((3, 0), (0, 0), 0.35), ((3, 0), (1, 0), 0.35), ((3, 0), (2, 0), 0.35)]);
        let p = table(&pairs);
        let key = |r: SegRef| (r.0 * 1000 + r.1) as u64;
        let rows = cluster(&[1, 1, 1, 1], &[], &pairs, &p, &key, rule, quiet()).expect("done");
        assert_eq!(rows.len(), 1, "{rows:?}");
        // Alone, the same two wordings are not a pair.
        let lone = [((0, 0), (3, 0), 0.35)];
        let p = table(&lone);
        let rows = cluster(&[1, 0, 0, 1], &[], &lone, &p, &key, rule, quiet()).expect("done");
        assert_eq!(rows.len(), 2, "{rows:?}");
        // Nor does it join when it proposes less than `attach_min`.
        let weak: Vec<_> = pairs.iter().map(|&(x, y, q)| (x, y, if x.0 == 3 { 0.25 } else { q })).collect();
        let p = table(&weak);
        let rows = cluster(&[1, 1, 1, 1], &[], &weak, &p, &key, rule, quiet()).expect("done");
        assert_eq!(rows.len(), 2, "{rows:?}");
    }

    #[test]
    fn a_sentence_joins_a_merge_on_the_part_it_states() {
        // Document 0 states in two sentences what document 1 states in one (a merge
        // unit). Document 2 states the first part only: 0.9 with it, nothing with the
        // second, 0.6 with the whole. Over every cross pair the mean is 0.5; per pair of
        // documents, the best of each, it is 0.75.
        let rule = JoinRule { pair_min: 0.5, row_min: 0.55, attach_min: 0.5 };
        let pairs = [((0, 0), (1, 0), 0.8), ((0, 1), (1, 0), 0.8), ((2, 0), (0, 0), 0.9), ((2, 0), (1, 0), 0.6)];
        let p = table(&pairs);
        let key = |r: SegRef| (r.0 * 1000 + r.1) as u64;
        let unit = vec![(1, 0), (0, 0), (0, 1)];
        let rows = cluster(&[2, 1, 1], &[unit], &pairs, &p, &key, rule, quiet()).expect("done");
        assert_eq!(rows.len(), 1, "{rows:?}");
        // The row's confidence stays the mean over all its pairs of segments.
        let all = [0.8, 0.8, 0.9, 0.0, 0.6];
        let mean = all.iter().sum::<f32>() / all.len() as f32;
        assert!((rows[0].confidence - mean).abs() < 1e-6, "{} vs {mean}", rows[0].confidence);
    }

    #[test]
    fn a_merge_unit_keeps_its_parts_together() {
        let pairs = [((0, 0), (1, 0), 0.7), ((0, 1), (1, 0), 0.7)];
        let rows = run(&[2, 1], &[vec![(1, 0), (0, 0), (0, 1)]], &pairs);
        assert_eq!(rows, vec![vec![(0, 0), (0, 1), (1, 0)]]);
    }

    #[test]
    fn in_a_large_comparison_averages_come_from_the_candidate_pairs() {
        let n = EXACT_LINKAGE_MAX_DOCUMENTS as u32 + 8;
        let lens = vec![1; n as usize];
        let key = |r: SegRef| r.0 as u64;
        let rule = JoinRule { pair_min: 0.5, row_min: 0.1, attach_min: 0.5 };
        // Every pair a candidate: one row of all documents.
        let all: Vec<(SegRef, SegRef, f32)> =
            (0..n).flat_map(|a| (a + 1..n).map(move |b| ((a, 0), (b, 0), 0.9))).collect();
        let p = table(&all);
        let rows = cluster(&lens, &[], &all, &p, &key, rule, quiet()).expect("done");
        assert_eq!(rows.len(), 1);
        // Only a chain of neighbours is a candidate, though every pair would score 0.9:
        // pairs that were never candidates count 0, so no row grows past the point
        // where its average falls under `row_min`. (Scored exactly, it would be one row.)
        let chain: Vec<(SegRef, SegRef, f32)> = (0..n - 1).map(|a| ((a, 0), (a + 1, 0), 0.9)).collect();
        let alike = |_: SegRef, _: SegRef| 0.9;
        let rows = cluster(&lens, &[], &chain, &alike, &key, rule, quiet()).expect("done");
        assert!(rows.len() > 1, "a chain of {n} documents must not become one row");
        let few = vec![1; 3];
        let rows = cluster(&few, &[], &chain[..2], &alike, &key, rule, quiet()).expect("done");
        assert_eq!(rows.len(), 1, "a small comparison scores every pair");
    }

    #[test]
    fn confidence_is_the_mean_probability_of_the_row() {
        let pairs = [((0, 0), (1, 0), 0.9), ((1, 0), (2, 0), 0.8), ((0, 0), (2, 0), 0.7)];
        let p = table(&pairs);
        let c = cluster(&[1, 1, 1], &[], &pairs, &p, &|r: SegRef| r.0 as u64, RULE, quiet()).expect("done");
        assert_eq!(c.len(), 1);
        assert!((c[0].confidence - 0.8).abs() < 1e-6, "{}", c[0].confidence);
    }

    #[test]
    fn progress_rises_as_components_finish_and_ends_at_one() {
        // Three separate pairs: three components of two segments each.
        let pairs = [((0, 0), (1, 0), 0.9), ((0, 1), (1, 1), 0.9), ((0, 2), (1, 2), 0.9)];
        let p = table(&pairs);
        let seen = std::sync::Mutex::new(Vec::new());
        let key = |r: SegRef| (r.0 as u64) << 32 | r.1 as u64;
        cluster(
            &[3, 3],
            &[],
            &pairs,
            &p,
            &key,
            RULE,
            Control { cancel: &|| false, progress: &|f| seen.lock().expect("lock").push(f) },
        )
        .expect("done");
        let mut seen = seen.into_inner().expect("lock");
        assert!(seen.len() >= 2, "{seen:?}");
        seen.sort_by(f32::total_cmp);
        assert_eq!(seen.last().copied(), Some(1.0));
        assert!(seen[0] > 0.0 && seen[0] < 1.0, "{seen:?}");
    }

    #[test]
    fn the_bucket_queue_pops_in_the_order_a_heap_would() {
        // Scores close together (one bucket), far apart, pushed while popping, and ties
        // broken by key: the same order as a binary heap of the same entries.
        let mut queue = Requeue::default();
        let mut heap = std::collections::BinaryHeap::new();
        let mut seed = 12_345u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed >> 33
        };
        let entry = |n: u64| Entry { score: (n % 1000) as f32 / 1000.0, key: n % 7, x: 0, y: 0 };
        let (mut from_queue, mut from_heap) = (Vec::new(), Vec::new());
        for round in 0..200 {
            for _ in 0..5 {
                let e = entry(next());
                queue.push(e);
                heap.push(e);
            }
            if round % 3 == 0 {
                from_queue.push(queue.pop().map(|e| (e.score, e.key)));
                from_heap.push(heap.pop().map(|e| (e.score, e.key)));
            }
        }
        while let Some(e) = heap.pop() {
            from_heap.push(Some((e.score, e.key)));
            from_queue.push(queue.pop().map(|e| (e.score, e.key)));
        }
        assert_eq!(queue.pop().map(|e| e.score), None);
        assert_eq!(from_queue, from_heap);
    }
}
