// Render the math of curator notes with the bundled KaTeX. Only elements that the
// pymdownx.arithmatex extension produced are touched: listing text stays as it was
// written, dollar signs and all. document$ fires on every (instant) page load.
document$.subscribe(({ body }) => {
  body.querySelectorAll(".arithmatex").forEach((element) => {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  });
});
