# 第 4 课，TCP 循环（lessons/04-tcp-loop/{server,client}/src/main.rs），中文。
# 就绪行里的 `listening on ADDR` 写在代码里，各种语言都一样：脚本、测试和 tour 都在等它。

## 服务器。

l4-bind-first = 绑定第一个地址，和 Python 的 bind 一样
l4-socket = TCP 套接字（SOCK_STREAM）
l4-reuse-address = SO_REUSEADDR：重启时不必等 TIME_WAIT 结束
l4-bind = 占用了 { $bound }；调用 listen 之前不接受连接
l4-backlog = （监听队列长度 { $backlog }）
l4-prompt-reply = 回复（服务器）：
l4-chat = chat：每条回复都是在这里输入的一行（文章 003）
l4-accept = 客户端 #{ $number } 从 { $peer } 连上了（accept 为它返回了一个新的套接字）
l4-close-client = 关闭客户端 #{ $number } 的连接（FIN）；回到 accept
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
l4-read-reply = 第 { $reads } 次读取，在第 { $sent } 条消息之后
l4-read-left = 第 { $reads } 次读取：上次读取之后还在等着的数据
l4-close-after-exit = 发送 exit 之后，关闭连接（FIN）
l4-close-at-end = 输入结束，没有发送 exit 就关闭连接（FIN）：服务器的 recv 将返回 0 字节
l4-done = { $reads }，收到 { $replies }：完成
