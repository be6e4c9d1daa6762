//! Alignment: which segments of different documents state the same commitment.
//!
//! Every segment becomes a TF-IDF vector of content-word stems (stop words dropped,
//! the document's own party names folded into one token, IDF over all documents of the
//! comparison, so template words weigh little and the object of a commitment — the
//! *Trans-Caspian* corridor, not the *North–South* one — weighs much). For every pair
//! of documents (in parallel) candidate pairs come from an inverted index and are
//! linked when they are each other's best match, when one sentence is contained in a
//! longer one that merges several (news copy does this), or when they are near
//! duplicates. Theme and section are evidence (a small bonus), not walls. Links are
//! joined into rows with a union–find; nothing here assumes two documents.

use rayon::prelude::*;
use std::collections::HashMap;

/// A segment as the aligner sees it.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Sparse, L2-normalised TF-IDF vector: (term id, weight), sorted by term id.
    pub vector: Vec<(u32, f32)>,
    /// Primary theme index.
    pub theme: usize,
    /// Position in its document, 0.0 (start) to 1.0 (end).
    pub position: f32,
    /// Proper names it mentions (lower case, sorted), other than its parties: the
    /// *Trans-Caspian* in "the Trans-Caspian corridor".
    pub names: Vec<String>,
}

/// Whether two segments name different things: each mentions proper names the other
/// lacks, more of them than the names they share. Such sentences may share a
/// template ("support the development of the … corridor") but not a commitment.
pub fn names_conflict(a: &Features, b: &Features) -> bool {
    let only = |x: &[String], y: &[String]| x.iter().filter(|n| y.binary_search(n).is_err()).count();
    let shared = a.names.iter().filter(|n| b.names.binary_search(n).is_ok()).count();
    let (only_a, only_b) = (only(&a.names, &b.names), only(&b.names, &a.names));
    only_a > 0 && only_b > 0 && shared < only_a.min(only_b)
}

/// Similarity below which a names conflict keeps two segments apart.
const CONFLICT_OVERRIDE: f32 = 0.5;

/// Tuning of the aligner. The defaults are what the tests and the evaluation use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignOptions {
    /// Least similarity for two segments that are each other's best match.
    pub mutual_min: f32,
    /// Least similarity for a link that is not mutual (one sentence merging several).
    pub merge_min: f32,
    /// Least share of the shorter segment's weight found in the longer one, for a merge link.
    pub merge_containment: f32,
    /// Similarity above which two segments are linked whatever else matches.
    pub duplicate_min: f32,
    /// Bonus to similarity when both segments have the same primary theme.
    pub same_theme_bonus: f32,
    /// Least similarity for pairing leftovers of the same theme in the same gap.
    pub gap_min: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            mutual_min: 0.30,
            merge_min: 0.30,
            merge_containment: 0.55,
            duplicate_min: 0.80,
            same_theme_bonus: 0.05,
            gap_min: 0.08,
        }
    }
}

/// A reference to a segment: (document index, segment index).
pub type SegRef = (usize, usize);

/// One link found between two segments, with its similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// One end.
    pub a: SegRef,
    /// The other end, in another document.
    pub b: SegRef,
    /// Cosine similarity of the two segments.
    pub similarity: f32,
    /// Found by the gap pass only (same theme and place, few shared words): such a link
    /// never joins two rows that already have a segment of the same document.
    pub weak: bool,
}

/// Builds IDF-weighted vectors from token lists (one list per segment, per document).
pub fn vectorise(docs: &[Vec<Vec<String>>]) -> Vec<Vec<Vec<(u32, f32)>>> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let mut total = 0usize;
    for doc in docs {
        for seg in doc {
            total += 1;
            let mut seen: Vec<u32> = Vec::new();
            for t in seg {
                let next = ids.len() as u32;
                let id = *ids.entry(t.as_str()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0);
                }
                if !seen.contains(&id) {
                    seen.push(id);
                    df[id as usize] += 1;
                }
            }
        }
    }
    let idf: Vec<f32> = df.iter().map(|&d| ((total as f32 + 1.0) / (d as f32 + 1.0)).ln() + 1.0).collect();
    docs.iter()
        .map(|doc| {
            doc.iter()
                .map(|seg| {
                    let mut v: HashMap<u32, f32> = HashMap::new();
                    for t in seg {
                        if let Some(&id) = ids.get(t.as_str()) {
                            *v.entry(id).or_default() += 1.0;
                        }
                    }
                    let mut v: Vec<(u32, f32)> =
                        v.into_iter().map(|(id, tf)| (id, (1.0 + tf.ln()) * idf[id as usize])).collect();
                    v.sort_by_key(|e| e.0);
                    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
                    if norm > 0.0 {
                        v.iter_mut().for_each(|e| e.1 /= norm);
                    }
                    v
                })
                .collect()
        })
        .collect()
}

