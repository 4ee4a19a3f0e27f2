//! `brand:` in `site.yaml`: the coach's logo, photo, colours, fonts, footer and social links.
//! Checked when the config loads (files exist, colours are hex, contrast is measured) and
//! turned into `site.brand` and `site.icons` for the theme (see docs/src/coach/brand.md).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Author;
use super::color::{self, AA_TEXT, DARK, LIGHT, Palette, Rgb};
use crate::diag::Diagnostic;
use crate::yaml::locate::{self, locate};

/// `brand:`: everything that makes the site the coach's own.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Logo file, `static/...` or `content/...`; also the favicon and social image.
    #[serde(default)]
    pub logo: Option<String>,
    /// The coach's photo, shown on the home page with their name as its text alternative.
    #[serde(default)]
    pub photo: Option<String>,
    /// Brand colours; the theme derives the rest and keeps text contrast at WCAG AA.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub colors: Colors,
    /// Font stacks.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub fonts: Fonts,
    /// Footer links.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub links: Vec<NamedLink>,
    /// Social profiles, shown as text links in the footer.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub social: Vec<NamedLink>,
}

/// `brand.colors`: the light scheme's colours, and `dark:` for the dark scheme.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Links, buttons and highlights.
    #[serde(default)]
    pub accent: Option<String>,
    /// Page background.
    #[serde(default)]
    pub background: Option<String>,
    /// Body text.
    #[serde(default)]
    pub text: Option<String>,
    /// The same keys for visitors whose device is set to dark mode.
    #[serde(default)]
    pub dark: Option<SchemeColors>,
}

/// `brand.colors.dark`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeColors {
    /// Accent in the dark scheme (the light one's when absent).
    #[serde(default)]
    pub accent: Option<String>,
    /// Dark background.
    #[serde(default)]
    pub background: Option<String>,
    /// Light text.
    #[serde(default)]
    pub text: Option<String>,
}

/// `brand.fonts`: CSS font stacks, e.g. `Georgia, "Times New Roman", serif`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    /// Body text.
    #[serde(default)]
    pub body: Option<String>,
    /// Headings (the body font when absent).
    #[serde(default)]
    pub heading: Option<String>,
}

/// A named link (`network` is accepted for social profiles).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NamedLink {
    /// The link's text.
    #[serde(alias = "network")]
    pub name: String,
    /// A full URL, `mailto:`, or a site path such as `/about/`.
    pub url: String,
}

