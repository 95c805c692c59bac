//! Checks exercise 5.2 (src/shared_counter.rs): many clients at once, one count.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier, Condvar, Mutex};
use std::time::Duration;

use course_check::{OrFail, python_literal, say, within};
use lesson5_exercises::counter::Counter;
use lesson5_exercises::shared_counter::serve_numbered;

/// Starts `serve_numbered` on a fresh listener with `counter`.
fn start<C: Counter + 'static>(counter: C) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve_numbered(listener, Arc::new(counter)));
    addr
}

/// Connects to the server, with a deadline on every read.
fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream
}

/// Sends one message and reads the number that comes back.
fn next_number(stream: &mut TcpStream) -> u64 {
    stream.write_all(b"next").or_fail(say!(
        "could not send b'next' to the server: did it close the connection?",
        "没能把 b'next' 发给服务器：它是不是关闭了连接？"
    ));
    let mut buf = [0; 32];
    let n = stream.read(&mut buf).or_fail(say!(
        "no number within 5 s in reply to b'next': each read of the client's thread gets its number, \
         written back with write_all",
        "b'next' 在 5 秒内没有得到编号：客户端线程的每次读取都要得到它的编号，用 write_all 写回"
    ));
    assert!(
        n > 0,
        "{}",
        say!(
            "the server closed the connection instead of answering b'next': did the client's thread end, or \
             panic (see above)?",
            "服务器没有回答 b'next'，而是关闭了连接：客户端的线程是不是结束了，或者 panic 了（看上面）？"
        )
    );
    let reply = &buf[..n];
    std::str::from_utf8(reply).ok().and_then(|text| text.parse().ok()).unwrap_or_else(|| {
        panic!(
            "{}",
            say!(
                "the reply to b'next' must be a number in decimal digits, like b'17'; arrived: {} ({} bytes)",
                "b'next' 的回复必须是十进制数字写的编号，比如 b'17'；收到的是：{}（{} 字节）",
                python_literal(reply),
                reply.len()
            )
        )
    })
}

/// At most ten of `numbers`, then how many more, for a failure message.
fn some_of(numbers: &[u64]) -> String {
    let shown = numbers.iter().take(10).map(u64::to_string).collect::<Vec<_>>().join(&say!(", ", "、"));
    match numbers.len() {
        0..=10 => shown,
        more => say!("{shown}, and {} more", "{shown}，还有 {} 个", more - 10),
    }
}

/// Sorts the numbers and checks they are 1 to `expected`, each once.
fn check_numbered(mut all: Vec<u64>, expected: u64, hint: &str) {
    all.sort_unstable();
    let mut distinct = all.clone();
    distinct.dedup();
    let twice: Vec<u64> =
        distinct.iter().copied().filter(|n| all.iter().filter(|m| *m == n).count() > 1).collect();
    assert!(
        distinct.len() == all.len(),
        "{}",
        say!(
            "{expected} messages got only {} different numbers; given to more than one message: {}. {hint}",
            "{expected} 条消息只拿到了 {} 个不同的编号；发给了不止一条消息的编号：{}。{hint}",
            distinct.len(),
            some_of(&twice)
        )
    );
    let missing: Vec<u64> = (1..=expected).filter(|n| all.binary_search(n).is_err()).collect();
    let outside: Vec<u64> = all.iter().copied().filter(|n| !(1..=expected).contains(n)).collect();
    assert!(
        all == (1..=expected).collect::<Vec<u64>>(),
        "{}",
        say!(
            "{expected} messages must be numbered 1 to {expected}, each once: the first message the server \
             receives is 1. Given, though not from 1 to {expected}: {}; never given: {}. Look at what the \
             counter operation you call returns (src/counter.rs)",
            "{expected} 条消息的编号必须是 1 到 {expected}，每个一次：服务器收到的第一条消息是 1。\
             给出了、却不在 1 到 {expected} 之间的：{}；没有给出的：{}。看看你调用的计数器操作返回的是什么\
             （src/counter.rs）",
            some_of(&outside),
            some_of(&missing)
        )
    );
}

