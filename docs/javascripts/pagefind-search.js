/*
 * Papershelf search: Material's own search box, result list and keyboard handling, with
 * results from Pagefind (site/pagefind/, written after `mkdocs build` by
 * generator/search_index.py). overrides/main.html replaces Material's lunr worker by a
 * stub, so the collection is never downloaded whole: Pagefind fetches its small runtime
 * when the search box gets focus, then only the index chunks of the words typed and the
 * fragments of the results shown (10 at a time, more on scrolling).
 *
 * Material keeps doing what it does from the markup: opening and closing the search
 * dialog, Enter (follows the result with the highest data-md-score), arrow keys, Escape,
 * closing on a result click, `?q=` deep links, and search.highlight (`?h=` on the result
 * links, read by Material on the page reached).
 *
 * Loaded once, at the end of <body>, outside the content that navigation.instant replaces:
 * the header's search box survives instant navigation, so nothing has to be mounted again
 * on Material's document$.
 */
(function () {
  "use strict"
  var form = document.forms.namedItem("search")
  var configElement = document.getElementById("__config")
  if (!form || !configElement || !document.currentScript) return
  var config = JSON.parse(configElement.textContent)
  var bundle = new URL("../pagefind/pagefind.js", document.currentScript.src).href
  var input = form.elements.namedItem("query")
  var result = document.querySelector("[data-md-component=search-result]")
  var meta = result.querySelector(".md-search-result__meta")
  var list = result.querySelector(".md-search-result__list")
  var scroller = result.parentElement
  var highlight = config.features.indexOf("search.highlight") !== -1
  var PAGE = 10
  var DEBOUNCE = 60

  function translation(key, value) {
    return config.translations[key].replace("#", String(value))
  }

  // Material's rounding of the result count (1234 -> "1.2k").
  function round(n) {
    if (n > 999) return ((n + 0.000001) / 1000).toFixed(+((n - 950) % 1000 > 99)) + "k"
    return String(n)
  }

  var pagefind = null
  function load() {
    if (!pagefind) {
      pagefind = import(bundle).then(function (module) {
        return module.init().then(function () { return module })
      })
      pagefind.catch(function (error) {
        pagefind = null
        meta.textContent = "Search is unavailable"
        console.error("Pagefind could not be loaded from " + bundle, error)
      })
    }
    return pagefind
  }

  function render(data, score, query) {
    var url = new URL(data.url, location.href)
    if (highlight) url.searchParams.set("h", query)
    var item = document.createElement("li")
    item.className = "md-search-result__item"
    var link = document.createElement("a")
    link.className = "md-search-result__link"
    link.href = url.href
    link.tabIndex = -1
    var article = document.createElement("article")
    article.className = "md-search-result__article md-typeset"
    article.setAttribute("data-md-score", score.toFixed(2))
    var icon = document.createElement("div")
    icon.className = "md-search-result__icon md-icon"
    var title = document.createElement("h1")
    title.textContent = (data.meta && data.meta.title) || data.url
    article.append(icon, title)
    if (data.meta && data.meta.authors) {
      var authors = document.createElement("p")
      authors.textContent = data.meta.authors
      article.append(authors)
    }
    var excerpt = document.createElement("p")
    excerpt.innerHTML = data.excerpt  // Pagefind escapes the text and adds only <mark>
    article.append(excerpt)
    link.append(article)
    item.append(link)
    return item
  }

  var current = null   // {query, results, shown, busy}
  var sequence = 0
  var timer = 0

  // The next page of results: their fragments are fetched only now.
  function more(state) {
    if (state !== current || state.busy || state.shown >= state.results.length)
      return Promise.resolve()
    state.busy = true
    var slice = state.results.slice(state.shown, state.shown + PAGE)
    return Promise.all(slice.map(function (r) { return r.data() })).then(function (pages) {
      if (state !== current) return
      if (state.shown === 0) {
        var n = state.results.length
        meta.textContent = n === 1 ? translation("search.result.one")
          : translation("search.result.other", round(n))
        list.innerHTML = ""
      }
      pages.forEach(function (data, i) {
        list.appendChild(render(data, slice[i].score, state.query))
      })
      state.shown += slice.length
      state.busy = false
      // Keep going while the list does not fill the dialog yet.
      if (scroller.scrollHeight <= scroller.clientHeight + 200) return more(state)
    })
  }

  function search(value) {
    var query = value.trim()
    var id = ++sequence
    clearTimeout(timer)
    if (!query) {
      current = null
      list.innerHTML = ""
      meta.textContent = translation("search.result.placeholder")
      return
    }
    load().then(function (pf) {
      pf.preload(query)  // starts fetching the chunks while the typing goes on
      timer = setTimeout(function () {
        pf.search(query).then(function (found) {
          if (id !== sequence || !found) return
          current = { query: query, results: found.results, shown: 0, busy: false }
          if (!found.results.length) {
            list.innerHTML = ""
            meta.textContent = translation("search.result.none")
            return
          }
          return more(current)
        })
      }, DEBOUNCE)
    })
  }

  meta.textContent = translation("search.result.placeholder")
  input.addEventListener("focus", function () { load() })
  input.addEventListener("input", function () { search(input.value) })
  form.addEventListener("reset", function () { setTimeout(function () { search("") }) })
  scroller.addEventListener("scroll", function () {
    if (current && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 200)
      more(current)
  }, { passive: true })

  // A `?q=` deep link: Material filled in the query before this script ran.
  if (input.value) search(input.value)
})()
