"""Choose where the model runs, from configuration, with no code changes between machines."""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class DevicePlan:
    device: str
    dtype: torch.dtype
    threads: int | None

    def describe(self) -> str:
        threads = f", {self.threads} threads" if self.threads else ""
        return f"{self.device} {str(self.dtype).replace('torch.', '')}{threads}"


DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


def plan_device(device: str = "auto", dtype: str = "auto", cpu_threads: int = 0) -> DevicePlan:
    """auto: CUDA with bf16 when present, else CPU fp32 with an explicit thread count.

    On CPU, decoding with as many threads as cores collapses when another
    process competes (measured 18 -> 1-4 tokens/s); one core is left free.
    """
    if device == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("device 'cuda' is configured but no CUDA GPU is available")
    use_cuda = device == "cuda" or (device == "auto" and torch.cuda.is_available())
    if use_cuda:
        chosen = DTYPES.get(dtype, torch.bfloat16 if torch.cuda.is_bf16_supported()
                            else torch.float16)
        return DevicePlan("cuda", chosen, None)
    threads = cpu_threads or max(1, (os.cpu_count() or 2) - 1)
    chosen = DTYPES.get(dtype, torch.float32)
    return DevicePlan("cpu", chosen, threads)


def apply_threads(plan: DevicePlan) -> None:
    if plan.threads:
        torch.set_num_threads(plan.threads)
