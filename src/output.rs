//! The write stage: one sink takes each rendered output as it comes, minifies HTML, scripts and
//! stylesheets, writes it into a staging folder, and swaps the complete folder in place of the
//! old one, so a failed build never leaves half a site.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Error, Result};

/// The most items (pages, files) one parallel task takes on: small enough that the cores
/// finish together. Rayon halves the work until a core is free, and a last half it did not
/// split left one core working alone for 0.5 s of a 2.3 s build.
pub const PIECE: usize = 16;

pub mod minify;
pub mod pwa;

/// File that marks a folder as written by reachout, so we never replace anything else.
pub const MARKER: &str = ".reachout-output";

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Body {
    /// Rendered in this build.
    Owned(Vec<u8>),
    /// Embedded in the binary.
    Static(&'static [u8]),
    /// Copied from a file on disk.
    File(PathBuf),
}

/// What an output is, which decides how the sink treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A rendered page: minified when asked.
    Html,
    /// A JavaScript module: minified when asked.
    Script,
    /// A stylesheet, rendered or copied: minified when asked.
    Style,
    /// Any other rendered text (XML, robots.txt).
    Text,
    /// A file copied as is.
    Asset,
}

impl Kind {
    /// The kind of a file shipped from a `static/` folder, by its extension.
    pub fn of_static(path: &str) -> Kind {
        match path.rsplit_once('.').map(|(_, ext)| ext) {
            Some("js" | "mjs") => Kind::Script,
            Some("css") => Kind::Style,
            _ => Kind::Asset,
        }
    }

    /// Whether the sink minifies this kind when the site asks for it.
    pub fn minifies(self) -> bool {
        matches!(self, Kind::Html | Kind::Script | Kind::Style)
    }
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct Output {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Its content.
    pub body: Body,
    /// How to treat it.
    pub kind: Kind,
}

impl Output {
    /// The bytes as rendered, embedded or read from disk.
    pub fn source(&self) -> Result<Cow<'_, [u8]>> {
        Ok(match &self.body {
            Body::Owned(bytes) => bytes.as_slice().into(),
            Body::Static(bytes) => (*bytes).into(),
            Body::File(path) => std::fs::read(path)
                .map_err(|e| Error::io("read", path, e))?
                .into(),
        })
    }

    /// The final bytes: HTML, scripts and stylesheets minified when `minify` is set.
    pub fn bytes(&self, minify: bool) -> Result<Cow<'_, [u8]>> {
        let source = self.source()?;
        Ok(
            match minify.then(|| minified(self.kind, &source)).flatten() {
                Some(small) => small.into(),
                None => source,
            },
        )
    }
}

/// `bytes` minified for its kind; `None` when the kind is not minified or the minifier could
/// not parse it (the original is then shipped).
pub fn minified(kind: Kind, bytes: &[u8]) -> Option<Vec<u8>> {
    match kind {
        Kind::Html => Some(minify::html(bytes)),
        Kind::Script => minify::script(bytes),
        Kind::Style => minify::style(bytes),
        Kind::Text | Kind::Asset => None,
    }
}

/// Checks that `out` may receive a build: it is missing, empty, or a previous build's output.
pub fn check_destination(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Error::Refused {
            message: format!("output {} exists and is not a folder", out.display()),
            hint: "choose another --output".into(),
        });
    }
    if out.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(out).map_err(|e| Error::io("read", out, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(Error::Refused {
        message: format!(
            "{} is not empty and was not written by reachout; refusing to replace it",
            out.display()
        ),
        hint: "choose an empty or new folder for --output (a folder reachout built holds a .reachout-output file)".into(),
    })
}

/// Writes every output into a fresh folder beside `out`, then swaps it in.
pub fn write_dir(outputs: &[Output], out: &Path, minify: bool) -> Result<()> {
    let staging = Staging::beside(out)?;
    outputs
        .par_iter()
        .try_for_each(|output| staging.write(output, minify))?;
    staging.finish()
}

/// A new output folder being written beside the old one; [`Staging::finish`] swaps it in and
/// dropping it unfinished removes it, so a failed build leaves the previous site as it was.
#[derive(Debug)]
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// The folder's marker, locked while this build runs: a build that died (a crash, a kill)
    /// leaves an unlocked marker, which tells the next build the folder is litter.
    _marker: std::fs::File,
}

