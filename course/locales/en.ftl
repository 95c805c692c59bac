# The exercise companion (course/src/main.rs), in English.

course-error = error:

# Finding the exercises.
course-no-exercises = cannot read the list of exercises, { $file }: { $err }
course-bad-exercises = { $file } is not a list of exercises: { $err }
course-no-such-exercise = there is no exercise { $number }; the exercises are { $known }

# Checking one.
course-cannot-run-cargo = cannot run cargo: { $err }
course-check-hung = the check did not finish within { $seconds } s, and was stopped: does your code wait for something that never comes (a read with no deadline, a join on a thread that loops)?
course-does-not-compile = it does not compile:

# The progress view.
course-checking = checking
course-lesson = lesson { $number }
course-status-done = done
course-status-failing = failing
course-status-not-started = not started
course-done-of = { $done } of { $total } done
course-next = next: { $number } { $title }
course-next-edit = edit:   { $file }
course-next-check = check:  { $command }
course-next-stuck = stuck?  cargo run -p course -- hint { $number }
course-next-watch = watch:  cargo run -p course -- watch (checks it again on every save)
course-first-failure = its first failure:
course-all-done = every exercise is done: well done.

# Hints.
course-no-hints = exercise { $number } has no hints yet (add an [[exercise.hint]] under its `id = "{ $number }"` in lessons/exercises.toml)
course-no-more-hints = no more hints for { $number }: all { $total } have been shown.
course-last-again = the last one again:  cargo run -p course -- hint { $number } --again
course-solution = the reference solution (after you have tried): { $file }
course-hint-heading = hint { $which } of { $total } for { $number } ({ $title }):
course-next-hint = the next one: cargo run -p course -- hint { $number }
course-cannot-remember = cannot remember the hint in { $file }: { $err }

# One check's result.
course-check-done = done:
course-check-passes = { $number } { $title }: its check passes
course-check-failing = failing:
course-check-not-started = not started:

# Watching.
course-cannot-watch-files = cannot watch files: { $err }
course-cannot-watch-lessons = cannot watch lessons/: { $err }
course-watching = watching lessons/*/exercises: save a file to check again; Ctrl-C to stop
course-rest-done = every exercise from there on is done: well done.
course-watch-stuck = (stuck? cargo run -p course -- hint { $number })
course-watcher-stopped = the file watcher stopped
