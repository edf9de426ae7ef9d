"""The acceptance figures on the shared corpus of real extracted issues (if present)."""

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

# ../shared/corpus beside the project (or beside the folder of its worktrees)
CORPUS = next((p / "shared/corpus" for p in Path(__file__).parents[1:] if (p / "shared/corpus").is_dir()),
              Path(__file__).parents[2] / "shared" / "corpus")
SCRIPT = Path(__file__).parents[1] / "scripts" / "eval_import.py"


@pytest.mark.skipif(not (CORPUS / "truth.json").is_file(), reason="../shared/corpus not available")
def test_corpus_meets_acceptance_thresholds():
    spec = importlib.util.spec_from_file_location("eval_import", SCRIPT)
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    total = Counter()
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name in truth:
            r = ev.evaluate(path.read_text(encoding="utf-8"), truth[path.name]["articles"])
            total.update({k: v for k, v in r.items() if isinstance(v, int)})
    seg = ev.f1(total["match"] / total["pred"], total["match"] / total["truth"])
    names = ev.f1(total["name_tp"] / total["name_pred"], total["name_tp"] / total["name_truth"])
    assert seg >= 0.95
    assert names >= 0.95
    assert total["lost"] == 0
