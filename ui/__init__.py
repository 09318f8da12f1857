"""User interfaces: the Gradio customer chat."""

import assistant.offline  # noqa: F401  (keeps libraries off the network before they load)
