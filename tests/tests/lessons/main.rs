//! End-to-end tests: each lesson's real server and client, run as a learner runs
//! them (see the harness in `tests/src/lib.rs`). One test binary for all lessons,
//! so the lesson programs are built once per `cargo test`.

mod bare;
mod bench;
mod book;
mod course;
mod docs;
mod hostile;
mod lesson1;
mod lesson2;
mod lesson3;
mod lesson4;
mod lesson5;
mod lesson6;
mod lesson7;
mod lesson8;
mod localhost;
mod messages;
mod options;
mod oracle_tcp;
mod oracle_udp;
mod python;
mod robustness;
mod steps;
mod stopping;
mod tour;
mod truth;
mod wire;
mod workspace;
