//! `--host localhost` where the name stands for `::1` first and `127.0.0.1`
//! after, as the system's lookup gives it on Fedora and macOS. Each test gives
//! the programs it starts with `--host localhost` a hosts file of its own,
//! `::1 localhost` before `127.0.0.1 localhost`, mounted over /etc/hosts in a
//! private mount namespace (`unshare -rm`): the machine's own file is never
//! touched. Every lesson's server given `--host localhost` binds 127.0.0.1, as
//! Python's AF_INET socket does, so its default client (127.0.0.1), its client
//! given `--host localhost`, and its Python counterpart (AF_INET) all reach it;
//! every client given `--host localhost` reaches a server on 127.0.0.1, the
//! UDP clients after waiting out `::1`'s share of `--timeout`.

use std::net::UdpSocket;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use course_tests::{
    Client, ENGLISH, Server, client, program, python_client, python_server, python3, skip, stdout_of,
};
use predicates::str::{contains, is_match};

/// What a server given `--host localhost` says about the address it took.
const BINDS_IPV4: &str = "localhost stands for [::1]:0, 127.0.0.1:0: binding 127.0.0.1:0, the IPv4 one, \
                          as Python's bind does on the articles' AF_INET socket";

/// A hosts file of a test's own, mounted over /etc/hosts for the programs it
/// runs through [`Hosts::command`]; removed when the test ends.
struct Hosts {
    path: PathBuf,
}

impl Hosts {
    /// A hosts file with `lines`, for the test `name`; `None`, after saying
    /// why with [`skip`], where `unshare -rm` is not allowed (CI runs as root,
    /// where it is).
    fn new(name: &str, lines: &str) -> Option<Hosts> {
        let allowed =
            Command::new("unshare").args(["-rm", "true"]).output().is_ok_and(|out| out.status.success());
        if !allowed {
            skip("`unshare -rm` is not allowed here, so no hosts file of our own can be mounted");
            return None;
        }
        let path = std::env::temp_dir().join(format!("course-hosts-{}-{name}", std::process::id()));
        std::fs::write(&path, lines).expect("write a hosts file");
        Some(Hosts { path })
    }

    /// Where `localhost` is `::1` first, then `127.0.0.1`.
    fn ipv6_first(name: &str) -> Option<Hosts> {
        Hosts::new(name, "::1 localhost\n127.0.0.1 localhost\n")
    }

