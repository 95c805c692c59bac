//! Checks exercise 5.2 (src/shared_counter.rs): many clients at once, one count.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier, Condvar, Mutex};
use std::time::Duration;

use course_check::{OrFail, say, within};
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
    stream.write_all(b"next").unwrap();
    let mut buf = [0; 32];
    let n = stream.read(&mut buf).or_fail(say!("no number within 5 s", "5 秒内没有收到数字"));
    let text = String::from_utf8_lossy(&buf[..n]).into_owned();
    text.parse().unwrap_or_else(|_| panic!("{}", say!("not a number: {text:?}", "不是数字：{text:?}")))
}

/// Sorts the numbers and checks they are 1 to `expected`, each once.
fn check_numbered(mut all: Vec<u64>, expected: u64, hint: &str) {
    all.sort_unstable();
    let mut distinct = all.clone();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        all.len(),
        "{}",
        say!("two messages got the same number: {hint}", "两条消息拿到了同一个编号：{hint}")
    );
    assert_eq!(
        all,
        (1..=expected).collect::<Vec<u64>>(),
        "{}",
        say!("{expected} messages, numbered 1 to {expected}", "{expected} 条消息，编号从 1 到 {expected}")
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
            c.join().or_fail(say!(
                "a client thread failed: did the server answer? (see the message above)",
                "一个客户端线程失败了：服务器回答了吗？（看上面的消息）"
            ))
        })
        .collect();
    check_numbered(
        all,
        200,
        &say!(
            "the counter must be one, shared by all threads (Arc::clone, not a new counter)",
            "计数器只能有一个，由所有线程共用（Arc::clone，而不是新建一个计数器）"
        ),
    );
}

/// A counter whose `load` waits (up to a second) until a second thread has
/// loaded too. Two threads that each load, then store, then always read the
/// same value: the race, on every run instead of once in a while.
#[derive(Default)]
struct WidenedCounter {
    value: AtomicU64,
    one_waiting: Mutex<bool>,
    partner_came: Condvar,
}

impl Counter for WidenedCounter {
    fn load(&self, order: Ordering) -> u64 {
        let value = self.value.load(order);
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
        value
    }

    fn store(&self, value: u64, order: Ordering) {
        self.value.store(value, order)
    }

    fn fetch_add(&self, value: u64, order: Ordering) -> u64 {
        self.value.fetch_add(value, order)
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
                    c.join()
                        .or_fail(say!("a client thread failed (see above)", "一个客户端线程失败了（看上面）"))
                })
                .collect::<Vec<u64>>()
        },
    );
    check_numbered(
        all,
        6,
        &say!(
            "a load, then a store, lets another thread take the same number in between; \
             take each number in one step (fetch_add)",
            "先 load 再 store，中间另一个线程就可能拿到同一个编号；\
             每个编号要一步取到（fetch_add）"
        ),
    );
}
