//! The preview's own files and names: the reload script and overlay stylesheet served under
//! the reserved folder, and the media type of every file by extension. A leaf of `serve`.

/// Folder under the base path for the preview's own files; only exists while serving.
pub(crate) const RESERVED: &str = "__reachout/";
/// The reload script, as a path under [`RESERVED`].
pub(crate) const LIVE_JS: &str = "live.js";
/// The overlay's stylesheet (the pages' CSP allows no inline style).
pub(crate) const LIVE_CSS: &str = "live.css";
/// The event stream.
pub(crate) const EVENTS: &str = "events";

/// The script injected into every page while serving.
pub(crate) const SCRIPT: &[u8] = include_bytes!("live.js");
/// The overlay's styles.
pub(crate) const STYLE: &[u8] = include_bytes!("live.css");

/// The `Content-Type` for an output path, by extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty() && !stem.ends_with('/'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}
