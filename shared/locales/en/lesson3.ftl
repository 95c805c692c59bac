# lesson3 (en): filled as the programs are translated.
