/** A small element builder for the page's views: tag, attributes (data-testid among them), children. */
export type Child = Node | string | undefined | false;

export function el(tag: string, attrs: Record<string, string | ((e: Event) => void)> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name, value);
    else element.setAttribute(name, value);
  }
  for (const child of children) if (child !== undefined && child !== false) element.append(child);
  return element;
}

/** Replaces the children of the element with this id. */
export function fill(id: string, ...children: Child[]): void {
  const target = document.getElementById(id);
  if (target) target.replaceChildren(...children.filter((c): c is Node | string => c !== undefined && c !== false));
}
