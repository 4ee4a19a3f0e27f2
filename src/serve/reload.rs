//! Live reload: a hub thread fans build results out to every open page over Server-Sent
//! Events, and the small script and stylesheet pages load to listen and show problems.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Serialize;

use super::Shared;
use super::site::Problem;

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

/// Open event streams beyond this are refused: each holds a thread (and browsers allow only
/// six connections to one host, so more than a few tabs is unusual).
const MAX_STREAMS: usize = 64;
/// A comment this often finds closed tabs (a write fails) and keeps proxies from timing out.
const PING: Duration = Duration::from_secs(15);

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

/// Starts the hub: it alone owns the list of streams, so nothing needs a lock.
pub(crate) fn spawn_hub() -> (mpsc::Sender<HubMsg>, JoinHandle<()>) {
    let (tx, rx) = mpsc::channel::<HubMsg>();
    let thread = std::thread::spawn(move || {
        let mut streams: Vec<mpsc::Sender<Message>> = Vec::new();
        while let Ok(msg) = rx.recv() {
            match msg {
                HubMsg::Subscribe(stream) => streams.push(stream),
                // A closed page's receiver is gone: forget it.
                HubMsg::Publish(message) => {
                    streams.retain(|stream| stream.send(message.clone()).is_ok());
                }
                HubMsg::Stop => break,
            }
        }
    });
    (tx, thread)
}

/// Answers `GET …/__reachout/events` on `out`: a stream that lasts until the page goes away
/// (a write fails) or the server stops.
pub(crate) fn stream(out: &mut impl Write, shared: &Shared) {
    let open = shared.streams.fetch_add(1, Ordering::SeqCst);
    if open >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        let busy = super::http::Reply::plain(503, "Too many open pages");
        let _ = super::server::write_reply(out, &busy, false, false);
        let _ = out.flush();
        return;
    }
    let (tx, rx) = mpsc::channel();
    // Subscribe before reading the state: a build that lands in between is then either in
    // the hello (a different id: the page reloads) or queued for us, never lost.
    let subscribed = shared.hub.send(HubMsg::Subscribe(tx)).is_ok();
    let state = shared.state.load_full();
    let mut first = vec![Message::Hello {
        build: state.id().to_owned(),
    }];
    if let Some(problems) = &state.problems {
        first.push(Message::Error {
            problems: problems.as_ref().clone(),
        });
    }
    drop(state);
    // No length: the body ends when the connection closes.
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                Connection: close\r\n\r\nretry: 500\n\n";
    let mut ok = out.write_all(head.as_bytes()).is_ok();
    for message in first {
        ok = ok && send(out, &message);
    }
    while ok && subscribed {
        ok = match rx.recv_timeout(PING) {
            Ok(message) => send(out, &message),
            Err(RecvTimeoutError::Timeout) => {
                out.write_all(b": ping\n\n").is_ok() && out.flush().is_ok()
            }
            Err(RecvTimeoutError::Disconnected) => false,
        };
    }
    shared.streams.fetch_sub(1, Ordering::SeqCst);
}

fn send(out: &mut impl Write, message: &Message) -> bool {
    // JSON never holds a raw newline, so one `data:` line carries the whole message.
    let Ok(json) = serde_json::to_string(message) else {
        return false;
    };
    out.write_all(format!("data: {json}\n\n").as_bytes())
        .is_ok()
        && out.flush().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_tagged_json() {
        let reload = Message::Reload {
            build: "a-2".into(),
        };
        assert_eq!(
            serde_json::to_string(&reload).unwrap(),
            r#"{"type":"reload","build":"a-2"}"#
        );
        let error = Message::Error { problems: vec![] };
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"type":"error","problems":[]}"#
        );
    }

    #[test]
    fn hub_forwards_to_every_subscriber_and_forgets_closed_ones() {
        let (hub, thread) = spawn_hub();
        let (a_tx, a_rx) = mpsc::channel();
        let (b_tx, b_rx) = mpsc::channel();
        hub.send(HubMsg::Subscribe(a_tx)).unwrap();
        hub.send(HubMsg::Subscribe(b_tx)).unwrap();
        drop(b_rx);
        hub.send(HubMsg::Publish(Message::Reload { build: "1".into() }))
            .unwrap();
        hub.send(HubMsg::Stop).unwrap();
        thread.join().unwrap();
        assert!(matches!(a_rx.recv(), Ok(Message::Reload { .. })));
        assert!(a_rx.recv().is_err(), "the hub drops streams when it stops");
    }
}
