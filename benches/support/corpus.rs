//! A deterministic synthetic site for benchmarks: `count` Markdown pages of about 5 KB each
//! (YAML front matter, headings, emphasis, lists, a task list, a blockquote, a table, internal
//! and external links), in four sections of unequal size, plus minimal templates.
//!
//! The same `(count, seed)` always gives the same bytes. Shared by the `corpus` example
//! (`cargo run --release --example corpus -- COUNT SEED DIR`) and the criterion benches.

#![allow(dead_code)] // each user of this module needs a different part of it

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// The four sections, their share of the pages and the file-name stem of their pages.
/// `notes` holds plain pages; the others are the kinds reachout knows.
pub const SECTIONS: [(&str, u32, &str); 4] = [
    ("notes", 50, "note"),
    ("messages", 25, "message"),
    ("myths", 15, "myth"),
    ("days", 10, "day"),
];

/// Average target size of one Markdown file, front matter included.
pub const PAGE_BYTES: usize = 5 * 1024;

/// splitmix64: tiny, fast and good enough for text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "people",
    "network",
    "former",
    "colleague",
    "boss",
    "mentor",
    "client",
    "message",
    "reply",
    "week",
    "coffee",
    "project",
    "team",
    "question",
    "advice",
    "update",
    "news",
    "career",
    "office",
    "meeting",
    "email",
    "call",
    "note",
    "thanks",
    "help",
    "idea",
    "article",
    "book",
    "conference",
    "job",
    "role",
    "company",
    "friend",
    "manager",
    "report",
    "contact",
    "habit",
    "list",
    "reason",
    "memory",
    "story",
    "moment",
    "year",
    "month",
    "time",
    "chance",
    "step",
    "follow-up",
    "introduction",
    "recommendation",
    "skill",
    "lesson",
    "goal",
    "plan",
    "draft",
    "quiet",
    "warm",
    "short",
    "simple",
    "honest",
    "kind",
    "busy",
    "glad",
    "curious",
    "careful",
    "small",
    "clear",
    "open",
    "easy",
    "hard",
    "real",
    "old",
    "new",
    "good",
    "useful",
    "brief",
    "write",
    "send",
    "ask",
    "share",
    "remember",
    "thank",
    "listen",
    "answer",
    "wait",
    "plan",
    "reach",
    "start",
    "keep",
    "meet",
    "learn",
    "offer",
    "mention",
    "notice",
    "choose",
    "try",
    "often",
    "again",
    "later",
    "today",
    "soon",
    "gently",
    "really",
    "simply",
    "together",
    "before",
    "after",
    "because",
    "while",
    "when",
    "every",
    "most",
    "some",
    "few",
    "many",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "for",
    "with",
    "about",
    "your",
    "their",
    "our",
    "it",
    "is",
    "was",
    "will",
    "can",
    "may",
    "that",
    "this",
    "what",
    "how",
    "who",
    "not",
    "more",
];

const NOUNS: &[&str] = &[
    "network",
    "colleague",
    "mentor",
    "client",
    "message",
    "reply",
    "coffee",
    "project",
    "team",
    "question",
    "advice",
    "update",
    "career",
    "meeting",
    "email",
    "call",
    "note",
    "habit",
    "list",
    "reason",
    "story",
    "lesson",
    "goal",
    "plan",
    "draft",
    "introduction",
    "follow-up",
];

const ADJECTIVES: &[&str] = &[
    "quiet", "warm", "short", "simple", "honest", "kind", "busy", "curious", "careful", "small",
    "clear", "open", "easy", "hard", "real", "useful", "brief", "late", "second", "first",
];

const CHANNELS: &[&str] = &["email", "text", "linkedin", "phone"];
const STEPS: &[&str] = &[
    "first-contact",
    "follow-up",
    "last-try",
    "thank-you",
    "check-in",
];
const BLANKS: &[&str] = &[
    "name",
    "their name",
    "what you worked on together",
    "when you last spoke",
    "something they shared",
    "your news in one line",
    "your name",
];

/// One page of the corpus: where it lives and its source.
#[derive(Debug, Clone)]
pub struct Page {
    /// Content key, e.g. `notes/note-17.md`.
    pub key: String,
    /// The whole file: front matter and body.
    pub source: String,
}

/// How many pages each section gets for `count` pages (unequal shares, at least one each).
pub fn section_sizes(count: usize) -> [usize; 4] {
    let mut sizes = [0; 4];
    let mut left = count;
    for (i, (_, share, _)) in SECTIONS.iter().enumerate().skip(1) {
        sizes[i] = (count * *share as usize / 100).max(1);
        left = left.saturating_sub(sizes[i]);
    }
    sizes[0] = left.max(1);
    sizes
}

