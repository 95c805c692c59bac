# lesson1 (en): filled as the programs are translated.
