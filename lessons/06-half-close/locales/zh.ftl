# 第 6 课，半关闭（lessons/06-half-close/{server,client}/src/main.rs 和 story.rs，
# 以及 tcp_states.rs），中文。
# 就绪行里的 `listening on ADDR` 和回复 `received N bytes in K reads` 写在代码里，
# 各种语言都一样。

## 服务器。

l6-socket = TCP 套接字（SOCK_STREAM）
l6-reuse-address = SO_REUSEADDR：重启时不必等 TIME_WAIT 结束
l6-bind = 占用了 { $bound }；调用 listen 之前不接受连接
l6-backlog = （监听队列长度 { $backlog }）
l6-accept = 客户端 #{ $number } 从 { $peer } 连上了
l6-all-before-accept = 我们还没 accept，客户端就已经发完了全部数据和它的 FIN：内核替我们全都保存着
l6-close-clean = 我们的 FIN 发出去了：两个方向现在都关闭了
l6-close-after-reset = 客户端重置了连接（RST），所以 close 什么也不发送
l6-close-rst = 还有 { $bytes }没读就关闭，发出的是 RST，不是 FIN
l6-close-nothing-more = 关闭：我们的 FIN 早已发出，close 什么也不发送
l6-after-close-table = 在内核的表里，刚 close 之后
l6-stopping = 停止：{ $summary }
l6-reset = 失败：客户端重置了连接（RST，不是 FIN）
l6-client-fin = 0 字节：客户端的 FIN 到了
l6-read = 第 { $number } 次读取
l6-reply-after = 回复之前等待 { $seconds }（--reply-after）
l6-until-close = 一直保持，直到我们 close

## 客户端。

l6-try-each = 逐个尝试，直到有一个应答，和 Python 的 create_connection 一样
l6-client-socket = TCP 套接字（SOCK_STREAM），没有 bind：由 connect 选择我们的端口
l6-connected = 已从 { $local } 连接到 { $server }
l6-prompt-message = 消息（按 Ctrl-D 结束）：
l6-sent-all = 一共发送了 { $bytes }
l6-close-half = 关闭套接字：两个方向都结束了
l6-after-close = 在内核的表里，close 之后
l6-close-full = 同时关闭两个方向：FIN 已发出，不会再读取回复
l6-full-reply-rst = 服务器现在发来的回复会到达一个已经不存在的套接字：我们的内核用 RST 回应它
l6-linger = SO_LINGER 0：close 将发出 RST，而不是 FIN
l6-abort = 中止连接：发出的是 RST，不是 FIN
l6-abort-effect = 服务器的 recv 会失败，报“connection reset”；这条连接什么也没留下
l6-after-abort = 在内核的表里，刚中止之后
l6-shutdown = shutdown(Write)：FIN 已发出；发送完毕，仍在接收（半关闭）
l6-server-fin = 0 字节：服务器的 FIN 到了；回复完整了
l6-reply-part = 回复中的 { $bytes }
l6-reply-too-long = 回复超过了 { $max } 字节，服务器还没有关闭：停止读取
l6-reply-too-long-hint = 第 6 课的服务器只回复简短的一行；这个服务器却在不停地发送
l6-reply-too-slow = 我们 shutdown 之后 { $secs }内，完整的回复没有到齐（到目前为止 { $bytes }，服务器也没有关闭）
l6-reply-too-slow-hint = 第 6 课的服务器在我们的 FIN 之后（或者它的 --reply-after 之后）立刻回复一行短消息；这个服务器发得很慢，或者一直不关闭：想等它，就传一个更长的 --timeout
l6-whole-reply = 完整的回复：{ $reply }

## 两个程序都打印的 TCP 状态那一行（tcp_states.rs，两个 story.rs 都引入它），
## 以及每个状态的含义，显示在状态名之后。

tcp-state = TCP 状态：{ $name }{ $when }：{ $meaning }
tcp-state-unavailable = TCP 状态：这个系统上无法获取（课程在 Linux 上读取它）
tcp-state-none = TCP 状态：无{ $when }：内核已经不再保留这条连接的任何信息
when-paren = （{ $when }）
tcp-established = 连接在两个方向上都是通的
tcp-syn-sent = 我们的 SYN 已经发出；等待 SYN-ACK
tcp-syn-recv = 对端的 SYN 已经到达，我们也回应了；等待它的 ACK
tcp-fin-wait1 = 我们的 FIN 已经发出，还没有被确认
tcp-fin-wait2 = 我们的 FIN 已经被确认：我们不再发送，但仍然可以接收
tcp-time-wait = 我们先关闭：内核把这条连接保留大约 60 秒，让迟到的报文段自然消失
tcp-closed = 对这个套接字来说连接已经结束（它被重置了，或者内核把剩下的部分留在了自己的表里）
tcp-close-wait = 对端的 FIN 已经到达：它不再发送；我们仍然可以发送，并且必须关闭
tcp-last-ack = 我们在对端之后关闭：等待对方确认我们的 FIN（ACK）
tcp-listen = 等待连接
tcp-closing = 双方同时发出了 FIN

## 服务器的叙述（server/src/story.rs）。

fin-says = FIN 的意思是“我这边没有更多数据了”：客户端不再发送
fin-cannot-tell = 对方是还在读（半关闭），还是已经完全关闭，单凭 FIN 看不出来：我们的回复会揭晓
reply-met-reset = 回复遇到了重置（RST）：客户端已经完全关闭，所以它的内核
reply-met-reset-why = 用 RST 回应了我们的数据（套接字现在报告：{ $err }）：这不是半关闭
reply-no-reset = 到目前为止没有重置：客户端还在读（半关闭），或者它的 RST 还在路上
peer-aborted = 这是中止，不是关闭：没有 FIN，没有更多可读的数据，也无人可回复
peer-aborted-data = 重置之前收到了 { $bytes }的数据

## 客户端的叙述（client/src/story.rs）。

when-after-shutdown = shutdown 之后立刻
when-ms-after-shutdown = shutdown 之后 { $ms } 毫秒
when-socket-closed = 在内核的表里：套接字本身显示 CLOSED
