//! Install and offline: `reachout build` writes `sw.js`, a service worker that precaches every
//! file of this build, named by a version derived from the files' bytes. The sink records a
//! digest of each output as it is written ([`record`]); once all are in, [`service_worker`] turns
//! the list into `sw.js`. `serve` and `check` never write it: `serve` answers `sw.js` with
//! [`RETIRE_SCRIPT`] instead, which removes a worker a published build left on that origin.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::{Body, Kind, Output, Staging};
use crate::diag::Result;

/// Name of the service worker in the output; it must sit at the base path, the widest scope a
/// worker may have without a `Service-Worker-Allowed` header (which GitHub Pages can't send).
pub const SW_PATH: &str = "sw.js";

/// What `reachout serve` answers for `sw.js`: a worker that deletes this site's caches and
/// unregisters itself, so a worker from a published build never serves a stale preview.
pub const RETIRE_SCRIPT: &[u8] = include_bytes!("pwa/retire.js");

/// The worker's code; `service_worker` fills in the first three lines.
const SW_TEMPLATE: &str = include_str!("pwa/sw.js");

/// Hex digits of SHA-256 kept per file and for the version: 64 bits tell builds apart and keep
/// `sw.js` short.
const DIGEST_HEX: usize = 16;

/// One file written by the build, as `sw.js` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path relative to the output folder.
    pub path: String,
    /// First `DIGEST_HEX` (16) hex digits of the SHA-256 of the bytes written.
    pub digest: String,
}

/// The sink of `build`: writes `output` (minified when asked) and returns its path and digest.
pub fn record(staging: &Staging, output: Output, minify: bool) -> Result<Entry> {
    let bytes = output.bytes(minify)?;
    staging.put(&output.path, &bytes)?;
    Ok(Entry {
        digest: digest(&bytes),
        path: output.path,
    })
}

/// First `DIGEST_HEX` (16) hex digits of the SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut hex = String::with_capacity(DIGEST_HEX);
    for b in &Sha256::digest(bytes)[..DIGEST_HEX / 2] {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// Whether the worker precaches `path`: dotfiles (`.nojekyll`) and `CNAME` are dropped or
/// not served by GitHub Pages, and one missing file would make every install fail; the
/// editor (`admin/`) is the coach's, not the visitor's, and must always be fetched fresh.
fn cached(path: &str) -> bool {
    path != "CNAME"
        && path != SW_PATH
        && !path.starts_with("admin/")
        && !path.split('/').any(|part| part.starts_with('.'))
}

/// `sw.js` for a site published at `base_path` whose build wrote `entries`: every cached file
/// with its digest, and a version that changes exactly when a cached file's path or bytes do.
pub fn service_worker(base_path: &str, entries: &[Entry]) -> Output {
    let files: BTreeMap<&str, &str> = entries
        .iter()
        .filter(|e| cached(&e.path))
        .map(|e| (e.path.as_str(), e.digest.as_str()))
        .collect();
    let mut all = String::new();
    for (path, sum) in &files {
        all.push_str(path);
        all.push('\0');
        all.push_str(sum);
        all.push('\n');
    }
    let script = SW_TEMPLATE
        .replacen("\"__BASE__\"", &literal(&base_path), 1)
        .replacen("\"__VERSION__\"", &literal(&digest(all.as_bytes())), 1)
        .replacen("{} /* __FILES__ */", &literal(&files), 1);
    Output {
        path: SW_PATH.into(),
        // Left unminified: it is fetched once per update in the background, not by pages,
        // and its file list stays readable.
        body: Body::Owned(script.into_bytes()),
        kind: Kind::Text,
    }
}

/// `value` as JSON, which is also a JavaScript literal (strings and string maps always serialize).
fn literal<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, bytes: &str) -> Entry {
        Entry {
            path: path.into(),
            digest: digest(bytes.as_bytes()),
        }
    }

    fn script(entries: &[Entry]) -> String {
        let out = service_worker("/reach-out/", entries);
        String::from_utf8(out.source().unwrap().into_owned()).unwrap()
    }

    fn version(sw: &str) -> &str {
        let at = sw.find("const VERSION = \"").unwrap() + 17;
        &sw[at..at + DIGEST_HEX]
    }

    #[test]
    fn lists_files_but_not_dotfiles_or_cname() {
        let sw = script(&[
            entry("index.html", "a"),
            entry(".nojekyll", ""),
            entry("CNAME", "x"),
            entry("css/style.css", "b"),
            entry("admin/index.html", "c"),
        ]);
        assert!(sw.contains("const BASE = \"/reach-out/\";"), "{sw}");
        assert!(sw.contains("\"index.html\": \""), "{sw}");
        assert!(sw.contains("\"css/style.css\": \""), "{sw}");
        assert!(
            !sw.contains("nojekyll") && !sw.contains("\"CNAME\"") && !sw.contains("admin/"),
            "{sw}"
        );
        assert!(
            !sw.contains("__FILES__") && !sw.contains("__VERSION__"),
            "{sw}"
        );
    }

    #[test]
    fn version_follows_content_not_order() {
        let a = script(&[entry("index.html", "a"), entry("b/index.html", "b")]);
        let again = script(&[entry("b/index.html", "b"), entry("index.html", "a")]);
        let changed = script(&[entry("index.html", "a"), entry("b/index.html", "B")]);
        assert_eq!(version(&a), version(&again));
        assert_ne!(version(&a), version(&changed));
    }
}
