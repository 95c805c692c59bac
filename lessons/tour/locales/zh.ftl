# 导览（lessons/tour/src/main.rs），中文。

# 各课：标题，以及一句话说明要注意看什么。
tour-lesson1-title = UDP 收发一次
tour-lesson1-note = 没有 listen，也没有 accept：一来一回各一个数据报，回复发往发送方的地址
tour-lesson2-title = UDP 循环收发
tour-lesson2-note = 一个套接字服务两个客户端（#1 和 #2）：服务器“来自”那几行里有它们两个不同的端口
tour-lesson3-title = TCP 收发一次
tour-lesson3-note = 先 listen，再由 accept 为客户端返回第二个套接字；回复里带着客户端的端口
tour-lesson4-title = TCP 循环服务
tour-lesson4-note = 一次只服务一个客户端：两个连接同时 connect 成功，但第二个被 accept 的连接要等第一个离开后才收到欢迎语（两端各自给自己的连接编号：请按端口号对应）
tour-lesson5-title = 每个客户端一个线程
tour-lesson5-note = 同样是三次对话，这次全都立刻收到欢迎语：每个客户端都有自己的线程
tour-lesson6-title = 半关闭
tour-lesson6-note = 先 shutdown(Write)，回复照样到达；留意 FIN_WAIT2、CLOSE_WAIT 和 TIME_WAIT 这几个状态
tour-lesson7-title = 事件循环
tour-lesson7-note = 还是三次对话，这次两边都只用一个线程：poll 告诉我们哪些套接字就绪，recv 和 accept 以 WouldBlock 结束，而不是等待
tour-lesson8-title = async/await
tour-lesson8-note = 又是三次对话，两边各用一个线程，每个连接一个任务：会阻塞的 .await 把线程让给别的任务，第 7 课的 poll 由运行时来做

# 每课的标题行、说明，以及两栏的名字。
tour-heading = === 第 { $number } 课：{ $title } ===
tour-watch-for = 注意看：{ $note }
tour-column-server = 服务器
tour-column-client = 客户端

# --list：每课和它的命令。
tour-list-lesson = 第 { $number } 课：{ $title }
tour-list-watch-for = 注意看：{ $note }
tour-list-server = 服务器：{ $command }
tour-list-client = 客户端：{ $command }
tour-list-client-number = 客户端 #{ $number }：{ $command }
tour-list-exercises = 练习：  cargo run -p course（第 { $number } 课：cargo test -p lesson{ $number }-exercises）
tour-list-alone = 在导览里单独看这一课：cargo run -p tour -- { $number }

# --step：按 Enter 之后做什么。
tour-enter-server = [Enter] 启动服务器
tour-enter-client = [Enter] 启动客户端
tour-enter-step = [Enter] 显示下一步

tour-building = 正在编译各课的程序（第一次要一分钟左右）……
tour-stopped = 导览已停止：各课的程序都已结束
tour-end-lesson = 第 { $number } 课到此结束。它的中文章节在 docs/zh/ 里；课程列表：--list。
tour-end-course = 整个课程到此结束。中文的各课章节在 docs/zh/ 里；从 docs/zh/README.md 开始。

# 错误。
tour-error = 错误：{ $err }
tour-misbehaved = 错误：第 { $number } 课（{ $title }）运行异常：{ $failure }
tour-misbehaved-hint = 提示：在两个终端里分别运行，能看到更多：cargo run -p { $program }
tour-never-ready = 服务器始终没有说它已就绪
tour-client-silent = 客户端 #{ $number } 什么也没有打印
tour-still-running = { $seconds } 秒后仍在运行
tour-cannot-wait = 无法等待 { $program } 结束：{ $err }
tour-exited-with = { $program } 退出，状态为 { $status }
tour-cannot-start = 无法启动 { $program }：{ $err }
tour-cannot-write = 无法写入 { $file }：{ $err }
tour-wire-without = 不带 --wire 的导览在哪里都能运行：cargo run -p tour
