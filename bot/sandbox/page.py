"""Messages as a Slack client shows them: the style and HTML of one message, for the sandbox's page."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.sandbox.blockkit import Block, blocks_to_html
from bot.sandbox.reader import Names, Reader

STYLE = """
body { font: 15px/1.46668 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1d1c1d; background: #fff; margin: 0; padding: 16px 20px; max-width: 680px; }
.message { display: flex; gap: 8px; padding: 8px 0; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #2d3e50; color: #fff; flex: none;
          display: flex; align-items: center; justify-content: center; font-weight: 700; }
.sender { font-weight: 900; } .sender .app { font-size: 10px; background: #e8e8e8; color: #616061;
          border-radius: 2px; padding: 1px 3px; margin-left: 4px; font-weight: 700; vertical-align: middle; }
.time { color: #616061; font-size: 12px; margin-left: 6px; font-weight: 400; }
.block { margin: 4px 0; } .header { font-size: 18px; font-weight: 900; margin: 8px 0 4px; }
.section { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
.section .body { flex: 1; min-width: 0; } .accessory { flex: none; }
.section .text, .field, .context span { white-space: pre-wrap; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; margin-top: 4px; }
.context { color: #616061; font-size: 13px; display: flex; gap: 6px; align-items: center; }
.context img { width: 20px; height: 20px; border-radius: 4px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.button { font: inherit; font-size: 14px; font-weight: 700; border: 1px solid #bbbabb; background: #fff;
          color: #1d1c1d; border-radius: 4px; padding: 3px 12px; cursor: pointer; text-decoration: none; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.button.danger { color: #e01e5a; border-color: #e01e5a; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; }
a { color: #1264a3; } code { color: #e01e5a; background: #f8f8f8; border: 1px solid #e8e8e8;
    border-radius: 3px; padding: 0 3px; font-size: 12px; }
pre { background: #f8f8f8; border: 1px solid #e8e8e8; border-radius: 4px; padding: 8px;
      white-space: pre-wrap; }
blockquote { border-left: 4px solid #ddd; margin: 4px 0; padding-left: 12px; }
hr.divider { border: none; border-top: 1px solid #e8e8e8; }
.select, .picker, .text-input { font: inherit; font-size: 14px; padding: 3px 6px; border: 1px solid #bbbabb;
          border-radius: 4px; }
.input { display: flex; flex-direction: column; gap: 4px; margin: 10px 0; }
.input .label { font-weight: 700; } .field-error { color: #e01e5a; font-size: 13px; }
.field-error:empty { display: none; } .input.invalid .text-input, .input.invalid .picker,
.input.invalid .select { border-color: #e01e5a; }
.choices { display: flex; flex-direction: column; gap: 4px; }
.choice { display: flex; gap: 6px; align-items: baseline; font-weight: 400; }
.choice .hint { display: block; } .image-alt { color: #616061; font-size: 13px; }
.hint, .optional { color: #616061; font-size: 13px; font-weight: 400; }
"""


@dataclass(frozen=True)
class Shown:
    """One message as the client shows it: who sent it, when, and what it says."""

    sender: str
    time: str
    blocks: list[Block]
    text: str = ""
    is_app: bool = True


def message_html(
    m: Shown, names: Names | Reader, attrs: str = "", note: str = "", css: str = "message"
) -> str:
    """One message with its sender, time and blocks; `attrs` are extra (escaped) attributes for the page."""
    return (
        f'<div class="{css}"{attrs}><div class="avatar">{html.escape(m.sender[:1])}</div>'
        '<div class="content">'
        f'<div class="sender">{html.escape(m.sender)}'
        + ('<span class="app">APP</span>' if m.is_app else "")
        + f'<span class="time">{html.escape(m.time)}</span>{note}</div>'
        f"{blocks_to_html(m.blocks, names, m.text)}</div></div>"
    )
