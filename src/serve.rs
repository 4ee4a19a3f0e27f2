//! `reachout serve`: builds the site in memory, serves it over HTTP under its base path,
//! rebuilds on every change and reloads open pages.
//!
//! Threads and what they share:
//! - the watcher (`watch`) collects file events, debounces them, runs a full in-memory build
//!   and swaps the result into the shared state (an `ArcSwap`: readers never wait);
//! - the server (`http1`) gives each connection a thread, which answers (`route`) from
//!   whatever snapshot is current; it is the only writer of HTTP heads;
//! - the reload hub (`sse`) forwards "reload" and "error" messages to every open page over
//!   Server-Sent Events.
//!
//! Nothing is written to disk: `public/` is never touched and there is nothing to clean up.
//! Ctrl-C is the binary's business: it calls [`serve_until`] with a channel it closes.
//!
//! File order: a file uses only files on earlier lines (checked by
//! `tests/testsuite/layering.rs`).
//!
//! ```text
//! assets, watch
//! state
//! route
//! sse
//! http1
//! mod
//! ```

mod assets;
mod http1;
mod route;
mod sse;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc;
use std::time::Instant;

use arc_swap::ArcSwap;

use crate::BuildOptions;
use crate::config::{self, Config};
use crate::diag::{Diagnostic, Error, Result};

pub use state::Problem;
use state::Shared;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's root, `--base-url` and `--drafts`; the output folder is ignored.
    pub build: BuildOptions,
    /// Address to listen on (127.0.0.1 unless asked).
    pub bind: IpAddr,
    /// Port to listen on; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// Serves the site until a message arrives on `stop` (or its sender is dropped).
pub fn serve_until(options: &ServeOptions, stop: &mpsc::Receiver<()>) -> Result<()> {
    let root = std::path::absolute(&options.build.root)
        .map_err(|e| Error::io("read", &options.build.root, e))?;
    // Watching a folder that is not a site helps nobody: fail like `build` would.
    if !root.join(config::CONFIG_FILE).is_file()
        && let Err(problems) = Config::load(&root)
    {
        let problems = problems.into_iter().map(|d| d.relative_to(&root)).collect();
        return Err(Error::Invalid(problems));
    }
    // A bad --base-url cannot be fixed by editing the site: refuse it now, as `build` does.
    if let Some(url) = &options.build.base_url {
        crate::publish::base_url(Some(url), "", None, |_| None)
            .map_err(|d| Error::Invalid(vec![d]))?;
    }
    let listener = bind(options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| refused_bind(options.bind, options.port, &e))?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {addr}: the preview is visible to other devices on your network; \
             use --bind 127.0.0.1 to keep it private"
        );
    }
    let builder = Builder {
        options: BuildOptions {
            root: root.clone(),
            output: None,
            ..options.build.clone()
        },
        origin: origin(addr),
        epoch: epoch(),
    };
    let (hub, hub_thread) = sse::spawn_hub();
    let shared = Arc::new(Shared {
        state: ArcSwap::from_pointee(state::State::empty(builder.prefix_or_root())),
        hub: hub.clone(),
        streams: AtomicUsize::new(0),
    });
    // The first build runs on the watcher's thread too, after the watches are in place: an
    // edit made while it runs is seen, and builds never overlap.
    let (ready_tx, ready_rx) = mpsc::channel();
    let watcher = watch::spawn(root, {
        let shared = Arc::clone(&shared);
        let hub = hub.clone();
        let mut number = 0;
        let mut ready = Some(ready_tx);
        move |changed: &[PathBuf]| {
            number += 1;
            match ready.take() {
                Some(ready) => {
                    let first = builder.build(number, &shared.state.load());
                    shared.state.store(Arc::new(first));
                    let _ = ready.send(());
                }
                None => rebuild(&builder, &shared, &hub, number, changed),
            }
        }
    })?;
    let _ = ready_rx.recv();
    let server = http1::Listener::spawn(listener, addr, Arc::clone(&shared));

    let state = shared.state.load();
    let url = format!("{}{}", origin(addr), state.prefix);
    let title = state
        .site
        .as_ref()
        .map_or_else(|| "the site".to_owned(), |s| s.title.clone());
    println!("Serving {title} at {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }

    // Either a signal or the sender going away means stop.
    let _ = stop.recv();
    println!("stopped");
    server.stop();
    watcher.stop();
    // Ends every event stream, so their threads finish too.
    let _ = hub.send(state::HubMsg::Stop);
    let _ = hub_thread.join();
    Ok(())
}

/// Runs one build after a change, swaps it in, tells open pages and prints a summary line.
fn rebuild(
    builder: &Builder,
    shared: &Shared,
    hub: &mpsc::Sender<state::HubMsg>,
    number: u64,
    changed: &[PathBuf],
) {
    let start = Instant::now();
    let previous = shared.state.load_full();
    let next = builder.build(number, &previous);
    let message = next.message();
    let prefix_moved = next.prefix != previous.prefix;
    let failed = next.problems.is_some();
    shared.state.store(Arc::new(next));
    let _ = hub.send(state::HubMsg::Publish(message));
    let what = describe(&builder.options.root, changed);
    if failed {
        eprintln!(
            "build failed ({what}); still serving the last good version, the browser shows the problems"
        );
    } else {
        let recovered = if previous.problems.is_some() {
            ", problems fixed"
        } else {
            ""
        };
        println!(
            "rebuilt in {} ms ({what}){recovered}",
            start.elapsed().as_millis()
        );
    }
    if prefix_moved {
        let state = shared.state.load();
        println!(
            "base path changed: now serving at {}{}",
            builder.origin, state.prefix
        );
    }
}

