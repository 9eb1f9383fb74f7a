// DOM helpers for the pages: every piece of text goes in through textContent, never as markup (the pages run under
// Trusted Types, which would refuse a string given to innerHTML anyway).

/**
 * @param {string} tag @param {Record<string, string>} [attributes] @param {...(Node|string)} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** Replaces what a container shows. @param {Element} container @param {...(Node|string)} children */
export function show(container, ...children) {
  container.replaceChildren(...children.map((c) => (typeof c === 'string' ? document.createTextNode(c) : c)));
}

/** A button that copies text and says so. @param {string} label @param {() => string} text */
export function copyButton(label, text) {
  const button = el('button', { type: 'button', class: 'copy' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed: select the text and copy it';
    }
    setTimeout(() => (button.textContent = label), 2500);
  });
  return button;
}
