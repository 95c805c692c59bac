//! Checks exercise 5.3 (src/threaded_server.rs): your server, started as a
//! program on port 0 for three clients, serves the narrated lesson 5 client
//! and the article's Python client while a plain socket stays connected.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use assert_cmd::assert::Assert;
use course_tests::{Server, client, learners_server, python_client, python3, stdout_of};

/// Your program (src/threaded_server.rs), started with port 0 and N = 3
/// clients; waits for its `[*] Listening on ADDR` line.
fn your_server() -> Server {
    learners_server(env!("CARGO_BIN_EXE_lesson5-threaded_server"), &["0", "3"])
}

/// A plain client, greeted, that stays connected while the others are served.
fn first_client(server: &Server) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr()).expect("connect to your server");
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut greeting = [0; 12];
    stream.read_exact(&mut greeting).unwrap_or_else(|err| {
        panic!("no greeting within 5 s ({err}): send `Hello World!` as soon as a client is accepted")
    });
    assert_eq!(&greeting, b"Hello World!", "the greeting is the 12 bytes `Hello World!`");
    stream
}

/// Sends `message` and checks the reply is `{n}：ACK!` with n from 1 to 1000.
fn ack(stream: &mut TcpStream, message: &str) -> u32 {
    stream.write_all(message.as_bytes()).unwrap();
    let mut buf = [0; 1024];
    let n = stream.read(&mut buf).unwrap_or_else(|err| panic!("no reply to {message:?} within 5 s ({err})"));
    let reply = String::from_utf8_lossy(&buf[..n]).into_owned();
    let number = reply.strip_suffix("：ACK!").and_then(|number| number.parse().ok());
    match number {
        Some(number @ 1..=1000) => number,
        _ => panic!(
            "the reply to {message:?} was {reply:?}: it must be `{{n}}：ACK!`, n a random number from 1 to \
             1000 and `：` the full-width colon, in one write"
        ),
    }
}

/// Ends the first client with `exit`: the server closes without a reply.
fn leave(mut stream: TcpStream) {
    stream.write_all(b"exit").unwrap();
    let mut buf = [0; 64];
    match stream.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => {
            panic!("`exit` gets no reply, yet your server sent {:?}", String::from_utf8_lossy(&buf[..n]))
        }
        Err(err) => panic!("after `exit` your server did not close the connection within 5 s ({err})"),
    }
}

/// Checks that a client's run succeeded and showed each of `patterns`.
fn showed(run: &Assert, who: &str, patterns: &[&str]) {
    let out = stdout_of(run);
    let all = format!("{out}{}", String::from_utf8_lossy(&run.get_output().stderr));
    assert!(
        run.get_output().status.success(),
        "{who} failed while another client was connected: accept in the main thread and serve each \
         client on a thread of its own, so no client waits for another to leave:\n{all}"
    );
    for pattern in patterns {
        assert!(
            regex::Regex::new(pattern).unwrap().is_match(&out),
            "{who} must show /{pattern}/ (the greeting `Hello World!`, then `{{n}}：ACK!` for each \
             message); it printed:\n{all}"
        );
    }
}

/// Checks that your server, told to take 3 clients, exited 0 after them, and
/// logged them as the article does.
fn finished_after_three_clients(server: Server, received: &str) {
    let run = server.finish();
    let out = stdout_of(&run);
    assert!(
        run.get_output().status.success(),
        "given the second argument 3, your server must exit 0 once its 3 clients are done (exit code {:?}); \
         stderr:\n{}",
        run.get_output().status.code(),
        String::from_utf8_lossy(&run.get_output().stderr)
    );
    assert_eq!(
        out.matches("[*] Accept connection from: 127.0.0.1:").count(),
        3,
        "print `[*] Accept connection from: IP:PORT` for each client accepted; your server printed:\n{out}"
    );
    let line = "[*] Received from 127.0.0.1:";
    assert!(
        out.lines().any(|l| l.starts_with(line) && l.ends_with(&format!(" : {received}"))),
        "print `[*] Received from IP:PORT : text` for each message (here {received:?}); your server \
         printed:\n{out}"
    );
}

#[test]
fn narrated_clients_are_served_while_another_stays() {
    let server = your_server();
    let mut first = first_client(&server);
    let run = client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert();
    showed(&run, "lesson5-client (two connections)", &["text:  Hello World!", r"text:  \d{1,4}：ACK!"]);
    ack(&mut first, "still here");
    leave(first);
    finished_after_three_clients(server, "hi");
}

#[test]
fn python_clients_are_served_while_another_stays() {
    let Some(python) = python3() else { return };
    let server = your_server();
    let mut first = first_client(&server);
    let script = "05-threaded-tcp/python/client.py";
    let run = python_client(python, script, &server.port()).write_stdin("hello\nexit\nunsent\n").assert();
    showed(&run, "client.py", &[r"^Hello World!\n", r"\d{1,4}：ACK!\n"]);
    // Its input ends without `exit`: the client just closes, and your read returns 0 bytes.
    let run = python_client(python, script, &server.port()).write_stdin("bye\n").assert();
    showed(&run, "the second client.py (its input ends without `exit`)", &[r"\d{1,4}：ACK!\n"]);
    ack(&mut first, "still here");
    leave(first);
    finished_after_three_clients(server, "hello");
}

#[test]
fn replies_are_random_and_a_read_of_zero_bytes_ends_a_client() {
    let server = your_server();
    let mut first = first_client(&server);
    let numbers: Vec<u32> = (0..40).map(|i| ack(&mut first, &format!("message {i}"))).collect();
    assert!(
        numbers.iter().any(|&n| n != numbers[0]),
        "40 replies all carried {}: each reply's number must be drawn afresh, at random from 1 to 1000",
        numbers[0]
    );
    leave(first);

    let mut second = first_client(&server);
    second.shutdown(Shutdown::Write).unwrap(); // our FIN: your read returns 0 bytes
    let mut buf = [0; 1024];
    match second.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!(
            "a read of 0 bytes is the client's FIN, not an empty message: end that client's thread and close \
             its connection; instead your server sent {:?}",
            String::from_utf8_lossy(&buf[..n])
        ),
        Err(err) => {
            panic!("after the client's FIN your server did not close the connection within 5 s ({err})")
        }
    }

    let mut third = first_client(&server);
    ack(&mut third, "last");
    leave(third);
    finished_after_three_clients(server, "last");
}
