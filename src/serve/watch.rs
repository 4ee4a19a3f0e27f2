//! Watching the site's sources: site.yaml, content/, templates/, static/ and themes/.
//!
//! Events are filtered before they are debounced. inotify reports every *open* of a watched
//! file, so a build reading its own inputs would otherwise set off the next build; only
//! changes count (and a close after writing, which marks the end of a save). A burst (an
//! editor's write-rename, a `git checkout` of many files) ends after [`QUIET`] without a
//! change, and then the whole site is rebuilt once.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::diag::{Error, Result};

/// Folders of the site whose every change matters; site.yaml is watched through the root.
const FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];
/// A burst of events is over after this long without one.
const QUIET: Duration = Duration::from_millis(50);
/// Never wait longer than this to rebuild, even while events keep coming.
const LONGEST: Duration = Duration::from_millis(1000);

enum Msg {
    Fs(notify::Result<Event>),
    Stop,
}

/// The running watcher thread.
pub(crate) struct Watch {
    stop: mpsc::Sender<Msg>,
    thread: JoinHandle<()>,
}

impl Watch {
    /// Stops watching and waits for a build in progress to finish.
    pub fn stop(self) {
        let _ = self.stop.send(Msg::Stop);
        let _ = self.thread.join();
    }
}

/// Starts watching `root`, calls `rebuild` once at once (with no paths), then with the changed
/// paths after each burst of changes.
pub(crate) fn spawn(
    root: PathBuf,
    mut rebuild: impl FnMut(&[PathBuf]) + Send + 'static,
) -> Result<Watch> {
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let watcher = RecommendedWatcher::new(
        move |event| {
            let _ = events.send(Msg::Fs(event));
        },
        // A symlink in content/ may point anywhere (even at /): never watch outside the site.
        notify::Config::default().with_follow_symlinks(false),
    )
    .map_err(|e| watch_error(&root, &e))?;
    let mut folders = Folders {
        watcher,
        root,
        watched: BTreeSet::new(),
    };
    folders
        .watcher
        .watch(&folders.root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&folders.root, &e))?;
    folders.sync();
    let thread = std::thread::spawn(move || {
        // The first build, with every watch already in place.
        rebuild(&[]);
        while let Some(changed) = next_burst(&rx, &folders.root) {
            // A folder created or deleted in the burst is watched or forgotten first.
            folders.sync();
            rebuild(&changed);
        }
    });
    Ok(Watch { stop: tx, thread })
}

fn watch_error(path: &Path, e: &notify::Error) -> Error {
    Error::Refused {
        message: format!("cannot watch {} for changes: {e}", path.display()),
        hint: "on Linux, raise fs.inotify.max_user_watches (sysctl) or close other watchers".into(),
    }
}

/// The watched folders of the site, kept in step with the disk.
struct Folders {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Folders {
    /// Watches each source folder that exists now, forgets those that went away.
    fn sync(&mut self) {
        for name in FOLDERS {
            let dir = self.root.join(name);
            let exists = dir.is_dir();
            let watched = self.watched.contains(&dir);
            if exists && !watched {
                match self.watcher.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(e) => eprintln!(
                        "warning: {}; changes there are not seen",
                        watch_error(&dir, &e)
                            .to_string()
                            .trim_start_matches("error: ")
                    ),
                }
            } else if !exists && watched {
                let _ = self.watcher.unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
    }
}

/// Waits for a change, then until the burst is over; the changed paths (an empty list when the
/// watcher lost events and everything must be assumed changed). `None` when asked to stop.
fn next_burst(rx: &mpsc::Receiver<Msg>, root: &Path) -> Option<Vec<PathBuf>> {
    let mut changed = BTreeSet::new();
    loop {
        let Msg::Fs(event) = rx.recv().ok()? else {
            return None;
        };
        if add(&mut changed, event, root) {
            break;
        }
    }
    let deadline = Instant::now() + LONGEST;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(QUIET.min(left)) {
            Ok(Msg::Fs(event)) => {
                add(&mut changed, event, root);
            }
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    Some(changed.into_iter().collect())
}

/// Records the event's paths when it is a change the build would see; true if it was.
fn add(changed: &mut BTreeSet<PathBuf>, event: notify::Result<Event>, root: &Path) -> bool {
    let event = match event {
        Ok(event) => event,
        // Lost or unreadable events: rebuild to be safe.
        Err(e) => {
            eprintln!("warning: watching for changes: {e}");
            return true;
        }
    };
    if !is_change(&event.kind) {
        return false;
    }
    let rescan = event.need_rescan();
    let mut any = false;
    for path in event.paths.into_iter().filter(|p| matters(root, p)) {
        changed.insert(path);
        any = true;
    }
    // A rescan request carries no path and means "something changed".
    any || rescan
}

/// Changes only: opening, reading or closing a file unchanged (what a build does) is not one.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Is `path` something the build reads? site.yaml, or a file under a source folder that is not
/// hidden (the build skips dot-files and dot-folders, e.g. an editor's `.x.md.swp`).
fn matters(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        [crate::config::CONFIG_FILE] => true,
        [first, rest @ ..] if FOLDERS.contains(first) => {
            !rest.iter().any(|part| part.starts_with('.'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    #[test]
    fn only_sources_matter() {
        let root = Path::new("/site");
        for yes in [
            "/site/site.yaml",
            "/site/content/days/day-1.md",
            "/site/content",
            "/site/static/img/a.png",
            "/site/themes/default/templates/base.html",
            "/site/templates/page.html",
        ] {
            assert!(matters(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/site/public/index.html",
            "/site/README.md",
            "/site/.git/index",
            "/site/site.yaml.swp",
            "/site/content/.day-1.md.swp",
            "/site/content/.cache/x",
            "/elsewhere/content/a.md",
        ] {
            assert!(!matters(root, Path::new(no)), "{no}");
        }
    }

    #[test]
    fn reading_is_not_a_change_but_writing_is() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn a_burst_is_one_rebuild() {
        let (tx, rx) = mpsc::channel();
        let root = Path::new("/site");
        let event = |kind, path: &str| Msg::Fs(Ok(Event::new(kind).add_path(PathBuf::from(path))));
        tx.send(event(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            "/site/site.yaml",
        ))
        .unwrap();
        // An editor's save: temp file written, renamed over the page.
        tx.send(event(
            EventKind::Create(CreateKind::File),
            "/site/content/.a.md.tmp",
        ))
        .unwrap();
        tx.send(event(
            EventKind::Modify(ModifyKind::Any),
            "/site/content/a.md",
        ))
        .unwrap();
        tx.send(event(
            EventKind::Modify(ModifyKind::Any),
            "/site/content/b.md",
        ))
        .unwrap();
        let burst = next_burst(&rx, root).unwrap();
        assert_eq!(
            burst,
            [
                PathBuf::from("/site/content/a.md"),
                PathBuf::from("/site/content/b.md")
            ]
        );
        tx.send(Msg::Stop).unwrap();
        assert!(next_burst(&rx, root).is_none());
    }
}
