# 共享库的其他模块 (shared/src/*.rs，narrator.rs 和 explain.rs 除外)，中文。

# bytes.rs：无法解码的字节。
shared-not-utf8 = 从字节 { $at } 开始不是有效的 UTF-8（Python 的 decode() 会抛出 UnicodeDecodeError）
shared-utf8-cut = 在字节 { $at } 处结束于一个 UTF-8 字符的中间：这个字符的其余部分不在这些字节里
shared-not-gbk = 不是有效的 GBK：无法解码的字节显示为 �（Python 的 decode("gbk") 会抛出 UnicodeDecodeError）

# narrator.rs: a name and the addresses it stands for.

