/* The site's layout, stylesheet and type-ahead script. */
#include <string.h>

#include "medcode/web.h"

const char mc_web_css[] =
	"*{box-sizing:border-box}"
	"body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;"
	"background:#f4f6f8;margin:0}"
	"a{color:#14508f}a:hover{color:#0b3564}"
	".skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}.skip:focus{left:.5rem}"
	".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
	"header.site{background:#12324f;color:#fff}"
	"header.site a{color:#fff}"
	".bar{max-width:68rem;margin:0 auto;padding:.6rem 1.25rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem}"
	".brand{font-weight:700;font-size:1.25rem;text-decoration:none;margin-right:.5rem}"
	"nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}"
	"nav a[aria-current]{text-decoration:underline;text-underline-offset:.3em;font-weight:600}"
	".acct{margin-left:auto;display:flex;align-items:center;gap:.75rem;flex-wrap:wrap}"
	".acct form{margin:0}"
	".btn,button{font:inherit;border-radius:6px;border:1px solid #14508f;background:#14508f;color:#fff;"
	"padding:.35rem .8rem;cursor:pointer;text-decoration:none;display:inline-block}"
	"header.site .btn{background:#fff;color:#12324f;border-color:#fff}"
	"header.site button{background:transparent;border-color:#fff}"
	".btn.alt{background:#fff;color:#14508f}"
	".hsearch{max-width:68rem;margin:0 auto;padding:0 1.25rem .8rem}"
	"form.search{display:flex;gap:.5rem;align-items:flex-start}"
	".combo{position:relative;flex:1;min-width:0}"
	"input,textarea,select{font:inherit;border:1px solid #6b7480;border-radius:6px;padding:.4rem .55rem;"
	"background:#fff;color:#1b1f24;max-width:100%}"
	".combo input{width:100%}"
	"textarea{width:100%;min-height:12rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92rem}"
	".big input{font-size:1.2rem;padding:.6rem .75rem}.big button{font-size:1.1rem;padding:.6rem 1.1rem}"
	"#q-list{position:absolute;z-index:5;left:0;right:0;top:100%;margin:2px 0 0;padding:0;list-style:none;"
	"background:#fff;border:1px solid #6b7480;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.15)}"
	"#q-list li a{display:block;padding:.4rem .6rem;color:#1b1f24;text-decoration:none}"
	"#q-list li[aria-selected=true] a,#q-list li a:hover{background:#e3ecf6}"
	".sugg-code{font-weight:700;margin-right:.4rem;color:#0b3564}"
	".sugg-sys{font-size:.8rem;color:#4a5360;margin-left:.4rem}"
	".meter{max-width:68rem;margin:.8rem auto 0;padding:.55rem 1.25rem;background:#fff7dd;"
	"border:1px solid #d8b54a;border-radius:8px}"
	".meter.out{background:#fde8e6;border-color:#c9473c}"
	"main{max-width:68rem;margin:0 auto;padding:1rem 1.25rem 2rem}"
	"main>h1{font-size:1.8rem;margin:.4rem 0 .6rem}"
	".card{background:#fff;border:1px solid #d5dae0;border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}"
	".cards h2{font-size:1.1rem;margin:.1rem 0 .3rem}"
	".field{margin:0 0 .9rem}.field label{display:block;font-weight:600;margin-bottom:.2rem}"
	".field input[type=email],.field input[type=password],.field input[type=text]{width:100%;max-width:26rem}"
	".hint{font-size:.88rem;color:#4a5360;margin:.15rem 0 0}"
	".error{color:#a3201a;font-weight:600}"
	".alert{border:1px solid #c9473c;background:#fde8e6;border-radius:8px;padding:.6rem .9rem;margin:0 0 1rem}"
	".ok{border:1px solid #3f8f4f;background:#e7f5ea;border-radius:8px;padding:.6rem .9rem;margin:0 0 1rem}"
	".results{list-style:none;padding:0;margin:0}"
	".results li{background:#fff;border:1px solid #d5dae0;border-radius:8px;padding:.6rem .9rem;margin:0 0 .5rem}"
	".results .code{font-weight:700;font-size:1.05rem}"
	".tag{display:inline-block;font-size:.78rem;border:1px solid #6b7480;border-radius:4px;padding:0 .3rem;"
	"margin-left:.4rem;color:#3a434e}"
	"mark{background:#ffe08a;color:#1b1f24;border-radius:3px;padding:0 .1rem}"
	"pre.out{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #d5dae0;border-radius:8px;"
	"padding:.8rem;font-size:.92rem}"
	/* the document (publish/render.c fragments) */
	".doc .kind{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#4a5360;margin:0}"
	".doc h1{font-size:1.9rem;margin:.2rem 0}"
	".doc .title{font-size:1.15rem;color:#2d3540;margin:.2rem 0 .4rem}"
	".doc .date{color:#4a5360;font-size:.9rem;margin:0 0 1rem}"
	".doc section{background:#fff;border:1px solid #d5dae0;border-radius:8px;padding:.5rem 1.25rem 1rem;margin:0 0 1.25rem}"
	".doc h2{font-size:1.3rem;border-bottom:2px solid #2f6fb3;padding-bottom:.3rem}"
	".doc h3{font-size:1.02rem;margin:1.1rem 0 .3rem;color:#2d3540}"
	".doc p{margin:.3rem 0}"
	".doc .missing{color:#7a4f00;font-style:italic}"
	".doc .src{font-size:.8rem;color:#4a5360;margin:.1rem 0 .6rem}"
	"table{border-collapse:collapse;width:100%;margin:.4rem 0 .8rem;font-size:.92rem}"
	"th,td{border:1px solid #d5dae0;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
	"th{background:#eef2f7}"
	".doc td.src{font-size:.78rem;color:#4a5360;width:16%}"
	".doc tr.error td:first-child{color:#a3201a;font-weight:600}"
	".doc tr.warning td:first-child{color:#7a4f00;font-weight:600}"
	".doc ul{margin:.3rem 0 .4rem 1.2rem;padding:0}"
	".doc footer{font-size:.85rem;color:#4a5360}"
	".wall{background:#fff;border:2px solid #c9473c;border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}"
	"footer.site{max-width:68rem;margin:0 auto;padding:1rem 1.25rem 2rem;font-size:.85rem;color:#4a5360}"
	"@media (max-width:40rem){.acct{margin-left:0}.bar{padding:.5rem .9rem}main{padding:.8rem .9rem 1.5rem}"
	".doc section{padding:.4rem .7rem .8rem}th,td{padding:.25rem .35rem}}";

