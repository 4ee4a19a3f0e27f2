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

/// Minifies a rendered page; inline styles are minified, inline scripts never exist.
pub fn html(bytes: &[u8]) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
