#!/usr/bin/env python3
"""The benchmark corpus of issue 17, in the repository: N Markdown pages of 4-6 KB in four
unequal sections (days 5%, myths 20%, messages 50%, pages 25%), written as a reachout site
and, optionally, as the same pages for Zola.

usage: scripts/corpus.py N SITE [--seed S] [--minify] [--zola DIR]

SITE gets site.yaml (default theme, base_url https://bench.example.org/) and content/: each
page's front matter mapped onto reachout's content model (a day's weight is its number, a
description becomes a goal, a reframe or a situation; other keys go under `extra`), the
Markdown bodies unchanged. With --zola, DIR gets the pages as generated (YAML front matter:
title, date, weight, description, tags; `_index.md` per section), a config.toml and bare
templates, for a paired run with a Zola 0.22 binary (scripts/bench.sh --zola PATH).

The bytes are those of the shared benchmark scripts (gen_corpus.py N DIR/content, then
reachout_corpus.py DIR/content SITE) for the same N and seed, so figures measured either way
compare: output is a pure function of (N, seed), each page drawing from its own RNG seeded
with "SEED-I". Needs python3 only.
"""
import argparse
import datetime
import os
import random
import sys

# (folder, share in per-mille, section title); the last takes what the others leave.
SECTIONS = [
    ("days", 50, "Challenge days"),
    ("myths", 200, "Myths"),
    ("messages", 500, "Message examples"),
    ("pages", 250, "Pages"),
]

WORDS = (
    "friend reach out message call week day challenge small step habit courage kind simple "
    "honest old colleague neighbour family cousin classmate mentor coffee walk lunch note "
    "letter reply silence awkward worry fear time busy moment chance connection lonely "
    "together share story memory laugh thank sorry listen ask question answer follow up plan "
    "calendar morning evening weekend remember birthday card photo voice text email phone "
    "video meet visit garden park book music recipe favourite season rain sun quiet loud warm "
    "gentle brave curious patient practice progress track list goal reason myth truth "
    "research study people feel think believe usually often rarely sometimes always never "
    "maybe probably write read send start finish open close wait hope try learn notice choose"
).split()
ADJ = "small simple honest warm gentle brave curious patient quiet kind short clear".split()
NOUNS = "message call note letter reply walk visit coffee question story plan habit".split()
VERBS = "send write start try plan share ask remember choose practise".split()
NAMES = "Ana Ben Chloe Dev Emma Finn Grace Hiro Ines Jon Kai Lena Maya Noor Omar Pia".split()
TAGS = ["friendship", "courage", "habits", "messages", "myths", "family", "work", "community",
        "loneliness", "gratitude", "listening", "follow-up", "planning", "wellbeing",
        "research", "practice"]


