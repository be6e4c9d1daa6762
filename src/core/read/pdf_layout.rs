//! PDF text with positions: where each piece of text is drawn (text and graphics
//! matrices followed through `q`/`Q`, `cm`, `BT`, `Td`, `TD`, `Tm`, `T*`, `'`, `"`),
//! so that lines are rebuilt left to right, top to bottom, and a page set in two
//! columns is read one column after the other.

use super::MAX_TEXT_BYTES;
use lopdf::content::Content;
use lopdf::{Document, Encoding, Object, ObjectId};
use std::collections::BTreeMap;

/// A 2-D affine matrix `[a b c d e f]` as PDF writes it.
#[derive(Debug, Clone, Copy)]
struct M([f32; 6]);

const IDENTITY: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

impl M {
    /// `self × other`.
    fn mul(self, o: M) -> M {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        M([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from(ops: &[Object]) -> Option<M> {
        let v: Vec<f32> = ops.iter().filter_map(|o| o.as_float().ok()).collect();
        (v.len() == 6 && v.iter().all(|x| x.is_finite())).then(|| M([v[0], v[1], v[2], v[3], v[4], v[5]]))
    }
}

/// A piece of text where it is drawn.
#[derive(Debug, Clone)]
struct Piece {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    text: String,
}

fn num(o: Option<&Object>) -> f32 {
    o.and_then(|o| o.as_float().ok()).filter(|x| x.is_finite()).unwrap_or(0.0)
}

fn decode(encoding: Option<&Encoding>, operands: &[Object], out: &mut String, depth: usize) {
    for o in operands {
        match o {
            Object::String(bytes, _) => {
                if let Some(t) = encoding.and_then(|e| Document::decode_text(e, bytes).ok()) {
                    out.push_str(&t);
                } else {
                    out.extend(bytes.iter().filter(|b| b.is_ascii_graphic() || **b == b' ').map(|&b| b as char));
                }
            }
            Object::Array(items) if depth < 4 => decode(encoding, items, out, depth + 1),
            Object::Integer(i) if *i < -100 => out.push(' '),
            Object::Real(r) if *r < -100.0 => out.push(' '),
            _ => {}
        }
    }
}

fn pieces(doc: &Document, page_id: ObjectId) -> lopdf::Result<Vec<Piece>> {
    let fonts = doc.get_page_fonts(page_id)?;
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| font.get_font_encoding_with_limit(doc, MAX_TEXT_BYTES).ok().map(|e| (name, e)))
        .collect();
    let content = Content::decode(&doc.get_page_content_with_limit(page_id, MAX_TEXT_BYTES)?)?;
    let (mut ctm, mut stack) = (IDENTITY, Vec::new());
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let (mut leading, mut size) = (0.0f32, 12.0f32);
    let mut encoding: Option<&Encoding> = None;
    let mut out = Vec::new();
    for op in &content.operations {
        let args = &op.operands;
        let mut show: Option<&[Object]> = None;
        match op.operator.as_str() {
            "q" if stack.len() < 1024 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" => {
                if let Some(m) = M::from(args) {
                    ctm = m.mul(ctm);
                }
            }
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                encoding = args.first().and_then(|n| n.as_name().ok()).and_then(|n| encodings.get(n));
                size = num(args.get(1)).abs().max(0.1);
            }
            "TL" => leading = num(args.first()),
            "Td" | "TD" => {
                let (tx, ty) = (num(args.first()), num(args.get(1)));
                if op.operator == "TD" {
                    leading = -ty;
                }
                tlm = M::translate(tx, ty).mul(tlm);
                tm = tlm;
            }
            "Tm" => {
                if let Some(m) = M::from(args) {
                    (tm, tlm) = (m, m);
                }
            }
            "T*" => {
                tlm = M::translate(0.0, -leading).mul(tlm);
                tm = tlm;
            }
            "'" => {
                tlm = M::translate(0.0, -leading).mul(tlm);
                tm = tlm;
                show = Some(&args[..args.len().min(1)]);
            }
            "\"" => {
                tlm = M::translate(0.0, -leading).mul(tlm);
                tm = tlm;
                show = args.get(2).map(std::slice::from_ref);
            }
            "Tj" | "TJ" => show = Some(args),
            _ => {}
        }
        if let Some(operands) = show {
            let mut text = String::new();
            decode(encoding, operands, &mut text, 0);
            let m = tm.mul(ctm);
            let scale_y = m.0[2].hypot(m.0[3]).max(0.01);
            let scale_x = m.0[0].hypot(m.0[1]).max(0.01);
            // Glyph widths are not read; half an em a character is close enough to
            // tell lines and columns apart.
            let width = text.chars().count() as f32 * size * 0.5;
            out.push(Piece { x: m.0[4], y: m.0[5], end: m.0[4] + width * scale_x, size: size * scale_y, text });
            tm = M::translate(width, 0.0).mul(tm);
        }
    }
    Ok(out)
}

