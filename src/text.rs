//! Text helpers every stage uses: HTML escaping, slugs, JSON that is safe inside `<script>` and
//! site paths under the base path. A leaf: it imports nothing from the crate, so anything may
//! use it without creating a cycle.

use serde::Serialize;

/// Escapes text for HTML and XML text or attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Lowercase, alphanumerics kept, every other run of characters becomes one `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            pending_dash = true;
        }
    }
    slug
}

/// JSON with `<`, `>` and `&` as unicode escapes, so it can never close a script element.
pub fn script_safe<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A site path (`/about/`) under the base path (`/repo/` gives `/repo/about/`); `None` for
/// anything else (`https://…`, `//host/…`, `#top`, `mailto:`, a relative path), which stays as
/// written. A coach writes `/about/` meaning "the site's about page" wherever a link goes.
pub fn site_path(base_path: &str, url: &str) -> Option<String> {
    let path = url.strip_prefix('/').filter(|p| !p.starts_with('/'))?;
    Some(format!("{base_path}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_get_the_base_path_and_nothing_else_does() {
        assert_eq!(
            site_path("/repo/", "/about/").as_deref(),
            Some("/repo/about/")
        );
        assert_eq!(site_path("/", "/about/").as_deref(), Some("/about/"));
        for url in [
            "https://x.org/",
            "//cdn.example/a.js",
            "#top",
            "mailto:a@b.c",
            "a/b",
        ] {
            assert_eq!(site_path("/repo/", url), None, "{url}");
        }
    }

    #[test]
    fn script_safe_json_cannot_close_a_script_element() {
        let json = script_safe(&serde_json::json!({"a": "</script><b>&"}));
        assert_eq!(json, r#"{"a":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
    }
}
