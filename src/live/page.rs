//! The preview's one HTML page: the last good pages as inline SVG (each with its text for screen readers and
//! search), the current errors above them, and a little script that follows the event stream and fetches
//! the new pages after each good rebuild.

use crate::live::state::Snapshot;

/// `&`, `<`, `>`, `"` escaped for HTML text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The errors block (empty when there are none).
fn errors(snapshot: &Snapshot) -> String {
    snapshot
        .errors
        .iter()
        .map(|e| format!("<pre class=\"error\">{}</pre>", escape(e)))
        .collect()
}

/// The pages, each a figure with its SVG and its text.
fn pages(snapshot: &Snapshot) -> String {
    snapshot
        .pages
        .iter()
        .enumerate()
        .map(|(i, svg)| {
            let text = snapshot.texts.get(i).map(String::as_str).unwrap_or("");
            format!(
                "<figure class=\"page\"><div class=\"svg\">{svg}</div><figcaption class=\"page-text\">{}</figcaption></figure>",
                escape(text)
            )
        })
        .collect()
}

/// The whole page for the current snapshot of the file `name`.
pub fn html(snapshot: &Snapshot, name: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{title} — bienban preview</title>
<style>
body {{ margin: 0; background: #525659; font-family: system-ui, sans-serif; }}
header {{ position: sticky; top: 0; background: #323639; color: #eee; padding: 6px 12px; font-size: 14px; z-index: 1; }}
#errors:empty {{ display: none; }}
#errors {{ margin: 12px auto; max-width: 900px; }}
pre.error {{ background: #fff3f3; color: #8a1010; border-left: 4px solid #c00; padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; }}
figure.page {{ margin: 16px auto; width: fit-content; }}
figure.page .svg svg {{ display: block; background: white; box-shadow: 0 2px 8px rgba(0,0,0,.5); max-width: 95vw; height: auto; }}
.page-text {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
</style></head>
<body data-generation="{generation}" data-good="{good}">
<header>bienban preview — {title} · <span id="status">bản {generation}</span></header>
<section id="errors">{errors}</section>
<main id="pages">{pages}</main>
<script>
let good = {good};
function esc(t) {{ const d = document.createElement('div'); d.textContent = t; return d.innerHTML; }}
const events = new EventSource('/events');
events.onmessage = async (e) => {{
  const s = JSON.parse(e.data);
  document.getElementById('errors').innerHTML = s.errors.map(x => '<pre class="error">' + esc(x) + '</pre>').join('');
  if (s.good !== good) {{
    const svgs = await Promise.all(s.texts.map((_, i) => fetch('/page/' + (i + 1) + '.svg?v=' + s.good).then(r => r.text())));
    document.getElementById('pages').innerHTML = svgs.map((svg, i) =>
      '<figure class="page"><div class="svg">' + svg + '</div><figcaption class="page-text">' + esc(s.texts[i]) + '</figcaption></figure>').join('');
    good = s.good;
  }}
  document.body.dataset.generation = s.generation;
  document.body.dataset.good = good;
  document.getElementById('status').textContent = 'bản ' + s.generation + (s.errors.length ? ' — có lỗi, đang hiện bản đúng gần nhất' : '');
}};
</script>
</body></html>
"#,
        title = escape(name),
        generation = snapshot.generation,
        good = snapshot.good,
        errors = errors(snapshot),
        pages = pages(snapshot),
    )
}
