// Loaded first in <body>, before anything is drawn: tells GOV.UK Frontend's styles that JavaScript
// runs, and whether this browser runs its modules. A file rather than an inline script, so that the
// Content-Security-Policy allows no inline script at all.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
