//! Checks exercise 8.1 (src/per_client_task.rs): the lesson's accept loop,
//! on one thread, runs your task for each client. The tests talk to it from
//! plain sockets: one conversation to the end, a silent client beside a
//! talking one, twenty clients thinking at once, and a client that leaves
//! without `exit`.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use course_check::{OrFail, expect_bytes, python_literal, say};
use course_tests::{Server, learners_server};
use lesson8_exercises::per_client_task::THINK;

/// How long each read of the tests waits for your server.
const WAIT: Duration = Duration::from_secs(3);

/// Your program: the lesson's accept loop around your task, on port 0.
fn your_server() -> Server {
    learners_server(env!("CARGO_BIN_EXE_lesson8-per_client_task"), &["0"])
}

/// Connects to your server and reads the greeting; `why` says what a
/// missing greeting means here.
#[track_caller]
fn greeted(server: &Server, why: &str) -> TcpStream {
    let mut stream =
        TcpStream::connect(server.addr()).or_fail(say!("cannot connect to your server", "连不上你的服务器"));
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.set_write_timeout(Some(WAIT)).unwrap();
    expect_bytes(&mut stream, b"Hello World!", why);
    stream
}

/// The greeting, as the first tests expect it.
fn greeting_why() -> String {
    say!(
        "your task first sends the 12 bytes `Hello World!` (write_all(..).await); a todo!() left in \
         place ends the task, and the connection with it",
        "你的任务先发出 12 个字节的 `Hello World!`（write_all(..).await）；还留着 todo!() 的话，\
         任务会结束，连接也随之关闭"
    )
}

/// A second client's greeting, while a first one waits in its read.
fn beside_a_waiting_one_why() -> String {
    say!(
        "while a first client says nothing, a second one must be greeted at once. Every task runs \
         on one thread: a task that waits in a blocking call (a std read after into_std and \
         set_nonblocking(false), say) holds that thread, and no other client is even accepted. \
         Read with client.read(&mut buf).await: the task yields while nothing comes",
        "第一个客户端什么也不说的时候，第二个必须立刻收到问候。所有任务都在一个线程上运行：\
         一个任务若在阻塞调用里等待（比如 into_std、set_nonblocking(false) 之后用 std 的 read），\
         就占住了这个线程，别的客户端连 accept 都轮不到。用 client.read(&mut buf).await 来读：\
         什么也没来时，任务会让出线程"
    )
}

/// Sends `message`.
#[track_caller]
fn send(stream: &mut TcpStream, message: &str) {
    let sent = python_literal(message.as_bytes());
    stream.write_all(message.as_bytes()).or_fail(say!(
        "could not send {sent} to your server: did it close the connection?",
        "没能把 {sent} 发给你的服务器：它是不是关闭了连接？"
    ));
}

/// Reads one reply to `message` and checks it is `{n}：ACK!`, n from 1 to 1000.
#[track_caller]
fn ack(stream: &mut TcpStream, message: &str) {
    let sent = python_literal(message.as_bytes());
    let mut buf = [0; 1024];
    let n = stream.read(&mut buf).or_fail(say!(
        "no reply to {sent} within {} s: each message gets one, after THINK",
        "{} 秒内 {sent} 没有得到回复：每条消息在 THINK 之后都有一条回复",
        WAIT.as_secs()
    ));
    let reply = &buf[..n];
    assert!(
        n > 0,
        "{}",
        say!("your server closed instead of answering {sent}", "你的服务器没有回复 {sent}，而是关闭了连接")
    );
    let number = std::str::from_utf8(reply)
        .ok()
        .and_then(|reply| reply.strip_suffix("：ACK!"))
        .and_then(|number| number.parse::<u32>().ok());
    assert!(
        matches!(number, Some(1..=1000)),
        "{}",
        say!(
            "the reply to {sent} must be `{{n}}：ACK!` in one write_all, n from 1 to 1000 and `：` the \
             full-width colon (3 bytes in UTF-8: b'\\xef\\xbc\\x9a')\n  expected: b'{{n}}\\xef\\xbc\\x9aACK!'\n  \
             arrived:  {}",
            "{sent} 的回复必须是一次 write_all 写出的 `{{n}}：ACK!`，n 在 1 到 1000 之间，`：` 是全角冒号\
             （UTF-8 里是 3 个字节：b'\\xef\\xbc\\x9a'）\n  期望的是：b'{{n}}\\xef\\xbc\\x9aACK!'\n  收到的是：{}",
            python_literal(reply)
        )
    );
}

