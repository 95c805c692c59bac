# lesson2 (zh): filled as the programs are translated.
