/*
 * Stands in for Material's lunr search worker (overrides/main.html points __config's
 * "search" here). Material sends it the search index once; it never answers, so Material
 * never reports itself ready and leaves the result list to javascripts/pagefind-search.js,
 * which searches with Pagefind instead.
 */