/* Type-ahead for the search box (an ARIA 1.2 combobox over a listbox):
 * suggestions from GET /api/v1/search?prefix=true, arrows to move, Enter
 * to open the code page, Escape to close.  Without it the form posts. */
const char mc_web_js[] =
	"(function(){\n"
	"'use strict';\n"
	"var input=document.getElementById('q'),list=document.getElementById('q-list');\n"
	"if(!input||!list)return;\n"
	"var timer=0,seq=0,active=-1,opts=[];\n"
	"input.setAttribute('role','combobox');\n"
	"input.setAttribute('aria-autocomplete','list');\n"
	"input.setAttribute('aria-expanded','false');\n"
	"input.setAttribute('aria-controls','q-list');\n"
	"function close(){list.hidden=true;list.textContent='';opts=[];active=-1;"
	"input.setAttribute('aria-expanded','false');input.removeAttribute('aria-activedescendant');}\n"
	"function mark(i){opts.forEach(function(li,j){li.setAttribute('aria-selected',j===i?'true':'false');});"
	"active=i;if(i>=0)input.setAttribute('aria-activedescendant',opts[i].id);"
	"else input.removeAttribute('aria-activedescendant');}\n"
	"function show(rs){list.textContent='';opts=[];active=-1;\n"
	" rs.forEach(function(r,i){var li=document.createElement('li');li.id='q-opt-'+i;"
	"li.setAttribute('role','option');li.setAttribute('aria-selected','false');\n"
	"  var a=document.createElement('a');a.tabIndex=-1;"
	"a.href='/codes/'+encodeURIComponent(r.code)+'?system='+encodeURIComponent(r.system);\n"
	"  var c=document.createElement('span');c.className='sugg-code';c.textContent=r.code;a.appendChild(c);\n"
	"  a.appendChild(document.createTextNode(r.title));\n"
	"  var s=document.createElement('span');s.className='sugg-sys';s.textContent=r.system;a.appendChild(s);\n"
	"  li.appendChild(a);list.appendChild(li);opts.push(li);});\n"
	" list.hidden=!rs.length;input.setAttribute('aria-expanded',rs.length?'true':'false');}\n"
	"function suggest(){var q=input.value.trim(),my=++seq;if(q.length<2){close();return;}\n"
	" fetch('/api/v1/search?prefix=true&limit=8&q='+encodeURIComponent(q),{credentials:'same-origin'})"
	".then(function(r){return r.ok?r.json():{results:[]};})"
	".then(function(j){if(my===seq)show(j.results||[]);}).catch(close);}\n"
	"input.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(suggest,120);});\n"
	"input.addEventListener('keydown',function(e){\n"
	" if(e.key==='ArrowDown'&&opts.length){e.preventDefault();mark((active+1)%opts.length);}\n"
	" else if(e.key==='ArrowUp'&&opts.length){e.preventDefault();mark(active<=0?opts.length-1:active-1);}\n"
	" else if(e.key==='Enter'&&active>=0){e.preventDefault();location.href=opts[active].firstChild.href;}\n"
	" else if(e.key==='Escape'){close();}});\n"
	"input.addEventListener('blur',function(){setTimeout(close,200);});\n"
	"})();\n";