/// Cosine similarity of two normalised sparse vectors.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

/// Share of `a`'s weight (squared) on terms that `b` also has.
pub fn containment(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut inside) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inside += a[i].1 * a[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    inside.clamp(0.0, 1.0)
}

/// Finds links between the segments of every pair of documents.
pub fn links(docs: &[Vec<Features>], options: &AlignOptions) -> Vec<Link> {
    let indexes: Vec<Index> = docs.par_iter().map(|d| Index::new(d)).collect();
    let pairs: Vec<(usize, usize)> = (0..docs.len()).flat_map(|a| (a + 1..docs.len()).map(move |b| (a, b))).collect();
    pairs.par_iter().flat_map_iter(|&(a, b)| pair_links(docs, &indexes[b], a, b, options)).collect()
}

/// An inverted index of one document: for each term, the segments that have it.
struct Index {
    postings: HashMap<u32, Vec<(usize, f32)>>,
}

impl Index {
    fn new(doc: &[Features]) -> Self {
        let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
        for (j, f) in doc.iter().enumerate() {
            for &(t, w) in &f.vector {
                postings.entry(t).or_default().push((j, w));
            }
        }
        Self { postings }
    }
}

/// How many best candidates per segment get an exact similarity.
const CANDIDATES_PER_SEGMENT: usize = 8;

/// Scored candidate pairs between documents `a` and `b`: (i in a, j in b, score, cosine).
fn candidates(
    docs: &[Vec<Features>],
    index_b: &Index,
    a: usize,
    b: usize,
    options: &AlignOptions,
) -> Vec<(usize, usize, f32, f32)> {
    // Terms in a large share of b's segments say little; they are not used to find
    // candidates (they still count in the similarity).
    let common = (docs[b].len() / 4).max(8);
    let mut out = Vec::new();
    let mut partial = vec![0.0f32; docs[b].len()];
    let mut touched: Vec<usize> = Vec::new();
    for (i, f) in docs[a].iter().enumerate() {
        for &(t, w) in &f.vector {
            if let Some(list) = index_b.postings.get(&t).filter(|l| l.len() <= common) {
                for &(j, wb) in list {
                    if partial[j] == 0.0 {
                        touched.push(j);
                    }
                    partial[j] += w * wb;
                }
            }
        }
        touched.sort_by(|&x, &y| partial[y].total_cmp(&partial[x]).then(x.cmp(&y)));
        for &j in touched.iter().take(CANDIDATES_PER_SEGMENT) {
            let g = &docs[b][j];
            let cos = cosine(&f.vector, &g.vector);
            if cos <= 0.0 || (cos < CONFLICT_OVERRIDE && names_conflict(f, g)) {
                continue;
            }
            let mut score = cos;
            if f.theme == g.theme {
                score += options.same_theme_bonus;
            }
            // Nearby in document order is a little more likely to be the same commitment.
            score += 0.05 * (1.0 - (f.position - g.position).abs());
            out.push((i, j, score, cos));
        }
        for &j in &touched {
            partial[j] = 0.0;
        }
        touched.clear();
    }
    out
}