/// Content key of page `n` (1-based) of section `s`.
pub fn key(s: usize, n: usize) -> String {
    let (dir, _, stem) = SECTIONS[s];
    format!("{dir}/{stem}-{n}.md")
}

/// Every Markdown file of a corpus of `count` pages, section intros and home page included.
pub fn pages(count: usize, seed: u64) -> Vec<Page> {
    let mut out = Vec::with_capacity(count + 5);
    for_each_page(count, seed, |page| {
        out.push(page);
        Ok(())
    })
    .expect("collecting never fails");
    out
}

/// Calls `f` with every Markdown file of the corpus in turn, without holding them all.
pub fn for_each_page(
    count: usize,
    seed: u64,
    mut f: impl FnMut(Page) -> io::Result<()>,
) -> io::Result<()> {
    let sizes = section_sizes(count);
    f(Page {
        key: "_index.md".into(),
        source: format!(
            "---\ntitle: \"Benchmark corpus\"\ndescription: \"{count} synthetic pages, seed {seed}.\"\n---\n\nA synthetic site of **{count} pages** in four sections: [notes](@/notes/_index.md), [messages](@/messages/_index.md), [myths](@/myths/_index.md) and [days](@/days/_index.md).\n"
        ),
    })?;
    for (s, (dir, _, _)) in SECTIONS.iter().enumerate() {
        f(Page {
            key: format!("{dir}/_index.md"),
            source: format!(
                "---\ntitle: \"{}\"\ndescription: \"The {dir} section: {} pages.\"\n---\n\nEvery page of this section, in order. Start with [the first one](@/{}).\n",
                title_case(dir),
                sizes[s],
                key(s, 1)
            ),
        })?;
        for n in 1..=sizes[s] {
            f(page(s, n, &sizes, seed))?;
        }
    }
    Ok(())
}

/// Page `n` of section `s`; depends only on `(s, n, sizes, seed)`.
pub fn page(s: usize, n: usize, sizes: &[usize; 4], seed: u64) -> Page {
    let mut rng =
        Rng::new(seed ^ ((s as u64) << 56) ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let title = title_case(&format!(
        "{} {} {} {n}",
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS),
        rng.pick(NOUNS)
    ));
    let description = sentence(&mut rng, 10, 18);
    let mut fm = format!("---\ntitle: \"{title}\"\ndescription: \"{description}\"\n");
    match SECTIONS[s].0 {
        "days" => {
            let _ = write!(
                fm,
                "day: {n}\ngoal: \"{}\"\nminutes: {}\nsummary: \"{}\"\n",
                sentence(&mut rng, 8, 14),
                rng.range(5, 45),
                sentence(&mut rng, 10, 20)
            );
        }
        "myths" => {
            let _ = write!(
                fm,
                "myth: \"{}\"\nreframe: \"{}\"\norder: {n}\n",
                sentence(&mut rng, 6, 12),
                sentence(&mut rng, 8, 16)
            );
        }
        "messages" => {
            let tags: Vec<String> = (0..rng.range(1, 3))
                .map(|_| format!("\"{}\"", rng.pick(NOUNS)))
                .collect();
            let _ = write!(
                fm,
                "situation: \"{}\"\nchannel: {}\nsubject: \"{}\"\ntags: [{}]\nstep: {}\norder: {n}\n",
                sentence(&mut rng, 6, 12),
                rng.pick(CHANNELS),
                title_case(&sentence(&mut rng, 3, 6)),
                tags.join(", "),
                rng.pick(STEPS)
            );
        }
        _ => {
            let _ = writeln!(fm, "extra:\n  weight: {}", rng.below(100));
        }
    }
    fm.push_str("---\n\n");
    // The body overshoots by half a paragraph and the closing line on average.
    let target = PAGE_BYTES - 1200 + rng.below(1400);
    let body = body(
        &mut rng,
        SECTIONS[s].0,
        sizes,
        target.saturating_sub(fm.len()),
    );
    Page {
        key: key(s, n),
        source: fm + &body,
    }
}

