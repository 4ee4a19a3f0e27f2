//! One rule for every link a coach writes in `site.yaml` (the menu, the author's site and call
//! to action, `brand.links`, `brand.social`): a site path, an internal `@/` link, or an
//! `https:`, `http:`, `mailto:`, `tel:` or `sms:` address, never `javascript:` or `data:`.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::yaml::locate;

/// Schemes a visitor's browser may follow from a link in the site.
const SCHEMES: [&str; 5] = ["https", "http", "mailto", "tel", "sms"];

/// Why `url` is not a link the site may publish, if it is not.
pub fn problem(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return Some("is empty".into());
    }
    if url.contains(|c: char| c.is_whitespace() || c.is_control() || "\"<>`\\".contains(c)) {
        return Some("holds a space, a quote, < >, a backslash or a control character".into());
    }
    // A scheme is letters, digits, + - . before the first `:`, and comes before any / ? #.
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let Some(scheme) = scheme else {
        return None; // a site path (/people/), a relative one, #anchor or @/internal.md
    };
    let lower = scheme.to_ascii_lowercase();
    if !SCHEMES.contains(&lower.as_str()) {
        return Some(format!(
            "uses `{scheme}:`; links may be https:, http:, mailto:, tel: or sms: addresses, or site paths"
        ));
    }
    if lower.starts_with("http") {
        let rest = url[scheme.len() + 1..].strip_prefix("//").unwrap_or("");
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.is_empty() {
            return Some("has no host name after https://".into());
        }
        if host.contains('@') {
            return Some("carries a user name or password before the host".into());
        }
    }
    None
}

/// A problem for the link `url` of the `site.yaml` entry `what`, at the link's place.
pub fn diagnostic(file: &Path, source: &str, what: &str, url: &str, why: &str) -> Diagnostic {
    let mut d = Diagnostic::new(file, format!("{what} `{url}` {why}")).hint(
        "write an address such as https://example.com/page, mailto:you@example.com, or a site path like /about/",
    );
    // A quoted value can span lines (YAML folds the break into a space), so the parsed text is
    // not always in the file: then look for its first word.
    let first_word = url
        .trim_start()
        .split(char::is_whitespace)
        .next()
        .unwrap_or("");
    if let Some(at) =
        locate::find_text(source, url).or_else(|| locate::find_text(source, first_word))
    {
        d = d.at(at, source);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::{diagnostic, problem};

    #[test]
    fn a_link_folded_over_two_lines_is_found_by_its_first_word() {
        let source = "menu:\n  - { name: \"Myths\", url: \"@/myths/_index.m\n      d\" }\n";
        let d = diagnostic(
            std::path::Path::new("site.yaml"),
            source,
            "`menu` entry",
            "@/myths/_index.m d",
            "holds a space",
        );
        assert_eq!(d.position.map(|p| (p.line, p.column)), Some((2, 28)), "{d}");
    }

    #[test]
    fn only_web_mail_phone_and_site_links_pass() {
        for ok in [
            "https://coach.example/book",
            "http://example.com",
            "mailto:ana@example.com",
            "tel:+15550100",
            "sms:+15550100",
            "/people/",
            "@/days/_index.md",
            "#top",
            "about/",
            "HTTPS://EXAMPLE.COM/",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:x",
            "file:///etc/passwd",
            "https://",
            "https://user:pass@example.com/",
            "https://exa mple.com",
            "https://example.com/\"onmouseover=x",
            "/a\nb/",
            "",
        ] {
            assert!(problem(bad).is_some(), "{bad:?}");
        }
    }
}
