# 第 1 课，UDP 一来一回 (lessons/01-udp-once)，中文。
# 服务器的就绪行保留 “bound to 地址”：测试、导览（tour）和脚本靠它读出真实地址。

# 服务器。
l1-server-bound = UDP 套接字已绑定（没有 listen，也没有 accept）：bound to { $addr }
l1-server-recvfrom = 一个数据报（缓冲区 { $buffer } 字节）
l1-server-waiting = 正在 recvfrom 中等待一个数据报：一个也没有来，也就没有回复
l1-server-close = 收一个数据报，回一个：完成

# 客户端。
l1-client-name = 逐个尝试，直到有一个应答，每个地址等它分到的那份 --timeout（{ $share }）；文章里的 AF_INET 套接字只会发往其中的 IPv4 地址
l1-client-socket = UDP 套接字，地址 { $addr }（端口由系统选择）
l1-client-recvfrom = { $ms } 毫秒后收到回复（缓冲区 { $buffer } 字节）
l1-client-close = 发一个数据报，收一个：完成