fn pair_links(docs: &[Vec<Features>], index_b: &Index, a: usize, b: usize, options: &AlignOptions) -> Vec<Link> {
    let cands = candidates(docs, index_b, a, b, options);
    let (na, nb) = (docs[a].len(), docs[b].len());
    // Candidates of each segment, best first.
    let mut of_a: Vec<Vec<(usize, f32, f32)>> = vec![Vec::new(); na];
    let mut of_b: Vec<Vec<(usize, f32, f32)>> = vec![Vec::new(); nb];
    for &(i, j, s, cos) in &cands {
        of_a[i].push((j, s, cos));
        of_b[j].push((i, s, cos));
    }
    for list in of_a.iter_mut().chain(of_b.iter_mut()) {
        list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    }
    // Memberships: (segment of a, segment of b, gain). A segment of one document may
    // join one segment of the other (one-to-one), or several of its segments may join
    // one longer segment that merges them.
    let mut members: Vec<(usize, usize, f32, f32)> = Vec::new();
    merge_sets(&docs[a], &docs[b], &of_b, &of_a, options, |i, j, gain, cos| members.push((i, j, gain, cos)));
    merge_sets(&docs[b], &docs[a], &of_a, &of_b, options, |j, i, gain, cos| members.push((i, j, gain, cos)));
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
    let mut out: Vec<Link> = Vec::new();
    for &(i, j, _, cos) in &members {
        let i_merges = fan_a[i] > 1 && best_of_a[i].is_some();
        let j_merges = fan_b[j] > 1 && best_of_b[j].is_some();
        let keep_i = i_merges && !j_merges || best_of_a[i].is_some_and(|(bj, _)| bj == j);
        let keep_j = j_merges && !i_merges || best_of_b[j].is_some_and(|(bi, _)| bi == i);
        if (keep_i && keep_j) || cos >= options.duplicate_min {
            out.push(Link { a: (a, i), b: (b, j), similarity: cos, weak: false });
        }
    }
    for &(i, j, _, cos) in &cands {
        if cos >= options.duplicate_min {
            out.push(Link { a: (a, i), b: (b, j), similarity: cos, weak: false });
        }
    }
    out.sort_by_key(|l| (l.a.1, l.b.1));
    out.dedup_by_key(|l| (l.a.1, l.b.1));
    out.extend(gap_links(&docs[a], &docs[b], a, b, &out, options));
    out
}

