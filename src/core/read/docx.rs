//! Word `.docx`: paragraphs in order, headings from paragraph styles and outline
//! levels, automatic numbering rendered as text (`1.`, `Article 3`), tables as text,
//! footnotes kept apart at the end. A zip (`zip`, pure-Rust inflate) of XML
//! (`quick-xml`, streaming: no entity expansion, no recursion), read with size caps.

use super::xml::{TextBuilder, attr, local, open_zip, read_entry};
use super::{ReadError, SourceText};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::path::Path;

const FORMAT: &str = "Word (.docx)";

/// One numbering level: its format (`decimal`, `bullet`, `upperRoman`…), its text
/// pattern (`%1.`, `Article %1`) and its start value.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// Reads a `.docx` file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<SourceText, ReadError> {
    let mut zip = open_zip(path, bytes, FORMAT)?;
    let Some(document) = read_entry(path, &mut zip, "word/document.xml", FORMAT)? else {
        return Err(ReadError::Corrupt {
            path: path.to_path_buf(),
            format: FORMAT,
            reason: "word/document.xml is missing".into(),
        });
    };
    let numbering =
        read_entry(path, &mut zip, "word/numbering.xml", FORMAT)?.map(|x| parse_numbering(&x)).unwrap_or_default();
    let styles =
        read_entry(path, &mut zip, "word/styles.xml", FORMAT)?.map(|x| parse_heading_styles(&x)).unwrap_or_default();
    let footnotes = read_entry(path, &mut zip, "word/footnotes.xml", FORMAT)?;
    let corrupt = |e: String| ReadError::Corrupt { path: path.to_path_buf(), format: FORMAT, reason: e };
    let mut out = TextBuilder::default();
    walk_paragraphs(&document, &numbering, &styles, &mut out).map_err(corrupt)?;
    if let Some(notes) = footnotes {
        let mut notes_out = TextBuilder::default();
        walk_paragraphs(&notes, &numbering, &styles, &mut notes_out).map_err(corrupt)?;
        let notes_text = notes_out.finish(FORMAT).text;
        if !notes_text.trim().is_empty() {
            out.heading(1, "Footnotes");
            for p in notes_text.split("\n\n") {
                out.paragraph(p);
            }
        }
    }
    Ok(out.finish("Word"))
}

