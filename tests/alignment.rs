//! Alignment at the size of real treaties: two association agreements of 400 articles
//! that repeat the same dialogue clause in 20 of them must pair each copy with the copy
//! in the same article, and no row may hold two segments of one document.

use counterpart::core::{CompareOptions, Comparison, DocumentInput, compare};

const ARTICLES: usize = 400;
/// Every 20th article ends with the dialogue clause: 20 copies in each treaty.
const DIALOGUE_EVERY: usize = 20;
const DIALOGUE: &str = "A regular dialogue will take place on the matters covered by this Article.";

/// Article `k`'s own commitment: a distinct combination of verb, object and field.
fn body(k: usize, wording: usize) -> String {
    const VERBS: [&str; 8] =
        ["promote", "facilitate", "strengthen", "develop", "support", "encourage", "improve", "expand"];
    const OBJECTS: [&str; 10] = [
        "cooperation",
        "exchanges",
        "joint projects",
        "the mutual recognition of standards",
        "the exchange of information",
        "training programmes",
        "regulatory convergence",
        "investment",
        "technical assistance",
        "common research",
    ];
    const FIELDS: [&str; 25] = [
        "customs",
        "agriculture",
        "fisheries",
        "energy",
        "transport",
        "tourism",
        "education",
        "culture",
        "health",
        "statistics",
        "taxation",
        "competition",
        "procurement",
        "consumer protection",
        "employment",
        "social policy",
        "environment",
        "climate action",
        "civil protection",
        "space research",
        "maritime affairs",
        "industrial policy",
        "small enterprises",
        "public finance",
        "audiovisual services",
    ];
    let verb = VERBS[(k / 50 + wording) % VERBS.len()];
    format!(
        "The Parties shall {verb} {} in the field of {} under heading {}.",
        OBJECTS[k % OBJECTS.len()],
        FIELDS[(k / OBJECTS.len()) % FIELDS.len()],
        ["alpha", "beta", "gamma", "delta"][k / 100]
    )
}

fn treaty(title: &str, wording: usize) -> String {
    let mut t = format!("{title}\n\n");
    for k in 0..ARTICLES {
        t += &format!("Article {}\n\n{}", k + 1, body(k, wording));
        if (k + 1) % DIALOGUE_EVERY == 0 {
            t += " ";
            t += DIALOGUE;
        }
        t += "\n\n";
    }
    t
}

fn compared() -> Comparison {
    let inputs = vec![
        DocumentInput::from_text("eu-georgia.txt", treaty("Association Agreement between the EU and Georgia", 0)),
        DocumentInput::from_text("eu-moldova.txt", treaty("Association Agreement between the EU and Moldova", 1)),
    ];
    compare(&inputs, &CompareOptions::default())
}

#[test]
fn a_dialogue_clause_repeated_in_twenty_articles_pairs_article_by_article() {
    let c = compared();
    let article = |d: usize, s: usize| c.documents[d].section_of(&c.documents[d].segments[s]).map(str::to_owned);
    let copies = |d: usize| -> Vec<usize> {
        let segs = &c.documents[d].segments;
        (0..segs.len()).filter(|&s| segs[s].text.contains("regular dialogue")).collect()
    };
    assert_eq!(copies(0).len(), ARTICLES / DIALOGUE_EVERY);
    assert_eq!(copies(1).len(), ARTICLES / DIALOGUE_EVERY);
    for s in copies(0) {
        let row = &c.rows[c.row_of(0, s).expect("every segment has a row")];
        let partner = row.cells[1].first().copied();
        let partner = partner.unwrap_or_else(|| panic!("the copy in {:?} is left alone", article(0, s)));
        assert_eq!(article(1, partner), article(0, s), "the copy in {:?} pairs with another article's", article(0, s));
    }
}

#[test]
fn no_row_of_two_long_treaties_holds_two_segments_of_one_document() {
    let c = compared();
    for row in &c.rows {
        assert!(row.cells.iter().all(|cell| cell.len() <= 1), "a row holds {:?}", row.cells);
    }
}
