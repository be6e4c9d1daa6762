//! Semantic similarity: what two segments mean, beyond the words they share.
//!
//! A static word table distilled from the sentence encoder paraphrase-MiniLM-L3-v2
//! (`assets/semantic/`, rebuilt by `tools/static-table`): each WordPiece token has the
//! vector the whole encoder gives it on its own, centred and with its common components
//! removed. A segment's vector is the SIF-weighted mean of its tokens' vectors (Arora,
//! Liang & Ma 2017: a token weighs `a / (a + p)`, `p` its frequency in the comparison),
//! centred on the comparison's mean, so "boost bilateral trade" lands near "increase the
//! volume of mutual trade". It costs microseconds per segment and ships in the binary:
//! nothing is downloaded, at build or run time. ARCHITECTURE.md says why a static table
//! and not the encoder itself.

pub mod wordpiece;

use crate::core::fast_hash::FxHashMap;
use rayon::prelude::*;
use std::sync::OnceLock;
use wordpiece::Vocabulary;

/// The bundled table (12 MB: 30,522 tokens × 384 int8 coordinates and one scale each).
const BUNDLED: &[u8] = include_bytes!("../../../assets/semantic/minilm-l3-static.bin");
/// The file's first bytes.
const MAGIC: &[u8; 8] = b"CPSTATIC";
/// SIF's smoothing: a token as frequent as one in a thousand of the comparison's
/// tokens weighs one half; "the" and "of" weigh almost nothing (Arora et al. use 1e-3).
const SIF_A: f32 = 1e-3;

/// A static embedding table with its WordPiece vocabulary.
#[derive(Debug)]
pub struct StaticModel {
    vocab: Vocabulary,
    dims: usize,
    scales: Vec<f32>,
    /// count × dims int8 coordinates, read in place (copying 12 MB would double the
    /// start-up time of a small comparison).
    table: &'static [u8],
}

impl StaticModel {
    /// The table shipped in the binary, loaded once. `Err` only if the shipped bytes are
    /// damaged; the engine then compares by shared words alone.
    pub fn bundled() -> Result<&'static StaticModel, &'static str> {
        static MODEL: OnceLock<Result<StaticModel, String>> = OnceLock::new();
        MODEL.get_or_init(|| StaticModel::from_bytes(BUNDLED)).as_ref().map_err(String::as_str)
    }

    /// Reads a table in the format `tools/static-table` writes (see its `//!`).
    pub fn from_bytes(bytes: &'static [u8]) -> Result<StaticModel, String> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&'static [u8], String> {
            let s = bytes.get(at..at + n).ok_or("the semantic table is truncated")?;
            at += n;
            Ok(s)
        };
        if take(8)? != MAGIC {
            return Err("not a semantic table".into());
        }
        let mut u32_at = || -> Result<usize, String> {
            let b = take(4)?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let (version, dims, count) = (u32_at()?, u32_at()?, u32_at()?);
        if version != 1 || dims == 0 || dims > 4096 || count > 1_000_000 {
            return Err(format!("unsupported semantic table (version {version}, {dims} × {count})"));
        }
        let mut tokens = Vec::with_capacity(count);
        for _ in 0..count {
            let len = take(1)?[0] as usize;
            tokens.push(std::str::from_utf8(take(len)?).map_err(|_| "the semantic table's vocabulary is not UTF-8")?);
        }
        let scales: Vec<f32> =
            take(4 * count)?.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        let table = take(dims * count)?;
        Ok(StaticModel { vocab: Vocabulary::new(tokens), dims, scales, table })
    }

    /// The WordPiece ids of a text.
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        self.vocab.tokenize(text)
    }

    /// Sentence vectors for token lists (per document, per segment): SIF-weighted means,
    /// centred on the comparison's mean and normalised.
    pub fn embed(&self, docs: &[Vec<Vec<u32>>]) -> Vec<Vec<DenseVec>> {
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        let mut total = 0u64;
        for seg in docs.iter().flatten() {
            for &t in seg {
                *counts.entry(t).or_insert(0) += 1;
                total += 1;
            }
        }
        let total = total.max(1) as f32;
        let weight = |t: u32| SIF_A / (SIF_A + counts.get(&t).copied().unwrap_or(1) as f32 / total);
        // Quantised as soon as made: a corpus of 300,000 segments would need 460 MB as
        // f32, 115 MB as int8.
        let raw: Vec<Vec<DenseVec>> = docs
            .par_iter()
            .map(|doc| {
                doc.iter()
                    .map(|seg| {
                        let mut v = vec![0.0f32; self.dims];
                        for &t in seg {
                            let Some(row) = self.row(t) else { continue };
                            let w = weight(t) * self.scales[t as usize];
                            for (x, &q) in v.iter_mut().zip(row) {
                                *x += w * (q as i8) as f32;
                            }
                        }
                        normalise(&mut v);
                        DenseVec::quantise(&v)
                    })
                    .collect()
            })
            .collect();
        // Centre on the comparison's mean: what every segment shares (these are all
        // declarations) is not what tells two of them apart.
        // Summed per document in parallel, then in document order: the same bits
        // whatever the number of threads (a parallel reduction would not be).
        let per_doc: Vec<(Vec<f32>, usize)> = raw
            .par_iter()
            .map(|doc| {
                let mut sum = vec![0.0f32; self.dims];
                let mut n = 0;
                for v in doc.iter().filter(|v| !v.is_empty()) {
                    v.add_to(&mut sum);
                    n += 1;
                }
                (sum, n)
            })
            .collect();
        let mut sum = vec![0.0f32; self.dims];
        let mut n = 0usize;
        for (s, k) in &per_doc {
            sum.iter_mut().zip(s).for_each(|(x, y)| *x += y);
            n += k;
        }
        let mean: Vec<f32> = sum.iter().map(|x| x / n.max(1) as f32).collect();
        raw.into_par_iter()
            .map(|doc| {
                doc.into_iter()
                    .map(|v| {
                        if v.is_empty() {
                            return v;
                        }
                        let mut c: Vec<f32> = mean.iter().map(|m| -m).collect();
                        v.add_to(&mut c);
                        normalise(&mut c);
                        DenseVec::quantise(&c)
                    })
                    .collect()
            })
            .collect()
    }

