# 每种失败的原因和提示 (shared/src/explain.rs)，中文。

# 程序等了多久：“在 3 秒内没有收到 ADDR 的回复”。
explain-within = 在 { $secs } 秒内
explain-in-time = 在限定时间内
# 点名失败调用的原因以什么开头（“accept（127.0.0.1:8888）失败：……”），报告时就不再重复调用名。
explain-call-on = { $call }
explain-resolve = 无法把 { $addr } 转换成地址：{ $err }
explain-resolve-hint = 请使用 IP 地址，例如 127.0.0.1 或 ::1，或者本机认识的名字，例如 localhost
explain-in-use = { $addr } 已经被占用
explain-in-use-hint =
    另一个程序占用了这个端口：可能是另一课的服务器，也可能是这个程序之前的一次运行。
    停掉它（在它的终端里按 Ctrl-C），或者换一个端口：--port { $suggest }（--port 0 让系统来选）。
    `ss -tuan | grep :{ $port }` 可以看到谁占用了它；没有设置 SO_REUSEADDR 的服务器（例如文章里的 Python 服务器）
    留下的 TIME_WAIT 状态的 TCP 连接，还会占用它大约一分钟
explain-low-port = 没有权限使用 { $addr }
explain-low-port-hint = 在大多数系统上，1024 以下的端口只留给管理员：请使用 1024 以上的端口
explain-broadcast = 系统拒绝向 { $addr } 发送
explain-broadcast-hint =
    广播地址（例如 255.255.255.255）需要 SO_BROADCAST 选项，而课程程序没有设置它：
    请改为发给一台机器，例如 127.0.0.1
explain-denied = 没有权限在 { $addr } 上执行 { $call }
explain-denied-hint = 系统或防火墙拒绝了对这个地址的这次调用：试试 127.0.0.1 和 1024 以上的端口
explain-not-ours = { $addr } 不是本机的地址
explain-not-ours-hint = 请 bind 本机拥有的地址：127.0.0.1（只有本机能连到）或 IPv6 的 ::1
explain-not-a-destination = { $addr } 不能作为目标地址
explain-not-a-destination-hint =
    对服务器来说，0.0.0.0 和 :: 表示“所有地址”，但客户端必须指明一台机器：
    服务器在本机时用 --host 127.0.0.1
explain-too-long = { $call } 发往 { $addr } 的数据太长，一个数据报装不下
explain-too-long-hint = 在 IPv4 上，一个 UDP 数据报最多携带 65,507 字节的数据：少发一些，或者改用 TCP（第 3 课）
explain-no-files = { $call }（{ $addr }）失败：没有剩余的文件描述符可以给新的套接字
explain-no-files-hint =
    对系统来说，每个套接字都是一个文件，而这个程序（或者整个系统）打开的文件已经达到上限：
    `ulimit -n` 显示这个上限；关闭其他程序的连接，或者调高上限
explain-interrupted = { $call }（{ $addr }）被信号打断了
explain-interrupted-hint = 一个信号（Ctrl-Z 再 fg、调整窗口大小、定时器）在调用完成之前打断了它：请重新运行程序
explain-port-unreachable = { $addr } 回答“端口不可达”（port unreachable）：那里没有绑定任何套接字
# 已连接的 UDP 套接字的 recv（或 send）以 ECONNREFUSED 失败：ICMP 送到了它这里。
explain-port-unreachable-connected-hint =
    那个地址上的系统用 ICMP“端口不可达”回应了我们的数据报（那个端口上没有绑定任何套接字），
    已连接的 UDP 套接字会在下一次调用时得知，报告为“连接被拒绝”；没有调用过 connect 的套接字永远不会得知。
    请先启动服务器：{ $server }（并检查 --host 和 --port 是否一致）
explain-refused = { $addr } 拒绝了连接：那里没有程序在监听
explain-start-server-hint = 请先启动服务器：{ $server }（并检查 --host 和 --port 是否一致）
explain-no-reply = { $wait }没有收到 { $addr } 的回复
explain-no-reply-hint =
    如果那个端口上没有绑定任何套接字，那里的系统通常会用一个 ICMP“端口不可达”（port unreachable）回应这个数据报
    （Linux 会这样做，大多数系统也会；防火墙可能把它丢掉），但没有调用过 connect 的 UDP 套接字永远不会得知：
    recvfrom 只是一直等。也可能是服务器收到了数据报却没有回复，或者某个数据报丢失了。
    请先启动服务器：{ $server }，或者用 --timeout 多等一会儿
# 同上，用于已连接的 UDP 套接字（第 2 课的 --connect）：它本来能收到那个 ICMP。
explain-no-reply-connected-hint =
    这个套接字已经连接，如果那个地址回了 ICMP“端口不可达”，recv 会以“连接被拒绝”结束：但什么也没有回来。
    可能那里绑定了套接字却不回复，可能防火墙丢掉了某个数据包，也可能某个数据报丢失了。
    请先启动服务器：{ $server }，或者用 --timeout 多等一会儿
explain-no-handshake = { $wait }没有收到 { $addr } 的应答：三次握手没有完成
explain-no-handshake-hint =
    监听队列已满的服务器，在 accept 之前不会回应新的握手
    （第 4 课用 listen(5)，一次只服务一个客户端）：用 --timeout 多等一会儿，或者稍后再试；
    丢弃 SYN 的机器根本不会应答：检查 --host
explain-not-reading = { $wait }，{ $addr } 没有收完我们发送的数据：它没有在读，或者读得太慢
explain-not-reading-hint =
    不读数据的对端会先填满它的接收缓冲区，再填满我们的发送缓冲区，然后 send 就只能等待；
    程序等到上限就放弃（客户端的 --timeout，服务器的 --write-timeout）
explain-no-data = { $wait }没有收到 { $addr } 的数据
explain-no-data-hint = 连接是通的，但对端什么也没发：它可能在等我们，也可能卡住了；用 --timeout 多等一会儿
explain-reset = 连接被 { $addr } 重置（RST）
explain-reset-hint = 对端中止了连接（它被杀掉、崩溃了，或者带着未读的数据关闭）：TCP 发出的是 RST，而不是 FIN
explain-aborted = 到 { $addr } 的连接被本机的网络协议栈中止了
explain-aborted-hint = 连接在使用之前就失败了；请再试一次
explain-broken-pipe = { $addr } 已经关闭了连接：没有人可以接收了
explain-broken-pipe-hint = 已经关闭套接字的对端无法接收；再次发送之前，先读它的回复（或者那次 0 字节的读取）
explain-failed = { $call }（{ $addr }）失败：{ $err }
explain-failed-udp-hint = 检查 --host 和 --port；UDP 会发往给它的任何地址
explain-failed-hint = 检查 --host 和 --port，以及另一个程序是否在运行
# 读超时到期时系统的话；后面接着 "; Python: TimeoutError"。
explain-timeout-ran-out = { $err }：读超时时间到了
