//! Fuzz target: segmentation of any text never panics, and its segments are ordered,
//! non-overlapping and on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let s = counterpart::core::segment::segment(text);
    let mut last = 0;
    for seg in &s.segments {
        let r = &seg.byte_range;
        assert!(r.start >= last && r.start < r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        last = r.end;
    }
});