fn body(rng: &mut Rng, kind: &str, sizes: &[usize; 4], target: usize) -> String {
    let mut b = String::with_capacity(target + 512);
    if kind == "messages" {
        // The message itself: everything up to the first `##` heading, with blanks.
        let _ = write!(b, "Hi {{{}}},\n\n", rng.pick(&BLANKS[..2]));
        for _ in 0..3 {
            let _ = write!(
                b,
                "{} {{{}}} {}\n\n",
                sentence(rng, 8, 16),
                rng.pick(BLANKS),
                sentence(rng, 8, 16)
            );
        }
        b.push_str("Best,\\\n{your name}\n\n");
    }
    let _ = write!(b, "{}\n\n", paragraph(rng, sizes, 3, 5));
    b.push_str("## Key points\n\n");
    for _ in 0..rng.range(3, 5) {
        let _ = writeln!(b, "- {}", inline(rng, sizes, 8, 16));
    }
    let _ = write!(b, "  - {}\n\n", sentence(rng, 5, 10));
    let _ = write!(b, "{}\n\n", paragraph(rng, sizes, 3, 6));
    let _ = write!(b, "## {}\n\n", heading(rng));
    for i in 1..=rng.range(3, 5) {
        let _ = writeln!(b, "{i}. {}", inline(rng, sizes, 6, 14));
    }
    let _ = write!(
        b,
        "\n> {}\n>\n> *{}*\n\n",
        inline(rng, sizes, 12, 24),
        sentence(rng, 3, 6)
    );
    let _ = write!(b, "## {} {{#checklist}}\n\n", heading(rng));
    for t in 1..=rng.range(3, 6) {
        let done = if rng.chance(20) { 'x' } else { ' ' };
        if kind == "days" {
            let _ = writeln!(b, "- [{done}] {} {{#task-{t}}}", sentence(rng, 5, 12));
        } else {
            let _ = writeln!(b, "- [{done}] {}", sentence(rng, 5, 12));
        }
    }
    b.push('\n');
    let _ = write!(b, "## {}\n\n", heading(rng));
    b.push_str("| Channel | When | Replies |\n|:---|:---:|---:|\n");
    for _ in 0..rng.range(3, 6) {
        let _ = writeln!(
            b,
            "| {} | {} | {}% |",
            rng.pick(CHANNELS),
            sentence(rng, 2, 4),
            rng.range(5, 95)
        );
    }
    b.push('\n');
    while b.len() < target {
        if rng.chance(35) {
            let _ = write!(b, "### {}\n\n", heading(rng));
        }
        let _ = write!(b, "{}\n\n", paragraph(rng, sizes, 3, 6));
    }
    let _ = writeln!(
        b,
        "See also {}, {} and [the {} section](@/{}/_index.md); more at <https://example.com/{}>.",
        link(rng, sizes, true),
        link(rng, sizes, false),
        SECTIONS[3].0,
        SECTIONS[3].0,
        rng.pick(NOUNS)
    );
    b
}

/// A link to a random page of the corpus, optionally to its `#key-points` heading.
fn link(rng: &mut Rng, sizes: &[usize; 4], anchor: bool) -> String {
    let s = rng.below(4);
    let n = rng.range(1, sizes[s]);
    format!(
        "[{} {}](@/{}{})",
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS),
        key(s, n),
        if anchor { "#key-points" } else { "" }
    )
}

fn heading(rng: &mut Rng) -> String {
    title_case(&format!(
        "{} {} {}",
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS),
        rng.pick(WORDS)
    ))
}

/// Plain words: safe inside double-quoted YAML and free of Markdown syntax.
fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            s.push_str(&title_case(w));
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// A sentence with emphasis, strong text, code or a link now and then.
fn inline(rng: &mut Rng, sizes: &[usize; 4], lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        let w = rng.pick(WORDS);
        match rng.below(40) {
            0..=1 => {
                let _ = write!(s, "*{w}*");
            }
            2 => {
                let _ = write!(s, "**{w} {}**", rng.pick(WORDS));
            }
            3 => {
                let _ = write!(s, "`{w}`");
            }
            4 if i > 0 => s.push_str(&link(rng, sizes, false)),
            5 => {
                let _ = write!(s, "\"{w}\"");
            }
            _ => s.push_str(w),
        }
    }
    s.push('.');
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => s,
    }
}

