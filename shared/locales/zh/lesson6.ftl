# lesson6 (zh): filled as the programs are translated.
