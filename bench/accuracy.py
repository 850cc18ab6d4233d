"""Reader accuracy on the hand-labelled corpus (tests/corpus/NN-*.md + NN-*.gold.yaml).

For every policy in the corpus the reader's declarations are compared with the gold labels:

- precision and recall, micro-averaged over the corpus, on sets: data categories, purposes
  and recipient types as (key, stance) pairs; purposes also as (key, stance, condition);
  security promises, rights, cookie purposes and cookie technologies, vendor names and
  placeholders on their keys / texts;
- accuracy on single-valued readings: children (stance and age), sale, retention stance,
  international transfers, cookies mentioned, cookie user control.

Usage: python bench/accuracy.py [CORPUS_DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SET_KINDS = (
    "data_categories",
    "purposes",
    "purpose_conditions",
    "recipients",
    "vendors",
    "security",
    "rights",
    "cookie_purposes",
    "cookie_technologies",
    "placeholders",
)
STANCE_KINDS = (
    "children",
    "sale",
    "retention",
    "transfers",
    "cookies_mentioned",
    "cookies_user_control",
)


def _load_yaml(path: Path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def gold_sets(gold: dict) -> tuple[dict[str, set], dict[str, object]]:
    """The gold labels as comparable sets and single values."""
    sets: dict[str, set] = {}
    sets["data_categories"] = {(k, v) for k, v in (gold.get("data_categories") or {}).items()}
    purposes = gold.get("purposes") or {}
    sets["purposes"] = set()
    sets["purpose_conditions"] = set()
    for key, value in purposes.items():
        if isinstance(value, dict):
            stance, condition = value.get("stance"), value.get("condition")
        else:
            stance, condition = value, None
        sets["purposes"].add((key, stance))
        sets["purpose_conditions"].add((key, stance, condition))
    sets["recipients"] = {(k, v) for k, v in (gold.get("recipients") or {}).items()}
    sets["vendors"] = set(gold.get("vendors") or [])
    sets["security"] = set(gold.get("security") or [])
    sets["rights"] = set(gold.get("rights") or [])
    cookies = gold.get("cookies") or {}
    sets["cookie_purposes"] = set(cookies.get("purposes") or [])
    sets["cookie_technologies"] = set(cookies.get("technologies") or [])
    sets["placeholders"] = set(gold.get("placeholders") or [])
    children = gold.get("children") or {}
    retention = gold.get("retention") or {}
    single = {
        "children": (children.get("stance", "silent"), children.get("age")),
        "sale": gold.get("sale", "silent"),
        "retention": retention.get("stance", "silent") if isinstance(retention, dict) else retention,
        "transfers": gold.get("transfers", "silent"),
        "cookies_mentioned": bool(cookies.get("mentioned", False)),
        "cookies_user_control": bool(cookies.get("user_control", False)),
    }
    return sets, single


def read_sets(decl) -> tuple[dict[str, set], dict[str, object]]:
    """The reader's declarations in the same shape as :func:`gold_sets`."""
    sets: dict[str, set] = {}
    sets["data_categories"] = {(d.key, d.stance) for d in decl.data_categories}
    sets["purposes"] = {(d.key, d.stance) for d in decl.purposes}
    sets["purpose_conditions"] = {(d.key, d.stance, d.condition) for d in decl.purposes}
    sets["recipients"] = {(d.key, d.stance) for d in decl.recipients}
    sets["vendors"] = {name for d in decl.recipients for name in d.names}
    # The corpus labels the declarations contract's security keys; `confidentiality` is an
    # extension (the promise PL302 tests) that the gold files do not label.
    sets["security"] = {p.key for p in decl.security if p.key != "confidentiality"}
    sets["rights"] = {p.key for p in decl.rights}
    sets["cookie_purposes"] = set(decl.cookies.purposes)
    sets["cookie_technologies"] = set(decl.cookies.technologies)
    sets["placeholders"] = {p.text for p in decl.placeholders}
    single = {
        "children": (decl.children.stance, decl.children.age),
        "sale": decl.sale.stance,
        "retention": decl.retention.stance,
        "transfers": decl.international_transfers.stance,
        "cookies_mentioned": decl.cookies.mentioned,
        "cookies_user_control": decl.cookies.user_control,
    }
    return sets, single


