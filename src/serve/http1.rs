//! The HTTP/1.1 server: just enough of the protocol for a local preview (GET and HEAD, no
//! request bodies, keep-alive), on std's `TcpListener` with one thread per connection.
//!
//! One thread per connection keeps a long-lived event stream from ever holding up another
//! connection: a pooled design must hand every new connection to a free thread, and a pool
//! that got that wrong (tiny_http 0.12) left a browser's request unread behind keep-alive
//! connections. Connections are capped and idle ones time out, so threads stay bounded.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use super::route::{Reply, answer};
use super::sse;
use super::state::Shared;

/// Open connections beyond this get a 503 at once.
const MAX_CONNECTIONS: usize = 256;
/// A request's whole head (and the wait for it on a kept-alive connection) must arrive within
/// this, however slowly it trickles in: a client sending one header line every few seconds
/// would otherwise hold its thread, and 256 of them the whole server. Browsers reconnect.
const REQUEST_DEADLINE: Duration = Duration::from_secs(10);
/// A client that takes longer than this to accept a response is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest request line or header line.
const MAX_LINE: u64 = 8 * 1024;
/// Most header lines in one request.
const MAX_HEADERS: usize = 100;

/// The accept loop, running until [`Listener::stop`].
pub(crate) struct Listener {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Listener {
    /// Accepts connections on `listener` and answers them from `shared`.
    pub fn spawn(listener: TcpListener, addr: SocketAddr, shared: Arc<Shared>) -> Listener {
        let stopping = Arc::new(AtomicBool::new(false));
        let open = Arc::new(AtomicUsize::new(0));
        let thread = std::thread::spawn({
            let stopping = Arc::clone(&stopping);
            move || accept(&listener, &shared, &stopping, &open)
        });
        Listener {
            addr,
            stopping,
            thread,
        }
    }

    /// Stops accepting; open connections end with the process (or their idle timeout).
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        // `accept` blocks: a connection of our own wakes it to see the flag.
        let wake = match self.addr {
            SocketAddr::V4(a) if a.ip().is_unspecified() => {
                SocketAddr::from(([127, 0, 0, 1], a.port()))
            }
            SocketAddr::V6(a) if a.ip().is_unspecified() => {
                SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, a.port()))
            }
            other => other,
        };
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        let _ = self.thread.join();
    }
}

fn accept(
    listener: &TcpListener,
    shared: &Arc<Shared>,
    stopping: &AtomicBool,
    open: &Arc<AtomicUsize>,
) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors and the like: the server must outlive it.
            Err(e) => {
                eprintln!("warning: could not accept a connection: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let count = Count::new(open);
        if count.0 > MAX_CONNECTIONS {
            let _ = reply_now(
                stream,
                &Reply::plain(503, "Too many connections; try again"),
            );
            continue;
        }
        let shared = Arc::clone(shared);
        let spawned = std::thread::Builder::new()
            .name("reachout-http".into())
            .spawn(move || {
                let _count = count;
                connection(stream, &shared);
            });
        if let Err(e) = spawned {
            eprintln!("warning: could not start a thread for a connection: {e}");
        }
    }
}

/// One open connection, counted while it lives.
struct Count(usize, Arc<AtomicUsize>);

impl Count {
    fn new(open: &Arc<AtomicUsize>) -> Count {
        Count(open.fetch_add(1, Ordering::SeqCst) + 1, Arc::clone(open))
    }
}

impl Drop for Count {
    fn drop(&mut self) {
        self.1.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers without reading the request, then closes so that the answer arrives: closing with
/// the request unread would make the kernel reset the connection, and the client would see a
/// reset instead of the 503. The wait for the request is short, as the accept loop waits too.
fn reply_now(stream: TcpStream, reply: &Reply) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut out = BufWriter::new(&stream);
    write_reply(&mut out, reply, false, false)?;
    out.flush()?;
    drop(out);
    stream.shutdown(std::net::Shutdown::Write)?;
    stream.set_read_timeout(Some(Duration::from_millis(100)))?;
    let mut sink = [0u8; 4096];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        match (&stream).read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
    Ok(())
}

/// Whether a request's `Host` header names this server: `localhost` or an IP address (the
/// bound one, or any of this machine's with `--bind 0.0.0.0`), with or without a port; an
/// absent one (HTTP/1.0) does too. DNS rebinding needs a domain name that resolves to this
/// machine, so any other name is refused.
pub(crate) fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let host = host.trim().to_ascii_lowercase();
    // [::1]:1111, [::1], 127.0.0.1:1111, localhost.
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    name == "localhost" || name.parse::<std::net::IpAddr>().is_ok()
}

/// A connection's read half with a deadline for the whole request head: each read waits at
/// most until the deadline, not a fresh timeout per read.
struct Timed {
    stream: TcpStream,
    deadline: std::time::Instant,
}