    fn row(&self, t: u32) -> Option<&[u8]> {
        let start = t as usize * self.dims;
        self.table.get(start..start + self.dims).filter(|_| self.scales[t as usize] > 0.0)
    }
}

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// A unit vector stored as int8 with one scale: a quarter of the memory of `f32`
/// (300,000 segments × 384 coordinates = 115 MB), and cosines within 0.01.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DenseVec {
    q: Box<[i8]>,
    scale: f32,
}

impl DenseVec {
    /// Quantises a unit vector.
    pub fn quantise(v: &[f32]) -> Self {
        let max = v.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        if max == 0.0 {
            return Self::default();
        }
        let scale = max / 127.0;
        Self { q: v.iter().map(|x| (x / scale).round() as i8).collect(), scale }
    }

    /// Adds this vector (dequantised) to `sum`.
    fn add_to(&self, sum: &mut [f32]) {
        sum.iter_mut().zip(self.q.iter()).for_each(|(s, &q)| *s += q as f32 * self.scale);
    }

    /// Whether the segment had no known token.
    pub fn is_empty(&self) -> bool {
        self.q.is_empty()
    }

    /// Cosine similarity (0 when either is empty).
    pub fn cosine(&self, other: &DenseVec) -> f32 {
        if self.q.len() != other.q.len() {
            return 0.0;
        }
        let dot: i32 = self.q.iter().zip(other.q.iter()).map(|(&a, &b)| a as i32 * b as i32).sum();
        dot as f32 * self.scale * other.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cos(a: &str, b: &str, context: &[&str]) -> f32 {
        let model = StaticModel::bundled().expect("the shipped table loads");
        let mut docs = vec![vec![model.tokenize(a)], vec![model.tokenize(b)]];
        docs.push(context.iter().map(|s| model.tokenize(s)).collect());
        let v = model.embed(&docs);
        v[0][0].cosine(&v[1][0])
    }

    const CONTEXT: &[&str] = &[
        "The sides agreed to expand cooperation in education and youth exchanges.",
        "Both countries will strengthen cooperation in health care and medicine.",
        "The parties support the peaceful settlement of regional conflicts.",
        "They agreed to develop tourism and cultural ties between their peoples.",
        "The sides will cooperate in the fields of energy and renewable power.",
    ];

    #[test]
    fn the_shipped_table_loads_from_the_binary_without_network() {
        let model = StaticModel::bundled().expect("loads");
        assert_eq!(model.dims, 384);
        assert_eq!(model.scales.len(), 30_522);
        assert!(!model.tokenize("bilateral trade").is_empty());
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_commitments() {
        let pairs = [
            ("The sides will boost bilateral trade.", "The parties agreed to increase the volume of mutual trade."),
            (
                "The leaders welcomed the growth of tourism between the two countries.",
                "The sides noted the increasing number of travellers and visitors.",
            ),
            (
                "The sides will combat terrorism and violent extremism.",
                "The parties will jointly counter terrorist threats and radicalisation.",
            ),
        ];
        for (k, (a, b)) in pairs.iter().enumerate() {
            let same = cos(a, b, CONTEXT);
            for (j, (_, other)) in pairs.iter().enumerate().filter(|&(j, _)| j != k) {
                let different = cos(a, other, CONTEXT);
                assert!(same > different, "{a:?}: {same:.2} with its paraphrase, {different:.2} with pair {j}");
            }
        }
    }

    #[test]
    fn a_shared_template_with_another_object_is_further_than_a_paraphrase() {
        // A declaration repeats its template: its words then weigh little, and the
        // object of each commitment decides.
        let declaration: Vec<String> = ["health", "tourism", "agriculture", "transport", "science", "sport"]
            .iter()
            .map(|o| format!("The sides will expand cooperation in {o}."))
            .collect();
        let context: Vec<&str> = declaration.iter().map(String::as_str).chain(CONTEXT.iter().copied()).collect();
        let a = "The sides will expand cooperation in education.";
        let template = cos(a, "The sides will expand cooperation in energy.", &context);
        let paraphrase =
            cos(a, "Both parties agreed to develop ties between their schools and universities.", &context);
        assert!(paraphrase > template, "paraphrase {paraphrase:.2}, same template {template:.2}");
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        assert!(StaticModel::from_bytes(b"CPSTATIC\x01\0\0\0").is_err());
        assert!(StaticModel::from_bytes(b"nonsense").is_err());
        assert!(StaticModel::from_bytes(&BUNDLED[..BUNDLED.len() - 1]).is_err());
    }
}
