# 第 2 课，UDP 循环 (lessons/02-udp-loop)，中文。
# 服务器的就绪行保留 “bound to 地址”：测试、导览（tour）和脚本靠它读出真实地址。

# 服务器。
l2-server-bound = UDP 套接字已绑定（没有 listen，也没有 accept）：bound to { $addr }
l2-server-recvfrom = 数据报 #{ $number }（缓冲区 { $buffer } 字节）
l2-server-senders-capped = { $peer } 是超出计数上限 { $max } 的新发送方（记下每个发送方地址的集合会无限增大）：从这里开始，计数是“超过 { $max }”
l2-server-close = 停止：{ $summary }

# 客户端。
l2-client-name = 第一条消息逐个尝试，直到有一个应答，每个地址等它分到的那份 --timeout（{ $share }），之后的消息都发往应答的那个地址；文章里的 AF_INET 套接字只会发往其中的 IPv4 地址
l2-client-socket = UDP 套接字，地址 { $addr }（端口由系统选择）
l2-client-prompt = 消息（输入 exit 结束）：
l2-client-exit = exit：不发送；UDP 没有连接需要结束，客户端直接停止
l2-client-connect = 已连接到 { $addr }：没有发出任何数据包（UDP 没有握手）；现在只有它的数据报能到达我们，还有关于我们数据报的 ICMP 错误
l2-client-recvfrom = 回复 #{ $number }，{ $ms } 毫秒后收到
l2-client-close = 发出 { $sent }，收到 { $received }：完成
