// The one way the page builds elements: h('p', { class: 'note' }, 'text'). Text from the
// services is always set as text (never as HTML), so nothing they send can become markup.
export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | Handler | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element, ...children: Child[]): void {
  element.replaceChildren();
  append(element, children);
}

let nextId = 0;
/** A fresh id for label/for and aria-describedby pairs. */
export function uid(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

/** A labelled input: the label, the field, and the field itself to read later. */
export function field(label: string, attrs: Attrs): { row: HTMLElement; input: HTMLInputElement } {
  const id = uid(String(attrs.name ?? 'field'));
  const input = h('input', { id, ...attrs });
  return { row: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

/** Where an action says how it went, next to the control that started it. */
export function outlet(): HTMLElement {
  return h('p', { class: 'outcome', id: uid('outcome'), 'aria-live': 'polite' });
}

export function money(amount: number): string {
  return amount.toFixed(2);
}

export function when(iso: string): string {
  return `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}

export function day(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
