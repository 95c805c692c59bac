//! The TCP set-up steps, for the lessons that come after they were taught.
//!
//! Lesson 3 spells out every call (`socket`, `bind`, `listen`; `socket`,
//! `connect`) in its own code, one step at a time. Lessons 4 to 6 make the same
//! calls through here, print the same steps, and keep their own code for what
//! is new in them: the two loops, threads, and the half-close.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use socket2::{Domain, Socket, Type};

use crate::net::allow_quick_restart;
use crate::{Call, Narrator};

/// Steps 1 to 3 of a TCP server: `socket`, `bind`, `listen` with `backlog`.
/// Prints each step (the last one is the `listening on ADDR` ready line) and
/// returns the listening socket and its real address, or the exit code of an
/// explained failure.
pub fn listen(say: &Narrator, addr: SocketAddr, backlog: i32) -> Result<(TcpListener, SocketAddr), ExitCode> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)
        .map_err(|err| say.fail(Call::Socket, addr, &err))?;
    say.step("socket", "TCP socket (SOCK_STREAM)");
    allow_quick_restart(&socket).map_err(|err| say.fail(Call::SetOption, addr, &err))?;
    socket.bind(&addr.into()).map_err(|err| say.fail(Call::Bind, addr, &err))?;
    let bound = socket.local_addr().ok().and_then(|a| a.as_socket()).unwrap_or(addr);
    say.step("bind", format_args!("claimed {bound}; no connections until listen"));
    socket.listen(backlog).map_err(|err| say.fail(Call::Listen, addr, &err))?;
    say.step("listen", format_args!("listening on {bound} (backlog {backlog})"));
    say.warn_if_exposed(bound);
    Ok((TcpListener::from(socket), bound))
}

/// Steps 1 and 2 of a TCP client: `socket`, then `connect` (the handshake),
/// giving up after `timeout`; every later read gives up after `timeout` too.
/// Prints both steps and returns the connected socket, or the exit code of an
/// explained failure.
pub fn connect(say: &Narrator, server: SocketAddr, timeout: Duration) -> Result<TcpStream, ExitCode> {
    let socket = Socket::new(Domain::for_address(server), Type::STREAM, None)
        .map_err(|err| say.fail(Call::Socket, server, &err))?;
    say.step("socket", "TCP socket (SOCK_STREAM), not bound: connect picks our port");
    socket.connect_timeout(&server.into(), timeout).map_err(|err| say.fail(Call::Connect, server, &err))?;
    let connection = TcpStream::from(socket);
    connection.set_read_timeout(Some(timeout)).map_err(|err| say.fail(Call::SetOption, server, &err))?;
    match connection.local_addr() {
        Ok(local) => say.step("connect", format_args!("connected to {server} from {local}")),
        Err(_) => say.step("connect", format_args!("connected to {server}")),
    }
    Ok(connection)
}
