# lesson5 (zh): filled as the programs are translated.
