# 第 4 课，TCP 循环（lessons/04-tcp-loop/{server,client}/src/main.rs），中文。
# 就绪行里的 `listening on ADDR` 写在代码里，各种语言都一样：脚本、测试和 tour 都在等它。

## 服务器。

l4-socket = TCP 套接字（SOCK_STREAM）
l4-reuse-address = SO_REUSEADDR：重启时不必等 TIME_WAIT 结束
l4-bind = 占用了 { $bound }；调用 listen 之前不接受连接
l4-backlog = （监听队列长度 { $backlog }）
l4-prompt-reply = 回复（服务器）：
l4-chat = chat：每条回复都是在这里输入的一行（文章 003）
l4-accept = 客户端 #{ $number } 从 { $peer } 连上了（accept 为它返回了一个新的套接字）
l4-close-client = 关闭客户端 #{ $number } 的连接（FIN）
l4-close-client-rst = 关闭客户端 #{ $number } 的连接，还有 { $bytes }没读：发出的是 RST，不是 FIN
l4-close-client-reset = 客户端 #{ $number } 重置了连接（RST）：close 什么也不发送
l4-close-client-nothing-more = 关闭客户端 #{ $number } 的连接：我们的 FIN 早已发出，close 什么也不发送
l4-close-then = { $close }；{ $then }
l4-then-accept = 回到 accept
l4-then-stop = 这是最后一个客户端
l4-operator-left = 输入的回复结束了：没有人再来回答，服务器停止
l4-stopping = 停止：{ $summary }
l4-read = 第 { $number } 次读取（缓冲区 { $buffer } 字节）
l4-client-exit = exit：客户端要离开了（它不会再发送任何数据）

## 客户端。

l4-server-closed = 服务器关闭了连接
l4-server-closed-hint = 服务器结束了这次对话；请重新开始一次
l4-try-each = 逐个尝试，直到有一个应答，和 Python 的 create_connection 一样
l4-client-socket = TCP 套接字（SOCK_STREAM），没有 bind：由 connect 选择我们的端口
l4-connected = 已从 { $local } 连接到 { $server }
l4-prompt-message = 消息（输入 exit 离开）：
l4-greeting = 欢迎语
l4-closed-before-greeting = 服务器还没发欢迎语就关闭了连接
l4-closed-before-greeting-hint = 它是第 4 课的服务器吗？
l4-empty-message = 空消息没有发送：0 字节不会在线路上留下任何东西，服务器无从回答
l4-sent-exit = 已发送 exit：服务器会结束这次对话，所以不会有回复
l4-shutdown = 输入结束，没有发送 exit：发出我们的 FIN，服务器的 recv 会返回 0 字节；我们仍然可以读，所以还在路上的回复都会到达（第 6 课的半关闭，提前用上）
l4-read-left = 第 { $reads } 次读取：上次读取之后还在路上的数据
l4-read-end = 读到服务器关闭为止：读到 0 字节就是它的 FIN
l4-no-close = 我们发出最后一条消息之后，服务器在 { $secs }内没有关闭连接
l4-no-close-hint = 第 4 课的服务器在收到 exit 或我们的 FIN 之后会关闭连接；文章 000 的 server.py 不会：它把每次读到的 0 字节都当成一条消息，一遍又一遍地回复。要结束和它的对话，最后发送 exit
l4-close-fin = 关闭连接（FIN）：服务器先关闭了它那一端
l4-close-nothing-more = 关闭：双方的 FIN 都已发出（我们的在 shutdown 时，随后是服务器的），所以 close 什么也不发送，只是放开套接字
l4-close-after-reset = 服务器重置了连接（RST）：close 什么也不发送
l4-close-rst = 还有 { $bytes }没读就关闭，发出的是 RST，不是 FIN
l4-read-reply = 第 { $reads } 次读取，在第 { $sent } 条消息之后
l4-done = { $reads }，收到 { $replies }：完成

no-greeting-yet = 等了 { $waited }还没有欢迎语：连接已经建立，但服务器还没有 accept 我们
no-greeting-queue = 第 4 课的服务器一次只服务一个客户端：我们在它的监听队列里等待
no-greeting-wait = 直到前一个客户端离开；继续等待（按 Ctrl-C 放弃）
replies-none = 这次读取里没有新回复的开头：它是前一条回复的剩余部分（TCP 不保留边界）
replies-merged = 这次读取包含 { $n } 条回复：服务器的几次写入在字节流里连在了一起（粘包）

explain-no-data-lesson4-hint =
    第 4 课的服务器一次只服务一个客户端：第二个客户端已经连上（监听队列接纳了它），
    但在前一个客户端离开之前什么也收不到；用 --timeout 多等一会儿
