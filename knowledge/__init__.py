"""Knowledge: ingestion of glossary, firm documents and market data; index; retrieval."""
