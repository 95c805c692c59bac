# shared (zh): filled as the programs are translated.
