//! Checks exercise 5.1 (src/cap_clients.rs) with real clients on 127.0.0.1.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use course_check::say;
use lesson5_exercises::cap_clients::serve_capped;

fn start(max: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve_capped(listener, max));
    addr
}

/// Connects and returns the stream with the first line the server sent.
fn first_line(addr: SocketAddr) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0; 64];
    let n = stream.read(&mut buf).unwrap_or_else(|err| {
        panic!(
            "{}",
            say!(
                "nothing from the server within 5 s ({err}): greet every client, or tell it busy; never leave it waiting",
                "5 秒内服务器什么也没发（{err}）：每个客户端要么问候，要么告诉它 busy；绝不让它干等"
            )
        )
    });
    (stream, String::from_utf8_lossy(&buf[..n]).into_owned())
}

#[test]
fn clients_within_the_cap_are_greeted_and_the_next_is_told_busy() {
    let addr = start(2);
    let (_a, a) = first_line(addr);
    let (_b, b) = first_line(addr);
    assert_eq!(
        (a.as_str(), b.as_str()),
        ("hello\n", "hello\n"),
        "{}",
        say!("two clients fit a cap of two", "上限是两个，两个客户端正好装得下")
    );
    let (mut c, line) = first_line(addr);
    assert_eq!(line, "busy\n", "{}", say!("the third client must be told busy", "第三个客户端必须收到 busy"));
    // The close must come at once: a read that times out means the server
    // kept the connection open (and the client would wait forever).
    c.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut rest = [0; 8];
    match c.read(&mut rest) {
        Ok(0) => {}
        Ok(n) => {
            panic!(
                "{}",
                say!(
                    "after busy, nothing more: the server sent {:?}",
                    "busy 之后不该再有别的：服务器却发来了 {:?}",
                    String::from_utf8_lossy(&rest[..n])
                )
            )
        }
        Err(err) => panic!(
            "{}",
            say!(
                "after busy the connection must close at once, but no close came within 2 s ({err}): \
                 drop the connection after writing busy",
                "发完 busy 连接必须立刻关闭，可是 2 秒内没有关闭（{err}）：\
                 写完 busy 就 drop 这个连接"
            )
        ),
    }
}

#[test]
fn a_place_frees_up_when_a_client_leaves() {
    let addr = start(1);
    let (first, line) = first_line(addr);
    assert_eq!(line, "hello\n", "{}", say!("one client fits a cap of one", "上限是一个，一个客户端装得下"));
    drop(first);
    // The server learns of the close when its read returns 0; give it a moment by retrying.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_next, line) = first_line(addr);
        if line == "hello\n" {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            say!(
                "a client left, but the server still counts it: take one off the count when its thread ends",
                "一个客户端已经离开，服务器却还在算它：它的线程结束时把计数减一"
            )
        );
        std::thread::sleep(Duration::from_millis(20)); // retrying a check, with a deadline
    }
}

/// Keeps the calling thread, and every thread it starts, on the CPU it runs on
/// now, as a batch thread (Linux): a batch thread does not preempt the one
/// that is running when it wakes, so a client thread cannot run before the
/// accept loop blocks again. Its next accept comes before any client thread's
/// first step, every time. Elsewhere it does nothing, and the burst test below
/// may miss the race.
#[allow(unsafe_code)]
fn no_client_thread_before_the_next_accept() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on this thread (pid 0), with a CPU set and a
    // scheduling parameter that live through each call.
    unsafe {
        let cpu = libc::sched_getcpu();
        if cpu >= 0 {
            let mut only_this_cpu: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu as usize, &mut only_this_cpu);
            libc::sched_setaffinity(0, size_of_val(&only_this_cpu), &only_this_cpu);
        }
        let priority = libc::sched_param { sched_priority: 0 };
        libc::sched_setscheduler(0, libc::SCHED_BATCH, &priority);
    }
}

#[test]
fn a_burst_of_clients_at_the_cap_lets_only_the_cap_in() {
    // Four clients connect before the server runs: their connections wait,
    // established, in the listen backlog, and each accept returns at once.
    // The server's thread and its client threads share one CPU, and a client
    // thread does not start before the accept loop waits (for a fifth
    // client): so the loop decides about all four before any client thread
    // has done anything. A count the client thread raises comes too late.
    // (On a busy machine another program may stop the loop for a moment
    // and let a client thread run first: ten rounds, and one is enough.)
    for round in 0..10 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let clients: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(addr).unwrap()).collect();
        std::thread::spawn(move || {
            no_client_thread_before_the_next_accept();
            serve_capped(listener, 1)
        });
        let mut lines = Vec::new();
        for mut client in &clients {
            client.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut buf = [0; 64];
            let n = client.read(&mut buf).unwrap_or_else(|err| {
                panic!(
                    "{}",
                    say!(
                        "nothing from the server within 5 s ({err}): greet every client, or tell it busy",
                        "5 秒内服务器什么也没发（{err}）：每个客户端要么问候，要么告诉它 busy"
                    )
                )
            });
            lines.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
        let greeted = lines.iter().filter(|line| line.as_str() == "hello\n").count();
        assert_eq!(
            greeted,
            1,
            "{}",
            say!(
                "round {round}: four clients arrived at once at a cap of one, and {greeted} were greeted \
                 (the server said {lines:?}). The accept loop decides about the next client before a \
                 new client thread has run: a client must count from the moment the loop lets it in",
                "第 {round} 轮：上限是一个，四个客户端同时到达，却有 {greeted} 个得到了问候\
                 （服务器说的是 {lines:?}）。accept 循环决定下一个客户端的时候，新的客户端线程\
                 还没有运行：一个客户端必须从循环放它进来的那一刻起就算数"
            )
        );
        drop(clients);
    }
}
