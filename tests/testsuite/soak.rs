//! `reachout serve` under a long mixed load: an edit every second, page loads, event streams
//! opened and closed, and clients that trickle their requests, all at once. Afterwards its
//! threads, open files and memory are back where they were. The suite runs one minute;
//! `REACHOUT_SOAK_SECS=1800 cargo test --test testsuite soak -- --nocapture` runs the long one.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::serve::{start, write_about};
use crate::support::fixture;

/// Threads, open files and resident memory (KiB) of process `pid`, from /proc.
fn usage(pid: u32) -> (usize, usize, usize) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let files = std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, Iterator::count);
    (field("Threads:"), files, field("VmRSS:"))
}

/// Sends one request and reads the reply to its end (`Connection: close`).
fn fetch(addr: &str, target: &str) -> Option<String> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    s.write_all(
        format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .ok()?;
    let mut got = String::new();
    s.read_to_string(&mut got).ok()?;
    Some(got)
}

#[test]
fn serve_under_a_mixed_load_keeps_threads_files_and_memory_flat() {
    let secs: u64 = std::env::var("REACHOUT_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let site = fixture("serve-under-subpath");
    let serve = start(&site);
    let pid = serve.pid();
    let (addr, prefix) = (serve.addr.clone(), serve.prefix.clone());
    // Warm up: a page of each kind and one rebuild, so caches and the watcher are in place.
    for path in ["", "days/day-1/", "about/"] {
        assert!(fetch(&addr, &format!("{prefix}{path}")).is_some());
    }
    write_about(&site, "title: \"About\"\n", "warm-up");
    std::thread::sleep(Duration::from_secs(2));
    let before = usage(pid);

    let stop = Arc::new(AtomicBool::new(false));
    let (loads, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let mut workers = Vec::new();
    for n in 0..2 {
        let (stop, loads, failed) = (stop.clone(), loads.clone(), failed.clone());
        let (addr, prefix) = (addr.clone(), prefix.clone());
        workers.push(std::thread::spawn(move || {
            let pages = ["", "days/day-1/", "about/", "css/style.css", "nope/"];
            let mut i = n;
            while !stop.load(Ordering::Relaxed) {
                let reply = fetch(&addr, &format!("{prefix}{}", pages[i % pages.len()]));
                let ok = reply.is_some_and(|r| {
                    r.starts_with("HTTP/1.1 200") || r.starts_with("HTTP/1.1 404")
                });
                loads.fetch_add(1, Ordering::Relaxed);
                failed.fetch_add(usize::from(!ok), Ordering::Relaxed);
                i += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
        }));
    }
    // Event streams: open, hold a moment, close.
    {
        let (stop, addr, prefix) = (stop.clone(), addr.clone(), prefix.clone());
        workers.push(std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if let Ok(mut s) = TcpStream::connect(&addr) {
                    let head = format!("GET {prefix}__reachout/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n");
                    let _ = s.write_all(head.as_bytes());
                    let _ = s.set_read_timeout(Some(Duration::from_millis(1500)));
                    let mut buf = [0u8; 512];
                    let _ = s.read(&mut buf);
                }
                std::thread::sleep(Duration::from_millis(300));
            }
        }));
    }
    // Slow clients: a header line every 3 s, over and over.
    for _ in 0..4 {
        let (stop, addr) = (stop.clone(), addr.clone());
        workers.push(std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let Ok(mut s) = TcpStream::connect(&addr) else {
                    continue;
                };
                let _ = s.write_all(b"GET / HTTP/1.1\r\n");
                for n in 0..20 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    std::thread::sleep(Duration::from_secs(3));
                    if s.write_all(format!("X-Slow-{n}: 1\r\n").as_bytes())
                        .is_err()
                    {
                        break;
                    }
                }
            }
        }));
    }
    let started = Instant::now();
    let mut edits = 0;
    while started.elapsed() < Duration::from_secs(secs) {
        edits += 1;
        write_about(
            &site,
            "title: \"About\"\n",
            &format!("Edit number {edits}."),
        );
        std::thread::sleep(Duration::from_secs(1));
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    // Connections left by the slow clients end at the request deadline, and event streams
    // whose page went away at their next heartbeat: give them that long to settle.
    let settle = Instant::now();
    let mut after = usage(pid);
    while (after.0 > before.0 + 1 || after.1 > before.1 + 2)
        && settle.elapsed() < Duration::from_secs(45)
    {
        std::thread::sleep(Duration::from_secs(1));
        after = usage(pid);
    }
    let (loads, failed) = (
        loads.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
    );
    println!(
        "soak: {secs} s, {edits} edits, {loads} loads ({failed} failed); threads {} -> {}, open files {} -> {}, memory {} -> {} KiB",
        before.0, after.0, before.1, after.1, before.2, after.2
    );
    assert_eq!(failed, 0, "{failed} of {loads} loads failed");
    assert!(loads > secs as usize * 10, "only {loads} loads in {secs} s");
    assert!(
        after.0 <= before.0 + 4,
        "threads {} -> {}",
        before.0,
        after.0
    );
    assert!(
        after.1 <= before.1 + 8,
        "open files {} -> {}",
        before.1,
        after.1
    );
    assert!(
        after.2 <= before.2 * 3 / 2 + 30 * 1024,
        "memory {} -> {} KiB",
        before.2,
        after.2
    );
    // Still serving the last edit.
    let page = fetch(&addr, &format!("{prefix}about/")).unwrap_or_default();
    assert!(
        page.contains(&format!("Edit number {edits}.")),
        "the last edit is served"
    );
}
