//! Live reload: a hub thread fans build results out to every open page over Server-Sent
//! Events, and the small script and stylesheet pages load to listen and show problems.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::state::{HubMsg, Message, Shared};

/// Open event streams beyond this are refused: each holds a thread (and browsers allow only
/// six connections to one host, so more than a few tabs is unusual).
const MAX_STREAMS: usize = 64;
/// A comment this often finds closed tabs (a write fails) and keeps proxies from timing out.
const PING: Duration = Duration::from_secs(15);

/// Starts the hub: it alone owns the list of streams, so nothing needs a lock.
pub(crate) fn spawn_hub() -> (mpsc::Sender<HubMsg>, JoinHandle<()>) {
    let (tx, rx) = mpsc::channel::<HubMsg>();
    let thread = std::thread::spawn(move || {
        let mut streams: Vec<mpsc::Sender<Message>> = Vec::new();
        while let Ok(msg) = rx.recv() {
            match msg {
                HubMsg::Subscribe(stream) => streams.push(stream),
                HubMsg::Publish(message) => forward(&mut streams, &message),
                HubMsg::Stop => break,
            }
        }
    });
    (tx, thread)
}

/// Sends `message` to every stream; a closed page's receiver is gone, so it is forgotten.
fn forward(streams: &mut Vec<mpsc::Sender<Message>>, message: &Message) {
    streams.retain(|stream| stream.send(message.clone()).is_ok());
}

/// One open page's place in the hub: counted against [`MAX_STREAMS`] until dropped.
pub(crate) struct Subscription<'a> {
    shared: &'a Shared,
    rx: mpsc::Receiver<Message>,
    subscribed: bool,
    first: Vec<Message>,
}

/// Takes a stream slot for a page, or `None` when too many pages are open (the caller answers
/// 503; this module never writes HTTP heads).
pub(crate) fn subscribe(shared: &Shared) -> Option<Subscription<'_>> {
    let open = shared.streams.fetch_add(1, Ordering::SeqCst);
    if open >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        return None;
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
    Some(Subscription {
        shared,
        rx,
        subscribed,
        first,
    })
}

impl Subscription<'_> {
    /// Writes the event stream's body on `out` (after the server wrote the head) until the page
    /// goes away (a write fails) or the server stops.
    pub(crate) fn run(self, out: &mut impl Write) {
        let mut ok = out.write_all(b"retry: 500\n\n").is_ok();
        for message in &self.first {
            ok = ok && send(out, message);
        }
        while ok && self.subscribed {
            ok = match self.rx.recv_timeout(PING) {
                Ok(message) => send(out, &message),
                Err(RecvTimeoutError::Timeout) => {
                    out.write_all(b": ping\n\n").is_ok() && out.flush().is_ok()
                }
                Err(RecvTimeoutError::Disconnected) => false,
            };
        }
    }
}

impl Drop for Subscription<'_> {
    fn drop(&mut self) {
        self.shared.streams.fetch_sub(1, Ordering::SeqCst);
    }
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
    fn hub_forwards_to_every_subscriber_and_drops_them_when_it_stops() {
        let (hub, thread) = spawn_hub();
        let (a_tx, a_rx) = mpsc::channel();
        let (b_tx, b_rx) = mpsc::channel();
        hub.send(HubMsg::Subscribe(a_tx)).unwrap();
        hub.send(HubMsg::Subscribe(b_tx)).unwrap();
        hub.send(HubMsg::Publish(Message::Reload { build: "1".into() }))
            .unwrap();
        hub.send(HubMsg::Stop).unwrap();
        thread.join().unwrap();
        for rx in [a_rx, b_rx] {
            assert!(matches!(rx.recv(), Ok(Message::Reload { .. })));
            assert!(rx.recv().is_err(), "the hub drops streams when it stops");
        }
    }

    #[test]
    fn a_closed_page_is_forgotten_and_the_others_still_get_messages() {
        let (a_tx, a_rx) = mpsc::channel();
        let (b_tx, b_rx) = mpsc::channel();
        let mut streams = vec![a_tx, b_tx];
        drop(a_rx);
        forward(&mut streams, &Message::Reload { build: "1".into() });
        assert_eq!(streams.len(), 1, "the closed stream is forgotten");
        forward(&mut streams, &Message::Reload { build: "2".into() });
        let got: Vec<String> = b_rx
            .try_iter()
            .map(|m| match m {
                Message::Reload { build } => build,
                _ => String::new(),
            })
            .collect();
        assert_eq!(got, ["1", "2"]);
    }
}