def quote(s):
    """A double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def titled(words):
    return " ".join(w.capitalize() for w in words)


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    roll = rng.random()  # one word in about 30% of sentences gets inline markup
    for limit, mark in ((0.15, "*"), (0.25, "**"), (0.30, "`")):
        if roll < limit:
            i = rng.randrange(len(words))
            words[i] = mark + words[i] + mark
            break
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "!", "?"])


def paragraph(rng, lo=3, hi=6):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def link(rng, counts):
    """Half external, half root-relative to another page of the corpus."""
    if rng.random() < 0.5:
        slug = rng.choice(["guide", "notes", "ideas", "tips", "faq", "about"])
        return "[%s](https://example.org/%s/%d)" % (rng.choice(WORDS), slug, rng.randint(1, 999))
    sec = rng.choice([s for s, c in counts.items() if c > 0])
    j = rng.randrange(counts[sec]) + 1
    return "[%s %s](/%s/%s-%05d/)" % (rng.choice(ADJ), rng.choice(NOUNS), sec, sec[:-1], j)


def counts_for(n):
    counts, left = {}, n
    for k, (name, share, _) in enumerate(SECTIONS):
        counts[name] = left if k == len(SECTIONS) - 1 else n * share // 1000
        left -= counts[name]
    return counts


def order_for(n, counts):
    """Page i -> (section, number in it): sections fill at the same pace as i grows."""
    seen = {name: 0 for name, _, _ in SECTIONS}
    order = []
    for _ in range(n):
        open_ = [(seen[s] / counts[s], s) for s, _, _ in SECTIONS if seen[s] < counts[s]]
        name = min(open_, key=lambda t: t[0])[1]  # the first of equal ratios wins
        seen[name] += 1
        order.append((name, seen[name]))
    return order


def plain_page(i, sec, num, seed, counts, target):
    """Front matter (dict) and Markdown body of page i, about `target` bytes in all."""
    rng = random.Random("%d-%d" % (seed, i))
    title = titled([rng.choice(ADJ), rng.choice(NOUNS)]) + " %d" % num
    if sec == "days":
        title = "Day %d: %s" % (num, titled([rng.choice(VERBS), "a", rng.choice(ADJ), rng.choice(NOUNS)]))
    date = datetime.date(2020, 1, 1) + datetime.timedelta(days=(i * 7919) % 1400)
    desc = sentence(rng, 10, 16).replace("*", "").replace("`", "")
    tags = rng.sample(TAGS, rng.randint(1, 4))
    fm = ["---", "title: " + quote(title), "date: " + date.isoformat(), "weight: %d" % num,
          "description: " + quote(desc), "tags:"] + ["  - " + t for t in tags] + ["---", ""]
    b = [paragraph(rng, 2, 4), "",
         "## " + titled([rng.choice(ADJ), rng.choice(NOUNS), "for", rng.choice(NAMES)]), ""]
    b.append(paragraph(rng) + " See " + link(rng, counts) + " and " + link(rng, counts) + ".")
    b.append("")
    b += ["- " + sentence(rng, 5, 12) for _ in range(rng.randint(4, 7))]
    b += ["", "### Today's tasks", ""]
    b += ["- [%s] %s" % (rng.choice([" ", " ", "x"]), sentence(rng, 4, 10)) for _ in range(rng.randint(3, 6))]
    b.append("")
    b.append("> " + sentence(rng) + " " + sentence(rng))
    b += [">", "> — " + rng.choice(NAMES), "", "| Who | When | How | Done |", "|-----|------|-----|:----:|"]
    for _ in range(rng.randint(3, 5)):
        b.append("| %s | %s | %s | %s |" % (rng.choice(NAMES), rng.choice(["morning", "lunch", "evening", "weekend"]),
                                            rng.choice(NOUNS), rng.choice(["yes", "no", "later"])))
    b += ["", "## " + titled([rng.choice(VERBS), "the", rng.choice(NOUNS)]), ""]
    b.append("1. " + sentence(rng, 6, 12))
    b.append("2. " + sentence(rng, 6, 12))
    b.append("3. " + sentence(rng, 6, 12) + " " + link(rng, counts))
    b.append("")
    # Paragraphs up to the target size; one more heading once three quarters are there.
    size = lambda: len("\n".join(fm + b).encode())
    third_heading = False
    while size() < target:
        if not third_heading and size() > target * 0.75:
            b += ["### " + titled([rng.choice(ADJ), rng.choice(NOUNS)]), ""]
            third_heading = True
        b += [paragraph(rng), ""]
    meta = {"title": title, "date": date.isoformat(), "weight": num, "description": desc, "tags": tags}
    return "\n".join(fm), "\n".join(b), meta


def reachout_front_matter(sec, m):
    """A plain page's keys as reachout's content model has them."""
    q = quote
    if sec == "days":
        return [f"title: {q(m['title'])}", f"day: {m['weight']}", f"goal: {q(m['description'])}",
                "minutes: 15", f"summary: {q(m['description'])}"]
    if sec == "myths":
        return [f"title: {q(m['title'])}", f"myth: {q(m['title'])}", f"reframe: {q(m['description'])}",
                f"order: {m['weight']}", f"description: {q(m['description'])}"]
    if sec == "messages":
        return [f"title: {q(m['title'])}", f"situation: {q(m['description'])}", "channel: email",
                "tags: [" + ", ".join(m["tags"]) + "]", f"order: {m['weight']}"]
    return [f"title: {q(m['title'])}", f"description: {q(m['description'])}", "extra:",
            f"  date: {m['date']}", f"  weight: {m['weight']}", "  tags: [" + ", ".join(m["tags"]) + "]"]


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


ZOLA_CONFIG = """base_url = "https://bench.example.org/"
title = "Benchmark site"
description = "Synthetic corpus"
compile_sass = false
build_search_index = false
minify_html = %s
"""

# Bare Zola templates, the counterpart of the bench's minimal reachout templates.
ZOLA_TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title></head>
<body><header><a href="{{ config.base_url }}">{{ config.title }}</a></header>
<main>{% block content %}{% endblock content %}</main>
</body>
</html>
""",
    "index.html": """{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
""",
    "section.html": """{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}
<ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block content %}<article><h1>{{ page.title }}</h1>{{ page.content | safe }}</article>{% endblock content %}
""",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of pages (at least 4)")
    ap.add_argument("site", help="folder for the reachout site")
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--minify", action="store_true", help="minify: true in site.yaml")
    ap.add_argument("--zola", metavar="DIR", help="also write the pages as a Zola site in DIR")
    a = ap.parse_args()
    if a.n < 4:
        sys.exit("corpus.py: N must be at least 4")
    counts = counts_for(a.n)
    order = order_for(a.n, counts)
    sizes = random.Random(a.seed)
    targets = [sizes.randint(4000, 6000) for _ in range(a.n)]

    content = os.path.join(a.site, "content")
    zola = os.path.join(a.zola, "content") if a.zola else None
    for root in filter(None, (content, zola)):
        for name, _, _ in SECTIONS:
            os.makedirs(os.path.join(root, name), exist_ok=True)
    write(os.path.join(a.site, "site.yaml"),
          'title: "Benchmark site"\ndescription: "Synthetic corpus"\nbase_url: "https://bench.example.org/"\n'
          f"minify: {'true' if a.minify else 'false'}\n")
    home = "Welcome to the benchmark site.\n"
    write(os.path.join(content, "_index.md"), '---\ntitle: "Reach-out challenge"\n---\n\n' + home)
    if zola:
        write(os.path.join(zola, "_index.md"), '---\ntitle: "Reach-out challenge"\nsort_by: weight\n---\n\n' + home)
        write(os.path.join(a.zola, "config.toml"), ZOLA_CONFIG % ("true" if a.minify else "false"))
        os.makedirs(os.path.join(a.zola, "templates"), exist_ok=True)
        for name, text in ZOLA_TEMPLATES.items():
            write(os.path.join(a.zola, "templates", name), text)
    for name, _, title in SECTIONS:
        intro = "All %s.\n" % title.lower()
        write(os.path.join(content, name, "_index.md"), "---\ntitle: %s\n---\n\n%s" % (quote(title), intro))
        if zola:
            # As the shared gen_corpus.py writes it (no paginate_by), so Zola's side is the
            # issue's: its section pages list every page.
            write(os.path.join(zola, name, "_index.md"),
                  '---\ntitle: "%s"\nsort_by: weight\n---\n\n%s' % (title, intro))
    total = 0
    for i, (sec, num) in enumerate(order):
        fm, body, meta = plain_page(i, sec, num, a.seed, counts, targets[i])
        name = "%s-%05d.md" % (sec[:-1], num)
        write(os.path.join(content, sec, name), "---\n" + "\n".join(reachout_front_matter(sec, meta)) + "\n---\n\n" + body)
        if zola:
            write(os.path.join(zola, sec, name), fm + "\n" + body)
        total += len((fm + "\n" + body).encode())
    print("corpus.py: %d pages (%s), %d bytes of Markdown, into %s%s"
          % (a.n, ", ".join("%s=%d" % kv for kv in counts.items()), total, a.site,
             " and " + a.zola if a.zola else ""))


if __name__ == "__main__":
    main()