def corpus_pairs(corpus_dir: Path) -> list[tuple[list[Path], Path]]:
    pairs = []
    for gold_path in sorted(corpus_dir.glob("*.gold.yaml")):
        gold = _load_yaml(gold_path)
        policy = gold.get("policy") or gold_path.name.replace(".gold.yaml", ".md")
        policies = policy if isinstance(policy, list) else [policy]
        pairs.append(([corpus_dir / p for p in policies], gold_path))
    return pairs


def measure(corpus_dir) -> dict:
    """Precision / recall per set kind and accuracy per single-valued kind, with details.

    Returns ``{"policies": n, "sets": {kind: {"tp", "fp", "fn", "precision", "recall"}},
    "stances": {kind: {"correct", "total", "accuracy"}}, "details": [...]}``.
    """
    from policylint.policy import read_policy

    corpus_dir = Path(corpus_dir)
    totals = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in SET_KINDS}
    stances = {kind: {"correct": 0, "total": 0} for kind in STANCE_KINDS}
    details = []
    pairs = corpus_pairs(corpus_dir)
    for policies, gold_path in pairs:
        gold = _load_yaml(gold_path)
        decl = read_policy([str(p) for p in policies])
        want_sets, want_single = gold_sets(gold)
        got_sets, got_single = read_sets(decl)
        detail = {"policy": gold_path.name.replace(".gold.yaml", ""), "missed": {}, "false": {}, "wrong": {}}
        for kind in SET_KINDS:
            want, got = want_sets[kind], got_sets[kind]
            totals[kind]["tp"] += len(want & got)
            totals[kind]["fp"] += len(got - want)
            totals[kind]["fn"] += len(want - got)
            if want - got:
                detail["missed"][kind] = sorted(want - got, key=str)
            if got - want:
                detail["false"][kind] = sorted(got - want, key=str)
        for kind in STANCE_KINDS:
            stances[kind]["total"] += 1
            if want_single[kind] == got_single[kind]:
                stances[kind]["correct"] += 1
            else:
                detail["wrong"][kind] = {"gold": want_single[kind], "read": got_single[kind]}
        details.append(detail)
    for values in totals.values():
        tp, fp, fn = values["tp"], values["fp"], values["fn"]
        values["precision"] = tp / (tp + fp) if tp + fp else 1.0
        values["recall"] = tp / (tp + fn) if tp + fn else 1.0
    for values in stances.values():
        values["accuracy"] = values["correct"] / values["total"] if values["total"] else 1.0
    return {"policies": len(pairs), "sets": totals, "stances": stances, "details": details}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "tests" / "corpus"))
    parser.add_argument("--verbose", "-v", action="store_true", help="per-policy misses and false positives")
    args = parser.parse_args(argv)
    result = measure(args.corpus)
    print(f"corpus: {args.corpus} ({result['policies']} policies)\n")
    print(f"{'kind':<22} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for kind, v in result["sets"].items():
        print(f"{kind:<22} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['tp']:>5} {v['fp']:>4} {v['fn']:>4}")
    print(f"\n{'stance':<22} {'accuracy':>9} {'correct':>8}")
    for kind, v in result["stances"].items():
        print(f"{kind:<22} {v['accuracy']:>9.3f} {v['correct']:>5}/{v['total']}")
    if args.verbose:
        for detail in result["details"]:
            if not (detail["missed"] or detail["false"] or detail["wrong"]):
                continue
            print(f"\n== {detail['policy']}")
            for kind, items in detail["missed"].items():
                print(f"  missed {kind}: {items}")
            for kind, items in detail["false"].items():
                print(f"  false  {kind}: {items}")
            for kind, values in detail["wrong"].items():
                print(f"  wrong  {kind}: gold {values['gold']!r}, read {values['read']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
