"""User interfaces: the Gradio customer chat."""
