# lesson3 (zh): filled as the programs are translated.
