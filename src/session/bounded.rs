//! Reading a session file someone else wrote: every size is bounded, every failure is
//! said in the user's words.
//!
//! A session file may come from anyone. Before it is parsed its size is checked; while
//! it is parsed each list (documents, corrections, notes, anchors) stops at its cap and
//! each saved text at the limit a file on disk has, so memory stays bounded whatever
//! the file says. The parser's own messages ("try increasing
//! `ron::Options::recursion_limit`") are turned into sentences naming the line.

use crate::core::read::MAX_TEXT_BYTES;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// The largest session file opened, checked before reading it: room for two documents
/// at the text limit (the smallest comparison) and their escaping, never more in memory.
pub const MAX_SESSION_BYTES: u64 = 2 * MAX_TEXT_BYTES as u64 + 16 * 1024 * 1024;
/// The most documents a session holds: far beyond what a side-by-side view can show,
/// and the engine compares every pair.
pub const MAX_DOCUMENTS: usize = 200;
/// The most corrections a session holds: far more than anyone makes by hand, and each
/// is re-applied when the session opens.
pub const MAX_CORRECTIONS: usize = 10_000;
/// The most notes a session holds: one per row of a very long comparison.
pub const MAX_NOTES: usize = 10_000;
/// The most segments one correction names: a join names two.
pub const MAX_ANCHORS: usize = 2;
/// How deeply a session file may nest brackets: the format itself nests five deep.
pub const MAX_NESTING: usize = 16;

/// A list that stops with a message after `max` items (no allocation from a size hint).
fn at_most<'de, D, T>(d: D, max: usize, what: &'static str) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListOf<T> {
        max: usize,
        what: &'static str,
        item: PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListOf<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of {}", self.what)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                if out.len() == self.max {
                    return Err(de::Error::custom(format!(
                        "more than {} {}; a session holds at most {}",
                        self.max, self.what, self.max
                    )));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(ListOf { max, what, item: PhantomData })
}

/// The `documents` list, at most [`MAX_DOCUMENTS`].
pub(super) fn documents<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    at_most(d, MAX_DOCUMENTS, "documents")
}

/// The `corrections` list, at most [`MAX_CORRECTIONS`].
pub(super) fn corrections<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    at_most(d, MAX_CORRECTIONS, "corrections")
}

/// The `notes` list, at most [`MAX_NOTES`].
pub(super) fn notes<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    at_most(d, MAX_NOTES, "notes")
}

/// The `anchors` of a correction, at most [`MAX_ANCHORS`].
pub(super) fn anchors<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    at_most(d, MAX_ANCHORS, "segments in one correction")
}

/// A document's saved text, at most [`MAX_TEXT_BYTES`] like a file read from disk.
pub(super) fn saved_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    fn check<E: de::Error>(len: usize) -> Result<(), E> {
        if len > MAX_TEXT_BYTES {
            return Err(E::custom(format!(
                "a document's saved text is {len} bytes; the limit is {MAX_TEXT_BYTES} bytes, as for a file"
            )));
        }
        Ok(())
    }
    impl Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("text in quotes")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
            check(s.len())?;
            Ok(s.to_owned())
        }
        fn visit_string<E: de::Error>(self, s: String) -> Result<String, E> {
            check(s.len())?;
            Ok(s)
        }
    }
    d.deserialize_string(Text)
}

/// Parses RON with the nesting limit.
pub(super) fn from_ron<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    ron::Options::default().with_recursion_limit(MAX_NESTING).from_str(text).map_err(|e| in_words(&e, text))
}

/// A parser error as a sentence for the user, naming the line. `text` is what was
/// parsed: an error at its very end means the file was cut short.
pub(super) fn in_words(e: &ron::error::SpannedError, text: &str) -> String {
    use ron::Error as E;
    let line = e.span.start.line;
    let at = format!("at line {line}");
    let last_line = 1 + text.trim_end().matches('\n').count();
    match &e.code {
        E::ExceededRecursionLimit => format!("nested too deeply {at}"),
        E::Message(m) => format!("{at}: {m}"),
        E::InvalidValueForType { expected, found } => format!("{at}: expected {expected}, found {found}"),
        E::MissingStructField { field, .. } => format!("{at}: the field `{field}` is missing"),
        E::DuplicateStructField { field, .. } => format!("{at}: the field `{field}` appears twice"),
        E::NoSuchEnumVariant { found, .. } => format!("{at}: {found:?} is not one of the kinds allowed there"),
        E::TrailingCharacters => format!("{at}: unexpected text after the end of the session"),
        _ if matches!(e.code, E::Eof | E::ExpectedStringEnd) || e.span.end.line >= last_line => {
            format!("the file ends too early, {at}: it was cut short or is incomplete")
        }
        E::ExpectedArray => format!("{at}: expected a list in [brackets]"),
        E::ExpectedString => format!("{at}: expected text in \"quotes\""),
        E::ExpectedInteger | E::IntegerOutOfBounds => format!("{at}: expected a whole number"),
        E::ExpectedBoolean => format!("{at}: expected true or false"),
        E::ExpectedOption => format!("{at}: expected Some(…) or None"),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => format!("{at}: expected a group in (parentheses)"),
        E::ExpectedMap => format!("{at}: expected a map in {{braces}}"),
        _ => format!("{at}, column {}: unexpected text", e.span.start.col),
    }
}
