//! The pair model: how likely two segments of different documents state the same
//! commitment, as a calibrated probability.
//!
//! A logistic regression over a few features of the pair: its cosine, the cosine of the
//! two segments' meanings (`sem`, from `core::semantic`; the two cosines share one
//! weight, so they enter as their even mix), its margin over
//! each segment's neighbourhood (LASER's ratio margin, so boilerplate that resembles
//! everything does not win), whether the pairwise pass linked them and how, the
//! similarity of their neighbours, theme agreement, and a names conflict. The weights
//! are fitted on the six gold dev groups (`tools/tune.py` fits them and reports
//! leave-one-group-out figures); a pair scored below one half is more likely wrong
//! than right.

use crate::core::align::candidates::Candidates;
use crate::core::align::features::{Features, names_conflict};
use crate::core::align::links::{CONFLICT_OVERRIDE, LinkKind, context};
use crate::core::align::{SegRef, at};
use serde::{Deserialize, Serialize};

/// Names of the features, in the order of [`PairModel::weights`].
pub const FEATURES: [&str; 11] =
    ["cos", "margin", "same_theme", "context", "mutual", "merge", "duplicate", "gap", "conflict", "order_gap", "sem"];

const COS: usize = 0;
const CONFLICT: usize = 8;

/// Weights of a logistic regression over [`FEATURES`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PairModel {
    /// Intercept.
    pub bias: f32,
    /// One weight per feature.
    pub weights: [f32; FEATURES.len()],
}

impl Default for PairModel {
    /// The weights fitted on all six dev groups by `tools/tune.py`.
    fn default() -> Self {
        Self { bias: -4.165, weights: [2.062, 3.298, 1.824, 1.266, 4.192, 4.434, 0.0, 2.611, -0.328, -0.445, 2.062] }
    }
}

/// The features of a pair of segments.
pub fn features(
    docs: &[Vec<Features>],
    cands: &Candidates,
    x: SegRef,
    y: SegRef,
    kind: Option<LinkKind>,
) -> [f32; FEATURES.len()] {
    let (f, g) = (at(docs, x), at(docs, y));
    let cos = f.vector.cosine(&g.vector);
    let hood_of = |r: SegRef| cands.neighbourhood[r.0 as usize][r.1 as usize];
    let hood = (hood_of(x) + hood_of(y)) / 2.0;
    // Ratio margin, centred on 1 (as good as the neighbourhood) and bounded.
    let margin = if hood > 0.0 { (cos / hood).min(2.0) - 1.0 } else { 0.0 };
    let flag = |k: LinkKind| if kind == Some(k) { 1.0 } else { 0.0 };
    [
        cos,
        margin,
        if f.theme == g.theme { 1.0 } else { 0.0 },
        context(docs, x, y),
        flag(LinkKind::Mutual),
        flag(LinkKind::Merge),
        flag(LinkKind::Duplicate),
        flag(LinkKind::Gap),
        if names_conflict(f, g) { 1.0 } else { 0.0 },
        (f.position - g.position).abs(),
        f.semantic.cosine(&g.semantic),
    ]
}

impl PairModel {
    /// The probability that a pair with these features states one commitment. Two
    /// sentences that name different things (a names conflict) and share less than
    /// [`CONFLICT_OVERRIDE`] of their weight are never one commitment, whatever the
    /// weights say: "the Trans-Caspian corridor" is not "the North–South corridor".
    pub fn probability(&self, features: &[f32; FEATURES.len()]) -> f32 {
        if features[CONFLICT] > 0.0 && features[COS] < CONFLICT_OVERRIDE {
            return 0.0;
        }
        let z = self.bias + self.weights.iter().zip(features).map(|(w, x)| w * x).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexical_and_the_semantic_cosine_share_one_weight() {
        // `tools/tune.py` fits them as their even mix (`TIED`): free, their weights swung
        // with the groups fitted on. A model refitted without the tie fails here.
        let position = |name: &str| FEATURES.iter().position(|f| *f == name).expect("feature");
        let w = PairModel::default().weights;
        assert_eq!(w[position("cos")], w[position("sem")]);
        assert!(w[position("cos")] > 0.0);
    }

    #[test]
    fn a_linked_near_duplicate_is_likely_and_an_unlinked_weak_pair_is_not() {
        let m = PairModel::default();
        let strong = [0.9, 0.0, 1.0, 0.5, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.9];
        let weak = [0.15, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.4, 0.1];
        assert!(m.probability(&strong) > 0.9);
        assert!(m.probability(&weak) < 0.1);
    }
}