#[test]
fn every_message_from_every_client_gets_its_own_number() {
    let addr = start(AtomicU64::new(0));
    let clients: Vec<_> = (0..10)
        .map(|_| {
            std::thread::spawn(move || {
                let mut stream = connect(addr);
                (0..20).map(|_| next_number(&mut stream)).collect::<Vec<_>>()
            })
        })
        .collect();
    let all = clients
        .into_iter()
        .flat_map(|c| {
            c.join().unwrap_or_else(|_| {
                panic!(
                    "{}",
                    say!(
                        "a client thread failed: did the server answer? (see the message above)",
                        "一个客户端线程失败了：服务器回答了吗？（看上面的消息）"
                    )
                )
            })
        })
        .collect();
    check_numbered(
        all,
        200,
        &say!(
            "The numbers are the server's: one counter, shared by every client's thread, each number taken \
             from it in one step. Which counter does the thread that thread::spawn starts count on?",
            "编号是服务器的：只有一个计数器，由每个客户端的线程共用，每个编号一步取到。\
             thread::spawn 启动的线程是在哪个计数器上计数的？"
        ),
    );
}

/// A counter whose `load` and `fetch_add` each wait (up to a second), after
/// doing their work, until a second thread has come to one of them too. Two
/// threads that each load, then store, always read the same value; two that
/// each add, then load, always load the same sum: the race, on every run
/// instead of once in a while. A number taken in one step (what `fetch_add`
/// returns) stays its own.
#[derive(Default)]
struct WidenedCounter {
    value: AtomicU64,
    one_waiting: Mutex<bool>,
    partner_came: Condvar,
}

impl Counter for WidenedCounter {
    fn load(&self, order: Ordering) -> u64 {
        let value = self.value.load(order);
        self.meet();
        value
    }

    fn store(&self, value: u64, order: Ordering) {
        self.value.store(value, order)
    }

    fn fetch_add(&self, value: u64, order: Ordering) -> u64 {
        let before = self.value.fetch_add(value, order);
        self.meet();
        before
    }
}

impl WidenedCounter {
    /// Waits (up to a second) until a second thread comes here too.
    fn meet(&self) {
        let mut one_waiting = self.one_waiting.lock().unwrap();
        if *one_waiting {
            *one_waiting = false;
            self.partner_came.notify_all();
        } else {
            *one_waiting = true;
            let limit = Duration::from_secs(1);
            one_waiting =
                self.partner_came.wait_timeout_while(one_waiting, limit, |waiting| *waiting).unwrap().0;
            *one_waiting = false;
        }
    }
}

#[test]
fn two_messages_at_the_same_moment_get_two_numbers() {
    let addr = start(WidenedCounter::default());
    let both_ready = Arc::new(Barrier::new(2));
    let clients: Vec<_> = (0..2)
        .map(|_| {
            let both_ready = Arc::clone(&both_ready);
            std::thread::spawn(move || {
                let mut stream = connect(addr);
                (0..3)
                    .map(|_| {
                        both_ready.wait(); // the two messages leave together
                        next_number(&mut stream)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    // A client whose read timed out leaves the other waiting at the barrier:
    // a deadline on the two of them.
    let all = within(
        Duration::from_secs(10),
        &say!(
            "the two clients did not finish: is one of them still waiting for its number? \
             Each client needs a thread of its own, so that both are served at once",
            "两个客户端没有结束：是不是有一个还在等它的编号？\
             每个客户端都要有自己的线程，两个才能同时得到服务"
        ),
        move || {
            clients
                .into_iter()
                .flat_map(|c| {
                    c.join().unwrap_or_else(|_| {
                        panic!(
                            "{}",
                            say!("a client thread failed (see above)", "一个客户端线程失败了（看上面）")
                        )
                    })
                })
                .collect::<Vec<u64>>()
        },
    );
    check_numbered(
        all,
        6,
        &say!(
            "Two messages arrived at the same moment on two connections, and their threads gave them one \
             number. Is there one counter for the whole server, and is each number taken from it in one step? \
             A load, then a store, are two steps, and so are an add, then a load: the other thread can come \
             between them. src/counter.rs lists what the counter can do in one step",
            "两条消息在两个连接上同时到达，它们的线程给了它们同一个编号。整个服务器是不是只有一个计数器？\
             每个编号是不是一步取到的？先 load 再 store 是两步，先加再 load 也是两步：\
             另一个线程可以插在这两步之间。src/counter.rs 列出了计数器能一步做到的事"
        ),
    );
}
