//! The lessons speak the articles' protocols byte for byte: the articles' own
//! Python programs (rewritten to take the port from the command line instead of
//! a fixed one) talk to the Rust programs, both ways. Skipped without python3.

use std::process::Command;

use course_tests::{Server, client, python3};
use predicates::str::contains;

/// Article 004's `serverFunc`: bind, one recvfrom(500), print, reply, exit.
const UDP_ONCE_SERVER: &str = r#"
import socket, sys
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", int(sys.argv[1])))
print("bound to %s:%d" % sock.getsockname(), flush=True)
data, addr = sock.recvfrom(500)
print(data)
sock.sendto("Ich hab keine Hunge".encode(), addr)
"#;

/// Article 004's `clientFunc`: sendto, one recvfrom(200), print the text.
const UDP_ONCE_CLIENT: &str = r#"
import socket, sys
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(10)
sock.sendto("I love jingjing".encode(), ("127.0.0.1", int(sys.argv[1])))
data, addr = sock.recvfrom(200)
print(data.decode())
"#;

/// Article 002's UDP example 3, for two datagrams: reply b'success' to each.
const UDP_LOOP_SERVER: &str = r#"
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
print("bound to %s:%d" % s.getsockname(), flush=True)
for _ in range(2):
    data, addr = s.recvfrom(1024)
    print(data)
    s.sendto(b"success", addr)
"#;

/// Article 002's UDP example 4: send b'123', print what recvfrom returns.
const UDP_LOOP_CLIENT: &str = r#"
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(10)
s.sendto(b"123", ("127.0.0.1", int(sys.argv[1])))
print(s.recvfrom(1024)[0])
"#;

fn python_server(python: &str, script: &str) -> Server {
    let mut command = Command::new(python);
    command.args(["-c", script, "0"]);
    Server::spawn(command)
}

fn python_client(python: &str, script: &str, port: &str) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(python);
    command
        .args(["-c", script, port])
        .timeout(course_tests::DEADLINE);
    command
}

#[test]
fn lesson1_client_talks_to_the_article_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, UDP_ONCE_SERVER);
    client("lesson1-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("text:  Ich hab keine Hunge"));
    server
        .finish()
        .success()
        .stdout(contains("b'I love jingjing'"));
}

#[test]
fn the_article_client_talks_to_lesson1_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson1-server", &[]);
    python_client(python, UDP_ONCE_CLIENT, &server.port())
        .assert()
        .success()
        .stdout("Ich hab keine Hunge\n");
    server
        .finish()
        .success()
        .stdout(contains("bytes: b'I love jingjing'"));
}

#[test]
fn lesson2_client_talks_to_the_article_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, UDP_LOOP_SERVER);
    client("lesson2-client")
        .args([
            "--port",
            &server.port(),
            "--message",
            "123",
            "--message",
            "hi",
        ])
        .assert()
        .success()
        .stdout(contains("2 messages sent, 2 replies received"));
    server.finish().success().stdout(contains("b'123'\nb'hi'"));
}

#[test]
fn the_article_client_talks_to_lesson2_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson2-server", &["--serve", "1"]);
    python_client(python, UDP_LOOP_CLIENT, &server.port())
        .assert()
        .success()
        .stdout("b'success'\n");
    server.finish().success().stdout(contains("bytes: b'123'"));
}
