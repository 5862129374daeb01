"""``python -m benchmarks questions|dev --planner llm`` measures whatever model is configured:
the option reaches ``ask``, every question goes to the model, and a missing model is a clear
error rather than a silent rules run."""

from __future__ import annotations


from fake_llm import FakeLLM, reply_json


def test_planner_option_parsing_and_missing_model(monkeypatch, capsys):
    from benchmarks.__main__ import _planner, main

    assert _planner(["--limit", "5", "--planner", "llm"]) == (["--limit", "5"], "llm")
    assert _planner(["--planner=auto"]) == ([], "auto")
    monkeypatch.delenv("NBDATACHAT_LLM_MODEL", raising=False)
    monkeypatch.setenv("NBDATACHAT_PLANNER", "rules")
    assert main(["questions", "--planner", "llm"]) == 2
    assert "NBDATACHAT_LLM_MODEL" in capsys.readouterr().err
    assert main(["questions", "--planner", "clever"]) == 2


def test_question_benchmark_asks_the_configured_model(monkeypatch, capsys):
    from benchmarks.__main__ import use_planner
    from benchmarks.questions.runner import all_questions, run

    refuse = reply_json({"status": "cannot_answer", "message": "not sure"})
    with FakeLLM("anthropic", default=refuse) as fake:
        monkeypatch.setenv("NBDATACHAT_PLANNER", "rules")  # restored after the test
        monkeypatch.setenv("NBDATACHAT_LLM_MODEL", "claude-test")
        monkeypatch.setenv("NBDATACHAT_LLM_BASE_URL", fake.url)
        monkeypatch.setenv("NBDATACHAT_LLM_PROVIDER", "anthropic")
        monkeypatch.setenv("NBDATACHAT_LLM_API_KEY", "k")
        assert use_planner("llm") is None
        assert "model claude-test via anthropic" in capsys.readouterr().out
        questions = all_questions()[:4]
        result = run(questions=questions)
        import json

        asked = {json.loads(r.body["messages"][0]["content"])["question"]
                 for r in fake.requests}
    # every turn of every question was put to the model (which declined: the rule reader
    # answered, and the benchmark still graded every question)
    assert asked == {turn for q in questions for turn in q.turns}
    assert len(result.outcomes) == len(questions)
