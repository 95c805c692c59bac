# 第 5 课，每个客户端一个线程（lessons/05-threaded-tcp/{server,client}/src/main.rs 和 story.rs），中文。
# 文章里的日志行（`[*] Listening on ...`、`[*] Accept connection from: ...`、
# `[*] Received from ...`）写在代码里，各种语言都一样。

## 服务器。

l5-socket = TCP 套接字（SOCK_STREAM）
l5-reuse-address = SO_REUSEADDR：重启时不必等 TIME_WAIT 结束
l5-bind = 占用了 { $bound }；调用 listen 之前不接受连接
l5-backlog = （监听队列长度 { $backlog }）
l5-at-most = 最多同时服务 { $clients }（--max-clients）
l5-turned-away = 拒绝了 { $peer }：已经在服务 { $busy } 个客户端（--max-clients）
l5-new-thread = 客户端 #{ $number }：由一个新线程为它服务；现在正在服务 { $clients }
l5-served-now = 现在正在服务 { $clients }
l5-no-thread = 无法为 { $peer } 启动线程：{ $err }；已经用一行 busy: 告诉了它，并关闭了连接
l5-stopping = 停止：{ $summary }
l5-read = 读取（缓冲区 { $buffer } 字节）
l5-client-exit = exit：客户端要离开了
l5-close = 关闭这条连接（FIN）；这个线程结束
l5-close-rst = 关闭这条连接，还有 { $bytes }没读：发出的是 RST，不是 FIN；这个线程结束
l5-close-reset = 客户端重置了这条连接（RST）：close 什么也不发送；这个线程结束
l5-close-nothing-more = 关闭这条连接：我们的 FIN 早已发出，close 什么也不发送；这个线程结束

## 客户端。

l5-try-each = 逐个尝试，直到有一个应答，和 Python 的 create_connection 一样
l5-prompt-message = 消息（输入 exit 离开）：
l5-done = 收到 { $replies }：完成
l5-opening = 同时打开 { $connections }，每个连接在自己的线程里
l5-failed = { $total } 个连接中有 { $failed } 个失败
l5-failed-hint = 请看上面每个连接各自的错误
l5-no-thread-here = 无法为这个连接启动线程：{ $err }；没有打开它
l5-unopened = { $total } 个连接中有 { $unopened } 个没能打开：系统不再为它们启动线程{ $failed ->
        [0] {""}
       *[other] ，另有 { $failed } 个失败
    }
l5-unopened-hint = 系统限制了一个进程的线程数（ulimit -u、cgroup 的 pids.max）和内存（ulimit -v）：请减少 --connections，或者放宽限制
l5-client-socket = TCP 套接字（SOCK_STREAM），没有 bind：由 connect 选择我们的端口
l5-connected = 已从 { $local } 连接到 { $server }
l5-greeting = 欢迎语，{ $ms } 毫秒后收到
l5-closed-before-greeting = 服务器还没发欢迎语就关闭了连接
l5-closed-before-greeting-hint = 它是第 4 课或第 5 课的服务器吗？
l5-busy = 服务器忙：它服务的客户端已经到了上限
l5-busy-hint = 稍后再试，或者用更大的 --max-clients 启动服务器
l5-server-no-thread = 服务器无法为这个连接启动线程，并关闭了它
l5-server-no-thread-hint = 服务器已经到了系统对线程或内存的限制：等它的一些客户端离开后再试
l5-empty-message = 空消息没有发送：0 字节不会在线路上留下任何东西，服务器无从回答
l5-sent-exit = 已发送 exit：服务器会结束这次对话，所以不会有回复
l5-reply = 第 { $number } 条回复
l5-server-closed = 服务器关闭了连接
l5-server-closed-hint = 服务器结束了这次对话
l5-client-close = 关闭连接（FIN）
l5-client-close-rst = 还有 { $bytes }没读就关闭，发出的是 RST，不是 FIN
l5-client-close-reset = 服务器重置了连接（RST）：close 什么也不发送
l5-client-close-nothing-more = 关闭：我们的 FIN 早已发出，close 什么也不发送

greeted-after = 连接 #{ $number }：{ $ms } 毫秒后收到欢迎语，{ $replies }
connection-failed = 连接 #{ $number }：失败（见上文）
connection-not-opened = 连接 #{ $number }：没有打开
conversations-took = { $conversations }，共用时 { $seconds } 秒（两端各自给看到的连接编号：请按端口号对应）
greeting-waited = 有的连接等了一会儿才收到欢迎语：这个服务器一次只服务一个客户端
greeting-waited-side-by-side = 有的连接最多等了 { $ms } 毫秒才收到欢迎语，但它们的对话彼此重叠：这个服务器同时服务多个客户端，只是一下子来了这么多连接，它要花一会儿才轮到每一个
greeted-at-once-all = 每个连接都立刻收到了欢迎语：这个服务器同时服务它们
greeted-at-once-some = { $total } 个连接中有 { $greeted } 个立刻收到了欢迎语：这个服务器同时服务它们
greeted-try-think = （对话很短时，一次只服务一个的服务器看起来也一样：试试 --think 0.5）
