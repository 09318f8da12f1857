import pytest
import torch

from assistant.device import plan_device


def test_auto_without_gpu_is_cpu_fp32_with_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    plan = plan_device("auto")
    assert plan.device == "cpu"
    assert plan.dtype is torch.float32
    assert plan.threads is not None and plan.threads >= 1


def test_explicit_threads_are_kept() -> None:
    assert plan_device("cpu", cpu_threads=3).threads == 3


def test_cuda_requested_without_gpu_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(RuntimeError, match="no CUDA GPU"):
        plan_device("cuda")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_auto_with_gpu_is_cuda_bf16() -> None:
    plan = plan_device("auto")
    assert plan.device == "cuda"
    assert plan.dtype in (torch.bfloat16, torch.float16)
