"""Shared by the gen.py of tests/data/phi*: the span markup of our synthetic
PHI corpora and the writer of score.py's common form.

Markup: {TYPE|text} is a PHI span, {-TYPE|text} a span annotated but not
PHI (phi=false), {TYPE:sub|text} a PHI span with a sub-label (the corpus's
own label is derived from it by the caller)."""
import json
import os
import re

SPAN = re.compile(r"\{(-?)([A-Z_]+)(?::([a-z]+))?\|([^{}]*)\}")


def build(doc_id, src, label_of=lambda typ, sub, phi: typ):
    """(note, gold) rows for one marked-up text; offsets in code points."""
    spans, pos, out = [], 0, []
    for m in SPAN.finditer(src):
        out.append(src[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(4))
        phi = m.group(1) != "-"
        spans.append({"start": start, "end": start + len(m.group(4)), "type": m.group(2),
                      "phi": phi, "label": label_of(m.group(2), m.group(3), phi)})
        pos = m.end()
    out.append(src[pos:])
    text = "".join(out)
    assert "{" not in text and "}" not in text, (doc_id, text)
    return {"id": doc_id, "text": text}, {"id": doc_id, "spans": spans}


def write(here, rows):
    """Write notes.jsonl and gold.jsonl in the folder here from (note, gold) rows."""
    with open(os.path.join(here, "notes.jsonl"), "w", encoding="utf-8") as fn, \
         open(os.path.join(here, "gold.jsonl"), "w", encoding="utf-8") as fg:
        for n, g in rows:
            fn.write(json.dumps(n, ensure_ascii=False) + "\n")
            fg.write(json.dumps(g, ensure_ascii=False) + "\n")
