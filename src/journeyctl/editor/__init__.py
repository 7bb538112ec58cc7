"""In the editor: the language server (``journeyctl lsp``) and what it knows about a workspace.

The modules here other than :mod:`~journeyctl.editor.server` are plain Python: what is
open and what the workspace holds (:mod:`~journeyctl.editor.session`), where the cursor is
in a map being typed (:mod:`~journeyctl.editor.context`), what to offer and show there
(:mod:`~journeyctl.editor.completion`, :mod:`~journeyctl.editor.hover`), and positions in
the units a client counts (:mod:`~journeyctl.editor.positions`). Only
:mod:`~journeyctl.editor.server` imports pygls, and only ``journeyctl lsp`` imports it.
"""