/// What changed, for the summary line: one path, or a count. An editor's temporary files are
/// gone by now, so files that still exist are named first.
fn describe(root: &std::path::Path, changed: &[PathBuf]) -> String {
    let show = |p: &PathBuf| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .display()
            .to_string()
            .replace('\\', "/")
    };
    let existing: Vec<&PathBuf> = changed.iter().filter(|p| p.is_file()).collect();
    let named: Vec<&PathBuf> = if existing.is_empty() {
        changed.iter().collect()
    } else {
        existing
    };
    match named.as_slice() {
        [] => "a change".into(),
        [one] => show(one),
        [first, rest @ ..] => format!("{} and {} more", show(first), rest.len()),
    }
}

/// Turns the options into builds whose absolute links point at the local server.
struct Builder {
    options: BuildOptions,
    origin: String,
    /// Start time, so build ids differ across restarts and a page from an earlier run reloads.
    epoch: u64,
}

impl Builder {
    /// Builds the site in memory; on failure keeps `previous`'s site and records the problems.
    fn build(&self, number: u64, previous: &state::State) -> state::State {
        let id = format!("{:x}-{number}", self.epoch);
        let options = self.options_for_build();
        // A warning repeated at every save would drown the new ones: each is printed once, and
        // again only after a build without it.
        let quiet: &[Diagnostic] = previous.site.as_ref().map_or(&[], |s| &s.warnings);
        let say = |warnings: &[Diagnostic]| {
            for w in warnings.iter().filter(|w| !quiet.contains(w)) {
                eprintln!("{w}");
            }
        };
        // A build that panics (a bug) must not take the preview down: it fails like any build.
        let run = std::panic::catch_unwind(|| crate::run(&options)).unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::Refused {
                message: format!("the build stopped on an internal error: {why}"),
                hint: "this is a bug in reachout: the last good site stays; please report it with the file you changed".into(),
            })
        });
        let built = run.and_then(|built| {
            say(&built.warnings);
            let meta = state::BuildInfo {
                id,
                title: built.site.config.title.clone(),
                prefix: built.site.base.path.clone(),
                minify: built.site.config.minify,
                warnings: built.warnings,
            };
            state::Snapshot::from_outputs(meta, &built.outputs, previous.site.as_deref())
        });
        match built {
            Ok(site) => state::State::good(site),
            Err(mut err) => {
                say(&err.take_warnings());
                // The same text `reachout build` prints.
                eprintln!("{err}");
                previous.failed(&err, self.prefix_or_root())
            }
        }
    }

    /// The build options: the base URL's path (from `-u` or site.yaml) on the local origin.
    fn options_for_build(&self) -> BuildOptions {
        match self.prefix() {
            Some(path) => BuildOptions {
                base_url: Some(format!("{}{path}", self.origin)),
                ..self.options.clone()
            },
            // Unreadable: the build reports the problem with its usual message.
            None => self.options.clone(),
        }
    }

    /// The base path the site should be served under, when it can be read: the one
    /// `reachout build` would publish at (same precedence: flag, site.yaml, cname, Actions).
    fn prefix(&self) -> Option<String> {
        let flag = self.options.base_url.as_deref();
        let config = match flag {
            Some(_) => None,
            None => Some(Config::load(&self.options.root).ok()?),
        };
        let (site_url, cname) = config
            .as_ref()
            .map_or(("", None), |c| (c.base_url.as_str(), c.cname.as_deref()));
        let env = |key: &str| std::env::var(key).ok();
        let (base, _) = crate::publish::base_url(flag, site_url, cname, env).ok()?;
        Some(base.path)
    }

    fn prefix_or_root(&self) -> String {
        self.prefix().unwrap_or_else(|| "/".into())
    }
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    TcpListener::bind(SocketAddr::new(ip, port)).map_err(|e| refused_bind(ip, port, &e))
}

fn refused_bind(ip: IpAddr, port: u16, e: &std::io::Error) -> Error {
    let addr = SocketAddr::new(ip, port);
    match e.kind() {
        std::io::ErrorKind::AddrInUse => Error::Refused {
            message: format!("port {port} is already in use on {ip}"),
            hint: format!(
                "stop the program using it, or pick another port: --port {} (or --port 0 for any free port)",
                port.wrapping_add(1).max(1024)
            ),
        },
        std::io::ErrorKind::PermissionDenied => Error::Refused {
            message: format!("not allowed to listen on {addr}"),
            hint: "ports below 1024 need special rights: use --port 1111 (or --port 0)".into(),
        },
        _ => Error::Refused {
            message: format!("cannot listen on {addr}: {e}"),
            hint: "check --bind (an address of this machine, e.g. 127.0.0.1) and --port".into(),
        },
    }
}

/// `http://HOST:PORT` as a browser on this machine reaches the server.
fn origin(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

fn epoch() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Opens `url` in the default browser; failing is only worth a warning.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match cmd.spawn() {
        // Reaped on a thread of its own so it never lingers as a zombie.
        Ok(mut child) => {
            let url = url.to_owned();
            std::thread::spawn(move || {
                if let Ok(status) = child.wait()
                    && !status.success()
                {
                    eprintln!("warning: could not open a browser; open {url} yourself");
                }
            });
        }
        Err(e) => eprintln!("warning: could not open a browser ({e}); open {url} yourself"),
    }
}
