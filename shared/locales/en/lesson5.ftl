# lesson5 (en): filled as the programs are translated.
