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
    command.args(["-c", script, port]).timeout(course_tests::DEADLINE);
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
    server.finish().success().stdout(contains("b'I love jingjing'"));
}

#[test]
fn the_article_client_talks_to_lesson1_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson1-server", &[]);
    python_client(python, UDP_ONCE_CLIENT, &server.port()).assert().success().stdout("Ich hab keine Hunge\n");
    server.finish().success().stdout(contains("bytes: b'I love jingjing'"));
}

#[test]
fn lesson2_client_talks_to_the_article_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, UDP_LOOP_SERVER);
    client("lesson2-client")
        .args(["--port", &server.port(), "--message", "123", "--message", "hi"])
        .assert()
        .success()
        .stdout(contains("2 messages sent, 2 replies received"));
    server.finish().success().stdout(contains("b'123'\nb'hi'"));
}

#[test]
fn the_article_client_talks_to_lesson2_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson2-server", &["--serve", "1"]);
    python_client(python, UDP_LOOP_CLIENT, &server.port()).assert().success().stdout("b'success'\n");
    server.finish().success().stdout(contains("bytes: b'123'"));
}

/// Article 004's case 04 (`tcp_srv`), for one connection: accept, recv(500),
/// reply "Received msg: {msg} from {addr}", close.
const TCP_ONCE_SERVER: &str = r#"
import socket, sys
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.bind(("127.0.0.1", int(sys.argv[1])))
sock.listen()
print("listening on %s:%d" % sock.getsockname(), flush=True)
skt, addr = sock.accept()
msg = skt.recv(500).decode()
rst = "Received msg: {0} from {1}".format(msg, addr)
print(rst)
skt.send(rst.encode())
skt.close()
"#;

/// Article 004's case 05 (`tcp_clt`): connect, send, recv(500), print.
const TCP_ONCE_CLIENT: &str = r#"
import socket, sys
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.settimeout(10)
sock.connect(("127.0.0.1", int(sys.argv[1])))
print("local port", sock.getsockname()[1])
sock.send("I love wangxiaojing".encode())
print(sock.recv(500).decode())
sock.close()
"#;

/// Article 001's section 4.1 client: asks for the server, port and data with
/// input(), sends the data in GBK, closes without reading.
const GBK_CLIENT: &str = r#"
import socket
tcp_client_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server_ip = input("server: ")
server_port = int(input("port: "))
tcp_client_socket.connect((server_ip, server_port))
send_data = input("data: ")
tcp_client_socket.send(send_data.encode("gbk"))
tcp_client_socket.close()
"#;

/// Article 001's section 4.2 server: one recv(1024) decoded as GBK, replies
/// "Thank You!" in GBK.
const GBK_SERVER: &str = r#"
import socket, sys
tcp_server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp_server_socket.bind(("127.0.0.1", int(sys.argv[1])))
tcp_server_socket.listen(128)
print("listening on %s:%d" % tcp_server_socket.getsockname(), flush=True)
client_socket, client_addr = tcp_server_socket.accept()
recv_data = client_socket.recv(1024)
print("received:", recv_data.decode("gbk"))
client_socket.send("Thank You!".encode("gbk"))
tcp_server_socket.close()
client_socket.close()
"#;

/// Article 000's server.py, for one client: greet, then number each message
/// until `exit`.
const TCP_LOOP_SERVER: &str = r#"
import socket, sys
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(5)
print("listening on %s:%d" % server.getsockname(), flush=True)
conn, address = server.accept()
conn.send("连接成功！".encode())
count = 0
while True:
    data = conn.recv(1024)
    print(data.decode())
    if data == b'exit':
        break
    count = count + 1
    conn.send(("第" + str(count) + "条信息：" + data.decode()).encode())
conn.close()
"#;

/// Article 000's client.py: print what arrives, send each input() line, stop
/// after `exit`.
const TCP_LOOP_CLIENT: &str = r#"
import socket, sys
client = socket.socket()
client.settimeout(10)
client.connect(("127.0.0.1", int(sys.argv[1])))
while True:
    data = client.recv(1024)
    print(data.decode())
    messages = input()
    client.send(messages.encode())
    if messages == 'exit':
        break
client.close()
"#;

#[test]
fn lesson3_client_talks_to_the_article_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, TCP_ONCE_SERVER);
    client("lesson3-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("text:  Received msg: I love wangxiaojing from ('127.0.0.1', "));
    server.finish().success().stdout(contains("Received msg: I love wangxiaojing from ('127.0.0.1', "));
}

#[test]
fn the_article_client_talks_to_lesson3_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson3-server", &[]);
    let run = python_client(python, TCP_ONCE_CLIENT, &server.port()).assert().success();
    let out = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    let port =
        out.lines().next().and_then(|l| l.strip_prefix("local port ")).expect("python prints its port");
    assert!(
        out.contains(&format!("Received msg: I love wangxiaojing from ('127.0.0.1', {port})")),
        "the Python client got the article's reply:\n{out}"
    );
    server.finish().success();
}