    /// `program` (a lesson program's name), to run with this hosts file as /etc/hosts.
    fn command(&self, program_name: &str) -> Command {
        let mut command = Command::new("unshare");
        command
            .args(["-rm", "sh", "-c", r#"mount --bind "$0" /etc/hosts && exec "$@""#])
            .arg(&self.path)
            .arg(program(program_name));
        command
    }

    /// The server `name` with `--host localhost --port 0` and `args`, its
    /// ready line read; it must be on 127.0.0.1, where IPv4 clients reach it.
    fn server(&self, name: &str, args: &[&str]) -> Server {
        let mut command = self.command(name);
        command.args(["--host", "localhost", "--port", "0"]).args(args);
        let server = Server::spawn(command);
        assert_eq!(server.addr().ip().to_string(), "127.0.0.1", "{name} given --host localhost");
        server
    }

    /// The client `name` with `--host localhost --port PORT`, to run as
    /// `assert_cmd` runs it (with the harness's deadline, in English).
    fn client(&self, name: &str, port: &str) -> Client {
        let command = self.command(name);
        let mut client = Client::new(command.get_program(), name);
        client.args(command.get_args()).args(["--host", "localhost", "--port", port]).env("LC_ALL", ENGLISH);
        client
    }
}

impl Drop for Hosts {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a UDP client's output says that `[::1]:PORT` stayed silent for its
/// share of `--timeout`: `share` seconds, or a little less (the share is what
/// is left of `--timeout`, shared, when the address is tried).
fn silent_for_its_share(out: &str, port: &str, share: f64) -> bool {
    let start = format!("no reply from [::1]:{port} within ");
    let end = " s, its share of --timeout: trying the next address";
    out.lines().filter_map(|line| line.split_once(&start)).any(|(_, rest)| {
        rest.strip_suffix(end)
            .and_then(|seconds| seconds.parse::<f64>().ok())
            .is_some_and(|seconds| seconds <= share && seconds > share - 0.1)
    })
}

// Lesson 1: one datagram each way; the server takes one, so one server per client.

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson1_server_given_localhost_is_reached_by_the_default_the_named_and_the_python_client() {
    let Some(hosts) = Hosts::ipv6_first("lesson1-server") else { return };
    let reply = "text:  Ich hab keine Hunge";

    let server = hosts.server("lesson1-server", &[]);
    client("lesson1-client").args(["--port", &server.port()]).assert().success().stdout(contains(reply));
    let out = stdout_of(&server.finish().success());
    assert!(out.contains(BINDS_IPV4), "the server says which address it took, and why:\n{out}");
    assert!(out.contains("[::1]:0 stays unbound"), "{out}");

    let server = hosts.server("lesson1-server", &[]);
    hosts.client("lesson1-client", &server.port()).assert().success().stdout(contains(reply));
    server.finish().success().stdout(contains("bytes: b'I love jingjing'"));

    let Some(python) = python3() else { return };
    let server = hosts.server("lesson1-server", &[]);
    python_client(python, "01-udp-once/python/client.py", &server.port())
        .assert()
        .success()
        .stdout("Ich hab keine Hunge\n");
    server.finish().success().stdout(contains("bytes: b'I love jingjing'"));
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson1_client_given_localhost_reaches_a_server_on_127_0_0_1_after_the_silence_of_ipv6() {
    let Some(hosts) = Hosts::ipv6_first("lesson1-client") else { return };
    let server = Server::start("lesson1-server", &[]);
    let port = server.port();
    let run = hosts.client("lesson1-client", &port).args(["--timeout", "4"]).assert().success();
    let out = stdout_of(&run);
    assert!(out.contains("each for its share of --timeout (2 s)"), "{out}");
    assert!(
        silent_for_its_share(&out, &port, 2.0),
        "::1 is tried first, and stays silent (UDP is never refused):\n{out}"
    );
    assert!(out.contains(&format!("19 bytes from 127.0.0.1:{port}")), "then 127.0.0.1 answers:\n{out}");
    server.finish().success().stdout(contains("bytes: b'I love jingjing'"));

    let Some(python) = python3() else { return };
    let server = python_server(python, "01-udp-once/python/server.py");
    hosts
        .client("lesson1-client", &server.port())
        .args(["--timeout", "4"])
        .assert()
        .success()
        .stdout(contains("text:  Ich hab keine Hunge"));
    server.finish().success().stdout(contains("I love jingjing\nEnding server"));
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson1_client_given_localhost_with_no_server_names_every_address_it_tried_within_its_timeout() {
    let Some(hosts) = Hosts::ipv6_first("lesson1-nobody") else { return };
    // A port nobody holds: the system chose it free, and it was given back.
    let port =
        UdpSocket::bind("127.0.0.1:0").and_then(|s| s.local_addr()).expect("a free port").port().to_string();
    let mut client = hosts.client("lesson1-client", &port); // built before the clock starts
    client.args(["--timeout", "1"]);
    let started = Instant::now();
    let run = client.assert().code(1);
    assert!(started.elapsed() < Duration::from_secs(5), "one --timeout in all, not one per address");
    let out = stdout_of(&run);
    assert!(silent_for_its_share(&out, &port, 0.5), "{out}");
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("error: no reply from [::1]:{port}, 127.0.0.1:{port} within 1 s")),
        "{stderr}"
    );
}

// Lesson 2: a UDP server that runs on; a client that sends each message.

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson2_server_given_localhost_is_reached_by_the_default_the_named_and_the_python_client() {
    let Some(hosts) = Hosts::ipv6_first("lesson2-server") else { return };
    let server = hosts.server("lesson2-server", &["--serve", "3"]);
    let port = server.port();
    client("lesson2-client")
        .args(["--port", &port, "--message", "default"])
        .assert()
        .success()
        .stdout(contains("text:  success"));
    hosts
        .client("lesson2-client", &port)
        .args(["--message", "named"])
        .assert()
        .success()
        .stdout(contains("text:  success"));
    if let Some(python) = python3() {
        python_client(python, "02-udp-loop/python/client.py", &port)
            .write_stdin("python\n")
            .assert()
            .success()
            .stdout(contains(format!("b'success' from ('127.0.0.1', {port})")));
    } else {
        client("lesson2-client").args(["--port", &port, "--message", "python"]).assert().success();
    }
    let out = stdout_of(&server.finish().success());
    assert!(out.contains(BINDS_IPV4), "{out}");
    for message in ["default", "named", "python"] {
        assert!(out.contains(&format!("bytes: b'{message}'")), "{message}:\n{out}");
    }
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson2_client_given_localhost_reaches_a_server_on_127_0_0_1_and_stays_there() {
    let Some(hosts) = Hosts::ipv6_first("lesson2-client") else { return };
    let server = Server::start("lesson2-server", &["--serve", "4"]);
    let port = server.port();
    // Unconnected: ::1 is silent for its share; the second message goes straight to 127.0.0.1.
    let run = hosts
        .client("lesson2-client", &port)
        .args(["--timeout", "4", "--message", "one", "--message", "two"])
        .assert()
        .success();
    let out = stdout_of(&run);
    assert!(silent_for_its_share(&out, &port, 2.0), "{out}");
    assert_eq!(
        out.matches(&format!("to [::1]:{port}")).count(),
        1,
        "only the first message tries ::1:\n{out}"
    );
    assert!(out.contains("2 messages sent, 2 replies received"), "{out}");
    // Connected: the ICMP "port unreachable" from ::1 moves it on at once.
    let run = hosts
        .client("lesson2-client", &port)
        .args(["--connect", "--timeout", "4", "--message", "three", "--message", "four"])
        .assert()
        .success();
    let out = stdout_of(&run);
    assert!(out.contains(&format!("recv failed: [::1]:{port} answered 'port unreachable'")), "{out}");
    assert!(out.contains("trying the next address"), "{out}");
    assert!(out.contains("2 messages sent, 2 replies received"), "{out}");
    server.finish().success();

    let Some(python) = python3() else { return };
    let server = python_server(python, "02-udp-loop/python/server.py");
    hosts
        .client("lesson2-client", &server.port())
        .args(["--timeout", "4", "--message", "hi"])
        .assert()
        .success()
        .stdout(contains("text:  success"));
    server.stop().stdout(contains("b'hi' from ('127.0.0.1', "));
}

// Lesson 3: one connection; the server takes one, so one server per client.

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson3_server_given_localhost_is_reached_by_the_default_the_named_and_the_python_client() {
    let Some(hosts) = Hosts::ipv6_first("lesson3-server") else { return };
    let reply = "text:  Received msg: I love wangxiaojing from ('127.0.0.1', ";

    let server = hosts.server("lesson3-server", &[]);
    client("lesson3-client").args(["--port", &server.port()]).assert().success().stdout(contains(reply));
    let out = stdout_of(&server.finish().success());
    assert!(out.contains(BINDS_IPV4), "{out}");

    let server = hosts.server("lesson3-server", &[]);
    let run = hosts.client("lesson3-client", &server.port()).assert().success().stdout(contains(reply));
    let out = stdout_of(&run);
    assert!(
        out.contains("connect failed: connection refused by [::1]"),
        "::1 is tried first, and refused:\n{out}"
    );
    server.finish().success();

    let Some(python) = python3() else { return };
    let server = hosts.server("lesson3-server", &[]);
    python_client(python, "03-tcp-once/python/client.py", &server.port())
        .assert()
        .success()
        .stdout(contains("Received msg: I love wangxiaojing from ('127.0.0.1', "));
    server.finish().success();
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so ::1 cannot be tried first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn localhost_listing_ipv6_first_still_reaches_a_server_on_127_0_0_1() {
    let Some(hosts) = Hosts::ipv6_first("lesson3-client") else { return };
    let server = Server::start("lesson3-server", &["--host", "127.0.0.1"]);
    let run = hosts.client("lesson3-client", &server.port()).assert().success();
    let out = stdout_of(&run);
    assert!(out.contains(&format!("localhost stands for [::1]:{0}, 127.0.0.1:{0}", server.port())), "{out}");
    assert!(
        out.contains("connect failed: connection refused by [::1]"),
        "::1 is tried first, and refused:\n{out}"
    );
    assert!(
        out.contains(&format!("connected to 127.0.0.1:{}", server.port())),
        "then 127.0.0.1 answers:\n{out}"
    );
    server.finish().success();
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so a name cannot stand for ::1 alone")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn a_server_given_a_name_with_no_ipv4_address_binds_its_ipv6_one_and_says_who_can_reach_it() {
    let Some(hosts) = Hosts::new("ipv6-only", "::1 ipv6-only\n") else { return };
    let mut command = hosts.command("lesson4-server");
    command.args(["--host", "ipv6-only", "--port", "0", "--serve", "1", "--lang", "zh"]);
    let server = Server::spawn(command);
    assert_eq!(server.addr().ip().to_string(), "::1");
    let port = server.port();
    client("lesson4-client").args(["--host", "::1", "--port", &port, "--message", "hi"]).assert().success();
    let out = stdout_of(&server.finish().success());
    assert!(
        out.contains(
            "ipv6-only 代表 [::1]:0: 绑定 [::1]:0：这个名字没有 IPv4 地址，所以只有走 IPv6 的客户端能到达它"
        ),
        "{out}"
    );
}

// Lessons 4, 5 and 6: loop servers; each takes the three clients in turn. Each
// lesson's client given localhost also reaches a server on 127.0.0.1.

/// What one loop lesson's localhost test needs to know of its protocol.
struct LoopLesson {
    /// `lesson4`, ...
    name: &'static str,
    /// The lesson's folder under lessons/ (for its Python client).
    folder: &'static str,
    /// The narrated client's messages.
    messages: &'static [&'static str],
    /// What the narrated client shows of a reply (a regular expression).
    reply: &'static str,
    /// What the Python client reads on stdin, and shows (a regular expression).
    python: (&'static str, &'static str),
    /// A line the server prints once per client served.
    served: &'static str,
}

/// A loop server given `--host localhost` (::1 first) binds 127.0.0.1 and is
/// reached by the default client, by the client given localhost, and by the
/// Python client; then the client given localhost reaches a server on 127.0.0.1.
fn loop_server_on_localhost_both_ways(lesson: LoopLesson) {
    let Some(hosts) = Hosts::ipv6_first(lesson.name) else { return };
    let (server_name, client_name) = (format!("{}-server", lesson.name), format!("{}-client", lesson.name));
    let messages: Vec<&str> = lesson.messages.iter().flat_map(|message| ["--message", message]).collect();
    let server = hosts.server(&server_name, &["--serve", "3"]);
    let port = server.port();
    let reply = is_match(lesson.reply).unwrap();
    client(&client_name).args(["--port", &port]).args(&messages).assert().success().stdout(reply.clone());
    hosts.client(&client_name, &port).args(&messages).assert().success().stdout(reply);
    if let Some(python) = python3() {
        python_client(python, &format!("{}/python/client.py", lesson.folder), &port)
            .write_stdin(lesson.python.0)
            .assert()
            .success()
            .stdout(is_match(lesson.python.1).unwrap());
    } else {
        client(&client_name).args(["--port", &port]).args(&messages).assert().success();
    }
    let out = stdout_of(&server.finish().success());
    assert!(out.contains(BINDS_IPV4), "{out}");
    assert_eq!(out.matches(lesson.served).count(), 3, "three clients served:\n{out}");

    let server = Server::start(&server_name, &["--serve", "1"]);
    hosts
        .client(&client_name, &server.port())
        .args(&messages)
        .assert()
        .success()
        .stdout(contains(format!("connected to 127.0.0.1:{}", server.port())));
    server.finish().success();
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson4_on_localhost_both_ways() {
    loop_server_on_localhost_both_ways(LoopLesson {
        name: "lesson4",
        folder: "04-tcp-loop",
        messages: &["hi"],
        reply: "text:  第1条信息：hi",
        python: ("hi\nexit\n", "^连接成功！\n.*第1条信息：hi\n"),
        served: "text:  hi",
    });
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson5_on_localhost_both_ways() {
    loop_server_on_localhost_both_ways(LoopLesson {
        name: "lesson5",
        folder: "05-threaded-tcp",
        messages: &["hi", "exit"],
        reply: r"text:  \d{1,4}：ACK!",
        python: ("hi\nexit\n", r"^Hello World!\n.*\d{1,4}：ACK!\n"),
        served: "[*] Accept connection from: 127.0.0.1:",
    });
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here, so localhost cannot be ::1 first")]
#[cfg_attr(
    no_mount_namespace,
    ignore = "`unshare -rm` is not allowed here: no hosts file of our own can be mounted"
)]
fn lesson6_on_localhost_both_ways() {
    loop_server_on_localhost_both_ways(LoopLesson {
        name: "lesson6",
        folder: "06-half-close",
        messages: &["hello"],
        reply: r"received 5 bytes in [12] reads",
        python: ("hello\n", r"received 5 bytes in [12] reads\n$"),
        served: "the client's FIN arrived",
    });
}
