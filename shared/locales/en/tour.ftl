# tour (en): filled as the programs are translated.
