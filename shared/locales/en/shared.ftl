# The shared crate's other modules (shared/src/*.rs but narrator.rs and explain.rs), in English.

# bytes.rs: bytes that do not decode.
shared-not-utf8 = not valid UTF-8 from byte { $at } on (Python's decode() would raise UnicodeDecodeError)
shared-utf8-cut = ends inside a UTF-8 character at byte { $at }: the rest of it was not in these bytes
shared-not-gbk = not valid GBK: bytes that did not decode are shown as � (Python's decode("gbk") would raise UnicodeDecodeError)

# narrator.rs: a name and the addresses it stands for.

