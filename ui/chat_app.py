"""The customer chat widget.

Text is shown only after the reply rails have passed it (the pipeline holds
back each sentence until it is checked), every reply carries its sources with
their as-of times, and the configured disclosure (FIN-11) is always visible.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Iterator
from typing import Any

import gradio as gr

import assistant.offline  # noqa: F401  (before gradio import)
from assistant.config import Settings
from assistant.pipeline import Pipeline, Source, TurnResult

ChatHistory = list[dict[str, Any]]


def format_sources(sources: list[Source]) -> str:
    if not sources:
        return ""
    lines = []
    for number, source in enumerate(sources, start=1):
        as_of = f", as of {source.as_of}" if source.as_of else ""
        title, origin = html.escape(source.title), html.escape(source.source)
        lines.append(f"[{number}] {title} ({origin}{as_of})")
    return "**Sources:**  \n" + "  \n".join(lines)


def render_result(result: TurnResult) -> str:
    parts = [result.reply]
    sources = format_sources(result.sources) if result.action in ("allow", "rewrite") else ""
    if sources:
        parts.append(sources)
    parts.append(f"_{result.disclosure}_")
    return "\n\n".join(parts)


def build_app(pipeline: Pipeline) -> gr.Blocks:
    settings = pipeline.settings

    def respond(message: str, history: ChatHistory | None, conversation_id: str | None
                ) -> Iterator[tuple[ChatHistory, str, str, str]]:
        history = list(history or [])
        conversation_id = conversation_id or uuid.uuid4().hex
        history.append({"role": "user", "content": message or ""})
        history.append({"role": "assistant", "content": "…"})
        yield history, "", "", conversation_id
        for event in pipeline.stream_turn(message, conversation_id):
            if event.result is None:
                history[-1] = {"role": "assistant", "content": event.text + " …"}
                yield history, "", "", conversation_id
            else:
                history[-1] = {"role": "assistant", "content": render_result(event.result)}
                yield history, "", format_sources(event.result.sources), conversation_id

    with gr.Blocks(title=settings.server.title, analytics_enabled=False) as app:
        gr.Markdown(f"## {html.escape(settings.server.title)}\n"
                    "Ask about accounts, products, markets or financial terms.")
        conversation = gr.State(None)
        chatbot = gr.Chatbot(label="Conversation", elem_id="chat", height=460,
                             buttons=["copy"], feedback_options=None)
        with gr.Row():
            question = gr.Textbox(label="Your question", elem_id="question", scale=5,
                                  max_lines=6, placeholder="e.g. What is an APY?",
                                  max_length=settings.server.max_input_chars * 2)
            send = gr.Button("Send", elem_id="send", variant="primary", scale=1)
        sources = gr.Markdown(elem_id="sources")
        gr.Markdown(f"<small>{html.escape(settings.guardrails.disclosure)}</small>",
                    elem_id="disclosure")
        outputs = [chatbot, question, sources, conversation]
        send.click(respond, [question, chatbot, conversation], outputs)
        question.submit(respond, [question, chatbot, conversation], outputs)
    return app


def launch(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    pipeline = Pipeline(settings)
    pipeline.warm_up()
    app = build_app(pipeline)
    app.queue(default_concurrency_limit=4)
    app.launch(server_name=host or settings.server.host, server_port=port or settings.server.port,
               share=False, show_error=False, inbrowser=False)
