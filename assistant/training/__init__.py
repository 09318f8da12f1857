"""LoRA training: dataset build, staged adapter training, registry and evaluation."""