/// A line of a page: its pieces joined, and where it starts and ends.
#[derive(Debug, Clone)]
struct Line {
    x: f32,
    end: f32,
    text: String,
}

/// The lines of a page in reading order: top to bottom, and where the page has two
/// columns, the left column before the right one (full-width lines, like titles,
/// separate the bands).
pub fn page_lines(doc: &Document, page_id: ObjectId) -> lopdf::Result<Vec<String>> {
    let mut ps: Vec<Piece> = pieces(doc, page_id)?.into_iter().filter(|p| !p.text.trim().is_empty()).collect();
    ps.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    for p in ps {
        let same = current.first().is_some_and(|f| (f.y - p.y).abs() <= 0.4 * f.size.max(p.size));
        if !same && !current.is_empty() {
            lines.extend(split_line(std::mem::take(&mut current)));
        }
        current.push(p);
    }
    if !current.is_empty() {
        lines.extend(split_line(current));
    }
    Ok(reading_order(lines))
}

/// Joins the pieces of one baseline into lines, left to right; a wide gap (a column
/// gutter) starts a new line.
fn split_line(mut pieces: Vec<Piece>) -> Vec<Line> {
    pieces.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut out: Vec<Line> = Vec::new();
    for p in pieces {
        match out.last_mut() {
            Some(l) if p.x - l.end < 3.0 * p.size => {
                if p.x - l.end > 0.15 * p.size && !l.text.ends_with(' ') && !p.text.starts_with(' ') {
                    l.text.push(' ');
                }
                l.text.push_str(&p.text);
                l.end = l.end.max(p.end);
            }
            _ => out.push(Line { x: p.x, end: p.end, text: p.text }),
        }
    }
    out
}

fn reading_order(lines: Vec<Line>) -> Vec<String> {
    if lines.is_empty() {
        return Vec::new();
    }
    let left_edge = lines.iter().map(|l| l.x).fold(f32::INFINITY, f32::min);
    let right_edge = lines.iter().map(|l| l.end).fold(f32::NEG_INFINITY, f32::max);
    let mid = (left_edge + right_edge) / 2.0;
    let slack = (right_edge - left_edge) * 0.03;
    let side = |l: &Line| -> u8 {
        if l.end <= mid + slack {
            0
        } else if l.x >= mid - slack {
            1
        } else {
            2
        }
    };
    let left = lines.iter().filter(|l| side(l) == 0).count();
    let right = lines.iter().filter(|l| side(l) == 1).count();
    if left < 3 || right < 3 {
        return lines.into_iter().map(|l| l.text).collect();
    }
    // Two columns: within each band between full-width lines, left then right.
    let mut out = Vec::new();
    let (mut band_left, mut band_right) = (Vec::new(), Vec::new());
    for l in lines {
        match side(&l) {
            0 => band_left.push(l.text),
            1 => band_right.push(l.text),
            _ => {
                out.append(&mut band_left);
                out.append(&mut band_right);
                out.push(l.text);
            }
        }
    }
    out.append(&mut band_left);
    out.append(&mut band_right);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x: f32, text: &str) -> Line {
        Line { x, end: x + text.len() as f32 * 5.0, text: text.into() }
    }

    #[test]
    fn two_columns_are_read_left_then_right() {
        let lines = vec![
            line(50.0, "A TITLE ACROSS THE WHOLE PAGE WIDTH OF THE DOCUMENT, CENTRED AND LONG ENOUGH TO SPAN IT"),
            line(50.0, "left one"),
            line(320.0, "right one"),
            line(50.0, "left two"),
            line(320.0, "right two"),
            line(50.0, "left three"),
            line(320.0, "right three"),
        ];
        assert_eq!(
            reading_order(lines),
            vec![
                "A TITLE ACROSS THE WHOLE PAGE WIDTH OF THE DOCUMENT, CENTRED AND LONG ENOUGH TO SPAN IT",
                "left one",
                "left two",
                "left three",
                "right one",
                "right two",
                "right three"
            ]
        );
    }

    #[test]
    fn a_single_column_keeps_its_order() {
        let lines = vec![line(50.0, "one"), line(50.0, "two"), line(60.0, "three")];
        assert_eq!(reading_order(lines), vec!["one", "two", "three"]);
    }
}