static const struct { const char *id, *href, *label; } NAV[] = {
	{ "ask", "/ask", "Ask" },
	{ "search", "/search", "Search" },
	{ "redact", "/redact", "Redact PHI" },
	{ "detect", "/detect", "Detect ICD-10-CM" },
	{ "publish", "/publish", "Publish" },
};

void mc_web_csrf_field(mc_html *h, const char *csrf)
{
	mc_html_raw(h, "<input type=\"hidden\" name=\"csrf\" value=\"");
	mc_html_text(h, csrf ? csrf : "");
	mc_html_raw(h, "\">");
}

void mc_web_search_form(mc_html *h, const char *query, bool large)
{
	mc_html_raw(h, large ? "<form class=\"search big\" role=\"search\" action=\"/search\" method=\"get\">"
			     : "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">");
	mc_html_raw(h, "<label class=\"vh\" for=\"q\">Search codes by words or code</label>"
		       "<div class=\"combo\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" "
		       "maxlength=\"1000\" placeholder=\"Code or words: 0620T, DM2 w/ neuropathy, knee MRI\" value=\"");
	mc_html_text(h, query ? query : "");
	mc_html_raw(h, "\"><ul id=\"q-list\" role=\"listbox\" aria-label=\"Suggestions\" hidden></ul></div>"
		       "<button type=\"submit\">Search</button></form>\n");
}

void mc_web_layout(mc_html *h, const mc_web_page *p, const char *main_html, size_t main_len)
{
	mc_html_raw(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	mc_html_text(h, p->title ? p->title : "medcode");
	mc_html_raw(h, " · medcode</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
		       "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
		       "<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site\">\n<div class=\"bar\">"
		       "<a class=\"brand\" href=\"/\">medcode</a>\n<nav aria-label=\"Tools\"><ul>");
	for (size_t i = 0; i < sizeof(NAV) / sizeof(NAV[0]); i++) {
		mc_html_printf(h, "<li><a href=\"%s\"%s>%s</a></li>", NAV[i].href,
			       p->active && strcmp(p->active, NAV[i].id) == 0 ? " aria-current=\"page\"" : "",
			       NAV[i].label);
	}
	mc_html_raw(h, "</ul></nav>\n<div class=\"acct\">");
	if (p->user) {
		mc_html_raw(h, "<a href=\"/account\">");
		mc_html_text(h, p->user);
		mc_html_raw(h, "</a><form method=\"post\" action=\"/logout\">");
		mc_web_csrf_field(h, p->csrf);
		mc_html_raw(h, "<button type=\"submit\">Log out</button></form>");
	} else {
		mc_html_raw(h, "<a href=\"/login\">Log in</a><a class=\"btn\" href=\"/register\">Register free account</a>");
	}
	mc_html_raw(h, "</div>\n</div>\n");
	if (!p->home) {
		mc_html_raw(h, "<div class=\"hsearch\">");
		mc_web_search_form(h, p->query, false);
		mc_html_raw(h, "</div>\n");
	}
	mc_html_raw(h, "</header>\n");
	if (p->meter) {
		mc_html_raw(h, p->meter_out ? "<p class=\"meter out\" role=\"status\">" : "<p class=\"meter\" role=\"status\">");
		mc_html_text(h, p->meter);
		if (!p->user)
			mc_html_raw(h, " <a href=\"/register\">Register free account</a> · <a href=\"/login\">Log in</a>");
		mc_html_raw(h, "</p>\n");
	}
	mc_html_raw(h, "<main id=\"main\">\n");
	mc_html_rawn(h, main_html, main_len);
	mc_html_raw(h, "</main>\n<footer class=\"site\"><p>Every fact comes from an official release file, "
		       "named with its release, or from your input; what is missing says so. "
		       "CPT is a registered trademark of the American Medical Association; CPT descriptors appear "
		       "only from the licensed files imported here.</p></footer>\n</body>\n</html>\n");
}
