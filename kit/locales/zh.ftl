# 各课程序共用的、不属于打印的部分（kit/src），中文：选项错误、统计、accept 退避、输入的行、地址。

shared-stopped-by-signal = 被信号停止（Ctrl-C、SIGTERM 或 SIGHUP）：{ $summary }
shared-stopped-while = 被信号停止（Ctrl-C、SIGTERM 或 SIGHUP），当时{ $waiting }
shared-no-signal-handler = 警告：无法处理 Ctrl-C（{ $err }）；服务器停止时将不会打印汇总
shared-tally-separator = ，
shared-tally-clients = 客户端：{ $n }
shared-tally-datagrams = 数据报：{ $n }
shared-tally-idle-closed = 因空闲而关闭：{ $n }
shared-tally-messages-answered = 已回复的消息：{ $n }
shared-tally-no-thread = 无法启动线程：{ $n }
shared-tally-resets = 重置：{ $n }
shared-tally-past-cap = 超过 { $n }（只数到 { $n }）
shared-tally-senders = 发送方：{ $n }
shared-tally-turned-away = 因满员而拒绝：{ $n }
shared-accept-backoff = 每次重新 accept 之前先等待（从 10 毫秒开始，每次翻倍，最多 1 秒），直到它恢复正常
shared-accept-works-again = accept 恢复正常了，此前连续失败了 { $failures } 次
shared-line-too-long = 标准输入的一行超过了 { $max } 字节
shared-line-too-long-hint = 课程程序把一行作为一条消息发送：把它拆开，或者用 --message 发送
shared-stdin-unreadable = 无法读取标准输入：{ $err }
shared-stdin-unreadable-hint = 请用管道输入文本行，或者使用 --message
shared-name-has-no-address = 这个名字没有对应的地址
shared-bind-ipv4 = 绑定 { $addr }，和文章里的 AF_INET 套接字在 Python 里调用 bind 一样
shared-bind-ipv4-not-ipv6 = 绑定 IPv4 地址 { $addr }，和文章里的 AF_INET 套接字在 Python 里调用 bind 一样（socket.socket() 只查这个名字的 IPv4 地址）：默认的客户端和 Python 客户端都走 IPv4，都能到达它；{ $skipped } 不绑定
shared-bind-ipv6-only = 绑定 { $addr }：这个名字没有 IPv4 地址，所以只有走 IPv6 的客户端能到达它（Python 的 AF_INET 套接字根本无法绑定这个名字）
shared-udp-silent-next = 在 { $share }内没有收到 { $addr } 的回复（这是它分到的那份 --timeout）：改试下一个地址
shared-udp-failed-next = 改试下一个地址
shared-server-closed-saying = 服务器关闭了连接，它说：{ $said }
shared-server-closed-saying-hint =
    那个服务器限制了客户端可以沉默多久（--idle-timeout）或者交谈多久（--conversation-limit）：
    早点发送，或者启动它时不要带这些选项
shared-not-whole-bytes = '{ $text }' 不是字节数（需要一个整数）
shared-zero-buffer = 0 字节的缓冲区什么也装不下：recv 会立刻返回 0，看起来就像“对端已经关闭”
shared-buffer-too-big = 最多 { $max } 字节（最大的 UDP 数据报是 65507 字节）
shared-not-seconds = '{ $text }' 不是秒数
shared-timeout-zero = 必须大于 0：读超时不能是 0（std 拒绝它；对系统来说它表示永远等待）
shared-seconds-too-long = { $secs } 秒太长了
shared-seconds-round-to-zero = { $text } 秒舍入后是 0（最小的单位是纳秒），而超时不能是 0
shared-not-port = '{ $text }' 不是端口：端口是 0 到 65535 之间的整数（0 让系统挑一个空闲的端口）
shared-not-whole-clients = '{ $text }' 不是客户端个数（需要一个整数）
shared-clients-out-of-range = { $n } 不在 1..=10000 范围内
shared-clients-over-file-limit = 这个进程最多可以打开 { $limit } 个文件（ulimit -n），而每个客户端的套接字占一个：最多传 { $room }，或者先调高上限
shared-datagram-too-long = { $n } 字节放不进一个 UDP 数据报：在 IPv4 上，一个数据报最多携带 { $max } 字节的数据
shared-empty-message = 空消息不会往线路上放任何字节：服务器的 recv 会一直等待永远不会到来的字节
stray = 不是回复：这个数据报来自 { $from }，不是来自 { $server }；忽略
strays-more = 另外还有 { $more }来自 { $server } 以外的地址：已忽略，不再显示
stray-why = 任何程序都能往我们的端口发数据报：只有来自 { $server }（我们发往的地址）的数据报才是回复；继续等它
