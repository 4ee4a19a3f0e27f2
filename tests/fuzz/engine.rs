//! The mutation fuzzer over a whole site, through the library API: a copy of the default site
//! (site.yaml, every Markdown page, a stylesheet and a script in `static/`), one file changed
//! per case by byte and token mutations or replaced by one of the security review's crash
//! inputs, then `reachout::check` (every stage of `build` but the writing, minifiers included).
//!
//! A case is a pure function of (seed, number), so any finding is replayed with `--case N`.
//! Used by the short run in the test suite (`tests/testsuite/fuzz.rs`) and the long run
//! (`scripts/fuzz.sh`, the `fuzz` example).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A small, fast, seedable generator (xorshift64*); no dependency, same stream everywhere.
pub struct Rng(u64);

impl Rng {
    /// The generator for case `case` of a run seeded with `seed`.
    pub fn for_case(seed: u64, case: u64) -> Rng {
        Rng((seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Tokens that mean something to YAML, front matter, Markdown, Tera or the tracker's syntax.
const TOKENS: &[&str] = &[
    "---",
    "--- ",
    "\n---\n",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "<<: *a",
    "? ",
    "|\n",
    ">-\n",
    "\"",
    "'",
    "\\",
    "\t",
    "\0",
    "\u{feff}",
    "\u{202e}",
    "\r",
    "\r\n",
    "{",
    "}",
    "{{ ",
    " }}",
    "{% ",
    " %}",
    "{name}",
    "{#id}",
    "- [ ] ",
    "- [x] ",
    "> ",
    "#",
    "## ",
    "[x](",
    "](@/days/day-1.md#",
    ")",
    "<div>",
    "</div>",
    "<script>",
    "<!--",
    "`",
    "```",
    "|",
    "*",
    "_",
    "~",
    "\\n",
    "NO",
    "yes",
    "0x1F",
    "01234",
    "1e308",
    "-1",
    "4294967296",
    "null",
    "~\n",
    "@",
    "%",
    "?",
    "../",
    "javascript:",
    "\u{1F600}",
    "é",
    "\u{200b}",
    ".inf",
    "[",
    "]",
];

/// Inputs the security review found crashes or bad messages with (D1, D11), and a few more.
fn crash_inputs() -> Vec<Vec<u8>> {
    let page = |body: String| format!("---\ntitle: \"T\"\n---\n\n{body}\n").into_bytes();
    vec![
        page(format!("{}x", "- ".repeat(1200))),
        page(format!("{}x", "> ".repeat(2300))),
        page(format!("{}x", "<div>".repeat(2300))),
        page(format!("{}x{}", "*".repeat(4600), "*".repeat(4600))),
        page("## Same\n\n".repeat(3000)),
        page("[x](@/nope.md)\n".repeat(3000)),
        page("x".repeat(30_000)),
        b"---\ntitle: \"T\"\n--- \n\nbody\n".to_vec(),
        b"---\ntitle: \"T\"\n---\nsecond: doc\n---\n\nbody\n".to_vec(),
        b"---\ntitle: \"T\0x\"\n---\n".to_vec(),
        b"---\rtitle: \"T\"\r---\r\rbody\r".to_vec(),
        b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\ntitle: \"T\"\n---\n".to_vec(),
        format!("{}a{{b:c}}{}", "@media screen{".repeat(900), "}".repeat(900)).into_bytes(),
        format!("export const a = {}1{};", "[".repeat(1800), "]".repeat(1800)).into_bytes(),
    ]
}

/// Changes `bytes` in one to four random ways.
pub fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..=rng.below(4) {
        let at = |rng: &mut Rng, len: usize| rng.below(len + 1);
        match rng.below(9) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = at(rng, bytes.len());
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(i..i, token.iter().copied());
            }
            2 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                let end = (i + 1 + rng.below(40)).min(bytes.len());
                bytes.drain(i..end);
            }
            3 => {
                let len = at(rng, bytes.len());
                bytes.truncate(len);
            }
            4 | 5 => {
                // Whole lines: duplicated, swapped, re-indented.
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let i = rng.below(lines.len());
                let j = rng.below(lines.len());
                match rng.below(3) {
                    0 => {
                        let copy = lines[i].clone();
                        lines.insert(j, copy);
                    }
                    1 => lines.swap(i, j),
                    _ => {
                        let indent = [&b"  "[..], b"\t", b"    "][rng.below(3)];
                        lines[i].splice(0..0, indent.iter().copied());
                    }
                }
                bytes = lines.join(&b'\n');
            }
            6 => {
                // A number somewhere becomes another.
                if let Some(i) = bytes.iter().position(|b| b.is_ascii_digit()) {
                    let n = ["0", "-3", "99999999999", "7.5", "1e9"][rng.below(5)];
                    bytes.splice(i..=i, n.bytes());
                }
            }
            7 => {
                let i = at(rng, bytes.len());
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let repeat = token.repeat(1 + rng.below(300));
                bytes.splice(i..i, repeat);
            }
            _ => {
                let i = at(rng, bytes.len());
                bytes.insert(i, rng.next() as u8);
            }
        }
    }
    bytes
}

