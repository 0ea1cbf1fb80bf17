/**
 * The page's stylesheet and script, inlined in every page so that an edition is one file
 * that works offline. Colours meet WCAG AA (4.5:1) for text in both colour schemes:
 * ink #1c1c1c / paper #fdfcf8 (16.5:1), muted #4a4a4a (8.6:1), links #0a4b8c (8.6:1),
 * deletions #8a1010 (8.9:1), tooltip #ffffff on #1f2933 (14.3:1).
 */

export const PAGE_CSS = `
:root{--ink:#1c1c1c;--paper:#fdfcf8;--muted:#4a4a4a;--link:#0a4b8c;--rule:#d8d4c8;--del:#8a1010;--add:#0d5c2e;--mark:#fff3b0;--tip-bg:#1f2933;--tip-ink:#fff;--box:#f4f1e8}
@media (prefers-color-scheme:dark){:root{--ink:#e8e6e1;--paper:#17181b;--muted:#c2beb5;--link:#9cc8ff;--rule:#3b3d42;--del:#ff9d9d;--add:#8fe3ad;--mark:#4a4220;--tip-bg:#e8e6e1;--tip-ink:#17181b;--box:#222428}}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{background:var(--paper);color:var(--ink)}
body{margin:0;font:1.0625rem/1.6 Georgia,"Times New Roman",serif}
a{color:var(--link)}
a:focus-visible,.em:focus-visible,button:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5em}
.skip:focus{left:.5em;z-index:10}
.site{max-width:46rem;margin:0 auto;padding:.5rem 1.25rem;display:flex;gap:1rem;flex-wrap:wrap;align-items:center;justify-content:space-between;border-bottom:1px solid var(--rule);font-family:system-ui,sans-serif;font-size:.9rem}
.site nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem}
main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.7rem;line-height:1.25;margin:.6em 0 .3em}
h2{font-size:1.3rem;margin:1.6em 0 .5em}
h3,h4,h5,h6{font-size:1.1rem;margin:1.4em 0 .4em}
.before-head,.collection{color:var(--muted);margin:.2em 0}
.subtitle{font-size:1.15rem;font-style:italic;margin:.2em 0 1em}
.citation{background:var(--box);border:1px solid var(--rule);border-radius:4px;padding:.75rem 1rem;margin:1rem 0 1.5rem;font-size:.95rem}
.citation h2{font-size:1rem;margin:0 0 .4em;font-family:system-ui,sans-serif}
.citation dl{margin:0;display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.2rem 1rem}
.citation dl>div{display:contents}
.citation dt{font-weight:bold;color:var(--muted)}
.citation dd{margin:0}
.cite-as{margin:.6em 0 0;font-size:.9rem}
.toolbar{display:flex;gap:.75rem;align-items:center;margin:0 0 1rem;font-family:system-ui,sans-serif;font-size:.95rem}
.toolbar button{flex:none;white-space:nowrap;font:inherit;padding:.35em .8em;border:2px solid var(--link);border-radius:4px;background:var(--paper);color:var(--link);cursor:pointer}
.toolbar button[aria-pressed="true"]{background:var(--link);color:var(--paper)}
.view-status{color:var(--muted)}
.argument{font-style:italic;color:var(--muted)}
.opener,.closer{margin:1em 0}
.opener p,.closer p{margin:.2em 0}
.closer{text-align:right}
.dateline{font-style:italic}
.publication-note{color:var(--muted);font-size:.95rem}
blockquote{margin:1em 0;padding-left:1em;border-left:3px solid var(--rule)}
.lg{margin:1em 0}
.pb{color:var(--muted);font-size:.8rem;font-family:system-ui,sans-serif}
.smallcaps{font-variant:small-caps}
.inline-note{font-size:.9rem;color:var(--muted)}
sup{line-height:0}
.noteref{text-decoration:none;padding:0 .1em}
.noteref:hover,.noteref:focus{text-decoration:underline}
.noteref:target,.notes li:target{background:var(--mark)}
.notes ol{padding-left:0;list-style:none}
.notes li{margin:.6em 0;padding:.2em .4em;border-radius:3px}
.notes li p{margin:.2em 0;display:inline}
.notes-in-text{margin:1.5em 0;padding:.2em 0;border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);font-size:.95rem}
.notes-intro p{margin:.4em 0}
.postscript{margin:1em 0}
.note-label{font-weight:bold;margin-right:.4em}
.backlinks{margin-left:.4em;font-family:system-ui,sans-serif;font-size:.9rem;white-space:nowrap}
.backlinks a{text-decoration:none;padding:0 .2em}
.note-type{color:var(--muted);font-size:.85rem;font-family:system-ui,sans-serif}
.editorial-changes{font-size:.95rem}
.about{margin-top:2rem;border-top:1px solid var(--rule);font-size:.95rem}
footer.page{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 2rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.85rem;font-family:system-ui,sans-serif}
/* Emendations: the reading view by default (and without JavaScript). */
.em{position:relative;border-bottom:1px dotted var(--muted)}
.d{display:none}
ins{text-decoration:none}
main.diplomatic .d{display:inline}
main.diplomatic .r{display:none}
main.diplomatic del{color:var(--del);text-decoration:line-through}
main.diplomatic ins.add{color:var(--add);font-size:.8em;vertical-align:.6em;line-height:0}
main.diplomatic ins.place-inline,main.diplomatic ins.place-end{vertical-align:baseline;font-size:1em}
main.diplomatic .where{color:var(--add);font-size:.75em;font-family:system-ui,sans-serif}
main.diplomatic .sic{color:var(--del)}
.sic-mark,.unclear-mark,.bracket{color:var(--muted)}
.em[data-tip]:hover:not(:has(.em:hover))::after,.em[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:5;width:max-content;max-width:min(22rem,80vw);padding:.45em .6em;border-radius:4px;background:var(--tip-bg);color:var(--tip-ink);font:.85rem/1.4 system-ui,sans-serif;font-style:normal;white-space:normal;text-align:left}
#tw-note-popup{position:absolute;z-index:6;max-width:min(26rem,90vw);padding:.6em .8em;border-radius:4px;background:var(--paper);color:var(--ink);border:1px solid var(--muted);box-shadow:0 2px 10px rgba(0,0,0,.25);font-size:.95rem}
#tw-note-popup p{margin:.2em 0}
#tw-note-popup[hidden]{display:none}
.popup-go{font-family:system-ui,sans-serif;font-size:.85rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
/* The index of editions. */
table.editions{border-collapse:collapse;width:100%;font-size:.95rem}
table.editions th,table.editions td{border-bottom:1px solid var(--rule);padding:.4em .5em;text-align:left;vertical-align:top}
table.editions th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;color:var(--link);cursor:pointer}
table.editions td.num,table.editions th.num{text-align:right}
@media (max-width:32rem){.citation dl{grid-template-columns:1fr}.citation dd{margin-bottom:.3em}}
@media print{.toolbar,.site nav,#tw-note-popup,.skip{display:none}.em{border:0}a{color:inherit}}
`;

