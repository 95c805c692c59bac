# lesson4 (zh): filled as the programs are translated.
