//! Releases: the asset `scripts/package.sh` makes, and the install step of the workflow that
//! `init` writes, run with bash against a local server laid out like a GitHub release.
//!
//! The host's binary stands in for the static musl build the step picks on a Linux runner.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `RUNNER_ARCH` as GitHub names this machine's architecture.
fn runner_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "X64",
        "aarch64" => "ARM64",
        other => panic!("no GitHub runner for {other}"),
    }
}

/// The asset the step picks on a Linux runner of this architecture.
fn musl_asset() -> String {
    format!(
        "reachout-{}-unknown-linux-musl.tar.xz",
        std::env::consts::ARCH
    )
}

/// The documented packaging command, run once on the freshly built binary; the folder holding
/// the archive and its `.sha256`.
fn packaged() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("release-asset");
        let _ = std::fs::remove_dir_all(&out);
        let target = format!("{}-unknown-linux-musl", std::env::consts::ARCH);
        let run = Command::new("bash")
            .arg(Path::new(ROOT).join("scripts/package.sh"))
            .args([
                "--target",
                &target,
                "--binary",
                env!("CARGO_BIN_EXE_reachout"),
            ])
            .arg("--out")
            .arg(&out)
            .env("XZ_LEVEL", "0")
            .output()
            .expect("run scripts/package.sh");
        assert!(run.status.success(), "package.sh failed: {run:?}");
        let printed = String::from_utf8_lossy(&run.stdout);
        assert_eq!(
            printed.lines().last().map(Path::new),
            Some(out.join(musl_asset()).as_path()),
            "package.sh prints the archive's path last"
        );
        out
    })
}

/// A GitHub-like release server: `/OWNER/REPO/releases/download/vVERSION/FILE` answers with
/// `FILE` from `files`, anything else with 404. Returns `REACHOUT_SOURCE` for it.
fn serve_release(files: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let port = listener.local_addr().expect("local address").port();
    let prefix = format!("/coach/reachout/releases/download/v{VERSION}/");
    let files = files.to_owned();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(&stream);
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // The rest of the head is read and ignored.
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = line.split(' ').nth(1).unwrap_or("");
            let body = path
                .strip_prefix(&prefix)
                .filter(|name| !name.contains('/') && !name.starts_with('.'))
                .and_then(|name| std::fs::read(files.join(name)).ok());
            let (status, body) = match body {
                Some(body) => ("200 OK", body),
                None => ("404 Not Found", b"Not Found".to_vec()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = (&stream).write_all(head.as_bytes());
            let _ = (&stream).write_all(&body);
        }
    });
    format!("http://127.0.0.1:{port}/coach/reachout")
}

/// The workflow `init` writes, parsed.
fn workflow() -> Value {
    serde_yaml::from_str(&reachout::publish::workflow()).expect("init's workflow is YAML")
}

/// The `run:` script of the step named "Install reachout".
fn install_script() -> String {
    let workflow = workflow();
    let steps = workflow["jobs"]["build"]["steps"]
        .as_array()
        .expect("the build job has steps");
    let step = steps
        .iter()
        .find(|s| s["name"] == "Install reachout")
        .expect("a step named 'Install reachout'");
    assert!(
        step.get("uses").is_none(),
        "a plain run step, no third-party action"
    );
    step["run"].as_str().expect("a run script").to_owned()
}

/// What one run of the install step did.
struct Install {
    ok: bool,
    log: String,
    /// Lines the step added to `$GITHUB_PATH`.
    path: Vec<String>,
    /// The arguments `cargo` was called with, if it was.
    cargo: Option<String>,
    tmp: tempfile::TempDir,
}

