//! Minifiers for what a visitor downloads: HTML (minify-html), the theme's ES modules (oxc) and
//! stylesheets (lightningcss). The last two are the engines minify-html already links for
//! inline code, so they add no build time.
//!
//! Every minifier falls back to the original bytes when it cannot parse its input: a coach's
//! file with a syntax error is shipped as written, and the browser reports it where it can.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions, CommentOptions, LegalComment};
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

mod head;

/// How deeply nested a page, script or stylesheet may be and still be minified. The minifiers
/// recurse once per level, so deeper input (1,000 nested list markers, quotes or `<div>`s in a
/// page; a stylesheet or script nested as deep) would overflow a thread's stack and abort the
/// build: it is published as written instead. Every real page stays far below this.
pub const MAX_NESTING: usize = 400;

/// Minifies a rendered page; inline styles are minified, inline scripts never exist. A page
/// nested deeper than [`MAX_NESTING`] is returned as it is.
pub fn html(bytes: &[u8]) -> Vec<u8> {
    if html_depth(bytes) > MAX_NESTING {
        return bytes.to_vec();
    }
    head::minified(bytes, whole).unwrap_or_else(|| whole(bytes))
}

/// minify-html over the whole of `bytes` (a page, or one line of its head).
fn whole(bytes: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    // `<html lang>` and `<head>` carry attributes and meta tags; keep them explicit.
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    // Scripts ship as separate files (the CSP forbids inline ones); see `script`.
    cfg.minify_js = false;
    minify_html::minify(bytes, &cfg)
}

/// Minifies an ES module: whitespace, comments, local names; exported names stay.
pub fn script(bytes: &[u8]) -> Option<Vec<u8>> {
    if bracket_depth(bytes) > MAX_NESTING {
        return None;
    }
    let source = std::str::from_utf8(bytes).ok()?;
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::mjs()).parse();
    if !parsed.errors.is_empty() || parsed.panicked {
        return None;
    }
    let mut program = parsed.program;
    let names = Minifier::new(MinifierOptions {
        // Module scope is private, so top-level names may be shortened too.
        mangle: Some(MangleOptions {
            top_level: true,
            ..MangleOptions::default()
        }),
        // The safest preset keeps function names and side effects a careful author relies on.
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    // The mangler only chooses names; the code generator applies them.
    let code = Codegen::new()
        .with_scoping(names.scoping)
        .with_private_member_mappings(names.class_private_mappings)
        .with_options(CodegenOptions {
            // License notices (`/*!`, `@license`) of a library a coach ships must stay.
            comments: CommentOptions {
                legal: LegalComment::Inline,
                ..CommentOptions::disabled()
            },
            ..CodegenOptions::minify()
        })
        .build(&program)
        .code;
    smaller(code.into_bytes(), bytes)
}

/// Minifies a stylesheet without changing which browsers it supports.
pub fn style(bytes: &[u8]) -> Option<Vec<u8>> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    if bracket_depth(bytes) > MAX_NESTING {
        return None;
    }
    let source = std::str::from_utf8(bytes).ok()?;
    let mut sheet = StyleSheet::parse(source, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions::default()).ok()?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .ok()?;
    smaller(printed.code.into_bytes(), bytes)
}

fn smaller(minified: Vec<u8>, original: &[u8]) -> Option<Vec<u8>> {
    (minified.len() < original.len()).then_some(minified)
}

/// Elements whose start tag opens nothing.
const VOID: [&[u8]; 14] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

/// The deepest element nesting in an HTML page, counted from its tags (an end tag left out,
/// as `<p>` allows, only makes the count higher). Linear, no recursion; memchr finds each
/// `<`, `>` and quote, so it costs a fraction of the minifier it guards (it was 16% of
/// minify-html's instructions when it stepped through every byte).
pub fn html_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(p) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + p + 1;
        match bytes.get(at) {
            Some(b'!') if bytes[at..].starts_with(b"!--") => i = find(bytes, at, b"-->"),
            Some(b'!') => i = find(bytes, at, b">"),
            Some(b'/') => {
                depth = depth.saturating_sub(1);
                i = find(bytes, at, b">");
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = bytes[at..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric() && *b != b'-')
                    .map_or(bytes.len(), |n| at + n);
                let name = &bytes[at..name_end];
                let end = tag_end(bytes, name_end);
                let self_closed = end >= 2 && bytes.get(end - 2) == Some(&b'/');
                i = end;
                if VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) || self_closed {
                    continue;
                }
                // Their text is not markup: skip to the end tag.
                if [&b"script"[..], b"style", b"textarea", b"title"]
                    .iter()
                    .any(|raw| raw.eq_ignore_ascii_case(name))
                {
                    i = end_tag(bytes, i, name);
                    continue;
                }
                depth += 1;
                deepest = deepest.max(depth);
            }
            _ => i = at,
        }
    }
    deepest
}

