//! `admin/config.yml`: Sveltia CMS's configuration written from [`super::model`].

use serde_yaml::{Mapping, Value};

use super::model::{Field, Kind, Widget, fields, site_fields};
use crate::config::Config;

/// Where the editor saves images: brand's `logo:` and `photo:` take `static/...` paths as
/// they are written, and `static/` is published at the site's root.
pub const MEDIA_FOLDER: &str = "static/images";

fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Mapping(
        pairs
            .into_iter()
            .map(|(k, v)| (Value::from(k), v))
            .collect::<Mapping>(),
    )
}

fn strings<'a>(list: impl IntoIterator<Item = &'a str>) -> Value {
    Value::Sequence(list.into_iter().map(Value::from).collect())
}

/// One field as the CMS reads it; `i18n` when the site has more than one language.
fn widget(field: &Field, i18n: bool) -> Value {
    let mut out = Mapping::new();
    let mut set = |k: &str, v: Value| {
        out.insert(Value::from(k), v);
    };
    set("name", field.name.into());
    set("label", field.label.into());
    let (name, extra): (&str, Vec<(&str, Value)>) = match &field.widget {
        Widget::Line => ("string", vec![]),
        Widget::Pattern(re, why) => ("string", vec![("pattern", strings([*re, *why]))]),
        Widget::Lines => ("text", vec![]),
        Widget::Number(min, max) => (
            "number",
            vec![
                ("value_type", "int".into()),
                ("min", (*min).into()),
                ("max", (*max).into()),
                ("step", 1.into()),
            ],
        ),
        Widget::Boolean => ("boolean", vec![]),
        Widget::Select(options) => (
            "select",
            vec![("options", strings(options.iter().map(String::as_str)))],
        ),
        Widget::Tags => ("list", vec![]),
        // No image or code block buttons: a picture in a page's text would need a path the
        // build resolves, and code blocks load a highlighter from another origin.
        Widget::Markdown => (
            "markdown",
            vec![
                ("editor_components", Value::Sequence(vec![])),
                (
                    "buttons",
                    strings([
                        "bold",
                        "italic",
                        "link",
                        "heading-two",
                        "heading-three",
                        "quote",
                        "bulleted-list",
                        "numbered-list",
                    ]),
                ),
            ],
        ),
        Widget::Image => ("image", vec![("choose_url", false.into())]),
        // Sveltia saves only `#rrggbb` without alpha (the build refuses a see-through colour);
        // the text box lets a coach paste the brand's hex code instead of picking it.
        Widget::Color => (
            "color",
            vec![("enableAlpha", false.into()), ("allowInput", true.into())],
        ),
        Widget::Object(inner) => (
            "object",
            vec![
                ("collapsed", true.into()),
                (
                    "fields",
                    Value::Sequence(inner.iter().map(|f| widget(f, false)).collect()),
                ),
            ],
        ),
        Widget::Links => (
            "list",
            vec![
                ("summary", "{{name}}: {{url}}".into()),
                (
                    "fields",
                    Value::Sequence(vec![
                        map([
                            ("name", "name".into()),
                            ("label", "Text".into()),
                            ("widget", "string".into()),
                        ]),
                        map([
                            ("name", "url".into()),
                            ("label", "Address".into()),
                            ("widget", "string".into()),
                        ]),
                    ]),
                ),
            ],
        ),
        Widget::Hidden => ("hidden", vec![]),
    };
    set("widget", name.into());
    for (k, v) in extra {
        set(k, v);
    }
    if !field.required {
        set("required", false.into());
    }
    if let Some(default) = field.default {
        set("default", default.into());
    }
    if !field.hint.is_empty() {
        set("hint", field.hint.into());
    }
    if i18n {
        set(
            "i18n",
            if field.translated {
                true.into()
            } else {
                "duplicate".into()
            },
        );
    }
    Value::Mapping(out)
}

fn form(kind: Kind, i18n: bool) -> Value {
    Value::Sequence(fields(kind).iter().map(|f| widget(f, i18n)).collect())
}

