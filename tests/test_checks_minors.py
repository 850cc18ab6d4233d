"""PL501-PL503: children and minors against the policy's children section."""

from __future__ import annotations

from checks_support import POLICY, ev, make_ctx, policy, run, sections

from policylint.checks import minors
from policylint.policy.model import Children, Section

CHILDREN_SECTION = "VII. Protection of Minors' Information"
NOT_FOR_MINORS = ev(68, "Our services are not intended for minors.", CHILDREN_SECTION)
NOT_UNDER_16 = ev(68, "Our services are not intended for children under 16.", CHILDREN_SECTION)


def children(stance="not_directed", age=None, evidence=(NOT_FOR_MINORS,)):
    declarations = policy(children=Children(stance=stance, age=age, evidence=list(evidence)))
    return declarations


def silent():
    declarations = policy()
    declarations.sections = sections() + [Section(POLICY, "VII. Kids", 67, 68, ("children",))]
    return declarations


ADULTS = """
version: 1
audience:
  minimum_age: 18
  age_gate: self_declared
data:
  - id: account-email
    category: user.contact.email
    subjects: [customer]
"""

CHILD_DATA = """
version: 1
audience:
  minimum_age: 13
  age_gate: self_declared
  directed_to_children: true
data:
  - id: family-members
    category: user.name
    subjects: [customer, child]
  - id: school-grade
    category: user.childrens
  - id: account-email
    category: user.contact.email
"""


# --- PL501 --------------------------------------------------------------------------------


def test_adult_product_is_silent(tmp_path):
    ctx = make_ctx(tmp_path, ADULTS, children())
    assert run(minors, ctx) == []


def test_each_child_signal_is_one_pl501(tmp_path):
    ctx = make_ctx(tmp_path, CHILD_DATA, children())
    found = run(minors, ctx, "PL501")
    assert [(f.location.line, f.location.pointer, f.key) for f in found] == [
        (9, "/data/0/subjects/1", "data:family-members"),
        (11, "/data/1/category", "data:school-grade"),
        (5, "/audience/directed_to_children", "audience:directed_to_children"),
        (3, "/audience/minimum_age", "audience:minimum_age"),
    ]
    assert found[0].message == (
        "data element `family-members` collects data from children (subject `child`); the policy says "
        "the service is not for minors (under 18, the configured minor age) (VII, line 68)"
    )
    assert found[1].message.startswith("data element `school-grade` collects data from children (category user.childrens);")
    assert found[3].message.startswith("the product accepts users from age 13 (`minimum_age: 13`);")
    assert all(f.evidence == (NOT_FOR_MINORS,) for f in found)
    assert all(f.severity == "error" for f in found)


def test_threshold_is_the_policys_age_else_the_configured_one(tmp_path):
    inventory = """
    version: 1
    audience:
      minimum_age: 16
      age_gate: self_declared
    """
    ctx = make_ctx(tmp_path, inventory, children(age=16, evidence=(NOT_UNDER_16,)))
    assert run(minors, ctx) == []
    ctx = make_ctx(tmp_path, inventory, children())
    [finding] = run(minors, ctx)
    assert finding.code == "PL501" and finding.location.line == 3
    ctx.minor_age = 16
    assert run(minors, ctx) == []
    ctx = make_ctx(tmp_path, inventory.replace("16", "13"), children(age=16, evidence=(NOT_UNDER_16,)))
    [finding] = run(minors, ctx)
    assert "the policy says the service is not for children under 16 (VII, line 68)" in finding.message


def test_a_child_subject_and_category_on_one_element_is_one_finding(tmp_path):
    inventory = """
    version: 1
    audience:
      age_gate: verified
    data:
      - id: kid-profile
        category: user.childrens
        subjects: [child]
    """
    ctx = make_ctx(tmp_path, inventory, children())
    [finding] = run(minors, ctx)
    assert finding.location.pointer == "/data/0/subjects/0"
    assert "(subject `child`, category user.childrens)" in finding.message


# --- PL502 --------------------------------------------------------------------------------


def test_age_gate_none_is_pl502(tmp_path):
    ctx = make_ctx(tmp_path, ADULTS.replace("self_declared", "none"), children())
    [finding] = run(minors, ctx)
    assert finding.code == "PL502" and finding.severity == "warning"
    assert finding.location.line == 4 and finding.location.pointer == "/audience/age_gate"
    assert finding.message == (
        "the product has no age gate (`age_gate: none`); the policy says the service is not for "
        "minors (under 18, the configured minor age) (VII, line 68)"
    )
    assert finding.key == "audience:age_gate"


def test_age_gate_not_stated_is_pl502_at_the_audience(tmp_path):
    ctx = make_ctx(tmp_path, ADULTS.replace("  age_gate: self_declared\n", ""), children())
    [finding] = run(minors, ctx)
    assert finding.code == "PL502" and finding.location.pointer == "/audience"
    assert finding.message.startswith("age gate not stated; ")


def test_no_audience_is_pl502_at_line_one_of_the_first_file(tmp_path):
    inventory = """
    version: 1
    data:
      - id: account-email
        category: user.contact.email
    """
    ctx = make_ctx(tmp_path, inventory, children())
    [finding] = run(minors, ctx)
    assert finding.code == "PL502"
    assert (finding.location.path, finding.location.line) == (ctx.inventory.files[0], 1)
    assert finding.message.startswith("the inventory has no `audience:` block, so no age gate is stated; ")
    assert finding.fingerprint == f"PL502:{ctx.inventory.files[0]}:audience:age_gate"


def test_directed_policy_needs_no_age_gate(tmp_path):
    ctx = make_ctx(tmp_path, CHILD_DATA.replace("self_declared", "none"), children(stance="directed"))
    assert run(minors, ctx) == []


# --- PL503 --------------------------------------------------------------------------------


def test_children_targeted_and_policy_silent_is_pl503(tmp_path):
    ctx = make_ctx(tmp_path, CHILD_DATA, silent())
    found = run(minors, ctx)
    assert [(f.code, f.location.line) for f in found] == [("PL503", 9), ("PL503", 11), ("PL503", 5)]
    assert found[2].message == (
        "the product is directed to children (`directed_to_children: true`); the policy says nothing about children"
    )
    # every section searched, the one about children first
    assert found[0].searched[0] == "VII. Kids"
    assert set(found[0].searched) == {s.title for s in sections()} | {"VII. Kids"}
    assert found[0].evidence == ()


def test_pl503_age_is_13_whatever_the_minor_age(tmp_path):
    inventory = """
    version: 1
    audience:
      minimum_age: 12
      age_gate: self_declared
    """
    ctx = make_ctx(tmp_path, inventory, silent())
    [finding] = run(minors, ctx)
    assert finding.code == "PL503" and finding.location.line == 3
    ctx = make_ctx(tmp_path, inventory.replace("12", "14"), silent())
    assert run(minors, ctx) == []


def test_fingerprints_survive_moved_lines(tmp_path):
    one = run(minors, make_ctx(tmp_path, CHILD_DATA, children()))
    two = run(minors, make_ctx(tmp_path, "# moved\n" + CHILD_DATA.lstrip("\n"), children()))
    assert [f.fingerprint for f in one] == [f.fingerprint for f in two]
    assert [f.location.line + 1 for f in one] == [f.location.line for f in two]
