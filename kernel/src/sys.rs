//! The one call this crate makes that no safe crate offers: `getsockopt` with
//! `TCP_INFO` (std, socket2, rustix and nix have no form of it). Every `unsafe`
//! block of the crate is in this module, each with the reason it is sound.

use std::net::TcpStream;

/// `tcpi_state` of `stream`, from `getsockopt(IPPROTO_TCP, TCP_INFO)`.
#[cfg(target_os = "linux")]
pub fn tcp_info_state(stream: &TcpStream) -> Option<u8> {
    use std::os::fd::AsRawFd;

    // struct tcp_info (linux/tcp.h), taken as the bytes it is: only one field
    // is read, so plain bytes spare us building the struct itself.
    let mut info = [0u8; std::mem::size_of::<libc::tcp_info>()];
    let mut len = info.len() as libc::socklen_t;
    // SAFETY: `info` is writable for `len` bytes, and the kernel writes at most
    // `len` bytes there (it sets `len` to how many it wrote); the descriptor is
    // `stream`'s, which is borrowed, so open, for the whole call.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            info.as_mut_ptr().cast(),
            &mut len,
        )
    };
    let at = std::mem::offset_of!(libc::tcp_info, tcpi_state);
    (rc == 0 && len as usize > at).then(|| info[at])
}

/// TCP_INFO is Linux's; elsewhere the state is not available.
#[cfg(not(target_os = "linux"))]
pub fn tcp_info_state(_stream: &TcpStream) -> Option<u8> {
    None
}