/// The default site copied into a folder the cases change one file of at a time.
pub struct Site {
    /// The site's root.
    pub root: PathBuf,
    /// Every file a case may change, relative to the root, with its original bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Site {
    /// Copies the repository's default site (with one of the theme's stylesheets and scripts
    /// as the site's own `static/` files) into `dir`.
    pub fn copy_default(repo: &Path, dir: &Path) -> std::io::Result<Site> {
        let mut files = Vec::new();
        let mut take = |from: PathBuf, rel: String| -> std::io::Result<()> {
            let bytes = std::fs::read(&from)?;
            let to = dir.join(&rel);
            std::fs::create_dir_all(to.parent().unwrap_or(dir))?;
            std::fs::write(&to, &bytes)?;
            files.push((rel, bytes));
            Ok(())
        };
        take(repo.join("site.yaml"), "site.yaml".into())?;
        for entry in walkdir::WalkDir::new(repo.join("content")).sort_by_file_name() {
            let entry = entry?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(repo).unwrap_or(entry.path());
                take(
                    entry.path().to_path_buf(),
                    rel.to_string_lossy().replace('\\', "/"),
                )?;
            }
        }
        let statics = repo.join("themes/default/static");
        take(statics.join("css/style.css"), "static/css/style.css".into())?;
        take(
            statics.join("js/people-core.js"),
            "static/js/people-core.js".into(),
        )?;
        Ok(Site {
            root: dir.to_path_buf(),
            files,
        })
    }
}

/// What one case did.
#[derive(Debug)]
pub struct Outcome {
    /// The file the case changed.
    pub file: String,
    /// How long `check` took.
    pub took: Duration,
    /// Problems reported (0 when the site checked clean).
    pub problems: usize,
    /// Problems reported without a line and column.
    pub unlocated: Vec<String>,
}

/// The file case `case` of the run seeded `seed` changes, and what it writes there.
pub fn case_input(site: &Site, seed: u64, case: u64) -> (&str, Vec<u8>) {
    let mut rng = Rng::for_case(seed, case);
    let (rel, original) = &site.files[rng.below(site.files.len())];
    let crashes = crash_inputs();
    let changed = if rng.below(10) == 0 {
        let base = crashes[rng.below(crashes.len())].clone();
        if rng.below(2) == 0 {
            base
        } else {
            mutate(&mut rng, base)
        }
    } else {
        mutate(&mut rng, original.clone())
    };
    (rel, changed)
}

/// Runs case `case` of the run seeded `seed` on `site`, and puts the file back.
pub fn run_case(site: &Site, seed: u64, case: u64) -> Outcome {
    let (rel, changed) = case_input(site, seed, case);
    let original = &site
        .files
        .iter()
        .find(|(r, _)| r == rel)
        .expect("the case's file is one of the site's")
        .1;
    let path = site.root.join(rel);
    std::fs::write(&path, &changed).expect("write the changed file");
    let options = reachout::BuildOptions {
        root: site.root.clone(),
        ..reachout::BuildOptions::default()
    };
    let start = Instant::now();
    let result = reachout::check(&options);
    let took = start.elapsed();
    std::fs::write(&path, original).expect("put the file back");
    let (problems, unlocated) = match result {
        Ok(_) => (0, Vec::new()),
        Err(reachout::diag::Error::Invalid(list)) => {
            let unlocated = list
                .iter()
                .filter(|d| d.position.is_none())
                .map(|d| format!("{}: {}", d.file.display(), d.message))
                .collect();
            (list.len(), unlocated)
        }
        Err(other) => (1, vec![other.to_string()]),
    };
    Outcome {
        file: rel.to_owned(),
        took,
        problems,
        unlocated,
    }
}
