# 每个课程程序的说话方式 (shared/src/narrator.rs)，中文。

label-error = 错误：
label-hint = 提示：
label-system = 系统：
exposed-warning = 警告：{ $ip } 表示所有网卡：你所在网络中的其他机器都能连到这个服务器
exposed-fix = （加上 --host 127.0.0.1，就只在本机可达）
serving-n = 服务 { $what }后停止（--serve）
serving-forever = 一直服务，直到被停止（Ctrl-C）
told-client-closing = 已告诉客户端 { $notice }，正在关闭
data-shown-part = （只显示了 { $total } 个字节中的前 { $shown } 个）
decoded-as = （按 { $encoding } 解码）
sent-to = { $bytes }发往 { $to }：{ $literal }
bytes-from = { $bytes }来自 { $from }
end-of-typing = 输入结束（Ctrl-D）：没有更多消息了
log-limit = （日志上限：这次对话已经写了 { $kib } KiB 日志；后面的行只计数，不显示）
log-held-back = （关于上一个客户端，有 { $lines }没有显示：日志上限）
log-held-back-here = （这次对话有 { $lines }没有显示在上面：日志上限）
datagram-cut = 数据报比 { $buffer } 字节的缓冲区长：只有前 { $buffer } 个字节有效，其余的丢失了
datagram-cut-why = UDP 不会把剩下的部分留给下一次 recvfrom：用更大的 --buffer 才能看到全部
buffer-full = 这次读取填满了整个 { $buffer } 字节的缓冲区：消息可能在下一次读取中继续
buffer-full-why = TCP 是字节流，不保留消息边界（粘包）
peer-closed-server = 0 字节：服务器关闭了它那一端（它的 FIN 到了）
peer-closed-client = 0 字节：客户端关闭了它那一端（它的 FIN 到了）
peer-closed-every-recv = 从现在起每次 recv 都立刻返回 0：程序就是这样得知对方已经离开
stdout-lost = 无法写入标准输出：{ $err }
stdout-lost-hint = 这个程序打印的内容丢失了：是磁盘满了，还是读取输出的程序已经结束？
call-failed = { $call } 失败：{ $cause }
system-said = （系统：{ $system }）

# 带量词的名词：“1 条回复”、“3 条回复”。
noun-byte = { $n } 字节
noun-client = { $n } 个客户端
noun-connection = { $n } 个连接
noun-conversation = { $n } 次对话
noun-datagram = { $n } 个数据报
noun-line = { $n } 行
noun-message = { $n } 条消息
noun-read = { $n } 次读取
noun-reply = { $n } 条回复
noun-sender = { $n } 个发送方
seconds-shown = { $seconds } 秒
