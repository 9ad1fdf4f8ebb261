//! A misbehaving AWS endpoint on loopback: it answers every request the same bad way.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// Accepts the connection and never answers.
    Silent,
    /// 500 Internal Server Error, every time.
    ServerError,
    /// 429 ThrottlingException, every time (the SDK retries, then gives up).
    Throttle,
    /// 200 with a body that is not what the API returns.
    Malformed,
    /// 403 ExpiredTokenException.
    ExpiredToken,
    /// 403 AccessDeniedException (an IAM policy without eks:DescribeCluster).
    AccessDenied,
}

pub struct FakeAws {
    pub port: u16,
    /// Connections held open by `Silent`.
    _held: Arc<Mutex<Vec<TcpStream>>>,
}

impl FakeAws {
    pub fn start(fault: Fault) -> FakeAws {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let held = Arc::new(Mutex::new(vec![]));
        let keep = held.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let keep = keep.clone();
                std::thread::spawn(move || serve(stream, fault, keep));
            }
        });
        FakeAws { port, _held: held }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn serve(mut stream: TcpStream, fault: Fault, keep: Arc<Mutex<Vec<TcpStream>>>) {
    loop {
        // Read one request: headers, then the body by Content-Length.
        let mut buf = Vec::new();
        let mut byte = [0u8; 1];
        while !buf.ends_with(b"\r\n\r\n") {
            match stream.read(&mut byte) {
                Ok(1) => buf.push(byte[0]),
                _ => return,
            }
        }
        let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
        let len = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
            })
            .unwrap_or(0);
        let mut body = vec![0u8; len];
        if stream.read_exact(&mut body).is_err() {
            return;
        }
        let (status, headers, body): (&str, &str, &str) = match fault {
            Fault::Silent => {
                keep.lock().unwrap().push(stream);
                return;
            }
            Fault::ServerError => (
                "500 Internal Server Error",
                "",
                "{\"message\":\"internal failure\"}",
            ),
            Fault::Throttle => (
                "429 Too Many Requests",
                "x-amzn-ErrorType: ThrottlingException\r\n",
                "{\"message\":\"Rate exceeded\"}",
            ),
            Fault::Malformed => ("200 OK", "", "<<<this is not json>>>"),
            Fault::ExpiredToken => (
                "403 Forbidden",
                "x-amzn-ErrorType: ExpiredTokenException\r\n",
                "{\"message\":\"The security token included in the request is expired\"}",
            ),
            Fault::AccessDenied => (
                "403 Forbidden",
                "x-amzn-ErrorType: AccessDeniedException\r\n",
                "{\"message\":\"User: arn:aws:sts::123456789012:assumed-role/ci/shim is not authorized to perform: eks:DescribeCluster\"}",
            ),
        };
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}
