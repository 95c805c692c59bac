# 练习助手（course/src/main.rs），中文。

course-error = 错误：

# 找出所有练习。
course-no-exercises = 读不了练习清单 { $file }：{ $err }
course-bad-exercises = { $file } 不是一份练习清单：{ $err }
course-no-such-exercise = 没有练习 { $number }；现有的练习是 { $known }

# 检查一道练习。
course-cannot-run-cargo = 无法运行 cargo：{ $err }
course-check-hung = 检查在 { $seconds } 秒内没有结束，已被停止：你的代码是不是在等一个永远不会来的东西（没有超时的读取，或者 join 一个一直循环的线程）？
course-does-not-compile = 编译不通过：

# 进度一览。
course-checking = 正在检查
course-lesson = 第 { $number } 课
course-status-done = 完成
course-status-failing = 未通过
course-status-not-started = 未开始
course-done-of = 完成 { $done } / { $total }
course-next = 下一道：{ $number } { $title }
course-next-edit = 编辑：  { $file }
course-next-check = 检查：  { $command }
course-next-stuck = 求助：  cargo run -p course -- hint { $number }
course-next-watch = 监视：  cargo run -p course -- watch（每次保存都重新检查）
course-first-failure = 它的第一个失败：
course-all-done = 所有练习都完成了：干得好。

# 提示。
course-no-hints = 练习 { $number } 还没有提示（在 lessons/exercises.toml 里 `id = "{ $number }"` 的那一节下面加 [[exercise.hint]]，英文写在 en，中文写在 zh）
course-no-more-hints = { $number } 没有更多提示了：全部 { $total } 条都已显示。
course-last-again = 再看一遍最后一条：cargo run -p course -- hint { $number } --again
course-solution = 参考答案（自己试过之后再看）：{ $file }
course-hint-heading = { $number }（{ $title }）的提示，第 { $which } 条，共 { $total } 条：
course-next-hint = 下一条：cargo run -p course -- hint { $number }
course-cannot-remember = 无法把已看过的提示记在 { $file } 里：{ $err }

# 一次检查的结果。
course-check-done = 完成：
course-check-passes = { $number } { $title }：检查通过
course-check-failing = 未通过：
course-check-not-started = 未开始：

# 监视。
course-cannot-watch-files = 无法监视文件：{ $err }
course-cannot-watch-lessons = 无法监视 lessons/：{ $err }
course-watching = 正在监视 lessons/*/exercises：保存文件就会重新检查；按 Ctrl-C 停止
course-rest-done = 从这里往后的练习都完成了：干得好。
course-watch-stuck = （卡住了？cargo run -p course -- hint { $number }）
course-watcher-stopped = 文件监视停止了
