//! The command line: help for every subcommand, exit codes, and how errors read to a coach
//! (stderr snapshots, with the temporary folder and timings replaced by placeholders).

use crate::support::{empty_site, fixture, reachout, run};

fn help(args: &[&str]) -> String {
    let mut cmd = reachout();
    cmd.args(args).arg("--help");
    let result = run(cmd);
    assert_eq!(result.code, 0, "{args:?} --help: {result:?}");
    result.stdout
}

#[test]
fn help_lists_every_subcommand() {
    let text = help(&[]);
    // The first word of each line under `Commands:`, so `build` is not found in "rebuilds".
    let listed: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        listed,
        ["build", "check", "serve", "init", "new", "help"],
        "{text}"
    );
}

#[test]
fn help_of_every_subcommand_documents_its_flags() {
    for (command, flags) in [
        (
            "build",
            &["--root", "--base-url", "--drafts", "--output"][..],
        ),
        ("check", &["--root", "--base-url", "--drafts"][..]),
        ("init", &["<DIR>", "--force"][..]),
        (
            "new",
            &[
                "<KIND>", "<TITLE>", "--root", "day", "myth", "message", "page",
            ][..],
        ),
    ] {
        let text = help(&[command]);
        for flag in flags {
            assert!(
                text.contains(flag),
                "`{flag}` missing from `reachout {command} --help`:\n{text}"
            );
        }
    }
}

#[test]
fn version_is_printed() {
    let mut cmd = reachout();
    cmd.arg("--version");
    let result = run(cmd);
    assert_eq!(result.code, 0);
    assert!(result.stdout.starts_with("reachout "), "{}", result.stdout);
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let mut cmd = reachout();
    cmd.arg("publish");
    let result = run(cmd);
    assert_ne!(result.code, 0);
    assert!(result.stderr.contains("publish"), "{}", result.stderr);
}

#[test]
fn build_prints_a_summary() {
    let site = fixture("one-of-each-kind");
    let result = site.run(&["build"]);
    assert_eq!(result.code, 0, "{result:?}");
    assert!(result.stdout.starts_with("built "), "{}", result.stdout);
    assert!(result.stderr.is_empty(), "{}", result.stderr);
}

#[test]
fn root_flag_builds_a_site_from_another_folder() {
    let site = fixture("broken-internal-link");
    let mut cmd = reachout();
    cmd.current_dir(site.tmp())
        .args(["check", "--root", "site"]);
    let result = run(cmd);
    assert_eq!(result.code, 1, "{result:?}");
    // Paths are shown relative to the site, as the coach sees them in their editor.
    assert!(
        result.stderr.contains("--> content/about.md:6:6"),
        "{}",
        result.stderr
    );

    let site = fixture("one-of-each-kind");
    let mut cmd = reachout();
    cmd.current_dir(site.tmp())
        .args(["build", "--root", "site"]);
    let result = run(cmd);
    assert_eq!(result.code, 0, "{result:?}");
    assert!(site.has_output("days/day-1/index.html"));
}

#[test]
fn snapshot_build_with_a_broken_link() {
    let site = fixture("broken-internal-link");
    let result = site.run(&["build"]);
    assert_eq!(result.code, 1);
    insta::assert_snapshot!("build_broken_link", site.redact(&result.stderr));
}

#[test]
fn snapshot_check_with_problems_in_config_and_content() {
    let site = fixture("several-front-matter-problems");
    let result = site.run(&["check"]);
    assert_eq!(result.code, 1);
    insta::assert_snapshot!("check_several_problems", site.redact(&result.stderr));
}

#[test]
fn snapshot_build_into_content() {
    let site = fixture("one-of-each-kind");
    let result = site.run(&["build", "--output", "content/site"]);
    assert_eq!(result.code, 1);
    insta::assert_snapshot!("build_output_inside_content", site.redact(&result.stderr));
}

#[test]
fn snapshot_build_into_a_folder_it_did_not_write() {
    let site = fixture("one-of-each-kind");
    std::fs::create_dir_all(site.tmp().join("documents")).unwrap();
    std::fs::write(site.tmp().join("documents/notes.txt"), "my notes").unwrap();
    let result = site.run(&["build", "--output", "../documents"]);
    assert_eq!(result.code, 1);
    insta::assert_snapshot!("build_foreign_output_folder", site.redact(&result.stderr));
}

#[test]
fn snapshot_init_into_a_folder_that_is_not_empty() {
    let site = empty_site();
    std::fs::write(site.path("notes.md"), "my notes").unwrap();
    let mut cmd = reachout();
    cmd.current_dir(site.tmp()).args(["init", "site"]);
    let result = run(cmd);
    assert_eq!(result.code, 1);
    insta::assert_snapshot!("init_not_empty", site.redact(&result.stderr));
}
