-- Names and units of indicator codes a catalog given at comparison time may lack.
SELECT code, name, unit FROM indicators
