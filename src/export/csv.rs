//! The CSV table: one line per row — theme, status, similarity, note, then one column
//! per document with its text — for spreadsheets.

use super::ReportContext;

/// Writes the rows as CSV.
pub fn to_csv(ctx: &ReportContext<'_>) -> String {
    let c = ctx.comparison;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["theme".into(), "status".into(), "similarity".into(), "note".into()];
    header.extend(
        c.documents
            .iter()
            .enumerate()
            .map(|(d, doc)| format!("{}: {}", doc.id, ctx.titles.get(d).unwrap_or(&doc.title))),
    );
    // Writing to memory cannot fail.
    let _ = w.write_record(&header);
    for r in &c.rows {
        let mut rec: Vec<String> = vec![
            c.taxonomy.themes[r.theme].label.clone(),
            r.status.id().to_owned(),
            format!("{:.2}", r.similarity),
            ctx.note(r).unwrap_or_default().to_owned(),
        ];
        rec.extend(
            c.documents
                .iter()
                .zip(&r.cells)
                .map(|(doc, cell)| cell.iter().map(|&s| doc.segments[s].text.as_str()).collect::<Vec<_>>().join(" ")),
        );
        let _ = w.write_record(&rec);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