/// The prefix of this process's staging folders beside an output named `name`.
fn staging_prefix(name: &str) -> String {
    format!(".{name}.tmp-{}-", std::process::id())
}

/// Removes the staging folders of this process beside `out`; for a Ctrl-C handler, which
/// ends the process before the build can drop them.
pub fn remove_own_staging(out: &Path) {
    let (parent, name) = parent_and_name(out);
    let prefix = staging_prefix(&name);
    for entry in std::fs::read_dir(&parent).into_iter().flatten().flatten() {
        let is_ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix));
        if is_ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Removes what builds that died left beside the output: staging folders whose marker no
/// live build holds locked, and previous outputs a swap did not get to delete.
fn remove_litter(parent: &Path, name: &str, out: &Path) {
    let staging = format!(".{name}.tmp-");
    let old = format!(".{name}.old-");
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        // Never follow a symbolic link out of the site.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let litter = if file_name.starts_with(&staging) {
            abandoned(&entry.path())
        } else {
            // Only once the swap that made it has put the new output in place.
            file_name.starts_with(&old) && out.is_dir()
        };
        if litter {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether no running build owns this staging folder.
fn abandoned(dir: &Path) -> bool {
    match std::fs::File::open(dir.join(MARKER)) {
        Ok(marker) => marker.try_lock().is_ok(),
        // A folder so new its marker is not written yet belongs to a build starting now.
        Err(_) => dir
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 60)),
    }
}

/// The folder that holds `out`, and `out`'s own name.
fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

impl Staging {
    /// Checks that `out` may be replaced and creates the staging folder in the same parent, so
    /// the final swap is a rename within one file system.
    pub fn beside(out: &Path) -> Result<Staging> {
        check_destination(out)?;
        let (parent, name) = parent_and_name(out);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io("create", &parent, e))?;
        remove_litter(&parent, &name, out);
        let dir = tempfile::Builder::new()
            .prefix(&staging_prefix(&name))
            .tempdir_in(&parent)
            .map_err(|e| Error::io("create", &parent, e))?;
        let path = dir.path().join(MARKER);
        let marker = std::fs::File::create(&path).map_err(|e| Error::io("write", &path, e))?;
        std::io::Write::write_all(
            &mut &marker,
            b"This folder is written by reachout build and replaced on every build.\n",
        )
        .map_err(|e| Error::io("write", &path, e))?;
        // Cannot be taken by anyone else: the folder was made a moment ago with a unique name.
        let _ = marker.try_lock();
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            parent,
            name,
            _marker: marker,
        })
    }

    /// Writes one output (minified when asked); safe to call from many threads at once.
    pub fn write(&self, output: &Output, minify: bool) -> Result<()> {
        match &output.body {
            // A copy lets the kernel move the bytes without passing them through us.
            Body::File(src) if !(minify && output.kind.minifies()) => {
                let path = self.prepare(&output.path)?;
                std::fs::copy(src, &path)
                    .map(drop)
                    .map_err(|e| Error::io("copy", src, e))
            }
            _ => self.put(&output.path, &output.bytes(minify)?),
        }
    }

    /// Writes `bytes` as the output file at `path` (relative, `/`-separated).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let path = self.prepare(path)?;
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// The full path of an output file, its folder created.
    fn prepare(&self, path: &str) -> Result<PathBuf> {
        let path = self.dir.path().join(path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::io("create", folder, e))?;
        }
        Ok(path)
    }

    /// Swaps the folder (marked as reachout's since it was made) in place of the previous output.
    pub fn finish(self) -> Result<()> {
        swap_in(self.dir, &self.out, &self.parent, &self.name)
    }
}

