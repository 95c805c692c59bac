# 第 8 课，async/await（lessons/08-async/{server,client}/src/main.rs 和 story.rs），中文。
# 文章里的日志行（`[*] Listening on ...`、`[*] Accept connection from: ...`、
# `[*] Received from ...`）写在代码里，各种语言都一样。

## 服务器。

l8-socket = TCP 套接字（SOCK_STREAM），非阻塞：tokio 把每个套接字都设成这样，好用它的 poll 看着
l8-reuse-address = SO_REUSEADDR：重启时不必等 TIME_WAIT 结束
l8-bind = 占用了 { $bound }；调用 listen 之前不接受连接
l8-backlog = （监听队列长度 { $backlog }；运行时的 poll 看着监听套接字）
l8-at-most = 最多同时服务 { $clients }（--max-clients），每个一个任务，全在这一个线程上
l8-accept-waited = 队列里没有连接：accept 的 WouldBlock 让这个任务挂起，运行时去 poll，等监听套接字可读时再把它唤醒（就是第 7 课的 poll，由运行时来做；只说这一次）
l8-turned-away = 拒绝了 { $peer }：已经在服务 { $busy } 个客户端（--max-clients）
l8-new-task = 客户端 #{ $number }：由一个新任务服务；现在在服务 { $clients }，全由这一个线程承担
l8-served-now = 现在在服务 { $clients }
l8-send-buffer = SO_SNDBUF：内核为这个客户端最多保存 { $bytes } 字节（--send-buffer）
l8-read = 读取（缓冲区 { $buffer } 字节）
l8-read-waited = 等待之后读取（缓冲区 { $buffer } 字节）
l8-read-waited-first = 等待之后读取（缓冲区 { $buffer } 字节）：数据还没到，任务就把线程还给了运行时，运行时去服务别的任务，直到这个套接字可读
l8-client-exit = exit：客户端要离开了
l8-send-waits = 这次发送要等：内核收下了放得下的部分，write_all 留着剩下的，任务等待可写；别的任务照常进行
l8-send-waits-why = 内核给这个客户端的发送缓冲区满了：客户端没有读。阻塞的 send 会占住线程，所有客户端跟着等；等待中的任务只占住它自己，最多等 --write-timeout
l8-close = 关闭这条连接（FIN）；这个任务结束
l8-close-rst = 关闭这条连接，还有 { $bytes }没读：发出的是 RST，不是 FIN；这个任务结束
l8-close-reset = 客户端重置了这条连接（RST）：close 什么也不发送；这个任务结束
l8-close-nothing-more = 关闭这条连接：我们的 FIN 早已发出，close 什么也不发送；这个任务结束
l8-stopping = 停止：{ $summary }
l8-threads = 这个进程的线程数：{ $threads }。只有一个线程，也就是运行时的线程，运行了所有任务；{ $threads ->
        [1] 没有别的线程
       *[other] 其余的线程只等待 Ctrl-C
    }
l8-threads-unknown = 只有一个线程，也就是运行时的线程，运行了所有任务（这个系统不告诉我们进程有几个线程）

## 客户端。

l8-opening = { $connections ->
        [1] 1 个连接，放在它自己的任务里，在这一个线程上
       *[other] { $connections } 个连接，每个一个任务，全在这一个线程上
    }
l8-client-socket = TCP 套接字（SOCK_STREAM），非阻塞，不绑定：connect 会替我们选端口
l8-connected = 从 { $local } 连接到了 { $server }（任务等待了握手）
l8-client-threads = 这个进程的线程数：{ $threads }：一个运行时线程运行了所有连接的任务
l8-client-threads-unknown = 一个运行时线程运行了所有连接的任务（这个系统不告诉我们进程有几个线程）
