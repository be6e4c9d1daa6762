//! HTML (`.html`, `.htm`, saved web pages): the article text, not menus, scripts,
//! styles or footers; headings from `h1`–`h6`. Read with the `html5gum` tokenizer (a
//! spec-following HTML5 tokenizer): a stream of tags and text, never a tree, so a page
//! nested 100,000 levels deep costs nothing more than a flat one.

use super::{Origin, SourceText};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "button", "select",
    "iframe", "object", "head", "menu", "dialog",
];
/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "br",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "address",
    "body",
];

/// Extracts the article text of an HTML page, headings in Markdown form.
pub fn extract(html: &str) -> SourceText {
    // If the page marks its article (`<article>` or `<main>`), only that is read.
    let has_article = html5gum::Tokenizer::new(html)
        .any(|t| matches!(t, Ok(html5gum::Token::StartTag(ref tag)) if matches!(&tag.name[..], b"article" | b"main")));
    let mut out = String::new();
    let mut block = String::new();
    let mut heading: Option<usize> = None;
    let mut skip = 0usize;
    let mut inside_article = 0usize;
    let mut origins = Vec::new();
    let mut blocks = 0u32;
    let mut flush = |block: &mut String, heading: Option<usize>, out: &mut String| {
        let t = block.split_whitespace().collect::<Vec<_>>().join(" ");
        block.clear();
        if t.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        blocks += 1;
        origins.push((out.len(), Origin::Paragraph(blocks)));
        if let Some(l) = heading {
            out.push_str(&"#".repeat(l));
            out.push(' ');
        }
        out.push_str(&t);
    };
    for token in html5gum::Tokenizer::new(html).flatten() {
        match token {
            html5gum::Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skip += 1;
                }
                if name == "article" || name == "main" {
                    inside_article += 1;
                }
                if BLOCKS.contains(&name.as_str()) {
                    flush(&mut block, heading, &mut out);
                    heading =
                        name.strip_prefix('h').and_then(|n| n.parse::<usize>().ok()).filter(|n| (1..=6).contains(n));
                }
            }
            html5gum::Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) {
                    skip = skip.saturating_sub(1);
                }
                if BLOCKS.contains(&name.as_str()) {
                    flush(&mut block, heading, &mut out);
                    heading = None;
                }
                if name == "article" || name == "main" {
                    inside_article = inside_article.saturating_sub(1);
                }
            }
            html5gum::Token::String(s) if skip == 0 && (!has_article || inside_article > 0) => {
                block.push_str(&String::from_utf8_lossy(&s));
            }
            _ => {}
        }
    }
    flush(&mut block, heading, &mut out);
    SourceText { text: out, encoding: "HTML", notices: Vec::new(), origins }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_without_menus_scripts_or_footers() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><nav><a>Home</a> <a>News</a></nav>\
            <article><h1>Joint Statement</h1><p>The Parties will combat &amp; prevent terrorism.</p>\
            <script>var x = 1;</script><h2>II. Trade</h2><p>Trade will&nbsp;grow.</p></article><footer>© 2024 News.Az</footer></body></html>";
        let t = extract(html);
        assert_eq!(
            t.text,
            "# Joint Statement\n\nThe Parties will combat & prevent terrorism.\n\n## II. Trade\n\nTrade will grow."
        );
    }

    #[test]
    fn without_an_article_element_the_body_is_read() {
        let t = extract("<body><header>Menu</header><p>One.</p><div>Two.</div></body>");
        assert_eq!(t.text, "One.\n\nTwo.");
    }

    #[test]
    fn deeply_nested_html_is_read_without_recursion() {
        let depth = 100_000;
        let html = format!("{}<p>Deep text.</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
        assert_eq!(extract(&html).text, "Deep text.");
    }
}
