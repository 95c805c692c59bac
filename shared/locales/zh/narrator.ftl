# 每个课程程序的说话方式 (shared/src/narrator.rs)，中文。

label-error = 错误：
label-hint = 提示：
label-system = 系统：
data-shown-part = （只显示了 { $total } 个字节中的前 { $shown } 个）
decoded-as = （按 { $encoding } 解码）
sent-to = { $bytes }发往 { $to }：{ $literal }
bytes-from = { $bytes }来自 { $from }
log-limit = （日志上限：这次对话已经写了 { $kib } KiB 日志；后面的行只计数，不显示）
log-held-back = （关于上一个客户端，有 { $lines }没有显示：日志上限）
log-held-back-here = （这次对话有 { $lines }没有显示在上面：日志上限）
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
noun-socket = { $n } 个套接字
seconds-shown = { $seconds } 秒
