# lesson4 (en): filled as the programs are translated.
