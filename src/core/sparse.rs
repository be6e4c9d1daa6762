//! Sparse vectors: (term id, weight) pairs sorted by term id. The one home of the
//! maths the aligner and the row builder share: cosine, containment, sum, norm.

/// A sparse vector, entries sorted by term id, each term at most once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    entries: Vec<(u32, f32)>,
}

impl SparseVec {
    /// A vector from (term, weight) entries in any order; repeated terms are summed.
    pub fn from_entries(mut entries: Vec<(u32, f32)>) -> Self {
        entries.sort_by_key(|e| e.0);
        let mut out: Vec<(u32, f32)> = Vec::with_capacity(entries.len());
        for (t, w) in entries {
            match out.last_mut() {
                Some(last) if last.0 == t => last.1 += w,
                _ => out.push((t, w)),
            }
        }
        Self { entries: out }
    }

    /// The entries, sorted by term id.
    pub fn entries(&self) -> &[(u32, f32)] {
        &self.entries
    }

    /// Whether it has no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The same direction with unit length (unchanged when zero).
    pub fn normalised(mut self) -> Self {
        let norm = self.entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            self.entries.iter_mut().for_each(|e| e.1 /= norm);
        }
        self
    }

    /// Dot product, clamped to 0..=1: the cosine of two normalised vectors.
    pub fn cosine(&self, other: &Self) -> f32 {
        let mut dot = 0.0;
        self.each_common(other, |a, b| dot += a * b);
        dot.clamp(0.0, 1.0)
    }

    /// Share of this (normalised) vector's squared weight on terms `other` also has:
    /// how much of a short sentence is found inside a longer one.
    pub fn containment_in(&self, other: &Self) -> f32 {
        let mut inside = 0.0;
        self.each_common(other, |a, _| inside += a * a);
        inside.clamp(0.0, 1.0)
    }

    /// The sum of two vectors (not normalised).
    pub fn add(&self, other: &Self) -> Self {
        let (x, y) = (&self.entries, &other.entries);
        let mut out = Vec::with_capacity(x.len() + y.len());
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => {
                    out.push(x[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(y[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push((x[i].0, x[i].1 + y[j].1));
                    i += 1;
                    j += 1;
                }
            }
        }
        out.extend_from_slice(&x[i..]);
        out.extend_from_slice(&y[j..]);
        Self { entries: out }
    }

    /// The normalised sum of several vectors (a cell of several segments).
    pub fn sum<'a>(vectors: impl IntoIterator<Item = &'a SparseVec>) -> Self {
        vectors.into_iter().fold(Self::default(), |acc, v| acc.add(v)).normalised()
    }

    fn each_common(&self, other: &Self, mut f: impl FnMut(f32, f32)) {
        let (a, b) = (&self.entries, &other.entries);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    f(a[i].1, b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(e: &[(u32, f32)]) -> SparseVec {
        SparseVec::from_entries(e.to_vec()).normalised()
    }

    #[test]
    fn cosine_of_a_vector_with_itself_is_one_and_of_disjoint_vectors_zero() {
        let a = v(&[(1, 1.0), (5, 2.0)]);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-6);
        assert_eq!(a.cosine(&v(&[(2, 1.0)])), 0.0);
    }

    #[test]
    fn containment_is_the_share_of_weight_found_in_the_other() {
        let short = v(&[(1, 1.0), (2, 1.0)]);
        let long = v(&[(1, 1.0), (3, 1.0), (4, 1.0)]);
        assert!((short.containment_in(&long) - 0.5).abs() < 1e-6);
    }

    #[test]
    fn sum_merges_terms_and_normalises() {
        let s = SparseVec::sum([&v(&[(1, 1.0)]), &v(&[(1, 1.0), (2, 1.0)])]);
        assert_eq!(s.entries().iter().map(|e| e.0).collect::<Vec<_>>(), vec![1, 2]);
        assert!((s.entries().iter().map(|e| e.1 * e.1).sum::<f32>() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn repeated_terms_are_summed_on_construction() {
        let s = SparseVec::from_entries(vec![(3, 1.0), (1, 1.0), (3, 2.0)]);
        assert_eq!(s.entries(), &[(1, 1.0), (3, 3.0)]);
    }
}