fn swap_in(staging: tempfile::TempDir, out: &Path, parent: &Path, name: &str) -> Result<()> {
    let staged = staging.keep();
    if !out.exists() {
        return std::fs::rename(&staged, out).map_err(|e| Error::io("create", out, e));
    }
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)
        .map_err(|e| Error::io("create", parent, e))?
        .keep();
    // `old` is an empty folder; renaming a folder onto an empty one replaces it.
    if let Err(e) = std::fs::rename(out, &old) {
        let _ = std::fs::remove_dir_all(&staged);
        let _ = std::fs::remove_dir(&old);
        return Err(Error::io("replace", out, e));
    }
    if let Err(e) = std::fs::rename(&staged, out) {
        // Put the previous site back so nothing is lost.
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io("replace", out, e));
    }
    remove_tree(&old).map_err(|e| Error::io("remove", &old, e))
}

/// Removes the folder `dir` and everything in it, its second level in parallel: a site is a
/// few section folders of many page folders, and one thread unlinking them all took as long
/// as rendering them (2 s of a 50,000-page build). Links are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let mut second = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            for inner in std::fs::read_dir(entry.path())? {
                let inner = inner?;
                second.push((inner.path(), inner.file_type()?.is_dir()));
            }
        }
    }
    second.par_iter().try_for_each(|(path, is_dir)| {
        if *is_dir {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        }
    })?;
    std::fs::remove_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Output {
        Output {
            path: path.into(),
            body: Body::Owned(html.as_bytes().to_vec()),
            kind: Kind::Html,
        }
    }

    #[test]
    fn writes_then_replaces_previous_build() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_dir(&[page("a/index.html", "<p>one</p>")], &out, false).unwrap();
        write_dir(&[page("b/index.html", "<p>two</p>")], &out, false).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "<p>two</p>"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[cfg(unix)]
    #[test]
    fn removing_the_previous_build_takes_every_level_and_follows_no_link() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("keep.txt"), "keep").unwrap();
        let old = tmp.path().join("old");
        for dir in ["myths/one/deeper", "css", "empty"] {
            std::fs::create_dir_all(old.join(dir)).unwrap();
        }
        for file in [
            "index.html",
            "myths/index.html",
            "myths/one/deeper/x.html",
            "css/a.css",
        ] {
            std::fs::write(old.join(file), "x").unwrap();
        }
        std::os::unix::fs::symlink(&outside, old.join("link")).unwrap();
        std::os::unix::fs::symlink(&outside, old.join("myths/link")).unwrap();
        remove_tree(&old).unwrap();
        assert!(!old.exists());
        assert_eq!(
            std::fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn refuses_foreign_folder() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("precious.txt"), "keep").unwrap();
        let err = write_dir(&[page("index.html", "x")], tmp.path(), false).unwrap_err();
        assert!(err.to_string().contains("refusing to replace"), "{err}");
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn minifies_html_only() {
        let o = page(
            "index.html",
            "<!doctype html><html lang=en><head></head><body><p>  a  </p></body></html>",
        );
        let min = o.bytes(true).unwrap();
        assert!(min.len() < 70, "{}", String::from_utf8_lossy(&min));
        assert!(String::from_utf8_lossy(&min).contains("lang=en"));
        let text = Output {
            kind: Kind::Text,
            ..page("robots.txt", "a  {  }")
        };
        assert_eq!(&*text.bytes(true).unwrap(), b"a  {  }");
        let css = Output {
            kind: Kind::Style,
            ..page("a.css", "a  {  color: red }")
        };
        assert_eq!(&*css.bytes(true).unwrap(), b"a{color:red}");
        assert_eq!(&*css.bytes(false).unwrap(), b"a  {  color: red }");
    }
}