fn paragraph(rng: &mut Rng, sizes: &[usize; 4], lo: usize, hi: usize) -> String {
    (0..rng.range(lo, hi))
        .map(|_| inline(rng, sizes, 8, 20))
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `site.yaml` for a corpus.
pub fn site_yaml(count: usize, seed: u64, minify: bool) -> String {
    let mut y = format!(
        "title: \"Benchmark corpus ({count} pages, seed {seed})\"\ndescription: \"A synthetic reachout site for benchmarks.\"\nbase_url: \"\"\nlanguage: en\nmenu:\n"
    );
    for (dir, _, _) in SECTIONS {
        let _ = writeln!(
            y,
            "  - {{ name: \"{}\", url: \"@/{dir}/_index.md\" }}",
            title_case(dir)
        );
    }
    let _ = writeln!(y, "minify: {minify}");
    y
}

/// Minimal templates, the equivalent of a bare Zola or Hugo theme: a base with title, nav and
/// main; pages print their content; sections list their pages.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        r#"<!doctype html>
<html lang="{{ site.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ page.title }} · {{ site.title }}{% endblock title %}</title>
<meta name="description" content="{% block description %}{{ page.description }}{% endblock description %}">
<link rel="canonical" href="{{ page.permalink }}">
{%- block head %}{% endblock head %}
</head>
<body>
<header>
  <a href="{{ site.base_path }}">{{ site.title }}</a>
  <nav>
    <ul>
    {%- for item in site.menu %}
      <li><a href="{{ item.url }}">{{ item.name }}</a></li>
    {%- endfor %}
    </ul>
  </nav>
</header>
<main>
{% block content %}{% endblock content %}
</main>
</body>
</html>
"#,
    ),
    (
        "home.html",
        r#"{% extends "base.html" %}
{% block title %}{{ site.title }}{% endblock title %}
{% block content %}
<h1>{{ site.title }}</h1>
{{ page.content | safe }}
{% endblock content %}
"#,
    ),
    (
        "page.html",
        r#"{% extends "base.html" %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</article>
{% endblock content %}
"#,
    ),
    (
        "day.html",
        r#"{% extends "base.html" %}
{% block content %}
<article>
<p>Day {{ page.day.number }} of {{ page.day.total }}</p>
<h1>{{ page.title }}</h1>
<p>{{ page.day.goal }}</p>
{{ page.content | safe }}
</article>
<nav>
{%- if page.day.prev %} <a rel="prev" href="{{ page.day.prev.url }}">{{ page.day.prev.title }}</a>{% endif %}
{%- if page.day.next %} <a rel="next" href="{{ page.day.next.url }}">{{ page.day.next.title }}</a>{% endif %}
</nav>
{% endblock content %}
"#,
    ),
    (
        "myth.html",
        r#"{% extends "base.html" %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
<blockquote>{{ page.myth.myth }}</blockquote>
<p>{{ page.myth.reframe }}</p>
{{ page.content | safe }}
</article>
{% endblock content %}
"#,
    ),
    (
        "message.html",
        r#"{% extends "base.html" %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
<p>{{ page.message.situation }}{% if page.message.channel %} ({{ page.message.channel }}){% endif %}</p>
{{ page.content | safe }}
</article>
{% endblock content %}
"#,
    ),
    (
        "section.html",
        r#"{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<ul>
{%- for p in page.section.pages %}
  <li><a href="{{ p.url }}">{{ p.title }}</a></li>
{%- endfor %}
</ul>
{%- if page.section.pager %}
<nav>{% if page.section.pager.prev %}<a rel="prev" href="{{ page.section.pager.prev }}">Previous</a>{% endif %}
{%- if page.section.pager.next %} <a rel="next" href="{{ page.section.pager.next }}">Next</a>{% endif %}</nav>
{%- endif %}
{% endblock content %}
"#,
    ),
    (
        "404.html",
        r#"{% extends "base.html" %}
{% block content %}
<h1>Page not found</h1>
{% endblock content %}
"#,
    ),
];

/// Writes a corpus into `dir` (created; must not hold an older corpus): `site.yaml`,
/// `content/` and, unless `default_theme`, the minimal `templates/`.
pub fn write(
    dir: &Path,
    count: usize,
    seed: u64,
    minify: bool,
    default_theme: bool,
) -> io::Result<()> {
    std::fs::create_dir_all(dir.join("content"))?;
    std::fs::write(dir.join("site.yaml"), site_yaml(count, seed, minify))?;
    if !default_theme {
        std::fs::create_dir_all(dir.join("templates"))?;
        for (name, source) in TEMPLATES {
            std::fs::write(dir.join("templates").join(name), source)?;
        }
    }
    for (d, _, _) in SECTIONS {
        std::fs::create_dir_all(dir.join("content").join(d))?;
    }
    for_each_page(count, seed, |page| {
        std::fs::write(dir.join("content").join(&page.key), page.source)
    })
}
