//! Writes a synthetic benchmark site (see `corpus.rs`):
//!
//!     cargo run --release --example corpus -- COUNT SEED DIR [--minify] [--default-theme]
//!
//! DIR gets `site.yaml`, `content/` (COUNT pages of about 5 KB in four unequal sections, plus
//! the home page and section intros) and minimal `templates/`; `--default-theme` leaves the
//! templates out so the built-in theme renders the site. The same COUNT and SEED always
//! give the same files. DIR must not exist yet or be empty.

#[path = "corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut positional = Vec::new();
    let (mut minify, mut default_theme) = (false, false);
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--minify" => minify = true,
            "--default-theme" => default_theme = true,
            "-h" | "--help" => {
                eprintln!("usage: corpus COUNT SEED DIR [--minify] [--default-theme]");
                return ExitCode::SUCCESS;
            }
            _ => positional.push(arg),
        }
    }
    let [count, seed, dir] = positional.as_slice() else {
        eprintln!("usage: corpus COUNT SEED DIR [--minify] [--default-theme]");
        return ExitCode::from(2);
    };
    let (Ok(count), Ok(seed)) = (count.parse::<usize>(), seed.parse::<u64>()) else {
        eprintln!("corpus: COUNT and SEED must be non-negative integers");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    if std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!("corpus: {} is not empty", dir.display());
        return ExitCode::from(2);
    }
    match corpus::write(&dir, count, seed, minify, default_theme) {
        Ok(()) => {
            let sizes = corpus::section_sizes(count);
            let parts: Vec<String> = corpus::SECTIONS
                .iter()
                .zip(sizes)
                .map(|((name, _, _), n)| format!("{n} {name}"))
                .collect();
            println!(
                "{}: {} pages ({}) + 5 index pages, seed {seed}",
                dir.display(),
                sizes.iter().sum::<usize>(),
                parts.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("corpus: cannot write {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
