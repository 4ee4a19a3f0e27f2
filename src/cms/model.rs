//! The content model as the editor's forms: the fields of each kind of page and of site.yaml,
//! with the limits the build enforces, so a form refuses what the build would refuse.
//! `admin/config.yml` is written from these lists and a site's own config is checked
//! against them; a test keeps them equal to the strict parsers' fields.

use crate::content::{Channel, Step};

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key in the front matter or site.yaml (`body` for the Markdown).
    pub name: &'static str,
    /// What the form calls it.
    pub label: &'static str,
    /// The line under the input.
    pub hint: &'static str,
    /// The build refuses the file without it.
    pub required: bool,
    /// Each language writes its own (`false`: the value is the main language's, copied).
    pub translated: bool,
    /// The value the build takes when the key is absent, where that is not the input's own
    /// empty value: a switch shown off for a missing `minify:` would be saved as `false`.
    pub default: Option<bool>,
    /// The input.
    pub widget: Widget,
}

/// The input of a field, with the limits the build checks.
#[derive(Debug, Clone)]
pub enum Widget {
    /// One line of text.
    Line,
    /// One line that must match a regular expression, with the message shown when it does not.
    Pattern(&'static str, &'static str),
    /// Several lines of plain text.
    Lines,
    /// A whole number between the bounds.
    Number(i64, i64),
    /// A switch.
    Boolean,
    /// One of a fixed list.
    Select(Vec<String>),
    /// A list of words.
    Tags,
    /// The page's Markdown.
    Markdown,
    /// A picture in the media folder.
    Image,
    /// A `#rrggbb` colour.
    Color,
    /// Fields under one key.
    Object(Vec<Field>),
    /// A list of `{ name, url }` links.
    Links,
    /// Kept as it is and not shown (values a coach edits in the file, like `languages:`).
    Hidden,
}

/// The kinds of Markdown page, each one collection of the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `content/days/*.md`.
    Day,
    /// `content/myths/*.md`.
    Myth,
    /// `content/messages/*.md`.
    Message,
    /// Other pages at the top of `content/`.
    Page,
    /// `_index.md`: the home page and the sections' first pages.
    Index,
}

impl Kind {
    /// Every kind, in the order the editor lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Day,
        Kind::Myth,
        Kind::Message,
        Kind::Page,
        Kind::Index,
    ];

    /// The kind's name in messages and the collection's name in the config.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Day => "days",
            Kind::Myth => "myths",
            Kind::Message => "messages",
            Kind::Page => "pages",
            Kind::Index => "sections",
        }
    }
}

/// A pattern for ids and names that become file names or addresses.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

fn field(name: &'static str, label: &'static str, widget: Widget) -> Field {
    Field {
        name,
        label,
        hint: "",
        required: true,
        translated: true,
        default: None,
        widget,
    }
}

impl Field {
    fn optional(mut self) -> Field {
        self.required = false;
        self
    }
    fn hint(mut self, hint: &'static str) -> Field {
        self.hint = hint;
        self
    }
    /// The build's value for a missing key (see [`Field::default`]).
    fn defaults_to(mut self, value: bool) -> Field {
        self.default = Some(value);
        self
    }
    /// The same value in every language (numbers, choices, switches).
    fn shared(mut self) -> Field {
        self.translated = false;
        self
    }
}