/**
 * The reading/diplomatic switch, note popups (hover, keyboard focus, tap) and nothing else.
 * Everything it adds is a convenience: the page reads fully without it.
 */
export const PAGE_SCRIPT = `
(function(){
'use strict';
var main=document.querySelector('main');
var toolbar=document.querySelector('.toolbar');
var button=document.getElementById('tw-view-switch');
var status=document.getElementById('tw-view-status');
function setView(diplomatic){
  main.classList.toggle('diplomatic',diplomatic);
  button.setAttribute('aria-pressed',diplomatic?'true':'false');
  status.textContent=diplomatic?'Showing the diplomatic view: deletions, additions and errors as in the source.':'Showing the reading text.';
  try{localStorage.setItem('teiwright-view',diplomatic?'diplomatic':'reading');}catch(e){}
}
if(toolbar&&button){
  toolbar.hidden=false;
  var saved=null;try{saved=localStorage.getItem('teiwright-view');}catch(e){}
  setView(saved==='diplomatic');
  button.addEventListener('click',function(){setView(button.getAttribute('aria-pressed')!=='true');});
}
var popup=document.createElement('div');
popup.id='tw-note-popup';popup.hidden=true;popup.setAttribute('role','tooltip');
document.body.appendChild(popup);
var current=null,hideTimer=0,lastPointer='mouse',openBefore=false;
function noteOf(a){var id=decodeURIComponent(a.hash.slice(1));return id?document.getElementById(id):null;}
function show(a){
  var note=noteOf(a);if(!note)return;
  clearTimeout(hideTimer);
  var body=note.querySelector('.note-body');
  popup.textContent='';
  var label=document.createElement('strong');label.textContent=(note.querySelector('.note-label')||{textContent:''}).textContent+' ';
  popup.appendChild(label);
  if(body)popup.appendChild(body.cloneNode(true));
  var go=document.createElement('p');go.className='popup-go';
  var link=document.createElement('a');link.href=a.hash;link.textContent='Go to the note';go.appendChild(link);popup.appendChild(go);
  popup.querySelectorAll('[id]').forEach(function(el){el.removeAttribute('id');});
  popup.hidden=false;
  var r=a.getBoundingClientRect();
  var left=Math.max(8,Math.min(window.scrollX+r.left,window.scrollX+document.documentElement.clientWidth-popup.offsetWidth-8));
  popup.style.left=left+'px';popup.style.top=(window.scrollY+r.bottom+6)+'px';
  current=a;
}
function hideSoon(){clearTimeout(hideTimer);hideTimer=setTimeout(function(){popup.hidden=true;current=null;},250);}
function hideNow(){clearTimeout(hideTimer);popup.hidden=true;current=null;}
document.querySelectorAll('a.noteref').forEach(function(a){
  a.addEventListener('mouseenter',function(){show(a);});
  a.addEventListener('mouseleave',hideSoon);
  a.addEventListener('focus',function(){show(a);});
  a.addEventListener('blur',hideSoon);
  a.addEventListener('pointerdown',function(e){lastPointer=e.pointerType||'mouse';openBefore=(current===a&&!popup.hidden);});
  a.addEventListener('click',function(e){
    // A tap shows the note in place first (focus may already have opened it during this
    // tap: what counts is whether it was open before); a second tap goes to the endnote.
    if(lastPointer==='touch'&&!openBefore){e.preventDefault();show(a);openBefore=true;return;}
    hideNow();
  });
});
popup.addEventListener('mouseenter',function(){clearTimeout(hideTimer);});
popup.addEventListener('mouseleave',hideSoon);
document.addEventListener('keydown',function(e){if(e.key==='Escape'&&!popup.hidden){var a=current;hideNow();if(a)a.focus();}});
document.addEventListener('click',function(e){if(!popup.hidden&&!popup.contains(e.target)&&!(e.target.closest&&e.target.closest('a.noteref')))hideNow();});
})();
`;

/** Sorting the index table by a column; the table is sorted by date then author without it. */
export const INDEX_SCRIPT = `
(function(){
'use strict';
var table=document.querySelector('table.editions');if(!table)return;
var body=table.tBodies[0];
table.querySelectorAll('th[data-key]').forEach(function(th){
  var label=th.textContent;th.textContent='';
  var b=document.createElement('button');b.type='button';b.textContent=label;th.appendChild(b);
  b.addEventListener('click',function(){
    var key=th.getAttribute('data-key');
    var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
    table.querySelectorAll('th[data-key]').forEach(function(o){o.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',dir);
    var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(x,y){
      var a=x.getAttribute('data-'+key)||'',c=y.getAttribute('data-'+key)||'';
      if(a===''&&c!=='')return 1;if(c===''&&a!=='')return -1;
      var r=key==='notes'?Number(a)-Number(c):a.localeCompare(c);
      return dir==='ascending'?r:-r;
    });
    rows.forEach(function(r){body.appendChild(r);});
  });
});
})();
`;
