//! The engine, sessions and exports never name the window toolkit: only `src/ui` may.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn pure_layers_do_not_name_egui_eframe_or_rfd() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["core", "export", "session"] {
        rust_files(&src.join(layer), &mut files);
    }
    assert!(files.len() >= 5, "the engine's files are found");
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        for name in ["egui", "eframe", "rfd::"] {
            assert!(!text.contains(name), "{} names {name}", f.display());
        }
    }
}
