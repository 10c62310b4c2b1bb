"""Write tests/golden/expected/ again from tests/golden/content/ (tests/test_golden.py compares them).

Run it after a change that is meant to alter the generated pages, then read `git diff tests/golden`
before committing: every line that changed is a change visitors will see.
"""

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from golden_output import EXPECTED, generate

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as work:
        golden = generate(Path(work))
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for path, data in golden.items():
        (EXPECTED / path).parent.mkdir(parents=True, exist_ok=True)
        (EXPECTED / path).write_bytes(data)
    print(f"wrote {len(golden)} files to {EXPECTED}")
