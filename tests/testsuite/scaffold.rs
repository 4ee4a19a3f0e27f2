//! `reachout init` writes a starter site that builds; `reachout new` adds pages and never
//! overwrites one.

use crate::support::{Site, empty_site, entries, reachout, run, tree};

/// A starter site written by `reachout init` into an empty folder.
fn init_site() -> Site {
    let site = empty_site();
    let mut cmd = reachout();
    cmd.arg("init").arg(&site.root);
    let result = run(cmd);
    assert_eq!(result.code, 0, "{result:?}");
    site
}

#[test]
fn init_into_an_empty_folder_then_build_makes_the_seven_days() {
    let site = init_site();
    assert!(site.path("site.yaml").is_file());
    let result = site.run(&["build"]);
    assert_eq!(result.code, 0, "{result:?}");
    for n in 1..=7 {
        assert!(
            site.has_output(&format!("days/day-{n}/index.html")),
            "day {n} missing"
        );
    }
    assert!(!site.has_output("days/day-8/index.html"));
    assert_eq!(
        site.main("days/index.html").links_under("/days/day-").len(),
        7
    );
}

#[test]
fn inits_readme_names_the_version_and_where_reachout_comes_from() {
    let site = init_site();
    let readme = std::fs::read_to_string(site.path("README.md")).unwrap();
    assert!(
        !readme.contains("@REACHOUT_"),
        "a placeholder left: {readme}"
    );
    assert!(
        readme.contains(&format!("]({})", env!("CARGO_PKG_REPOSITORY"))),
        "links to package.repository: {readme}"
    );
    assert!(
        readme.contains(&format!("installs reachout {}", env!("CARGO_PKG_VERSION"))),
        "{readme}"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = empty_site();
    std::fs::write(site.path("notes.md"), "my notes").unwrap();
    let before = tree(&site.root);
    let mut cmd = reachout();
    cmd.arg("init").arg(&site.root);
    let result = run(cmd);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(
        result.stderr.contains("--force"),
        "the error names the way out: {}",
        result.stderr
    );
    assert!(
        tree(&site.root) == before,
        "init changed a folder it refused"
    );
}

#[test]
fn init_with_force_writes_into_a_folder_that_is_not_empty() {
    let site = empty_site();
    std::fs::write(site.path("notes.md"), "my notes").unwrap();
    let mut cmd = reachout();
    cmd.arg("init").arg("--force").arg(&site.root);
    let result = run(cmd);
    assert_eq!(result.code, 0, "{result:?}");
    assert!(site.path("site.yaml").is_file());
    assert_eq!(
        std::fs::read_to_string(site.path("notes.md")).unwrap(),
        "my notes"
    );
    assert_eq!(site.run(&["check"]).code, 0);
}

#[test]
fn new_day_adds_the_next_day_and_the_site_still_checks() {
    let site = init_site();
    let result = site.run(&["new", "day", "Keep it going"]);
    assert_eq!(result.code, 0, "{result:?}");
    let file = site.path("content/days/day-8.md");
    assert!(file.is_file(), "{:?}", entries(&site.path("content/days")));
    assert!(
        result.stdout.contains("day-8.md"),
        "prints the new file: {}",
        result.stdout
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("title: \"Keep it going\""), "{text}");
    assert!(text.contains("day: 8"), "{text}");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
}

#[test]
fn new_never_overwrites_an_existing_page() {
    let site = init_site();
    let about = site.path("content/about.md");
    let before = std::fs::read(&about).unwrap();
    let result = site.run(&["new", "page", "About"]);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(
        result.stderr.contains("already exists"),
        "{}",
        result.stderr
    );
    assert_eq!(
        std::fs::read(&about).unwrap(),
        before,
        "about.md was overwritten"
    );
}

#[test]
fn new_day_twice_makes_two_days() {
    let site = init_site();
    assert_eq!(site.run(&["new", "day", "Eight"]).code, 0);
    assert_eq!(site.run(&["new", "day", "Nine"]).code, 0);
    let eight = std::fs::read_to_string(site.path("content/days/day-8.md")).unwrap();
    assert!(
        eight.contains("\"Eight\""),
        "day 8 was overwritten:\n{eight}"
    );
    assert!(site.path("content/days/day-9.md").is_file());
}

#[test]
fn new_page_creates_a_file_named_after_the_title() {
    let site = init_site();
    let result = site.run(&["new", "page", "My Story"]);
    assert_eq!(result.code, 0, "{result:?}");
    let text = std::fs::read_to_string(site.path("content/my-story.md")).unwrap();
    assert!(text.starts_with("---\ntitle: \"My Story\"\n"), "{text}");
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert_eq!(site.main("my-story/index.html").texts("h1"), ["My Story"]);
}

#[test]
fn new_takes_accented_titles_and_names_the_file_in_plain_letters() {
    let site = init_site();
    for (kind, title, file) in [
        ("page", "Café", "content/cafe.md"),
        ("page", "Über uns", "content/uber-uns.md"),
        ("myth", "Straße café", "content/myths/strasse-cafe.md"),
        ("message", "Ação rápida", "content/messages/acao-rapida.md"),
    ] {
        let result = site.run(&["new", kind, title]);
        assert_eq!(result.code, 0, "{title}: {result:?}");
        let text =
            std::fs::read_to_string(site.path(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(text.contains(&format!("title: \"{title}\"")), "{text}");
    }
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert_eq!(site.main("cafe/index.html").texts("h1"), ["Café"]);
}

#[test]
fn new_day_after_the_highest_possible_day_number_is_refused_not_wrapped() {
    let site = init_site();
    let last = site.path("content/days/day-7.md");
    let text = std::fs::read_to_string(&last).unwrap();
    std::fs::write(&last, text.replacen("day: 7", "day: 4294967295", 1)).unwrap();
    let result = site.run(&["new", "day", "One more"]);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(result.stderr.contains("4294967295"), "{}", result.stderr);
    assert!(
        !site.path("content/days/day-0.md").exists(),
        "no day 0 made"
    );
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
}

#[test]
fn new_myth_and_message_check_clean() {
    let site = init_site();
    let myth = site.run(&["new", "myth", "I am too busy"]);
    assert_eq!(myth.code, 0, "{myth:?}");
    assert!(site.path("content/myths/i-am-too-busy.md").is_file());
    let message = site.run(&["new", "message", "Ask for a coffee"]);
    assert_eq!(message.code, 0, "{message:?}");
    assert!(site.path("content/messages/ask-for-a-coffee.md").is_file());
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
}

#[test]
fn new_outside_a_site_is_refused() {
    let site = empty_site();
    let result = site.run(&["new", "page", "About"]);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(result.stderr.contains("site.yaml"), "{}", result.stderr);
    assert!(entries(&site.root).is_empty(), "nothing may be written");
}

#[test]
fn init_site_has_my_people_and_composers_that_read_well_without_javascript() {
    let site = init_site();
    let result = site.run(&["build"]);
    assert_eq!(result.code, 0, "{result:?}");
    let people = site.main("people/index.html");
    assert_eq!(people.select("[data-people=app][hidden]").len(), 1);
    let note = people.texts("noscript").join(" ");
    assert!(note.contains("JavaScript"), "no-script note: {note:?}");
    // Every day task that asks for the list links to it.
    assert!(
        site.main("days/day-1/index.html")
            .attrs("li.task[data-task-id=list-first-half] a", "href")
            .contains(&"/people/".to_owned())
    );
    let message = site.main("messages/follow-up/index.html");
    assert_eq!(message.select("[data-composer=form][hidden]").len(), 1);
    let blanks = message.attrs("[data-composer=body] .blank", "data-blank");
    assert!(blanks.contains(&"name".to_owned()), "blanks: {blanks:?}");
}

#[test]
fn init_site_switches_to_the_paper_theme_with_one_line() {
    let site = init_site();
    assert!(!site.path("themes/paper").exists(), "paper is built in");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let line = yaml
        .lines()
        .find(|l| l.starts_with("theme:"))
        .expect("the scaffolded site.yaml names its theme");
    assert!(line.contains("paper"), "the comment offers paper: {line}");
    site.write("site.yaml", &yaml.replace(line, "theme: paper"));
    let result = site.run(&["build"]);
    assert_eq!(result.code, 0, "{result:?}");
    let home = site.output("index.html");
    assert!(home.contains(r#"<body class="paper kind-home""#), "{home}");
    assert!(site.has_output("css/paper-days.css"));
}
