"""`python -m samplegen county|corpus ...`: see samplegen.generate."""

import sys

from samplegen.generate import main

sys.exit(main())
