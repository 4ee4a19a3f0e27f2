//! The in-memory site the server answers from: every output file with its final bytes, plus
//! the problems of the last build when it failed.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc;

use arc_swap::ArcSwap;
use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Error, Result};
use crate::output::{Kind, Output};

use super::assets::{LIVE_JS, RESERVED, content_type};

/// One file of the served site.
pub(crate) struct File {
    /// Final bytes: minified like `reachout build` writes them, plus the reload script.
    pub bytes: Arc<[u8]>,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// A page, script or stylesheet as built and as minified. Minifying is most of a rebuild's
    /// time, and it is a pure function of the source bytes: a file that renders (or reads) to
    /// the same bytes as in the last build reuses its minified form (every page is still
    /// rendered on every build).
    minified: Option<Minified>,
}

/// A file's source bytes and their minified form.
struct Minified {
    source: Arc<[u8]>,
    small: Arc<[u8]>,
}

impl File {
    /// A file served as is.
    pub fn new(bytes: Arc<[u8]>, content_type: &'static str) -> File {
        File {
            bytes,
            content_type,
            minified: None,
        }
    }
}

/// A successful build, held entirely in memory.
pub(crate) struct Snapshot {
    /// Changes with every build; pages carry it so a stale page knows to reload.
    pub id: String,
    /// The site's title, for the "Serving ..." line.
    pub title: String,
    /// The base path, e.g. `/reach-out/`.
    pub prefix: String,
    /// Files by output path (`days/day-1/index.html`).
    pub files: HashMap<String, File>,
    /// The warnings this build printed; the next build does not print them again.
    pub warnings: Vec<Diagnostic>,
}

/// What [`Snapshot::from_outputs`] needs besides the outputs.
pub(crate) struct BuildInfo {
    /// The build's id.
    pub id: String,
    /// The site's title.
    pub title: String,
    /// The base path.
    pub prefix: String,
    /// `minify` from site.yaml.
    pub minify: bool,
    /// The build's warnings (a low-contrast colour, a language without a table).
    pub warnings: Vec<Diagnostic>,
}

impl Snapshot {
    /// Takes the build's outputs, minifies HTML like the sink that writes `public/`, injects the
    /// live-reload script into pages, and reads copied files now so serving never touches disk.
    pub fn from_outputs(
        meta: BuildInfo,
        outputs: &[Output],
        previous: Option<&Snapshot>,
    ) -> Result<Snapshot> {
        let BuildInfo {
            id,
            title,
            prefix,
            minify,
            warnings,
        } = meta;
        let tag = format!(
            "<script type=\"module\" src=\"{prefix}{RESERVED}{LIVE_JS}?build={id}\"></script>"
        );
        let files = outputs
            .par_iter()
            .map(|output| {
                let content_type = content_type(&output.path);
                let mut file = if minify && output.kind.minifies() {
                    let source = output.source()?;
                    let before = previous
                        .and_then(|site| site.files.get(&output.path))
                        .and_then(|file| file.minified.as_ref())
                        .filter(|memo| memo.source[..] == source[..]);
                    let small: Arc<[u8]> = match before {
                        Some(memo) => Arc::clone(&memo.small),
                        None => crate::output::minified(output.kind, &source)
                            .map_or_else(|| source.as_ref().into(), Into::into),
                    };
                    File {
                        bytes: Arc::clone(&small),
                        content_type,
                        minified: Some(Minified {
                            source: source.as_ref().into(),
                            small,
                        }),
                    }
                } else {
                    File::new(output.source()?.into_owned().into(), content_type)
                };
                if output.kind == Kind::Html {
                    file.bytes = inject(&file.bytes, &tag).into();
                }
                Ok((output.path.clone(), file))
            })
            .collect::<Result<HashMap<_, _>>>()?;
        Ok(Snapshot {
            id,
            title,
            prefix,
            files,
            warnings,
        })
    }
}

/// Puts `tag` before `</body>`, or at the end when minification dropped that optional tag (a
/// parser puts trailing content into the body either way).
fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// One problem of a failed build, as the browser overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// File, relative to the site root.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Problem {
    /// The problems of a failed build, one per diagnostic (or one for any other error).
    pub fn list(err: &Error) -> Vec<Problem> {
        match err {
            Error::Invalid(list) => list
                .iter()
                .map(|d| Problem {
                    file: d.file.display().to_string().replace('\\', "/"),
                    line: d.position.map(|p| p.line),
                    column: d.position.map(|p| p.column),
                    message: d.message.clone(),
                    hint: d.hint.clone(),
                })
                .collect(),
            Error::Io { path, .. } => vec![Problem {
                file: path.display().to_string(),
                line: None,
                column: None,
                message: err.to_string().trim_start_matches("error: ").to_owned(),
                hint: None,
            }],
            Error::Refused { message, hint } => vec![Problem {
                file: String::new(),
                line: None,
                column: None,
                message: message.clone(),
                hint: Some(hint.clone()),
            }],
        }
    }
}

/// What the server answers from: the last good site and, when the last build failed, why.
pub(crate) struct State {
    /// The last good build; none when no build has succeeded yet.
    pub site: Option<Arc<Snapshot>>,
    /// Problems of the last build, when it failed.
    pub problems: Option<Arc<Vec<Problem>>>,
    /// Where the site is served: the last good build's base path, or the configured one.
    pub prefix: String,
}

