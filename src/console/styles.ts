import { DEFAULT_COLOR } from '../widget/options.js';
import { LIGHT } from '../widget/theme.js';

/** The console's stylesheet: the widget's colours, type and focus ring, for a whole page. */
export function consoleCss(): string {
  const c = LIGHT;
  return `
:root{--brand:${DEFAULT_COLOR};--bg:${c.bg};--page:${c.page};--text:${c.text};--muted:${c.muted};--soft:${c.soft};--line:${c.line};
--field:${c.field};--errBg:${c.errBg};--errText:${c.errText};--okBg:${c.okBg};--okText:${c.okText};color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
[hidden]{display:none !important}
button,input,textarea,select{font:inherit;color:inherit}
:focus-visible{outline:3px solid var(--brand);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:8px;top:-40px;background:var(--brand);color:#fff;padding:6px 10px;border-radius:6px;z-index:9}
.skip:focus{top:8px}
header.top{background:var(--brand);color:#fff;padding:10px 20px;display:flex;flex-wrap:wrap;gap:12px;align-items:center}
header.top h1{font-size:18px;margin:0 auto 0 0}
header.top nav ul{display:flex;gap:4px;list-style:none;margin:0;padding:0;flex-wrap:wrap}
header.top nav button,header.top .out{background:transparent;border:1px solid transparent;color:#fff;border-radius:6px;padding:6px 10px;font-weight:600}
header.top nav button[aria-current="page"]{background:#fff;color:var(--brand)}
header.top .out{border-color:#fff}
header.top .who{font-size:13px}
main{max-width:1100px;margin:0 auto;padding:20px}
h2{font-size:22px;margin:0 0 12px}
h3{font-size:17px;margin:18px 0 8px}
.card{background:var(--bg);border:1px solid var(--line);border-radius:10px;padding:16px;margin-bottom:16px}
.field{display:flex;flex-direction:column;gap:4px;margin-bottom:12px}
.field label{font-weight:600}
.hint{margin:0;color:var(--muted);font-size:13px}
input,select,textarea{border:1px solid var(--field);border-radius:6px;padding:7px 9px;background:var(--bg);width:100%}
textarea{min-height:90px;resize:vertical}
textarea.body{min-height:320px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:0 16px}
.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:800px){.split{grid-template-columns:1fr}}
.btn{border:1px solid var(--brand);background:var(--brand);color:#fff;border-radius:6px;padding:7px 14px;font-weight:600;cursor:pointer}
.btn.secondary{background:var(--bg);color:var(--brand)}
.btn.danger{background:var(--errText);border-color:var(--errText)}
.btn:disabled{opacity:.6;cursor:default}
.link{border:0;background:none;padding:0;color:var(--brand);text-decoration:underline;font-weight:600;cursor:pointer;text-align:left}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
table{border-collapse:collapse;width:100%;background:var(--bg)}
caption{text-align:left;color:var(--muted);padding:4px 0}
th,td{text-align:left;padding:8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft)}
.tag{display:inline-block;border-radius:999px;padding:1px 8px;font-size:13px;font-weight:600}
.tag.stale{background:var(--errBg);color:var(--errText)}
.tag.ok{background:var(--okBg);color:var(--okText)}
.alert{background:var(--errBg);color:var(--errText);border-radius:8px;padding:10px 12px;margin:8px 0}
.notice{background:var(--okBg);color:var(--okText);border-radius:8px;padding:10px 12px;margin:8px 0}
.alert ul{margin:4px 0 0;padding-left:20px}
.chunks{list-style:none;margin:0;padding:0}
.chunk{background:var(--soft);border-radius:8px;padding:10px 12px;margin-bottom:8px}
.chunk .sec{font-weight:700;font-size:13px;color:var(--muted);margin:0 0 4px}
.chunk p{margin:0;white-space:pre-wrap}
.cited .chunk a{display:inline-block;margin-top:6px;color:var(--brand);font-weight:600}
.muted{color:var(--muted)}
dialog{border:1px solid var(--line);border-radius:10px;padding:20px;max-width:440px}
dialog::backdrop{background:rgba(0,0,0,.4)}
.signin{max-width:420px;margin:60px auto}
.sso-button{display:block;text-align:center;text-decoration:none;margin-bottom:8px}
.sso .or{margin:12px 0 4px;text-align:center}
.conv{list-style:none;padding:0}
.conv li{background:var(--soft);border-radius:8px;padding:8px 10px;margin-bottom:6px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
svg text{font:14px system-ui,sans-serif;fill:var(--text)}
.charts figure{margin:0}
figcaption{font-weight:700;margin-bottom:8px}
.daily{margin:0 0 16px}
.legend{display:flex;gap:6px;align-items:center;margin:6px 0;font-size:13px}
.key{display:inline-block;width:12px;height:12px;border-radius:2px}
.key.answered{background:var(--brand)}
.key.unanswered{background:var(--muted);margin-left:10px}
svg text.axis{font-size:12px}
[tabindex="-1"]:focus{outline:none}
@media (forced-colors:active){.btn,.tag{border:1px solid ButtonText}}
`;
}

/** Adopts `css` on the document: a constructed stylesheet, which the page's strict CSP allows. */
export function applyCss(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
