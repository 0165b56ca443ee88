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

/**
 * As fill, for a view a live lab redraws every frame: each element of the new children that has a data-testid and is
 * drawn exactly as an element of the old ones (isEqualNode) is that old element, moved into place. So only what changed
 * is replaced, and a button about to be pressed stays the element it was: a pointer or a browser driver that found it
 * a frame ago still finds it, and its listeners, made for what it shows, do what they did.
 */
export function redraw(id: string, ...children: Child[]): void {
  const target = document.getElementById(id);
  if (!target) return;
  const drawn = new Map<string, Element[]>();
  for (const old of target.querySelectorAll('[data-testid]')) {
    const key = old.getAttribute('data-testid')!;
    drawn.set(key, [...(drawn.get(key) ?? []), old]);
  }
  const next = children.filter((c): c is Node | string => c !== undefined && c !== false);
  const reuse = (node: Element): Element => {
    const candidates = drawn.get(node.getAttribute('data-testid') ?? '');
    // Still in the old tree: not already moved into the new one, alone or inside an ancestor kept whole.
    const same = candidates?.findIndex((old) => target.contains(old) && old.isEqualNode(node)) ?? -1;
    if (same >= 0) return candidates!.splice(same, 1)[0];
    for (const child of [...node.children]) {
      const kept = reuse(child);
      if (kept !== child) child.replaceWith(kept);
    }
    return node;
  };
  target.replaceChildren(...next.map((c) => (c instanceof Element ? reuse(c) : c)));
}
