"""The fast part of the robustness campaign (issue #20): hostile inputs drawn by hypothesis from the
generators of tools/campaign_inputs.py, every command run in its own process with a timeout and
classified by tools/campaign.py. Each run must end OK or with a clean Chinese error: no internal
error, traceback, hang, lost file or wrong output. The long campaign (thousands of inputs) is
`python tools/campaign.py`."""

from __future__ import annotations

import shutil
import sys

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import campaign  # noqa: E402
import campaign_inputs as inputs  # noqa: E402

TIMEOUT = 30.0
GOOD = ("OK", "CLEAN-ERROR")


def _run(kind: str, rnd, tmp_path_factory) -> None:
    case_dir = tmp_path_factory.mktemp("case")
    shutil.rmtree(case_dir)
    case_dir.mkdir()
    case = inputs.generate(kind, rnd, case_dir)
    reference = campaign.reference_state(case, case_dir, TIMEOUT) if case.fault else None
    records = campaign.run_case(case, case_dir, TIMEOUT, reference)
    bad = [r for r in records if r["class"] not in GOOD]
    assert not bad, "\n".join(f"[{r['class']}] {r['what']}: bulletin {r['argv']} {r['fault']} → {r['code']} "
                              f"{'；'.join(r['problems'])}\n{r['stderr'][-800:]}" for r in bad)


def _campaign(kinds: list[str], examples: int):
    @pytest.mark.slow
    # no shrinking: each example is a few processes; the failure message says what the input was
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(kind=st.sampled_from(kinds), rnd=st.randoms(use_true_random=False))
    def test(kind, rnd, tmp_path_factory):
        _run(kind, rnd, tmp_path_factory)
    return test


test_content_files_damaged_or_out_of_range = _campaign(
    ["issue.toml 值越界", "issue.toml 损坏", "文章损坏", "文章字段越界", "文章编号异常", "上一期损坏"], 14)
test_templates_damaged_or_out_of_range = _campaign(["模板值越界", "模板损坏"], 6)
test_imports_damaged = _campaign(["导入文本", "导入网页", "导入 DOCX", "导入 PDF"], 12)
test_huge_pastes = _campaign(["文章超大"], 3)

posix = pytest.mark.skipif(not inputs.POSIX, reason="FIFOs, links to /dev/zero and kill -9 are POSIX")
test_special_files = posix(_campaign(["特殊文件"], 10))
test_kill_and_full_disk = posix(_campaign(["kill -9", "磁盘已满"], 8))


def test_the_table_counts_every_class():
    records = [{"kind": "甲", "class": c} for c in campaign.CLASSES] + [{"kind": "乙", "class": "OK"}]
    text = campaign.table(records, 2)
    assert all(c in text for c in campaign.CLASSES)
    assert text.splitlines()[-2].split()[1:] == ["2", "1", "1", "1", "1", "1", "1", "1"]
    assert "2 个输入，9 次运行" in text


@pytest.mark.skipif(not campaign.CAN_FORK, reason="the runner forks on POSIX")
def test_a_hang_a_traceback_and_a_lost_file_are_caught(tmp_path, monkeypatch):
    """The classifier is not blind: a command that sleeps past the timeout is a HANG, one that raises
    through main a TRACEBACK, one that fails after changing an article DATA-LOSS."""
    import editor.cli as cli

    issue = inputs.make_base(tmp_path)
    case = inputs.Case("测试", "测试", [["info", "ISSUE"]])

    def hang(argv):
        import time
        time.sleep(60)
    monkeypatch.setattr(cli, "main", hang)
    assert campaign.run_case(case, tmp_path, 1.0)[0]["class"] == "HANG"

    def crash(argv):
        raise ZeroDivisionError
    monkeypatch.setattr(cli, "main", crash)
    assert campaign.run_case(case, tmp_path, TIMEOUT)[0]["class"] == "TRACEBACK"

    def lose(argv):
        (issue / "articles" / "a1.md").write_text("", encoding="utf-8")
        return 2
    monkeypatch.setattr(cli, "main", lose)
    assert campaign.run_case(case, tmp_path, TIMEOUT)[0]["class"] == "DATA-LOSS"
