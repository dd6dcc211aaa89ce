// Render math with the bundled KaTeX. Only two kinds of element are touched, so that other
// text stays as it was written, dollar signs and all:
// - the math of curator notes, as the pymdownx.arithmatex extension marks it ("\(...\)");
// - ".ps-math": a formula in a title or abstract, its source as the listing printed it
//   ("$...$" or "$$...$$"), found by the generator (generator/tex.py).
// A formula KaTeX cannot parse is shown in red (throwOnError: false); one that breaks it
// otherwise (a stack overflow on thousands of nested braces) stays as its source, and the
// other formulas of the page are still typeset. document$ fires on every (instant) page
// load.
function psFailed(element) {
  element.classList.add("ps-math-error");
  element.title = "This formula could not be typeset";
}

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
      psFailed(element);
    }
  });
  body.querySelectorAll(".ps-math").forEach((element) => {
    const source = element.textContent;
    const fence = source.startsWith("$$") ? 2 : 1;
    try {
      katex.render(source.slice(fence, -fence), element, { throwOnError: false });
      // KaTeX writes MathML beside the typeset formula: what a screen reader reads.
      element.classList.add("ps-math--typeset");
    } catch (error) {
      element.textContent = source;
      psFailed(element);
    }
  });
});
