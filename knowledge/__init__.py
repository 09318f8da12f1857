"""Knowledge: ingestion of glossary, firm documents and market data; index; retrieval."""

import assistant.offline  # noqa: F401  (keeps libraries off the network before they load)
