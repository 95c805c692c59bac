# 实验室（lab/src），中文。

lab-heading = === 第 { $number } 课，在实验室里：{ $network } ===
lab-with-loopback = 一台主机，它的回环接口
lab-with-loss = 随机丢失 { $percent }% 的数据包
lab-with-drop = 防火墙丢弃（drop）发往服务器端口的包
lab-with-reject = 防火墙拒绝（reject）发往服务器端口的包
lab-with-two-hosts = 两台主机，192.0.2.1（客户端）和 192.0.2.2（服务器）
lab-column-server = 服务器
lab-column-client = 客户端
lab-server-to-client = 服务器 → 客户端
lab-client-to-server = 客户端 → 服务器

# 数据包。
lab-bytes = { $count } 字节
lab-datagram = UDP { $count } 字节
lab-port-unreachable = ICMP 端口不可达
lab-ack-of-fin = ACK（确认 FIN）
lab-resent = { $what }（重传）
lab-lost = { $what } ✗ 丢失

# 一次运行的结尾。
lab-summary = 共抓到 { $packets } 个数据包。
lab-summary-lost = 共抓到 { $packets } 个数据包，其中 { $lost } 个丢失：实验室的规则在它们到达之前丢弃了它们，没有程序收到。
lab-server-ended = 服务器：{ $how }
lab-client-ended = 客户端：{ $how }
lab-exit-code = 退出码 { $code }
lab-ended-by-lab = 仍在运行，由实验室结束

# --list。
lab-scenario-udp = 每个方向一个数据报：没有握手，没有 FIN
lab-scenario-loss = 数据报在路上丢失；客户端只看到超时
lab-scenario-handshake = 三次握手、数据、FIN
lab-scenario-drop = 丢弃的防火墙：SYN 以越来越长的间隔重传，直到 connect 超时
lab-scenario-reject = 拒绝的防火墙：立刻收到 RST，连接被拒绝
lab-scenario-two-hosts = 绑定 127.0.0.1 的服务器，从另一台主机访问：被拒绝
lab-scenario-two-hosts-any = 绑定 0.0.0.0 的服务器，从另一台主机访问：正常服务
lab-scenario-two-hosts-loss = 两台主机之间的线路上丢包：数据报在线路上出现过，另一端却没有收到
lab-scenario-resent = 丢失的报文段由 TCP 重传，程序只觉得慢了一点
lab-scenario-close = 半关闭：FIN、回复、FIN，以及它们的 ACK
lab-scenario-abort = 中止：一个 RST 代替 FIN

# 实验室为什么不能在这里运行，以及该怎么做。
lab-cannot-run = 错误：实验室无法在这里建立它的私有网络：{ $why }
lab-not-linux = 它需要 Linux（网络命名空间和抓包）。请在两个终端里运行课程程序，或者运行导览：cargo run -p tour
lab-no-unshare = 无法运行 unshare（util-linux）（{ $err }）。请安装 util-linux，或者运行不带 --wire 的导览：cargo run -p tour
lab-no-namespace = 这个系统不允许普通用户创建自己的命名空间（{ $error }）。可以这样打开：{ $setting }；或者用 sudo 运行实验室；或者运行不带 --wire 的导览：cargo run -p tour
lab-no-ip = 缺少 ip 命令（iproute2）：sudo apt-get install iproute2
lab-no-nft = --loss 和 --firewall 需要 nft，它在 nftables 软件包里：sudo apt-get install nftables（或 dnf install nftables）；不带这两个选项实验室也能运行：cargo run -p lab -- LESSON
lab-error = 错误：{ $err }
lab-cannot-write = 错误：无法写入 { $file }：{ $err }
lab-in-connect = ……客户端还在 connect 里：到现在已发出 { $syns } 个 SYN（调用返回时它才会打印这一行）
lab-shown-again = （机器太忙，边运行边画时顺序出了错：下面按正确顺序再显示一遍）
lab-stopped = 实验室已停止：它的程序和私有网络都已不在
lab-hung = 错误：实验室在 { $seconds } 秒内没有结束，已被终止

# 运行之后的一句话，在网络起了作用的时候。
lab-note-loopback-only = 服务器绑定在 127.0.0.1，也就是它自己那台主机的回环接口上：另一台主机的 SYN 到达的是 192.0.2.2，那里没有程序在监听，于是那边的内核回了 RST。绑定到 0.0.0.0（--host 0.0.0.0）就能在每个地址上接受连接。
lab-note-any-address = 服务器绑定在 0.0.0.0：它在所在主机的每个地址上接受连接，所以另一台主机通过 192.0.2.2 就能连上它。
lab-note-dropped = 防火墙丢弃了每个 SYN，什么也没回：connect 以越来越长的间隔重传 SYN，直到客户端的 --timeout 用完。被丢弃的连接失败得慢。
lab-note-rejected = 防火墙用 RST 回应了 SYN：connect 立刻以“连接被拒绝”失败，就像那里没有程序在监听一样。被拒绝的连接失败得快。
