//! Every page of a site repeats most of its `<head>`: the same icons, stylesheets, scripts and
//! tracker data block, line for line. minify-html spends about a third of a page's time there
//! (each element is parsed into a tree and written back), so a head made only of one-element
//! lines is minified line by line, each line the pages share once per process, and spliced into
//! the rest of the page minified as usual. In a head, whitespace between elements is dropped and
//! each element is minified on its own, so the bytes are those of minifying the whole page
//! (checked on every page of the default site and the benchmark corpus); any other head (an
//! element over two lines, a comment, `<style>`) is minified with the page as before.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use memchr::memmem;

/// Distinct head lines kept: the ones pages share. A line is kept the second time it is met,
/// so a page's own lines (title, description, address) never fill the cache; they are
/// minified together, in one call per run of lines not kept.
const CAPACITY: usize = 4096;
/// Lines met once that are remembered (by hash), to tell a shared line when it comes again.
const SEEN: usize = 1 << 16;

/// A head line as written and as minified.
type Kept = HashMap<Box<[u8]>, Arc<[u8]>>;

#[derive(Default)]
struct Lines {
    kept: RwLock<Kept>,
    seen: Mutex<HashSet<u64>>,
}

fn lines() -> &'static Lines {
    static LINES: OnceLock<Lines> = OnceLock::new();
    LINES.get_or_init(Lines::default)
}

/// The page minified with `minify`, its head from kept lines; `None` when the head is not
/// one simple element per line (the caller minifies the page as a whole).
pub fn minified(bytes: &[u8], minify: impl Fn(&[u8]) -> Vec<u8>) -> Option<Vec<u8>> {
    const OPEN: &[u8] = b"<head>";
    let open = memmem::find(bytes, OPEN)? + OPEN.len();
    let close = open + memmem::find(&bytes[open..], b"</head>")?;
    let head_lines: Vec<&[u8]> = bytes[open..close]
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|line| !line.is_empty())
        .collect();
    if !head_lines.iter().all(|line| simple_element(line)) {
        return None;
    }
    let mut rest = Vec::with_capacity(bytes.len() - (close - open));
    rest.extend_from_slice(&bytes[..open]);
    rest.extend_from_slice(&bytes[close..]);
    let body = minify(&rest);
    let at = memmem::find(&body, OPEN)? + OPEN.len();
    let mut out = Vec::with_capacity(body.len() + (close - open));
    out.extend_from_slice(&body[..at]);
    let mut run = Vec::new();
    let flush = |run: &mut Vec<u8>, out: &mut Vec<u8>| {
        if !run.is_empty() {
            out.extend_from_slice(&minify(run));
            run.clear();
        }
    };
    for line in head_lines {
        match kept(line) {
            Some(hit) => {
                flush(&mut run, &mut out);
                out.extend_from_slice(&hit);
            }
            None if seen_before(line) => {
                flush(&mut run, &mut out);
                let done: Arc<[u8]> = minify(line).into();
                out.extend_from_slice(&done);
                keep(line, done);
            }
            None => {
                run.extend_from_slice(line);
                run.push(b'\n');
            }
        }
    }
    flush(&mut run, &mut out);
    out.extend_from_slice(&body[at..]);
    Some(out)
}

fn kept(line: &[u8]) -> Option<Arc<[u8]>> {
    lines().kept.read().ok()?.get(line).cloned()
}

fn keep(line: &[u8], minified: Arc<[u8]>) {
    if let Ok(mut kept) = lines().kept.write()
        && kept.len() < CAPACITY
    {
        kept.insert(line.into(), minified);
    }
}

/// Whether `line` was met before (and remembers it when not).
fn seen_before(line: &[u8]) -> bool {
    let mut hasher = std::hash::DefaultHasher::new();
    line.hash(&mut hasher);
    let hash = hasher.finish();
    let Ok(mut seen) = lines().seen.lock() else {
        return false;
    };
    if seen.contains(&hash) {
        return true;
    }
    if seen.len() < SEEN {
        seen.insert(hash);
    }
    false
}

/// One whole element on its own: `<meta ...>`, `<link ...>`, `<base ...>`, or a `<title>` or
/// `<script>` whose text holds no `<` (a JSON block is written script-safe). Attribute values
/// may hold `>` but no `<`; quotes must close before the start tag's `>`.
fn simple_element(line: &[u8]) -> bool {
    let name_end = line
        .iter()
        .skip(1)
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(line.len(), |n| n + 1);
    let name = &line[1.min(line.len())..name_end];
    if line.first() != Some(&b'<') || !matches!(line.get(name_end), Some(b' ' | b'>')) {
        return false;
    }
    let Some(tag_end) = start_tag_end(line, name_end) else {
        return false;
    };
    let body = &line[tag_end..];
    match name {
        b"meta" | b"link" | b"base" => body.is_empty(),
        b"title" | b"script" => {
            let close: &[u8] = if name == b"title" {
                b"</title>"
            } else {
                b"</script>"
            };
            body.strip_suffix(close)
                .is_some_and(|text| memchr::memchr(b'<', text).is_none())
        }
        _ => false,
    }
}

/// The index just past the `>` ending the start tag that begins `line`, outside quotes; none
/// when a quote is left open or a `<` comes first.
fn start_tag_end(line: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in line.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), b'<') | (None, b'<') => return None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            (None, _) => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_one_line_elements_are_simple() {
        for ok in [
            &b"<meta charset=\"utf-8\">"[..],
            b"<link rel=\"icon\" href=\"/a.png\">",
            b"<title>A &amp; B \xc2\xb7 Site</title>",
            b"<script type=\"application/json\" id=\"d\">{\"a\":\"\\u003c\"}</script>",
            b"<meta name=\"description\" content=\"a > b\">",
        ] {
            assert!(simple_element(ok), "{}", String::from_utf8_lossy(ok));
        }
        for not in [
            &b"<meta content=\"open"[..],
            b"<meta content=\"x>",
            b"b\">",
            b"<style>a{}</style>",
            b"<!-- note -->",
            b"<title>a</title><meta>",
            b"<script>if (a<b) {}</script>",
            b"<noscript><link href=a></noscript>",
            b"<meta name=\"a<b\">",
        ] {
            assert!(!simple_element(not), "{}", String::from_utf8_lossy(not));
        }
    }

    #[test]
    fn a_head_of_simple_lines_gives_the_bytes_of_the_whole_page() {
        let page = b"<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\n<title>T \xc2\xb7 S</title>\n<link rel=\"stylesheet\" href=\"/css/a b.css\">\n<script type=\"module\" src=\"/js/t.js\"></script>\n\n</head>\n<body class=\"k\">\n<p>  a  <b>b</b> </p>\n</body>\n</html>\n";
        let whole = super::super::whole(page);
        // Met once (minified in one run), twice (kept), then from the kept lines.
        for _ in 0..3 {
            let parts = minified(page, super::super::whole).expect("simple head");
            assert_eq!(
                String::from_utf8_lossy(&parts),
                String::from_utf8_lossy(&whole)
            );
        }
        let mut other = page.to_vec();
        other.splice(40..40, b"<!-- x -->\n".iter().copied());
        assert!(minified(&other, super::super::whole).is_none());
    }
}
