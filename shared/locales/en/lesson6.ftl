# lesson6 (en): filled as the programs are translated.
