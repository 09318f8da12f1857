"""Keep every library off the network.

Several dependencies phone home on import or first use (the Hugging Face hub,
Gradio analytics, tldextract inside Presidio). The machines this product runs
on reach no model hub, so a forgotten call stalls for over a minute before it
fails. Importing this module before any heavy library pins them all offline.
"""

import os

OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    "TOKENIZERS_PARALLELISM": "false",
    "DO_NOT_TRACK": "1",
}


def enforce_offline() -> None:
    """Set the offline variables unless the operator chose a value already."""
    for key, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(key, value)


enforce_offline()