impl Read for Timed {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self
            .deadline
            .saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// A request as far as the preview cares.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Request {
    /// `GET`, `HEAD`, ...
    pub method: String,
    /// The request target as sent.
    pub target: String,
    /// Whether the connection may carry another request afterwards.
    pub keep_alive: bool,
    /// The `Host` header, if one was sent.
    pub host: Option<String>,
}

/// Why a request could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The client closed the connection or went quiet: nothing to answer.
    Gone,
    /// Not HTTP/1.x, or over the limits: answer 400 and close.
    Bad(&'static str),
}

fn connection(stream: TcpStream, shared: &Arc<Shared>) {
    let setup = stream
        .set_write_timeout(Some(WRITE_TIMEOUT))
        .and_then(|()| stream.set_nodelay(true))
        .and_then(|()| stream.try_clone());
    let Ok(read_half) = setup else { return };
    let mut reader = BufReader::new(Timed {
        stream: read_half,
        deadline: std::time::Instant::now(),
    });
    let mut out = BufWriter::new(stream);
    loop {
        reader.get_mut().deadline = std::time::Instant::now() + REQUEST_DEADLINE;
        let request = match read_request(&mut reader) {
            Ok(request) => request,
            Err(ReadError::Gone) => return,
            Err(ReadError::Bad(why)) => {
                let _ = write_reply(&mut out, &Reply::plain(400, why), false, false);
                let _ = out.flush();
                return;
            }
        };
        // A page of another site reached through DNS rebinding must not read the preview.
        if !host_allowed(request.host.as_deref()) {
            let refused = Reply::plain(
                421,
                "Misdirected Request: this preview answers only to localhost and the address it listens on",
            );
            let _ = write_reply(&mut out, &refused, false, false);
            let _ = out.flush();
            return;
        }
        let head_only = request.method == "HEAD";
        let reply = answer(&request.method, &request.target, &shared.state.load());
        if let Reply::Events = reply {
            if head_only {
                let reply = Reply::own(200, "text/event-stream", Vec::new());
                let _ = write_reply(&mut out, &reply, true, request.keep_alive);
                let _ = out.flush();
                continue;
            }
            // The stream lasts as long as the page; the connection ends with it.
            match sse::subscribe(shared) {
                Some(subscription) => {
                    if write_head(
                        &mut out,
                        200,
                        &[("Content-Type", EVENT_STREAM)],
                        None,
                        false,
                    )
                    .is_ok()
                    {
                        subscription.run(&mut out);
                    }
                }
                None => {
                    let busy = Reply::plain(503, "Too many open pages");
                    let _ = write_reply(&mut out, &busy, false, false);
                    let _ = out.flush();
                }
            }
            return;
        }
        let sent =
            write_reply(&mut out, &reply, head_only, request.keep_alive).and_then(|()| out.flush());
        if sent.is_err() || !request.keep_alive {
            return;
        }
    }
}

/// Reads one request's head; any body makes the connection close after the answer, since
/// the preview never reads bodies.
pub(crate) fn read_request(reader: &mut impl BufRead) -> Result<Request, ReadError> {
    let mut line = read_line(reader)?;
    // RFC 9112: a server should ignore empty lines before a request line.
    while line.is_empty() {
        line = read_line(reader)?;
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad("Bad Request: malformed request line"));
    };
    let http_11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(ReadError::Bad("Bad Request: only HTTP/1.0 and HTTP/1.1")),
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || target.is_empty() {
        return Err(ReadError::Bad("Bad Request: malformed request line"));
    }
    let mut keep_alive = http_11;
    let mut has_body = false;
    let mut host = None;
    let mut count = 0;
    loop {
        let header = read_line(reader).map_err(|e| match e {
            ReadError::Gone => ReadError::Bad("Bad Request: incomplete headers"),
            bad => bad,
        })?;
        if header.is_empty() {
            break;
        }
        count += 1;
        if count > MAX_HEADERS {
            return Err(ReadError::Bad("Bad Request: too many headers"));
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(ReadError::Bad("Bad Request: malformed header"));
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "host" => host = Some(value),
            "connection" if value.split(',').any(|v| v.trim() == "close") => keep_alive = false,
            "connection" if value.split(',').any(|v| v.trim() == "keep-alive") => {
                keep_alive = true;
            }
            "content-length" => has_body |= value != "0",
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    if http_11 && host.is_none() {
        return Err(ReadError::Bad("Bad Request: HTTP/1.1 needs a Host header"));
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        keep_alive: keep_alive && !has_body,
        host,
    })
}