/// The index just past the first `what` at or after `from` (its first byte is not a letter),
/// or the end of `bytes`.
fn find(bytes: &[u8], from: usize, what: &[u8]) -> usize {
    let mut i = from.min(bytes.len());
    while let Some(p) = memchr::memchr(what[0], &bytes[i..]) {
        let at = i + p;
        if bytes[at..].starts_with(what) {
            return at + what.len();
        }
        i = at + 1;
    }
    bytes.len()
}

/// The index just past `</NAME` (any case) at or after `from`, or the end of `bytes`.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from.min(bytes.len());
    while let Some(p) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + p + 2;
        let end = at + name.len();
        if bytes
            .get(at..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return end;
        }
        i = at;
    }
    bytes.len()
}

/// The index just past the `>` that ends a start tag whose name ends at `from`, skipping
/// quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from.min(bytes.len());
    while let Some(p) = memchr::memchr3(b'>', b'"', b'\'', &bytes[i..]) {
        let at = i + p;
        match bytes[at] {
            b'>' => return at + 1,
            quote => match memchr::memchr(quote, &bytes[at + 1..]) {
                Some(q) => i = at + 1 + q + 1,
                None => return bytes.len(),
            },
        }
    }
    bytes.len()
}

/// The deepest nesting of `( [ {` in a script or stylesheet, outside strings and comments.
/// A bracket inside a regular expression may miscount by one; the limit is far from real code.
pub fn bracket_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = bytes[i + 2..]
                    .windows(2)
                    .position(|w| w == b"*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p);
            }
            _ => {}
        }
        i += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_elements_and_brackets_but_not_text_comments_or_strings() {
        assert_eq!(
            html_depth(b"<html><body><p>a<br>b<img src=x></p></body></html>"),
            3
        );
        assert_eq!(
            html_depth(b"<div title='a>b'><!-- <div><div> --><script>if (a<b) {}</script></div>"),
            1
        );
        assert_eq!(html_depth(&b"<div>".repeat(2200)), 2200);
        // End tags of raw text in any case; a quote left open runs to the end.
        assert_eq!(html_depth(b"<p><SCRIPT>x</p></Script><b>"), 2);
        assert_eq!(html_depth(b"<p title=\"a<b>c</p><div><div>"), 1);
        assert_eq!(html_depth(b"<!-- <div> --><!doctype html><div>"), 1);
        assert_eq!(
            bracket_depth(b"a { b: url(\"(((\"); } /* { { */ c[d] // ((\n"),
            2
        );
        assert_eq!(bracket_depth(&b"[".repeat(1700)), 1700);
    }

    #[test]
    fn input_nested_past_the_limit_is_returned_as_written_not_recursed_into() {
        // Deep enough to overflow a 2 MiB stack in each minifier.
        let page = format!(
            "<!doctype html><html><body>{}x</body></html>",
            "<div>".repeat(3000)
        );
        assert_eq!(html(page.as_bytes()), page.as_bytes());
        let css = format!(
            "{}a{{b:c}}{}",
            "@media screen{".repeat(1000),
            "}".repeat(1000)
        );
        assert_eq!(style(css.as_bytes()), None);
        let js = format!(
            "export const a = {}1{};",
            "[".repeat(2000),
            "]".repeat(2000)
        );
        assert_eq!(script(js.as_bytes()), None);
    }

    #[test]
    fn script_keeps_exports_and_behaviour_shortens_the_rest() {
        let src = b"/*! keep me */\n// a comment\nimport { helper } from './other.js';\nconst longLocalName = 40;\nexport function answer(extra) {\n  return helper(longLocalName + extra);\n}\n";
        let min = String::from_utf8(script(src).unwrap()).unwrap();
        assert!(min.contains("export") && min.contains("answer"), "{min}");
        assert!(
            min.contains("./other.js") && min.contains("helper"),
            "{min}"
        );
        assert!(
            !min.contains("longLocalName") && !min.contains("comment"),
            "{min}"
        );
        assert!(min.contains("keep me"), "license comments stay: {min}");
    }

    #[test]
    fn broken_script_is_left_alone() {
        assert_eq!(script(b"export function ( {"), None);
        assert_eq!(script(&[0xff, 0xfe]), None);
    }

    #[test]
    fn style_minifies_and_keeps_custom_properties() {
        let src = b":root {\n  --accent: #0a5;\n}\n/* why */\na {\n  color: var(--accent);\n}\n";
        let min = String::from_utf8(style(src).unwrap()).unwrap();
        assert!(min.contains("--accent:#0a5"), "{min}");
        assert!(!min.contains("why") && !min.contains('\n'), "{min}");
        assert_eq!(style(b"a { color: red; } }}} @media {"), None);
    }

    #[test]
    fn html_keeps_lang() {
        let min =
            html(b"<!doctype html><html lang=en><head></head><body><p>  a  </p></body></html>");
        assert!(String::from_utf8_lossy(&min).contains("lang=en"));
    }
}
