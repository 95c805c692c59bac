# lesson2 (en): filled as the programs are translated.