/// The second pass: segments left without a partner are paired with a leftover segment
/// of the other document that stands in the same gap between aligned neighbours, has
/// the same theme and shares some words — the same commitment with different substance
/// (`50,000 TEU by 2025` vs `100,000 TEU by 2027`), as a diff tool pairs changed lines
/// between unchanged ones.
fn gap_links(
    da: &[Features],
    db: &[Features],
    a: usize,
    b: usize,
    first: &[Link],
    options: &AlignOptions,
) -> Vec<Link> {
    let (na, nb) = (da.len(), db.len());
    let mut linked_a = vec![false; na];
    let mut linked_b = vec![false; nb];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for l in first {
        linked_a[l.a.1] = true;
        linked_b[l.b.1] = true;
        pairs.push((l.a.1, l.b.1));
    }
    let anchors = monotone_anchors(pairs);
    // For each leftover segment of a, the window of b it may pair with.
    let window = |i: usize| -> (usize, usize) {
        let prev = anchors.iter().rev().find(|&&(ai, _)| ai < i);
        let next = anchors.iter().find(|&&(ai, _)| ai > i);
        let lo = prev.map_or(0, |&(_, bj)| bj + 1);
        let hi = next.map_or(nb, |&(_, bj)| bj);
        (lo, hi.max(lo))
    };
    let score = |i: usize, j: usize| -> Option<f32> {
        let cos = cosine(&da[i].vector, &db[j].vector);
        if cos < CONFLICT_OVERRIDE && names_conflict(&da[i], &db[j]) {
            return None;
        }
        let same_theme = da[i].theme == db[j].theme;
        let ok = (same_theme && cos >= options.gap_min) || cos >= options.gap_min * 2.5;
        ok.then_some(cos + if same_theme { 0.1 } else { 0.0 })
    };
    let mut best_a: Vec<Option<(usize, f32)>> = vec![None; na];
    let mut best_b: Vec<Option<(usize, f32)>> = vec![None; nb];
    const MAX_GAP: usize = 12;
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
                a: (a, i),
                b: (b, j),
                similarity: cosine(&da[i].vector, &db[j].vector),
                weak: true,
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
/// then further matches while each adds enough to the similarity of their sum (one
/// sentence merging several). Calls `emit(i, j, gain, cosine)` for each.
fn merge_sets(
    parts_doc: &[Features],
    whole_doc: &[Features],
    of_whole: &[Vec<(usize, f32, f32)>],
    of_part: &[Vec<(usize, f32, f32)>],
    options: &AlignOptions,
    mut emit: impl FnMut(usize, usize, f32, f32),
) {
    for (j, cands) in of_whole.iter().enumerate() {
        let Some(&(seed, seed_score, seed_cos)) = cands.first() else { continue };
        let seed_prefers_j = of_part[seed].first().is_some_and(|&(bj, _, _)| bj == j);
        let seed_inside = containment(&parts_doc[seed].vector, &whole_doc[j].vector) >= options.merge_containment;
        let seed_ok = if seed_prefers_j {
            seed_cos >= options.mutual_min || seed_score >= options.mutual_min + 0.08
        } else {
            // Not its best match: only when it is clearly a part of the longer segment
            // and has no near-duplicate of its own elsewhere.
            let taken = of_part[seed].first().is_some_and(|&(_, _, c)| c >= options.duplicate_min);
            seed_inside
                && !taken
                && seed_cos >= options.merge_min
                && containment(&parts_doc[seed].vector, &whole_doc[j].vector) >= 0.6
        };
        if !seed_ok {
            continue;
        }
        emit(seed, j, seed_cos, seed_cos);
        let mut sum: Vec<(u32, f32)> = parts_doc[seed].vector.clone();
        let mut current = seed_cos;
        for &(i, _, cos) in cands.iter().skip(1).take(6) {
            if cos < options.merge_min * 0.7 {
                break;
            }
            if containment(&parts_doc[i].vector, &whole_doc[j].vector) < options.merge_containment * 0.75
                || of_part[i].first().is_some_and(|&(bj, _, c)| bj != j && c >= options.duplicate_min)
            {
                continue;
            }
            let trial = add(&sum, &parts_doc[i].vector);
            let combined = cosine(&normalise(&trial), &whole_doc[j].vector);
            let gain = combined - current;
            if gain >= 0.04 {
                emit(i, j, gain, cos);
                sum = trial;
                current = combined;
            }
        }
    }
}

fn add(x: &[(u32, f32)], y: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(x.len() + y.len());
    let (mut i, mut j) = (0, 0);
    while i < x.len() || j < y.len() {
        match (x.get(i), y.get(j)) {
            (Some(a), Some(b)) if a.0 == b.0 => {
                out.push((a.0, a.1 + b.1));
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.0 < b.0 => {
                out.push(*a);
                i += 1;
            }
            (Some(_), Some(b)) => {
                out.push(*b);
                j += 1;
            }
            (Some(a), None) => {
                out.push(*a);
                i += 1;
            }
            (None, Some(b)) => {
                out.push(*b);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

fn normalise(v: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    if norm > 0.0 { v.iter().map(|&(t, w)| (t, w / norm)).collect() } else { v.to_vec() }
}

/// Groups segments into rows: connected components of the links. Every segment is in
/// exactly one row; rows are returned as lists of segment references.
pub fn rows(doc_lens: &[usize], links: &[Link]) -> Vec<Vec<SegRef>> {
    let offsets: Vec<usize> = doc_lens
        .iter()
        .scan(0, |acc, &n| {
            let o = *acc;
            *acc += n;
            Some(o)
        })
        .collect();
    let total: usize = doc_lens.iter().sum();
    let mut parent: Vec<usize> = (0..total).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for l in links.iter().filter(|l| !l.weak) {
        let x = find(&mut parent, offsets[l.a.0] + l.a.1);
        let y = find(&mut parent, offsets[l.b.0] + l.b.1);
        if x != y {
            parent[x.max(y)] = x.min(y);
        }
    }
    // Weak links join only rows with no document in common, so a loose pairing in one
    // pair of documents cannot chain rows of a third together.
    let mut docs_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for l in links.iter().filter(|l| l.weak) {
        for (d, s) in [l.a, l.b] {
            let r = find(&mut parent, offsets[d] + s);
            docs_of.entry(r).or_default();
        }
    }
    if !docs_of.is_empty() {
        for (d, &n) in doc_lens.iter().enumerate() {
            for s in 0..n {
                let r = find(&mut parent, offsets[d] + s);
                if let Some(v) = docs_of.get_mut(&r)
                    && !v.contains(&d)
                {
                    v.push(d);
                }
            }
        }
    }
    for l in links.iter().filter(|l| l.weak) {
        let x = find(&mut parent, offsets[l.a.0] + l.a.1);
        let y = find(&mut parent, offsets[l.b.0] + l.b.1);
        if x == y {
            continue;
        }
        let dx = docs_of.get(&x).cloned().unwrap_or_default();
        let dy = docs_of.get(&y).cloned().unwrap_or_default();
        if dx.iter().any(|d| dy.contains(d)) {
            continue;
        }
        let (keep, gone) = (x.min(y), x.max(y));
        parent[gone] = keep;
        let mut merged = dx;
        merged.extend(dy);
        docs_of.remove(&gone);
        docs_of.insert(keep, merged);
    }
    let mut groups: HashMap<usize, Vec<SegRef>> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for (d, &n) in doc_lens.iter().enumerate() {
        for s in 0..n {
            let r = find(&mut parent, offsets[d] + s);
            let g = groups.entry(r).or_default();
            if g.is_empty() {
                order.push(r);
            }
            g.push((d, s));
        }
    }
    order.into_iter().filter_map(|r| groups.remove(&r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(docs: &[&[&str]]) -> Vec<Vec<Features>> {
        let toks: Vec<Vec<Vec<String>>> = docs
            .iter()
            .map(|d| {
                d.iter()
                    .map(|s| {
                        crate::core::text::tokens(s)
                            .into_iter()
                            .filter(|t| !crate::core::text::is_stopword(&t.word))
                            .map(|t| t.stem)
                            .collect()
                    })
                    .collect()
            })
            .collect();
        vectorise(&toks)
            .into_iter()
            .map(|d| {
                let n = d.len().max(1) as f32;
                d.into_iter()
                    .enumerate()
                    .map(|(i, vector)| Features { vector, theme: 0, position: i as f32 / n, names: Vec::new() })
                    .collect()
            })
            .collect()
    }

    fn grouped(docs: &[&[&str]]) -> Vec<Vec<SegRef>> {
        let f = feats(docs);
        let lens: Vec<usize> = f.iter().map(Vec::len).collect();
        rows(&lens, &links(&f, &AlignOptions::default()))
    }

    #[test]
    fn names_conflict_only_when_each_names_something_the_other_does_not() {
        let f =
            |names: &[&str]| Features { names: names.iter().map(|s| s.to_string()).collect(), ..Features::default() };
        assert!(names_conflict(&f(&["caspian", "trans"]), &f(&["north", "south"])));
        assert!(names_conflict(&f(&["caspian", "international", "trans"]), &f(&["international", "north", "south"])));
        assert!(!names_conflict(
            &f(&["baku", "caucasus", "ceyhan", "tbilisi"]),
            &f(&["baku", "ceyhan", "southern", "tbilisi"])
        ));
        assert!(!names_conflict(&f(&["osh"]), &f(&[])));
    }

    #[test]
    fn weak_links_never_put_two_segments_of_one_document_in_a_row() {
        let link = |a: SegRef, b: SegRef, weak: bool| Link { a, b, similarity: 0.2, weak };
        let links = [
            link((0, 0), (1, 0), false),
            link((1, 0), (2, 0), true),  // joins a third document: allowed
            link((2, 0), (0, 1), true),  // would bring a second segment of document 0: refused
            link((0, 2), (1, 1), false), // strong links may merge (one sentence stating two)
            link((0, 3), (1, 1), false),
        ];
        let r = rows(&[4, 2, 1], &links);
        assert!(r.contains(&vec![(0, 0), (1, 0), (2, 0)]), "{r:?}");
        assert!(r.contains(&vec![(0, 1)]), "{r:?}");
        assert!(r.contains(&vec![(0, 2), (0, 3), (1, 1)]), "{r:?}");
    }

    #[test]
    fn every_segment_is_in_exactly_one_row() {
        let a: &[&str] = &["Trade will grow.", "Trade will grow fast.", "Energy ties."];
        let b: &[&str] = &["Trade will grow.", "Culture days."];
        let c: &[&str] = &["Energy ties matter.", "Trade will grow."];
        let r = grouped(&[a, b, c]);
        let mut all: Vec<SegRef> = r.concat();
        all.sort();
        assert_eq!(all, vec![(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 0), (2, 1)]);
    }
}
