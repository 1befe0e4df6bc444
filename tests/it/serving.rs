//! A running `tonvinh serve` and a tiny HTTP client for it (raw HTTP/1.1, so that
//! paths such as `/../x` reach the server exactly as written).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::TestSite;

/// `tonvinh serve` on a free port, stopped when dropped.
pub struct Served {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// Everything it printed on stderr so far.
    log: Arc<Mutex<String>>,
}

/// One HTTP response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Served {
    /// Starts `tonvinh serve --root SITE --port 0 ARGS` and waits for its address.
    pub fn start(site: &TestSite, args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tonvinh"))
            .args(["serve", "--port", "0"])
            .args(args)
            .arg("--root")
            .arg(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut served = Served {
            child,
            address: String::new(),
            log,
        };
        let started = Instant::now();
        while served.address.is_empty() {
            let log = served.log();
            if let Some(at) = log.find("http://") {
                let rest = &log[at + 7..];
                served.address = rest[..rest.find('/').unwrap()].to_string();
            } else {
                assert!(
                    started.elapsed() < Duration::from_secs(30),
                    "serve did not start:\n{log}"
                );
                assert!(
                    served.child.try_wait().unwrap().is_none(),
                    "serve exited:\n{log}"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        served
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// `GET path` (as written, not normalised).
    pub fn get(&self, path: &str) -> Response {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: raw[end + 4..].to_vec(),
        }
    }

    /// The build status (`/__tonvinh/status`).
    pub fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__tonvinh/status").body).unwrap()
    }

    /// Waits until a rebuild after `version` has been published with its deferred
    /// files (or has failed), and no other follows within a moment. Returns the status.
    #[track_caller]
    pub fn wait_after(&self, version: u64) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let status = self.status();
            let failed = !status["errors"].as_array().unwrap().is_empty();
            // A good rebuild is complete when its deferred files (the search index)
            // are served too.
            let done = failed
                || (status["version"].as_u64().unwrap() > version && status["pending"] == false);
            if done {
                // Let a rebuild still under way finish.
                std::thread::sleep(Duration::from_millis(300));
                let again = self.status();
                if again == status {
                    return status;
                }
                continue;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no rebuild after version {version}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn version(&self) -> u64 {
        self.status()["version"].as_u64().unwrap()
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit status.
    pub fn interrupt(mut self) -> (i32, String) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50));
                return (status.code().unwrap_or(-1), self.log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "serve did not stop on Ctrl-C:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
