# 第 7 课，事件循环（lessons/07-event-loop/{server,client}/src/main.rs 和 story.rs），中文。
# 文章里的日志行（`[*] Listening on ...`、`[*] Accept connection from: ...`、
# `[*] Received from ...`）写在代码里，各种语言都一样。

## 服务器。

l7-socket = TCP 套接字（SOCK_STREAM）
l7-reuse-address = SO_REUSEADDR：重启时不必等 TIME_WAIT 结束
l7-bind = 占用了 { $bound }；调用 listen 之前不接受连接
l7-backlog = （监听队列长度 { $backlog }）
l7-nonblocking = 监听套接字是非阻塞的：accept 立刻返回，要么是一个连接，要么是 WouldBlock
l7-register-listener = 内核替我们看着监听套接字是否可读（有连接可以 accept）；只用一个线程，最多同时持有 { $clients }（--max-clients）
l7-readable = 可读
l7-writable = 可写
l7-closed = 对方已关闭
l7-ready-listener = 监听套接字（{ $what }）
l7-ready-client = #{ $number } { $what }
l7-ready-gone = 一个已经关闭的客户端（{ $what }）
l7-ready = { $sockets }就绪：{ $named }
l7-ready-more = { $sockets }就绪：{ $named }；还有 { $more } 个
l7-accept-would-block = WouldBlock：现在队列里没有连接。阻塞的 accept 会在这里等；这个立刻返回，循环回到 poll（只说这一次）
l7-recv-would-block = WouldBlock：这个客户端暂时没有再发数据。阻塞的 recv 会在这里等，其他客户端也跟着等；这个立刻返回，循环继续（只说这一次）
l7-fair-share = 一轮里读了 { $reads } 次，还没遇到 WouldBlock：这个客户端可能还有数据，但先轮到其他客户端；循环会回来接着读它，poll 时不再等待（只说这一次）
l7-turned-away = 拒绝了 { $peer }：已经持有 { $held } 个客户端（--max-clients）
l7-send-buffer = SO_SNDBUF：内核为这个客户端最多保存 { $bytes } 字节（--send-buffer）
l7-register-client = 内核替我们看着这个客户端是否可读（令牌 { $token }）；现在持有 { $clients }，全由这一个线程服务
l7-read = 读取（缓冲区 { $buffer } 字节）
l7-client-exit = exit：客户端要离开了
l7-partial-send = 部分发送：内核收下了 { $taken }，还有 { $left }留在这个客户端的缓冲区里
l7-partial-send-why = 内核给这个客户端的发送缓冲区满了：客户端没有读我们发的数据。阻塞的 send 会在这里等，所有客户端跟着等；非阻塞的 send 必须自己留着剩下的部分，等套接字再次可写时再发
l7-watch-writable-first = 有数据在等：改为看这个客户端是否可写，发完之前不再读它（这样一个从不读的客户端最多让我们多保存一条回复）
l7-watch-writable = 有数据在等：改为看是否可写，发完之前不再读
l7-watch-readable = 全部发出：重新看是否可读
l7-deregister = 内核不再看着这个客户端；现在持有 { $clients }
l7-close = 关闭这条连接（FIN）
l7-close-rst = 关闭这条连接，还有 { $bytes }没读：发出的是 RST，不是 FIN
l7-close-reset = 客户端重置了这条连接（RST）：close 什么也不发送
l7-close-nothing-more = 关闭这条连接：我们的 FIN 早已发出，close 什么也不发送
l7-stopping = 停止：{ $summary }
l7-threads = 这个进程的线程数：{ $threads }。只有一个线程，也就是这个循环，服务了所有客户端；{ $threads ->
        [1] 没有别的线程
       *[other] 其余的线程只等待 Ctrl-C
    }
l7-threads-unknown = 只有一个线程，也就是这个循环，服务了所有客户端（这个系统不告诉我们进程有几个线程）

## 客户端。

l7-opening = { $connections }，全在这一个线程里
l7-client-socket = TCP 套接字（SOCK_STREAM），没有绑定：connect 会替我们选端口
l7-client-nonblocking = 非阻塞：connect、recv 和 send 都立刻返回
l7-connecting = 和 { $server } 的握手已经开始（EINPROGRESS）：完成时 poll 会告诉我们
l7-client-register = 内核替我们看着这个连接是否可写（已连接）和可读（令牌 { $token }）
l7-client-ready = { $ready } 个就绪，还开着的共 { $open }
l7-connected = 握手完成：从 { $local } 连接到了 { $server }
l7-client-threads = 这个进程的线程数：{ $threads }：一个循环持有所有连接
l7-client-threads-unknown = 一个循环持有所有连接（这个系统不告诉我们进程有几个线程）