/// The theme's own accents, as in vars.css.
const ACCENT_LIGHT: Rgb = Rgb(0x0e, 0x6b, 0x6b);
const ACCENT_DARK: Rgb = Rgb(0x5f, 0xd0, 0xc8);
/// What `logo` and `photo` may be.
const IMAGE_TYPES: [(&str, &str); 8] = [
    ("png", "image/png"),
    ("svg", "image/svg+xml"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("webp", "image/webp"),
    ("gif", "image/gif"),
    ("avif", "image/avif"),
    ("ico", "image/x-icon"),
];

/// Checks `brand:` against the files in the site folder; returns errors, then warnings for colours whose contrast the theme had to fix or cannot fix.
pub fn check(
    brand: &Brand,
    author: &Author,
    file: &Path,
    source: &str,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let root = file.parent().unwrap_or(Path::new(""));
    let mut errors = Vec::new();
    let at = |path: &[&str], message: String, hint: &str| {
        let d = Diagnostic::new(file, message).hint(hint);
        match locate(source, path) {
            Some(p) => d.at(p, source),
            None => d,
        }
    };
    for (key, value) in [("logo", &brand.logo), ("photo", &brand.photo)] {
        if let Some(value) = value
            && let Err((message, hint)) = image_path(Some(root), value)
        {
            errors.push(at(
                &["brand", key],
                format!("`brand.{key}`: {message}"),
                &hint,
            ));
        }
    }
    if brand.photo.is_some() && author.name.trim().is_empty() {
        errors.push(at(
            &["brand", "photo"],
            "`brand.photo` needs the coach's name: it is the photo's text alternative".into(),
            "set `author: { name: ... }` in site.yaml",
        ));
    }
    for (path, value) in color_keys(&brand.colors) {
        let message = match value {
            Some(v) => Rgb::parse(v.trim()).err(),
            // `accent: #ffd400` unquoted is a YAML comment, so the value arrives empty.
            None => locate::raw_value(source, &path)
                .filter(|raw| raw.starts_with('#'))
                .map(|raw| format!("`{}` is read as a comment, not a colour", raw.trim())),
        };
        if let Some(message) = message {
            errors.push(at(
                &path,
                format!("`{}`: {message}", path.join(".")),
                "write a CSS hex colour in quotes, e.g. accent: \"#0e6b6b\" (YAML reads an unquoted # as a comment)",
            ));
        }
    }
    for (key, value) in [
        ("body", &brand.fonts.body),
        ("heading", &brand.fonts.heading),
    ] {
        if let Some(v) = value
            && (v.trim().is_empty()
                || v.len() > 300
                || v.contains([';', '{', '}', '<', '>', '\\', '\n']))
        {
            errors.push(at(
                &["brand", "fonts", key],
                format!("`brand.fonts.{key}` is not a CSS font stack"),
                "list font names separated by commas, ending with a generic family, e.g. Georgia, \"Times New Roman\", serif",
            ));
        }
    }
    for (key, list) in [("links", &brand.links), ("social", &brand.social)] {
        for link in list {
            let url = link.url.trim();
            let bad = if link.name.trim().is_empty() {
                Some("has no `name`")
            } else if url.is_empty() {
                Some("has no `url`")
            } else if super::links::problem(url).is_some() {
                Some("has an invalid `url`")
            } else {
                None
            };
            if let Some(bad) = bad {
                let pos = locate::find_text(source, &link.url)
                    .or_else(|| locate(source, &["brand", key]));
                let mut d = Diagnostic::new(file, format!("`brand.{key}` entry `{}` {bad}", link.name))
                    .hint("write each entry as { name: \"LinkedIn\", url: \"https://...\" }; a site path like /about/ also works");
                if let Some(p) = pos {
                    d = d.at(p, source);
                }
                errors.push(d);
            }
        }
    }
    let warnings = if errors.is_empty() {
        contrast_warnings(&brand.colors)
            .into_iter()
            .map(|(path, message, hint)| at(&path, message, &hint).relative_to(root).warning())
            .collect()
    } else {
        Vec::new()
    };
    (errors, warnings)
}

/// With the browser editor on: a warning for each `#rgb` colour. Its colour field reads only
/// `#rrggbb`, shows a short one as empty, and saving the Colours section then drops it, so
/// the site would lose the colour without a word.
pub fn editor_warnings(c: &Colors, file: &Path, source: &str) -> Vec<Diagnostic> {
    let root = file.parent().unwrap_or(Path::new(""));
    color_keys(c)
        .into_iter()
        .filter_map(|(path, value)| {
            let value = value?.trim();
            let long = match Rgb::parse(value) {
                Ok(rgb) if value.len() == 4 => rgb.to_string(),
                _ => return None,
            };
            let d = Diagnostic::new(
                file,
                format!(
                    "`{}: \"{value}\"` looks empty in the browser editor, and saving its Colours there drops it",
                    path.join(".")
                ),
            )
            .hint(format!("write it with six digits, \"{long}\": the editor's colour field reads only #rrggbb"));
            let d = match locate(source, &path) {
                Some(p) => d.at(p, source),
                None => d,
            };
            Some(d.relative_to(root).warning())
        })
        .collect()
}

/// Every colour key with its path in site.yaml.
fn color_keys(c: &Colors) -> Vec<(Vec<&'static str>, Option<&String>)> {
    let dark = c.dark.as_ref();
    vec![
        (vec!["brand", "colors", "accent"], c.accent.as_ref()),
        (vec!["brand", "colors", "background"], c.background.as_ref()),
        (vec!["brand", "colors", "text"], c.text.as_ref()),
        (
            vec!["brand", "colors", "dark", "accent"],
            dark.and_then(|d| d.accent.as_ref()),
        ),
        (
            vec!["brand", "colors", "dark", "background"],
            dark.and_then(|d| d.background.as_ref()),
        ),
        (
            vec!["brand", "colors", "dark", "text"],
            dark.and_then(|d| d.text.as_ref()),
        ),
    ]
}

/// A `static/` or `content/` image path: `Ok` with its output path and MIME type; checked
/// against the files in `root` when given.
pub(crate) fn image_path(
    root: Option<&Path>,
    value: &str,
) -> Result<(String, &'static str), (String, String)> {
    let value = value.trim();
    let Some((folder, rest)) = value
        .split_once('/')
        .filter(|(f, _)| *f == "static" || *f == "content")
    else {
        return Err((
            format!("`{value}` is not in static/ or content/"),
            "write the file's path from the site folder, e.g. static/logo.png".into(),
        ));
    };
    let safe = rest.split('/').all(|part| {
        !part.is_empty()
            && !part.starts_with('.')
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    });
    if !safe {
        return Err((
            format!("`{value}` is not a plain file path"),
            "use letters, digits, '-', '_' and '.' in folder and file names (no spaces, no ..)"
                .into(),
        ));
    }
    let extension = rest
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some(mime) = IMAGE_TYPES
        .iter()
        .find(|(e, _)| *e == extension)
        .map(|(_, m)| *m)
    else {
        return Err((
            format!("`{value}` is not an image"),
            "use a PNG, SVG, JPEG, WebP, GIF, AVIF or ICO file; a square PNG or SVG of at least 512 px works best".into(),
        ));
    };
    // Symlinks are not part of the build, so they are not a logo either.
    if let Some(root) = root
        && !std::fs::symlink_metadata(root.join(folder).join(rest)).is_ok_and(|m| m.is_file())
    {
        return Err((
            format!("`{value}` does not exist"),
            format!("put the image at {folder}/{rest} in the site folder, or remove the key"),
        ));
    }
    Ok((rest.to_owned(), mime))
}

/// The palettes for the light and dark schemes, or `None` when no colour is set.
pub(crate) fn palettes(c: &Colors) -> Option<(Palette, Palette)> {
    let parse = |v: Option<&String>| v.and_then(|v| Rgb::parse(v.trim()).ok());
    let dark = c.dark.clone().unwrap_or_default();
    let any = color_keys(c).iter().any(|(_, v)| v.is_some());
    if !any {
        return None;
    }
    let light_accent = parse(c.accent.as_ref());
    let light = color::palette(
        &LIGHT,
        light_accent.unwrap_or(ACCENT_LIGHT),
        parse(c.background.as_ref()),
        parse(c.text.as_ref()),
    );
    let dark_accent = parse(dark.accent.as_ref())
        .or(light_accent)
        .unwrap_or(ACCENT_DARK);
    let dark = color::palette(
        &DARK,
        dark_accent,
        parse(dark.background.as_ref()),
        parse(dark.text.as_ref()),
    );
    Some((light, dark))
}

/// `(path, message, hint)` for each scheme where the accent or text falls short of 4.5:1.
fn contrast_warnings(c: &Colors) -> Vec<(Vec<&'static str>, String, String)> {
    let Some((light, dark)) = palettes(c) else {
        return Vec::new();
    };
    let d = c.dark.clone().unwrap_or_default();
    let mut out = Vec::new();
    for (scheme, p, defaults, own) in [
        (
            "light",
            &light,
            &LIGHT,
            (c.accent.is_some(), c.background.is_some()),
        ),
        (
            "dark",
            &dark,
            &DARK,
            (d.accent.is_some(), d.background.is_some()),
        ),
    ] {
        let prefix: &[&'static str] = if scheme == "dark" {
            &["brand", "colors", "dark"]
        } else {
            &["brand", "colors"]
        };
        let key = |k: &'static str| [prefix, &[k]].concat();
        let bg = p
            .vars
            .iter()
            .find(|(k, _)| *k == "bg")
            .map_or(defaults.bg.to_string(), |(_, v)| v.clone());
        let accent = &p.vars[0].1;
        if p.accent_ratio < AA_TEXT {
            let path = match own {
                (true, _) => key("accent"),
                (false, true) => key("background"),
                _ => vec!["brand", "colors", "accent"],
            };
            out.push((
                path,
                format!(
                    "accent {accent} has {:.2}:1 contrast on the {scheme} background {bg}; text needs 4.5:1, so links and outlines use {} ({:.2}:1) and buttons keep {accent} with {} text",
                    p.accent_ratio, p.accent_text, p.accent_text_ratio, p.vars[1].1
                ),
                format!(
                    "the build goes on; to choose the shade yourself, set a {} `{}`",
                    if scheme == "dark" { "lighter" } else { "darker" },
                    key("accent").join(".")
                ),
            ));
        }
        if p.text_ratio < AA_TEXT {
            out.push((
                key("text"),
                format!("text on the {scheme} background {bg} has {:.2}:1 contrast; WCAG AA needs 4.5:1", p.text_ratio),
                "choose a text colour and background that differ more in lightness".into(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::diag::Severity;

    fn problems(yaml: &str) -> Vec<Diagnostic> {
        Config::parse(yaml, Path::new("site.yaml"))
            .err()
            .unwrap_or_default()
    }

    #[test]
    fn photo_needs_the_coach_name_for_its_alt_text() {
        let found = problems("title: T\nbrand:\n  photo: content/x.png\n");
        assert!(
            found.iter().any(|d| d.message.contains("coach's name")),
            "{found:?}"
        );
    }

    #[test]
    fn fonts_and_links_that_could_break_out_are_refused() {
        let found = problems(
            "title: T\nbrand:\n  fonts: { body: \"serif; } body { display: none\" }\n  links:\n    - { name: X, url: \"javascript:alert(1)\" }\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].position.map(|p| p.line), Some(3));
        assert_eq!(found[1].position.map(|p| p.line), Some(5));
    }

    #[test]
    fn unknown_brand_key_suggests_the_right_one() {
        let found = problems("title: T\nbrand:\n  colours: { accent: \"#fff\" }\n");
        assert!(
            found[0].hint.as_deref().unwrap_or("").contains("`colors`"),
            "{found:?}"
        );
    }

    #[test]
    fn warnings_name_the_scheme_and_stay_out_of_errors() {
        let c = Config::parse(
            "title: T\nbrand:\n  colors:\n    text: \"#999\"\n    dark: { accent: \"#1a1a7a\" }\n",
            Path::new("site.yaml"),
        )
        .unwrap();
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        let at = |d: &Diagnostic| d.position.map(|p| (p.line, p.column));
        assert!(c.warnings.iter().all(|d| d.severity == Severity::Warning));
        assert!(
            c.warnings[0]
                .message
                .starts_with("text on the light background")
        );
        assert_eq!(at(&c.warnings[0]), Some((4, 11)));
        assert!(c.warnings[1].message.contains("dark background"));
        assert_eq!(at(&c.warnings[1]), Some((5, 21)));
        assert!(c.warnings[0].to_string().starts_with("warning: "));
    }

    #[test]
    fn short_colours_are_a_warning_only_with_the_editor_on() {
        let yaml = "title: T\nbrand:\n  colors:\n    accent: \"#063\"\n    dark: { accent: \"#5fd0c8\" }\n";
        assert!(
            Config::parse(yaml, Path::new("site.yaml"))
                .unwrap()
                .warnings
                .is_empty()
        );
        let c = Config::parse(
            &format!("{yaml}cms: {{ enabled: true }}\n"),
            Path::new("site.yaml"),
        )
        .unwrap();
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        let w = &c.warnings[0];
        assert!(w.message.contains("brand.colors.accent"), "{}", w.message);
        assert_eq!(w.position.map(|p| (p.line, p.column)), Some((4, 13)));
        assert!(
            w.hint.as_deref().unwrap_or("").contains("\"#006633\""),
            "{w:?}"
        );
    }
}