/// The folder collection of one kind of page; its `_index.md` (the section's first page, or
/// the home page for the top folder) is the collection's index file, with the shorter form.
fn folder(kind: Kind, label: &str, singular: &str, slug: &str, i18n: bool) -> Value {
    let folder = match kind {
        Kind::Page => "content".to_owned(),
        other => format!("content/{}", other.name()),
    };
    let summary = match kind {
        Kind::Day => "Day {{day}}: {{title}}",
        _ => "{{title}}",
    };
    let mut collection = map([
        ("name", kind.name().into()),
        ("label", label.into()),
        ("label_singular", singular.into()),
        ("folder", folder.into()),
        ("create", true.into()),
        ("extension", "md".into()),
        ("format", "yaml-frontmatter".into()),
        ("slug", slug.into()),
        ("summary", summary.into()),
        (
            "index_file",
            map([
                ("name", "_index".into()),
                (
                    "label",
                    if kind == Kind::Page {
                        "Home page".into()
                    } else {
                        format!("{label}: first page").into()
                    },
                ),
                ("fields", form(Kind::Index, i18n)),
            ]),
        ),
        ("fields", form(kind, i18n)),
    ]);
    if let Value::Mapping(m) = &mut collection {
        if kind == Kind::Day {
            m.insert("sortable_fields".into(), strings(["day", "title"]));
        }
        if i18n {
            m.insert("i18n".into(), true.into());
        }
    }
    collection
}

fn site() -> Value {
    map([
        ("name", "site".into()),
        ("label", "Site settings".into()),
        (
            "files",
            Value::Sequence(vec![map([
                ("name", "site".into()),
                ("label", "Site settings (site.yaml)".into()),
                ("file", crate::config::CONFIG_FILE.into()),
                ("format", "yaml".into()),
                (
                    "fields",
                    Value::Sequence(site_fields().iter().map(|f| widget(f, false)).collect()),
                ),
            ])]),
        ),
    ])
}

/// The whole config for `config` (its languages and `cms:`); `repo` is the repository the
/// editor saves to when `cms.repo` is not set (GitHub Actions' `GITHUB_REPOSITORY`).
pub fn generate(config: &Config, repo: Option<&str>, site_url: &str) -> String {
    let i18n = !config.languages.is_empty();
    let repo = config
        .cms
        .repo
        .as_deref()
        .filter(|r| !r.is_empty())
        .or(repo)
        // Local mode needs no repository; GitHub sign-in says which setting to fill in.
        .unwrap_or("OWNER/REPOSITORY");
    let branch = config.cms.branch.as_deref().unwrap_or("main");
    let mut top = Mapping::new();
    let mut set = |k: &str, v: Value| {
        top.insert(Value::from(k), v);
    };
    set(
        "backend",
        map([
            ("name", "github".into()),
            ("repo", repo.into()),
            ("branch", branch.into()),
            // A personal access token: GitHub Pages has no server for the OAuth exchange.
            ("auth_methods", strings(["token"])),
        ]),
    );
    set("media_folder", MEDIA_FOLDER.into());
    set("public_folder", MEDIA_FOLDER.into());
    if site_url.starts_with("http") {
        set("site_url", site_url.into());
    }
    set(
        "slug",
        map([
            ("encoding", "ascii".into()),
            ("clean_accents", true.into()),
            ("sanitize_replacement", "-".into()),
        ]),
    );
    // Empty optional fields are left out: `channel: ""` is no channel reachout knows.
    set(
        "output",
        map([
            ("omit_empty_optional_fields", true.into()),
            ("yaml", map([("quote", "double".into())])),
        ]),
    );
    if i18n {
        let locales = std::iter::once(config.language.as_str())
            .chain(config.languages.keys().map(String::as_str));
        set(
            "i18n",
            map([
                // `day-1.es.md` beside `day-1.md`, as Zola (and reachout) write translations.
                ("structure", "multiple_files".into()),
                ("locales", strings(locales)),
                ("default_locale", config.language.as_str().into()),
                ("omit_default_locale_from_filename", true.into()),
                ("save_all_locales", false.into()),
            ]),
        );
    }
    set(
        "collections",
        Value::Sequence(vec![
            folder(Kind::Day, "Days", "Day", "day-{{day}}", i18n),
            folder(Kind::Myth, "Myths", "Myth", "{{slug}}", i18n),
            folder(Kind::Message, "Messages", "Message", "{{slug}}", i18n),
            folder(Kind::Page, "Pages", "Page", "{{slug}}", i18n),
            site(),
        ]),
    );
    let body = serde_yaml::to_string(&Value::Mapping(top)).unwrap_or_default();
    format!(
        "# Written by reachout from its content model on every build: do not edit this copy.\n\
         # To change it, put your own static/admin/config.yml in the site (`reachout check`\n\
         # compares it with the model).\n{body}"
    )
}