#[test]
fn the_gbk_client_of_article_001_talks_to_lesson3_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson3-server", &["--encoding", "gbk"]);
    assert_cmd::Command::new(python)
        .args(["-c", GBK_CLIENT])
        .write_stdin(format!("127.0.0.1\n{}\n你好，服务器\n", server.port()))
        .timeout(course_tests::DEADLINE)
        .assert()
        .success();
    server
        .finish()
        .success()
        .stdout(contains("12 bytes from"))
        .stdout(contains("text:  你好，服务器 (decoded as gbk)"));
}

#[test]
fn lesson3_client_talks_gbk_to_the_server_of_article_001() {
    let Some(python) = python3() else { return };
    let server = python_server(python, GBK_SERVER);
    client("lesson3-client")
        .args(["--port", &server.port(), "--encoding", "gbk", "--message", "你好"])
        .assert()
        .success()
        .stdout(contains("text:  Thank You! (decoded as gbk)"));
    server.finish().success().stdout(contains("received: 你好"));
}

#[test]
fn lesson4_client_talks_to_the_article_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, TCP_LOOP_SERVER);
    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  连接成功！"))
        .stdout(contains("text:  第1条信息：hello"));
    server.finish().success().stdout(contains("hello\nexit"));
}

#[test]
fn the_article_client_talks_to_lesson4_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    python_client(python, TCP_LOOP_CLIENT, &server.port())
        .write_stdin("hello\nworld\nexit\n")
        .assert()
        .success()
        .stdout("连接成功！\n第1条信息：hello\n第2条信息：world\n");
    server.finish().success().stdout(contains("stopping: clients: 1, messages answered: 2"));
}

/// Article 000's threaded server, with its one bug fixed: `accept` moved from
/// the threads into the main loop, which starts a thread per accepted client.
const THREADED_SERVER: &str = r#"
import socket, sys, threading, random
def handle_client(client, address):
    print("[*] Accept connection from: %s:%d" % (address[0], address[1]), flush=True)
    client.send("Hello World!".encode())
    while True:
        request = client.recv(1024).decode()
        if request == 'exit' or request == '':
            break
        print("[*] Received from %s:%d : %s" % (address[0], address[1], request), flush=True)
        client.send((str(random.randint(1, 1000)) + "：" + "ACK!").encode())
    client.close()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(5)
print("[*] listening on %s:%d" % server.getsockname(), flush=True)
while True:
    client, address = server.accept()
    threading.Thread(target=handle_client, args=(client, address)).start()
"#;

/// A half-closing client: send, shutdown(SHUT_WR), read the reply to the end.
const HALF_CLOSE_CLIENT: &str = r#"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"hello ")
s.sendall(b"world")
s.shutdown(socket.SHUT_WR)
reply = b""
while True:
    chunk = s.recv(1024)
    if not chunk:
        break
    reply += chunk
print(reply.decode())
s.close()
"#;

/// A server that reads to the end (a recv of 0 bytes), then replies and closes.
const READ_TO_EOF_SERVER: &str = r#"
import socket, sys
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen()
print("listening on %s:%d" % srv.getsockname(), flush=True)
conn, addr = srv.accept()
data = b""
while True:
    chunk = conn.recv(1024)
    if not chunk:
        break
    data += chunk
print("got", data)
conn.sendall(b"you sent %d bytes" % len(data))
conn.close()
"#;

#[test]
fn the_article_client_talks_to_lesson5_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson5-server", &["--serve", "1"]);
    python_client(python, TCP_LOOP_CLIENT, &server.port())
        .write_stdin("hello\nexit\n")
        .assert()
        .success()
        .stdout(predicates::str::is_match(r"^Hello World!\n\d{1,4}：ACK!\n$").unwrap());
    server
        .finish()
        .success()
        .stdout(predicates::str::is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hello").unwrap());
}

#[test]
fn lesson5_client_talks_to_the_article_threaded_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, THREADED_SERVER);
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("[client #2]"))
        .stdout(predicates::str::is_match(r"text:  \d{1,4}：ACK!").unwrap());
    server.stop().stdout(contains("[*] Received from 127.0.0.1:"));
}

#[test]
fn a_python_half_closing_client_talks_to_lesson6_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    python_client(python, HALF_CLOSE_CLIENT, &server.port())
        .assert()
        .success()
        .stdout(predicates::str::is_match(r"^received 11 bytes in [12] reads\n$").unwrap());
    server.finish().success().stdout(contains("0 bytes: the client's FIN arrived"));
}

#[test]
fn lesson6_client_talks_to_a_python_server_that_reads_to_the_end() {
    let Some(python) = python3() else { return };
    let server = python_server(python, READ_TO_EOF_SERVER);
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "world"])
        .assert()
        .success()
        .stdout(contains("the whole reply: you sent 10 bytes"));
    server.finish().success().stdout(contains("got b'helloworld'"));
}
