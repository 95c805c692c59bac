# The tour (lessons/tour/src/main.rs), in English.

# The lessons: each one's title, and what to watch for in one line.
tour-lesson1-title = UDP once
tour-lesson1-note = no listen, no accept: one datagram each way, and the reply goes to the sender's address
tour-lesson2-title = UDP in a loop
tour-lesson2-note = one socket serves two clients, #1 and #2: watch their two different ports in the server's 'from' lines
tour-lesson3-title = TCP once
tour-lesson3-note = listen, then accept returns a second socket for the client; the reply quotes the client's port
tour-lesson4-title = TCP in a loop
tour-lesson4-note = one client at a time: both connections connect at once, but the one accepted second is greeted only when the first has left (each side numbers its own connections: match them by port)
tour-lesson5-title = a thread per client
tour-lesson5-note = the same three conversations, all greeted at once: each client has a thread of its own
tour-lesson6-title = the half-close
tour-lesson6-note = shutdown(Write), then the reply still arrives; watch FIN_WAIT2, CLOSE_WAIT and TIME_WAIT
tour-lesson7-title = an event loop
tour-lesson7-note = three conversations again, now held by one thread on each side: poll says which sockets are ready, and recv or accept end with WouldBlock instead of waiting
tour-lesson8-title = async/await
tour-lesson8-note = three conversations once more, a task each on one thread per side: each .await that would block hands the thread to another task, and the runtime does lesson 7's polling

# A lesson's heading, its note, and the two columns' names.
tour-heading = === lesson { $number }: { $title } ===
tour-watch-for = watch for: { $note }
tour-column-server = server
tour-column-client = client

# --list: a lesson with its commands.
tour-list-lesson = lesson { $number }: { $title }
tour-list-watch-for = watch for: { $note }
tour-list-server = server:    { $command }
tour-list-client = client:    { $command }
tour-list-client-number = client #{ $number }: { $command }
tour-list-exercises = exercises: cargo run -p course (lesson { $number }: cargo test -p lesson{ $number }-exercises)
tour-list-alone = on its own in the tour: cargo run -p tour -- { $number }

# --step: what Enter does next.
tour-enter-server = [Enter] to start the server
tour-enter-client = [Enter] to start the client
tour-enter-step = [Enter] to show the next step

tour-building = building the lesson programs (the first time takes a minute)...
tour-stopped = tour stopped: every lesson program has been ended
tour-end-lesson = That was lesson { $number }. Its chapter is in docs/; the list: --list.
tour-end-course = That was the course. Each lesson's chapter is in docs/; start with docs/README.md.

# Errors.
tour-error = error: { $err }
tour-misbehaved = error: lesson { $number } ({ $title }) misbehaved: { $failure }
tour-misbehaved-hint = hint:  run it in two terminals to see more: cargo run -p { $program }
tour-never-ready = the server never said it was ready
tour-client-silent = client #{ $number } printed nothing
tour-still-running = still running after { $seconds }s
tour-cannot-wait = cannot wait for { $program }: { $err }
tour-exited-with = { $program } exited with { $status }
tour-cannot-start = cannot start { $program }: { $err }
tour-cannot-write = cannot write { $file }: { $err }
tour-wire-without = the tour runs without --wire anywhere: cargo run -p tour