impl State {
    /// Nothing built yet.
    pub fn empty(prefix: String) -> State {
        State {
            site: None,
            problems: None,
            prefix,
        }
    }

    /// A build that succeeded.
    pub fn good(site: Snapshot) -> State {
        State {
            prefix: site.prefix.clone(),
            site: Some(Arc::new(site)),
            problems: None,
        }
    }

    /// Keeps this state's site and records why the new build failed.
    pub fn failed(&self, err: &Error, prefix: String) -> State {
        State {
            site: self.site.clone(),
            problems: Some(Arc::new(Problem::list(err))),
            prefix: self.site.as_ref().map_or(prefix, |s| s.prefix.clone()),
        }
    }

    /// The message open pages get after this state is swapped in.
    pub fn message(&self) -> Message {
        match (&self.problems, &self.site) {
            (Some(problems), _) => Message::Error {
                problems: problems.as_ref().clone(),
            },
            (None, Some(site)) => Message::Reload {
                build: site.id.clone(),
            },
            (None, None) => Message::Reload {
                build: String::new(),
            },
        }
    }

    /// The id of the site being served ("" before the first good build).
    pub fn id(&self) -> &str {
        self.site.as_ref().map_or("", |s| s.id.as_str())
    }
}

/// What a page is told, as the JSON of one SSE `data:` line.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum Message {
    /// Sent first on every stream: a page from another build reloads at once.
    Hello {
        /// Id of the build being served.
        build: String,
    },
    /// A new build is in: reload.
    Reload {
        /// Its id.
        build: String,
    },
    /// The last build failed: show the problems; the page stays as it is.
    Error {
        /// Every problem, as `reachout build` lists them.
        problems: Vec<Problem>,
    },
}

/// What the hub thread receives.
pub(crate) enum HubMsg {
    /// A new stream wants every message from now on.
    Subscribe(mpsc::Sender<Message>),
    /// Send to every stream.
    Publish(Message),
    /// Drop every stream and end.
    Stop,
}

/// State shared by the HTTP workers and the watcher.
pub(crate) struct Shared {
    /// The current snapshot, replaced as a whole after each build.
    pub state: ArcSwap<State>,
    /// Where pages subscribe to reload messages.
    pub hub: mpsc::Sender<HubMsg>,
    /// Open event streams, to refuse runaway clients instead of spawning threads forever.
    pub streams: AtomicUsize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Position};
    use crate::output::Body;

    #[test]
    fn script_goes_before_body_end_or_at_the_end() {
        assert_eq!(
            inject(b"<p>a</p></BODY></html>", "<s>"),
            b"<p>a</p><s></BODY></html>"
        );
        assert_eq!(inject(b"<p>a", "<s>"), b"<p>a<s>");
    }

    fn meta(id: &str) -> BuildInfo {
        BuildInfo {
            id: id.into(),
            title: "T".into(),
            prefix: "/p/".into(),
            minify: true,
            warnings: Vec::new(),
        }
    }

    fn page(html: &str) -> Output {
        Output {
            path: "index.html".into(),
            body: Body::Owned(html.as_bytes().to_vec()),
            kind: Kind::Html,
        }
    }

    #[test]
    fn pages_are_minified_like_the_build_and_carry_the_script() {
        let html = "<!doctype html><html lang=en><head></head><body><p>  a  </p></body></html>";
        let site = Snapshot::from_outputs(meta("b1"), &[page(html)], None).unwrap();
        let mut expected = page(html).bytes(true).unwrap().into_owned();
        let tag = b"<script type=\"module\" src=\"/p/__reachout/live.js?build=b1\"></script>";
        expected.extend_from_slice(tag);
        assert_eq!(&site.files["index.html"].bytes[..], &expected[..]);
    }

    #[test]
    fn an_unchanged_page_reuses_its_minified_form_and_a_changed_one_does_not() {
        let one = Snapshot::from_outputs(meta("b1"), &[page("<p>  one  </p>")], None).unwrap();
        let again =
            Snapshot::from_outputs(meta("b2"), &[page("<p>  one  </p>")], Some(&one)).unwrap();
        let small =
            |s: &Snapshot| Arc::clone(&s.files["index.html"].minified.as_ref().unwrap().small);
        assert!(Arc::ptr_eq(&small(&one), &small(&again)));
        assert!(String::from_utf8_lossy(&again.files["index.html"].bytes).contains("build=b2"));
        let two =
            Snapshot::from_outputs(meta("b3"), &[page("<p>  two  </p>")], Some(&again)).unwrap();
        assert!(String::from_utf8_lossy(&two.files["index.html"].bytes).contains("two"));
    }

    #[test]
    fn problems_carry_file_line_column_and_hint() {
        let d = Diagnostic::new("content/a.md", "bad key")
            .at(Position { line: 3, column: 1 }, "a\nb\nc\n")
            .hint("remove it");
        let list = Problem::list(&Error::Invalid(vec![d]));
        let json = serde_json::to_value(&list).unwrap();
        assert_eq!(
            json,
            serde_json::json!([{
                "file": "content/a.md", "line": 3, "column": 1,
                "message": "bad key", "hint": "remove it"
            }])
        );
    }
}
