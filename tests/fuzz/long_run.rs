//! The long fuzz run (see `engine.rs`); `scripts/fuzz.sh` builds and starts it:
//!
//!     cargo run --release --example fuzz -- [--minutes N | --cases N] [--seed S] [--from N]
//!     cargo run --release --example fuzz -- --case N [--seed S]     (replay one case)
//!     cargo run --release --example fuzz -- --show N [--seed S]     (print its input)
//!
//! Cases run in a worker process, so a case that aborts the process (a stack overflow) is
//! counted and reported, and the run goes on with the next case. A case taking over 2 s is a
//! hang; one taking over 60 s is killed.

#[path = "engine.rs"]
mod engine;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const HANG: Duration = Duration::from_secs(2);
const KILL: Duration = Duration::from_secs(60);

struct Args {
    seed: u64,
    from: u64,
    cases: Option<u64>,
    minutes: Option<u64>,
    case: Option<u64>,
    show: Option<u64>,
    worker: bool,
}

fn parse() -> Result<Args, String> {
    let mut args = Args {
        seed: 1,
        from: 0,
        cases: None,
        minutes: None,
        case: None,
        show: None,
        worker: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = |what: &str| -> Result<u64, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{what} needs a number"))
        };
        match arg.as_str() {
            "--seed" => args.seed = number("--seed")?,
            "--from" => args.from = number("--from")?,
            "--cases" => args.cases = Some(number("--cases")?),
            "--minutes" => args.minutes = Some(number("--minutes")?),
            "--case" => args.case = Some(number("--case")?),
            "--show" => args.show = Some(number("--show")?),
            "--worker" => args.worker = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs cases from `args.from` on, printing `start N` before and `done N MS PROBLEMS` (then
/// one `unlocated ...` line per problem without a position) after each.
fn worker(args: &Args) -> ExitCode {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = engine::Site::copy_default(repo(), &tmp.path().join("site")).expect("copy the site");
    let out = std::io::stdout();
    let mut case = args.from;
    loop {
        let mut out = out.lock();
        let _ = writeln!(out, "start {case}");
        let _ = out.flush();
        drop(out);
        let outcome = engine::run_case(&site, args.seed, case);
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "done {case} {} {} {}",
            outcome.took.as_millis(),
            outcome.problems,
            outcome.file
        );
        for u in &outcome.unlocated {
            let _ = writeln!(out, "unlocated {}", u.replace('\n', " "));
        }
        let _ = out.flush();
        if args.case.is_some() {
            return ExitCode::SUCCESS;
        }
        case += 1;
    }
}

#[derive(Default)]
struct Report {
    cases: u64,
    failed: u64,
    aborts: Vec<u64>,
    hangs: Vec<(u64, u128)>,
    slowest: (u64, u128),
    /// Each message without a place: how often, and the first case that gave it (to replay).
    unlocated: BTreeMap<String, (u64, u64)>,
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    if args.worker {
        return worker(&args);
    }
    if let Some(case) = args.show {
        // The input of one case, to see why it failed: the file's name, then its bytes.
        let tmp = tempfile::tempdir().expect("temp dir");
        let site =
            engine::Site::copy_default(repo(), &tmp.path().join("site")).expect("copy the site");
        let (rel, input) = engine::case_input(&site, args.seed, case);
        println!("{rel}:");
        let _ = std::io::stdout().write_all(&input);
        return ExitCode::SUCCESS;
    }
    let deadline = Instant::now() + Duration::from_secs(60 * args.minutes.unwrap_or(0));
    let limit = args
        .case
        .map(|c| c + 1)
        .or(args.cases.map(|n| args.from + n))
        .unwrap_or(if args.minutes.is_some() {
            u64::MAX
        } else {
            args.from + 1000
        });
    let mut next = args.case.unwrap_or(args.from);
    let mut report = Report::default();
    let started = Instant::now();
    while next < limit && (args.minutes.is_none() || Instant::now() < deadline) {
        let exe = std::env::current_exe().expect("own path");
        let mut child = Command::new(exe)
            .args([
                "--worker",
                "--seed",
                &args.seed.to_string(),
                "--from",
                &next.to_string(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a worker");
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("worker stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut running = None;
        loop {
            let stop = next >= limit || (args.minutes.is_some() && Instant::now() >= deadline);
            if stop && running.is_none() {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            match lines.recv_timeout(KILL) {
                Ok(line) => {
                    let mut parts = line.splitn(5, ' ');
                    match (
                        parts.next(),
                        parts.next().and_then(|n| n.parse::<u64>().ok()),
                    ) {
                        (Some("start"), Some(n)) => running = Some(n),
                        (Some("done"), Some(n)) => {
                            running = None;
                            let ms: u128 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
                            let problems: u64 =
                                parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
                            report.cases += 1;
                            report.failed += u64::from(problems > 0);
                            if ms > HANG.as_millis() {
                                report.hangs.push((n, ms));
                            }
                            if ms > report.slowest.1 {
                                report.slowest = (n, ms);
                            }
                            next = n + 1;
                            if report.cases % 1000 == 0 {
                                eprintln!(
                                    "fuzz: {} cases, {} aborts, {} hangs, {:.0} s",
                                    report.cases,
                                    report.aborts.len(),
                                    report.hangs.len(),
                                    started.elapsed().as_secs_f64()
                                );
                            }
                        }
                        _ => {
                            if let Some(text) = line.strip_prefix("unlocated ") {
                                let seen = report
                                    .unlocated
                                    .entry(text.to_owned())
                                    // Printed after its case's `done`, which moved `next` past it.
                                    .or_insert((0, next.saturating_sub(1)));
                                seen.0 += 1;
                            }
                        }
                    }
                }
                // The worker died (or closed its output): the running case aborted it.
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let _ = child.wait();
                    if let Some(n) = running.take() {
                        report.cases += 1;
                        report.aborts.push(n);
                        next = n + 1;
                    }
                    break;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    if let Some(n) = running.take() {
                        report.cases += 1;
                        report.hangs.push((n, KILL.as_millis()));
                        next = n + 1;
                    }
                    break;
                }
            }
        }
    }
    println!(
        "fuzz: seed {}, cases {}..{}: {} cases in {:.0} s, {} with problems, {} aborts {:?}, {} hangs over 2 s {:?}, slowest case {} ({} ms)",
        args.seed,
        args.case.unwrap_or(args.from),
        next,
        report.cases,
        started.elapsed().as_secs_f64(),
        report.failed,
        report.aborts.len(),
        report.aborts,
        report.hangs.len(),
        report.hangs,
        report.slowest.0,
        report.slowest.1
    );
    let unlocated: u64 = report.unlocated.values().map(|(n, _)| n).sum();
    println!(
        "fuzz: {unlocated} problems without a line and column, {} distinct:",
        report.unlocated.len()
    );
    let mut common: Vec<_> = report.unlocated.iter().collect();
    common.sort_by(|a, b| b.1.cmp(a.1));
    for (text, (n, case)) in common.into_iter().take(25) {
        println!("  {n:>6}  {text}  (first: --case {case})");
    }
    if report.aborts.is_empty() && report.hangs.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
