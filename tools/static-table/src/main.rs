//! Rebuilds `assets/semantic/minilm-l3-static.bin`, the static word table behind
//! Counterpart's semantic similarity (`src/core/semantic/`).
//!
//! Each WordPiece token of paraphrase-MiniLM-L3-v2 (as bundled, 4-bit, by the
//! `pocket-encoder` crate; no network) is run through the whole encoder on its own, the
//! way Model2Vec distils a static model: the sentence vector of `[CLS] token [SEP]` is
//! the token's vector. Continuation pieces (`##ing`) are embedded as their bare text.
//! The table is then centred (the mean token vector is subtracted, so that cosines of
//! averaged vectors are not all close to 1), its first principal components are
//! removed (the "common component" of Arora, Liang & Ma 2017, *A simple but
//! tough-to-beat baseline for sentence embeddings*), and each row is stored as int8
//! with one f32 scale.
//!
//! Usage (from this folder; takes about two minutes on two cores):
//!
//! ```text
//! cargo run --release -- ../../assets/semantic/minilm-l3-static.bin
//! cargo run --release -- --embed < sentences.txt > vectors.jsonl   # the full encoder, one JSON array per line
//! ```
//!
//! File layout (all little-endian): `CPSTATIC` magic, u32 version (1), u32 dimensions,
//! u32 token count; per token a u8 length and its UTF-8 bytes (the tokenizer's
//! vocabulary, in id order); per token an f32 scale; then count × dimensions i8.

use std::io::{BufRead, Write};

/// Principal components removed from the centred table (Arora et al. remove one; the
/// first two of a mean-pooled BERT table carry frequency and length, not meaning).
const REMOVED_COMPONENTS: usize = 2;
/// Power-iteration steps per component: the covariance is 384 × 384, 200 steps
/// converge far below int8 precision.
const POWER_STEPS: usize = 200;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let encoder = pocket_encoder::Encoder::new().expect("the bundled encoder loads");
    if args.first().map(String::as_str) == Some("--embed") {
        embed_lines(&encoder);
        return;
    }
    let Some(out) = args.first() else {
        eprintln!("usage: static-table OUT.bin | static-table --embed < lines");
        std::process::exit(2);
    };
    let vocab = vocabulary();
    let dims = pocket_encoder::model_info().dimensions;
    let rows = embed_vocabulary(&encoder, &vocab, dims);
    let rows = centre_and_flatten(rows, &vocab, dims);
    write_table(out, &vocab, &rows, dims);
    eprintln!("wrote {out}: {} tokens × {dims}", vocab.len());
}

/// The tokenizer's vocabulary in id order, read from the crate's bundled tokenizer.json.
fn vocabulary() -> Vec<String> {
    let path = tokenizer_json();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("tokenizer.json of pocket-encoder"))
            .expect("tokenizer.json parses");
    let map = json["model"]["vocab"].as_object().expect("a WordPiece vocabulary");
    let mut vocab = vec![String::new(); map.len()];
    for (token, id) in map {
        vocab[id.as_u64().expect("an id") as usize] = token.clone();
    }
    vocab
}

/// The pocket-encoder crate's `assets/tokenizer.json` in cargo's registry (the crate
/// does not export its vocabulary).
fn tokenizer_json() -> std::path::PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let registries = std::fs::read_dir(home.join("registry/src")).expect("cargo's registry sources");
    for registry in registries.flatten() {
        let path = registry.path().join("pocket-encoder-0.1.2/assets/tokenizer.json");
        if path.exists() {
            return path;
        }
    }
    panic!("pocket-encoder 0.1.2 is not in cargo's registry: run `cargo fetch` first");
}

/// Whether a token gets a vector: special and unused tokens stay zero.
fn embeddable(token: &str) -> bool {
    !(token.starts_with('[') && token.ends_with(']')) && !token.trim_start_matches("##").is_empty()
}

