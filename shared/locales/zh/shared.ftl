# 共享库的其他模块 (shared/src/*.rs，narrator.rs 和 explain.rs 除外)，中文。

# tcp_state.rs：每个 TCP 状态的含义，显示在状态名之后。
shared-tcp-established = 连接在两个方向上都是通的
shared-tcp-syn-sent = 我们的 SYN 已经发出；等待 SYN-ACK
shared-tcp-syn-recv = 对端的 SYN 已经到达，我们也回应了；等待它的 ACK
shared-tcp-fin-wait1 = 我们的 FIN 已经发出，还没有被确认
shared-tcp-fin-wait2 = 我们的 FIN 已经被确认：我们不再发送，但仍然可以接收
shared-tcp-time-wait = 我们先关闭：内核把这条连接保留大约 60 秒，让迟到的报文段自然消失
shared-tcp-closed = 对这个套接字来说连接已经结束（它被重置了，或者内核把剩下的部分留在了自己的表里）
shared-tcp-close-wait = 对端的 FIN 已经到达：它不再发送；我们仍然可以发送，并且必须关闭
shared-tcp-last-ack = 我们在对端之后关闭：等待对方确认我们的 FIN（ACK）
shared-tcp-listen = 等待连接
shared-tcp-closing = 双方同时发出了 FIN

# bytes.rs：无法解码的字节。
shared-not-utf8 = 从字节 { $at } 开始不是有效的 UTF-8（Python 的 decode() 会抛出 UnicodeDecodeError）
shared-utf8-cut = 在字节 { $at } 处结束于一个 UTF-8 字符的中间：这个字符的其余部分不在这些字节里
shared-not-gbk = 不是有效的 GBK：无法解码的字节显示为 �（Python 的 decode("gbk") 会抛出 UnicodeDecodeError）
shared-gbk-no-code = GBK 里没有“{ $char }”这个字符：请改用 utf-8 发送

# narrator.rs: a name and the addresses it stands for.
shared-name-stands-for = { $host } 代表 { $list }

