# 第 3 课，TCP 一来一回 (lessons/03-tcp-once)，中文。
# 服务器的就绪行保留 “listening on 地址”：测试、导览（tour）和脚本靠它读出真实地址。

# 服务器。
l3-server-socket = TCP 套接字（SOCK_STREAM）
l3-server-setsockopt = SO_REUSEADDR：重启后不必等 TIME_WAIT 结束就能再次 bind
l3-server-bind = 占用了 { $addr }；在 listen 之前不接受连接
l3-server-listen = 开始监听（监听队列长度 { $backlog }）：listening on { $addr }
l3-server-accept = 来自 { $peer } 的连接：accept 返回了一个新的套接字，专门服务这个客户端
l3-server-accept-why = （监听套接字只负责接受连接；数据走新的那个套接字）
l3-server-recv = 只读一次（缓冲区 { $buffer } 字节）
l3-server-close = 关闭连接套接字和监听套接字：完成
l3-server-waiting-accept = 正在 accept 中等待客户端：还没有客户端连上来
l3-server-waiting-recv = 正在 recv 中等待 { $peer } 的消息：它已经连上，但还什么也没发
l3-server-close-idle = 关闭连接套接字和监听套接字：没有收到消息，也没有回复
l3-server-idle = { $peer } 连上了，但在 { $seconds }内什么也没发（--idle-timeout）
l3-server-idle-hint = 这个服务器只读一次，然后结束；不加 --idle-timeout 时，这一次读取会一直等下去，和文章里的服务器一样

# 客户端。
l3-client-name = 逐个尝试，直到有一个应答，和 Python 的 create_connection 一样
l3-client-encode-hint = 换一个 --encoding，或者换一条 --message
l3-client-socket = TCP 套接字（SOCK_STREAM），没有 bind：connect 会替我们选端口
l3-client-connect = 已连接到 { $server }，本端地址 { $local }（我们的端口，由系统选择）
l3-client-recv = 只读一次（缓冲区 { $buffer } 字节）
l3-client-close = 关闭连接（FIN）：完成
l3-client-close-reset = 服务器重置了连接（它的 RST 先到：它关闭时还有我们的字节没读），所以 close 什么也不发送：完成
l3-client-close-unread = 回复还有 { $bytes }没读就关闭，发出的是 RST，不是 FIN：完成
l3-client-close-or-nothing = 关闭：发出我们的 FIN，除非服务器的 RST 先到（它的回复只包含我们消息的一部分：它关闭时剩下的没读，发出的是 RST）；先到了，close 就什么也不发送：完成
l3-client-close-unread-or-nothing = 回复还有 { $bytes }没读就关闭，发出的是 RST，不是 FIN，除非服务器的 RST 先到（它的回复只包含我们消息的一部分）；先到了，close 就什么也不发送：完成
l3-server-reset = 客户端重置了连接（它的 RST 先到），所以我们的 close 什么也不发送

unread-none = 没有未读的数据：关闭时发出 FIN，礼貌地告别
unread-some = 还有 { $bytes }没有读：那一次 recv 只取了 --buffer 个字节
unread-some-more = 还有 { $bytes }或更多没有读：那一次 recv 只取了 --buffer 个字节
unread-rst = 带着未读数据关闭，发出的是 RST 而不是 FIN（如果客户端自己的 RST 先到了，就什么也不发）：
unread-rst-effect = 客户端的下一次 recv 可能失败，报“connection reset”（Python：ConnectionResetError），正在发往它的数据也会丢失
