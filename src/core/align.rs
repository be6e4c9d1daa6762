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
}

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
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self { mutual_min: 0.30, merge_min: 0.30, merge_containment: 0.55, duplicate_min: 0.80, same_theme_bonus: 0.05 }
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
    let pairs: Vec<(usize, usize)> =
        (0..docs.len()).flat_map(|a| (a + 1..docs.len()).map(move |b| (a, b))).collect();
    pairs.par_iter().flat_map_iter(|&(a, b)| pair_links(docs, a, b, options)).collect()
}

/// Scored candidate pairs between documents `a` and `b`: (i in a, j in b, score, cosine).
fn candidates(docs: &[Vec<Features>], a: usize, b: usize, options: &AlignOptions) -> Vec<(usize, usize, f32, f32)> {
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (j, f) in docs[b].iter().enumerate() {
        for &(t, _) in &f.vector {
            index.entry(t).or_default().push(j);
        }
    }
    // Terms in a large share of b's segments say little; they are not used to find
    // candidates (they still count in the similarity).
    let common = (docs[b].len() / 4).max(8);
    let mut out = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    let mut mark = vec![false; docs[b].len()];
    for (i, f) in docs[a].iter().enumerate() {
        seen.clear();
        for &(t, _) in &f.vector {
            if let Some(list) = index.get(&t).filter(|l| l.len() <= common) {
                for &j in list {
                    if !mark[j] {
                        mark[j] = true;
                        seen.push(j);
                    }
                }
            }
        }
        for &j in &seen {
            mark[j] = false;
            let g = &docs[b][j];
            let cos = cosine(&f.vector, &g.vector);
            if cos <= 0.0 {
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
    }
    out
}

fn pair_links(docs: &[Vec<Features>], a: usize, b: usize, options: &AlignOptions) -> Vec<Link> {
    let cands = candidates(docs, a, b, options);
    let (na, nb) = (docs[a].len(), docs[b].len());
    let mut best_a: Vec<Option<(usize, f32)>> = vec![None; na];
    let mut best_b: Vec<Option<(usize, f32)>> = vec![None; nb];
    for &(i, j, s, _) in &cands {
        if best_a[i].is_none_or(|(_, bs)| s > bs) {
            best_a[i] = Some((j, s));
        }
        if best_b[j].is_none_or(|(_, bs)| s > bs) {
            best_b[j] = Some((i, s));
        }
    }
    let mut out = Vec::new();
    for &(i, j, s, cos) in &cands {
        let mutual = best_a[i].is_some_and(|(bj, _)| bj == j) && best_b[j].is_some_and(|(bi, _)| bi == i);
        let link = if mutual {
            cos >= options.mutual_min || s >= options.mutual_min + 0.08
        } else if cos >= options.duplicate_min {
            true
        } else if best_a[i].is_some_and(|(bj, _)| bj == j) && cos >= options.merge_min {
            // i (in a) is one of several sentences merged into j (in b)?
            containment(&docs[a][i].vector, &docs[b][j].vector) >= options.merge_containment
        } else if best_b[j].is_some_and(|(bi, _)| bi == i) && cos >= options.merge_min {
            containment(&docs[b][j].vector, &docs[a][i].vector) >= options.merge_containment
        } else {
            false
        };
        if link {
            out.push(Link { a: (a, i), b: (b, j), similarity: cos });
        }
    }
    out
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
    let mut sorted = links.to_vec();
    sorted.sort_by(|x, y| y.similarity.total_cmp(&x.similarity));
    for l in &sorted {
        let x = find(&mut parent, offsets[l.a.0] + l.a.1);
        let y = find(&mut parent, offsets[l.b.0] + l.b.1);
        if x != y {
            parent[x.max(y)] = x.min(y);
        }
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
                    .map(|(i, vector)| Features { vector, theme: 0, position: i as f32 / n })
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
    fn template_sentences_with_different_objects_are_not_paired() {
        let a: &[&str] = &[
            "The Parties support the development of the Trans-Caspian International Transport Route.",
            "The Parties will expand cooperation in culture and tourism.",
        ];
        let b: &[&str] = &[
            "The Parties support the development of the North–South International Transport Corridor.",
            "The Parties will deepen cooperation in tourism and culture.",
        ];
        let r = grouped(&[a, b]);
        assert!(r.contains(&vec![(0, 1), (1, 1)]), "{r:?}");
        assert!(!r.contains(&vec![(0, 0), (1, 0)]), "different corridors paired: {r:?}");
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