/// Runs the install step as a GitHub runner would (`bash --noprofile --norc -eo pipefail`),
/// with `REACHOUT_SOURCE` pointing at `source` and a stand-in `cargo` that records its call.
fn run_install(source: &str) -> Install {
    let tmp = tempfile::tempdir().expect("temp dir");
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).expect("bin dir");
    let record = tmp.path().join("cargo-args");
    let fake_cargo = format!(
        "#!/bin/sh\necho \"$*\" > '{}'\nprintf '#!/bin/sh\\necho reachout-from-cargo\\n' > '{}/reachout'\nchmod +x '{}/reachout'\n",
        record.display(),
        bin.display(),
        bin.display()
    );
    std::fs::write(bin.join("cargo"), fake_cargo).expect("write fake cargo");
    Command::new("chmod")
        .arg("+x")
        .arg(bin.join("cargo"))
        .status()
        .expect("chmod");
    let script = tmp.path().join("install.sh");
    std::fs::write(&script, install_script()).expect("write the step");
    let github_path = tmp.path().join("github-path");
    std::fs::write(&github_path, "").expect("GITHUB_PATH file");
    let runner_temp = tmp.path().join("runner-temp");
    std::fs::create_dir(&runner_temp).expect("RUNNER_TEMP");

    let env = &workflow()["env"];
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .env_clear()
        .env("PATH", path)
        .env("HOME", tmp.path())
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", runner_arch())
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_PATH", &github_path)
        .env("GH_TOKEN", "unused")
        .env(
            "REACHOUT_VERSION",
            env["REACHOUT_VERSION"].as_str().unwrap(),
        )
        .env("REACHOUT_SOURCE", source)
        .env(
            "REACHOUT_VERIFY_PROVENANCE",
            env["REACHOUT_VERIFY_PROVENANCE"].as_str().unwrap(),
        )
        .output()
        .expect("run the install step");
    Install {
        ok: out.status.success(),
        log: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        path: std::fs::read_to_string(&github_path)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect(),
        cargo: std::fs::read_to_string(&record).ok(),
        tmp,
    }
}

/// A release folder holding the packaged asset and its checksum, as `edit` leaves them.
fn release_with(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [musl_asset(), format!("{}.sha256", musl_asset())] {
        std::fs::copy(packaged().join(&name), dir.path().join(&name)).expect("copy the asset");
    }
    edit(dir.path());
    let source = serve_release(dir.path());
    (dir, source)
}

#[test]
fn the_asset_has_cargo_dists_layout_and_a_sha256sum_line() {
    let dir = packaged();
    let asset = musl_asset();
    let sum = std::fs::read_to_string(dir.join(format!("{asset}.sha256"))).unwrap();
    let (hash, name) = sum.trim_end().split_once("  ").expect("HASH  NAME");
    assert_eq!(name, asset);
    assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    let check = Command::new("sha256sum")
        .args(["-c", &format!("{asset}.sha256")])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");

    let list = Command::new("tar")
        .arg("-tJf")
        .arg(dir.join(&asset))
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    let folder = asset.trim_end_matches(".tar.xz");
    for file in ["reachout", "LICENSE", "README.md", "CHANGELOG.md"] {
        assert!(
            list.lines().any(|l| l == format!("{folder}/{file}")),
            "{file} in {list}"
        );
    }
}

#[test]
fn the_install_step_downloads_verifies_and_puts_reachout_on_the_path() {
    let (_release, source) = release_with(|_| {});
    let install = run_install(&source);
    assert!(install.ok, "{}", install.log);
    assert_eq!(install.cargo, None, "nothing compiled: {}", install.log);
    assert!(
        install.log.contains(": OK"),
        "sha256sum -c ran: {}",
        install.log
    );
    let [dir] = install.path.as_slice() else {
        panic!("one folder added to GITHUB_PATH: {:?}", install.path)
    };
    let version = Command::new(Path::new(dir).join("reachout"))
        .arg("--version")
        .output()
        .expect("run the installed reachout");
    let printed = String::from_utf8_lossy(&version.stdout);
    assert_eq!(printed.trim(), format!("reachout {VERSION}"));
    assert!(
        install.log.contains(&format!("reachout {VERSION}")),
        "the step prints the version: {}",
        install.log
    );
    drop(install.tmp);
}

