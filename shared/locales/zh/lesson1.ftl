# 第 1 课，UDP 一来一回 (lessons/01-udp-once)，中文。
# 服务器的就绪行保留 “bound to 地址”：测试、导览（tour）和脚本靠它读出真实地址。

# 服务器。
l1-server-bound = UDP 套接字已绑定（没有 listen，也没有 accept）：bound to { $addr }
l1-server-recvfrom = 一个数据报（缓冲区 { $buffer } 字节）
l1-server-close = 收一个数据报，回一个：完成

# 客户端。
l1-client-name = 发往第一个，和 Python 的 sendto 一样
l1-client-socket = UDP 套接字，地址 { $addr }（端口由系统选择）
l1-client-recvfrom = { $ms } 毫秒后收到回复（缓冲区 { $buffer } 字节）
l1-client-close = 发一个数据报，收一个：完成