fn embed_vocabulary(
    encoder: &pocket_encoder::Encoder,
    vocab: &[String],
    dims: usize,
) -> Vec<Vec<f32>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = vocab.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = vocab
            .chunks(chunk)
            .enumerate()
            .map(|(part, tokens)| {
                let encoder = encoder.clone();
                scope.spawn(move || {
                    let mut out = Vec::with_capacity(tokens.len());
                    for (i, token) in tokens.iter().enumerate() {
                        if part == 0 && i % 2000 == 0 {
                            eprintln!("{i} / {}", tokens.len());
                        }
                        if embeddable(token) {
                            let text = token.trim_start_matches("##");
                            let v = encoder.embed(&[text]).expect("a token embeds");
                            out.push(v.into_iter().next().expect("one vector"));
                        } else {
                            out.push(vec![0.0; dims]);
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an embedding thread"))
            .collect()
    })
}

/// Centres the embedded rows and removes their first principal components.
fn centre_and_flatten(mut rows: Vec<Vec<f32>>, vocab: &[String], dims: usize) -> Vec<Vec<f32>> {
    let live: Vec<usize> = (0..vocab.len()).filter(|&i| embeddable(&vocab[i])).collect();
    let mut mean = vec![0.0f64; dims];
    for &i in &live {
        for (m, v) in mean.iter_mut().zip(&rows[i]) {
            *m += *v as f64;
        }
    }
    mean.iter_mut().for_each(|m| *m /= live.len() as f64);
    for &i in &live {
        for (v, m) in rows[i].iter_mut().zip(&mean) {
            *v -= *m as f32;
        }
    }
    for _ in 0..REMOVED_COMPONENTS {
        let mut cov = vec![0.0f64; dims * dims];
        for &i in &live {
            let r = &rows[i];
            for a in 0..dims {
                let ra = r[a] as f64;
                for b in 0..dims {
                    cov[a * dims + b] += ra * r[b] as f64;
                }
            }
        }
        let mut u = vec![1.0f64 / (dims as f64).sqrt(); dims];
        for _ in 0..POWER_STEPS {
            let mut next = vec![0.0f64; dims];
            for a in 0..dims {
                next[a] = (0..dims).map(|b| cov[a * dims + b] * u[b]).sum();
            }
            let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
            u = next.into_iter().map(|x| x / norm).collect();
        }
        for &i in &live {
            let dot: f64 = rows[i].iter().zip(&u).map(|(v, u)| *v as f64 * u).sum();
            for (v, u) in rows[i].iter_mut().zip(&u) {
                *v -= (dot * u) as f32;
            }
        }
    }
    rows
}

fn write_table(out: &str, vocab: &[String], rows: &[Vec<f32>], dims: usize) {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"CPSTATIC");
    bytes.extend_from_slice(&1u32.to_le_bytes());
    bytes.extend_from_slice(&(dims as u32).to_le_bytes());
    bytes.extend_from_slice(&(vocab.len() as u32).to_le_bytes());
    for token in vocab {
        let len = u8::try_from(token.len()).expect("tokens are short");
        bytes.push(len);
        bytes.extend_from_slice(token.as_bytes());
    }
    let scales: Vec<f32> = rows
        .iter()
        .map(|r| r.iter().fold(0.0f32, |m, v| m.max(v.abs())) / 127.0)
        .collect();
    for s in &scales {
        bytes.extend_from_slice(&s.to_le_bytes());
    }
    for (r, s) in rows.iter().zip(&scales) {
        for v in r {
            let q = if *s > 0.0 { (v / s).round().clamp(-127.0, 127.0) as i8 } else { 0 };
            bytes.push(q as u8);
        }
    }
    std::fs::write(out, bytes).expect("the table is written");
}

/// `--embed`: one sentence per input line, one JSON array of the full encoder's vector
/// per output line (for measuring what the encoder would add, in `tools/`).
fn embed_lines(encoder: &pocket_encoder::Encoder) {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        let text = if line.trim().is_empty() { "." } else { line.as_str() };
        let v = encoder.embed(&[text]).expect("a sentence embeds");
        serde_json::to_writer(&mut out, &v[0]).expect("stdout");
        writeln!(out).expect("stdout");
    }
}