#[test]
fn a_tampered_archive_stops_the_install() {
    let (_release, source) = release_with(|dir| {
        let archive = dir.join(musl_asset());
        let mut bytes = std::fs::read(&archive).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&archive, bytes).unwrap();
    });
    let install = run_install(&source);
    assert!(!install.ok, "{}", install.log);
    assert!(
        install.log.contains("Checksum mismatch") && install.log.contains(&musl_asset()),
        "{}",
        install.log
    );
    assert!(install.path.is_empty(), "nothing put on the PATH");
    assert_eq!(install.cargo, None, "no fallback after a mismatch");
}

#[test]
fn a_tampered_checksum_stops_the_install() {
    let (_release, source) = release_with(|dir| {
        let sum = dir.join(format!("{}.sha256", musl_asset()));
        std::fs::write(&sum, format!("{}  {}\n", "0".repeat(64), musl_asset())).unwrap();
    });
    let install = run_install(&source);
    assert!(!install.ok, "{}", install.log);
    assert!(install.log.contains("Checksum mismatch"), "{}", install.log);
    assert!(install.path.is_empty());
}

#[test]
fn an_archive_without_its_checksum_is_not_installed() {
    let (_release, source) = release_with(|dir| {
        std::fs::remove_file(dir.join(format!("{}.sha256", musl_asset()))).unwrap();
    });
    let install = run_install(&source);
    assert!(!install.ok, "{}", install.log);
    assert!(install.log.contains("no checksum file"), "{}", install.log);
    assert!(install.path.is_empty());
}

#[test]
fn a_version_without_an_asset_is_compiled_from_the_source_instead() {
    let (_release, source) = release_with(|dir| {
        std::fs::remove_file(dir.join(musl_asset())).unwrap();
    });
    let install = run_install(&source);
    assert!(install.ok, "{}", install.log);
    assert_eq!(
        install.cargo.as_deref().map(str::trim),
        Some(format!("install --locked --git {source} --tag v{VERSION} reachout").as_str()),
        "{}",
        install.log
    );
    assert!(
        install.log.contains("compiling it from"),
        "the log says why: {}",
        install.log
    );
}

#[test]
fn the_crate_package_holds_what_the_build_embeds_and_no_test_data() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(ROOT)
        .output()
        .expect("run cargo package --list");
    assert!(out.status.success(), "{out:?}");
    let list = String::from_utf8_lossy(&out.stdout);
    let files: Vec<&str> = list.lines().collect();
    for needed in [
        "build.rs",
        "site.yaml",
        "content/days/day-1.md",
        "themes/default/templates/base.html",
        "src/scaffold/pages.yml",
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
    ] {
        assert!(files.contains(&needed), "{needed} is packaged: {list}");
    }
    for file in &files {
        assert!(
            ![
                "tests/", "benches/", "scripts/", ".github/", "docs/", "target/"
            ]
            .iter()
            .any(|dir| file.starts_with(dir)),
            "{file} is not needed to build the crate"
        );
    }
}

#[test]
fn the_projects_address_is_written_only_in_cargo_toml() {
    let home = env!("CARGO_PKG_REPOSITORY");
    assert!(home.starts_with("https://github.com/"), "{home}");
    let out = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(ROOT)
        .output()
        .expect("git ls-files");
    assert!(out.status.success(), "{out:?}");
    let address = home.trim_start_matches("https://");
    let named_in: Vec<String> = out
        .stdout
        .split(|&b| b == 0)
        .filter_map(|f| std::str::from_utf8(f).ok())
        .filter(|f| !f.is_empty())
        .filter(|f| {
            std::fs::read(Path::new(ROOT).join(f))
                .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(address))
        })
        .map(str::to_owned)
        .collect();
    assert_eq!(
        named_in,
        ["Cargo.toml"],
        "everything else takes it from Cargo.toml"
    );
}
