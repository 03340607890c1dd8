// The interface's own stylesheet and script, served by the Worker (no CDN, nothing inline
// without the CSP nonce).
import { shortcuts } from "./shortcuts.client.js";

export const STYLESHEET = `
:root{--ink:#1b1b1f;--muted:#5a5a66;--line:#d9d9e0;--bg:#fafafa;--card:#fff;--accent:#0b57d0;--focus:#f59e0b;
--ok:#0a6b2d;--warn:#8a5a00;--bad:#b3261e;--info:#38408a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,[tabindex]:focus-visible,.row:focus-within{outline:3px solid var(--focus);outline-offset:2px}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;background:#111827;color:#fff}
header.top a{color:#fff;text-decoration:none}header.top .brand{font-weight:700;margin-right:auto}
header.top form{display:inline}header.top button{background:none;border:1px solid #fff6;color:#fff;border-radius:4px;padding:.2rem .6rem;cursor:pointer}
main{max-width:72rem;margin:0 auto;padding:1rem;overflow-wrap:break-word}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
.grid{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1rem}
.source-fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,18rem),1fr));gap:0 1rem}
@media (max-width:760px){.grid{grid-template-columns:minmax(0,1fr)}}
.inline{display:inline}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
input[type=text],input[type=url],input[type=search],input[type=password],input[type=date],select,textarea{width:100%;padding:.45rem .5rem;border:1px solid #8a8a96;border-radius:4px;font:inherit;background:#fff}
textarea{min-height:5rem}
button,.button{display:inline-block;padding:.45rem .9rem;border-radius:4px;border:1px solid var(--accent);background:var(--accent);color:#fff;font:inherit;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
.error{color:var(--bad);font-weight:600;margin:.2rem 0}
[aria-invalid=true]{border-color:var(--bad)!important;border-width:2px!important}
.notice{border-left:4px solid var(--info);background:#eef0fb;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}
.notice.bad{border-color:var(--bad);background:#fdecea}.notice.ok{border-color:var(--ok);background:#e8f5ec}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.85rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.status-verified{color:var(--ok)}.status-false,.status-misleading{color:var(--bad)}.status-unproven,.status-opinion{color:var(--warn)}
.status-unverified,.status-in_review{color:var(--info)}.flag{color:var(--bad)}
.quote{font-size:1.2rem;border-left:4px solid var(--accent);padding:.25rem 0 .25rem 1rem;margin:0 0 .75rem}
.claim-head h1{margin:0 0 .5rem}.said-by{font-size:1.1rem;margin:.25rem 0}.said-by>a{font-weight:700}.source-line{margin:.25rem 0}
fieldset{border:1px solid var(--line);border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem;min-width:0}legend{font-weight:600;padding:0 .25rem}
.hidden-form{display:none}button[disabled]{opacity:.6;cursor:not-allowed}details.weaker>summary{cursor:pointer;margin:.5rem 0}
.confirm{border:2px solid var(--bad);border-radius:6px;padding:.25rem 1rem;margin:1rem 0;background:#fdecea}.confirm h3{margin:.5rem 0}
mark{background:#fff1a8;padding:0 .1rem}
.context{color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.filters>div{flex:1 1 9rem}
.chart figcaption{font-weight:600;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
.bars{list-style:none;padding:0;margin:0}.bars li{display:grid;grid-template-columns:6.5rem minmax(0,1fr) 3.5rem;gap:.5rem;align-items:center}
.bar-label{font-weight:600;text-decoration:none}.bar-label[aria-current=true]{text-decoration:underline}
svg.bar{width:100%;height:.85rem;display:block}svg.bar rect{fill:currentColor}.bar-n{text-align:right;font-variant-numeric:tabular-nums}
.filters>.search-box{flex:3 1 14rem}.filters>.filter-go{flex:0 0 auto}
details.more-filters{flex:1 1 100%}details.more-filters summary{cursor:pointer;color:var(--accent);font-weight:600}
details.more-filters .filters{margin-top:.25rem}
.row .one-line{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
fieldset.bulk.floating{position:sticky;bottom:0;z-index:1;box-shadow:0 -4px 12px #0002;margin:0}
.empty{border-style:dashed}.table-wrap{margin:0 0 1rem}[hidden]{display:none!important}
.queue{list-style:none;padding:0;margin:0}
.row{display:block;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:0 0 .5rem}
.row[aria-current=true]{border-color:var(--accent);box-shadow:0 0 0 2px var(--accent)}
.row .meta{color:var(--muted);font-size:.9rem}
.timeline{list-style:none;padding:0;margin:0}.timeline li{border-left:2px solid var(--line);padding:0 0 .75rem .75rem}
.muted{color:var(--muted)}
.warning{color:var(--warn);font-weight:600;margin:.2rem 0}
.matches{list-style:none;padding:0;margin:0}.matches>li{border-top:1px solid var(--line);padding:.5rem 0}
.article{white-space:pre-wrap;font-family:Georgia,serif;line-height:1.7}
.article mark a{color:inherit}
dialog{max-width:28rem;border:1px solid var(--line);border-radius:8px}
kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:3px;padding:0 .3rem;font-size:.85rem}
button.danger{background:var(--bad);border-color:var(--bad)}.cell-label{display:none}table.stack{margin:0 0 1rem}table.stack td{overflow-wrap:break-word}
@media (max-width:600px){table.stack thead{display:none}table.stack,table.stack tbody,table.stack tr,table.stack td{display:block}
table.stack tr{border-bottom:1px solid var(--line);padding:.4rem 0}table.stack td{border:0;padding:.1rem 0;overflow-wrap:anywhere}.cell-label{display:inline;font-weight:600}
table.stack .badge{white-space:normal}}
.secret-text{word-break:break-all;user-select:all;font-size:1rem}header.top .who .role{opacity:.8}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.timeline li.note{border-left-color:var(--warn)}.note-text{white-space:pre-wrap;margin:.2rem 0}
button.small{padding:.1rem .5rem;font-size:.85rem}.row .pick{width:1.1rem;height:1.1rem;vertical-align:middle}
fieldset.bulk{border:1px solid var(--line)}fieldset.bulk legend{font-weight:600}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.3rem;text-align:left}
.factcheck{max-width:46rem}.kicker{text-transform:uppercase;letter-spacing:.05em;font-size:.85rem;color:var(--muted);margin:0}
.verdict-line{font-size:1.15rem}.badge.verdict{font-size:1.05rem;padding:.1rem .7rem}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
.evidence li,.corrections li{margin:0 0 .5rem}.pager{margin:1rem 0}
footer.site{max-width:72rem;margin:2rem auto 0;padding:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
@media (max-width:480px){.facts{grid-template-columns:minmax(0,1fr)}}
.charts td,.charts th{padding:.3rem .25rem}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:1rem}.charts>.card{margin:0;min-width:0}
svg.chart{display:block;width:100%;height:auto;max-width:40rem;margin:.5rem 0}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.25rem 0 .75rem;font-size:.9rem}
.legend li{display:flex;align-items:center;gap:.35rem}svg.swatch{width:1rem;height:1rem;flex:none}
.record{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:flex-start}.record>figure{flex:1 1 18rem;margin:0;min-width:0}
.record>.repeats{flex:0 1 14rem;margin:0}
.row.uncertain{border-left:4px solid var(--warn)}.uncertain-speaker{color:var(--warn);margin-left:.5rem;font-weight:600}
.tick-controls{border:1px solid var(--line);border-radius:6px;margin:0 0 .75rem;padding:.5rem .75rem}
.tick-controls input[type=number]{width:5rem;padding:.4rem;border:1px solid #8a8a96;border-radius:4px;font:inherit}
.tick-controls button{margin:.2rem 0}
`;

/** The script (src/pages/shortcuts.client.js) as the browser runs it: its minified source, called. */
export const SHORTCUTS_SCRIPT = `(${shortcuts})();\n`;
