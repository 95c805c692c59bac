# The lab (lab/src), in English.

lab-heading = === lesson { $number } in the lab: { $network } ===
lab-with-loopback = one host, its loopback
lab-with-loss = { $percent }% of packets lost at random
lab-with-drop = a firewall dropping the server's port
lab-with-reject = a firewall rejecting the server's port
lab-with-two-hosts = two hosts, 192.0.2.1 (client) and 192.0.2.2 (server)
lab-column-server = server
lab-column-client = client
lab-server-to-client = server → client
lab-client-to-server = client → server

# The packets.
lab-bytes = { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}
lab-datagram = UDP { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}
lab-port-unreachable = ICMP port unreachable
lab-ack-of-fin = ACK (of the FIN)
lab-resent = { $what } (resent)
lab-lost = { $what } ✗ lost

# The end of a run.
lab-summary = { $packets ->
    [one] 1 packet captured.
   *[other] { $packets } packets captured.
}
lab-summary-lost = { $packets ->
    [one] 1 packet captured
   *[other] { $packets } packets captured
}, { $lost } of them lost: dropped by the lab's rule before they arrived, so no program received them.
lab-server-ended = server: { $how }
lab-client-ended = client: { $how }
lab-exit-code = exited with code { $code }
lab-ended-by-lab = still running, ended by the lab

# --list.
lab-scenario-udp = one datagram each way: no handshake, no FIN
lab-scenario-loss = datagrams lost on the way; the client's timeout is all it sees
lab-scenario-handshake = the three-way handshake, the data, the FINs
lab-scenario-drop = a firewall that drops: the SYN resent at growing intervals, until connect times out
lab-scenario-reject = a firewall that rejects: an RST at once, connection refused
lab-scenario-two-hosts = a server bound to 127.0.0.1, from another host: refused
lab-scenario-two-hosts-any = a server bound to 0.0.0.0, from another host: served
lab-scenario-two-hosts-loss = loss on the cable between two hosts: a datagram seen on the cable, never received on the other side
lab-scenario-resent = a lost segment sent again by TCP, while the programs notice only time
lab-scenario-close = the half-close: FIN, the reply, FIN, and their ACKs
lab-scenario-abort = the abort: one RST instead of the FINs

# Why the lab cannot run here, and what to do.
lab-cannot-run = error: the lab cannot make its private network here: { $why }
lab-not-linux = it needs Linux (network namespaces and packet capture). Run the lessons in two terminals, or the tour: cargo run -p tour
lab-no-unshare = unshare (util-linux) cannot run ({ $err }). Install util-linux, or run the tour without --wire: cargo run -p tour
lab-no-namespace = this system does not let users make their own namespaces ({ $error }). Allow it with: { $setting }; or run the lab with sudo; or run the tour without --wire: cargo run -p tour
lab-no-ip = the ip command (iproute2) is missing: sudo apt-get install iproute2
lab-no-nft = --loss and --firewall need nft, from the package nftables: sudo apt-get install nftables (or dnf install nftables); without them the lab runs: cargo run -p lab -- LESSON
lab-error = error: { $err }
lab-cannot-write = error: cannot write { $file }: { $err }
lab-in-connect = … the client is inside connect: { $syns ->
    [one] 1 SYN sent
   *[other] { $syns } SYNs sent
} so far (its line comes when the call returns)
lab-shown-again = (the machine was too busy to draw this run as it happened without a mistake in the order: here it is again, in order)
lab-stopped = lab stopped: its programs and its private network are gone
lab-hung = error: the lab did not end within { $seconds }s and was ended

# A sentence after a run, where the network made the difference.
lab-note-loopback-only = The server is bound to 127.0.0.1, the loopback of its own host: the other host's SYN reaches 192.0.2.2, where nothing listens, and that kernel answers RST. Bind to 0.0.0.0 (--host 0.0.0.0) to take connections on every address.
lab-note-any-address = The server is bound to 0.0.0.0: it takes connections on every address of its host, so the other host reaches it at 192.0.2.2.
lab-note-dropped = The firewall dropped every SYN and said nothing: connect resent the SYN at growing intervals until the client's --timeout ran out. A dropped connection fails slowly.
lab-note-rejected = The firewall answered the SYN with an RST: connect failed at once with "connection refused", as if nothing listened there. A rejected connection fails quickly.