/// Waits for your server to close the connection (a read of 0 bytes);
/// `why` says when it should have.
#[track_caller]
fn closed(stream: &mut TcpStream, why: &str) {
    let mut buf = [0; 256];
    match stream.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!(
            "{}",
            say!(
                "{why}; your server sent {} instead",
                "{why}；你的服务器却发来了 {}",
                python_literal(&buf[..n])
            )
        ),
        Err(err) => panic!(
            "{}",
            say!(
                "{why}; it did not close within {} s ({err})",
                "{why}；它在 {} 秒内没有关闭（{err}）",
                WAIT.as_secs()
            )
        ),
    }
}

#[test]
fn greets_then_thinks_and_answers_each_message_until_exit() {
    let server = your_server();
    let mut stream = greeted(&server, &greeting_why());
    for message in ["hi", "你好"] {
        let asked = Instant::now();
        send(&mut stream, message);
        ack(&mut stream, message);
        let took = asked.elapsed();
        assert!(
            took >= THINK.mul_f64(0.9),
            "{}",
            say!(
                "the reply came after {took:?}: think first, for THINK ({THINK:?}), without blocking the \
                 thread: tokio::time::sleep(THINK).await",
                "回复在 {took:?} 之后就到了：先想一想，等 THINK（{THINK:?}），而且不阻塞线程：\
                 tokio::time::sleep(THINK).await"
            )
        );
    }
    send(&mut stream, "exit");
    closed(
        &mut stream,
        &say!(
            "b'exit' gets no reply: your task returns Ok(()), and the drop closes the connection",
            "b'exit' 没有回复：你的任务返回 Ok(())，drop 关闭连接"
        ),
    );
}

#[test]
fn a_silent_client_does_not_hold_the_others() {
    let server = your_server();
    // The first client is greeted, then says nothing: its task waits in its read.
    let _silent = greeted(&server, &greeting_why());
    let mut talking = greeted(&server, &beside_a_waiting_one_why());
    send(&mut talking, "hi");
    ack(&mut talking, "hi");
}

#[test]
fn twenty_clients_thinking_at_once_are_answered_after_one_pause() {
    let server = your_server();
    // The first is greeted, then waits for its message while the others connect.
    let mut clients = vec![greeted(&server, &greeting_why())];
    clients.extend((1..20).map(|_| greeted(&server, &beside_a_waiting_one_why())));
    let asked = Instant::now();
    for stream in &mut clients {
        send(stream, "hi");
    }
    for stream in &mut clients {
        ack(stream, "hi");
    }
    let took = asked.elapsed();
    let most = Duration::from_secs(1);
    assert!(
        took < most,
        "{}",
        say!(
            "20 clients sent a message at once, and the last reply came after {took:?}. Tasks that think \
             side by side take about one THINK ({THINK:?}); twenty ({:?}) means each pause held the one \
             thread: std::thread::sleep blocks every task. Wait with tokio::time::sleep(THINK).await",
            "20 个客户端同时发来消息，最后一条回复在 {took:?} 之后才到。并排“想一想”的任务大约只要一个 \
             THINK（{THINK:?}）；二十个（{:?}）说明每次停顿都占住了那唯一的线程：std::thread::sleep \
             会阻塞所有任务。请用 tokio::time::sleep(THINK).await 来等",
            THINK * 20
        )
    );
}

#[test]
fn a_client_that_closes_without_exit_is_let_go() {
    let server = your_server();
    let mut stream = greeted(&server, &greeting_why());
    // Our FIN: your read returns 0 bytes, now and every time after.
    stream.shutdown(Shutdown::Write).unwrap();
    closed(
        &mut stream,
        &say!(
            "the client closed its side without `exit`: your read returns 0 bytes, which ends the \
             conversation (return Ok(())), with no reply",
            "客户端没有发 `exit` 就关闭了它那一边：你的 read 返回 0 字节，这就结束对话（返回 Ok(())），不回复"
        ),
    );
}