/// One line without its CRLF (or LF); `Gone` at end of input or on a timeout.
fn read_line(reader: &mut impl BufRead) -> Result<String, ReadError> {
    let mut buf = Vec::new();
    let read = reader
        .by_ref()
        .take(MAX_LINE + 1)
        .read_until(b'\n', &mut buf)
        .map_err(|_| ReadError::Gone)?;
    if read == 0 {
        return Err(ReadError::Gone);
    }
    if buf.last() != Some(&b'\n') {
        return Err(if read as u64 > MAX_LINE {
            ReadError::Bad("Bad Request: line too long")
        } else {
            ReadError::Gone
        });
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    String::from_utf8(buf).map_err(|_| ReadError::Bad("Bad Request: not UTF-8"))
}

/// Writes a whole response; the body is left out for HEAD (with its length kept).
fn write_reply(
    out: &mut impl Write,
    reply: &Reply,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let (status, headers, body): (u16, Vec<(&str, &str)>, &[u8]) = match reply {
        Reply::Body {
            status,
            content_type,
            body,
        } => (*status, vec![("Content-Type", content_type)], body),
        Reply::Redirect(location) => (301, vec![("Location", location.as_str())], &[]),
        Reply::NotAllowed => (
            405,
            vec![
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Allow", "GET, HEAD"),
            ],
            b"Method Not Allowed: this preview only answers GET and HEAD\n",
        ),
        // Answered by the caller; never written as a plain response.
        Reply::Events => (500, vec![], &[]),
    };
    write_head(out, status, &headers, Some(body.len()), keep_alive)?;
    if !head_only {
        out.write_all(body)?;
    }
    Ok(())
}

/// The event stream's media type.
const EVENT_STREAM: &str = "text/event-stream; charset=utf-8";

/// Writes a response head: the one place that does. Without `length`, the body ends when the
/// connection closes (the event stream).
fn write_head(
    out: &mut impl Write,
    status: u16,
    headers: &[(&str, &str)],
    length: Option<usize>,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(length) = length {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    head.push_str(&format!(
        "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
        if keep_alive { "keep-alive" } else { "close" }
    ));
    out.write_all(head.as_bytes())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Result<Request, ReadError> {
        read_request(&mut BufReader::new(raw.as_bytes()))
    }

    #[test]
    fn answers_localhost_and_ip_addresses_but_no_other_host_name() {
        for ok in [
            Some("localhost"),
            Some("LOCALHOST:1111"),
            Some("127.0.0.1:8080"),
            Some("[::1]:1111"),
            Some("192.168.1.20:1111"),
            Some("localhost."),
            None,
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [
            "attacker.example",
            "attacker.example:1111",
            "localhost.attacker.example",
            "",
            "127.0.0.1.nip.io",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
        assert!(
            matches!(read("GET / HTTP/1.1\r\n\r\n"), Err(ReadError::Bad(_))),
            "HTTP/1.1 needs a Host"
        );
    }

    #[test]
    fn reads_request_lines_and_connection_headers() {
        let r = read("GET /a?b HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(
            r,
            Request {
                method: "GET".into(),
                target: "/a?b".into(),
                keep_alive: true,
                host: Some("x".into()),
            }
        );
        assert!(
            !read("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        assert!(!read("GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(
            read("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        // A body is never read, so the connection cannot be reused.
        assert!(
            !read("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
                .unwrap()
                .keep_alive
        );
        assert_eq!(
            read("\r\nHEAD / HTTP/1.1\nHost: x\n\n").unwrap().method,
            "HEAD"
        );
    }

    #[test]
    fn refuses_what_is_not_http_1() {
        assert_eq!(read(""), Err(ReadError::Gone));
        assert!(matches!(
            read("GET / HTTP/2.0\r\n\r\n"),
            Err(ReadError::Bad(_))
        ));
        assert!(matches!(read("GET /\r\n\r\n"), Err(ReadError::Bad(_))));
        assert!(matches!(
            read("GET  / HTTP/1.1\r\n\r\n"),
            Err(ReadError::Bad(_))
        ));
        assert!(matches!(
            read("get / HTTP/1.1\r\n\r\n"),
            Err(ReadError::Bad(_))
        ));
        assert!(matches!(
            read("GET / HTTP/1.1\r\nnocolon\r\n\r\n"),
            Err(ReadError::Bad(_))
        ));
        assert!(matches!(
            read("GET / HTTP/1.1\r\nHost: x\r\n"),
            Err(ReadError::Bad(_))
        ));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(10_000));
        assert!(matches!(read(&long), Err(ReadError::Bad(_))));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(101));
        assert!(matches!(read(&many), Err(ReadError::Bad(_))));
    }

    #[test]
    fn head_keeps_the_length_and_drops_the_body() {
        let reply = Reply::own(200, "text/plain", b"hello".to_vec());
        let mut get = Vec::new();
        write_reply(&mut get, &reply, false, true).unwrap();
        let mut head = Vec::new();
        write_reply(&mut head, &reply, true, true).unwrap();
        let get = String::from_utf8(get).unwrap();
        let head = String::from_utf8(head).unwrap();
        assert!(get.ends_with("\r\n\r\nhello"), "{get}");
        assert_eq!(format!("{head}hello"), get);
        assert!(head.contains("Content-Length: 5\r\n"), "{head}");
        assert!(head.contains("Cache-Control: no-store\r\n"), "{head}");
        assert!(head.contains("Connection: keep-alive\r\n"), "{head}");
    }
}