/// Streams the paragraphs of a WordprocessingML part into `out`.
fn walk_paragraphs(
    xml: &str,
    numbering: &HashMap<String, Vec<Level>>,
    heading_styles: &HashMap<String, usize>,
    out: &mut TextBuilder,
) -> Result<(), String> {
    let mut r = Reader::from_str(xml);
    let mut text = String::new();
    let mut in_text = false;
    let mut skip = 0usize; // inside deleted text or field instructions
    let mut style: Option<String> = None;
    let mut outline: Option<usize> = None;
    let mut num: Option<String> = None;
    let mut counters: HashMap<String, Vec<u32>> = HashMap::new();
    let mut ilvl = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| format!("word XML: {e}"))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_start = matches!(ev, Event::Start(_));
                match local(e.name().as_ref()) {
                    b"p" => {
                        text.clear();
                        style = None;
                        outline = None;
                        num = None;
                        ilvl = 0;
                    }
                    b"pStyle" => style = attr(e, b"val"),
                    b"outlineLvl" => outline = attr(e, b"val").and_then(|v| v.parse().ok()),
                    b"ilvl" => ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8),
                    b"numId" => num = attr(e, b"val").filter(|v| v != "0"),
                    b"t" => in_text = is_start,
                    b"tab" if skip == 0 => text.push('\t'),
                    b"br" | b"cr" if skip == 0 => text.push(' '),
                    b"delText" | b"instrText" if is_start => skip += 1,
                    _ => {}
                }
            }
            Event::End(e) => match local(e.name().as_ref()) {
                b"t" => in_text = false,
                b"delText" | b"instrText" => skip = skip.saturating_sub(1),
                b"p" => {
                    let level = style.as_ref().and_then(|s| heading_styles.get(s).copied()).or(outline.map(|o| o + 1));
                    let prefix = num.as_deref().and_then(|id| render_number(numbering, &mut counters, id, ilvl));
                    let body = match prefix {
                        Some(p) if !p.is_empty() => format!("{p} {text}"),
                        _ => text.clone(),
                    };
                    match level {
                        Some(l) => out.heading(l, &body),
                        None => out.paragraph(&body),
                    }
                    if out.too_long() {
                        return Err("the text exceeds the size limit".into());
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && skip == 0 => text.push_str(&t),
            Event::GeneralRef(g) if in_text && skip == 0 => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    text.push(c);
                } else {
                    text.push_str(predefined(&g));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The five predefined XML entities; any other (a DTD's) is not expanded.
pub(super) fn predefined(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

/// The number text of a numbered paragraph, advancing the counters.
fn render_number(
    numbering: &HashMap<String, Vec<Level>>,
    counters: &mut HashMap<String, Vec<u32>>,
    id: &str,
    level: usize,
) -> Option<String> {
    let levels = numbering.get(id)?;
    let lvl = levels.get(level)?;
    if lvl.format == "bullet" || lvl.format == "none" {
        return Some(String::new());
    }
    let c = counters.entry(id.to_owned()).or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
    if c.len() < levels.len() {
        c.resize(levels.len(), 0);
    }
    c[level] += 1;
    for (k, deeper) in c.iter_mut().enumerate().skip(level + 1) {
        *deeper = levels.get(k).map_or(0, |l| l.start.saturating_sub(1));
    }
    let mut out = lvl.text.clone();
    for (k, l) in levels.iter().enumerate().take(level + 1) {
        let value = c[k].max(1);
        out = out.replace(&format!("%{}", k + 1), &format_number(value, &l.format));
    }
    Some(out)
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => char::from_u32(u32::from(b'A') + (n - 1) % 26).map(String::from).unwrap_or_default(),
        "lowerLetter" => char::from_u32(u32::from(b'a') + (n - 1) % 26).map(String::from).unwrap_or_default(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// numId → levels, from `word/numbering.xml`.
fn parse_numbering(xml: &str) -> HashMap<String, Vec<Level>> {
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut current_abstract: Option<String> = None;
    let mut current_num: Option<String> = None;
    let mut level: Option<Level> = None;
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                b"abstractNum" => current_abstract = attr(&e, b"abstractNumId"),
                b"lvl" => level = Some(Level { format: "decimal".into(), text: String::new(), start: 1 }),
                b"numFmt" => {
                    if let (Some(l), Some(v)) = (level.as_mut(), attr(&e, b"val")) {
                        l.format = v;
                    }
                }
                b"lvlText" => {
                    if let (Some(l), Some(v)) = (level.as_mut(), attr(&e, b"val")) {
                        l.text = v;
                    }
                }
                b"start" => {
                    if let (Some(l), Some(v)) = (level.as_mut(), attr(&e, b"val").and_then(|v| v.parse().ok())) {
                        l.start = v;
                    }
                }
                b"num" => current_num = attr(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(n), Some(a)) = (current_num.clone(), attr(&e, b"val")) {
                        nums.insert(n, a);
                    }
                }
                _ => {}
            },
            Event::End(e) => match local(e.name().as_ref()) {
                b"lvl" => {
                    if let (Some(a), Some(l)) = (current_abstract.as_ref(), level.take()) {
                        let v = abstracts.entry(a.clone()).or_default();
                        if v.len() < 9 {
                            v.push(l);
                        }
                    }
                }
                b"abstractNum" => current_abstract = None,
                b"num" => current_num = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    nums.into_iter().filter_map(|(n, a)| abstracts.get(&a).cloned().map(|l| (n, l))).collect()
}

/// styleId → heading level, from `word/styles.xml` (styles named `heading N` or
/// `Title`, or with an outline level).
fn parse_heading_styles(xml: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut id: Option<String> = None;
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                b"style" => id = attr(&e, b"styleId"),
                b"name" => {
                    if let (Some(i), Some(name)) = (id.as_ref(), attr(&e, b"val")) {
                        let lower = name.to_lowercase();
                        if lower == "title" {
                            out.insert(i.clone(), 1);
                        } else if let Some(n) =
                            lower.strip_prefix("heading ").and_then(|n| n.trim().parse::<usize>().ok())
                        {
                            out.insert(i.clone(), n);
                        }
                    }
                }
                b"outlineLvl" => {
                    if let (Some(i), Some(n)) = (id.as_ref(), attr(&e, b"val").and_then(|v| v.parse::<usize>().ok())) {
                        out.entry(i.clone()).or_insert(n + 1);
                    }
                }
                _ => {}
            },
            Event::End(e) if local(e.name().as_ref()) == b"style" => id = None,
            Event::Eof => break,
            _ => {}
        }
    }
    // Common built-in ids, in case styles.xml is missing.
    for n in 1..=6 {
        out.entry(format!("Heading{n}")).or_insert(n);
    }
    out.entry("Title".into()).or_insert(1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn text_of(body: &str, numbering: &str) -> String {
        let doc = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
        let numbering = parse_numbering(&format!("<w:numbering {NS}>{numbering}</w:numbering>"));
        let mut out = TextBuilder::default();
        walk_paragraphs(&doc, &numbering, &parse_heading_styles(""), &mut out).expect("xml");
        out.finish("Word").text
    }

    fn p(text: &str, num: Option<(u32, u32)>) -> String {
        let pr = num.map_or(String::new(), |(id, lvl)| {
            format!("<w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr>")
        });
        format!("<w:p>{pr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn numbering_patterns_render_as_text() {
        let numbering = "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"Article %1\"/></w:lvl>\
            <w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl></w:abstractNum>\
            <w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
            <w:num w:numId=\"5\"><w:abstractNumId w:val=\"1\"/></w:num><w:num w:numId=\"6\"><w:abstractNumId w:val=\"2\"/></w:num>";
        let body = [
            p("Purpose", Some((5, 0))),
            p("The Sides agree.", Some((5, 1))),
            p("They meet.", Some((5, 1))),
            p("Trade", Some((5, 0))),
            p("POLITICS", Some((6, 0))),
            p("SECURITY", Some((6, 0))),
        ]
        .concat();
        assert_eq!(
            text_of(&body, numbering),
            "Article 1 Purpose\n\n1.1. The Sides agree.\n\n1.2. They meet.\n\nArticle 2 Trade\n\nI. POLITICS\n\nII. SECURITY"
        );
    }

    #[test]
    fn tables_read_as_text_and_deleted_text_is_left_out() {
        let body = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl><w:p><w:r><w:t>Kept </w:t></w:r><w:del><w:r><w:delText>gone </w:delText></w:r></w:del><w:r><w:t>text.</w:t></w:r></w:p>",
            p("Cell one.", None),
            p("Cell two.", None)
        );
        assert_eq!(text_of(&body, ""), "Cell one.\n\nCell two.\n\nKept text.");
    }
}
