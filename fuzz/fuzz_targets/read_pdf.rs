//! Fuzz target: the .pdf reader never panics, hangs or reads without limit, and what
//! it returns is text that segmentation accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = counterpart::core::read::read_bytes(Path::new("fuzz.pdf"), data) {
        let s = counterpart::core::segment::segment(&t.text);
        for seg in &s.segments {
            assert!(t.text.is_char_boundary(seg.byte_range.start) && t.text.is_char_boundary(seg.byte_range.end));
        }
    }
});
