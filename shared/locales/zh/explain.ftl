# explain (zh): filled as the programs are translated.
