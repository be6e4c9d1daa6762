//! The theme taxonomy: which themes exist and which words speak for each.
//!
//! The default ships as `assets/taxonomy.ron` (compiled in); a user passes their own
//! copy with `--taxonomy FILE`. Loading checks the file and compiles every term into
//! stems once, so classification is a lookup.

use crate::core::text;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The default taxonomy, as shipped in `assets/taxonomy.ron`.
pub const DEFAULT_TAXONOMY: &str = include_str!("../../assets/taxonomy.ron");

/// Why a taxonomy file was refused.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: {reason}")]
pub struct TaxonomyError {
    /// The file, or `built-in taxonomy`.
    pub source_name: String,
    /// What is wrong with it.
    pub reason: String,
}

/// The taxonomy file as written by a user.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaxonomyFile {
    /// Format version of the file; this build reads 1.
    pub version: u32,
    /// The theme of sentences that no term speaks for.
    pub fallback: String,
    /// Figures of speech that must not count for any theme.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// The themes, in display order.
    pub themes: Vec<ThemeDef>,
}

/// One theme as written in the taxonomy file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThemeDef {
    /// Stable id, used in reports and sessions.
    pub id: String,
    /// Label shown to users.
    pub label: String,
    /// Terms, each optionally followed by `:weight`.
    pub terms: Vec<String>,
}

/// A theme ready for classification.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Stable id.
    pub id: String,
    /// Label shown to users.
    pub label: String,
    /// Compiled terms.
    pub terms: Vec<Term>,
}

/// A compiled term: a sequence of stems and a weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The term as written (without weight), shown as evidence.
    pub text: String,
    /// Stems to match, in order.
    pub stems: Vec<String>,
    /// How much a match counts.
    pub weight: f32,
}

/// A loaded, checked taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    /// Themes in display order.
    pub themes: Vec<Theme>,
    /// Index into `themes` of the fallback theme.
    pub fallback: usize,
    /// Compiled figures of speech to skip.
    pub ignore: Vec<Vec<String>>,
    /// The file as loaded (kept so sessions can store the taxonomy in use).
    pub file: TaxonomyFile,
    /// For each first stem, the (theme, term) indices of the terms that start with it.
    pub by_first_stem: std::collections::HashMap<String, Vec<(usize, usize)>>,
}

impl Default for Taxonomy {
    fn default() -> Self {
        // The built-in file is checked by a unit test, so this cannot fail at run time
        // unless the binary was built from a broken asset.
        Self::parse(DEFAULT_TAXONOMY, "built-in taxonomy").unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Taxonomy {
    /// Reads and checks a taxonomy file.
    pub fn load(path: &Path) -> Result<Self, TaxonomyError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| TaxonomyError { source_name: name.clone(), reason: format!("cannot read: {e}") })?;
        Self::parse(&text, &name)
    }

    /// Parses and checks taxonomy text; `source_name` names it in errors.
    pub fn parse(text: &str, source_name: &str) -> Result<Self, TaxonomyError> {
        let err = |reason: String| TaxonomyError { source_name: source_name.to_owned(), reason };
        let file: TaxonomyFile = ron::from_str(text).map_err(|e| err(format!("not a valid taxonomy: {e}")))?;
        Self::from_file(file).map_err(err)
    }

    /// Checks and compiles a taxonomy file.
    pub fn from_file(file: TaxonomyFile) -> Result<Self, String> {
        if file.version != 1 {
            return Err(format!("taxonomy version {} is not supported (this build reads 1)", file.version));
        }
        if file.themes.is_empty() {
            return Err("the taxonomy has no themes".into());
        }
        let mut themes = Vec::with_capacity(file.themes.len());
        for def in &file.themes {
            if def.id.trim().is_empty() {
                return Err("a theme has an empty id".into());
            }
            if themes.iter().any(|t: &Theme| t.id == def.id) {
                return Err(format!("theme id {:?} appears twice", def.id));
            }
            let mut terms = Vec::new();
            for raw in &def.terms {
                let (text, weight) = match raw.rsplit_once(':') {
                    Some((t, w)) if w.parse::<f32>().is_ok() => (t.trim(), w.parse::<f32>().unwrap_or(1.0)),
                    _ => (raw.trim(), 1.0),
                };
                if !weight.is_finite() || weight < 0.0 {
                    return Err(format!("theme {:?}: term {raw:?} has a bad weight", def.id));
                }
                let stems = stems_of(text);
                if stems.is_empty() {
                    return Err(format!("theme {:?}: term {raw:?} has no words", def.id));
                }
                let weight = weight * (1.0 + 0.25 * (stems.len() as f32 - 1.0));
                terms.push(Term { text: text.to_owned(), stems, weight });
            }
            themes.push(Theme { id: def.id.clone(), label: def.label.clone(), terms });
        }
        let fallback = themes
            .iter()
            .position(|t| t.id == file.fallback)
            .ok_or_else(|| format!("fallback theme {:?} is not one of the themes", file.fallback))?;
        let ignore = file.ignore.iter().map(|s| stems_of(s)).filter(|s| !s.is_empty()).collect();
        let mut by_first_stem: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
        for (ti, theme) in themes.iter().enumerate() {
            for (k, term) in theme.terms.iter().enumerate() {
                by_first_stem.entry(term.stems[0].clone()).or_default().push((ti, k));
            }
        }
        Ok(Self { themes, fallback, ignore, file, by_first_stem })
    }

    /// The index of the theme with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }
}

fn stems_of(text: &str) -> Vec<String> {
    text::tokens(text).into_iter().map(|t| t.stem).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_taxonomy_has_the_thirteen_stable_ids() {
        let t = Taxonomy::parse(DEFAULT_TAXONOMY, "built-in").unwrap();
        let ids: Vec<&str> = t.themes.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "politics",
                "security",
                "trade",
                "investment",
                "energy",
                "transport",
                "digital",
                "agriculture",
                "culture",
                "health",
                "environment",
                "multilateral",
                "general"
            ]
        );
        assert_eq!(t.themes[t.fallback].id, "general");
    }

    #[test]
    fn bad_taxonomy_is_refused_with_its_name() {
        let e = Taxonomy::parse("(version: 1, fallback: \"x\", themes: [])", "my.ron").unwrap_err();
        assert_eq!(e.to_string(), "my.ron: the taxonomy has no themes");
        let e = Taxonomy::parse("not ron at all", "my.ron").unwrap_err();
        assert!(e.to_string().starts_with("my.ron: not a valid taxonomy"), "{e}");
        let dup = "(version: 1, fallback: \"a\", themes: [(id: \"a\", label: \"A\", terms: [\"x\"]), (id: \"a\", label: \"B\", terms: [])])";
        assert!(Taxonomy::parse(dup, "d.ron").unwrap_err().reason.contains("appears twice"));
    }

    #[test]
    fn term_weights_are_parsed() {
        let t =
            "(version: 1, fallback: \"a\", themes: [(id: \"a\", label: \"A\", terms: [\"terrorism:3\", \"trade\"])])";
        let tax = Taxonomy::parse(t, "t").unwrap();
        assert_eq!(tax.themes[0].terms[0].weight, 3.0);
        assert_eq!(tax.themes[0].terms[0].text, "terrorism");
        assert_eq!(tax.themes[0].terms[1].weight, 1.0);
    }
}
