// Progressive enhancement only. A page that follows work running in the background (a selection
// run) marks the part that shows it: <div id="..." data-cw-refresh="5">. Every 5 seconds that part
// is read again from the server and put in place if it has changed, and what changed in its
// [data-cw-news] elements is read out politely by the live region "<id>-news". The reader keeps
// their place: only that part changes, never the whole page. Once the work has ended the server
// sends the part unmarked, and the updates stop. The page's "Stop updating this page" link opens it
// without the mark. Without JavaScript, a meta refresh in <noscript> reloads the page instead.
const live = document.querySelector("[data-cw-refresh]");

if (live && live.id && "fetch" in window && "DOMParser" in window) {
  const news = document.getElementById(`${live.id}-news`);
  const every = Math.max(1, Number(live.dataset.cwRefresh) || 5) * 1000;
  const told = (part) =>
    [...part.querySelectorAll("[data-cw-news]")].map((el) => el.textContent.trim()).join(" ");
  let last = told(live);

  const check = async () => {
    let fresh = null;
    try {
      const response = await fetch(window.location.href, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      });
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        fresh = page.getElementById(live.id);
      }
    } catch (error) {
      fresh = null; // offline for a moment: look again next time
    }
    if (fresh && fresh.innerHTML !== live.innerHTML) {
      live.innerHTML = fresh.innerHTML;
      const now = told(live);
      if (news && now && now !== last) {
        news.textContent = now;
      }
      last = now;
    }
    if (!fresh || fresh.hasAttribute("data-cw-refresh")) {
      window.setTimeout(check, every);
    }
  };

  window.setTimeout(check, every);
}
