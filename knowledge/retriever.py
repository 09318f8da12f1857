"""LangChain's retriever interface over the knowledge base, so chains compose with it."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from knowledge.knowledge_base import KnowledgeBase


class KnowledgeRetriever(BaseRetriever):
    """Returns LangChain Documents whose metadata carries id, title, kind, source, as_of, score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    knowledge_base: Any  # KnowledgeBase; Any keeps pydantic from introspecting it
    k: int = 4

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        kb: KnowledgeBase = self.knowledge_base
        results = []
        for hit in kb.search(query, self.k):
            doc = hit.document
            results.append(
                Document(
                    page_content=doc.text,
                    metadata={"id": doc.id, "title": doc.title, "kind": doc.kind,
                              "source": doc.source, "as_of": doc.as_of,
                              "score": round(hit.score, 4)},
                )
            )
        return results
