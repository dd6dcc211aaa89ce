// Filters an index page's list by status, topic, tag and year, in the browser. Each paper
// is a <dt data-ps-status data-ps-year data-ps-topics data-ps-tags> (written by the
// generator) followed by its <dd>s. The form (overrides/partials/filter.html) is hidden
// until this script shows it: without JavaScript every paper is listed.
document$.subscribe(({ body }) => {
  const form = body.querySelector("form.ps-filter");
  if (!form) return;
  const items = Array.from(body.querySelectorAll("dt[data-ps-status]"));
  if (items.length < 2) return;
  const content = form.closest(".md-content__inner") || body;
  const first = content.querySelector("h2, dl");
  if (first) first.before(form);
  form.hidden = false;
  const count = form.querySelector(".ps-filter__count");

  const matches = (item, chosen) =>
    (!chosen.status || item.dataset.psStatus === chosen.status) &&
    (!chosen.year || item.dataset.psYear === chosen.year) &&
    (!chosen.topic || item.dataset.psTopics.split(" ").includes(chosen.topic)) &&
    (!chosen.tag || item.dataset.psTags.split(" ").includes(chosen.tag));

  const apply = () => {
    const chosen = Object.fromEntries(new FormData(form));
    let shown = 0;
    for (const item of items) {
      const visible = matches(item, chosen);
      shown += visible;
      item.hidden = !visible;
      for (let next = item.nextElementSibling; next && next.tagName === "DD";
           next = next.nextElementSibling) {
        next.hidden = !visible;
      }
    }
    // A group whose papers are all hidden loses its heading too.
    content.querySelectorAll("dl").forEach((list) => {
      const empty = !list.querySelector("dt:not([hidden])");
      list.hidden = empty;
      const heading = list.previousElementSibling;
      if (heading && /^H[23]$/.test(heading.tagName)) heading.hidden = empty;
    });
    // A heading over groups ("Date unknown" above its initials) goes when all of them went.
    content.querySelectorAll("h2").forEach((heading) => {
      let lists = 0, listed = 0;
      for (let next = heading.nextElementSibling; next && next.tagName !== "H2";
           next = next.nextElementSibling) {
        if (next.tagName === "DL") {
          lists += 1;
          listed += !next.hidden;
        }
      }
      if (lists) heading.hidden = !listed;
    });
    const filtered = shown !== items.length;
    count.textContent = filtered ? `${shown} of ${items.length} papers shown` : "";
  };
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  apply();
});
