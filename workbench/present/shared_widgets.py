"""Widgets in the shared HTML: what they last showed, and a line saying what needs a kernel.

Live widgets need a kernel (and a widget manager the page would fetch from a CDN), so
each widget output is replaced by the outputs its output areas captured (charts keep
their hover and legend), after a sentence that says the controls are left out and how
to use them; a widget that captured nothing (the review) becomes that sentence alone.
"""

from __future__ import annotations

import nbformat

_VIEW = "application/vnd.jupyter.widget-view+json"


def needs_kernel(notebook: str, *, shown: bool) -> nbformat.NotebookNode:
    """A Markdown output saying the controls need a kernel, and how to open them."""
    where = f"open `notebooks/{notebook}` in JupyterLab (`make lab`) to use them"
    text = (
        f"*The controls of this cell need a running kernel and are left out of the shared "
        f"page: {where}. Below is what they last showed.*"
        if shown
        else f"*This interactive tool needs a running kernel and cannot work in the shared "
        f"page: {where}.*"
    )
    return nbformat.v4.new_output("display_data", data={"text/markdown": text})


def widgets_to_last_state(nb: nbformat.NotebookNode, *, notebook: str) -> None:
    """Replace each widget output of ``nb`` (in place) by what it last showed, with a line
    saying its controls need a kernel; drop the widget state."""
    state = (
        nb.metadata.get("widgets", {})
        .get("application/vnd.jupyter.widget-state+json", {})
        .get("state", {})
    )

    def captured(model_id: str) -> list:
        model = state.get(model_id, {})
        if model.get("model_name") == "OutputModel":
            return list(model.get("state", {}).get("outputs", []))
        found = []
        for child in model.get("state", {}).get("children", []):
            if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                found.extend(captured(child.removeprefix("IPY_MODEL_")))
        return found

    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs: list = []
        for output in cell.outputs:
            view = output.get("data", {}).get(_VIEW)
            if not view:
                outputs.append(output)
                continue
            last = [
                nbformat.from_dict(o)
                for o in captured(view["model_id"])
                if o.get("output_type") == "stream" or o.get("data")
            ]
            outputs.append(needs_kernel(notebook, shown=bool(last)))
            outputs.extend(last)
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)
