import type { Palette } from './color.js';
import { DARK, LIGHT, schemeVars } from './theme.js';

/**
 * The widget's stylesheet. `:host` is reset with `all: initial !important` (inner `!important` wins over the
 * host page's), and everything inside uses px sizes so the page's root font size cannot leak in. Colours
 * follow `prefers-color-scheme` (`theme.ts`); the launcher and the panel are styled for the top layer
 * (`[popover]`'s own inset, margin and padding undone) and sit at the highest z-index where it is missing.
 */
export function widgetCss(p: Palette, page = false): string {
  const fill = page
    ? `;position:fixed !important;inset:0 !important;overflow:auto !important;background:${LIGHT.page} !important;
color-scheme:light dark !important}
@media (prefers-color-scheme:dark){:host{background:${DARK.page} !important}`
    : '';
  return `
:host{all:initial !important;display:block !important${fill}}
[hidden]{display:none !important}
.root{--brand:${p.brand};--on-brand:${p.onBrand};--accent:${p.accent};--on-accent:${p.onAccent};${schemeVars(LIGHT)};
color-scheme:light;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);
text-align:left;letter-spacing:normal;word-spacing:normal;text-transform:none;font-style:normal;font-weight:400;direction:ltr;visibility:visible}
@media (prefers-color-scheme:dark){.root{--accent:${p.darkAccent};--on-accent:${p.onDarkAccent};${schemeVars(DARK)};color-scheme:dark}}
*,*::before,*::after{box-sizing:border-box}
button,input,textarea{font:inherit;color:inherit;letter-spacing:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px;box-shadow:0 0 0 5px var(--bg)}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
[data-tip]::after{content:attr(data-tip);position:absolute;z-index:3;top:calc(100% + 6px);right:0;display:none;padding:4px 8px;
border-radius:6px;background:var(--tipBg);color:var(--tipText);font-size:13px;font-weight:600;line-height:1.3;white-space:nowrap;
box-shadow:0 2px 8px rgba(0,0,0,.3)}
[data-tip]:is(:hover,:focus-visible):not(.tip-off)::after{display:block}
.send::after{top:auto;bottom:calc(100% + 6px)}
.thumb::after{top:auto;bottom:calc(100% + 6px);right:auto;left:0}
.launcher::after{top:auto;bottom:14px;right:calc(100% + 10px)}
.left .launcher::after{right:auto;left:calc(100% + 10px)}
.launcher,.panel{inset:auto;margin:0;padding:0;z-index:2147483647}
.launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:2px solid #fff;overflow:visible;
background:var(--brand);color:var(--on-brand);display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.3)}
.launcher svg{width:26px;height:26px}
.left .launcher{right:auto;left:20px}
.panel{position:fixed;bottom:88px;right:20px;width:390px;max-width:calc(100vw - 24px);height:640px;
max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:var(--bg);color:var(--text);border:1px solid var(--line);
border-radius:14px;box-shadow:0 10px 34px rgba(0,0,0,.28);overflow:hidden}
.left .panel{right:auto;left:20px}
.page{height:100%}
.page .panel{position:relative;bottom:auto;right:auto;left:auto;width:100%;max-width:860px;height:100%;max-height:none;margin:0 auto;
border-radius:0;border-width:0 1px;box-shadow:none}
@media (max-width:480px),(max-height:540px){.popup .panel{inset:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0;border:0}}
.head{display:flex;align-items:center;gap:6px;padding:10px 10px 10px 16px;background:var(--brand);color:var(--on-brand)}
.head h1,.head h2{flex:1;margin:0;font-size:17px;font-weight:700;line-height:1.3;color:inherit}
.icon-btn,.send,.thumb{position:relative}
.icon-btn{display:inline-flex;align-items:center;justify-content:center;min-width:40px;height:40px;padding:0 8px;border:0;border-radius:8px;
background:transparent;color:inherit}
.icon-btn:hover{background:rgba(127,127,127,.2)}
.head :focus-visible{outline-color:var(--on-brand);box-shadow:0 0 0 5px var(--brand)}
.body{position:relative;flex:1;overflow-y:auto;overscroll-behavior:contain;padding:14px 14px 4px;background:var(--bg)}
.log{display:flex;flex-direction:column;gap:12px}
.msg{display:flex;flex-direction:column;gap:6px;max-width:100%}
.bubble{padding:10px 12px;border-radius:12px;overflow-wrap:anywhere}
.user{align-items:flex-end}
.user .bubble{background:var(--brand);color:var(--on-brand);border-bottom-right-radius:4px;max-width:88%;white-space:pre-wrap}
.bot .bubble{background:var(--soft);color:var(--text);border-bottom-left-radius:4px}
.bubble p{margin:0 0 8px}.bubble p:last-child{margin:0}
.bubble ul,.bubble ol{margin:0 0 8px;padding-left:22px}
.streaming .answer{white-space:pre-wrap}
.thinking{color:var(--muted);font-style:italic}
.error .bubble{background:var(--errBg);color:var(--errText);border:1px solid}
.chip{display:inline-flex;align-items:center;justify-content:center;min-width:24px;height:24px;margin:0 2px;padding:0 6px;
border:1.5px solid var(--accent);border-radius:12px;background:var(--bg);color:var(--accent);font-size:13px;font-weight:700;
line-height:1;vertical-align:baseline}
.chip:hover,.src:hover,.starter:hover{background:var(--accent);color:var(--on-accent)}
.src:hover *{color:inherit}
.sources h2,.sources h3{margin:2px 0 4px;font-size:13px;font-weight:700;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.sources ol{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
.src{display:flex;gap:8px;width:100%;padding:6px 8px;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--text);
text-align:left;font-size:14px;line-height:1.35}
.src b{color:var(--accent);flex:none}
.src .sec{color:var(--muted)}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:6px;font-size:14px;color:var(--muted)}
.thumb{display:inline-flex;align-items:center;justify-content:center;width:36px;height:36px;border:1px solid var(--line);border-radius:8px;
background:var(--bg);color:var(--text)}
.thumb svg{width:18px;height:18px}
.thumb[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
.fb-form,.contact form{display:flex;flex-direction:column;gap:8px;width:100%}
label{font-size:14px;font-weight:600;color:var(--text)}
.field{display:flex;flex-direction:column;gap:4px}
input,textarea{width:100%;padding:8px 10px;border:1.5px solid var(--field);border-radius:8px;background:var(--bg);color:var(--text);font-size:15px}
textarea{resize:vertical;min-height:44px}
[aria-invalid=true]{border-color:var(--errText)}
textarea[readonly]{background:var(--soft);color:var(--muted);font-size:13px}
.btn{align-self:flex-start;min-height:40px;padding:8px 14px;border:0;border-radius:8px;background:var(--brand);color:var(--on-brand);font-weight:600}
.btn.secondary{background:var(--bg);color:var(--accent);border:1.5px solid var(--accent)}
.btn.contact-btn{margin-top:2px}
.row{display:flex;flex-wrap:wrap;gap:8px}
.note,.undo{margin:0;font-size:14px;color:var(--muted)}
.ok{margin:0;padding:10px 12px;border-radius:8px;background:var(--okBg);color:var(--okText)}
.err{margin:0;color:var(--errText);font-size:14px}
.starters{margin-top:4px}
.starters p{margin:0 0 6px;font-size:14px;font-weight:600;color:var(--muted)}
.starters ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.starter{width:100%;padding:8px 12px;border:1.5px solid var(--accent);border-radius:18px;background:var(--bg);color:var(--accent);text-align:left;font-size:14px}
.view{display:flex;flex-direction:column;gap:10px}
.view h2,.view h3{margin:0;font-size:18px;line-height:1.3}
.kicker{margin:0;font-size:13px;font-weight:700;color:var(--accent);text-transform:uppercase;letter-spacing:.04em}
.section{margin:0;color:var(--muted);font-size:14px}
.passage-text{margin:0;padding:10px 12px;border-left:4px solid var(--accent);background:var(--soft);white-space:pre-wrap;overflow-wrap:anywhere}
.view a{color:var(--accent);font-weight:600}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere}
.composer{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid var(--line);background:var(--bg)}
.composer textarea{flex:1;max-height:140px;resize:none}
.send{flex:none;width:44px;height:44px;border:0;border-radius:10px;background:var(--brand);color:var(--on-brand);display:inline-flex;
align-items:center;justify-content:center}
.send[aria-disabled=true]{opacity:.6;cursor:progress}
.foot{padding:0 12px 10px;background:var(--bg);text-align:center}
.link-btn{border:0;background:none;padding:4px;color:var(--accent);font-size:13px;font-weight:600;text-decoration:underline}
@media (max-height:540px){.head{padding-block:4px}.reading .composer{display:none}}
@media (prefers-reduced-motion:no-preference){.panel{animation:opi-in .16s ease-out}.body{scroll-behavior:smooth}
@keyframes opi-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none !important;transition:none !important;scroll-behavior:auto !important}}
@media (forced-colors:active){.chip,.src,.thumb,.starter,.btn,.send,.launcher,[data-tip]::after{border:1px solid ButtonText}}
`;
}

/** Put `css` into `root`: a constructed stylesheet (allowed by a strict CSP), else a `<style>` element. */
export function applyCss(root: ShadowRoot, css: string): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}