/// `channel:`'s and `step:`'s values, as the front matter writes them.
fn names<T: serde::Serialize>(all: &[T]) -> Vec<String> {
    all.iter()
        .filter_map(|v| serde_json::to_value(v).ok())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// The fields of a kind's front matter and body, in form order.
pub fn fields(kind: Kind) -> Vec<Field> {
    let title = field("title", "Title", Widget::Line);
    let description = field("description", "Description", Widget::Lines)
        .optional()
        .hint("One or two sentences for search engines and link previews.");
    let draft = field("draft", "Draft", Widget::Boolean)
        .optional()
        .shared()
        .hint("A draft is left out of the published site.");
    let order = field("order", "Order", Widget::Number(-999, 999))
        .optional()
        .shared()
        .hint("Lower numbers are listed first.");
    let body = |hint| field("body", "Text", Widget::Markdown).hint(hint);
    let mut list = vec![title];
    match kind {
        Kind::Day => list.extend([
            field("day", "Day number", Widget::Number(1, 99))
                .shared()
                .hint("1 to 7 for a 7-day challenge: each number once, none skipped."),
            field("goal", "Goal", Widget::Line).hint("Today's goal in one sentence."),
            field("minutes", "Minutes", Widget::Number(1, 600))
                .optional()
                .shared()
                .hint("About how long the day takes."),
            field("summary", "Summary", Widget::Lines)
                .optional()
                .hint("A line for the list of days."),
            description,
            draft,
            body("The checklist is a list of lines `- [ ] What to do {#an-id}`: the id (lowercase letters, digits, hyphens) keeps a visitor's tick when you reword the task."),
        ]),
        Kind::Myth => list.extend([
            field("myth", "The thought", Widget::Lines)
                .hint("The limiting thought, as people say it to themselves."),
            field("reframe", "The answer", Widget::Lines).hint("The one-line answer."),
            order,
            description,
            draft,
            body("Why the thought feels true, and what to do instead."),
        ]),
        Kind::Message => list.extend([
            field("situation", "Situation", Widget::Line).hint("When to send this message."),
            field("channel", "Channel", Widget::Select(names(&Channel::ALL)))
                .optional()
                .shared(),
            field("step", "Step", Widget::Select(names(&Step::ALL)))
                .optional()
                .shared()
                .hint("The step of a reconnection the people page suggests this message for."),
            field("subject", "Email subject", Widget::Line).optional(),
            field("tags", "Tags", Widget::Tags).optional(),
            order,
            description,
            draft,
            body("Words in braces, like {name}, are blanks the visitor fills in before copying the message."),
        ]),
        Kind::Page => list.extend([
            description,
            field(
                "template",
                "Template",
                Widget::Pattern("^[A-Za-z0-9_/-]+\\.html$", "a template file name, e.g. people.html"),
            )
            .optional()
            .shared()
            .hint("Leave empty: only pages with their own template (My people) need one."),
            draft,
            body(""),
        ]),
        Kind::Index => list.extend([description, draft, body("")]),
    }
    list
}

/// Front matter keys every kind accepts but no form shows (free data for templates).
pub const UNSHOWN: [&str; 1] = ["extra"];

/// site.yaml keys no form shows: `coach:`, the other name of `author:`.
pub const SITE_UNSHOWN: [&str; 1] = ["coach"];

/// The site.yaml form: what a coach changes there, the rest kept as written.
pub fn site_fields() -> Vec<Field> {
    let color = |name, label| field(name, label, Widget::Color).optional();
    let colors = |dark: bool| {
        let mut list = vec![
            color("accent", "Accent colour"),
            color("background", "Background colour"),
            color("text", "Text colour"),
        ];
        if !dark {
            list.push(
                field(
                    "dark",
                    "In dark mode",
                    Widget::Object(
                        [
                            ("accent", "Accent colour"),
                            ("background", "Background colour"),
                            ("text", "Text colour"),
                        ]
                        .map(|(n, l)| color(n, l))
                        .into(),
                    ),
                )
                .optional(),
            );
        }
        list
    };
    let number = |name, label, max, hint| field(name, label, Widget::Number(1, max)).hint(hint);
    let url = field("url", "Address", Widget::Line);
    vec![
        field("title", "Site title", Widget::Line),
        field("description", "Description", Widget::Lines).optional(),
        field(
            "language",
            "Language",
            Widget::Pattern(
                crate::config::language::CODE_PATTERN,
                "a language code such as en, es or pt-BR",
            ),
        )
        .optional()
        .hint("The language of the site's own words: en, es, fr, de or pt."),
        field(
            "author",
            "Coach",
            Widget::Object(vec![
                field("name", "Name", Widget::Line)
                    .optional()
                    .hint("Every page's footer reads \"A challenge by NAME\"."),
                url.clone().optional().hint("Your website, https://..."),
                field("email", "Email", Widget::Line).optional(),
                field(
                    "cta",
                    "Call to action",
                    Widget::Object(vec![
                        field("label", "Button text", Widget::Line),
                        url.clone().hint("https://..."),
                    ]),
                )
                .optional()
                .hint("A button in the header and footer, e.g. \"Book a call\"."),
            ]),
        )
        .optional(),
        field(
            "tracker",
            "Challenge numbers",
            Widget::Object(vec![
                number(
                    "list_size",
                    "People on the list",
                    500,
                    "How many people a visitor lists.",
                ),
                number(
                    "weekly_target",
                    "People to contact each week",
                    500,
                    "At most the list's size.",
                ),
                number("max_attempts", "Tries before letting go", 10, ""),
                number("follow_up_days", "Days before a follow-up", 90, ""),
                number("keep_in_touch_days", "Days between check-ins", 730, ""),
                field("namespace", "Storage key", Widget::Hidden).optional(),
            ]),
        )
        .optional(),
        field(
            "brand",
            "Brand",
            Widget::Object(vec![
                field("logo", "Logo", Widget::Image)
                    .optional()
                    .hint("A square PNG or SVG, 512 px or more: also the site's icon."),
                field("photo", "Your photo", Widget::Image)
                    .optional()
                    .hint("On the home page; its text alternative is the coach's name."),
                field("colors", "Colours", Widget::Object(colors(false)))
                    .optional()
                    .hint("The theme keeps text readable whatever accent you pick."),
                field(
                    "fonts",
                    "Fonts",
                    Widget::Object(vec![
                        field("body", "Body text", Widget::Line).optional(),
                        field("heading", "Headings", Widget::Line).optional(),
                    ]),
                )
                .optional(),
                field("links", "Footer links", Widget::Links).optional(),
                field("social", "Social links", Widget::Links).optional(),
            ]),
        )
        .optional(),
        field("menu", "Menu", Widget::Links)
            .optional()
            .hint("Link a page as @/about.md, a section as @/days/_index.md."),
        field(
            "theme",
            "Theme",
            Widget::Pattern(ID_PATTERN, "a theme name, e.g. default or paper"),
        )
        .optional(),
        field("base_url", "Published address", Widget::Line)
            .optional()
            .hint("Leave empty on GitHub Pages: the build finds it."),
        field("cname", "Custom domain", Widget::Line).optional(),
        field("minify", "Minify", Widget::Boolean)
            .optional()
            .defaults_to(true),
        field("strings", "Theme words", Widget::Hidden).optional(),
        field("languages", "Languages", Widget::Hidden).optional(),
        field("markdown", "Markdown", Widget::Hidden).optional(),
        field("cms", "Editor", Widget::Hidden).optional(),
        field("extra", "Extra", Widget::Hidden).optional(),
    ]
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// The keys the strict parser lists for an unknown one: its "valid keys: a, b; ..." hint.
    fn parser_keys(hint: Option<String>) -> Vec<String> {
        let hint = hint.expect("a hint listing the valid keys");
        let list = hint
            .split_once(": ")
            .map(|(_, l)| l.split(';').next().unwrap_or(l))
            .expect("a list");
        let mut keys: Vec<String> = list.split(", ").map(str::to_owned).collect();
        keys.sort();
        keys
    }

    fn model_keys(fields: &[Field], unshown: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = fields
            .iter()
            .map(|f| f.name.to_owned())
            .filter(|n| n != "body")
            .chain(unshown.iter().map(|s| (*s).to_owned()))
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_kind_has_the_parsers_fields() {
        for (kind, key) in [
            (Kind::Day, "days/day-1.md"),
            (Kind::Myth, "myths/a.md"),
            (Kind::Message, "messages/a.md"),
            (Kind::Page, "about.md"),
            (Kind::Index, "days/_index.md"),
        ] {
            let text = "---\ntitle: T\nqqqqqqqqqq: 1\n---\n".to_owned();
            let err = crate::content::parse_page(key.into(), PathBuf::from(key), text).unwrap_err();
            assert_eq!(
                parser_keys(err.hint),
                model_keys(&fields(kind), &UNSHOWN),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn site_yaml_has_the_parsers_keys() {
        let err = crate::config::Config::parse("title: T\nqqqqqqqqqq: 1\n", Path::new("site.yaml"))
            .unwrap_err();
        assert_eq!(
            parser_keys(err[0].hint.clone()),
            model_keys(&site_fields(), &SITE_UNSHOWN)
        );
    }

    #[test]
    fn choices_are_the_parsers_values() {
        for (key, all) in [
            ("channel", names(&Channel::ALL)),
            ("step", names(&Step::ALL)),
        ] {
            let text = format!("---\ntitle: T\nsituation: s\n{key}: qqqqqqqqqq\n---\n");
            let err =
                crate::content::parse_page("messages/a.md".into(), PathBuf::from("a.md"), text)
                    .unwrap_err();
            let mut want = all.clone();
            want.sort();
            assert_eq!(parser_keys(err.hint), want, "{key}");
        }
    }
}
