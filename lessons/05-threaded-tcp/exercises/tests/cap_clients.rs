//! Checks exercise 5.1 (src/cap_clients.rs) with real clients on 127.0.0.1.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use course_check::{OrFail, assert_bytes, python_literal, say};
use lesson5_exercises::cap_clients::serve_capped;

fn start(max: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve_capped(listener, max));
    addr
}

/// Connects and returns the stream with the first bytes the server sent (one read).
fn first_line(addr: SocketAddr) -> (TcpStream, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).or_fail(say!(
        "cannot connect: serve_capped no longer accepts clients (did it return, or panic: see above?)",
        "连不上：serve_capped 不再接受客户端了（它是不是返回了，或者 panic 了：看上面？）"
    ));
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
    (stream, buf[..n].to_vec())
}

/// What a read brought, as the failure messages show it.
fn shown(bytes: &[u8]) -> String {
    say!("{} ({} bytes)", "{}（{} 字节）", python_literal(bytes), bytes.len())
}

#[test]
fn clients_within_the_cap_are_greeted_and_the_next_is_told_busy() {
    let addr = start(2);
    let (_a, a) = first_line(addr);
    let (_b, b) = first_line(addr);
    for (line, which) in
        [(&a, say!("first client", "第一个客户端")), (&b, say!("second client", "第二个客户端"))]
    {
        assert_bytes(
            line,
            b"hello\n",
            &say!(
                "two clients fit a cap of two: the {which} must be greeted, not told busy",
                "上限是两个，两个客户端正好装得下：{which}必须得到问候，而不是 busy"
            ),
        );
    }
    let (mut c, line) = first_line(addr);
    assert_bytes(
        &line,
        b"busy\n",
        &say!(
            "the two clients before it are still connected: the third, over the cap of two, must be told busy",
            "前面两个客户端还连着：第三个超过了上限两个，必须收到 busy"
        ),
    );
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
                    "after busy, nothing more, only the close: the server sent {}",
                    "busy 之后不该再有别的，只有关闭：服务器却发来了 {}",
                    shown(&rest[..n])
                )
            )
        }
        Err(err) => panic!(
            "{}",
            say!(
                "after busy the connection must close at once, but no close came within 2 s ({err}): the \
                 client's read returns 0 bytes only when the server closes its connection, and until then it \
                 waits",
                "发完 busy 连接必须立刻关闭，可是 2 秒内没有关闭（{err}）：\
                 只有服务器关闭了这个连接，客户端的读取才会返回 0 字节，在那之前它一直等着"
            )
        ),
    }
}

#[test]
fn a_place_frees_up_when_a_client_leaves() {
    let addr = start(1);
    let (first, line) = first_line(addr);
    assert_bytes(
        &line,
        b"hello\n",
        &say!(
            "one client fits a cap of one: it must be greeted",
            "上限是一个，一个客户端装得下：它必须得到问候"
        ),
    );
    drop(first);
    // The server learns of the close when its read returns 0; give it a moment by retrying.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_next, line) = first_line(addr);
        if line == b"hello\n" {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            say!(
                "a client left (its close made its thread's read return 0 bytes), but 5 s later the server still \
                 counts it: a new client is still told {}, where a place is free",
                "一个客户端已经离开（它的关闭让它那个线程的读取返回了 0 字节），5 秒后服务器却还在算它：\
                 新来的客户端还是收到 {}，而位置其实已经空出来了",
                shown(&line)
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
            lines.push(buf[..n].to_vec());
        }
        let greeted = lines.iter().filter(|line| line.as_slice() == b"hello\n").count();
        let said = lines.iter().map(|line| python_literal(line)).collect::<Vec<_>>().join(", ");
        assert_eq!(
            greeted,
            1,
            "{}",
            say!(
                "round {round}: four clients arrived at once at a cap of one, and {greeted} were greeted \
                 (the server said [{said}]). The accept loop decides about the next client before a \
                 new client thread has run: a client must count from the moment the loop lets it in",
                "第 {round} 轮：上限是一个，四个客户端同时到达，却有 {greeted} 个得到了问候\
                 （服务器说的是 [{said}]）。accept 循环决定下一个客户端的时候，新的客户端线程\
                 还没有运行：一个客户端必须从循环放它进来的那一刻起就算数"
            )
        );
        drop(clients);
    }
}
