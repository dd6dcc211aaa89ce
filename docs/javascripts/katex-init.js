// Render the math of curator notes with the bundled KaTeX. Only elements that the
// pymdownx.arithmatex extension produced are touched: listing text stays as it was
// written, dollar signs and all. document$ fires on every (instant) page load.
// A formula KaTeX cannot parse is shown in red (throwOnError: false); one that breaks it
// otherwise (a stack overflow on thousands of nested braces) stays as its source, and the
// other formulas of the page are still typeset.
document$.subscribe(({ body }) => {
  body.querySelectorAll(".arithmatex").forEach((element) => {
    try {
      renderMathInElement(element, {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true },
        ],
        throwOnError: false,
      });
    } catch (error) {
      element.classList.add("ps-math-error");
      element.title = "This formula could not be typeset";
    }
  });
});
