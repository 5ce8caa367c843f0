// The catalog's filters, search and sorting: plain JavaScript over the
// index in search-index.js, so it works from disk and from any static host.
// Without it the catalog is still the full table.
(() => {
  'use strict';
  const index = window.ordinanceSearchIndex;
  const table = document.getElementById('catalog');
  const controls = document.getElementById('catalog-controls');
  const count = document.getElementById('catalog-count');
  if (!index || !table || !controls || !count) return;
  const search = document.getElementById('search');
  const status = document.getElementById('status-filter');
  const kind = document.getElementById('kind-filter');
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const WORD = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;

  // The first word of the sorted vocabulary that is not below `prefix`.
  function lowerBound(prefix) {
    let lo = 0;
    let hi = index.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // The ordinances holding a word that begins with `prefix`.
  function holding(prefix) {
    const found = new Set();
    for (let i = lowerBound(prefix); i < index.words.length && index.words[i].startsWith(prefix); i++) {
      for (const n of index.postings[i]) found.add(index.ordinances[n]);
    }
    return found;
  }

  // The ordinances holding every word of the query (each as the start of a word), or null for no query.
  function matching(query) {
    const words = query.toLowerCase().match(WORD) || [];
    if (words.length === 0) return null;
    let result = null;
    for (const word of words) {
      const found = holding(word);
      result = result === null ? found : new Set([...result].filter((slug) => found.has(slug)));
    }
    return result;
  }

  function apply() {
    const found = matching(search.value);
    let shown = 0;
    for (const row of rows) {
      const visible =
        (status.value === '' || row.dataset.status === status.value || (status.value === 'final' && row.dataset.final === 'true') || (status.value === 'not-final' && row.dataset.final !== 'true')) &&
        (kind.value === '' || row.dataset.type === kind.value) &&
        (found === null || found.has(row.dataset.slug));
      row.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = `${shown} of ${rows.length} shown`;
  }

  function sortBy(button) {
    const th = button.closest('th');
    const key = button.dataset.sortKey;
    const column = th.cellIndex;
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const value = (row) => (key ? row.dataset[key] : row.cells[column].textContent) || '';
    const sorted = rows.slice().sort((a, b) => value(a).localeCompare(value(b), undefined, { numeric: true }) * (ascending ? 1 : -1));
    for (const row of sorted) body.appendChild(row);
  }

  for (const button of table.querySelectorAll('button.sort')) button.addEventListener('click', () => sortBy(button));
  search.addEventListener('input', apply);
  status.addEventListener('change', apply);
  kind.addEventListener('change', apply);
  controls.addEventListener('submit', (event) => event.preventDefault());
  controls.hidden = false;
  apply();
})();
