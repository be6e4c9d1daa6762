//! Text in other scripts. The window's own fonts cover Latin, Greek and Cyrillic;
//! Chinese, Japanese and Korean come from the system's fonts, found when first needed
//! (eframe's `system_fonts` feature, through egui's font providers). Where no font has
//! the characters, the window says so once, in words, instead of drawing boxes.

use crate::core::Comparison;

/// How many different CJK characters are tried against the fonts: enough to tell
/// whether a font for the script exists, few enough to check in a frame.
const SAMPLE_CHARACTERS: usize = 32;

/// Whether `c` is written in Chinese, Japanese or Korean script (Han ideographs,
/// kana, Hangul, and their punctuation).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F // CJK symbols and punctuation
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3130..=0x318F // Hangul compatibility jamo
        | 0x3400..=0x4DBF // Han, extension A
        | 0x4E00..=0x9FFF // Han
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // Han compatibility
        | 0xFF00..=0xFFEF // full-width forms
        | 0x20000..=0x2FA1F // Han, supplementary planes
    )
}

/// Up to `SAMPLE_CHARACTERS` different CJK characters from the comparison's
/// documents, and the index of the first document that has one.
pub fn cjk_sample(c: &Comparison) -> Option<(usize, String)> {
    let mut first = None;
    let mut sample = String::new();
    for (d, doc) in c.documents.iter().enumerate() {
        for ch in doc.text.chars().filter(|&ch| is_cjk(ch)) {
            first.get_or_insert(d);
            if !sample.contains(ch) {
                sample.push(ch);
                if sample.chars().count() >= SAMPLE_CHARACTERS {
                    return first.map(|d| (d, sample));
                }
            }
        }
    }
    first.map(|d| (d, sample))
}

/// The first document with CJK text that no font can show, or `None` when the fonts
/// (the window's own and those the system provides) draw all of it.
pub fn undrawable_document(ctx: &egui::Context, c: &Comparison) -> Option<usize> {
    let (d, sample) = cjk_sample(c)?;
    let font = egui::FontId::proportional(14.0);
    let drawable = ctx.fonts_mut(|f| sample.chars().all(|ch| f.has_glyph(&font, ch)));
    (!drawable).then_some(d)
}

/// What the window says when a document's script has no font.
pub fn missing_font_notice(title: &str) -> String {
    format!(
        "{title} has Chinese, Japanese or Korean text, but no font on this computer has those characters, \
         so they show as empty boxes. Install one (for example Noto Sans CJK, or fonts-droid-fallback on \
         Debian and Ubuntu) and start Counterpart again."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_are_recognised() {
        assert!("中华人民共和国".chars().all(is_cjk));
        assert!("ひらがなカタカナ한국어".chars().all(is_cjk));
        assert!(!"Joint Statement — Ελλάδα, Россия".chars().any(is_cjk));
    }
}
