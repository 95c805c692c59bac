# lesson1 (zh): filled as the programs are translated.
