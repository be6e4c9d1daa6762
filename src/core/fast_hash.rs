//! A fast hasher for the engine's maps (segment and row numbers, term ids, vectors, the
//! stems and names of the documents' words), where the standard SipHash, built to resist
//! hostile keys, costs more than the work it indexes. Some keys are words of the
//! documents: a document written to make FxHash collide could slow a comparison down,
//! never change its result; the user chooses what to compare.

use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (as in rustc): multiply-rotate over machine words.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_with_the_fast_hasher_finds_what_it_holds() {
        let mut m: FxHashMap<(usize, usize), u32> = FxHashMap::default();
        for i in 0..1000 {
            m.insert((i, i * 7), i as u32);
        }
        assert_eq!(m.get(&(500, 3500)), Some(&500));
        assert_eq!(m.get(&(500, 3501)), None);
    }
}
